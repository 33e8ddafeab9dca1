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
            why: "The server has said when it will accept requests again; anything sent before \
                then earns another 429 and can lengthen the block.",
            fix: "Wait until the time shown (`R` in the TUI retries once the wait is over), then \
                send again; in scripts, honour Retry-After before every retry.",
            standard: "RFC 9110 §10.2.3; RFC 6585 §4",
        }
        RESET = "429.reset" {
            tier: Stated,
            title: "The rate limit had requests left",
            inspects: "Reads every rate-limit header family and finds a limit with nothing left \
                when this request arrived, and when it resets (saying how the reset value was \
                read: seconds from now, Unix epoch seconds or milliseconds, a duration, a date); \
                once the window has passed it still fails, as the reason for this refusal, and \
                says you may send again. Passes when every limit has requests left (the one \
                that fired may be elsewhere); cannot tell without rate-limit headers or \
                remaining counts.",
            why: "A rate-limit window has no requests left, so the server will refuse everything \
                until that window resets.",
            fix: "Wait for the reset time shown before sending again, and pace later requests so \
                the remaining count does not reach zero.",
            standard: "draft-ietf-httpapi-ratelimit-headers; GitHub, GitLab, OpenAI and other \
                vendors' X-RateLimit-* headers",
        }
        QUOTA_VS_RATE = "429.quota-vs-rate" {
            tier: Stated,
            title: "Waiting a little will help (a burst limit, not a quota)",
            inspects: "Fails when the body mentions billing, a plan or a daily or monthly limit, \
                or the exhausted policy's window is a day or longer: waiting seconds will not \
                help; passes when the window is shorter.",
            why: "A daily, monthly or billing quota does not refill in seconds, so retrying soon \
                will keep failing.",
            fix: "Check your usage in the provider's dashboard: upgrade the plan or add billing, \
                wait for the next period, or switch to a key or project that has quota left.",
            standard: "draft-ietf-httpapi-ratelimit-headers (policy windows)",
        }
        ABNORMAL = "429.abnormal" {
            tier: Stated,
            title: "The server sees normal usage",
            inspects: "Fails when the problem type is `abnormal-usage-detected` (with the violated \
                policies) or the body mentions a secondary rate limit: slow down beyond what the \
                headers say.",
            why: "The server judges your traffic abusive (a secondary limit), and such limits are \
                stricter than the headers show and may lengthen if you carry on.",
            fix: "Stop for a few minutes, then send requests one at a time with pauses between \
                them, avoiding concurrent requests and bursts of writes, as the API's guidance on \
                secondary limits asks.",
            standard: "draft-ietf-httpapi-ratelimit-headers (problem types); GitHub REST \
                documentation (secondary rate limits)",
        }
        CLIENT_RATE = "429.client-rate" {
            tier: Heuristic,
            title: "Your request rate is within the policy",
            inspects: "Counts this session's requests to the host within the policy's window. \
                Fails when they reach the quota; passes when they do not (others may share \
                your quota).",
            why: "Your own requests in this session used up the quota, so the limit is one you can \
                stay under by sending fewer.",
            fix: "Space requests so that you stay within the policy's quota per window, and cache \
                or combine requests that fetch the same data.",
            standard: "draft-ietf-httpapi-ratelimit-headers (quota and window)",
        }
        IDENTITY = "429.identity" {
            tier: Sent,
            title: "The request was authenticated",
            inspects: "When no credentials were sent: fails (possible) when the request's auth \
                helper sent nothing, or the host gives anonymous clients a much smaller quota \
                (GitHub, GitLab, X).",
            why: "Anonymous requests share a small quota (GitHub allows 60 an hour without a token \
                and 5,000 with one), so unauthenticated requests run out quickly.",
            fix: "Authenticate: give the request an `auth` with the API's token or key, and check \
                that its variable is not empty.",
            standard: "RFC 6585 §4 (how clients are identified is left open); GitHub REST \
                documentation (60 vs 5,000 requests an hour)",
        }
        HEADER_CONSISTENCY = "429.header-consistency" {
            tier: Stated,
            title: "Retry-After and the rate-limit reset agree",
            inspects: "When both are present: fails (possible) when Retry-After comes earlier than \
                the exhausted limit's reset, so the quota may still be empty then; passes when \
                they agree.",
            why: "Retry-After and the rate-limit reset disagree, so retrying at the earlier of the \
                two may still meet an empty quota.",
            fix: "Wait until the later of the two times before retrying, and tell the API's owner \
                about the inconsistency if it keeps happening.",
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
            why: "The service has said when it expects to be back, and requests before then will \
                keep getting 503.",
            fix: "Wait until the time shown and send again (`R` in the TUI arms a retry for when \
                the wait is over).",
            standard: "RFC 9110 §10.2.3, §15.6.4",
        }
        MAINTENANCE = "503.maintenance" {
            tier: Stated,
            title: "The service is not in maintenance",
            inspects: "Fails when the body mentions maintenance, a schedule or a status page, \
                quoting the server's message.",
            why: "The service is down for maintenance, so no change to your request will help \
                until the work is over.",
            fix: "Check the status page or schedule quoted and try again once the maintenance \
                window has ended.",
            standard: "RFC 9110 §15.6.4",
        }
        NO_UPSTREAM = "503.no-upstream" {
            tier: Answerer,
            title: "The gateway has a healthy backend",
            inspects: "Fails when the body says \"no healthy upstream\", \"no available server\", \
                \"no healthy hosts\" or \"default backend\", or Server is an AWS load balancer: \
                the gateway has nothing healthy behind it.",
            why: "The gateway has no healthy backend to pass your request to, so the API is \
                unreachable for everyone, not just you.",
            fix: "Retry once the service recovers; if you run it, check that its instances pass \
                the load balancer's health checks and that the ingress or service points at the \
                right pods and port.",
            standard: "Envoy, HAProxy, Kubernetes ingress and AWS load balancer documentation",
        }
        THROTTLE = "503.throttle" {
            tier: Stated,
            title: "This is not throttling",
            inspects: "Fails when a rate-limit header shows nothing left (with its reset) or the \
                problem type is `temporary-reduced-capacity`.",
            why: "This 503 is the server shedding load or throttling you, not an outage, so \
                slowing down is what helps.",
            fix: "Wait for the reset shown, then lower your request rate and spread bulk jobs out \
                over a longer period.",
            standard: "draft-ietf-httpapi-ratelimit-headers (temporary-reduced-capacity)",
        }
        HOST_WIDE = "503.host-wide" {
            tier: Heuristic,
            title: "Other requests to this host work",
            inspects: "As 500.host-wide: fails when at least half of the session's last five \
                minutes of requests to this host failed with a 5xx or no answer, passes when fewer \
                did.",
            why: "Most recent requests to this host are failing, which points at an outage of the \
                service rather than at this request.",
            fix: "Wait and retry later, watching the service's status page, and report the outage \
                with its times if it is not already known.",
            standard: "RFC 9110 §15.6 (server errors)",
        }
    }
}
