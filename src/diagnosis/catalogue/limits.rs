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
            why: "When Content-Length promises more bytes than the body has, the server waits for \
                the rest until it gives up with a 408.",
            fix: "Drop the Content-Length you set by hand and let apibench compute it, or correct \
                it to the body's size in bytes (not characters: accented letters take more than \
                one byte).",
            standard: "RFC 9110 §15.5.9, §8.6",
        }
        EXPECT_CONTINUE = "408.expect-continue" {
            tier: Sent,
            title: "The request did not wait for 100 Continue",
            inspects: "Fails when the request sent `Expect: 100-continue`, waiting for a \
                \"100 Continue\" that never came.",
            why: "With `Expect: 100-continue` the body waits for the server's go-ahead, and a \
                server or proxy that never sends it leaves the request hanging until it times out.",
            fix: "Remove the Expect header from `headers` and `defaults.headers`, so the body is \
                sent straight after the headers.",
            standard: "RFC 9110 §10.1.1 (Expect)",
        }
        CONNECTION_CLOSE = "408.connection-close" {
            tier: Heuristic,
            title: "A retry can use a fresh connection",
            inspects: "Passes when the server sent `Connection: close`: a retry uses a new \
                connection, and a 408 is safe to retry.",
            why: "The 408 closed the idle connection, and knowing the retry will open a fresh one \
                means simply sending again is safe.",
            fix: "Nothing to fix in this check, which only passes: send the request again. If 408s \
                keep coming, look for what slows the upload, such as a large body on a slow link.",
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
            why: "Some servers and proxies refuse a body of unknown length, so a chunked upload is \
                turned away before it is read.",
            fix: "Remove the Transfer-Encoding header from `headers` so apibench sends the body \
                whole with a Content-Length.",
            standard: "RFC 9110 §15.5.12; RFC 9112 §6.1",
        }
        EMPTY_POST = "411.empty-post" {
            tier: Sent,
            title: "An empty body is announced with Content-Length: 0",
            inspects: "For POST, PUT or PATCH without a body: fails when no Content-Length was \
                sent, passes when one was.",
            why: "Some servers insist on a Content-Length even when there is no body, and refuse a \
                POST, PUT or PATCH that does not state one.",
            fix: "Announce the empty body: apibench adds `Content-Length: 0` to a POST, PUT or \
                PATCH unless a Transfer-Encoding header is set, so remove that header, or write \
                `Content-Length: 0` in `headers` yourself.",
            standard: "RFC 9110 §8.6",
        }
        HTTP10_HOP = "411.http10-hop" {
            tier: Answerer,
            title: "Every hop speaks HTTP/1.1",
            inspects: "Fails (possible) when Via names an HTTP/1.0 hop or the response came in \
                HTTP/1.0: such a hop cannot accept chunked bodies.",
            why: "An HTTP/1.0 hop cannot pass chunked bodies on, so it demands a length for every \
                body it forwards.",
            fix: "Send the body with a Content-Length (remove any Transfer-Encoding header); if \
                you run the proxy, make it talk HTTP/1.1 to the upstream (nginx: \
                `proxy_http_version 1.1`).",
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
            why: "The body is larger than the limit the server states, so it was refused before \
                the API read any of it.",
            fix: "Make the body smaller: split the upload, compress it if the API accepts a \
                Content-Encoding, or use the API's dedicated upload endpoint. If you run nginx, \
                raise `client_max_body_size`.",
            standard: "RFC 9110 §15.5.14; nginx client_max_body_size (default 1m)",
        }
        GENERATOR = "413.generator" {
            tier: Answerer,
            title: "The limit is the API's own",
            inspects: "Fails when an intermediary generated the 413: the limit sits in front of \
                the API.",
            why: "The limit is enforced by a proxy or gateway in front of the API, and may be \
                lower than the one the API documents.",
            fix: "Ask whoever runs the gateway to raise its payload limit (nginx \
                `client_max_body_size`, a load balancer's or API gateway's maximum request size), \
                or send smaller bodies meanwhile.",
            standard: "RFC 9110 §7.6.3 (Via); the intermediaries' documentation",
        }
        ENCODING_OVERHEAD = "413.encoding-overhead" {
            tier: Heuristic,
            title: "The body carries no bulky encoded blobs",
            inspects: "Fails (possible) when long base64-looking strings make up more than half of \
                the JSON body (+33 % overhead): a multipart or binary upload is smaller.",
            why: "Base64 inflates binary data by a third, which is often what pushes an upload \
                over the size limit.",
            fix: "Send the file as binary instead, as a `multipart` part or a `file:` body, if the \
                API has an endpoint that takes one.",
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
            why: "The URL is longer than servers and proxies commonly accept, so the request is \
                refused before it is routed anywhere.",
            fix: "Shorten the query: move filters or lists of ids into a body if the API has a \
                POST search, or split the request into several with fewer parameters.",
            standard: "RFC 9110 §4.1, §15.5.15; RFC 9112 §3",
        }
        DATA_IN_QUERY = "414.data-in-query" {
            tier: Sent,
            title: "The query carries no bulk data",
            inspects: "Fails when a query value is over 2048 bytes (JSON or data): send it in a \
                POST body.",
            why: "One large value in the query is what makes the URL too long, and data of that \
                size belongs in a body.",
            fix: "Send the data in a POST body (`json:` or `form:`) to the endpoint the API \
                provides for it, instead of in `query`.",
            standard: "RFC 9110 §15.5.15 (a POST turned into a GET with long query data)",
        }
        DUPLICATE_PARAMS = "414.duplicate-params" {
            tier: Sent,
            title: "Parameters are not repeated excessively",
            inspects: "Fails (possible) when one query parameter is repeated 20 times or more.",
            why: "A parameter repeated dozens of times lengthens the URL fast, and is often a loop \
                appending the same value again and again.",
            fix: "Send the values once in the form the API documents (`ids=1,2,3`, for example), \
                or in batches, and remove repeated rows from `query`.",
            standard: "RFC 9110 §15.5.15",
        }
        REDIRECT_GROWTH = "414.redirect-growth" {
            tier: Sent,
            title: "Redirects do not keep growing the URL",
            inspects: "Fails when the URL grew at every one of at least two redirects (nested \
                `?next=…`).",
            why: "Each redirect wraps the URL in another `?next=` parameter, so it grows until the \
                server refuses it; the loop of redirects is the real fault.",
            fix: "Find out why the server keeps redirecting (usually to a login page that sends \
                you back): authenticate the request, or set `follow_redirects: false` to see the \
                first hop.",
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
            why: "The headers together are larger than the server accepts, so it refuses the \
                request without reading it.",
            fix: "Cut down the largest headers named: fewer or smaller cookies, a shorter token, \
                and no custom headers you do not need in `headers` or `defaults.headers`.",
            standard: "RFC 6585 §5; nginx large_client_header_buffers",
        }
        COOKIE_BLOAT = "431.cookie-bloat" {
            tier: Sent,
            title: "The Cookie header is small",
            inspects: "Fails when the Cookie header is over 4 KiB or holds more than 30 cookies.",
            why: "A Cookie header this large usually carries stale or duplicated cookies, and can \
                exceed the server's limit on its own.",
            fix: "Send only the cookies the API needs, typically its session cookie, trimming the \
                rest from the Cookie header.",
            standard: "RFC 6585 §5; RFC 6265 §6.1 (cookie limits)",
        }
        TOKEN_SIZE = "431.token-size" {
            tier: Sent,
            title: "The token is small",
            inspects: "Fails when Authorization is over 4 KiB, as a JWT with many claims or groups \
                can be.",
            why: "A token carrying many claims or group memberships can outgrow header limits all \
                by itself.",
            fix: "Ask for a token with fewer scopes or claims; many identity providers can leave \
                group claims out or issue a short reference token instead of a JWT.",
            standard: "RFC 6585 §5",
        }
        DUPLICATES = "431.duplicates" {
            tier: Sent,
            title: "Headers are not repeated",
            inspects: "Fails naming every header sent more than once and how often.",
            why: "Repeated headers add to the total size, and some servers refuse repeated fields \
                outright.",
            fix: "Remove the duplicates named, keeping one row per header in `headers`, and do not \
                write by hand a header that `auth` or the body already sets.",
            standard: "RFC 6585 §5; RFC 9110 §5.3",
        }
        NAMED = "431.named" {
            tier: Stated,
            title: "The server names the header",
            inspects: "Cannot tell, but quotes it: the body names one of the headers sent (as a \
                whole word) as too large.",
            why: "The server names the header it found too large, which tells you exactly what to \
                shrink.",
            fix: "Shorten or drop the header quoted in the response; for Cookie or Authorization, \
                431.cookie-bloat and 431.token-size say how.",
            standard: "RFC 6585 §5 (the response should say which field was too large)",
        }
    }
}
