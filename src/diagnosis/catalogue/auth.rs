//! Checks of 401, 403 and 407: were credentials sent, in the scheme the server asks for, still
//! valid and meant for this host — or is something in between refusing.

scope! {
    /// 401 Unauthorized: credentials sent, the challenge, the scheme, the credential's shape,
    /// its validity period and audience, and redirects that dropped it.
    pub mod unauthorized ("401", "401 Unauthorized") {
        CREDS_SENT = "401.creds-sent" {
            tier: Sent,
            title: "Credentials were sent",
            inspects: "Looks for credentials in the final request: Authorization, Cookie, \
                API-key-like headers, key-like query parameters and password-like body fields. \
                Passes naming the first one, redacted; fails saying why there was none (an auth \
                helper whose variable is empty, auth configured but not applied, or no auth at \
                all).",
            why: "Without a credential the server cannot tell who you are, so every protected \
                endpoint answers 401 however correct the rest of the request is.",
            fix: "Give the request an `auth` (`bearer`, `basic` or `api_key`) or let it inherit \
                `defaults.auth`, removing an `auth: none` left on it; then make sure the variable \
                the credential reads has a value in the active environment, `.env` or the process \
                environment.",
            standard: "RFC 9110 §15.5.2, §11.6.2",
        }
        CHALLENGE = "401.challenge" {
            tier: Stated,
            title: "The server's challenge raises no error",
            inspects: "Parses WWW-Authenticate. Fails when a challenge carries an `error` \
                (`invalid_token`: get a new token; `invalid_request`; `insufficient_scope`; \
                `use_dpop_nonce`: resend with the nonce), on Digest `stale=true`, or when a \
                challenge comes with an OAuth error body. Passes on a bare challenge, which is \
                what a server sends when no credentials came; cannot tell without the header (the \
                body's reason is then `C.stated-reason`'s).",
            why: "The WWW-Authenticate challenge is the server's own statement of what was wrong \
                with the credential, such as an expired token or a missing scope, and is more \
                reliable than any guess.",
            fix: "Act on the error named: for `invalid_token`, get a new token (log in again or \
                refresh it); for `insufficient_scope`, obtain one with the scope listed; for \
                `use_dpop_nonce` or Digest `stale=true`, resend with the fresh nonce the server \
                supplied.",
            standard: "RFC 9110 §15.5.2, §11.6.1; RFC 6750 §3.1; RFC 7616 §3.3; RFC 9449",
        }
        SCHEME_MATCH = "401.scheme-match" {
            tier: Sent,
            title: "The scheme matches the server's challenge",
            inspects: "Compares the Authorization scheme sent with the challenged schemes, case \
                insensitively. Passes when one matches, fails when the server challenges only \
                others (with the realm), cannot tell when it named no scheme.",
            why: "A server ignores credentials in a scheme it does not accept, so a Bearer token \
                sent where only Basic is challenged (or the reverse) counts as no credential at \
                all.",
            fix: "Switch `auth` to the scheme the challenge names (`bearer` for Bearer, `basic` \
                for Basic); for any other scheme, write the Authorization header in the form the \
                API's documentation gives.",
            standard: "RFC 9110 §11.1, §11.6.1",
        }
        CREDENTIAL_SHAPE = "401.credential-shape" {
            tier: Sent,
            title: "The credential is well-formed and non-empty",
            inspects: "For an Authorization header sent: fails when the auth helper's variable \
                rendered empty, or on the problems R.auth-malformed finds (empty credential, \
                repeated scheme, quotes, whitespace, bad bearer characters, Basic not base64 or \
                without `:`); passes otherwise.",
            why: "An empty or garbled credential cannot match any account, so this 401 comes from \
                how the header was built rather than from the account or its permissions.",
            fix: "Give the auth variable its value and let `auth:` build the header. Written by \
                hand, Authorization is the scheme, one space and the bare credential, and Basic is \
                the base64 of `user:password`.",
            standard: "RFC 6750 §2.1; RFC 7617 §2",
        }
        TOKEN_TIME = "401.token-time" {
            tier: Sent,
            title: "The token is within its validity period",
            inspects: "Decodes a bearer JWT (no signature check) and compares `exp` and `nbf` with \
                the server's Date, or the receive time without one. Fails when expired or not \
                yet valid; fails (possible) when the clocks are more than 60 s apart or it \
                expires within a minute; passes when valid for at least a minute; cannot tell \
                for an opaque token or a JWT without `exp`.",
            why: "An expired or not-yet-valid token is refused however correct it is otherwise, \
                and a clock a few minutes off can make a fresh token look expired to the server.",
            fix: "Get a new token (log in again, or send the request that issues it) and update \
                the variable holding it; if the clocks disagree, synchronise this machine's clock \
                with NTP.",
            standard: "RFC 7519 §4.1.4, §4.1.5 (exp, nbf); RFC 9110 §6.6.1 (Date)",
        }
        AUDIENCE = "401.audience" {
            tier: Sent,
            title: "The credential is meant for this host",
            inspects: "Compares a JWT's `aud` with the host (passes on a match, a parent domain or \
                `*`, fails as possible otherwise, cannot tell without `aud`); for keys with a \
                known prefix (Stripe `sk_test_`/`sk_live_`, GitHub `ghp_`, Slack `xoxb-`…) \
                fails (possible) when a test key meets a production environment or a live key \
                another one.",
            why: "A token issued for another service, or a test key used against production, is \
                genuine but not valid here, so the server refuses it as if it were wrong.",
            fix: "Use a credential issued for this host and environment: request a token whose \
                `aud` names this API, or select the environment whose key matches it (a `sk_test_` \
                key for test mode, `sk_live_` for live).",
            standard: "RFC 7519 §4.1.3 (aud); Stripe, GitHub and Slack key formats",
        }
        SURVIVED_REDIRECT = "401.survived-redirect" {
            tier: Sent,
            title: "Credentials survived redirects",
            inspects: "After redirects: fails at the hop that stripped Authorization (a cross-host \
                redirect), so the final request was anonymous; passes when it was kept.",
            why: "Clients drop Authorization when a redirect leads to another host, so the request \
                that reached the final server was anonymous although you set a credential.",
            fix: "Call the final host directly by putting the redirect's target in `url` (often \
                another subdomain, or https instead of http), so the credential goes with the \
                first and only request.",
            standard: "RFC 9110 §15.4; clients drop Authorization on cross-host redirects",
        }
    }
}

scope! {
    /// 403 Forbidden: scopes, credentials, a rate limit in disguise, a WAF or CDN block, the
    /// User-Agent, AWS signatures, CSRF tokens and the credential's audience.
    pub mod forbidden ("403", "403 Forbidden") {
        SCOPE = "403.scope" {
            tier: Stated,
            title: "The token has the scopes this endpoint needs",
            inspects: "When a Bearer challenge says `insufficient_scope` or X-Accepted-OAuth-Scopes \
                names the required scopes: compares them with the token's (JWT `scope`/`scp`, or \
                X-OAuth-Scopes). Fails naming the missing ones, or when the token is opaque; \
                passes when every required scope is granted.",
            why: "The token is valid but lacks a permission this endpoint needs, so logging in \
                again the same way will only produce another token without it.",
            fix: "Obtain a token that includes the missing scopes named (add them to the scopes \
                requested when the token is issued, or edit the personal access token's scopes), \
                then update the variable that holds it.",
            standard: "RFC 6750 §3.1 (insufficient_scope); GitHub REST documentation (OAuth \
                scope headers)",
        }
        CREDS = "403.creds" {
            tier: Sent,
            title: "Credentials were sent",
            inspects: "Passes naming the first credential sent; fails (possible) when none was, \
                since some APIs answer 403 rather than 401 to anonymous requests.",
            why: "Some APIs answer 403 rather than 401 to anonymous requests, so a missing \
                credential can pass for a permissions problem.",
            fix: "Add the credential the API expects through `auth` or `defaults.auth`, remove an \
                `auth: none` on this request, and check that the credential's variable is not \
                empty.",
            standard: "RFC 9110 §15.5.4",
        }
        RATE_LIMITED = "403.rate-limited" {
            tier: Stated,
            title: "This is not a rate limit in disguise",
            inspects: "Fails when a rate-limit header shows nothing left (with the reset time) or \
                the body mentions a rate limit, abuse detection or too many requests; passes \
                when the headers show requests left.",
            why: "Some APIs, GitHub among them, report an exhausted rate limit or abuse detection \
                as 403, so chasing permissions would be wasted effort.",
            fix: "Wait until the reset time shown before sending again and space requests out; \
                send a credential if you are anonymous, since identified clients usually get a \
                larger limit.",
            standard: "GitHub REST documentation (rate limits answered with 403); \
                draft-ietf-httpapi-ratelimit-headers",
        }
        EDGE_BLOCK = "403.edge-block" {
            tier: Answerer,
            title: "The API itself refused, not a WAF or CDN",
            inspects: "Fails when an intermediary generated the response, or an unrecognised body \
                carries a WAF marker (Cloudflare \"Error 1020\", \"Access denied\", Akamai \
                \"Reference #\", \"Request blocked\"); passes when the refusal is the API's own.",
            why: "A WAF or CDN blocked the request before it reached the API, so the API's \
                permissions are not the issue and its logs will show nothing.",
            fix: "Look for what tripped the rule (an unusual or missing User-Agent, your IP \
                address or country, body content that looks like an attack) and change it, or ask \
                the site's owner to allow your traffic, quoting the block page's reference or ray \
                id.",
            standard: "Cloudflare, Akamai and AWS WAF documentation of their block pages",
        }
        USER_AGENT = "403.user-agent" {
            tier: Sent,
            title: "A User-Agent was sent",
            inspects: "Fails when no User-Agent was sent and the host is GitHub or the body asks \
                for one; when one was sent and the body mentions User-Agent, fails (possible) as \
                \"The User-Agent is accepted\".",
            why: "APIs such as GitHub refuse requests without an acceptable User-Agent, and the \
                refusal reads like a permissions error.",
            fix: "Set a User-Agent header that names your application (GitHub asks for your user \
                or app name), or delete an empty User-Agent row so apibench sends its default.",
            standard: "GitHub REST documentation (User-Agent required); RFC 9110 §10.1.5",
        }
        AWS = "403.aws" {
            tier: Stated,
            title: "AWS accepted the route and signature",
            inspects: "Fails when the body says \"Missing Authentication Token\" (AWS API Gateway: \
                usually no route for this method and path) or names a SigV4 error \
                (SignatureDoesNotMatch, RequestTimeTooSkewed, …), with the clock skew.",
            why: "AWS's messages mislead: \"Missing Authentication Token\" usually means no route \
                matches the method and path, and a SigV4 error means the signature was computed \
                wrongly rather than that access was denied.",
            fix: "For a missing route, check the method, the stage prefix (`/prod/…`) and the \
                resource path against the deployed API. For a signature error, sign again with the \
                right region, service and secret key, and correct this machine's clock if the skew \
                shown is large.",
            standard: "AWS API Gateway and Signature Version 4 documentation",
        }
        CSRF = "403.csrf" {
            tier: Sent,
            title: "The CSRF token is echoed in a header",
            inspects: "For POST, PUT, PATCH or DELETE with a CSRF cookie (`csrftoken`, \
                `XSRF-TOKEN`, `_csrf`): fails when no X-CSRFToken, X-XSRF-TOKEN or X-CSRF-Token \
                header was sent; passes when one was.",
            why: "Frameworks refuse state-changing requests whose CSRF token travels only in the \
                cookie, because the header copy is what proves the request is not cross-site.",
            fix: "Send the CSRF cookie's value, without its name or attributes, in the header the \
                framework reads (X-CSRFToken for Django, X-XSRF-TOKEN for Angular, X-CSRF-Token \
                for Express), alongside the cookie itself.",
            standard: "Django, Angular and Express (csurf) CSRF documentation",
        }
        AUDIENCE = "403.audience" {
            tier: Sent,
            title: "The credential is meant for this host",
            inspects: "As 401.audience: a JWT's `aud` against the host, or a known key prefix \
                against the environment.",
            why: "A credential meant for another API or environment gets past authentication and \
                is then denied here, which looks like a missing permission.",
            fix: "Switch to a credential issued for this host and environment: a token whose `aud` \
                names this API, or the key (test or live) that matches the environment selected.",
            standard: "RFC 7519 §4.1.3 (aud); Stripe, GitHub and Slack key formats",
        }
    }
}

scope! {
    /// 407 Proxy Authentication Required: which proxy, its credentials, its schemes, and
    /// whether this host should bypass it.
    pub mod proxy_auth_required ("407", "407 Proxy Authentication Required") {
        PROXY_SOURCE = "407.proxy-source" {
            tier: Sent,
            title: "The proxy in use is the one you meant",
            inspects: "Fails (possible) when the request went via a proxy taken from the \
                environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY) while apibench has none \
                configured; cannot tell when no proxy is configured yet one answered (a \
                transparent or intercepting proxy).",
            why: "A proxy picked up from HTTP_PROXY, HTTPS_PROXY or ALL_PROXY can stand between \
                you and an API it was never meant for, and then asks for credentials you do not \
                have.",
            fix: "Unset the proxy variable for this run, or add the API's host to NO_PROXY if it \
                should be reached directly; if the proxy is intended, give it credentials in its \
                URL.",
            standard: "RFC 9110 §15.5.8; the HTTP_PROXY conventions curl and reqwest follow",
        }
        CREDS_SENT = "407.creds-sent" {
            tier: Sent,
            title: "Proxy credentials were sent",
            inspects: "Passes when Proxy-Authorization was sent or the proxy URL carries \
                user:password; fails otherwise.",
            why: "The proxy forwards nothing until you authenticate to it, so the API never \
                received the request.",
            fix: "Put the proxy's user name and password in the proxy URL, as in \
                `HTTPS_PROXY=http://user:password@proxy.example:3128`, percent-encoding any \
                special characters in the password.",
            standard: "RFC 9110 §11.7.2 (Proxy-Authorization)",
        }
        SCHEME_SUPPORTED = "407.scheme-supported" {
            tier: Stated,
            title: "The proxy offers a scheme apibench can answer",
            inspects: "Reads Proxy-Authenticate. Passes when Basic is offered (user:password in \
                the proxy URL works); fails when only other schemes are (Negotiate, NTLM, \
                Digest); cannot tell when the header is missing.",
            why: "The proxy offers only schemes such as Negotiate, NTLM or Digest, which apibench \
                cannot answer, so no proxy credential you give it will be accepted.",
            fix: "Ask the proxy's administrators whether Basic can be enabled for your account, or \
                run a local helper proxy that speaks NTLM or Negotiate (cntlm or px, for example) \
                and point HTTPS_PROXY at it.",
            standard: "RFC 9110 §15.5.8, §11.7.1; RFC 7617",
        }
        NO_PROXY = "407.no-proxy" {
            tier: Sent,
            title: "Internal hosts bypass the proxy",
            inspects: "Fails (possible) when a host that looks internal (loopback, a single label, \
                a private zone such as `.internal` or `.local`, a private IPv4 address) was sent \
                via a proxy: add it to NO_PROXY.",
            why: "Internal hosts are normally reached directly, and a corporate proxy asked to \
                forward them often cannot resolve them or demands credentials.",
            fix: "Add the host or its domain to NO_PROXY (for example \
                `NO_PROXY=localhost,127.0.0.1,.internal`) so apibench connects to it without the \
                proxy.",
            standard: "The NO_PROXY convention curl and reqwest follow",
        }
    }
}
