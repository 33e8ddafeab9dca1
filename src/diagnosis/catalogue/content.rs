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
            why: "With a body that does not parse, the 400 is almost certainly about its syntax: \
                the server stopped before reading any field, so changing values will not help.",
            fix: "Correct the JSON at the line and column shown and send again; single quotes, \
                comments, trailing commas and a byte-order mark are the usual culprits, and a \
                `json:` body written in YAML avoids them all.",
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
            why: "A server that picks its parser by Content-Type rejects the body with a 400 when \
                the type is missing or contradicts the content, even if the content is fine.",
            fix: "Declare the body's real type (`application/json` for JSON, \
                `application/x-www-form-urlencoded` for form data) in the Content-Type header or \
                `content_type`, or switch to the body kind that sets it; never declare multipart \
                without its boundary.",
            standard: "RFC 9110 §8.3, §15.5.1",
        }
        PLACEHOLDERS = "400.placeholders" {
            tier: Sent,
            title: "No unresolved placeholders",
            inspects: "As R.placeholder: fails naming the first `{{…}}`, `${…}`, `{id}`, `:id` or \
                `<id>` left in the URL, headers or body as sent; passes when there is none.",
            why: "The 400 is likely about the literal placeholder: the server tried to read \
                `{{id}}` or `:id` as a value and found it malformed.",
            fix: "Replace the placeholder named with the value the server expects there, or with a \
                variable apibench knows (`{{ name }}` defined in `variables` or the environment), \
                and send again.",
            standard: "RFC 9110 §15.5.1; a template left unrendered",
        }
        NAMED_FIELDS = "400.named-fields" {
            tier: Stated,
            title: "Fields the server names are in the request",
            inspects: "Cross-references every field the error body names with the request as \
                sent. Fails when one is missing, empty or elsewhere in the body (with the closest \
                name sent); when all were sent it still fails, as \"The server accepts the values \
                of the fields it names\", because their values are what the server refused.",
            why: "The server has said which fields it refused, and a field that is missing, empty \
                or misplaced in your request is the most likely cause of this 400.",
            fix: "For each field listed, add it, rename it (the closest name sent is shown) or \
                move it to where the server expects it; when every field was sent as named, change \
                the values to ones the server's message allows.",
            standard: "RFC 9110 §15.5.1; RFC 9457 §3; the vendors' error formats",
        }
        QUERY_ENCODING = "400.query-encoding" {
            tier: Sent,
            title: "The query string is encoded correctly",
            inspects: "For a URL with a query, as written: fails at the first value with a raw \
                space, a raw `+`, a double-encoded `%25` or a stray `%`; passes otherwise.",
            why: "A badly encoded query value may not decode at all on the server, which answers \
                400, or decodes to something other than what you wrote.",
            fix: "Move the parameter out of `url` and into `query`, where apibench encodes it, or \
                repair it by hand: `%20` for a space, `%2B` for a plus sign, `%25` for a percent \
                sign, and no encoding of what is already encoded.",
            standard: "RFC 3986 §2.1 (percent-encoding)",
        }
        TLS_PORT = "400.tls-port" {
            tier: Sent,
            title: "Plain HTTP goes to a plain HTTP port",
            inspects: "Fails when the body says \"plain HTTP request was sent to HTTPS port\" \
                (nginx) or an http:// URL targets port 443: the port expects TLS.",
            why: "A port that expects TLS cannot read plain HTTP, so the server (nginx, typically) \
                refuses every request there before any reaches the API.",
            fix: "Change the URL to `https://`, or keep `http://` and use the server's plain-HTTP \
                port (often 80 or 8080); the port is usually set in `base_url`.",
            standard: "nginx (error 497, answered as 400)",
        }
        HEADER_SIZE = "400.header-size" {
            tier: Sent,
            title: "Headers are small enough for the server",
            inspects: "Fails when the body says \"Request Header Or Cookie Too Large\" or one \
                header line is over 8 KiB, nginx's per-line limit; passes when the largest is \
                under 4 KiB; in between it does not apply.",
            why: "nginx refuses a header line or cookie that is too large with a bare 400 before \
                the API sees anything, so the error says nothing about your data.",
            fix: "Shorten the header named: clear stale cookies from Cookie, ask for a token with \
                fewer claims, or drop headers you do not need. If you run the server, raise \
                nginx's `large_client_header_buffers`.",
            standard: "nginx large_client_header_buffers (4 × 8 KiB, 400 per line)",
        }
        BEARER_INVALID_REQUEST = "400.bearer-invalid-request" {
            tier: Stated,
            title: "The bearer request is well-formed",
            inspects: "Fails when a Bearer challenge says `error=\"invalid_request\"`, listing \
                where the token went (Authorization header, `access_token` query parameter or \
                form field) and saying so when it went by more than one.",
            why: "A Bearer `invalid_request` error means the token was presented wrongly (missing, \
                or sent in more than one place at once), so even a valid token is refused.",
            fix: "Send the token one way only: keep `auth: { bearer: … }` for the Authorization \
                header and remove the `access_token` query parameter or form field, or the reverse \
                if the API documents only the parameter.",
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
            why: "Without a Content-Type the server does not know how to read the body, so it \
                refuses it as an unsupported type.",
            fix: "Add the Content-Type header the API expects (usually `application/json`), or set \
                `content_type` on a `text` or `file` body.",
            standard: "RFC 9110 §8.3, §15.5.16",
        }
        CT_ADVERTISED = "415.ct-advertised" {
            tier: Stated,
            title: "Content-Type is one the server accepts",
            inspects: "Matches the Content-Type sent against the media ranges of the response's \
                Accept-Post, Accept-Patch and Accept. Passes when one covers it; fails when none \
                does or no Content-Type was sent; cannot tell when the server lists nothing.",
            why: "The server lists the media types it accepts for this operation, and the one you \
                sent is not among them.",
            fix: "Change the Content-Type (the header, or the body's `content_type`) to one the \
                server lists, and encode the body in that format.",
            standard: "RFC 9110 §15.5.16, §12.5.1; RFC 5789 §3.1 (Accept-Patch); W3C LDP §7.1 \
                (Accept-Post)",
        }
        CT_VS_BODY = "415.ct-vs-body" {
            tier: Sent,
            title: "Content-Type matches the body",
            inspects: "Fails when the declared type contradicts the body's first bytes (form type \
                with a JSON body, JSON type with form data, XML or HTML).",
            why: "The declared type does not describe the body, so the server's parser for that \
                type cannot read it.",
            fix: "Make the body kind and the type agree: a `json` body for JSON, a `form` body for \
                form data, or a corrected Content-Type header if you set one by hand.",
            standard: "RFC 9110 §8.3",
        }
        PATCH_FORMAT = "415.patch-format" {
            tier: Sent,
            title: "The PATCH body uses a patch format the server accepts",
            inspects: "Fails when a PATCH declared application/json while Accept-Patch lists a \
                `patch+json` format (merge patch or JSON Patch).",
            why: "This endpoint takes PATCH bodies only in a patch format such as JSON merge patch \
                or JSON Patch, not as plain `application/json`.",
            fix: "Set `content_type: application/merge-patch+json` on the JSON body to send a \
                partial object, or `application/json-patch+json` with an array of patch \
                operations, whichever Accept-Patch lists.",
            standard: "RFC 5789 §3.1; RFC 7396; RFC 6902",
        }
        MULTIPART_BOUNDARY = "415.multipart-boundary" {
            tier: Sent,
            title: "The multipart boundary is declared and used",
            inspects: "For a multipart Content-Type: fails when it has no boundary parameter (a \
                header set by hand) or the boundary never appears in the body; passes when the \
                boundary frames the body.",
            why: "Without a boundary that matches the body the server cannot split it into parts, \
                so it rejects the upload.",
            fix: "Delete the hand-written `multipart/form-data` Content-Type header and use a \
                `multipart` body, so apibench picks the boundary and declares it.",
            standard: "RFC 2046 §5.1.1; RFC 7578",
        }
        PARAMS = "415.params" {
            tier: Sent,
            title: "Content-Type parameters are acceptable",
            inspects: "Fails (possible) when a JSON:API type carries media-type parameters, which \
                JSON:API servers reject, or a JSON type declares a charset other than UTF-8.",
            why: "JSON:API servers refuse media-type parameters they do not know, and strict JSON \
                servers refuse a charset other than UTF-8.",
            fix: "Send exactly `application/vnd.api+json` with no parameters to a JSON:API server, \
                and drop `charset` from a JSON Content-Type or set it to utf-8.",
            standard: "JSON:API 1.1 (content negotiation); RFC 8259 §8.1",
        }
        CONTENT_ENCODING = "415.content-encoding" {
            tier: Sent,
            title: "The body's encoding is accepted",
            inspects: "Fails when a coding of the Content-Encoding sent is not admitted by the \
                response's Accept-Encoding (without one, only identity is).",
            why: "The server does not take request bodies compressed with the coding you used, so \
                it cannot read the body.",
            fix: "Remove the Content-Encoding header and send the body uncompressed, or compress \
                it with a coding listed in the response's Accept-Encoding.",
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
            why: "The body was well-formed but the server refused particular values, and each line \
                tells you which field to change and why.",
            fix: "Correct each field listed as the server's message asks (format, range, length, \
                required), using the value and type shown beside it, and send again.",
            standard: "RFC 9110 §15.5.21; RFC 9457 §3; the vendors' error formats",
        }
        ALL_MISSING = "422.all-missing" {
            tier: Stated,
            title: "The server read the body",
            inspects: "Fails when two or more fields are all reported required or missing although \
                the body has keys: the server likely ignored the body (its Content-Type is \
                quoted).",
            why: "Every field reported missing although you sent them means the server did not \
                read the body at all, usually because of how it was declared.",
            fix: "Check the Content-Type: JSON needs `application/json` (a `json` body sends it) \
                and form data a `form` body, as the API documents; a Content-Type header set by \
                hand may be overriding the right one.",
            standard: "RFC 9110 §15.5.21",
        }
        TYPE = "422.type" {
            tier: Stated,
            title: "Values have the types the server expects",
            inspects: "Fails at the first field whose message names a type (integer, number, \
                boolean, string, array, object) while the value sent has another JSON type.",
            why: "The value has the wrong JSON type (a string where a number belongs, for \
                example), so the server refuses it even though it looks right.",
            fix: "Write the value in the type named: in a `json` body a `{{ template }}` always \
                produces a string, so write numbers and booleans as plain YAML values, and quote \
                what should be a string.",
            standard: "RFC 9110 §15.5.21",
        }
        ENUM = "422.enum" {
            tier: Stated,
            title: "Values are among the allowed ones",
            inspects: "Fails at the first field whose message lists the allowed values while the \
                value sent is not among them, with the closest allowed value.",
            why: "The field takes only a fixed set of values and yours is not one of them, often \
                because of a difference in case or spelling.",
            fix: "Replace the value with one of the allowed values listed; the closest is \
                suggested, and case usually matters.",
            standard: "RFC 9110 §15.5.21",
        }
        WRAPPER = "422.wrapper" {
            tier: Stated,
            title: "Fields sit at the nesting level the server expects",
            inspects: "Fails when a field the server names is in the body at another nesting \
                level: the API expects a different wrapper object.",
            why: "The server expects the fields inside (or outside) a wrapper object such as \
                `{\"user\": {…}}`, so it does not find them where you put them.",
            fix: "Move the fields to the nesting level the server names: wrap them in the object \
                the API documents (`user`, `data`, `attributes`…), or take them out of one.",
            standard: "RFC 9110 §15.5.21; RFC 6901 (JSON Pointer)",
        }
        NAMING_STYLE = "422.naming-style" {
            tier: Stated,
            title: "Field names use the server's naming style",
            inspects: "Fails when a field the server names is missing but the same name in another \
                case style (snake_case, camelCase, kebab-case) was sent.",
            why: "The server looks for `first_name` and you sent `firstName` (or the reverse), so \
                the field counts as missing.",
            fix: "Rename the body's keys to the server's style (snake_case, camelCase or \
                kebab-case), as the field names in its error show.",
            standard: "RFC 9110 §15.5.21",
        }
    }
}
