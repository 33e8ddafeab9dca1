//! The request's content: 400 (syntax and framing of what was sent), 415 (its media type)
//! and 422 (the values the server rejected, field by field).

use super::named_fields::field_issues;
use super::{content_type, json_body, unresolved};
use crate::diagnosis::Check;
use crate::diagnosis::catalogue::{bad_request, unprocessable, unsupported_media_type};
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::diagnosis::sent::body::{body_contradiction, sniff};
use crate::diagnosis::sent::headers;
use crate::diagnosis::sent::urls::{query_problem, written_url};
use crate::evidence::crossref::{Presence, allowed_values, expected_type, locate};
use crate::evidence::field_path::display;
use crate::evidence::negotiation::{
    coding_accepted, essence, is_utf8, media_matches, media_param, parse_media_list,
};
use crate::media_type::is_json_type;

// --------------------------------------------------------------------------------------- 400

pub fn bad_request(f: &Facts<'_>) -> Vec<Check> {
    [
        json_body::parses(f, bad_request::BODY_PARSES),
        body_content_type(f),
        unresolved::none_left(f, bad_request::PLACEHOLDERS),
        named_fields(f),
        query_encoding(f),
        tls_port(f),
        header_size(f),
        bearer_invalid_request(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Sent without Content-Type, or with one that does not fit the body.
fn body_content_type(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    if sent.body.is_empty() {
        return None;
    }
    if sent.header("content-type").is_none() {
        return Some(
            Check::fail(
                bad_request::CONTENT_TYPE,
                format!(
                    "Body ({}, looks like {}) sent without Content-Type; servers may treat it as application/octet-stream",
                    quote::size(sent.body.len()),
                    sniff(&sent.body)
                ),
            )
            .cite("RFC 9110 §8.3"),
        );
    }
    content_type::fits_body(f, bad_request::CONTENT_TYPE)
}

fn named_fields(f: &Facts<'_>) -> Option<Check> {
    let (problem, lines) = field_issues(f)?;
    let text = lines.join(" ");
    Some(if problem {
        Check::fail(bad_request::NAMED_FIELDS, text)
    } else {
        // Present but still rejected: the value is the problem, which the server explains.
        Check::fail(bad_request::NAMED_FIELDS, text)
            .labelled("The server accepts the values of the fields it names")
    })
}

fn query_encoding(f: &Facts<'_>) -> Option<Check> {
    let raw = written_url(f.written)?;
    if !raw.contains('?') {
        return None;
    }
    Some(match query_problem(raw) {
        Some(problem) => Check::fail(bad_request::QUERY_ENCODING, problem),
        None => Check::pass(
            bad_request::QUERY_ENCODING,
            "No raw spaces, '+', stray '%' or double encoding in the query",
        ),
    })
}

fn tls_port(f: &Facts<'_>) -> Option<Check> {
    let url = f.url.as_ref()?;
    let said = f.body_lower.contains("plain http request was sent to https port");
    let port = url.port_or_known_default().unwrap_or(80);
    (said || (url.scheme() == "http" && port == 443)).then(|| {
        Check::fail(
            bad_request::TLS_PORT,
            format!(
                "Sent plain HTTP to {}:{port}, which expects TLS — use https://",
                f.host()
            ),
        )
    })
}

fn header_size(f: &Facts<'_>) -> Option<Check> {
    let (total, name, largest) = headers::sizes(f.sent?)?;
    let said = f.body_text.contains("Request Header Or Cookie Too Large");
    Some(if said || largest > 8192 {
        Check::fail(
            bad_request::HEADER_SIZE,
            format!(
                "Largest header {name} is {}; nginx rejects any single header line above 8 KiB with 400",
                quote::size(largest)
            ),
        )
    } else if largest < 4096 {
        Check::pass(
            bad_request::HEADER_SIZE,
            format!(
                "Headers total {}; the largest ({name}) is {}",
                quote::size(total),
                quote::size(largest)
            ),
        )
    } else {
        return None;
    })
}

fn bearer_invalid_request(f: &Facts<'_>) -> Option<Check> {
    let c = f
        .challenges
        .iter()
        .find(|c| c.param("error") == Some("invalid_request"))?;
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
    let twice = if places.len() > 1 {
        " — the token went by more than one method, which RFC 6750 forbids"
    } else {
        ""
    };
    let desc = c
        .param("error_description")
        .map_or(String::new(), |d| format!(", \"{d}\""));
    Some(
        Check::fail(
            bad_request::BEARER_INVALID_REQUEST,
            format!(
                "Server (Bearer): error=\"invalid_request\"{desc}; token was sent via {}{twice}",
                quote::list(&places)
            ),
        )
        .cite("RFC 6750 §3.1"),
    )
}

// --------------------------------------------------------------------------------------- 415

pub fn unsupported_media_type(f: &Facts<'_>) -> Vec<Check> {
    [
        ct_present(f),
        ct_advertised(f),
        ct_vs_body(f),
        patch_format(f),
        multipart_boundary(f),
        media_params(f),
        content_encoding(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn ct_present(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    if sent.body.is_empty() {
        return None;
    }
    Some(match sent.header("content-type") {
        None => Check::fail(
            unsupported_media_type::CT_PRESENT,
            format!(
                "Body ({}) sent without Content-Type",
                quote::size(sent.body.len())
            ),
        ),
        Some(ct) => Check::pass(
            unsupported_media_type::CT_PRESENT,
            format!("Content-Type: {}", quote::text(ct)),
        ),
    })
}

/// The body contradicts its declared type. The rest of what `R.ct-mismatch` asks has its own
/// 415 check: a missing boundary is `415.multipart-boundary`, a charset `415.params`.
fn ct_vs_body(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent?;
    let declared = sent.header("content-type")?;
    if sent.body.is_empty() {
        return None;
    }
    let text = body_contradiction(declared, sniff(&sent.body))?;
    Some(Check::fail(unsupported_media_type::CT_VS_BODY, text))
}

fn ct_advertised(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("content-type");
    let advertised: Vec<(&str, &str)> = ["accept-post", "accept-patch", "accept"]
        .into_iter()
        .filter_map(|h| f.header(h).map(|v| (h, v)))
        .collect();
    if advertised.is_empty() {
        return Some(Check::unknown(
            unsupported_media_type::CT_ADVERTISED,
            format!(
                "You sent {}; the server lists no accepted types (no Accept, Accept-Post or Accept-Patch)",
                sent.unwrap_or("no Content-Type")
            ),
        ));
    }
    let list: Vec<String> = advertised.iter().map(|(h, v)| quote::header(h, v)).collect();
    let Some(sent) = sent else {
        return Some(Check::fail(
            unsupported_media_type::CT_ADVERTISED,
            format!("Server accepts {}; you sent no Content-Type", quote::list(&list)),
        ));
    };
    let ok = advertised
        .iter()
        .flat_map(|(_, v)| parse_media_list(v))
        .any(|r| r.q > 0.0 && media_matches(&r, sent));
    Some(if ok {
        Check::pass(
            unsupported_media_type::CT_ADVERTISED,
            format!("Server accepts {}, which covers {sent}", quote::list(&list)),
        )
    } else {
        Check::fail(
            unsupported_media_type::CT_ADVERTISED,
            format!("Server accepts {}; you sent {sent}", quote::list(&list)),
        )
        .cite("RFC 9110 §15.5.16")
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
            unsupported_media_type::PATCH_FORMAT,
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
    let boundary = media_param(ct, "boundary").filter(|b| !b.is_empty());
    Some(match boundary.as_deref() {
        None => Check::fail(
            unsupported_media_type::MULTIPART_BOUNDARY,
            format!(
                "Content-Type {} has no boundary parameter (header set by hand?)",
                essence(ct)
            ),
        ),
        Some(b)
            if !sent
                .body
                .windows(b.len() + 2)
                .any(|w| w.starts_with(b"--") && &w[2..] == b.as_bytes()) =>
        {
            Check::fail(
                unsupported_media_type::MULTIPART_BOUNDARY,
                format!("boundary={b} never appears in the body"),
            )
        }
        Some(b) => Check::pass(
            unsupported_media_type::MULTIPART_BOUNDARY,
            format!("boundary={b} frames the body"),
        ),
    })
}

fn media_params(f: &Facts<'_>) -> Option<Check> {
    let ct = f.sent_header("content-type")?;
    if essence(ct) == "application/vnd.api+json" && ct.contains(';') {
        return Some(Check::possible(
            unsupported_media_type::PARAMS,
            format!("Content-Type {ct} has parameters; JSON:API servers reject media-type parameters"),
        ));
    }
    let charset = media_param(ct, "charset")?;
    (is_json_type(ct) && !is_utf8(&charset)).then(|| {
        Check::possible(
            unsupported_media_type::PARAMS,
            format!("Content-Type {ct} declares a charset other than UTF-8 for JSON"),
        )
    })
}

/// Every coding of the sent `Content-Encoding` (a list, applied in order) must be one the
/// response's `Accept-Encoding` admits; no `Accept-Encoding` admits only identity.
fn content_encoding(f: &Facts<'_>) -> Option<Check> {
    let sent = f.sent_header("content-encoding")?;
    let advertised = f.header("accept-encoding");
    let ok = sent
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .all(|c| coding_accepted(advertised.unwrap_or_default(), c));
    let accepted = advertised.unwrap_or("identity only");
    (!ok).then(|| {
        Check::fail(
            unsupported_media_type::CONTENT_ENCODING,
            format!("You sent Content-Encoding: {sent}; server accepts {accepted}"),
        )
    })
}

// --------------------------------------------------------------------------------------- 422

pub fn unprocessable(f: &Facts<'_>) -> Vec<Check> {
    let Some(_) = field_issues(f) else {
        return [Some(Check::unknown(
            unprocessable::FIELDS,
            match &f.error_body.headline {
                Some(h) => format!("Server says \"{}\" but names no fields", quote::text(h)),
                None => "The error body names no fields".to_owned(),
            },
        ))]
        .into_iter()
        .flatten()
        .collect();
    };
    // The body was not read at all explains every field it names: that comes first.
    [
        all_missing(f),
        fields(f),
        types(f),
        enums(f),
        wrapper(f),
        naming_style(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn fields(f: &Facts<'_>) -> Option<Check> {
    let (_, lines) = field_issues(f)?;
    Some(Check::fail(unprocessable::FIELDS, lines.join(" ")).cite("RFC 9110 §15.5.21"))
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
        let Presence::Present { value, json_type } = presence else {
            return None;
        };
        (wanted != json_type).then(|| {
            Check::fail(
                unprocessable::TYPE,
                format!(
                    "\"{path}\" {message} — you sent {} (a {json_type})",
                    quote::text(&value.to_string())
                ),
            )
        })
    })
}

fn enums(f: &Facts<'_>) -> Option<Check> {
    located(f).into_iter().find_map(|(path, message, presence)| {
        let message = message?;
        let allowed = allowed_values(&message);
        let Presence::Present { value, .. } = presence else {
            return None;
        };
        let sent = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
        if allowed.is_empty() || allowed.contains(&sent) {
            return None;
        }
        let near = crate::suggest::closest(&sent, allowed.iter().map(String::as_str));
        let hint = near.first().map_or(String::new(), |n| format!(" (closest: {n})"));
        Some(Check::fail(
            unprocessable::ENUM,
            format!(
                "\"{path}\" must be one of {} — you sent \"{sent}\"{hint}",
                allowed.join(", ")
            ),
        ))
    })
}

fn wrapper(f: &Facts<'_>) -> Option<Check> {
    located(f).into_iter().find_map(|(path, _, presence)| match presence {
        Presence::ElsewhereInBody { actual } => Some(Check::fail(unprocessable::WRAPPER, format!("Server points at {path}; your body has it at {actual} — the API expects a different wrapper"))),
        _ => None,
    })
}

fn naming_style(f: &Facts<'_>) -> Option<Check> {
    located(f)
        .into_iter()
        .find_map(|(path, _, presence)| match presence {
            Presence::Missing {
                near: Some((near, why)),
            } if why.contains("case") => Some(Check::fail(
                unprocessable::NAMING_STYLE,
                format!("Server expects \"{path}\"; request has \"{near}\" ({why})"),
            )),
            _ => None,
        })
}

fn all_missing(f: &Facts<'_>) -> Option<Check> {
    let located = located(f);
    let has_keys = f
        .sent_json
        .as_ref()
        .and_then(serde_json::Value::as_object)
        .is_some_and(|o| !o.is_empty())
        || !f.sent_form.is_empty();
    let all = located.len() >= 2
        && located.iter().all(|(_, m, _)| {
            m.as_deref().is_some_and(|m| {
                m.to_ascii_lowercase().contains("required") || m.to_ascii_lowercase().contains("missing")
            })
        });
    (all && has_keys).then(|| {
        Check::fail(
            unprocessable::ALL_MISSING,
            format!(
                "All {} fields reported missing although the body has them — the server likely ignored the body (Content-Type was {})",
                located.len(),
                f.sent_header("content-type").unwrap_or("not set")
            ),
        )
    })
}
