//! Checks of 500, 501, 502 and 504: did the application fail or something in front of it; is
//! it this request or the whole host; could an unsafe request have been applied anyway.

/// What every `*.host-wide` check of a server error inspects.
const HOST_WIDE: &str = "Over the session's last five minutes of requests to this host: fails when at least \
    half failed with a 5xx or no answer (an incident), passes when fewer did (specific to this request).";

scope! {
    /// 500 Internal Server Error: the application's own failure, leaked exceptions, what
    /// changed since it worked, unusual input, and incidents.
    pub mod internal_error ("500", "500 Internal Server Error") {
        SERVER_FAULT = "500.server-fault" {
            tier: Stated,
            title: "The server handled the request without failing",
            inspects: "Fails when the body is the API's own (not a gateway's), quoting its message \
                and error id: the failure is on the server side, so report it with the id.",
            why: "The application itself failed while handling your request: the fault is on the \
                server's side, even if something in your input set it off.",
            fix: "Report it to the API's owner with the error id, the time and the request (`run \
                --output json` prints it); meanwhile retry later, or change the input if another \
                check points at a value that triggers the failure.",
            standard: "RFC 9110 §15.6.1",
        }
        EXCEPTION_LEAK = "500.exception-leak" {
            tier: Stated,
            title: "The server does not leak an exception",
            inspects: "Fails when the body holds a stack trace or exception marker (Python \
                Traceback, NullPointerException, ActiveRecord, Rust panic, Java frames, \
                \"Exception:\"), quoting the line and any field of the request it mentions.",
            why: "A leaked stack trace shows where the server crashed, and often which of your \
                fields it was handling at that moment.",
            fix: "Try the request without the field or value the trace mentions, or with a plainer \
                one, to find the trigger; send the trace to the API's owner, since leaking it is a \
                bug in itself.",
            standard: "RFC 9110 §15.6.1",
        }
        DIFF_LAST_SUCCESS = "500.diff-last-success" {
            tier: Heuristic,
            title: "This request matches the last one that worked",
            inspects: "Finds the last success for the same method and endpoint in the session. \
                Fails (possible) listing what differs (query, body fields, header names), passes \
                when nothing does (it is not the input), cannot tell without an earlier success.",
            why: "The same endpoint worked earlier in this session, so what changed since is the \
                likeliest trigger of the crash.",
            fix: "Undo the differences listed one at a time (query parameters, body fields, header \
                names) until the request works again, then report the input that breaks the server \
                to its owner.",
            standard: "RFC 9110 §15.6.1",
        }
        INPUT_ODDITIES = "500.input-oddities" {
            tier: Heuristic,
            title: "The input has no unusual values",
            inspects: "Fails (possible) at the first JSON value servers tend to choke on: a number \
                beyond 2^53, a string over 10,000 characters, an empty string for an id, a null \
                inside an array.",
            why: "Huge numbers, very long strings, empty ids and nulls inside arrays are classic \
                inputs that crash server code instead of being rejected cleanly.",
            fix: "Send the request with an ordinary value in place of the one named; if that \
                works, keep to ordinary values and report the crash, with the value that caused \
                it, to the API's owner.",
            standard: "RFC 8259 §6 (interoperable numbers)",
        }
        CONTENT_TYPE = "500.content-type" {
            tier: Sent,
            title: "The body has a Content-Type",
            inspects: "Fails (possible) when a body was sent without Content-Type: some frameworks \
                crash instead of answering 400.",
            why: "Some frameworks crash rather than answer 400 when a body arrives without a \
                Content-Type, so the 500 may be your request's doing.",
            fix: "Declare the body's type, with a Content-Type header or `content_type` on a \
                `text` or `file` body, and send again to see whether the 500 goes away.",
            standard: "RFC 9110 §8.3",
        }
        HOST_WIDE = "500.host-wide" {
            tier: Heuristic,
            title: "Other requests to this host work",
            inspects: super::HOST_WIDE,
            why: "When many requests to this host fail with server errors, the service is having \
                an incident and nothing in this request will fix it.",
            fix: "Check the provider's status page and retry later; if you run the service, look \
                at its error logs and recent deployments. When this check passes, the fault is \
                specific to this request, so read the other checks.",
            standard: "RFC 9110 §15.6 (server errors)",
        }
    }
}

scope! {
    /// 501 Not Implemented: the method's name, PATCH, transfer codings, and intermediaries.
    pub mod not_implemented ("501", "501 Not Implemented") {
        METHOD_NAME = "501.method-name" {
            tier: Sent,
            title: "The method is a registered HTTP method",
            inspects: "Passes for a standard method; fails for another, suggesting the upper-case \
                form (methods are case-sensitive) or the closest standard method.",
            why: "The server does not recognise the method at all, which usually comes from a typo \
                or the wrong case.",
            fix: "Change `method` to a standard method in upper case (GET, POST, PUT, PATCH, \
                DELETE), as suggested.",
            standard: "RFC 9110 §9.1, §15.6.2; RFC 5789 (PATCH)",
        }
        PATCH = "501.patch" {
            tier: Stated,
            title: "The server implements PATCH",
            inspects: "Fails (possible) for a PATCH: the server or a proxy lacks it, and the API \
                may expect PUT (quoting Allow when present).",
            why: "The server or a proxy in front of it does not implement PATCH, so partial \
                updates cannot be made this way.",
            fix: "Use PUT with the whole resource, or whatever Allow lists; if the API documents a \
                method override, send a POST with `X-HTTP-Method-Override: PATCH`.",
            standard: "RFC 5789; RFC 9110 §15.6.2",
        }
        TRANSFER_ENCODING = "501.transfer-encoding" {
            tier: Sent,
            title: "The transfer coding is one the server knows",
            inspects: "Fails when the request used a Transfer-Encoding: send Content-Length \
                instead.",
            why: "The server does not implement the transfer coding you sent, so it cannot read \
                the body at all.",
            fix: "Remove the Transfer-Encoding header from the request's headers; apibench then \
                sends the body with a Content-Length.",
            standard: "RFC 9112 §6.1",
        }
        GENERATOR = "501.generator" {
            tier: Answerer,
            title: "The API, not an intermediary, answered",
            inspects: "Fails (possible) when an intermediary generated the 501: it, not the API, \
                rejected the method.",
            why: "An intermediary rejected the method before the API saw it, so the API itself may \
                well support it.",
            fix: "Ask whoever runs the proxy or gateway to let the method through, or use one it \
                passes, such as POST with the method override the API documents.",
            standard: "RFC 9110 §7.6.3 (Via), §15.6.2",
        }
    }
}

scope! {
    /// 502 Bad Gateway: which gateway, CDN error codes, how fast it failed, incidents, and
    /// whether an unsafe request was applied.
    pub mod bad_gateway ("502", "502 Bad Gateway") {
        WHO = "502.who" {
            tier: Answerer,
            title: "The gateway got a valid answer from the server behind it",
            inspects: "Fails naming the gateway and its signals when an intermediary generated or \
                passed the error: it got a bad answer from the upstream; cannot tell without a \
                gateway signature.",
            why: "A gateway got a broken answer from the server behind it, so the fault lies \
                between the two of them, not in your request.",
            fix: "Retry in a little while; if it persists, report it to the API's owner naming the \
                gateway and the time, and check the provider's status page.",
            standard: "RFC 9110 §15.6.3, §7.6.3 (Via)",
        }
        CDN_CODE = "502.cdn-code" {
            tier: Answerer,
            title: "The CDN reached the origin",
            inspects: "Fails when the page carries a Cloudflare 52x code, saying what it means \
                (520 unknown response, 521 refused, 522 TCP timeout, 523 unreachable, 524 no \
                answer in time, 525 TLS handshake, 526 invalid certificate).",
            why: "A Cloudflare 52x code says exactly how the CDN failed to reach the origin \
                server, which places the fault on the origin's side.",
            fix: "If you run the origin, act on the code: for 521, start the server or allow \
                Cloudflare's addresses; for 522 or 524, check its load and timeouts; for 525 or \
                526, fix its TLS certificate. Otherwise report the code and ray id to the site's \
                owner.",
            standard: "Cloudflare 5xx error documentation",
        }
        FAST_FAIL = "502.fast-fail" {
            tier: Heuristic,
            title: "The upstream was reachable",
            inspects: "Reads when the headers arrived. Fails (possible) under 100 ms (the upstream \
                refused at once: down or restarting) or over 5 s (it died mid-request); cannot \
                tell in between.",
            why: "How fast the gateway failed separates an upstream that is down (refused at once) \
                from one that died while handling your request.",
            fix: "After a fast failure, wait for the service to come back (it is probably being \
                deployed or restarted); after a slow one, check whether your request sets off \
                heavy work, and report it to the API's owner with the time.",
            standard: "RFC 9110 §15.6.3",
        }
        HOST_WIDE = "502.host-wide" {
            tier: Heuristic,
            title: "Other requests to this host work",
            inspects: super::HOST_WIDE,
            why: "Other requests to this host fail with 5xx too, so the backend behind the gateway \
                is down or unhealthy, whatever you send.",
            fix: "Wait and retry later, checking the provider's status page; if you run the \
                service, look at the upstream's health checks and logs.",
            standard: "RFC 9110 §15.6 (server errors)",
        }
        MAYBE_PROCESSED = "502.maybe-processed" {
            tier: Heuristic,
            title: "The change was not applied",
            inspects: "For a method that is not idempotent: fails (possible), since the upstream \
                may have processed it before failing; check the state before retrying.",
            why: "The upstream may have finished your request before the gateway failed, so \
                retrying blindly could create a duplicate or apply a change twice.",
            fix: "Check whether the change happened (GET the resource, or list recent items) \
                before sending again, or resend with the same Idempotency-Key if the API supports \
                one.",
            standard: "RFC 9110 §9.2.2 (idempotent methods and retries)",
        }
    }
}

scope! {
    /// 504 Gateway Timeout: which gateway, known time limits, expensive requests, incidents,
    /// and whether an unsafe request was applied.
    pub mod gateway_timeout ("504", "504 Gateway Timeout") {
        WHO = "504.who" {
            tier: Answerer,
            title: "The server behind the gateway answered in time",
            inspects: "Fails naming the gateway and its signals when an intermediary generated or \
                passed the error: it gave up waiting for the upstream; cannot tell without a \
                gateway signature.",
            why: "A gateway gave up waiting for the server behind it, so the API was slow or \
                stuck, and your request may or may not have been processed.",
            fix: "Retry later, or make the request cheaper; report repeated timeouts to the API's \
                owner, naming the gateway and the time.",
            standard: "RFC 9110 §15.6.5, §7.6.3 (Via)",
        }
        ELAPSED_LIMIT = "504.elapsed-limit" {
            tier: Answerer,
            title: "The gateway's time limit is not what cut the request",
            inspects: "Fails when the answer came within a second of a common gateway limit (AWS \
                API Gateway 29 s, 30 s, nginx and AWS ALB 60 s, Cloudflare 100 s, 120 s); passes \
                otherwise.",
            why: "The answer came right at a known gateway limit, so the gateway cut the request \
                off; the API needs longer than the gateway allows.",
            fix: "Make the request do less (smaller pages, fewer expansions, narrower filters) or \
                use the API's asynchronous or export endpoint; if you run the gateway, raise its \
                timeout.",
            standard: "AWS API Gateway and ALB, nginx proxy_read_timeout and Cloudflare \
                documentation",
        }
        COST = "504.cost" {
            tier: Heuristic,
            title: "The request asks for a reasonable amount",
            inspects: "Fails (possible) when a page-size parameter (`limit`, `per_page`, \
                `page_size`, …) is above 100 or an expansion (`expand`, `include`, `embed`) is \
                `*` or lists four or more.",
            why: "Large pages and broad expansions make the server do much more work, the \
                commonest reason a request outlasts a gateway's time limit.",
            fix: "Lower the page size (`limit`, `per_page`…) to 100 or less and ask for fewer \
                expansions, then page through the results.",
            standard: "RFC 9110 §15.6.5",
        }
        HOST_WIDE = "504.host-wide" {
            tier: Heuristic,
            title: "Other requests to this host work",
            inspects: super::HOST_WIDE,
            why: "Timeouts across many requests to this host point at an overloaded or failing \
                backend, not at anything in this request.",
            fix: "Back off and retry later, watching the provider's status page; if you run the \
                service, look at the upstream's latency and capacity.",
            standard: "RFC 9110 §15.6 (server errors)",
        }
        MAYBE_PROCESSED = "504.maybe-processed" {
            tier: Heuristic,
            title: "The change was not applied",
            inspects: "For a method that is not idempotent: fails (possible), since the upstream \
                may still complete it; check the state before retrying.",
            why: "The upstream may still complete your request after the gateway gave up on it, so \
                a retry could apply the change twice.",
            fix: "Wait a moment, then check the resource's state before sending again; with an \
                Idempotency-Key header, if the API supports one, a retry becomes safe.",
            standard: "RFC 9110 §9.2.2 (idempotent methods and retries)",
        }
    }
}
