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
            standard: "RFC 9110 §15.6.1",
        }
        EXCEPTION_LEAK = "500.exception-leak" {
            tier: Stated,
            title: "The server does not leak an exception",
            inspects: "Fails when the body holds a stack trace or exception marker (Python \
                Traceback, NullPointerException, ActiveRecord, Rust panic, Java frames, \
                \"Exception:\"), quoting the line and any field of the request it mentions.",
            standard: "RFC 9110 §15.6.1",
        }
        DIFF_LAST_SUCCESS = "500.diff-last-success" {
            tier: Heuristic,
            title: "This request matches the last one that worked",
            inspects: "Finds the last success for the same method and endpoint in the session. \
                Fails (possible) listing what differs (query, body fields, header names), passes \
                when nothing does (it is not the input), cannot tell without an earlier success.",
            standard: "RFC 9110 §15.6.1",
        }
        INPUT_ODDITIES = "500.input-oddities" {
            tier: Heuristic,
            title: "The input has no unusual values",
            inspects: "Fails (possible) at the first JSON value servers tend to choke on: a number \
                beyond 2^53, a string over 10,000 characters, an empty string for an id, a null \
                inside an array.",
            standard: "RFC 8259 §6 (interoperable numbers)",
        }
        CONTENT_TYPE = "500.content-type" {
            tier: Sent,
            title: "The body has a Content-Type",
            inspects: "Fails (possible) when a body was sent without Content-Type: some frameworks \
                crash instead of answering 400.",
            standard: "RFC 9110 §8.3",
        }
        HOST_WIDE = "500.host-wide" {
            tier: Heuristic,
            title: "Other requests to this host work",
            inspects: super::HOST_WIDE,
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
            standard: "RFC 9110 §9.1, §15.6.2; RFC 5789 (PATCH)",
        }
        PATCH = "501.patch" {
            tier: Stated,
            title: "The server implements PATCH",
            inspects: "Fails (possible) for a PATCH: the server or a proxy lacks it, and the API \
                may expect PUT (quoting Allow when present).",
            standard: "RFC 5789; RFC 9110 §15.6.2",
        }
        TRANSFER_ENCODING = "501.transfer-encoding" {
            tier: Sent,
            title: "The transfer coding is one the server knows",
            inspects: "Fails when the request used a Transfer-Encoding: send Content-Length \
                instead.",
            standard: "RFC 9112 §6.1",
        }
        GENERATOR = "501.generator" {
            tier: Answerer,
            title: "The API, not an intermediary, answered",
            inspects: "Fails (possible) when an intermediary generated the 501: it, not the API, \
                rejected the method.",
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
            title: "The server behind the gateway answered in time",
            inspects: "Fails naming the gateway and its signals when an intermediary generated or \
                passed the error: it got a bad answer from the upstream; cannot tell without a \
                gateway signature.",
            standard: "RFC 9110 §15.6.3, §7.6.3 (Via)",
        }
        CDN_CODE = "502.cdn-code" {
            tier: Answerer,
            title: "The CDN reached the origin",
            inspects: "Fails when the page carries a Cloudflare 52x code, saying what it means \
                (520 unknown response, 521 refused, 522 TCP timeout, 523 unreachable, 524 no \
                answer in time, 525 TLS handshake, 526 invalid certificate).",
            standard: "Cloudflare 5xx error documentation",
        }
        FAST_FAIL = "502.fast-fail" {
            tier: Heuristic,
            title: "The upstream was reachable",
            inspects: "Reads when the headers arrived. Fails (possible) under 100 ms (the upstream \
                refused at once: down or restarting) or over 5 s (it died mid-request); cannot \
                tell in between.",
            standard: "RFC 9110 §15.6.3",
        }
        HOST_WIDE = "502.host-wide" {
            tier: Heuristic,
            title: "Other requests to this host work",
            inspects: super::HOST_WIDE,
            standard: "RFC 9110 §15.6 (server errors)",
        }
        MAYBE_PROCESSED = "502.maybe-processed" {
            tier: Heuristic,
            title: "The change was not applied",
            inspects: "For a method that is not idempotent: fails (possible), since the upstream \
                may have processed it before failing; check the state before retrying.",
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
            standard: "RFC 9110 §15.6.5, §7.6.3 (Via)",
        }
        ELAPSED_LIMIT = "504.elapsed-limit" {
            tier: Answerer,
            title: "The gateway's time limit is not what cut the request",
            inspects: "Fails when the answer came within a second of a common gateway limit (AWS \
                API Gateway 29 s, 30 s, nginx and AWS ALB 60 s, Cloudflare 100 s, 120 s); passes \
                otherwise.",
            standard: "AWS API Gateway and ALB, nginx proxy_read_timeout and Cloudflare \
                documentation",
        }
        COST = "504.cost" {
            tier: Heuristic,
            title: "The request asks for a reasonable amount",
            inspects: "Fails (possible) when a page-size parameter (`limit`, `per_page`, \
                `page_size`, …) is above 100 or an expansion (`expand`, `include`, `embed`) is \
                `*` or lists four or more.",
            standard: "RFC 9110 §15.6.5",
        }
        HOST_WIDE = "504.host-wide" {
            tier: Heuristic,
            title: "Other requests to this host work",
            inspects: super::HOST_WIDE,
            standard: "RFC 9110 §15.6 (server errors)",
        }
        MAYBE_PROCESSED = "504.maybe-processed" {
            tier: Heuristic,
            title: "The change was not applied",
            inspects: "For a method that is not idempotent: fails (possible), since the upstream \
                may still complete it; check the state before retrying.",
            standard: "RFC 9110 §9.2.2 (idempotent methods and retries)",
        }
    }
}
