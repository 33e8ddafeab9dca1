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
            why: "Without a valid http or https scheme the URL cannot be sent at all, so no server \
                was contacted.",
            fix: "Start `url` (or `base_url`) with `http://` or `https://`, once and spelt \
                correctly; a missing scheme often means `base_url` is empty or undefined in the \
                active environment.",
            standard: "RFC 9110 §4.2 (http and https URIs)",
        }
        PLACEHOLDER_HOST = "url.placeholder-host" {
            tier: Sent,
            title: "The host is resolved",
            inspects: "Fails when the host still holds `{{` or its percent-encoded form: a \
                variable was not resolved.",
            why: "The host still holds template text, so there is no server name to connect to.",
            fix: "Give the variable that builds the host a real value: check `base_url` in the \
                active environment and in `.env`, where a value copied from another tool may still \
                contain `{{…}}`.",
            standard: "None — a template left unrendered",
        }
        PORT = "url.port" {
            tier: Sent,
            title: "The port is valid",
            inspects: "Fails when the port is not a number between 1 and 65535.",
            why: "A port that is not a number from 1 to 65535 cannot be connected to.",
            fix: "Correct the port after the host in `url` or `base_url` (`:8080`, for example), \
                or remove it to use the scheme's default.",
            standard: "RFC 3986 §3.2.3",
        }
        HOST_CHARS = "url.host-chars" {
            tier: Sent,
            title: "The host name is well-formed",
            inspects: "Fails when the host contains a space or a backslash, or is an IPv6 literal \
                without brackets.",
            why: "A space, a backslash or an unbracketed IPv6 address makes the host unusable, so \
                nothing was sent.",
            fix: "Remove spaces (often from a pasted variable), use forward slashes, and write \
                IPv6 addresses in brackets, as in `http://[::1]:8080/`.",
            standard: "RFC 3986 §3.2.2",
        }
        EMPTY_HOST = "url.empty-host" {
            tier: Sent,
            title: "The URL has a host",
            inspects: "Fails when the URL has a scheme but an empty host (`http:///path`).",
            why: "A URL such as `http:///path` names no server, usually because the variable that \
                holds the host rendered empty.",
            fix: "Give the host variable a value (for example `base_url` in the active \
                environment, or the environment variable it reads), or write the host into `url`.",
            standard: "RFC 9110 §4.2.1 (an http URI has a non-empty host)",
        }
        HEADER_VALUE = "url.header-value" {
            tier: Sent,
            title: "Header values are valid",
            inspects: "Fails quoting the client's error when a header value holds a line break or \
                another control character (a pasted token with a trailing newline?).",
            why: "A header value containing a line break or another control character cannot be \
                sent, so the request was never made.",
            fix: "Remove the trailing newline or control character from the value, usually a token \
                pasted into `.env` or a variable together with its line ending; copy the token \
                again on one line.",
            standard: "RFC 9110 §5.5 (CR, LF and NUL are invalid in field values)",
        }
        HEADER_NAME = "url.header-name" {
            tier: Sent,
            title: "Header names are valid tokens",
            inspects: "Fails quoting the client's error when a header name holds a character a \
                field name may not (a space, a colon).",
            why: "A header name with a space or a colon in it is not a valid field name, so the \
                request could not be built.",
            fix: "Correct the name in `headers` (`X-Api-Key`, not `X Api Key` or `X-Api-Key:`); in \
                YAML the value goes after the colon that follows the name, not inside it.",
            standard: "RFC 9110 §5.1 (field names are tokens)",
        }
        INVALID = "url.invalid" {
            tier: Sent,
            title: "The URL can be used",
            inspects: "Fails quoting the client's error when none of the URL checks above explains \
                why the request could not be built.",
            why: "The URL could not be parsed, so nothing was sent and no server was contacted.",
            fix: "Read the client's error quoted and correct `url`; `v` in the TUI shows the \
                request with its variables resolved, which exposes a variable that rendered to \
                something unexpected.",
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
            why: "The host name did not resolve, so the request never left this machine: either \
                the name does not exist or the resolver could not be reached.",
            fix: "For a name that does not exist, correct the host in `url` or `base_url`; for a \
                temporary failure, check the network connection, VPN and DNS settings, then send \
                again.",
            standard: "RFC 3493 §6.1 (getaddrinfo: EAI_AGAIN, EAI_NONAME)",
        }
        TYPO = "dns.typo" {
            tier: Sent,
            title: "The host name is spelled as elsewhere",
            inspects: "Fails when a host seen earlier in the session or in the collection's \
                variables is within two edits of this one, naming the most used.",
            why: "A host one or two letters away from one you use elsewhere is almost certainly a \
                typing mistake.",
            fix: "Change the host to the spelling suggested, in `url` or in the variable it comes \
                from.",
            standard: "None — a typo of a known host",
        }
        PRIVATE_ZONE = "dns.private-zone" {
            tier: Sent,
            title: "The name is public",
            inspects: "Fails (possible) when the host ends in a private zone (`.internal`, \
                `.local`, `.lan`, `.corp`, `.home.arpa`, `.svc`, `.cluster.local`, `.consul`): \
                it resolves only inside its VPN or cluster network.",
            why: "Names in private zones such as `.internal`, `.local` or `.cluster.local` only \
                resolve inside their own network, so from here they do not exist.",
            fix: "Join the VPN or network that serves the zone, run apibench inside the cluster, \
                or reach the service through a public or forwarded address (for example `kubectl \
                port-forward` to localhost).",
            standard: "RFC 6762 (.local); RFC 8375 (.home.arpa); ICANN .internal",
        }
        FROM_VARIABLE = "dns.from-variable" {
            tier: Sent,
            title: "The host comes from the intended variable",
            inspects: "Cannot tell, but shows it: which variable and which environment or file \
                the host came from, and its value.",
            why: "Seeing which variable and environment produced the host shows whether you are \
                pointing at the environment you meant to.",
            fix: "If the value is wrong, change it where it came from (the environment, the \
                collection's variables, `.env` or the process environment), or select another \
                environment.",
            standard: "None — where the collection's variables come from",
        }
        OFFLINE = "dns.offline" {
            tier: Heuristic,
            title: "This machine is online",
            inspects: "With at least two requests in the last minute: fails when every one failed \
                to resolve (you appear to be offline), passes when others resolved.",
            why: "Every recent lookup failed, so this machine has no working DNS or network and \
                the API is not to blame.",
            fix: "Check the network connection, Wi-Fi or VPN and whether DNS works at all \
                (`nslookup example.com`), then send again.",
            standard: "None — the session's recent requests",
        }
        PROXY = "dns.proxy" {
            tier: Sent,
            title: "The proxy host resolves",
            inspects: "Fails (possible) when the request went via a proxy: the name that did not \
                resolve may be the proxy's own.",
            why: "When a proxy is in use, the name that failed may be the proxy's own, which would \
                make every request fail.",
            fix: "Check the proxy host in HTTPS_PROXY, HTTP_PROXY or ALL_PROXY for typos, or unset \
                the variable if you did not mean to use a proxy.",
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
            why: "The host is reachable but nothing accepts connections on that port, so the \
                service is not running there or listens somewhere else.",
            fix: "Start the service, or correct the port in `url` or `base_url` to the one it \
                listens on; for a local server, check which address and port it reports binding \
                to.",
            standard: "RFC 9293 §3.5 (a reset answers a connection to a closed port)",
        }
        SCHEME_PORT = "refused.scheme-port" {
            tier: Sent,
            title: "The port fits the scheme",
            inspects: "Fails (possible) for https:// on port 80 or http:// on port 443.",
            why: "https on port 80 or http on port 443 pairs a scheme with the other scheme's \
                port, which servers rarely accept.",
            fix: "Use `https://` with port 443 (or no port) and `http://` with port 80 (or no \
                port), or the port the service documents for its scheme.",
            standard: "RFC 9110 §4.2.1, §4.2.2 (default ports 80 and 443)",
        }
        LOCALHOST_FAMILY = "refused.localhost-family" {
            tier: Sent,
            title: "localhost reaches the server's address family",
            inspects: "Fails (possible) when `localhost` resolved to IPv6 first and it refused: \
                the server may listen on 127.0.0.1 only.",
            why: "`localhost` may resolve to the IPv6 address `::1` first while the server listens \
                only on IPv4 127.0.0.1, so the connection is refused although the server is \
                running.",
            fix: "Write `127.0.0.1` instead of `localhost` in `url` or `base_url`, or make the \
                server listen on `::1` as well.",
            standard: "RFC 6761 §6.3 (localhost)",
        }
        PROXY = "refused.proxy" {
            tier: Sent,
            title: "The proxy accepts connections",
            inspects: "Fails when the request went via a proxy: the proxy refused, and the API was \
                never contacted.",
            why: "The proxy refused the connection, so your request never got as far as the API.",
            fix: "Check the proxy's address and port in HTTPS_PROXY, HTTP_PROXY or ALL_PROXY, \
                start the local proxy if it is one, or unset the variable to connect directly.",
            standard: "The HTTP_PROXY conventions curl and reqwest follow",
        }
        WORKED_BEFORE = "refused.worked-before" {
            tier: Heuristic,
            title: "The service is running",
            inspects: "Fails when the same host and port answered earlier in the session: the \
                service is probably down or restarting.",
            why: "The same host and port answered earlier, so the service has stopped or is \
                restarting rather than being misconfigured.",
            fix: "Wait a few seconds and send again; if you run the service, check whether it \
                crashed or is being redeployed.",
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
            why: "Where the connection broke tells you whether the server received the request, \
                and so whether retrying could repeat its effect.",
            fix: "Retry GET, PUT and DELETE straight away; for POST or PATCH, check whether the \
                change was applied first. If resets keep happening, look for a proxy, firewall or \
                server limit that closes connections.",
            standard: "RFC 9110 §9.2.2 (retrying after a communication failure)",
        }
        H2 = "reset.h2" {
            tier: Stated,
            title: "The HTTP/2 stream was processed",
            inspects: "Fails on REFUSED_STREAM or GOAWAY (not processed: any method may be \
                retried) or another HTTP/2 stream reset (PROTOCOL_ERROR, INTERNAL_ERROR, CANCEL).",
            why: "An HTTP/2 stream reset says whether the server processed the request: after \
                REFUSED_STREAM or GOAWAY it did not, so any method can be retried.",
            fix: "Resend a refused or GOAWAY stream as it is; for PROTOCOL_ERROR or \
                INTERNAL_ERROR, look for a malformed header, and report the error and the time to \
                the API's owner if the request looks right.",
            standard: "RFC 9113 §8.7 (request reliability)",
        }
        UPLOAD_SIZE = "reset.upload-size" {
            tier: Heuristic,
            title: "The body is within the server's size limit",
            inspects: "Fails (possible) when the connection broke while sending a body over 1 MB: \
                the server may enforce a size limit and skip the 413.",
            why: "Some servers close the connection instead of answering 413 when a body is too \
                big, which then looks like a network fault.",
            fix: "Send a smaller body to confirm, then split the upload or use the API's upload \
                endpoint, within the size limit its documentation gives.",
            standard: "RFC 9110 §15.5.14 (the server may close the connection)",
        }
        TLS_TO_PLAIN = "reset.tls-to-plain" {
            tier: Sent,
            title: "The port speaks TLS",
            inspects: "Fails (possible) when an https:// request to a port other than 443 was reset \
                while connecting: the port may not speak TLS, or a firewall blocks the SNI.",
            why: "An https request to a port that does not speak TLS, or one whose server name a \
                firewall blocks, is reset during the handshake.",
            fix: "Find out whether the port serves plain HTTP (then use `http://`) or which port \
                serves TLS; if a firewall blocks the host, try from another network or ask its \
                administrators.",
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
            why: "The port answered in plain HTTP, so a TLS handshake can never succeed there.",
            fix: "Use `http://` for this port, or `https://` with the port the server uses for TLS \
                (usually 443).",
            standard: "RFC 8446 §5 (record layer)",
        }
        HOSTNAME = "tls.hostname" {
            tier: Stated,
            title: "The certificate is for this host",
            inspects: "Fails when the certificate does not cover the host, quoting the names it \
                is valid for: a wildcard covers one label only, and IP addresses need IP SANs.",
            why: "The certificate is for other names, so trusting it could mean talking to the \
                wrong server; apibench refuses to connect.",
            fix: "Use a host name the certificate covers (they are listed), for example the full \
                name rather than an IP address or alias; for a test server you trust, set \
                `insecure_tls: true` on that request.",
            standard: "RFC 6125 §6 (service identity); RFC 5280 §4.2.1.6",
        }
        UNKNOWN_ISSUER = "tls.unknown-issuer" {
            tier: Stated,
            title: "The certificate's issuer is trusted",
            inspects: "Fails when the issuer is not trusted by this machine (self-signed, a \
                private CA, or a TLS-inspecting proxy).",
            why: "This machine does not trust the certificate's issuer, so apibench cannot verify \
                that it is talking to the real server.",
            fix: "Add the issuing CA to this machine's trust store (apibench uses the system's), \
                or for a self-signed test server you trust, set `insecure_tls: true` on that \
                request.",
            standard: "RFC 5280 §6 (path validation)",
        }
        VALIDITY = "tls.validity" {
            tier: Stated,
            title: "The certificate is within its validity period",
            inspects: "Fails when the certificate has expired or is not valid yet (or this \
                machine's clock is wrong).",
            why: "An expired or not-yet-valid certificate cannot be trusted, and a wrong clock on \
                this machine makes a valid one look expired.",
            fix: "Check this machine's date and time; if they are right, the certificate needs \
                renewing, so tell the server's owner (or set `insecure_tls: true` for a test \
                server you trust).",
            standard: "RFC 5280 §4.1.2.5 (validity)",
        }
        ALERT = "tls.alert" {
            tier: Stated,
            title: "The server accepted the handshake",
            inspects: "Fails quoting the server's alert, explaining a required client certificate \
                (mTLS) or no common TLS version (rustls speaks TLS 1.2 and 1.3).",
            why: "The server aborted the handshake and its alert says why, usually that it wants a \
                client certificate or that no TLS version is shared.",
            fix: "apibench cannot present a client certificate, so an mTLS server must be reached \
                through a proxy that presents one; for a protocol version alert, the server has to \
                enable TLS 1.2 or 1.3.",
            standard: "RFC 8446 §6 (alerts)",
        }
        HANDSHAKE = "tls.handshake" {
            tier: Stated,
            title: "The TLS handshake completes",
            inspects: "Fails quoting the error when no more specific TLS check explains it.",
            why: "The handshake failed for a reason no more specific check recognises, and no \
                request was sent.",
            fix: "Read the quoted error and inspect the server's TLS set-up from this machine \
                (`curl -v` or `openssl s_client` show its certificate and protocol); report a \
                misconfiguration to the server's owner.",
            standard: "RFC 8446",
        }
        PROXY_MITM = "tls.proxy-mitm" {
            tier: Answerer,
            title: "No proxy re-signs the traffic",
            inspects: "Fails (possible) when the issuer is unknown and the request went via a \
                proxy: it likely re-signs TLS with its own CA.",
            why: "A TLS-inspecting proxy re-signs traffic with its own certificate authority, and \
                until this machine trusts that CA every https request through it fails.",
            fix: "Install your organisation's proxy CA in the system trust store, which apibench \
                uses, or add the host to NO_PROXY if it can be reached without the proxy.",
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
            why: "Connection attempts were silently dropped, as a firewall, a wrong address or a \
                VPN you are not on does, so the server never saw the request.",
            fix: "Check the host and port, connect to the VPN if the host is internal, and check \
                that firewall or security-group rules allow your address; raising \
                `connect_timeout` rarely helps.",
            standard: "RFC 9293 §3.5 (connection establishment)",
        }
        TTFB = "timeout.ttfb" {
            tier: Stated,
            title: "The server answers within the timeout",
            inspects: "Fails when the request was sent but no response headers came within the \
                limit.",
            why: "The request was sent but no answer came in time, so the server may still be \
                working on it or may have stalled.",
            fix: "Raise `timeout` for this request if the operation is known to be slow, or make \
                it cheaper (a smaller page, fewer expansions); for a write, check its result \
                before retrying.",
            standard: "RFC 9110 §9.2.2 (the outcome is unknown)",
        }
        BODY = "timeout.body" {
            tier: Stated,
            title: "The body arrives within the timeout",
            inspects: "Fails when the headers arrived but the body was still streaming when the \
                limit ran out.",
            why: "The response started but its body did not finish in time, usually because it is \
                large or the connection is slow.",
            fix: "Raise `timeout` for this request, or ask for less data with pagination or a \
                fields filter.",
            standard: "RFC 9112 §6 (message body)",
        }
        IPV6 = "timeout.ipv6" {
            tier: Heuristic,
            title: "The IPv6 route works",
            inspects: "Fails (possible) when connecting to a non-loopback host timed out on an IPv6 \
                address first while an IPv4 address was available.",
            why: "This machine tried an IPv6 route that does not work and ran out of time before \
                an IPv4 address could answer.",
            fix: "Use the host's IPv4 address in the URL, or fix IPv6 routing on this network (or \
                turn IPv6 off on the interface).",
            standard: "RFC 8305 (Happy Eyeballs)",
        }
        SETTING = "timeout.setting" {
            tier: Sent,
            title: "The timeout suits this endpoint",
            inspects: "Compares the limit with this endpoint's answers earlier in the session (95th \
                percentile). Fails (possible) when the limit is below it; passes when above (the \
                server is slower than usual); cannot tell without earlier answers.",
            why: "A timeout shorter than this endpoint usually takes cuts off answers that would \
                have arrived.",
            fix: "Raise `timeout` on this request, or in `defaults`, above the typical response \
                time shown (`timeout: 2m`, for example).",
            standard: "None — the session's earlier answers",
        }
        MAYBE_PROCESSED = "timeout.maybe-processed" {
            tier: Heuristic,
            title: "The change was not applied",
            inspects: "For a method that is not idempotent, when the request may have arrived: \
                fails (possible), since the server may still have processed it.",
            why: "A POST or PATCH that timed out may still have been carried out, and sending it \
                again could apply the change twice.",
            fix: "Check the resource's state (GET it, or list recent items) before resending; an \
                Idempotency-Key header on such requests, where the API supports one, makes retries \
                safe.",
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
            why: "The redirects go round in a circle, so following them further would never reach \
                a response.",
            fix: "Set `follow_redirects: false` to see the first redirect and its Location; a loop \
                usually comes from missing authentication, a cookie the server expects or a \
                misconfigured server, which its owner has to fix.",
            standard: "RFC 9110 §15.4 (clients should detect infinite redirection)",
        }
        SCHEME_PINGPONG = "redirect.scheme-pingpong" {
            tier: Sent,
            title: "Redirects settle on one scheme",
            inspects: "Fails when three or more hops alternate between http and https: the backend \
                probably does not trust X-Forwarded-Proto from the TLS-terminating proxy.",
            why: "The backend redirects to https, the TLS-terminating proxy in front forwards it \
                as http, and the backend redirects again: a server misconfiguration you cannot fix \
                from the client.",
            fix: "Report it to the server's owner: the backend must trust X-Forwarded-Proto (or \
                Forwarded) from its proxy. Meanwhile, call the backend directly if you can reach \
                it.",
            standard: "RFC 7239 (Forwarded); X-Forwarded-Proto convention",
        }
        SLASH_PINGPONG = "redirect.slash-pingpong" {
            tier: Sent,
            title: "Redirects settle on one path",
            inspects: "Fails when three or more hops alternate between the path with and without a \
                trailing slash: two layers disagree.",
            why: "Two layers disagree about the trailing slash and keep redirecting to each \
                other's form, so the request never lands.",
            fix: "Report it to the server's owner with both URLs; meanwhile, set \
                `follow_redirects: false` and try each form to see which layer answers what.",
            standard: "RFC 3986 §6.2 (a trailing slash makes another URI)",
        }
        LOGIN = "redirect.login" {
            tier: Stated,
            title: "The request is not sent to a login page",
            inspects: "Fails when a hop's Location is a login, sign-in, SSO or authorize page: the \
                request is not authenticated for this API.",
            why: "Being sent to a login or SSO page means the server treats the request as an \
                unauthenticated browser visit, a flow an API client cannot complete.",
            fix: "Authenticate with the API's token or key in `auth` rather than a browser \
                session, and check that `url` points at the API rather than the web application.",
            standard: "RFC 6749 §4.1 (browser authorization flows)",
        }
        COOKIE = "redirect.cookie" {
            tier: Stated,
            title: "The server does not wait for a cookie",
            inspects: "Fails when every hop (two or more) sets a cookie: apibench keeps no cookie \
                jar, so the server keeps redirecting.",
            why: "The server sets a cookie and redirects expecting it back, but apibench keeps no \
                cookie jar, so the server redirects for ever.",
            fix: "Copy the cookie's `name=value` from the first response's Set-Cookie into a \
                Cookie header in `headers`, or use the API's token authentication instead of a \
                session.",
            standard: "RFC 6265 (cookies)",
        }
        LIMIT = "redirect.limit" {
            tier: Sent,
            title: "The redirect limit was not what stopped a valid chain",
            inspects: "Passes when the chain loops (no limit would have ended it); cannot tell \
                otherwise, quoting how many redirects were followed and the limit.",
            why: "A long but valid chain of redirects can run past the limit of 10, stopping a \
                request that would otherwise have succeeded.",
            fix: "Call the final URL directly, or set `follow_redirects: false` and follow the \
                chain one hop at a time to see where it ends.",
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
            why: "apibench stopped reading the response once it passed `max_body`, so you do not \
                have the whole body.",
            fix: "Raise `max_body` on this request (`max_body: 1GB`, for example), or ask for less \
                data with pagination or filters.",
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
            why: "No known cause matches this failure, so the raw error chain is the only evidence \
                of what went wrong.",
            fix: "Read the chain from its end, where the root cause sits, and search for that \
                message; if it looks like a bug in apibench, report it with the chain.",
            standard: "None — the underlying error",
        }
    }
}
