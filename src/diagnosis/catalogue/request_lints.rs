//! Request lints (`R.*`): what is wrong with the request itself, whatever the server answered.
//! They join a checklist when they fail and no status check asks the same question.

scope! {
    /// The request itself: templates, body, credentials, URL and headers as sent.
    pub mod request ("R", "The request itself (request lints)") {
        PLACEHOLDER = "R.placeholder" {
            tier: Sent,
            title: "No unresolved placeholders",
            inspects: "Scans the URL path, host and query, the headers and the body as sent for \
                `{{…}}` and `${…}`, and for whole path segments written as `{id}`, `:id` or \
                `<id>`, raw or percent-encoded; fails naming the first one, passes when there is \
                none. When the request could not be prepared it fails with the template error \
                (an unknown variable, a syntax error, a cycle) or names the missing request.",
            standard: "None — a template left unrendered",
        }
        STRINGIFIED_MISSING = "R.stringified-missing" {
            tier: Sent,
            title: "No missing values turned into text",
            inspects: "Fails when a path segment, a query value or a JSON string in the body is \
                `undefined`, `null`, `None`, `NaN`, `nil` or `[object Object]`: a missing value \
                was turned into text by the code that built the request.",
            standard: "None — a common client-side bug",
        }
        JSON_PARSE = "R.json-parse" {
            tier: Sent,
            title: "The JSON body parses",
            inspects: "For a body declared or sniffed as JSON: fails on a UTF-8 byte-order mark or \
                a parse error (with line and column, and a hint for single quotes and comments); \
                passes with the body's size when it parses.",
            standard: "RFC 8259 (JSON)",
        }
        CT_MISSING = "R.ct-missing" {
            tier: Sent,
            title: "The body has a Content-Type",
            inspects: "For a non-empty body: fails when no Content-Type was sent, saying what the \
                body looks like; passes quoting the Content-Type.",
            standard: "RFC 9110 §8.3 (a missing type may be read as application/octet-stream)",
        }
        CT_MISMATCH = "R.ct-mismatch" {
            tier: Sent,
            title: "Content-Type matches the body",
            inspects: "Compares the declared media type with the body's first bytes. Fails when a \
                multipart type has no boundary, a form type carries JSON, a JSON type carries \
                form data, XML, HTML or multipart data, or JSON declares a charset other than \
                UTF-8; passes otherwise.",
            standard: "RFC 9110 §8.3; RFC 2046 §5.1.1 (boundary); RFC 8259 §8.1 (JSON is UTF-8)",
        }
        BODY_ON_BODYLESS_METHOD = "R.body-on-bodyless-method" {
            tier: Sent,
            title: "GET, HEAD, DELETE and TRACE carry no body",
            inspects: "Fails when one of these methods carries content: possible for GET, HEAD and \
                DELETE (no defined meaning; intermediaries may drop or reject it), likely for \
                TRACE, which must not carry any.",
            standard: "RFC 9110 §9.3.1, §9.3.2, §9.3.5, §9.3.8",
        }
        AUTH_VAR_EMPTY = "R.auth-var-empty" {
            tier: Sent,
            title: "Auth variables have values",
            inspects: "For a request with an auth helper: fails when a variable the helper uses \
                rendered blank, naming the variable, the environment and where its value came \
                from, or when a credential field rendered empty; passes otherwise.",
            standard: "None — apibench's auth helpers",
        }
        AUTH_MALFORMED = "R.auth-malformed" {
            tier: Sent,
            title: "Authorization is well-formed",
            inspects: "Parses the Authorization value sent. Fails on an empty value or credential, \
                a colon after the scheme, stray whitespace, a repeated scheme, a quoted \
                credential, characters a bearer token may not have, a stringified `undefined`, \
                or Basic credentials that are not base64 or lack the `:`; passes quoting the \
                redacted value.",
            standard: "RFC 6750 §2.1 (b64token); RFC 7617 §2 (Basic)",
        }
        KEY_IN_QUERY = "R.key-in-query" {
            tier: Sent,
            title: "Credentials stay out of the URL",
            inspects: "Fails (possible) when a key-like query parameter (`api_key`, `token`, \
                `access_token`, `*_key`, …) carries a value: URLs end up in server and proxy \
                logs.",
            standard: "RFC 9110 §17.9; RFC 6750 §2.3; RFC 9700 §4.3.2",
        }
        SLASHES = "R.slashes" {
            tier: Sent,
            title: "The path has no stray slashes",
            inspects: "Fails (possible) when the path has `//` (a base URL ending in `/` joined to \
                a path starting with `/`), ends in `/.` or holds an encoded slash `%2F`.",
            standard: "RFC 3986 §3.3 (path segments)",
        }
        HTTP_VS_HTTPS = "R.http-vs-https" {
            tier: Sent,
            title: "Credentials travel encrypted",
            inspects: "For plain http:// to a host that is not loopback: fails when Authorization, \
                Cookie or Proxy-Authorization was sent in clear; otherwise fails (possible) \
                because many APIs redirect to https, which turns a POST into a GET.",
            standard: "RFC 9110 §4.2.2 (https), §15.4 (redirects)",
        }
        HEADER_WHITESPACE = "R.header-whitespace" {
            tier: Sent,
            title: "Header values are clean",
            inspects: "Fails (possible) at the first header value with leading or trailing \
                whitespace or non-ASCII characters, quoting it redacted.",
            standard: "RFC 9110 §5.5 (field values)",
        }
        HEADER_DUPLICATES = "R.header-duplicates" {
            tier: Sent,
            title: "Single-valued headers are sent once",
            inspects: "Fails when Content-Type, Authorization, Host, Content-Length or User-Agent \
                is sent more than once, quoting every value.",
            standard: "RFC 9110 §5.3 (field order and combination)",
        }
        HOST_OVERRIDE = "R.host-override" {
            tier: Sent,
            title: "The Host header matches the URL",
            inspects: "Fails (possible) when a Host header differs from the URL's authority: \
                virtual-host routing may send the request elsewhere.",
            standard: "RFC 9110 §7.2 (Host)",
        }
        CONTENT_LENGTH_OVERRIDE = "R.content-length-override" {
            tier: Sent,
            title: "Content-Length matches the body",
            inspects: "Fails when a Content-Length was sent that differs from the body's size.",
            standard: "RFC 9110 §8.6 (Content-Length)",
        }
        URL_LENGTH = "R.url-length" {
            tier: Sent,
            title: "The URL is not too long",
            inspects: "Fails above 8000 bytes, where servers commonly reject the request line, and \
                fails (possible) above 2048 bytes, where some CDNs and proxies stop.",
            standard: "RFC 9110 §4.1; RFC 9112 §3 (at least 8000 octets)",
        }
        HEADER_SIZE = "R.header-size" {
            tier: Sent,
            title: "Headers are not too large",
            inspects: "Fails when the headers total more than 8 KiB or one header line does, \
                naming the largest.",
            standard: "RFC 6585 §5; nginx large_client_header_buffers (8 KiB per line)",
        }
        QUERY_ENCODING = "R.query-encoding" {
            tier: Sent,
            title: "The query string is encoded correctly",
            inspects: "Reads the query as written (before the client normalised it). Fails \
                (possible) at the first value with a raw space, a raw `+` (read as a space by \
                form decoders), a double-encoded `%25`, or a `%` not followed by two hex digits.",
            standard: "RFC 3986 §2.1 (percent-encoding); WHATWG URL form decoding",
        }
        USER_AGENT = "R.user-agent" {
            tier: Sent,
            title: "A User-Agent is sent",
            inspects: "Fails (possible) when no User-Agent or an empty one was sent; some APIs \
                (GitHub, for one) reject such requests.",
            standard: "RFC 9110 §10.1.5; GitHub REST documentation (User-Agent required)",
        }
        NUMBER_PRECISION = "R.number-precision" {
            tier: Sent,
            title: "Numbers survive JavaScript parsers",
            inspects: "Fails (possible) at the first integer in the JSON body beyond 2^53, which \
                JavaScript-based servers round.",
            standard: "RFC 8259 §6 (interoperable numbers)",
        }
        METHOD_CASE = "R.method-case" {
            tier: Sent,
            title: "The method is in upper case",
            inspects: "Fails when the method is a standard method written in another case \
                (`Get`): methods are case-sensitive.",
            standard: "RFC 9110 §9.1",
        }
        FILE = "R.file" {
            tier: Sent,
            title: "Files the request sends are readable",
            inspects: "Fails when a `file:` body or field could not be read, so nothing was sent, \
                naming the path and the error.",
            standard: "None — apibench's file bodies",
        }
        ENVIRONMENT = "R.environment" {
            tier: Sent,
            title: "The selected environment exists",
            inspects: "Fails when the environment selected for the send is not defined in the \
                collection, so nothing was sent.",
            standard: "None — apibench's environments",
        }
    }
}
