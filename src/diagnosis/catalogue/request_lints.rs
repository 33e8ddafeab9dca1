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
            why: "An unresolved placeholder is sent as literal text, so the server sees a path or \
                value that cannot exist; when a template could not be rendered at all, nothing is \
                sent.",
            fix: "For a template error, do what it says: define the unknown variable, correct the \
                `{{ }}` syntax, break the cycle or make the named request work. For `{id}`, `:id` \
                or `${…}` copied from documentation, write the real value there or an apibench \
                template such as `{{ user_id }}`.",
            standard: "None — a template left unrendered",
        }
        STRINGIFIED_MISSING = "R.stringified-missing" {
            tier: Sent,
            title: "No missing values turned into text",
            inspects: "Fails when a path segment, a query value or a JSON string in the body is \
                `undefined`, `null`, `None`, `NaN`, `nil` or `[object Object]`: a missing value \
                was turned into text by the code that built the request.",
            why: "`undefined`, `null` or `[object Object]` in a URL or body means a value was \
                missing when the request was built, and the server will look up or store that text \
                as if it were real.",
            fix: "Trace the value to its source (a variable, a chained `{{ response.… }}` value, \
                or the code that generated the request) and make sure it has a real value before \
                sending; leave an optional field out rather than send it as the text `null`.",
            standard: "None — a common client-side bug",
        }
        JSON_PARSE = "R.json-parse" {
            tier: Sent,
            title: "The JSON body parses",
            inspects: "For a body declared or sniffed as JSON: fails on a UTF-8 byte-order mark or \
                a parse error (with line and column, and a hint for single quotes and comments); \
                passes with the body's size when it parses.",
            why: "A body that is not valid JSON is refused before any of its fields are read, \
                usually with a vague 400 that does not say where the syntax broke.",
            fix: "Fix the syntax at the line and column shown: double quotes around strings and \
                keys, no comments or trailing commas, no byte-order mark. Writing the body as \
                `json:` in the collection, rather than as `text:` or `file:`, lets apibench \
                produce valid JSON for you.",
            standard: "RFC 8259 (JSON)",
        }
        CT_MISSING = "R.ct-missing" {
            tier: Sent,
            title: "The body has a Content-Type",
            inspects: "For a non-empty body: fails when no Content-Type was sent, saying what the \
                body looks like; passes quoting the Content-Type.",
            why: "Without a Content-Type the server has to guess what the body is; many treat it \
                as raw bytes and then report its fields as missing.",
            fix: "Add a Content-Type header that describes the body, or set `content_type` on a \
                `text` or `file` body; a `json` body is sent as `application/json` unless a header \
                overrides it.",
            standard: "RFC 9110 §8.3 (a missing type may be read as application/octet-stream)",
        }
        CT_MISMATCH = "R.ct-mismatch" {
            tier: Sent,
            title: "Content-Type matches the body",
            inspects: "Compares the declared media type with the body's first bytes. Fails when a \
                multipart type has no boundary, a form type carries JSON, a JSON type carries \
                form data, XML, HTML or multipart data, or JSON declares a charset other than \
                UTF-8; passes otherwise.",
            why: "The server parses the body by its declared type, so JSON declared as a form, or \
                form data declared as JSON, reaches it as garbage or as no fields at all.",
            fix: "Make the header and the body agree: correct the Content-Type header or \
                `content_type`, or change the body kind (`json`, `form`, `multipart`). Leave \
                multipart's Content-Type to apibench so it carries the boundary, and declare JSON \
                with no charset or with utf-8.",
            standard: "RFC 9110 §8.3; RFC 2046 §5.1.1 (boundary); RFC 8259 §8.1 (JSON is UTF-8)",
        }
        BODY_ON_BODYLESS_METHOD = "R.body-on-bodyless-method" {
            tier: Sent,
            title: "GET, HEAD, DELETE and TRACE carry no body",
            inspects: "Fails when one of these methods carries content: possible for GET, HEAD and \
                DELETE (no defined meaning; intermediaries may drop or reject it), likely for \
                TRACE, which must not carry any.",
            why: "Servers and proxies may ignore, strip or refuse a body on GET, HEAD or DELETE, \
                so the filters or data in it may never reach the application.",
            fix: "Move the data into `query` parameters, or use the method the API documents for \
                sending it (often a POST to a search endpoint); a TRACE must have its `body` \
                removed.",
            standard: "RFC 9110 §9.3.1, §9.3.2, §9.3.5, §9.3.8",
        }
        AUTH_VAR_EMPTY = "R.auth-var-empty" {
            tier: Sent,
            title: "Auth variables have values",
            inspects: "For a request with an auth helper: fails when a variable the helper uses \
                rendered blank, naming the variable, the environment and where its value came \
                from, or when a credential field rendered empty; passes otherwise.",
            why: "An auth helper whose variable is blank sends no credential at all, so the server \
                answers 401 or 403 while the cause is on your machine.",
            fix: "Give the variable named a value: export the environment variable behind `{{ \
                env.NAME }}` or add it to the `.env` file beside the collection, select the \
                environment that defines it, or pass `--var name=value`.",
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
            why: "A malformed Authorization header is rejected before the credential is even \
                looked at, so a perfectly good token still earns a 401.",
            fix: "Let apibench build the header from `auth: { bearer: … }` or `auth: { basic: { \
                username, password } }` rather than writing Authorization by hand. If you must \
                write it, send the scheme, one space and the bare credential: no colon, quotes or \
                trailing newline.",
            standard: "RFC 6750 §2.1 (b64token); RFC 7617 §2 (Basic)",
        }
        KEY_IN_QUERY = "R.key-in-query" {
            tier: Sent,
            title: "Credentials stay out of the URL",
            inspects: "Fails (possible) when a key-like query parameter (`api_key`, `token`, \
                `access_token`, `*_key`, …) carries a value: URLs end up in server and proxy \
                logs.",
            why: "A key in the URL ends up in server, proxy and history logs and in every link \
                that is shared, so it can leak even when the request succeeds.",
            fix: "Send the key in a header if the API allows it: change the auth to `api_key: { \
                in: header, name: …, value: … }` with the header its documentation names, or to \
                `bearer`. Rotate a key that has already travelled in URLs.",
            standard: "RFC 9110 §17.9; RFC 6750 §2.3; RFC 9700 §4.3.2",
        }
        SLASHES = "R.slashes" {
            tier: Sent,
            title: "The path has no stray slashes",
            inspects: "Fails (possible) when the path has `//` (a base URL ending in `/` joined to \
                a path starting with `/`), ends in `/.` or holds an encoded slash `%2F`.",
            why: "A doubled or encoded slash changes the path, and many routers do not match \
                `//users` or `%2F`, answering 404 or redirecting (which can drop the body).",
            fix: "Remove the trailing `/` from `base_url` or the leading `/` from the path so they \
                join with a single slash, and drop a trailing `/.`; where `%2F` is part of an id, \
                check that the API accepts encoded slashes in that segment.",
            standard: "RFC 3986 §3.3 (path segments)",
        }
        HTTP_VS_HTTPS = "R.http-vs-https" {
            tier: Sent,
            title: "Credentials travel encrypted",
            inspects: "For plain http:// to a host that is not loopback: fails when Authorization, \
                Cookie or Proxy-Authorization was sent in clear; otherwise fails (possible) \
                because many APIs redirect to https, which turns a POST into a GET.",
            why: "Credentials sent over plain http can be read by anyone on the network path, and \
                an http URL that redirects to https turns a POST into a GET and loses its body.",
            fix: "Change the scheme to `https://`, usually in `base_url` or the environment, and \
                rotate any credential that was sent in clear to a host outside your machine.",
            standard: "RFC 9110 §4.2.2 (https), §15.4 (redirects)",
        }
        REDIRECT_DOWNGRADE = "R.redirect-downgrade" {
            tier: Sent,
            title: "Redirects stay on https",
            inspects: "Fails when the answer is a redirect from https to plain http, or to a \
                scheme other than http and https (`file:`), which apibench does not follow, \
                quoting the Location; and when such a downgrade was followed because the request \
                set `insecure_tls: true`.",
            why: "Following a redirect from https to http would send the request again in clear, \
                credentials and body included, to anyone on the network path; a redirect to \
                `file:` or another scheme is not an HTTP answer at all.",
            fix: "Call the https URL the API documents (the server or a proxy in front of it \
                probably builds its Location from a scheme it was told wrongly: check \
                X-Forwarded-Proto); for a test server you trust, `insecure_tls: true` lets the \
                downgrade be followed.",
            standard: "RFC 9110 §15.4 (redirects), §17.1 (security of https); Fetch standard \
                (mixed content)",
        }
        REDIRECT_BODY_ORIGIN = "R.redirect-body-origin" {
            tier: Sent,
            title: "The body went only to the origin it was written for",
            inspects: "Fails when a 307 or 308 redirect to another origin (scheme, host or port) \
                made apibench send the request's body there again, naming the hop, the origin \
                and the size.",
            why: "A 307 or 308 keeps the method and the body, so a password, token or personal \
                data in the body reaches a server the request never named; apibench strips the \
                credential headers on the way, but not the body.",
            fix: "Check that the origin in the Location is one you trust with this body; if not, \
                set `follow_redirects: false` and send the body to the documented URL.",
            standard: "RFC 9110 §15.4.8 (307), §15.4.9 (308)",
        }
        HEADER_WHITESPACE = "R.header-whitespace" {
            tier: Sent,
            title: "Header values are clean",
            inspects: "Fails (possible) at the first header value with leading or trailing \
                whitespace or non-ASCII characters, quoting it redacted.",
            why: "Stray spaces or non-ASCII characters in a header value, often picked up in a \
                copy and paste, make a token or key compare unequal, so a credential that looks \
                right is refused.",
            fix: "Trim the value in `headers` or in the variable or `.env` line it comes from, and \
                retype characters such as curly quotes or non-breaking spaces as plain ASCII.",
            standard: "RFC 9110 §5.5 (field values)",
        }
        HEADER_DUPLICATES = "R.header-duplicates" {
            tier: Sent,
            title: "Single-valued headers are sent once",
            inspects: "Fails when Content-Type, Authorization, Host, Content-Length or User-Agent \
                is sent more than once, quoting every value.",
            why: "Two values of Content-Type, Authorization, Host, Content-Length or User-Agent \
                are ambiguous: servers keep one of them unpredictably or refuse the request as \
                malformed.",
            fix: "Keep one value: delete the extra row in `headers` (a list may repeat a name), \
                and do not write Authorization or Content-Type by hand when `auth` or the body \
                kind already sets it.",
            standard: "RFC 9110 §5.3 (field order and combination)",
        }
        HOST_OVERRIDE = "R.host-override" {
            tier: Sent,
            title: "The Host header matches the URL",
            inspects: "Fails (possible) when a Host header differs from the URL's authority: \
                virtual-host routing may send the request elsewhere.",
            why: "With a Host header that differs from the URL, the connection goes to one server \
                while virtual hosting routes the request to another site, or to a default site \
                that knows nothing of the API.",
            fix: "Remove the Host header and put the intended host in `url`; keep an override only \
                when you mean to reach one virtual host at a specific address, and then check that \
                its certificate covers the name.",
            standard: "RFC 9110 §7.2 (Host)",
        }
        CONTENT_LENGTH_OVERRIDE = "R.content-length-override" {
            tier: Sent,
            title: "Content-Length matches the body",
            inspects: "Fails when a Content-Length was sent that differs from the body's size.",
            why: "A Content-Length that disagrees with the body makes the server wait for bytes \
                that never come or cut the body short, which shows up as a timeout, a 400 or a \
                truncated upload.",
            fix: "Delete Content-Length from `headers` and `defaults.headers`; apibench computes \
                it from the body it actually sends.",
            standard: "RFC 9110 §8.6 (Content-Length)",
        }
        URL_LENGTH = "R.url-length" {
            tier: Sent,
            title: "The URL is not too long",
            inspects: "Fails above 8000 bytes, where servers commonly reject the request line, and \
                fails (possible) above 2048 bytes, where some CDNs and proxies stop.",
            why: "Many servers, proxies and CDNs refuse long URLs with a 414 or by dropping the \
                connection, often far below the length the standard allows.",
            fix: "Move bulky parameters into a request body if the API offers an endpoint for it \
                (a POST search, for example), shorten filters or lists of ids, or split the \
                request into several smaller ones.",
            standard: "RFC 9110 §4.1; RFC 9112 §3 (at least 8000 octets)",
        }
        HEADER_SIZE = "R.header-size" {
            tier: Sent,
            title: "Headers are not too large",
            inspects: "Fails when the headers total more than 8 KiB or one header line does, \
                naming the largest.",
            why: "Headers over the server's buffer size are refused with a 400 or 431 before the \
                application runs, and the error seldom says which header was too big.",
            fix: "Shrink the largest header named: send fewer cookies, use a token with fewer \
                claims, and drop debugging or tracing headers you do not need from `headers` and \
                `defaults.headers`.",
            standard: "RFC 6585 §5; nginx large_client_header_buffers (8 KiB per line)",
        }
        QUERY_ENCODING = "R.query-encoding" {
            tier: Sent,
            title: "The query string is encoded correctly",
            inspects: "Reads the query as written (before the client normalised it). Fails \
                (possible) at the first value with a raw space, a raw `+` (read as a space by \
                form decoders), a double-encoded `%25`, or a `%` not followed by two hex digits.",
            why: "A raw space, `+` or stray `%` in the query is decoded differently by different \
                servers, so the value that arrives is not the one you wrote (`a+b` becomes `a b`).",
            fix: "Write parameters under `query` rather than in `url`, so apibench encodes them; \
                in the URL itself, write a space as `%20`, a literal plus as `%2B` and a literal \
                percent sign as `%25`, encoding only once.",
            standard: "RFC 3986 §2.1 (percent-encoding); WHATWG URL form decoding",
        }
        USER_AGENT = "R.user-agent" {
            tier: Sent,
            title: "A User-Agent is sent",
            inspects: "Fails (possible) when no User-Agent or an empty one was sent; some APIs \
                (GitHub, for one) reject such requests.",
            why: "Some APIs, GitHub among them, refuse requests that carry no User-Agent, with a \
                403 that does not always say why.",
            fix: "Remove the empty User-Agent row from `headers` so apibench sends its own, or set \
                one that names your application and a contact, such as `my-tool/1.0 \
                (you@example.com)`.",
            standard: "RFC 9110 §10.1.5; GitHub REST documentation (User-Agent required)",
        }
        NUMBER_PRECISION = "R.number-precision" {
            tier: Sent,
            title: "Numbers survive JavaScript parsers",
            inspects: "Fails (possible) at the first integer in the JSON body beyond 2^53, which \
                JavaScript-based servers round.",
            why: "Integers beyond 2^53 lose their last digits in JavaScript-based servers, so an \
                id or amount arrives as a different number and the request can act on the wrong \
                record.",
            fix: "Send such numbers as strings (`\"id\": \"9007199254740993\"`) where the API \
                accepts them, as most APIs with large ids do; its documentation usually names a \
                string form of the field.",
            standard: "RFC 8259 §6 (interoperable numbers)",
        }
        METHOD_CASE = "R.method-case" {
            tier: Sent,
            title: "The method is in upper case",
            inspects: "Fails when the method is a standard method written in another case \
                (`Get`): methods are case-sensitive.",
            why: "Methods are case-sensitive, so `Get` or `post` is an unknown method to most \
                servers and draws a 400, 405 or 501.",
            fix: "Write `method` in upper case: GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.",
            standard: "RFC 9110 §9.1",
        }
        FILE = "R.file" {
            tier: Sent,
            title: "Files the request sends are readable",
            inspects: "Fails when a `file:` body or field could not be read, so nothing was sent, \
                naming the path and the error.",
            why: "A `file:` body or multipart part that cannot be read stops the send, so the \
                request never reaches the server.",
            fix: "Check the path named, which is relative to the collection file's folder: correct \
                `file:` or the variable it uses, create the file, or make it readable by your \
                user.",
            standard: "None — apibench's file bodies",
        }
        ENVIRONMENT = "R.environment" {
            tier: Sent,
            title: "The selected environment exists",
            inspects: "Fails when the environment selected for the send is not defined in the \
                collection, so nothing was sent.",
            why: "Without the environment you selected, its variables (the base URL, the tokens) \
                have no values, so apibench refuses to send rather than guess.",
            fix: "Select an environment the collection defines under `environments` (`E` in the \
                TUI, or `--env NAME` with a listed name), fix a misspelt name, or add the missing \
                environment to the collection.",
            standard: "None — apibench's environments",
        }
    }
}
