//! Checks attached to every 4xx and 5xx response (`C.*`), whatever the status.

scope! {
    /// Every error response: who produced it, whether it came from a cache, what redirects
    /// did, which fields the server names, placeholders and a mislabelled body.
    pub mod any_error ("C", "Every error response (4xx and 5xx)") {
        STATED_REASON = "C.stated-reason" {
            tier: Stated,
            title: "The server gives no reason to refuse",
            inspects: "Reads the reason the server states, in whatever dialect it writes: a JSON \
                error body (the message at any depth, under the keys services use), field errors \
                in any path notation, RFC 6749 and 6750 token and bearer errors, google.rpc \
                details, orchestration status objects, XML error documents, an HTML error page's \
                title and heading, plain text, NDJSON, and reason headers. Fails quoting the \
                reason and mapping each field it names onto the request; cannot tell when the \
                response states nothing.",
            standard: "RFC 9457 (problem details); RFC 6749 §5.2; RFC 6750 §3; the vendors' error \
                formats",
        }
        DIFFERS_FROM_WORKING = "C.differs-from-working" {
            tier: Heuristic,
            title: "This request is like the ones that worked",
            inspects: "Finds the closest requests to the same API that succeeded (this request's \
                last success, and the most similar requests of the collection that succeeded \
                in this session) and compares them with this one: the Authorization scheme, \
                headers the others send, path segments and prefixes, the body's shape and \
                content type, the environment. Fails (possible) naming the difference that most \
                often separates success from failure; passes when nothing differs; cannot tell \
                with no success to compare with.",
            standard: "None — differential diagnosis against the session's own successes",
        }
        GENERATOR = "C.generator" {
            tier: Answerer,
            title: "The API itself produced this response",
            inspects: "Fingerprints who wrote the response from Via, Server and CDN headers and the \
                shape of the body. Fails when an intermediary (CDN, WAF, load balancer, proxy or \
                gateway) generated it, so the API may never have seen the request; passes when \
                the body is the API's own, even if it passed through intermediaries; cannot tell \
                when the body is HTML or text without a recognisable gateway signature.",
            standard: "RFC 9110 §7.6.3 (Via); Cloudflare, CloudFront, AWS, Envoy, Kong and nginx \
                documentation of their error pages",
        }
        FROM_CACHE = "C.from-cache" {
            tier: Answerer,
            title: "The response is fresh, not cached",
            inspects: "Reads Age, X-Cache, CF-Cache-Status and X-Cache-Hits. Fails (possible) when \
                Age is above 0 or a cache reports a hit, since this error may be a stored copy; \
                passes when no cache header says so.",
            standard: "RFC 9111 §4.2.2 (heuristic freshness), §5.1 (Age)",
        }
        REDIRECTED = "C.redirected" {
            tier: Sent,
            title: "Redirects kept the method, body and credentials",
            inspects: "Walks the redirect chain hop by hop. Fails at the first hop that stripped \
                headers (credentials dropped on a cross-host redirect) or turned the method into \
                GET and dropped the body (301, 302, 303); passes with no redirects or only \
                method-preserving ones.",
            standard: "RFC 9110 §15.4 (redirection; POST to GET on 301 and 302)",
        }
        BODY_FIELD_REFS = "C.body-field-refs" {
            tier: Stated,
            title: "Fields the server names are in the request",
            inspects: "Reads the field issues of the error body (problem details, JSON:API, Google, \
                Microsoft, Stripe, GitHub, DRF, Rails, FastAPI…) and looks each one up in the \
                request as sent (JSON or form body, query, headers). Fails when a named field is \
                missing, empty or at another nesting level, with the closest name sent; passes \
                when every named field was sent. Asked only when no status check (400, 422) \
                already does.",
            standard: "RFC 9457 §3 (problem details); the vendors' error formats",
        }
        PLACEHOLDER = "C.placeholder" {
            tier: Sent,
            title: "No unresolved placeholders",
            inspects: "Scans the URL path, host and query, the headers and the body as sent for \
                `{{…}}` and `${…}`, and for whole path segments written as `{id}`, `:id` or \
                `<id>`, raw or percent-encoded. Fails naming the first one and where it was; \
                passes when there is none. Asked only when no status check (400, 404) already \
                does.",
            standard: "None — a template left unrendered (the request lint R.placeholder)",
        }
        RESPONSE_TYPE = "C.response-type" {
            tier: Answerer,
            title: "The body is what Content-Type says",
            inspects: "Compares a JSON Content-Type with the body's first bytes (not for HEAD or \
                204). Fails when the body is empty or looks like HTML or XML, an error page from \
                a proxy or framework; passes when the body looks like what is declared.",
            standard: "RFC 9110 §8.3 (Content-Type)",
        }
    }
}
