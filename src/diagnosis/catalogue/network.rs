//! Checks of failures without an HTTP status: the URL could not be used, the name did not
//! resolve, nothing listened, the connection broke, TLS failed, time ran out, redirects did not
//! settle, the body was too big, or the cause is unknown.

scope! {
    /// The URL or a header could not be used, so nothing was sent.
    pub mod url ("url", "Invalid URL or header (nothing was sent)") {
        SCHEME = "url.scheme" {
            tier: Sent,
            title: "The URL has an http or https scheme",
            inspects: "Fails when the scheme is missing (the URL was read as a relative path), \
                doubled (`https://https://`), a typo for http or https, or another protocol.",
            standard: "RFC 9110 §4.2 (http and https URIs)",
        }
        PLACEHOLDER_HOST = "url.placeholder-host" {
            tier: Sent,
            title: "The host is resolved",
            inspects: "Fails when the host still holds `{{` or its percent-encoded form: a \
                variable was not resolved.",
            standard: "None — a template left unrendered",
        }
        PORT = "url.port" {
            tier: Sent,
            title: "The port is valid",
            inspects: "Fails when the port is not a number between 1 and 65535.",
            standard: "RFC 3986 §3.2.3",
        }
        HOST_CHARS = "url.host-chars" {
            tier: Sent,
            title: "The host name is well-formed",
            inspects: "Fails when the host contains a space or a backslash, or is an IPv6 literal \
                without brackets.",
            standard: "RFC 3986 §3.2.2",
        }
        EMPTY_HOST = "url.empty-host" {
            tier: Sent,
            title: "The URL has a host",
            inspects: "Fails when the URL has a scheme but an empty host (`http:///path`).",
            standard: "RFC 9110 §4.2.1 (an http URI has a non-empty host)",
        }
        HEADER_VALUE = "url.header-value" {
            tier: Sent,
            title: "Header values are valid",
            inspects: "Fails quoting the client's error when a header value holds a line break or \
                another control character (a pasted token with a trailing newline?).",
            standard: "RFC 9110 §5.5 (CR, LF and NUL are invalid in field values)",
        }
        HEADER_NAME = "url.header-name" {
            tier: Sent,
            title: "Header names are valid tokens",
            inspects: "Fails quoting the client's error when a header name holds a character a \
                field name may not (a space, a colon).",
            standard: "RFC 9110 §5.1 (field names are tokens)",
        }
        INVALID = "url.invalid" {
            tier: Sent,
            title: "The URL can be used",
            inspects: "Fails quoting the client's error when none of the URL checks above explains \
                why the request could not be built.",
            standard: "RFC 3986; RFC 9110 §4.2",
        }
    }
}

scope! {
    /// The host name did not resolve; the request never left this machine.
    pub mod dns ("dns", "DNS lookup failed") {
        KIND = "dns.kind" {
            tier: Stated,
            title: "The host name resolves",
            inspects: "Fails quoting the resolver: a temporary failure (retry after checking the \
                network or VPN) or a name that does not exist.",
            standard: "RFC 3493 §6.1 (getaddrinfo: EAI_AGAIN, EAI_NONAME)",
        }
        TYPO = "dns.typo" {
            tier: Sent,
            title: "The host name is spelled as elsewhere",
            inspects: "Fails when a host seen earlier in the session or in the collection's \
                variables is within two edits of this one, naming the most used.",
            standard: "None — a typo of a known host",
        }
        PRIVATE_ZONE = "dns.private-zone" {
            tier: Sent,
            title: "The name is public",
            inspects: "Fails (possible) when the host ends in a private zone (`.internal`, \
                `.local`, `.lan`, `.corp`, `.home.arpa`, `.svc`, `.cluster.local`, `.consul`): \
                it resolves only inside its VPN or cluster network.",
            standard: "RFC 6762 (.local); RFC 8375 (.home.arpa); ICANN .internal",
        }
        FROM_VARIABLE = "dns.from-variable" {
            tier: Sent,
            title: "The host comes from the intended variable",
            inspects: "Cannot tell, but shows it: which variable and which environment or file \
                the host came from, and its value.",
            standard: "None — where the collection's variables come from",
        }
        OFFLINE = "dns.offline" {
            tier: Heuristic,
            title: "This machine is online",
            inspects: "With at least two requests in the last minute: fails when every one failed \
                to resolve (you appear to be offline), passes when others resolved.",
            standard: "None — the session's recent requests",
        }
        PROXY = "dns.proxy" {
            tier: Sent,
            title: "The proxy host resolves",
            inspects: "Fails (possible) when the request went via a proxy: the name that did not \
                resolve may be the proxy's own.",
            standard: "The HTTP_PROXY conventions curl and reqwest follow",
        }
    }
}

scope! {
    /// No connection could be opened; the request was not sent.
    pub mod refused ("refused", "Connection failed") {
        TARGET = "refused.target" {
            tier: Stated,
            title: "Something listens on the port",
            inspects: "Fails naming the address tried (and the others): refused means the host \
                answered but nothing listens on that port; other errors are quoted.",
            standard: "RFC 9293 §3.5 (a reset answers a connection to a closed port)",
        }
        SCHEME_PORT = "refused.scheme-port" {
            tier: Sent,
            title: "The port fits the scheme",
            inspects: "Fails (possible) for https:// on port 80 or http:// on port 443.",
            standard: "RFC 9110 §4.2.1, §4.2.2 (default ports 80 and 443)",
        }
        LOCALHOST_FAMILY = "refused.localhost-family" {
            tier: Sent,
            title: "localhost reaches the server's address family",
            inspects: "Fails (possible) when `localhost` resolved to IPv6 first and it refused: \
                the server may listen on 127.0.0.1 only.",
            standard: "RFC 6761 §6.3 (localhost)",
        }
        PROXY = "refused.proxy" {
            tier: Sent,
            title: "The proxy accepts connections",
            inspects: "Fails when the request went via a proxy: the proxy refused, and the API was \
                never contacted.",
            standard: "The HTTP_PROXY conventions curl and reqwest follow",
        }
        WORKED_BEFORE = "refused.worked-before" {
            tier: Heuristic,
            title: "The service is running",
            inspects: "Fails when the same host and port answered earlier in the session: the \
                service is probably down or restarting.",
            standard: "None — the session's earlier answers",
        }
    }
}

scope! {
    /// The connection closed before a complete response.
    pub mod reset ("reset", "Connection reset") {
        PHASE = "reset.phase" {
            tier: Stated,
            title: "The connection stayed open until the response was complete",
            inspects: "Fails saying when it broke (connecting, after the request was sent, while \
                the body was read) and whether a retry is safe: yes for idempotent methods, \
                otherwise check first.",
            standard: "RFC 9110 §9.2.2 (retrying after a communication failure)",
        }
        H2 = "reset.h2" {
            tier: Stated,
            title: "The HTTP/2 stream was processed",
            inspects: "Fails on REFUSED_STREAM or GOAWAY (not processed: any method may be \
                retried) or another HTTP/2 stream reset (PROTOCOL_ERROR, INTERNAL_ERROR, CANCEL).",
            standard: "RFC 9113 §8.7 (request reliability)",
        }
        UPLOAD_SIZE = "reset.upload-size" {
            tier: Heuristic,
            title: "The body is within the server's size limit",
            inspects: "Fails (possible) when the connection broke while sending a body over 1 MB: \
                the server may enforce a size limit and skip the 413.",
            standard: "RFC 9110 §15.5.14 (the server may close the connection)",
        }
        TLS_TO_PLAIN = "reset.tls-to-plain" {
            tier: Sent,
            title: "The port speaks TLS",
            inspects: "Fails (possible) when an https:// request to a port other than 443 was reset \
                while connecting: the port may not speak TLS, or a firewall blocks the SNI.",
            standard: "RFC 8446 (TLS 1.3 handshake)",
        }
    }
}

scope! {
    /// The TLS handshake failed; the request was not sent.
    pub mod tls ("tls", "TLS handshake failed") {
        PLAIN_PORT = "tls.plain-port" {
            tier: Sent,
            title: "The port speaks TLS",
            inspects: "Fails when the answer to the handshake was not TLS (InvalidContentType, \
                \"wrong version number\"): the port speaks plain HTTP.",
            standard: "RFC 8446 §5 (record layer)",
        }
        HOSTNAME = "tls.hostname" {
            tier: Stated,
            title: "The certificate is for this host",
            inspects: "Fails when the certificate does not cover the host, quoting the names it \
                is valid for: a wildcard covers one label only, and IP addresses need IP SANs.",
            standard: "RFC 6125 §6 (service identity); RFC 5280 §4.2.1.6",
        }
        UNKNOWN_ISSUER = "tls.unknown-issuer" {
            tier: Stated,
            title: "The certificate's issuer is trusted",
            inspects: "Fails when the issuer is not trusted by this machine (self-signed, a \
                private CA, or a TLS-inspecting proxy).",
            standard: "RFC 5280 §6 (path validation)",
        }
        VALIDITY = "tls.validity" {
            tier: Stated,
            title: "The certificate is within its validity period",
            inspects: "Fails when the certificate has expired or is not valid yet (or this \
                machine's clock is wrong).",
            standard: "RFC 5280 §4.1.2.5 (validity)",
        }
        ALERT = "tls.alert" {
            tier: Stated,
            title: "The server accepted the handshake",
            inspects: "Fails quoting the server's alert, explaining a required client certificate \
                (mTLS) or no common TLS version (rustls speaks TLS 1.2 and 1.3).",
            standard: "RFC 8446 §6 (alerts)",
        }
        HANDSHAKE = "tls.handshake" {
            tier: Stated,
            title: "The TLS handshake completes",
            inspects: "Fails quoting the error when no more specific TLS check explains it.",
            standard: "RFC 8446",
        }
        PROXY_MITM = "tls.proxy-mitm" {
            tier: Answerer,
            title: "No proxy re-signs the traffic",
            inspects: "Fails (possible) when the issuer is unknown and the request went via a \
                proxy: it likely re-signs TLS with its own CA.",
            standard: "The HTTP_PROXY conventions curl and reqwest follow",
        }
    }
}

scope! {
    /// No complete response arrived within the time limit.
    pub mod timeout ("timeout", "Timed out") {
        CONNECT = "timeout.connect" {
            tier: Stated,
            title: "The server answers connection attempts",
            inspects: "Fails when connecting timed out: packets were dropped, not refused (a \
                firewall, a wrong address, a VPN you are not on).",
            standard: "RFC 9293 §3.5 (connection establishment)",
        }
        TTFB = "timeout.ttfb" {
            tier: Stated,
            title: "The server answers within the timeout",
            inspects: "Fails when the request was sent but no response headers came within the \
                limit.",
            standard: "RFC 9110 §9.2.2 (the outcome is unknown)",
        }
        BODY = "timeout.body" {
            tier: Stated,
            title: "The body arrives within the timeout",
            inspects: "Fails when the headers arrived but the body was still streaming when the \
                limit ran out.",
            standard: "RFC 9112 §6 (message body)",
        }
        IPV6 = "timeout.ipv6" {
            tier: Heuristic,
            title: "The IPv6 route works",
            inspects: "Fails (possible) when connecting to a non-loopback host timed out on an IPv6 \
                address first while an IPv4 address was available.",
            standard: "RFC 8305 (Happy Eyeballs)",
        }
        SETTING = "timeout.setting" {
            tier: Sent,
            title: "The timeout suits this endpoint",
            inspects: "Compares the limit with this endpoint's answers earlier in the session (95th \
                percentile). Fails (possible) when the limit is below it; passes when above (the \
                server is slower than usual); cannot tell without earlier answers.",
            standard: "None — the session's earlier answers",
        }
        MAYBE_PROCESSED = "timeout.maybe-processed" {
            tier: Heuristic,
            title: "The change was not applied",
            inspects: "For a method that is not idempotent, when the request may have arrived: \
                fails (possible), since the server may still have processed it.",
            standard: "RFC 9110 §9.2.2 (idempotent methods and retries)",
        }
    }
}

scope! {
    /// The server kept redirecting and apibench stopped following.
    pub mod redirect ("redirect", "Too many redirects") {
        LOOP = "redirect.loop" {
            tier: Stated,
            title: "Redirects lead somewhere new",
            inspects: "Fails at the first hop that revisits an earlier method and URL (or \
                redirects to itself); passes when no URL came back.",
            standard: "RFC 9110 §15.4 (clients should detect infinite redirection)",
        }
        SCHEME_PINGPONG = "redirect.scheme-pingpong" {
            tier: Sent,
            title: "Redirects settle on one scheme",
            inspects: "Fails when three or more hops alternate between http and https: the backend \
                probably does not trust X-Forwarded-Proto from the TLS-terminating proxy.",
            standard: "RFC 7239 (Forwarded); X-Forwarded-Proto convention",
        }
        SLASH_PINGPONG = "redirect.slash-pingpong" {
            tier: Sent,
            title: "Redirects settle on one path",
            inspects: "Fails when three or more hops alternate between the path with and without a \
                trailing slash: two layers disagree.",
            standard: "RFC 3986 §6.2 (a trailing slash makes another URI)",
        }
        LOGIN = "redirect.login" {
            tier: Stated,
            title: "The request is not sent to a login page",
            inspects: "Fails when a hop's Location is a login, sign-in, SSO or authorize page: the \
                request is not authenticated for this API.",
            standard: "RFC 6749 §4.1 (browser authorization flows)",
        }
        COOKIE = "redirect.cookie" {
            tier: Stated,
            title: "The server does not wait for a cookie",
            inspects: "Fails when every hop (two or more) sets a cookie: apibench keeps no cookie \
                jar, so the server keeps redirecting.",
            standard: "RFC 6265 (cookies)",
        }
        LIMIT = "redirect.limit" {
            tier: Sent,
            title: "The redirect limit was not what stopped a valid chain",
            inspects: "Passes when the chain loops (no limit would have ended it); cannot tell \
                otherwise, quoting how many redirects were followed and the limit.",
            standard: "RFC 9110 §15.4",
        }
    }
}

scope! {
    /// The response body passed the size limit; apibench stopped reading it.
    pub mod body ("body", "Response too large") {
        LIMIT = "body.limit" {
            tier: Sent,
            title: "The response fits the size limit",
            inspects: "Fails quoting the limit and the declared Content-Length: raise max_body for \
                this request or ask for less.",
            standard: "RFC 9110 §8.6 (Content-Length)",
        }
    }
}

scope! {
    /// A failure apibench could not classify.
    pub mod other ("other", "Unclassified failures") {
        CHAIN = "other.chain" {
            tier: Stated,
            title: "The failure has a known cause",
            inspects: "Cannot tell: quotes the raw error chain for a failure no other check \
                recognises.",
            standard: "None — the underlying error",
        }
    }
}
