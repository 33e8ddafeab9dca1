//! Checks of framing and size limits: 408 (incomplete request), 411 (length required), 413
//! (body too large), 414 (URL too long) and 431 (headers too large).

scope! {
    /// 408 Request Timeout: the body's framing, Expect: 100-continue, and a fresh connection.
    pub mod request_timeout ("408", "408 Request Timeout") {
        LENGTH_MATCH = "408.length-match" {
            tier: Sent,
            title: "Content-Length matches the bytes sent",
            inspects: "Fails when Content-Length declares more bytes than were sent, so the server \
                waited for the rest; passes when they agree (fewer declared is R.content-length-\
                override's question).",
            standard: "RFC 9110 §15.5.9, §8.6",
        }
        EXPECT_CONTINUE = "408.expect-continue" {
            tier: Sent,
            title: "The request did not wait for 100 Continue",
            inspects: "Fails when the request sent `Expect: 100-continue`, waiting for a \
                \"100 Continue\" that never came.",
            standard: "RFC 9110 §10.1.1 (Expect)",
        }
        CONNECTION_CLOSE = "408.connection-close" {
            tier: Heuristic,
            title: "A retry can use a fresh connection",
            inspects: "Passes when the server sent `Connection: close`: a retry uses a new \
                connection, and a 408 is safe to retry.",
            standard: "RFC 9110 §15.5.9; RFC 9112 §9.6",
        }
    }
}

scope! {
    /// 411 Length Required: chunked bodies, empty POSTs, and HTTP/1.0 hops.
    pub mod length_required ("411", "411 Length Required") {
        CHUNKED = "411.chunked" {
            tier: Sent,
            title: "The body has a Content-Length",
            inspects: "Fails when the body was streamed with Transfer-Encoding and no \
                Content-Length.",
            standard: "RFC 9110 §15.5.12; RFC 9112 §6.1",
        }
        EMPTY_POST = "411.empty-post" {
            tier: Sent,
            title: "An empty body is announced with Content-Length: 0",
            inspects: "For POST, PUT or PATCH without a body: fails when no Content-Length was \
                sent, passes when one was.",
            standard: "RFC 9110 §8.6",
        }
        HTTP10_HOP = "411.http10-hop" {
            tier: Answerer,
            title: "Every hop speaks HTTP/1.1",
            inspects: "Fails (possible) when Via names an HTTP/1.0 hop or the response came in \
                HTTP/1.0: such a hop cannot accept chunked bodies.",
            standard: "RFC 9110 §7.6.3 (Via); RFC 9112 §6.1",
        }
    }
}

scope! {
    /// 413 Content Too Large: the body against a stated limit, who enforces it, and base64
    /// overhead.
    pub mod content_too_large ("413", "413 Content Too Large") {
        SIZE = "413.size" {
            tier: Stated,
            title: "The body is within the server's limit",
            inspects: "Reads a size stated in the error body (\"1 MB\", \"10485760 bytes\"). Fails \
                when the body sent is at least that large, or when nginx produced the page (its \
                default limit is 1 MiB); cannot tell when the stated size is larger or no limit \
                is stated.",
            standard: "RFC 9110 §15.5.14; nginx client_max_body_size (default 1m)",
        }
        GENERATOR = "413.generator" {
            tier: Answerer,
            title: "The limit is the API's own",
            inspects: "Fails when an intermediary generated the 413: the limit sits in front of \
                the API.",
            standard: "RFC 9110 §7.6.3 (Via); the intermediaries' documentation",
        }
        ENCODING_OVERHEAD = "413.encoding-overhead" {
            tier: Heuristic,
            title: "The body carries no bulky encoded blobs",
            inspects: "Fails (possible) when long base64-looking strings make up more than half of \
                the JSON body (+33 % overhead): a multipart or binary upload is smaller.",
            standard: "RFC 4648 §4 (base64)",
        }
    }
}

scope! {
    /// 414 URI Too Long: the URL's length, bulk data and repeated parameters in the query, and
    /// redirects that grow the URL.
    pub mod uri_too_long ("414", "414 URI Too Long") {
        TOTAL = "414.total" {
            tier: Sent,
            title: "The URL is short enough",
            inspects: "Fails when the URL is over 8000 bytes, or over 2048 behind a proxy or CDN; \
                cannot tell otherwise (this server's limit is lower than most).",
            standard: "RFC 9110 §4.1, §15.5.15; RFC 9112 §3",
        }
        DATA_IN_QUERY = "414.data-in-query" {
            tier: Sent,
            title: "The query carries no bulk data",
            inspects: "Fails when a query value is over 2048 bytes (JSON or data): send it in a \
                POST body.",
            standard: "RFC 9110 §15.5.15 (a POST turned into a GET with long query data)",
        }
        DUPLICATE_PARAMS = "414.duplicate-params" {
            tier: Sent,
            title: "Parameters are not repeated excessively",
            inspects: "Fails (possible) when one query parameter is repeated 20 times or more.",
            standard: "RFC 9110 §15.5.15",
        }
        REDIRECT_GROWTH = "414.redirect-growth" {
            tier: Sent,
            title: "Redirects do not keep growing the URL",
            inspects: "Fails when the URL grew at every one of at least two redirects (nested \
                `?next=…`).",
            standard: "RFC 9110 §15.5.15 (a redirect loop that grows the URI)",
        }
    }
}

scope! {
    /// 431 Request Header Fields Too Large: the total, cookies, the token, repeats, and the
    /// header the server names.
    pub mod headers_too_large ("431", "431 Request Header Fields Too Large") {
        TOTAL = "431.total" {
            tier: Sent,
            title: "Headers are within common limits",
            inspects: "Adds up the headers sent and names the three largest. Fails above 8 KiB, \
                passes under 4 KiB, cannot tell in between.",
            standard: "RFC 6585 §5; nginx large_client_header_buffers",
        }
        COOKIE_BLOAT = "431.cookie-bloat" {
            tier: Sent,
            title: "The Cookie header is small",
            inspects: "Fails when the Cookie header is over 4 KiB or holds more than 30 cookies.",
            standard: "RFC 6585 §5; RFC 6265 §6.1 (cookie limits)",
        }
        TOKEN_SIZE = "431.token-size" {
            tier: Sent,
            title: "The token is small",
            inspects: "Fails when Authorization is over 4 KiB, as a JWT with many claims or groups \
                can be.",
            standard: "RFC 6585 §5",
        }
        DUPLICATES = "431.duplicates" {
            tier: Sent,
            title: "Headers are not repeated",
            inspects: "Fails naming every header sent more than once and how often.",
            standard: "RFC 6585 §5; RFC 9110 §5.3",
        }
        NAMED = "431.named" {
            tier: Stated,
            title: "The server names the header",
            inspects: "Cannot tell, but quotes it: the body names one of the headers sent (as a \
                whole word) as too large.",
            standard: "RFC 6585 §5 (the response should say which field was too large)",
        }
    }
}
