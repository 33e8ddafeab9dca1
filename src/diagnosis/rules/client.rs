//! The other 4xx: the request's syntax, method, negotiation, framing, preconditions, size,
//! media type and content, each checked against what was actually sent.

use super::common::field_issues;
use super::evidence;
use super::request::{self, find_placeholders};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::parse::crossref::{Presence, allowed_values, expected_type, locate};
use crate::diagnosis::parse::field_path::display;
use crate::diagnosis::parse::intermediary::GeneratorKind;
use crate::diagnosis::parse::negotiation::{essence, media_matches, parse_allow, parse_media_list};
use crate::diagnosis::{Check, Verdict};

fn collect(checks: impl IntoIterator<Item = Option<Check>>) -> Vec<Check> {
    checks.into_iter().flatten().collect()
}

/// A request lint asked again under a status-specific id.
fn reid(check: Option<Check>, id: &'static str) -> Option<Check> {
    check.map(|mut c| {
        c.id = id;
        c
    })
}

// ---------------------------------------------------------------------------------------- 400

pub fn bad_request(f: &Facts<'_>) -> Vec<Check> {
    collect([
        reid(request::json_parse(f), "400.body-parses"),
        content_type(f),
        placeholders(f),
        named_fields(f),
        query_encoding(f),
        tls_port(f),
        header_size(f),
        bearer_invalid_request(f),
    ])
}

fn content_type(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    if sent.body.is_empty() {
        return None;
    }
    let label = "The body's Content-Type is right";
    if sent.header("content-type").is_none() {
        return Some(
            Check::fail(
                "400.content-type",
                label,
                format!(
                    "Body ({}, looks like {}) sent without Content-Type; servers may treat it as application/octet-stream",
                    evidence::size(sent.body.len()),
                    request::sniff(&sent.body)
                ),
            )
            .cite("RFC 9110 §8.3"),
        );
    }
    reid(request::content_type_mismatch(f), "400.content-type")
}

fn placeholders(f: &Facts<'_>) -> Option<Check> {
    f.sent?;
    let label = "No unresolved placeholders";
    Some(match find_placeholders(f).first() {
        Some(p) => Check::fail("400.placeholders", label, request::describe_placeholder(p)),
        None => Check::pass("400.placeholders", label, "URL, headers and body hold no {{…}}, {id} or :id placeholders"),
    })
}

fn named_fields(f: &Facts<'_>) -> Option<Check> {
    let (problem, lines) = field_issues(f)?;
    let label = "Fields the server names are in the request";
    let text = lines.join(" ");
    Some(if problem {
        Check::fail("400.named-fields", label, text)
    } else {
        // Present but still rejected: the value is the problem, which the server explains.
        Check::fail("400.named-fields", "The server accepts the values of the fields it names", text)
    })
}

fn query_encoding(f: &Facts<'_>) -> Option<Check> {
    let raw = request::written_url(f)?;
    if !raw.contains('?') {
        return None;
    }
    let label = "The query string is encoded correctly";
    Some(match request::query_problem(raw) {
        Some(problem) => Check::fail("400.query-encoding", label, problem),
        None => Check::pass("400.query-encoding", label, "No raw spaces, '+', stray '%' or double encoding in the query"),
    })
}

fn tls_port(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let said = f.body_text().to_ascii_lowercase().contains("plain http request was sent to https port");
    let port = url.port_or_known_default().unwrap_or(80);
    (said || (url.scheme() == "http" && port == 443)).then(|| {
        Check::fail(
            "400.tls-port",
            "Plain HTTP goes to a plain HTTP port",
            format!("Sent plain HTTP to {}:{port}, which expects TLS — use https://", f.host()),
        )
    })
}

fn header_size(f: &Facts<'_>) -> Option<Check> {
    let (total, name, largest) = request::header_sizes(f)?;
    let label = "Headers are small enough for the server";
    let said = f.body_text().contains("Request Header Or Cookie Too Large");
    Some(if said || largest > 8192 {
        Check::fail(
            "400.header-size",
            label,
            format!("Largest header {name} is {}; nginx rejects any single header line above 8 KiB with 400", evidence::size(largest)),
        )
    } else if largest < 4096 {
        Check::pass("400.header-size", label, format!("Headers total {}; the largest ({name}) is {}", evidence::size(total), evidence::size(largest)))
    } else {
        return None;
    })
}

fn bearer_invalid_request(f: &Facts<'_>) -> Option<Check> {
    let c = f.challenges.iter().find(|c| c.param("error") == Some("invalid_request"))?;
    let mut places = Vec::new();
    if f.sent_header("authorization").is_some() {
        places.push("the Authorization header".to_owned());
    }
    if f.sent_query.iter().any(|(k, _)| k == "access_token") {
        places.push("the access_token query parameter".to_owned());
    }
    if f.sent_form.iter().any(|(k, _)| k == "access_token") {
        places.push("the access_token form field".to_owned());
    }
    let twice = if places.len() > 1 { " — the token went by more than one method, which RFC 6750 forbids" } else { "" };
    let desc = c.param("error_description").map_or(String::new(), |d| format!(", \"{d}\""));
    Some(
        Check::fail(
            "400.bearer-invalid-request",
            "The bearer request is well-formed",
            format!("Server (Bearer): error=\"invalid_request\"{desc}; token was sent via {}{twice}", evidence::list(&places)),
        )
        .cite("RFC 6750 §3.1"),
    )
}

// ---------------------------------------------------------------------------------------- 405

pub fn method_not_allowed(f: &Facts<'_>) -> Vec<Check> {
    collect([allow(f), redirect_rewrite(f), collection_vs_item(f), trailing_slash(f)])
}

fn allow(f: &Facts<'_>) -> Option<Check> {
    let method = f.method();
    let label = "The method is one the server allows here";
    let Some(header) = f.header("allow") else {
        let url = f.sent.map_or("", |s| s.url.as_str());
        return Some(
            Check::unknown("405.allow", label, format!("No Allow header (required on 405) — try OPTIONS {url}"))
                .cite("RFC 9110 §15.5.6"),
        );
    };
    let mut allowed = parse_allow(header);
    if f.header("accept-patch").is_some() && !allowed.iter().any(|m| m == "PATCH") {
        allowed.push("PATCH".to_owned());
    }
    Some(if allowed.is_empty() {
        Check::fail("405.allow", label, "Allow is empty: no method is allowed on this URL right now")
    } else if allowed.iter().any(|m| m.eq_ignore_ascii_case(method)) {
        Check::pass("405.allow", label, format!("Server allows {}, including {method}", allowed.join(", ")))
    } else {
        Check::fail("405.allow", label, format!("Server allows {}; you sent {method}", allowed.join(", ")))
            .cite("RFC 9110 §10.2.1")
    })
}

fn redirect_rewrite(f: &Facts<'_>) -> Option<Check> {
    let first = f.first_sent?;
    let last = f.sent?;
    if first.method == last.method {
        return None;
    }
    let (n, hop) = f.hops.iter().enumerate().find(|(_, h)| h.method_changed)?;
    Some(Check::fail(
        "405.redirect-rewrite",
        "Redirects kept the method",
        format!(
            "You composed {}; hop {} ({} {} → {}) turned it into {} — call {} directly",
            first.method,
            n + 1,
            hop.response.status,
            hop.request.url,
            hop.location,
            last.method,
            hop.location
        ),
    ))
}

/// Looks like a record id: a number, a UUID, or a slug containing digits.
fn id_like(segment: &str) -> bool {
    !segment.is_empty()
        && (segment.chars().all(|c| c.is_ascii_digit())
            || (segment.len() == 36 && segment.chars().filter(|c| *c == '-').count() == 4)
            || (segment.chars().any(|c| c.is_ascii_digit()) && segment.chars().any(|c| c.is_ascii_alphabetic()) && segment.len() >= 6))
}

fn collection_vs_item(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let path = url.path().trim_end_matches('/');
    let last = path.rsplit('/').next().unwrap_or_default();
    let item = id_like(last);
    let method = f.method();
    let text = match (method, item) {
        ("POST", true) => format!("POST sent to item path {path}; creating usually goes to the collection"),
        ("PUT" | "PATCH" | "DELETE", false) => format!("{method} sent to collection path {path} (no id segment)"),
        _ => return None,
    };
    Some(Check::possible("405.collection-vs-item", "The method fits a collection or item URL", text))
}

fn trailing_slash(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let mine = sent.url.split('?').next().unwrap_or_default();
    let other = if let Some(stripped) = mine.strip_suffix('/') { stripped.to_owned() } else { format!("{mine}/") };
    let worked = f.history.iter().rev().find(|h| {
        h.sent.method == sent.method && h.sent.url.split('?').next() == Some(other.as_str()) && h.status.is_some_and(|s| s < 400)
    })?;
    Some(Check::fail(
        "405.trailing-slash",
        "The trailing slash matches what works",
        format!("{} {mine} → 405, but {other} worked at {}", sent.method, f.clock.local(worked.at)),
    ))
}

// ---------------------------------------------------------------------------------------- 406

pub fn not_acceptable(f: &Facts<'_>) -> Vec<Check> {
    collect([accept(f), q_values(f), other_negotiation(f), offered(f)])
}

fn accept(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("accept").unwrap_or("*/*");
    let ranges = parse_media_list(sent);
    let label = "Accept allows what the server can produce";
    if ranges.iter().any(|r| r.essence == "*/*" && r.q > 0.0) {
        return Some(Check::pass("406.accept", label, format!("Accept: {} includes */*; look at the other Accept-* headers", evidence::quote(sent))));
    }
    let host = f.host();
    let seen: Vec<String> = f
        .history
        .iter()
        .filter(|h| h.host().as_deref() == Some(host.as_str()) && h.status.is_some_and(|s| s < 400))
        .filter_map(|h| h.content_type.as_deref().map(essence))
        .collect();
    if seen.is_empty() {
        return Some(Check::possible(
            "406.accept",
            label,
            format!("Accept: {} has no */*; the server has nothing in those types", evidence::quote(sent)),
        ));
    }
    let matched = seen.iter().any(|t| ranges.iter().any(|r| r.q > 0.0 && media_matches(r, t)));
    Some(if matched {
        Check::pass("406.accept", label, format!("Accept: {} covers {} seen from {host} before", evidence::quote(sent), seen[0]))
    } else {
        Check::fail("406.accept", label, format!("Accept: {} — this host previously answered with {}", evidence::quote(sent), seen[0]))
    })
}

fn q_values(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("accept")?;
    let ranges = parse_media_list(sent);
    let label = "Accept's q-values are valid";
    if let Some(r) = ranges.iter().find(|r| r.q_malformed) {
        return Some(Check::fail("406.q-values", label, format!("Accept gives {} a malformed q-value", r.essence)));
    }
    let acceptable: Vec<_> = ranges.iter().filter(|r| r.q > 0.0).collect();
    if acceptable.is_empty() && !ranges.is_empty() {
        return Some(Check::fail("406.q-values", label, format!("Accept gives every type q=0 (\"not acceptable\"): {}", evidence::quote(sent))));
    }
    None
}

fn other_negotiation(f: &Facts<'_>) -> Option<Check> {
    for name in ["accept-encoding", "accept-language", "accept-charset"] {
        let value = f.sent_header(name)?;
        let lower = value.to_ascii_lowercase().replace(' ', "");
        if lower.contains("identity;q=0") || lower.contains("*;q=0") {
            return Some(Check::fail(
                "406.other-negotiation",
                "Other Accept-* headers leave the server a choice",
                format!("{} rules out what the server may have", evidence::header(name, value)),
            ));
        }
    }
    None
}

fn offered(f: &Facts<'_>) -> Option<Check> {
    let text = f.body_text();
    let types: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '"' || c == ',' || c == '<' || c == '>')
        .filter(|w| w.contains('/') && (w.starts_with("application/") || w.starts_with("text/")))
        .map(str::to_owned)
        .take(5)
        .collect();
    (!types.is_empty()).then(|| Check::pass("406.offered", "The server lists what it can produce", format!("Server offers: {}", types.join(", "))))
}

// ---------------------------------------------------------------------------------------- 408

pub fn request_timeout(f: &Facts<'_>) -> Vec<Check> {
    collect([length_match(f), expect_continue(f), connection_close(f)])
}

fn length_match(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let declared: usize = sent.header("content-length")?.trim().parse().ok()?;
    let label = "Content-Length matches the bytes sent";
    Some(if declared > sent.body.len() {
        Check::fail(
            "408.length-match",
            label,
            format!("Content-Length: {declared} declared but {} bytes sent — the server waited for the rest", sent.body.len()),
        )
    } else {
        Check::pass("408.length-match", label, format!("Content-Length: {declared} and {} bytes sent", sent.body.len()))
    })
}

fn expect_continue(f: &Facts<'_>) -> Option<Check> {
    let expect = f.sent_header("expect")?;
    expect.eq_ignore_ascii_case("100-continue").then(|| {
        Check::fail("408.expect-continue", "The request did not wait for 100 Continue", "Request sent Expect: 100-continue and waited for a \"100 Continue\" that never came")
    })
}

fn connection_close(f: &Facts<'_>) -> Option<Check> {
    let c = f.header("connection")?;
    c.eq_ignore_ascii_case("close").then(|| {
        Check::pass("408.connection-close", "A retry can use a fresh connection", "Server sent Connection: close; a retry will use a new connection (408 is safe to retry)")
    })
}

// ---------------------------------------------------------------------------------------- 409

pub fn conflict(f: &Facts<'_>) -> Vec<Check> {
    collect([duplicate(f), double_submit(f)])
}

fn duplicate(f: &Facts<'_>) -> Option<Check> {
    let lower = f.body_text().to_ascii_lowercase();
    let says_exists = ["already exists", "already_exists", "duplicate", "already taken", "unique"].iter().any(|k| lower.contains(k));
    if !says_exists {
        return None;
    }
    let sent = f.sent_data();
    let issue = f.error_body.issues.first();
    let text = match issue.map(|i| (i, locate(i, &sent))) {
        Some((i, Presence::Present { value, .. })) => {
            format!("Server says \"{}\" already exists; you sent {}", display(&i.path), evidence::quote(&value.to_string()))
        }
        _ => format!("Server says: \"{}\"", evidence::quote(f.error_body.headline.as_deref().unwrap_or("already exists"))),
    };
    Some(Check::fail("409.duplicate", "The value is not already taken", text))
}

fn double_submit(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let since = f.received_at.checked_sub(std::time::Duration::from_secs(60))?;
    let twin = f.history.iter().rev().find(|h| {
        h.at >= since && h.sent.method == sent.method && h.sent.url == sent.url && h.sent.body == sent.body && h.status.is_some_and(|s| s < 300)
    })?;
    Some(Check::fail(
        "409.double-submit",
        "This is not a duplicate submission",
        format!("Identical {} succeeded {} ({}) — this looks like a duplicate submission", sent.method, f.clock.relative(twin.at), twin.status.unwrap_or_default()),
    ))
}

// ---------------------------------------------------------------------------------------- 410

pub fn gone(f: &Facts<'_>) -> Vec<Check> {
    collect([sunset(f), api_version(f), gone_history(f)])
}

fn successor(f: &Facts<'_>) -> Option<String> {
    let link = f.header("link")?;
    link.split(',')
        .find(|l| l.contains("successor-version") || l.contains("alternate"))
        .and_then(|l| l.split('<').nth(1)?.split('>').next().map(str::to_owned))
}

fn sunset(f: &Facts<'_>) -> Option<Check> {
    let sunset = f.header("sunset");
    let deprecation = f.header("deprecation");
    if sunset.is_none() && deprecation.is_none() {
        return None;
    }
    let when = sunset
        .and_then(crate::diagnosis::parse::retry_after::parse_http_date)
        .map_or(String::new(), |t| format!(" ({})", f.clock.relative(t)));
    let next = successor(f).map_or(String::new(), |s| format!("; successor: {s}"));
    let what = sunset.map_or_else(|| evidence::header("Deprecation", deprecation.unwrap_or_default()), |s| format!("Sunset: {s}{when}"));
    Some(Check::fail("410.sunset", "The API version is still supported", format!("{what}{next} — this version was retired")).cite("RFC 8594"))
}

fn api_version(f: &Facts<'_>) -> Option<Check> {
    let next = successor(f)?;
    let path = f.url.as_ref()?.path().to_owned();
    Some(Check::fail("410.api-version", "You call the current API version", format!("Path is {path}; the server points to {next}")))
}

fn gone_history(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let before = f.history.iter().rev().find(|h| h.sent.url == sent.url && h.status.is_some_and(|s| (200..300).contains(&s)))?;
    Some(Check::fail(
        "410.history",
        "The resource still exists",
        format!("{} {} returned {} at {}; it has since been removed", before.sent.method, sent.url, before.status.unwrap_or_default(), f.clock.local(before.at)),
    ))
}

// ---------------------------------------------------------------------------------------- 411

pub fn length_required(f: &Facts<'_>) -> Vec<Check> {
    collect([chunked(f), empty_post(f), http10_hop(f)])
}

fn chunked(f: &Facts<'_>) -> Option<Check> {
    let te = f.sent_header("transfer-encoding")?;
    (f.sent_header("content-length").is_none()).then(|| {
        Check::fail("411.chunked", "The body has a Content-Length", format!("Body was streamed with Transfer-Encoding: {te} and no Content-Length"))
    })
}

fn empty_post(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    if !sent.body.is_empty() || !matches!(sent.method.as_str(), "POST" | "PUT" | "PATCH") {
        return None;
    }
    let label = "An empty body is announced with Content-Length: 0";
    Some(match sent.header("content-length") {
        Some(v) => Check::pass("411.empty-post", label, format!("Content-Length: {v} was sent")),
        None => Check::fail("411.empty-post", label, format!("{} with empty body sent without \"Content-Length: 0\"", sent.method)).cite("RFC 9110 §8.6"),
    })
}

fn http10_hop(f: &Facts<'_>) -> Option<Check> {
    let via = f.header("via").filter(|v| v.trim_start().starts_with("1.0"));
    let old = f.head.is_some_and(|h| h.version == "HTTP/1.0");
    (via.is_some() || old).then(|| {
        Check::possible(
            "411.http10-hop",
            "Every hop speaks HTTP/1.1",
            format!("An HTTP/1.0 hop ({}) cannot accept chunked bodies", via.map_or_else(|| "response version HTTP/1.0".to_owned(), |v| format!("Via: {v}"))),
        )
    })
}

// ---------------------------------------------------------------------------------------- 412

pub fn precondition_failed(f: &Facts<'_>) -> Vec<Check> {
    collect([which(f), weak_etag(f), unquoted(f), create_only(f), unmodified_since(f)])
}

fn which(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("if-match")?;
    let current = f.header("etag").map_or_else(|| "not given".to_owned(), str::to_owned);
    Some(Check::fail(
        "412.which",
        "The validator you sent is current",
        format!("Sent If-Match: {sent}; current ETag is {current} → the resource changed after you read it"),
    ))
}

fn weak_etag(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("if-match")?;
    sent.split(',').map(str::trim).find(|t| t.starts_with("W/")).map(|tag| {
        Check::fail(
            "412.weak-etag",
            "If-Match uses a strong entity-tag",
            format!("If-Match uses weak tag {tag}; If-Match requires strong comparison, so it can never match"),
        )
        .cite("RFC 9110 §13.1.1")
    })
}

fn unquoted(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("if-match").or_else(|| f.sent_header("if-none-match"))?;
    sent.split(',')
        .map(str::trim)
        .find(|t| *t != "*" && !t.trim_start_matches("W/").starts_with('"'))
        .map(|tag| {
            Check::fail("412.unquoted", "Entity-tags are quoted", format!("{tag} is not a quoted entity-tag; expected \"\\\"{tag}\\\"\""))
        })
}

fn create_only(f: &Facts<'_>) -> Option<Check> {
    (f.sent_header("if-none-match")?.trim() == "*").then(|| {
        let etag = f.header("etag").map_or(String::new(), |e| format!(" (ETag {e})"));
        Check::fail("412.create-only", "The resource did not exist yet", format!("You asked to create only if absent; the resource exists{etag}"))
    })
}

fn unmodified_since(f: &Facts<'_>) -> Option<Check> {
    let since = f.sent_header("if-unmodified-since")?;
    let modified = f.header("last-modified")?;
    Some(Check::fail("412.date", "The resource is unchanged since your date", format!("If-Unmodified-Since {since} but Last-Modified is {modified}")))
}

// ---------------------------------------------------------------------------------------- 413

pub fn content_too_large(f: &Facts<'_>) -> Vec<Check> {
    collect([size(f), generator_413(f), encoding_overhead(f)])
}

/// The first size stated in a text ("1 MB", "10485760 bytes", "1m").
fn stated_limit(text: &str) -> Option<(u64, String)> {
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',').collect();
    for (i, w) in words.iter().enumerate() {
        let joined = match words.get(i + 1) {
            Some(unit) if unit.chars().all(char::is_alphabetic) => format!("{w}{unit}"),
            _ => (*w).to_owned(),
        };
        if w.chars().next().is_some_and(|c| c.is_ascii_digit())
            && joined.chars().any(char::is_alphabetic)
            && let Ok(n) = crate::collection::parse_size(&joined.replace("bytes", "B"))
        {
            return Some((n, joined));
        }
    }
    None
}

fn size(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let body = sent.body.len() as u64;
    let label = "The body is within the server's limit";
    let nginx = f.generator.as_ref().and_then(|g| g.who.as_deref()).is_some_and(|w| w.eq_ignore_ascii_case("nginx"));
    if let Some((limit, shown)) = stated_limit(&f.body_text()) {
        return Some(if body >= limit {
            Check::fail("413.size", label, format!("Body is {}; server states a {shown} limit", evidence::size(sent.body.len())))
        } else {
            Check::unknown("413.size", label, format!("Body is {}; the server's text mentions {shown}", evidence::size(sent.body.len())))
        });
    }
    Some(if nginx {
        Check::fail("413.size", label, format!("Body is {}; nginx produced this page and its default limit is 1 MiB (client_max_body_size)", evidence::size(sent.body.len())))
    } else {
        Check::unknown("413.size", label, format!("Body is {}; the server does not say its limit", evidence::size(sent.body.len())))
    })
}

fn generator_413(f: &Facts<'_>) -> Option<Check> {
    let g = f.generator.as_ref().filter(|g| g.kind == GeneratorKind::Intermediary)?;
    Some(Check::fail(
        "413.generator",
        "The limit is the API's own",
        format!("Limit enforced by {} ({}), not the API", g.who.as_deref().unwrap_or("an intermediary"), evidence::list(&g.signals)),
    ))
}

fn encoding_overhead(f: &Facts<'_>) -> Option<Check> {
    let json = f.sent_json.as_ref()?;
    let total = f.sent?.body.len();
    let b64 = base64_bytes(json);
    (total > 0 && b64 * 2 > total).then(|| {
        Check::possible(
            "413.encoding-overhead",
            "The body carries no bulky encoded blobs",
            format!("{}% of the body is base64 (+33% overhead); use a multipart or binary upload endpoint", b64 * 100 / total),
        )
    })
}

fn base64_bytes(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::String(s) if s.len() > 256 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=-_".contains(&b)) => s.len(),
        serde_json::Value::Array(items) => items.iter().map(base64_bytes).sum(),
        serde_json::Value::Object(map) => map.values().map(base64_bytes).sum(),
        _ => 0,
    }
}

// ---------------------------------------------------------------------------------------- 414

pub fn uri_too_long(f: &Facts<'_>) -> Vec<Check> {
    collect([url_total(f), data_in_query(f), duplicate_params(f), redirect_growth(f)])
}

fn url_total(f: &Facts<'_>) -> Option<Check> {
    let url = &f.sent?.url;
    let query = url.split_once('?').map_or(0, |(_, q)| q.len());
    let n = url.len();
    let label = "The URL is short enough";
    let behind_proxy = f.generator.as_ref().is_some_and(|g| g.kind != GeneratorKind::Application);
    Some(if n > 8000 || (n > 2048 && behind_proxy) {
        Check::fail("414.total", label, format!("URL is {n} bytes (query {query}); many servers cap the request line at ~8 KiB"))
    } else {
        Check::unknown("414.total", label, format!("URL is {n} bytes (query {query}); this server's limit is lower than most"))
    })
}

fn data_in_query(f: &Facts<'_>) -> Option<Check> {
    let (name, value) = f.sent_query.iter().max_by_key(|(_, v)| v.len()).filter(|(_, v)| v.len() > 2048)?;
    let kind = if value.trim_start().starts_with(['{', '[']) { "JSON" } else { "data" };
    Some(Check::fail(
        "414.data-in-query",
        "The query carries no bulk data",
        format!("Param \"{name}\" carries {} of {kind}; send it in a POST body instead", evidence::size(value.len())),
    ))
}

fn duplicate_params(f: &Facts<'_>) -> Option<Check> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (k, _) in &f.sent_query {
        match counts.iter_mut().find(|(n, _)| n == k) {
            Some((_, c)) => *c += 1,
            None => counts.push((k, 1)),
        }
    }
    let (name, k) = counts.into_iter().max_by_key(|(_, c)| *c).filter(|(_, c)| *c >= 20)?;
    Some(Check::possible("414.duplicate-params", "Parameters are not repeated excessively", format!("Param \"{name}\" repeated {k} times")))
}

fn redirect_growth(f: &Facts<'_>) -> Option<Check> {
    let lengths: Vec<usize> = f.hops.iter().map(|h| h.request.url.len()).chain(f.sent.map(|s| s.url.len())).collect();
    (lengths.len() >= 3 && lengths.windows(2).all(|w| w[1] > w[0])).then(|| {
        Check::fail(
            "414.redirect-growth",
            "Redirects do not keep growing the URL",
            format!("URL grew {} → {} bytes over {} redirects (nested ?next=…)", lengths[0], lengths[lengths.len() - 1], lengths.len() - 1),
        )
    })
}

// ---------------------------------------------------------------------------------------- 415

pub fn unsupported_media_type(f: &Facts<'_>) -> Vec<Check> {
    collect([
        ct_present(f),
        ct_advertised(f),
        reid(request::content_type_mismatch(f).filter(|c| c.verdict == Verdict::Fail && !c.evidence.contains("boundary")), "415.ct-vs-body"),
        patch_format(f),
        multipart_boundary(f),
        media_params(f),
        content_encoding(f),
    ])
}

fn ct_present(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    if sent.body.is_empty() {
        return None;
    }
    let label = "The body has a Content-Type";
    Some(match sent.header("content-type") {
        None => Check::fail("415.ct-present", label, format!("Body ({}) sent without Content-Type", evidence::size(sent.body.len()))),
        Some(ct) => Check::pass("415.ct-present", label, format!("Content-Type: {}", evidence::quote(ct))),
    })
}

fn ct_advertised(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("content-type");
    let label = "Content-Type is one the server accepts";
    let advertised: Vec<(&str, &str)> = ["accept-post", "accept-patch", "accept"]
        .into_iter()
        .filter_map(|h| f.header(h).map(|v| (h, v)))
        .collect();
    if advertised.is_empty() {
        return Some(Check::unknown(
            "415.ct-advertised",
            label,
            format!("You sent {}; the server lists no accepted types (no Accept, Accept-Post or Accept-Patch)", sent.unwrap_or("no Content-Type")),
        ));
    }
    let list: Vec<String> = advertised.iter().map(|(h, v)| evidence::header(h, v)).collect();
    let Some(sent) = sent else {
        return Some(Check::fail("415.ct-advertised", label, format!("Server accepts {}; you sent no Content-Type", evidence::list(&list))));
    };
    let ok = advertised
        .iter()
        .flat_map(|(_, v)| parse_media_list(v))
        .any(|r| r.q > 0.0 && media_matches(&r, sent));
    Some(if ok {
        Check::pass("415.ct-advertised", label, format!("Server accepts {}, which covers {sent}", evidence::list(&list)))
    } else {
        Check::fail("415.ct-advertised", label, format!("Server accepts {}; you sent {sent}", evidence::list(&list))).cite("RFC 9110 §15.5.16")
    })
}

fn patch_format(f: &Facts<'_>) -> Option<Check> {
    if f.method() != "PATCH" {
        return None;
    }
    let wanted = f.header("accept-patch")?;
    let sent = f.sent_header("content-type").map(essence).unwrap_or_default();
    (sent == "application/json" && wanted.contains("patch+json")).then(|| {
        Check::fail(
            "415.patch-format",
            "The PATCH body uses a patch format the server accepts",
            format!("PATCH body declared application/json; server wants {wanted}"),
        )
        .cite("RFC 5789 §3.1")
    })
}

fn multipart_boundary(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let ct = sent.header("content-type")?;
    if !essence(ct).starts_with("multipart/") {
        return None;
    }
    let label = "The multipart boundary is declared and used";
    let boundary = ct.split(';').find_map(|p| p.trim().strip_prefix("boundary=")).map(|b| b.trim_matches('"'));
    Some(match boundary {
        None => Check::fail("415.multipart-boundary", label, format!("Content-Type {} has no boundary parameter (header set by hand?)", essence(ct))),
        Some(b) if !sent.body.windows(b.len() + 2).any(|w| w.starts_with(b"--") && &w[2..] == b.as_bytes()) => {
            Check::fail("415.multipart-boundary", label, format!("boundary={b} never appears in the body"))
        }
        Some(b) => Check::pass("415.multipart-boundary", label, format!("boundary={b} frames the body")),
    })
}

fn media_params(f: &Facts<'_>) -> Option<Check> {
    let ct = f.sent_header("content-type")?;
    let lower = ct.to_ascii_lowercase();
    if essence(ct) == "application/vnd.api+json" && ct.contains(';') {
        return Some(Check::possible("415.params", "Content-Type parameters are acceptable", format!("Content-Type {ct} has parameters; JSON:API servers reject media-type parameters")));
    }
    (lower.contains("json") && lower.contains("charset=") && !lower.contains("utf-8")).then(|| {
        Check::possible("415.params", "Content-Type parameters are acceptable", format!("Content-Type {ct} declares a charset other than UTF-8 for JSON"))
    })
}

fn content_encoding(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("content-encoding")?;
    let accepted = f.header("accept-encoding").unwrap_or("identity only");
    let ok = accepted.to_ascii_lowercase().contains(&sent.to_ascii_lowercase());
    (!ok).then(|| Check::fail("415.content-encoding", "The body's encoding is accepted", format!("You sent Content-Encoding: {sent}; server accepts {accepted}")))
}

// ---------------------------------------------------------------------------------------- 422

pub fn unprocessable(f: &Facts<'_>) -> Vec<Check> {
    let Some(_) = field_issues(f) else {
        return collect([Some(Check::unknown(
            "422.fields",
            "The server accepts every field",
            match &f.error_body.headline {
                Some(h) => format!("Server says \"{}\" but names no fields", evidence::quote(h)),
                None => "The error body names no fields".to_owned(),
            },
        ))]);
    };
    collect([fields(f), all_missing(f), types(f), enums(f), wrapper(f), naming_style(f)])
}

fn fields(f: &Facts<'_>) -> Option<Check> {
    let (_, lines) = field_issues(f)?;
    Some(Check::fail("422.fields", "The server accepts every field", lines.join(" ")).cite("RFC 9110 §15.5.21"))
}

fn located(f: &Facts<'_>) -> Vec<(String, Option<String>, Presence)> {
    let sent = f.sent_data();
    f.error_body
        .issues
        .iter()
        .map(|i| (display(&i.path), i.message.clone(), locate(i, &sent)))
        .collect()
}

fn types(f: &Facts<'_>) -> Option<Check> {
    located(f).into_iter().find_map(|(path, message, presence)| {
        let message = message?;
        let wanted = expected_type(&message)?;
        let Presence::Present { value, json_type } = presence else { return None };
        (wanted != json_type).then(|| {
            Check::fail(
                "422.type",
                "Values have the types the server expects",
                format!("\"{path}\" {message} — you sent {} (a {json_type})", evidence::quote(&value.to_string())),
            )
        })
    })
}

fn enums(f: &Facts<'_>) -> Option<Check> {
    located(f).into_iter().find_map(|(path, message, presence)| {
        let message = message?;
        let allowed = allowed_values(&message);
        let Presence::Present { value, .. } = presence else { return None };
        let sent = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
        if allowed.is_empty() || allowed.contains(&sent) {
            return None;
        }
        let near = crate::suggest::closest(&sent, allowed.iter().map(String::as_str));
        let hint = near.first().map_or(String::new(), |n| format!(" (closest: {n})"));
        Some(Check::fail(
            "422.enum",
            "Values are among the allowed ones",
            format!("\"{path}\" must be one of {} — you sent \"{sent}\"{hint}", allowed.join(", ")),
        ))
    })
}

fn wrapper(f: &Facts<'_>) -> Option<Check> {
    located(f).into_iter().find_map(|(path, _, presence)| match presence {
        Presence::ElsewhereInBody { actual } => Some(Check::fail(
            "422.wrapper",
            "Fields sit at the nesting level the server expects",
            format!("Server points at {path}; your body has it at {actual} — the API expects a different wrapper"),
        )),
        _ => None,
    })
}

fn naming_style(f: &Facts<'_>) -> Option<Check> {
    located(f).into_iter().find_map(|(path, _, presence)| match presence {
        Presence::Missing { near: Some((near, why)) } if why.contains("case") => Some(Check::fail(
            "422.naming-style",
            "Field names use the server's naming style",
            format!("Server expects \"{path}\"; request has \"{near}\" ({why})"),
        )),
        _ => None,
    })
}

fn all_missing(f: &Facts<'_>) -> Option<Check> {
    let located = located(f);
    let has_keys = f.sent_json.as_ref().and_then(serde_json::Value::as_object).is_some_and(|o| !o.is_empty()) || !f.sent_form.is_empty();
    let all = located.len() >= 2 && located.iter().all(|(_, m, _)| m.as_deref().is_some_and(|m| m.to_ascii_lowercase().contains("required") || m.to_ascii_lowercase().contains("missing")));
    (all && has_keys).then(|| {
        Check::fail(
            "422.all-missing",
            "The server read the body",
            format!(
                "All {} fields reported missing although the body has them — the server likely ignored the body (Content-Type was {})",
                located.len(),
                f.sent_header("content-type").unwrap_or("not set")
            ),
        )
    })
}

// ---------------------------------------------------------------------------------------- 428

pub fn precondition_required(f: &Facts<'_>) -> Vec<Check> {
    collect([conditional_sent(f), etag_known(f), body_hint(f)])
}

fn conditional_sent(f: &Facts<'_>) -> Option<Check> {
    let label = "The request is conditional";
    let sent = ["if-match", "if-unmodified-since"].into_iter().find_map(|h| f.sent_header(h).map(|v| (h, v)));
    Some(match sent {
        Some((h, v)) => Check::pass("428.conditional-sent", label, evidence::header(h, v)),
        None => Check::fail("428.conditional-sent", label, format!("{} sent without If-Match or If-Unmodified-Since", f.method())).cite("RFC 6585 §3"),
    })
}

fn etag_known(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let read = f.history.iter().rev().find(|h| h.sent.url == sent.url && h.etag.is_some())?;
    let etag = read.etag.clone().unwrap_or_default();
    Some(Check::pass(
        "428.etag-known",
        "A validator is at hand",
        format!("{} at {} returned ETag {etag} — add If-Match: {etag}", read.sent.method, f.clock.local(read.at)),
    ))
}

fn body_hint(f: &Facts<'_>) -> Option<Check> {
    let text = f.body_text();
    let header = ["If-Match", "If-Unmodified-Since", "If-None-Match"].into_iter().find(|h| text.contains(h))?;
    Some(Check::unknown("428.body-hint", "The server says what it wants", format!("Server asks for {header}")))
}

// ---------------------------------------------------------------------------------------- 431

pub fn headers_too_large(f: &Facts<'_>) -> Vec<Check> {
    collect([headers_total(f), cookie_bloat(f), token_size(f), header_repeats(f), named_header(f)])
}

fn headers_total(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let mut sizes: Vec<(String, usize)> = sent.headers.iter().map(|(n, v)| (n.clone(), n.len() + v.len() + 4)).collect();
    sizes.sort_by_key(|(_, s)| std::cmp::Reverse(*s));
    let total: usize = sizes.iter().map(|(_, s)| s).sum();
    let top: Vec<String> = sizes.iter().take(3).map(|(n, s)| format!("{n} ({})", evidence::size(*s))).collect();
    let text = format!("Request headers total {}; largest: {}", evidence::size(total), top.join(", "));
    let label = "Headers are within common limits";
    Some(if total > 8192 {
        Check::fail("431.total", label, text)
    } else if total < 4096 {
        Check::pass("431.total", label, text)
    } else {
        Check::unknown("431.total", label, text)
    })
}

fn cookie_bloat(f: &Facts<'_>) -> Option<Check> {
    let cookie = f.sent_header("cookie")?;
    let count = cookie.split(';').count();
    (cookie.len() > 4096 || count > 30).then(|| {
        Check::fail("431.cookie-bloat", "The Cookie header is small", format!("Cookie header is {} with {count} cookies", evidence::size(cookie.len())))
    })
}

fn token_size(f: &Facts<'_>) -> Option<Check> {
    let auth = f.sent_header("authorization")?;
    (auth.len() > 4096).then(|| {
        Check::fail("431.token-size", "The token is small", format!("Authorization is {} — a JWT with many claims or groups?", evidence::size(auth.len())))
    })
}

fn header_repeats(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let (name, k) = sent
        .headers
        .iter()
        .map(|(n, _)| (n, sent.headers.iter().filter(|(m, _)| m.eq_ignore_ascii_case(n)).count()))
        .find(|(_, k)| *k > 1)?;
    Some(Check::fail("431.duplicates", "Headers are not repeated", format!("Header {name} appears {k} times")))
}

fn named_header(f: &Facts<'_>) -> Option<Check> {
    let text = f.body_text();
    let sent = f.sent?;
    let (name, _) = sent.headers.iter().find(|(n, _)| n.len() > 3 && text.contains(n.as_str()))?;
    Some(Check::unknown("431.named", "The server names the header", format!("Server names {name} as too large")))
}
