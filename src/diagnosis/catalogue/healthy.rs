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
            why: "A 2xx shows the server accepted the request, which rules out the usual causes of \
                failure and leaves the other checks to say whether anything is about to go wrong.",
            fix: "Nothing to fix: this check only ever passes. If you expected another success \
                status (201 rather than 200, say), set `expect: { status: 201 }` on the request so \
                headless runs notice the difference.",
            standard: "RFC 9110 §15.3 (successful 2xx)",
        }
        GRAPHQL_ERRORS = "ok.graphql-errors" {
            tier: Stated,
            title: "No error hides inside the success",
            inspects: "Fails when a 2xx body carries a non-empty GraphQL `errors` array, quoting \
                the first message; GraphQL servers report errors with a 200.",
            why: "GraphQL reports failures inside a 200, so the status says all is well while some \
                or all of the data you asked for is missing or null.",
            fix: "Use the quoted message and its `path` to correct the query (a field name, a \
                missing argument, a variable of the wrong type) or the permission it names; errors \
                raised inside a resolver are the server's to fix, so send them to the API's owner.",
            standard: "GraphQL over HTTP (errors in a 200 response)",
        }
        ERROR_IN_BODY = "ok.error-in-body" {
            tier: Stated,
            title: "No error hides inside the success",
            inspects: "Fails when a 2xx body says `\"ok\": false` with an `error` code, the way the \
                Slack Web API reports failures.",
            why: "APIs in the Slack style answer 200 even when the call failed, so nothing \
                happened although the status suggests success.",
            fix: "Look the quoted `error` code up in the method's documentation (`not_authed`, \
                `channel_not_found`, `missing_scope`…) and correct the token, argument or scope it \
                refers to.",
            standard: "Slack Web API documentation (`ok` and `error` in a 200)",
        }
        QUOTA = "ok.quota" {
            tier: Stated,
            title: "Plenty of rate-limit quota is left",
            inspects: "Reads every rate-limit header family (IETF RateLimit drafts, X-RateLimit-*, \
                vendor variants) and takes the limit with the fewest requests left. Fails \
                (possible) when none or less than a tenth of the quota is left, so the next \
                request may be refused; passes otherwise; both say when the quota refills.",
            why: "With little quota left, the next few requests will be refused with 429 until the \
                window refills, which can stop a script or test run halfway through.",
            fix: "Slow down or batch requests until the refill time shown; send a credential if \
                you are anonymous, since most APIs give identified clients a larger quota, or ask \
                the provider for a higher limit.",
            standard: "draft-ietf-httpapi-ratelimit-headers; GitHub, GitLab and other vendors' \
                X-RateLimit-* headers",
        }
        DEPRECATION = "ok.deprecation" {
            tier: Stated,
            title: "The endpoint is not deprecated",
            inspects: "Fails (possible) when the response carries Deprecation, Sunset or a Link \
                with rel deprecation, successor-version or sunset, quoting them and how far off \
                the sunset is.",
            why: "A deprecated endpoint still works today but will stop on its sunset date, and \
                whatever relies on it will break then without further warning.",
            fix: "Follow the deprecation or successor-version link to the replacement and move the \
                request's `url` to it before the sunset date shown, checking the API's changelog \
                for other changes in the new version.",
            standard: "RFC 9745 (Deprecation); RFC 8594 (Sunset)",
        }
        RESPONSE_TYPE = "ok.response-type" {
            tier: Answerer,
            title: "The body is what Content-Type says",
            inspects: "Fails when a 2xx declares JSON but the body looks like HTML or XML, as when \
                a login or error page answers with 200.",
            why: "A 2xx whose body is HTML under a JSON Content-Type is usually a login page or a \
                catch-all page, so the data you wanted never arrived and code parsing it as JSON \
                will fail.",
            fix: "Check the credential and the URL: an expired session often yields a login page \
                with a 200, and a wrong base path reaches the web front end instead of the API. \
                Compare `url` with the API's documented base URL.",
            standard: "RFC 9110 §8.3 (Content-Type)",
        }
    }
}
