//! Checks of the resource's state: 409 (conflicts), 410 (removed), 412 and 428
//! (preconditions).

scope! {
    /// 409 Conflict: a value already taken, or the same request submitted twice.
        pub mod conflict ("409", "409 Conflict") {
        VERSION = "409.version" {
            tier: Stated,
            title: "The version you sent is current",
            inspects: "Finds the version the request claims to update — If-Match, a version \
                header (`X-Contentful-Version`), a version query parameter (`cas`, `version`) or \
                body field (`_rev`, `version`, `lock_version`, `metadata.resourceVersion`, \
                `SyncToken`) — and the current one the answer shows (its ETag, an `X-…-Index` \
                header, the body's `ModifyIndex`, `_rev`, `sys.version`). Fails naming both when \
                they differ, or when the server refused a versioned update without showing the \
                current version; passes when they agree.",
            why: "Someone changed the resource after you read it, and the server refuses to \
                overwrite a version you have not seen: sending the same request again fails the \
                same way.",
            fix: "Read the resource again, reapply your change to what it is now, and send it \
                with the current version (the value shown) in the same header, parameter or field.",
            standard: "RFC 9110 §13.1.1 (If-Match), §15.5.10; the vendors' optimistic-concurrency \
                documentation (CouchDB, Nomad, Kubernetes, Contentful)",
        }
        DUPLICATE = "409.duplicate" {
            tier: Stated,
            title: "The value is not already taken",
            inspects: "Fails when the body says something already exists, is taken, duplicate or \
                unique, quoting the field it names and the value sent (or the server's message).",
            why: "The field must be unique and another record already holds the value, so \
                repeating the request will fail the same way every time.",
            fix: "Use a different value for the field named (another email address, slug or \
                external id), or find the existing record and update it with PUT or PATCH instead \
                of creating a second one.",
            standard: "RFC 9110 §15.5.10",
        }
        DOUBLE_SUBMIT = "409.double-submit" {
            tier: Heuristic,
            title: "This is not a duplicate submission",
            inspects: "Fails when an identical request (method, URL and body) succeeded less than \
                a minute earlier in the session.",
            why: "The identical request succeeded a moment ago, so this conflict is most likely \
                your second copy of it and the work is already done.",
            fix: "Check the result of the first request before sending again; when the API \
                supports it, send an Idempotency-Key header with one unique value per operation so \
                a repeat is recognised as a repeat.",
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
            why: "The API version you call has been retired for good, so this request will never \
                work again as written.",
            fix: "Move to the successor named in the Link header or the API's changelog: change \
                the version in `url` or `base_url` and adapt the request to the new version's \
                format.",
            standard: "RFC 8594 (Sunset); RFC 9745 (Deprecation); RFC 9110 §15.5.11",
        }
        API_VERSION = "410.api-version" {
            tier: Stated,
            title: "You call the current API version",
            inspects: "Compares the version in the path (`/v1/`) with the one in the \
                successor-version link. Fails when the link points to a newer version, passes \
                when it does not, cannot tell when either has no version.",
            why: "The server points to a newer version of this resource, so the version in your \
                path is gone while the data may live on under the new one.",
            fix: "Change the version segment of the path (`/v1/` to `/v2/`, say) to the one the \
                successor-version link names, and check what the new version expects in the \
                request.",
            standard: "RFC 5829 (successor-version link relation)",
        }
        HISTORY = "410.history" {
            tier: Heuristic,
            title: "The resource still exists",
            inspects: "Fails when the same URL answered a 2xx earlier in the session: it has since \
                been removed.",
            why: "The URL answered with success earlier in this session, so the resource has been \
                deleted since, possibly by one of your own requests.",
            fix: "Check whether a DELETE in this session or another client removed it; recreate \
                the resource, or use the id of one that still exists.",
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
            why: "The resource changed after you read it, so your update would have overwritten \
                someone else's change; the server refused to protect it.",
            fix: "GET the resource again, put its current ETag in If-Match, re-apply your change \
                to the fresh version and send the update.",
            standard: "RFC 9110 §13.1.1, §15.5.13",
        }
        WEAK_ETAG = "412.weak-etag" {
            tier: Sent,
            title: "If-Match uses a strong entity-tag",
            inspects: "Fails when If-Match holds a weak tag (`W/\"…\"`): If-Match compares strongly, \
                so it can never match.",
            why: "If-Match compares entity-tags strongly, so a weak `W/` tag never matches and \
                every conditional update fails whatever state the resource is in.",
            fix: "Send a strong tag in If-Match: take it from a response that gives one without \
                `W/` (some servers weaken tags when they compress, so try the GET with \
                `Accept-Encoding: identity`), or use If-Unmodified-Since if the API supports it.",
            standard: "RFC 9110 §13.1.1, §8.8.3.2",
        }
        UNQUOTED = "412.unquoted" {
            tier: Sent,
            title: "Entity-tags are quoted",
            inspects: "Fails when If-Match or If-None-Match holds a tag that is not `*` and not \
                enclosed in double quotes.",
            why: "An entity-tag without its double quotes is not valid syntax, so the server \
                cannot match it and the precondition fails.",
            fix: "Send the ETag exactly as the server gave it, quotes included (`If-Match: \
                \"abc123\"`); in YAML, wrap the whole value in single quotes so the double quotes \
                survive.",
            standard: "RFC 9110 §8.8.3 (entity-tag syntax)",
        }
        CREATE_ONLY = "412.create-only" {
            tier: Sent,
            title: "The resource did not exist yet",
            inspects: "Fails when `If-None-Match: *` asked to create only if absent: the resource \
                exists (its ETag is quoted when given).",
            why: "`If-None-Match: *` asks to create the resource only if it is absent, and it \
                already exists, so the server refused to overwrite it.",
            fix: "Create it under a new id or name, or drop If-None-Match and update the existing \
                resource on purpose, with If-Match and its current ETag.",
            standard: "RFC 9110 §13.1.2",
        }
        DATE = "412.date" {
            tier: Stated,
            title: "The resource is unchanged since your date",
            inspects: "Compares If-Unmodified-Since with Last-Modified. Fails when the resource \
                changed after the date, passes when it did not (something else refused), cannot \
                tell when either is not an HTTP date.",
            why: "The resource was modified after the date you sent, so your change rests on stale \
                data and the server refused it.",
            fix: "Fetch the resource again, re-apply your change, and send If-Unmodified-Since \
                with the new Last-Modified value (or If-Match with the ETag).",
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
            why: "The server requires updates to be conditional, to stop one client overwriting \
                another's change, and refuses unconditional writes.",
            fix: "GET the resource first, then send its ETag in If-Match (or its Last-Modified in \
                If-Unmodified-Since) with the update.",
            standard: "RFC 6585 §3",
        }
        ETAG_KNOWN = "428.etag-known" {
            tier: Heuristic,
            title: "A validator is at hand",
            inspects: "Passes when an earlier response for the same URL in the session carried an \
                ETag, suggesting the If-Match to add.",
            why: "An ETag for this URL already came back earlier in the session, so you hold what \
                the server is asking for.",
            fix: "Add an If-Match header with that ETag, ideally through a chained template (`{{ \
                response.REQUEST.header.ETag }}`) so it stays current.",
            standard: "RFC 6585 §3; RFC 9110 §13.1.1",
        }
        BODY_HINT = "428.body-hint" {
            tier: Stated,
            title: "The server says what it wants",
            inspects: "Cannot tell, but quotes it: the body names If-Match, If-Unmodified-Since or \
                If-None-Match.",
            why: "The server says which precondition header it wants, which takes the guesswork \
                out of the fix.",
            fix: "Add the header the body names (If-Match, If-Unmodified-Since or If-None-Match) \
                with the value it needs, usually the ETag or Last-Modified of a fresh GET.",
            standard: "RFC 6585 §3 (the response should explain how to resubmit)",
        }
    }
}
