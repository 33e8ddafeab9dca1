//! Checks of 429 and 503: when to come back. Retry-After wins over every other signal, then
//! rate-limit resets; the time-based verdicts flip when the wait is over.

scope! {
    /// 429 Too Many Requests: the wait asked for, the quota's reset, quota or burst, abnormal
    /// usage, your own rate, anonymous requests, and headers that disagree.
    pub mod too_many_requests ("429", "429 Too Many Requests") {
        RETRY_AFTER = "429.retry-after" {
            tier: Stated,
            title: "The wait the server asked for has passed",
            inspects: "Reads Retry-After as seconds or an HTTP-date (against the server's Date, \
                so clock skew does not matter). Fails until the time it names, with a countdown, \
                and passes once it has passed; waits over an hour are flagged as unusually long. \
                Cannot tell without the header or with a malformed one.",
            standard: "RFC 9110 §10.2.3; RFC 6585 §4",
        }
        RESET = "429.reset" {
            tier: Stated,
            title: "The quota has refilled",
            inspects: "Reads every rate-limit header family and finds a limit with nothing left. \
                Fails until its reset (saying how the reset value was read: seconds from now, \
                Unix epoch seconds or milliseconds, a duration, a date), passes once the window \
                has passed or when every limit has requests left (the one that fired may be \
                elsewhere); cannot tell without rate-limit headers or remaining counts.",
            standard: "draft-ietf-httpapi-ratelimit-headers; GitHub, GitLab, OpenAI and other \
                vendors' X-RateLimit-* headers",
        }
        QUOTA_VS_RATE = "429.quota-vs-rate" {
            tier: Stated,
            title: "Waiting a little will help (a burst limit, not a quota)",
            inspects: "Fails when the body mentions billing, a plan or a daily or monthly limit, \
                or the exhausted policy's window is a day or longer: waiting seconds will not \
                help; passes when the window is shorter.",
            standard: "draft-ietf-httpapi-ratelimit-headers (policy windows)",
        }
        ABNORMAL = "429.abnormal" {
            tier: Stated,
            title: "The server sees normal usage",
            inspects: "Fails when the problem type is `abnormal-usage-detected` (with the violated \
                policies) or the body mentions a secondary rate limit: slow down beyond what the \
                headers say.",
            standard: "draft-ietf-httpapi-ratelimit-headers (problem types); GitHub REST \
                documentation (secondary rate limits)",
        }
        CLIENT_RATE = "429.client-rate" {
            tier: Heuristic,
            title: "Your request rate is within the policy",
            inspects: "Counts this session's requests to the host within the policy's window. \
                Fails when they reach the quota; passes when they do not (others may share \
                your quota).",
            standard: "draft-ietf-httpapi-ratelimit-headers (quota and window)",
        }
        IDENTITY = "429.identity" {
            tier: Sent,
            title: "The request was authenticated",
            inspects: "When no credentials were sent: fails (possible) when the request's auth \
                helper sent nothing, or the host gives anonymous clients a much smaller quota \
                (GitHub, GitLab, X).",
            standard: "RFC 6585 §4 (how clients are identified is left open); GitHub REST \
                documentation (60 vs 5,000 requests an hour)",
        }
        HEADER_CONSISTENCY = "429.header-consistency" {
            tier: Stated,
            title: "Retry-After and the rate-limit reset agree",
            inspects: "When both are present: fails (possible) when Retry-After comes earlier than \
                the exhausted limit's reset, so the quota may still be empty then; passes when \
                they agree.",
            standard: "draft-ietf-httpapi-ratelimit-headers (Retry-After takes precedence; servers \
                should not send one earlier than the reset)",
        }
    }
}

scope! {
    /// 503 Service Unavailable: the wait asked for, maintenance, a gateway without backends,
    /// throttling, and whether the whole host is down.
    pub mod service_unavailable ("503", "503 Service Unavailable") {
        RETRY_AFTER = "503.retry-after" {
            tier: Stated,
            title: "The wait the server asked for has passed",
            inspects: "As 429.retry-after: fails until the time Retry-After names, with a \
                countdown, then passes; cannot tell without the header or with a malformed one.",
            standard: "RFC 9110 §10.2.3, §15.6.4",
        }
        MAINTENANCE = "503.maintenance" {
            tier: Stated,
            title: "The service is not in maintenance",
            inspects: "Fails when the body mentions maintenance, a schedule or a status page, \
                quoting the server's message.",
            standard: "RFC 9110 §15.6.4",
        }
        NO_UPSTREAM = "503.no-upstream" {
            tier: Answerer,
            title: "The gateway has a healthy backend",
            inspects: "Fails when the body says \"no healthy upstream\", \"no available server\", \
                \"no healthy hosts\" or \"default backend\", or Server is an AWS load balancer: \
                the gateway has nothing healthy behind it.",
            standard: "Envoy, HAProxy, Kubernetes ingress and AWS load balancer documentation",
        }
        THROTTLE = "503.throttle" {
            tier: Stated,
            title: "This is not throttling",
            inspects: "Fails when a rate-limit header shows nothing left (with its reset) or the \
                problem type is `temporary-reduced-capacity`.",
            standard: "draft-ietf-httpapi-ratelimit-headers (temporary-reduced-capacity)",
        }
        HOST_WIDE = "503.host-wide" {
            tier: Heuristic,
            title: "Other requests to this host work",
            inspects: "As 500.host-wide: fails when at least half of the session's last five \
                minutes of requests to this host failed with a 5xx or no answer, passes when fewer \
                did.",
            standard: "RFC 9110 §15.6 (server errors)",
        }
    }
}
