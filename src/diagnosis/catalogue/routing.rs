//! Checks of 404, 405 and 406: is the URL what you meant and does a route answer it, is the
//! method one it allows, and do both sides accept a common representation.

scope! {
    /// 404 Not Found: placeholders, the path's shape, route or record, the method, a record
    /// created a moment ago, and resources hidden from anonymous requests.
    pub mod not_found ("404", "404 Not Found") {
        UNRESOLVED = "404.unresolved" {
            tier: Sent,
            title: "The URL has no unresolved placeholders",
            inspects: "Fails on a placeholder left in the URL (as R.placeholder), a path segment \
                that is a stringified missing value (`undefined`, `null`, …) or an empty segment \
                in the middle of the path; passes otherwise.",
            why: "A placeholder, a stringified `undefined` or an empty segment in the path makes a \
                URL that no route or record matches, so the 404 says nothing about the resource \
                you meant.",
            fix: "Put the real id in the path: define the variable the placeholder stands for, fix \
                the chained value or code that produced `undefined` or `null`, and remove the \
                empty segment.",
            standard: "RFC 9110 §15.5.5; a template left unrendered",
        }
        PATH_SHAPE = "404.path-shape" {
            tier: Heuristic,
            title: "The path is shaped like its siblings",
            inspects: "Fails when the path ends in an encoded newline or space, has `//`, repeats \
                a segment (`/api/api/`), or uses an API version that at least four in five of the \
                collection's other requests do not; passes otherwise.",
            why: "A trailing encoded newline, a doubled slash, a repeated segment or an API \
                version unlike the rest of the collection points at a path no route serves.",
            fix: "Compare `url` with a sibling request that works: remove a trailing `%0A` or \
                `%20` (often a pasted newline in a variable), the repeated `/api/api/` or the \
                `//`, and use the version prefix the other requests use.",
            standard: "RFC 3986 §3.3; the collection's sibling requests",
        }
        ROUTE_VS_RECORD = "404.route-vs-record" {
            tier: Stated,
            title: "The route exists (only the record is missing)",
            inspects: "Reads the body. Fails when it is a framework's default page (Express \
                \"Cannot GET\", Rails routing error, Spring Whitelabel, nginx or Apache pages): no \
                route answers this path; passes when the application says a record naming an id \
                from the path does not exist; cannot tell otherwise.",
            why: "No route answers this path at all, so the problem is the URL or the method, not \
                a missing record, and checking ids or data will not help.",
            fix: "Check the base URL (a missing `/api` or `/v1` prefix is common), the path's \
                spelling and the method against the API's documentation; a framework's default \
                page can also mean the host serves a different application.",
            standard: "RFC 9110 §15.5.5; Express, Rails, Spring, nginx and Apache default pages",
        }
        METHOD = "404.method" {
            tier: Stated,
            title: "The method is one this URL answers",
            inspects: "Fails when earlier in the session the same URL answered a 2xx to another \
                method.",
            why: "Some servers answer 404 rather than 405 to a method a route does not handle, so \
                the URL may be right and the method wrong.",
            fix: "Use the method that worked on this URL earlier in the session, or check the \
                API's documentation for the method this operation takes (PUT rather than PATCH, \
                say).",
            standard: "RFC 9110 §15.5.5",
        }
        READ_AFTER_WRITE = "404.read-after-write" {
            tier: Heuristic,
            title: "The record had time to be created",
            inspects: "Fails (possible) when a 201 or 202 with a Location naming this URL arrived \
                less than 10 s earlier: reads may lag a freshly created record.",
            why: "Replicated databases and search indexes can take a moment to show a record that \
                was just created, so reading it back at once may miss it.",
            fix: "Wait a few seconds and send again; if the next step needs the record at once, \
                use the 201 response's body instead of reading it back, or ask the API whether it \
                offers consistent reads.",
            standard: "RFC 9110 §15.3.2 (201 Created), §10.2.2 (Location)",
        }
        HIDDEN_PRIVATE = "404.hidden-private" {
            tier: Heuristic,
            title: "Credentials would not reveal the resource",
            inspects: "When no credentials were sent: fails (possible) for hosts known to answer \
                404 to hide private resources (GitHub, GitLab); cannot tell for others.",
            why: "GitHub, GitLab and similar hosts answer 404 to anonymous callers for private \
                resources, so the resource may exist and be hidden from you.",
            fix: "Send a credential with access to the resource through `auth` (for GitHub, a \
                token that can read the private repository), then try again.",
            standard: "RFC 9110 §15.5.4, §15.5.5 (404 may hide a forbidden resource); GitHub REST \
                documentation",
        }
    }
}
scope! {
    /// 405 Method Not Allowed: Allow, redirects that rewrote the method, collection or item
    /// URLs, and the trailing slash.
    pub mod method_not_allowed ("405", "405 Method Not Allowed") {
        ALLOW = "405.allow" {
            tier: Stated,
            title: "The method is one the server allows here",
            inspects: "Compares the method with the Allow header (plus PATCH when Accept-Patch is \
                present). Fails when it is not listed or Allow is empty; passes when it is \
                listed; cannot tell without Allow, which a 405 must carry, and suggests OPTIONS.",
            why: "The server says this URL does not take this method, so no change to headers or \
                body will help; the method or the URL has to change.",
            fix: "Use a method the Allow header lists, or find the URL that takes this method \
                (usually the collection URL for POST and the item URL for PUT, PATCH and DELETE); \
                without Allow, send an OPTIONS request to the URL to ask.",
            standard: "RFC 9110 §15.5.6, §10.2.1 (Allow); RFC 5789 §3.1",
        }
        REDIRECT_REWRITE = "405.redirect-rewrite" {
            tier: Sent,
            title: "Redirects kept the method",
            inspects: "Fails when the method composed differs from the method of the final \
                request, naming the hop (301, 302, 303) that rewrote it.",
            why: "A 301, 302 or 303 turned your request into a GET, so the server refused a GET \
                you never meant to send.",
            fix: "Put the redirect's target in `url` (https instead of http, the canonical host, \
                or the other trailing-slash form) so nothing rewrites the method; \
                `follow_redirects: false` shows which hop redirects.",
            standard: "RFC 9110 §15.4.2, §15.4.3, §15.4.4",
        }
        COLLECTION_VS_ITEM = "405.collection-vs-item" {
            tier: Heuristic,
            title: "The method fits a collection or item URL",
            inspects: "Fails (possible) on POST to a path ending in an id-like segment (a number, \
                a UUID, a slug with digits) or PUT, PATCH or DELETE to a path without one.",
            why: "REST APIs usually take POST on a collection (`/users`) and PUT, PATCH or DELETE \
                on a single item (`/users/42`), and refuse a method on the other kind of URL.",
            fix: "For a POST, drop the id from the end of the path; for a PUT, PATCH or DELETE, \
                add the id of the item you mean to change.",
            standard: "None — the collection and item URL convention of REST APIs",
        }
        TRAILING_SLASH = "405.trailing-slash" {
            tier: Heuristic,
            title: "The trailing slash matches what works",
            inspects: "Fails when earlier in the session the same method worked on this URL with \
                the trailing slash added or removed.",
            why: "Many frameworks route `/users` and `/users/` separately, so one form takes the \
                method and the other refuses it.",
            fix: "Add or remove the trailing slash in `url` to match the form that worked earlier \
                in this session.",
            standard: "RFC 3986 §6.2 (a trailing slash makes another URI)",
        }
    }
}

scope! {
    /// 406 Not Acceptable: Accept, its q-values, the other Accept-* headers, and what the
    /// server offers.
    pub mod not_acceptable ("406", "406 Not Acceptable") {
        ACCEPT = "406.accept" {
            tier: Sent,
            title: "Accept allows what the server can produce",
            inspects: "Passes when Accept includes `*/*` (or covers a type this host served \
                before); fails when it covers none of the types the host answered with earlier \
                in the session; fails (possible) without `*/*` and no history to compare.",
            why: "The server can only produce representations your Accept header rules out, so it \
                refuses to answer even though the request is otherwise fine.",
            fix: "Set Accept to a type the API produces (usually `application/json`) or add `*/*` \
                as a fallback, in `headers` or `defaults.headers`.",
            standard: "RFC 9110 §15.5.7, §12.5.1 (Accept)",
        }
        Q_VALUES = "406.q-values" {
            tier: Sent,
            title: "Accept's q-values are valid",
            inspects: "Fails when Accept gives a type a malformed q-value, or gives every type \
                q=0, which means not acceptable.",
            why: "A malformed q-value may be read as zero, and `q=0` on every type says you accept \
                nothing, which leaves the server nothing it may send.",
            fix: "Write each q-value as a number from 0 to 1 with at most three decimals \
                (`application/json;q=0.9`), and give at least one type a value above 0.",
            standard: "RFC 9110 §12.4.2 (quality values)",
        }
        OTHER_NEGOTIATION = "406.other-negotiation" {
            tier: Sent,
            title: "Other Accept-* headers leave the server a choice",
            inspects: "Fails when Accept-Encoding, Accept-Language or Accept-Charset rules out the \
                default (`identity;q=0` or `*;q=0`).",
            why: "Ruling out `identity` or every language or charset leaves the server no \
                acceptable variant, so it answers 406 even when the media type is fine.",
            fix: "Remove `identity;q=0` and `*;q=0` from Accept-Encoding, Accept-Language and \
                Accept-Charset, or delete those headers and let the server choose.",
            standard: "RFC 9110 §12.5.2, §12.5.3, §12.5.4",
        }
        OFFERED = "406.offered" {
            tier: Stated,
            title: "The server lists what it can produce",
            inspects: "Passes when the body names media types the server can produce, listing up \
                to five.",
            why: "The list of representations the server can produce tells you exactly which \
                Accept value will get an answer.",
            fix: "This check only ever passes, when the server lists its types: copy one of the \
                listed media types into the Accept header to get past the 406.",
            standard: "RFC 9110 §15.5.7 (the body should list the available representations)",
        }
    }
}
