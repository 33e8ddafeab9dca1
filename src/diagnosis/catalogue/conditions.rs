//! Checks of the resource's state: 409 (conflicts), 410 (removed), 412 and 428
//! (preconditions).

scope! {
    /// 409 Conflict: a value already taken, or the same request submitted twice.
    pub mod conflict ("409", "409 Conflict") {
        DUPLICATE = "409.duplicate" {
            tier: Stated,
            title: "The value is not already taken",
            inspects: "Fails when the body says something already exists, is taken, duplicate or \
                unique, quoting the field it names and the value sent (or the server's message).",
            standard: "RFC 9110 §15.5.10",
        }
        DOUBLE_SUBMIT = "409.double-submit" {
            tier: Heuristic,
            title: "This is not a duplicate submission",
            inspects: "Fails when an identical request (method, URL and body) succeeded less than \
                a minute earlier in the session.",
            standard: "RFC 9110 §15.5.10; draft-ietf-httpapi-idempotency-key-header",
        }
    }
}

scope! {
    /// 410 Gone: a retired version, the successor the server points to, and a resource that
    /// existed earlier in the session.
    pub mod gone ("410", "410 Gone") {
        SUNSET = "410.sunset" {
            tier: Stated,
            title: "The API version is still supported",
            inspects: "Fails when the response carries Sunset (with how long ago) or Deprecation, \
                naming the successor link if any: this version was retired.",
            standard: "RFC 8594 (Sunset); RFC 9745 (Deprecation); RFC 9110 §15.5.11",
        }
        API_VERSION = "410.api-version" {
            tier: Stated,
            title: "You call the current API version",
            inspects: "Compares the version in the path (`/v1/`) with the one in the \
                successor-version link. Fails when the link points to a newer version, passes \
                when it does not, cannot tell when either has no version.",
            standard: "RFC 5829 (successor-version link relation)",
        }
        HISTORY = "410.history" {
            tier: Heuristic,
            title: "The resource still exists",
            inspects: "Fails when the same URL answered a 2xx earlier in the session: it has since \
                been removed.",
            standard: "RFC 9110 §15.5.11",
        }
    }
}

scope! {
    /// 412 Precondition Failed: which validator failed, weak and unquoted entity-tags,
    /// create-only requests, and dates.
    pub mod precondition_failed ("412", "412 Precondition Failed") {
        WHICH = "412.which" {
            tier: Stated,
            title: "The validator you sent is current",
            inspects: "Fails when If-Match was sent, quoting it beside the current ETag: the \
                resource changed after you read it.",
            standard: "RFC 9110 §13.1.1, §15.5.13",
        }
        WEAK_ETAG = "412.weak-etag" {
            tier: Sent,
            title: "If-Match uses a strong entity-tag",
            inspects: "Fails when If-Match holds a weak tag (`W/\"…\"`): If-Match compares strongly, \
                so it can never match.",
            standard: "RFC 9110 §13.1.1, §8.8.3.2",
        }
        UNQUOTED = "412.unquoted" {
            tier: Sent,
            title: "Entity-tags are quoted",
            inspects: "Fails when If-Match or If-None-Match holds a tag that is not `*` and not \
                enclosed in double quotes.",
            standard: "RFC 9110 §8.8.3 (entity-tag syntax)",
        }
        CREATE_ONLY = "412.create-only" {
            tier: Sent,
            title: "The resource did not exist yet",
            inspects: "Fails when `If-None-Match: *` asked to create only if absent: the resource \
                exists (its ETag is quoted when given).",
            standard: "RFC 9110 §13.1.2",
        }
        DATE = "412.date" {
            tier: Stated,
            title: "The resource is unchanged since your date",
            inspects: "Compares If-Unmodified-Since with Last-Modified. Fails when the resource \
                changed after the date, passes when it did not (something else refused), cannot \
                tell when either is not an HTTP date.",
            standard: "RFC 9110 §13.1.4",
        }
    }
}

scope! {
    /// 428 Precondition Required: a conditional request, a validator at hand, and what the
    /// server asks for.
    pub mod precondition_required ("428", "428 Precondition Required") {
        CONDITIONAL_SENT = "428.conditional-sent" {
            tier: Sent,
            title: "The request is conditional",
            inspects: "Passes quoting If-Match or If-Unmodified-Since when sent; fails when \
                neither was.",
            standard: "RFC 6585 §3",
        }
        ETAG_KNOWN = "428.etag-known" {
            tier: Heuristic,
            title: "A validator is at hand",
            inspects: "Passes when an earlier response for the same URL in the session carried an \
                ETag, suggesting the If-Match to add.",
            standard: "RFC 6585 §3; RFC 9110 §13.1.1",
        }
        BODY_HINT = "428.body-hint" {
            tier: Stated,
            title: "The server says what it wants",
            inspects: "Cannot tell, but quotes it: the body names If-Match, If-Unmodified-Since or \
                If-None-Match.",
            standard: "RFC 6585 §3 (the response should explain how to resubmit)",
        }
    }
}
