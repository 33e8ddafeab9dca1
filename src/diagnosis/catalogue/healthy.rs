//! Checks of a successful (2xx) response (`ok.*`): it worked, but is something about to go
//! wrong, or is an error hiding inside the success?

scope! {
    /// Successful responses: the quota left, deprecation, and errors inside a 200.
    pub mod success ("ok", "Successful responses (2xx)") {
        STATUS = "ok.status" {
            tier: Stated,
            title: "The request succeeded",
            inspects: "Always passes on a 2xx, quoting the status line, the Location header if \
                any and the body size.",
            standard: "RFC 9110 §15.3 (successful 2xx)",
        }
        GRAPHQL_ERRORS = "ok.graphql-errors" {
            tier: Stated,
            title: "No error hides inside the success",
            inspects: "Fails when a 2xx body carries a non-empty GraphQL `errors` array, quoting \
                the first message; GraphQL servers report errors with a 200.",
            standard: "GraphQL over HTTP (errors in a 200 response)",
        }
        ERROR_IN_BODY = "ok.error-in-body" {
            tier: Stated,
            title: "No error hides inside the success",
            inspects: "Fails when a 2xx body says `\"ok\": false` with an `error` code, the way the \
                Slack Web API reports failures.",
            standard: "Slack Web API documentation (`ok` and `error` in a 200)",
        }
        QUOTA = "ok.quota" {
            tier: Stated,
            title: "Plenty of rate-limit quota is left",
            inspects: "Reads every rate-limit header family (IETF RateLimit drafts, X-RateLimit-*, \
                vendor variants) and takes the limit with the fewest requests left. Fails \
                (possible) when none or less than a tenth of the quota is left, so the next \
                request may be refused; passes otherwise; both say when the quota refills.",
            standard: "draft-ietf-httpapi-ratelimit-headers; GitHub, GitLab and other vendors' \
                X-RateLimit-* headers",
        }
        DEPRECATION = "ok.deprecation" {
            tier: Stated,
            title: "The endpoint is not deprecated",
            inspects: "Fails (possible) when the response carries Deprecation, Sunset or a Link \
                with rel deprecation, successor-version or sunset, quoting them and how far off \
                the sunset is.",
            standard: "RFC 9745 (Deprecation); RFC 8594 (Sunset)",
        }
        RESPONSE_TYPE = "ok.response-type" {
            tier: Answerer,
            title: "The body is what Content-Type says",
            inspects: "Fails when a 2xx declares JSON but the body looks like HTML or XML, as when \
                a login or error page answers with 200.",
            standard: "RFC 9110 §8.3 (Content-Type)",
        }
    }
}
