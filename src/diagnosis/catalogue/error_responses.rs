//! Checks attached to every 4xx and 5xx response (`C.*`), whatever the status.

scope! {
    /// Every error response: who produced it, whether it came from a cache, what redirects
    /// did, which fields the server names, placeholders and a mislabelled body.
    pub mod any_error ("C", "Every error response (4xx and 5xx)") {
        STATED_REASON = "C.stated-reason" {
            tier: Stated,
            title: "The server states no reason of its own",
            inspects: "Reads the reason the server states, in whatever dialect it writes: a JSON \
                error body (the message at any depth, under the keys services use), field errors \
                in any path notation, RFC 6749 and 6750 token and bearer errors, google.rpc \
                details, orchestration status objects, XML error documents and SOAP faults, an \
                HTML error page's title and heading, plain text, NDJSON, reason headers and a \
                reason phrase of the server's own. Fails quoting the reason (and what else the \
                body says that names the problem), mapping each field it names onto the \
                request. Left out when the response states nothing beyond its status, or when a \
                status check already quotes the same words.",
            why: "The server's own words are usually the quickest way to the cause: an error \
                message or a field error says what it disliked far more precisely than the status \
                code can.",
            fix: "Read the quoted reason and change what it names; a field it mentions is mapped \
                onto your request, so correct that value, header or parameter and send again. When \
                the message is vague, look its error code up in the API's documentation.",
            standard: "RFC 9457 (problem details); RFC 6749 §5.2; RFC 6750 §3; the vendors' error \
                formats",
        }
        DIFFERS_FROM_WORKING = "C.differs-from-working" {
            tier: Heuristic,
            title: "This request is like the ones that worked",
            inspects: "Finds the closest requests to the same API that succeeded (this request's \
                last success, and the most similar requests of the collection that succeeded \
                in this session) and compares them with this one: the Authorization scheme, \
                headers and query parameters the others send, the first path segment, the body's \
                content type. Fails (possible) naming the differences that best separate \
                success from failure, with their counts; passes when nothing differs; left out \
                when nothing to the same API has worked yet.",
            why: "When a similar request worked in this session, whatever separates the two is the \
                likeliest cause, and spotting the difference by eye between two long requests is \
                slow and error-prone.",
            fix: "Make this request match the one that worked in the respect named (the \
                Authorization scheme, a header it sends, a path prefix, the body's shape or \
                Content-Type, the environment) and send again; if it still fails, change the next \
                difference.",
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
            why: "If a CDN, WAF, load balancer or gateway wrote the response, the API may never \
                have seen your request, so editing the body or rereading the API's documentation \
                will not help.",
            fix: "Deal with the layer named: check the gateway's route, its authentication and IP \
                rules and the health of what sits behind it, or ask whoever runs it, quoting the \
                response's request id and time. Calling the API without the gateway, where that is \
                possible, shows whether the API itself is fine.",
            standard: "RFC 9110 §7.6.3 (Via); Cloudflare, CloudFront, AWS, Envoy, Kong and nginx \
                documentation of their error pages",
        }
        FROM_CACHE = "C.from-cache" {
            tier: Answerer,
            title: "The response is fresh, not cached",
            inspects: "Reads Age, X-Cache, CF-Cache-Status and X-Cache-Hits. Fails (possible) when \
                Age is above 0 or a cache reports a hit, since this error may be a stored copy; \
                passes when no cache header says so.",
            why: "A cached error is replayed after its cause is gone, so a fix you make to the \
                request can appear to change nothing.",
            fix: "Send again with a `Cache-Control: no-cache` header, or add a throwaway query \
                parameter, so the request reaches the origin; if a CDN keeps serving the stored \
                error, ask its owner to purge that URL.",
            standard: "RFC 9111 §4.2.2 (heuristic freshness), §5.1 (Age)",
        }
        REDIRECTED = "C.redirected" {
            tier: Sent,
            title: "Redirects kept the method, body and credentials",
            inspects: "Walks the redirect chain hop by hop. Fails at the first hop that stripped \
                headers (credentials dropped on a cross-host redirect) or turned the method into \
                GET and dropped the body (301, 302, 303); passes with no redirects or only \
                method-preserving ones.",
            why: "A redirect can quietly turn a POST into a GET without its body, or drop \
                Authorization on the way to another host, so the server that answered saw a \
                different request from the one you wrote.",
            fix: "Put the end of the redirect chain in `url` (often https:// rather than http://, \
                another host, or the other form of the trailing slash) so no redirect happens; \
                `follow_redirects: false` shows the first redirect if you need to inspect it.",
            standard: "RFC 9110 §15.4 (redirection; POST to GET on 301 and 302)",
        }
        COOKIE_EXPIRED = "C.cookie-expired" {
            tier: Sent,
            title: "No cookie for this URL had expired",
            inspects: "Asked on 401, 403, 419 (a session expired, in Laravel and others) and 440 \
                (IIS: login time-out) when the collection keeps a cookie jar (`cookies: true`). \
                Fails naming each cookie the jar held for this URL whose Expires or Max-Age had \
                passed when the request left, so it was not sent; passes when none had.",
            why: "A session cookie that expired is dropped from the request like a browser drops \
                it, and the server sees a visitor who never logged in.",
            fix: "Send the request that logs in again (its Set-Cookie renews the cookie), then \
                this one; the cookie list (`K` in the TUI) shows every cookie and when it expires.",
            standard: "RFC 6265 §5.3 step 3 (Expires, Max-Age), §5.4 (which cookies are sent)",
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
            why: "When the error names a field your request does not have where the server looks \
                for it, the server never read your value at all, which usually comes down to a \
                misspelt name or the wrong location.",
            fix: "Rename the field to the server's name (the closest name you sent is shown), move \
                it to where the server expects it (body, query or header, at the right nesting), \
                or add it if it is missing.",
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
            why: "A placeholder left in the request goes out as literal text, so the server \
                answers about a path or value that cannot exist, and its error rarely says why.",
            fix: "Replace it with the real value or with an apibench variable such as `{{ user_id \
                }}` defined in `variables` or the environment; `{id}`, `:id` and `${…}` copied \
                from documentation are not apibench syntax and are sent as they are.",
            standard: "None — a template left unrendered (the request lint R.placeholder)",
        }
        RESPONSE_TYPE = "C.response-type" {
            tier: Answerer,
            title: "The body is what Content-Type says",
            inspects: "Compares a JSON Content-Type with the body's first bytes (not for HEAD or \
                204). Fails when the body is empty or looks like HTML or XML, an error page from \
                a proxy or framework; passes when the body looks like what is declared.",
            why: "An empty or HTML body under a JSON Content-Type is usually a proxy's or \
                framework's error page, so the API's real error is hidden and any code that parses \
                the body as JSON fails too.",
            fix: "Read the body as text to see what the page says (often the proxy's reason or a \
                framework's route error), then correct the URL, host or route it points to, or ask \
                the API's owner why the endpoint answers with a page.",
            standard: "RFC 9110 §8.3 (Content-Type)",
        }
        SPEC_PATH = "C.spec-path" {
            tier: Sent,
            title: "The path is one the API's description has",
            inspects: "Asked when the collection names its OpenAPI description (`openapi:`). Holds \
                the path sent, with each server's base path taken off, against the description's \
                path templates (`/pet/{petId}`; a concrete path before a templated one). Fails \
                when none matches, naming the nearest by spelling; passes naming the operation. \
                Shown on 400, 404, 405 and 422, and on other errors only when it fails.",
            why: "A path the API does not describe reaches no operation: a misspelt segment, a \
                missing or doubled base path or an old version prefix, and the server's error is \
                about a request it could not route.",
            fix: "Use the path the description gives (the nearest is shown): check the spelling, \
                the version prefix and that `base_url` ends where the server's URL does.",
            standard: "OpenAPI 3.1 §4.8.8 (Paths Object, path templating matching)",
        }
        SPEC_METHOD = "C.spec-method" {
            tier: Sent,
            title: "The method is one the description gives this path",
            inspects: "Asked with an OpenAPI description, when the path matches one of its paths. \
                Fails when the description has no operation for this method on it, naming the \
                methods it has; passes otherwise. Shown like C.spec-path.",
            why: "An operation the API does not describe on this path is refused (405, or 404 on \
                servers that do not tell the two apart), whatever the request carries.",
            fix: "Use one of the methods the description gives this path (PUT rather than PATCH, \
                POST to the collection rather than to an item).",
            standard: "OpenAPI 3.1 §4.8.9 (Path Item Object); RFC 9110 §15.5.6",
        }
        SPEC_PARAMETERS = "C.spec-parameters" {
            tier: Sent,
            title: "The operation's parameters were sent, with values it takes",
            inspects: "Asked on 400, 404 and 422 with an OpenAPI description, when the request \
                lands on an operation. Fails naming each required query, header or cookie \
                parameter the request lacks (and a sent query parameter spelt like a missing one), \
                and each path segment or query value the description types (integer, number, \
                boolean) or lists (enum) that is not one of them; passes otherwise.",
            why: "A required parameter that is missing, or sent under another spelling, is the \
                commonest reason a well-formed request is refused as bad.",
            fix: "Add the parameter the description requires, spelt as it spells it (query names \
                are case-sensitive), and send values of its type: an id that is an integer, not a \
                name or a placeholder.",
            standard: "OpenAPI 3.1 §4.8.12 (Parameter Object: required)",
        }
        SPEC_FIELDS = "C.spec-fields" {
            tier: Sent,
            title: "The body's fields are the ones the operation describes",
            inspects: "Asked on 400 and 422 with an OpenAPI description, when the request lands on \
                an operation whose JSON body has properties and the body sent is a JSON object. \
                Walks the body sent against the schema (allOf merged, objects and lists of \
                objects followed): fails naming each required field missing and each field the \
                schema lacks with the nearest it has (likely when it is a near spelling or the \
                schema forbids others with `additionalProperties: false`, possible otherwise); \
                passes when every field is described and every required one is there.",
            why: "A field under a name the API does not know is ignored or refused, and a \
                required one missing makes the request invalid, whatever the values.",
            fix: "Rename the field to the schema's name (the nearest is shown), add the required \
                ones, and drop fields the operation does not take.",
            standard: "OpenAPI 3.1 §4.8.14 (Request Body Object); JSON Schema 2020-12 §10.3.2 \
                (properties, additionalProperties), validation §6.5.3 (required)",
        }
    }
}
