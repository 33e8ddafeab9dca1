//! Framing and size limits: 408 (incomplete request), 411 (length required), 413 (body too
//! large), 414 (URL too long) and 431 (headers too large).

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::{
    content_too_large, headers_too_large, length_required, request_timeout, uri_too_long,
};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::sent::headers;
use crate::evidence::intermediary::GeneratorKind;

// --------------------------------------------------------------------------------------- 408

pub fn request_timeout(f: &Facts<'_>) -> Vec<Check> {
    [length_match(f), expect_continue(f), connection_close(f)]
        .into_iter()
        .flatten()
        .collect()
}

fn length_match(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let declared: usize = sent.header("content-length")?.trim().parse().ok()?;
    // Declaring fewer bytes than sent cannot make the server wait; R.content-length-override
    // reports that mismatch.
    Some(match declared.cmp(&sent.body.len()) {
        std::cmp::Ordering::Greater => Check::fail(
            request_timeout::LENGTH_MATCH,
            format!(
                "Content-Length: {declared} declared but {} bytes sent — the server waited for the rest",
                sent.body.len()
            ),
        ),
        std::cmp::Ordering::Equal => Check::pass(
            request_timeout::LENGTH_MATCH,
            format!("Content-Length: {declared} and {} bytes sent", sent.body.len()),
        ),
        std::cmp::Ordering::Less => return None,
    })
}

fn expect_continue(f: &Facts<'_>) -> Option<Check> {
    let expect = f.sent_header("expect")?;
    expect.eq_ignore_ascii_case("100-continue").then(|| {
        Check::fail(
            request_timeout::EXPECT_CONTINUE,
            "Request sent Expect: 100-continue and waited for a \"100 Continue\" that never came",
        )
    })
}

fn connection_close(f: &Facts<'_>) -> Option<Check> {
    let c = f.header("connection")?;
    c.eq_ignore_ascii_case("close").then(|| {
        Check::pass(
            request_timeout::CONNECTION_CLOSE,
            "Server sent Connection: close; a retry will use a new connection (408 is safe to retry)",
        )
    })
}

// --------------------------------------------------------------------------------------- 411

pub fn length_required(f: &Facts<'_>) -> Vec<Check> {
    [chunked(f), empty_post(f), http10_hop(f)]
        .into_iter()
        .flatten()
        .collect()
}

fn chunked(f: &Facts<'_>) -> Option<Check> {
    let te = f.sent_header("transfer-encoding")?;
    (f.sent_header("content-length").is_none()).then(|| {
        Check::fail(
            length_required::CHUNKED,
            format!("Body was streamed with Transfer-Encoding: {te} and no Content-Length"),
        )
    })
}

fn empty_post(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    if !sent.body.is_empty() || !matches!(sent.method.as_str(), "POST" | "PUT" | "PATCH") {
        return None;
    }
    Some(match sent.header("content-length") {
        Some(v) => Check::pass(
            length_required::EMPTY_POST,
            format!("Content-Length: {v} was sent"),
        ),
        None => Check::fail(
            length_required::EMPTY_POST,
            format!(
                "{} with empty body sent without \"Content-Length: 0\"",
                sent.method
            ),
        )
        .cite("RFC 9110 §8.6"),
    })
}

fn http10_hop(f: &Facts<'_>) -> Option<Check> {
    let via = f.header("via").filter(|v| v.trim_start().starts_with("1.0"));
    let old = f.head.is_some_and(|h| h.version == "HTTP/1.0");
    (via.is_some() || old).then(|| {
        Check::possible(
            length_required::HTTP10_HOP,
            format!(
                "An HTTP/1.0 hop ({}) cannot accept chunked bodies",
                via.map_or_else(|| "response version HTTP/1.0".to_owned(), |v| format!("Via: {v}"))
            ),
        )
    })
}

// --------------------------------------------------------------------------------------- 413

pub fn content_too_large(f: &Facts<'_>) -> Vec<Check> {
    [size(f), generator_413(f), encoding_overhead(f)]
        .into_iter()
        .flatten()
        .collect()
}

/// The first size stated in a text ("1 MB", "10485760 bytes", "1m").
fn stated_limit(text: &str) -> Option<(u64, String)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .collect();
    for (i, w) in words.iter().enumerate() {
        let joined = match words.get(i + 1) {
            Some(unit) if unit.chars().all(char::is_alphabetic) => format!("{w}{unit}"),
            _ => (*w).to_owned(),
        };
        if w.chars().next().is_some_and(|c| c.is_ascii_digit())
            && joined.chars().any(char::is_alphabetic)
            && let Ok(n) = crate::format::parse_size(&joined.replace("bytes", "B"))
        {
            return Some((n, joined));
        }
    }
    None
}

fn size(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let body = sent.body.len() as u64;
    let nginx = f
        .generator
        .as_ref()
        .and_then(|g| g.who.as_deref())
        .is_some_and(|w| w.eq_ignore_ascii_case("nginx"));
    if let Some((limit, shown)) = stated_limit(&f.body_text) {
        return Some(if body >= limit {
            Check::fail(
                content_too_large::SIZE,
                format!(
                    "Body is {}; server states a {shown} limit",
                    quote::size(sent.body.len())
                ),
            )
        } else {
            Check::unknown(
                content_too_large::SIZE,
                format!(
                    "Body is {}; the server's text mentions {shown}",
                    quote::size(sent.body.len())
                ),
            )
        });
    }
    Some(if nginx {
        Check::fail(
            content_too_large::SIZE,
            format!(
                "Body is {}; nginx produced this page and its default limit is 1 MiB (client_max_body_size)",
                quote::size(sent.body.len())
            ),
        )
    } else {
        Check::unknown(
            content_too_large::SIZE,
            format!(
                "Body is {}; the server does not say its limit",
                quote::size(sent.body.len())
            ),
        )
    })
}

fn generator_413(f: &Facts<'_>) -> Option<Check> {
    let g = f
        .generator
        .as_ref()
        .filter(|g| g.kind == GeneratorKind::Intermediary)?;
    Some(Check::fail(
        content_too_large::GENERATOR,
        format!(
            "Limit enforced by {} ({}), not the API",
            g.who.as_deref().unwrap_or("an intermediary"),
            quote::list(&g.signals)
        ),
    ))
}

fn encoding_overhead(f: &Facts<'_>) -> Option<Check> {
    let json = f.sent_json.as_ref()?;
    let total = f.sent?.body.len();
    let b64 = base64_bytes(json);
    (total > 0 && b64 * 2 > total).then(|| {
        Check::possible(
            content_too_large::ENCODING_OVERHEAD,
            format!(
                "{}% of the body is base64 (+33% overhead); use a multipart or binary upload endpoint",
                b64 * 100 / total
            ),
        )
    })
}

fn base64_bytes(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::String(s)
            if s.len() > 256
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+/=-_".contains(&b)) =>
        {
            s.len()
        }
        serde_json::Value::Array(items) => items.iter().map(base64_bytes).sum(),
        serde_json::Value::Object(map) => map.values().map(base64_bytes).sum(),
        _ => 0,
    }
}

// --------------------------------------------------------------------------------------- 414

pub fn uri_too_long(f: &Facts<'_>) -> Vec<Check> {
    [
        url_total(f),
        data_in_query(f),
        duplicate_params(f),
        redirect_growth(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn url_total(f: &Facts<'_>) -> Option<Check> {
    let url = &f.sent?.url;
    let query = url.split_once('?').map_or(0, |(_, q)| q.len());
    let n = url.len();
    let behind_proxy = f
        .generator
        .as_ref()
        .is_some_and(|g| g.kind != GeneratorKind::Application);
    Some(if n > 8000 || (n > 2048 && behind_proxy) {
        Check::fail(
            uri_too_long::TOTAL,
            format!("URL is {n} bytes (query {query}); many servers cap the request line at ~8 KiB"),
        )
    } else {
        Check::unknown(
            uri_too_long::TOTAL,
            format!("URL is {n} bytes (query {query}); this server's limit is lower than most"),
        )
    })
}

fn data_in_query(f: &Facts<'_>) -> Option<Check> {
    let (name, value) = f
        .sent_query
        .iter()
        .max_by_key(|(_, v)| v.len())
        .filter(|(_, v)| v.len() > 2048)?;
    let kind = if value.trim_start().starts_with(['{', '[']) {
        "JSON"
    } else {
        "data"
    };
    Some(Check::fail(
        uri_too_long::DATA_IN_QUERY,
        format!(
            "Param \"{name}\" carries {} of {kind}; send it in a POST body instead",
            quote::size(value.len())
        ),
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
    let (name, k) = counts
        .into_iter()
        .max_by_key(|(_, c)| *c)
        .filter(|(_, c)| *c >= 20)?;
    Some(Check::possible(
        uri_too_long::DUPLICATE_PARAMS,
        format!("Param \"{name}\" repeated {k} times"),
    ))
}

fn redirect_growth(f: &Facts<'_>) -> Option<Check> {
    let lengths: Vec<usize> = f
        .hops
        .iter()
        .map(|h| h.request.url.len())
        .chain(f.sent.map(|s| s.url.len()))
        .collect();
    (lengths.len() >= 3 && lengths.windows(2).all(|w| w[1] > w[0])).then(|| {
        Check::fail(
            uri_too_long::REDIRECT_GROWTH,
            format!(
                "URL grew {} → {} bytes over {} redirects (nested ?next=…)",
                lengths[0],
                lengths[lengths.len() - 1],
                lengths.len() - 1
            ),
        )
    })
}

// --------------------------------------------------------------------------------------- 431

pub fn headers_too_large(f: &Facts<'_>) -> Vec<Check> {
    [
        headers_total(f),
        cookie_bloat(f),
        token_size(f),
        header_repeats(f),
        named_header(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn headers_total(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let mut sizes: Vec<(String, usize)> = sent
        .headers
        .iter()
        .map(|(n, v)| (n.clone(), n.len() + v.len() + 4))
        .collect();
    sizes.sort_by_key(|(_, s)| std::cmp::Reverse(*s));
    let total: usize = sizes.iter().map(|(_, s)| s).sum();
    let top: Vec<String> = sizes
        .iter()
        .take(3)
        .map(|(n, s)| format!("{n} ({})", quote::size(*s)))
        .collect();
    let text = format!(
        "Request headers total {}; largest: {}",
        quote::size(total),
        top.join(", ")
    );
    Some(if total > 8192 {
        Check::fail(headers_too_large::TOTAL, text)
    } else if total < 4096 {
        Check::pass(headers_too_large::TOTAL, text)
    } else {
        Check::unknown(headers_too_large::TOTAL, text)
    })
}

fn cookie_bloat(f: &Facts<'_>) -> Option<Check> {
    let cookie = f.sent_header("cookie")?;
    let count = cookie.split(';').filter(|c| !c.trim().is_empty()).count();
    (cookie.len() > 4096 || count > 30).then(|| {
        Check::fail(
            headers_too_large::COOKIE_BLOAT,
            format!(
                "Cookie header is {} with {count} cookies",
                quote::size(cookie.len())
            ),
        )
    })
}

fn token_size(f: &Facts<'_>) -> Option<Check> {
    let auth = f.sent_header("authorization")?;
    (auth.len() > 4096).then(|| {
        Check::fail(
            headers_too_large::TOKEN_SIZE,
            format!(
                "Authorization is {} — a JWT with many claims or groups?",
                quote::size(auth.len())
            ),
        )
    })
}

fn header_repeats(f: &Facts<'_>) -> Option<Check> {
    let repeated: Vec<String> = headers::repeated(f.sent?)
        .into_iter()
        .map(|(name, values)| format!("{name} appears {} times", values.len()))
        .collect();
    (!repeated.is_empty()).then(|| {
        Check::fail(
            headers_too_large::DUPLICATES,
            format!("Header {}", repeated.join("; header ")),
        )
    })
}

/// Header names are case-insensitive and the engine sends them in lower case, while error
/// pages capitalise them; a name counts only as a whole word ("host" is not in "localhost").
fn names_header(lower_text: &str, name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let part_of_name = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    lower_text.match_indices(&name).any(|(at, _)| {
        !part_of_name(lower_text[..at].chars().next_back())
            && !part_of_name(lower_text[at + name.len()..].chars().next())
    })
}

fn named_header(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let (name, _) = sent
        .headers
        .iter()
        .find(|(n, _)| n.len() > 3 && names_header(f.body_lower.as_str(), n))?;
    Some(Check::unknown(
        headers_too_large::NAMED,
        format!("Server names {name} as too large"),
    ))
}
