//! Checks of the request's content: 400 (syntax and framing of what was sent), 415 (its media
//! type) and 422 (the values the server rejected, field by field).

scope! {
    /// 400 Bad Request: the body's syntax and type, placeholders, the fields named, the query,
    /// plain HTTP to a TLS port, oversized headers and Bearer `invalid_request`.
    pub mod bad_request ("400", "400 Bad Request") {
        BODY_PARSES = "400.body-parses" {
            tier: Sent,
            title: "The JSON body parses",
            inspects: "The request lint R.json-parse asked with the 400 in hand: for a body \
                declared or sniffed as JSON, fails on a byte-order mark or a parse error (line \
                and column), passes when it parses.",
            standard: "RFC 9110 §15.5.1; RFC 8259 (JSON)",
        }
        CONTENT_TYPE = "400.content-type" {
            tier: Sent,
            title: "The body's Content-Type is right",
            inspects: "For a non-empty body: fails when it was sent without Content-Type (servers \
                may treat it as application/octet-stream); otherwise asks what R.ct-mismatch asks \
                (shown as \"Content-Type matches the body\"): fails when the declared type \
                contradicts the body, lacks a multipart boundary or gives JSON a charset other \
                than UTF-8, passes otherwise.",
            standard: "RFC 9110 §8.3, §15.5.1",
        }
        PLACEHOLDERS = "400.placeholders" {
            tier: Sent,
            title: "No unresolved placeholders",
            inspects: "As R.placeholder: fails naming the first `{{…}}`, `${…}`, `{id}`, `:id` or \
                `<id>` left in the URL, headers or body as sent; passes when there is none.",
            standard: "RFC 9110 §15.5.1; a template left unrendered",
        }
        NAMED_FIELDS = "400.named-fields" {
            tier: Stated,
            title: "Fields the server names are in the request",
            inspects: "Cross-references every field the error body names with the request as \
                sent. Fails when one is missing, empty or elsewhere in the body (with the closest \
                name sent); when all were sent it still fails, as \"The server accepts the values \
                of the fields it names\", because their values are what the server refused.",
            standard: "RFC 9110 §15.5.1; RFC 9457 §3; the vendors' error formats",
        }
        QUERY_ENCODING = "400.query-encoding" {
            tier: Sent,
            title: "The query string is encoded correctly",
            inspects: "For a URL with a query, as written: fails at the first value with a raw \
                space, a raw `+`, a double-encoded `%25` or a stray `%`; passes otherwise.",
            standard: "RFC 3986 §2.1 (percent-encoding)",
        }
        TLS_PORT = "400.tls-port" {
            tier: Sent,
            title: "Plain HTTP goes to a plain HTTP port",
            inspects: "Fails when the body says \"plain HTTP request was sent to HTTPS port\" \
                (nginx) or an http:// URL targets port 443: the port expects TLS.",
            standard: "nginx (error 497, answered as 400)",
        }
        HEADER_SIZE = "400.header-size" {
            tier: Sent,
            title: "Headers are small enough for the server",
            inspects: "Fails when the body says \"Request Header Or Cookie Too Large\" or one \
                header line is over 8 KiB, nginx's per-line limit; passes when the largest is \
                under 4 KiB; in between it does not apply.",
            standard: "nginx large_client_header_buffers (4 × 8 KiB, 400 per line)",
        }
        BEARER_INVALID_REQUEST = "400.bearer-invalid-request" {
            tier: Stated,
            title: "The bearer request is well-formed",
            inspects: "Fails when a Bearer challenge says `error=\"invalid_request\"`, listing \
                where the token went (Authorization header, `access_token` query parameter or \
                form field) and saying so when it went by more than one.",
            standard: "RFC 6750 §3.1 (invalid_request), §2 (one method per request)",
        }
    }
}

scope! {
    /// 415 Unsupported Media Type: the body's Content-Type, what the server advertises, the
    /// body itself, PATCH formats, multipart boundaries, parameters and Content-Encoding.
    pub mod unsupported_media_type ("415", "415 Unsupported Media Type") {
        CT_PRESENT = "415.ct-present" {
            tier: Sent,
            title: "The body has a Content-Type",
            inspects: "For a non-empty body: fails when no Content-Type was sent; passes quoting \
                it.",
            standard: "RFC 9110 §8.3, §15.5.16",
        }
        CT_ADVERTISED = "415.ct-advertised" {
            tier: Stated,
            title: "Content-Type is one the server accepts",
            inspects: "Matches the Content-Type sent against the media ranges of the response's \
                Accept-Post, Accept-Patch and Accept. Passes when one covers it; fails when none \
                does or no Content-Type was sent; cannot tell when the server lists nothing.",
            standard: "RFC 9110 §15.5.16, §12.5.1; RFC 5789 §3.1 (Accept-Patch); W3C LDP §7.1 \
                (Accept-Post)",
        }
        CT_VS_BODY = "415.ct-vs-body" {
            tier: Sent,
            title: "Content-Type matches the body",
            inspects: "Fails when the declared type contradicts the body's first bytes (form type \
                with a JSON body, JSON type with form data, XML or HTML).",
            standard: "RFC 9110 §8.3",
        }
        PATCH_FORMAT = "415.patch-format" {
            tier: Sent,
            title: "The PATCH body uses a patch format the server accepts",
            inspects: "Fails when a PATCH declared application/json while Accept-Patch lists a \
                `patch+json` format (merge patch or JSON Patch).",
            standard: "RFC 5789 §3.1; RFC 7396; RFC 6902",
        }
        MULTIPART_BOUNDARY = "415.multipart-boundary" {
            tier: Sent,
            title: "The multipart boundary is declared and used",
            inspects: "For a multipart Content-Type: fails when it has no boundary parameter (a \
                header set by hand) or the boundary never appears in the body; passes when the \
                boundary frames the body.",
            standard: "RFC 2046 §5.1.1; RFC 7578",
        }
        PARAMS = "415.params" {
            tier: Sent,
            title: "Content-Type parameters are acceptable",
            inspects: "Fails (possible) when a JSON:API type carries media-type parameters, which \
                JSON:API servers reject, or a JSON type declares a charset other than UTF-8.",
            standard: "JSON:API 1.1 (content negotiation); RFC 8259 §8.1",
        }
        CONTENT_ENCODING = "415.content-encoding" {
            tier: Sent,
            title: "The body's encoding is accepted",
            inspects: "Fails when a coding of the Content-Encoding sent is not admitted by the \
                response's Accept-Encoding (without one, only identity is).",
            standard: "RFC 9110 §15.5.16, §12.5.3",
        }
    }
}

scope! {
    /// 422 Unprocessable Content: the values the server rejected, field by field.
    pub mod unprocessable ("422", "422 Unprocessable Content") {
        FIELDS = "422.fields" {
            tier: Stated,
            title: "The server accepts every field",
            inspects: "Fails with one line per field the error body names: the server's message \
                and what the request had there (the value and its JSON type, or the closest \
                name). Cannot tell when the body names no fields, quoting its message.",
            standard: "RFC 9110 §15.5.21; RFC 9457 §3; the vendors' error formats",
        }
        ALL_MISSING = "422.all-missing" {
            tier: Stated,
            title: "The server read the body",
            inspects: "Fails when two or more fields are all reported required or missing although \
                the body has keys: the server likely ignored the body (its Content-Type is \
                quoted).",
            standard: "RFC 9110 §15.5.21",
        }
        TYPE = "422.type" {
            tier: Stated,
            title: "Values have the types the server expects",
            inspects: "Fails at the first field whose message names a type (integer, number, \
                boolean, string, array, object) while the value sent has another JSON type.",
            standard: "RFC 9110 §15.5.21",
        }
        ENUM = "422.enum" {
            tier: Stated,
            title: "Values are among the allowed ones",
            inspects: "Fails at the first field whose message lists the allowed values while the \
                value sent is not among them, with the closest allowed value.",
            standard: "RFC 9110 §15.5.21",
        }
        WRAPPER = "422.wrapper" {
            tier: Stated,
            title: "Fields sit at the nesting level the server expects",
            inspects: "Fails when a field the server names is in the body at another nesting \
                level: the API expects a different wrapper object.",
            standard: "RFC 9110 §15.5.21; RFC 6901 (JSON Pointer)",
        }
        NAMING_STYLE = "422.naming-style" {
            tier: Stated,
            title: "Field names use the server's naming style",
            inspects: "Fails when a field the server names is missing but the same name in another \
                case style (snake_case, camelCase, kebab-case) was sent.",
            standard: "RFC 9110 §15.5.21",
        }
    }
}
