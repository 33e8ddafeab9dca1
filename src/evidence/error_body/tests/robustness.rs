//! Empty, binary, huge, deep and pseudo-random bodies: bounded, and never a panic.

use super::*;

#[test]
fn empty_and_whitespace_bodies_are_empty() {
    for body in [&b""[..], b"  \r\n\t", b"\xEF\xBB\xBF"] {
        let s = parse_error_body(Some("application/json"), body);
        assert_eq!(
            s,
            ErrorSummary {
                format: Some(BodyFormat::Empty),
                ..ErrorSummary::default()
            }
        );
    }
}

#[test]
fn garbage_bytes_read_as_nothing() {
    let s = parse_error_body(
        Some("application/octet-stream"),
        &[0x89, b'P', b'N', b'G', 0, 0x1a, 0xff, 0xfe, 0x03],
    );
    assert_eq!(s, ErrorSummary::default());
    let s = parse_error_body(None, &[0xff, 0xfe, 0xfd, 0xc3, 0x28, 0xa0, 0xa1, 0x01, 0x02]);
    assert_eq!(s.format, None);
}

#[test]
fn headline_is_one_line_and_capped_at_300_characters() {
    let long = "é".repeat(400);
    let s = json(&format!(r#"{{"message":"first\nsecond\t {long}"}}"#));
    let headline = s.headline.unwrap_or_default();
    assert_eq!(headline.chars().count(), 300);
    assert!(headline.starts_with("first second éé"));
    assert!(headline.ends_with('…'));
    assert!(!headline.contains('\n'));
}

#[test]
fn bodies_over_one_mebibyte_are_not_parsed_as_json() {
    let mut body = String::from(r#"{"message":"big","pad":""#);
    body.push_str(&"x".repeat(JSON_LIMIT));
    body.push_str("\"}");
    let s = json(&body);
    assert_eq!(s.format, Some(BodyFormat::PlainText));
    assert!(s.headline.unwrap_or_default().starts_with("{\"message\":\"big\""));
}

#[test]
fn deeply_nested_json_does_not_overflow() {
    let body = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    assert_eq!(json(&body).format, Some(BodyFormat::PlainText));
    let nested = format!("{}[\"x\"]{}", "{\"a\":".repeat(100), "}".repeat(100));
    assert_eq!(
        json(&nested).format,
        Some(BodyFormat::GenericJson),
        "too deep for DRF sniffing"
    );
    let deep_errors = format!(r#"{{"title":"t","errors":{{"f":{nested}}}}}"#);
    let s = parse("application/problem+json", &deep_errors);
    assert!(s.issues.is_empty(), "deeper than the walk limit: {:?}", s.issues);
    let shallow = format!(
        r#"{{"title":"t","errors":{{"f":{}["x"]{}}}}}"#,
        "{\"a\":".repeat(3),
        "}".repeat(3)
    );
    let s = parse("application/problem+json", &shallow);
    assert_eq!(s.issues.len(), 1);
    assert_eq!(s.issues[0].raw_path, "f.a.a.a");
}

#[test]
fn pseudo_random_bytes_never_panic() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet: &[u8] = b"{}[]\":,<>/!-abcdefXYZ0123456789 \n\t\\.#$&;errorsdetailmessage";
    let pick = |r: u64, len: usize| usize::try_from(r % u64::try_from(len).unwrap_or(1)).unwrap_or(0);
    let content_types = [
        None,
        Some("application/json"),
        Some("application/problem+json"),
        Some("text/html"),
        Some("application/xml"),
    ];
    for round in 0..400_usize {
        let len = pick(next(), 300);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = next();
                if round % 2 == 0 {
                    alphabet[pick(r, alphabet.len())]
                } else {
                    r.to_le_bytes()[0]
                }
            })
            .collect();
        let content_type = content_types[round % content_types.len()];
        let s = parse_error_body(content_type, &bytes);
        assert!(
            s.headline
                .as_ref()
                .is_none_or(|h| h.chars().count() <= TEXT_MAX && !h.contains('\n'))
        );
    }
}

#[test]
fn structured_json_fragments_around_known_shapes_never_panic() {
    let bodies = [
        r#"{"error":{"code":400,"status":"X","details":[1,{"@type":5},{"@type":"x.BadRequest","fieldViolations":[3,{"field":7}]}]}}"#,
        r#"{"error":{"code":"A","innererror":{"innererror":{"innererror":{}}},"details":[{"details":[{"target":1}]}]}}"#,
        r#"{"errors":[{"source":{"pointer":5}},{"source":null,"status":"1"}]}"#,
        r#"{"detail":[{"loc":"body","msg":1},{"loc":[],"msg":"x"}]}"#,
        r#"{"error":{"type":"card_error","param":null}}"#,
        r#"{"message":"m","documentation_url":3,"errors":[null,1,["x"],{"field":null}]}"#,
        r#"{"error":{"code":400,"errors":[{"location":3},{}]}}"#,
        r#"{"error":{"status":"S","code":1,"details":[{"@type":"x.RetryInfo","retryDelay":"1e400s"}]}}"#,
    ];
    for body in bodies {
        let _ = json(body);
    }
}
