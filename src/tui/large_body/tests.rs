//! The large-body view against the in-memory one: the same lines, found from marks.

use std::io::Write as _;

use super::*;

fn spilled(bytes: &[u8]) -> SpilledBody {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(bytes).unwrap();
    SpilledBody::new(file.into_temp_path(), bytes.len() as u64)
}

fn all_lines(body: &LargeBody) -> Vec<String> {
    (0..body.line_count()).map(|i| body.line(i)).collect()
}

/// `serde_json`'s pretty form, as the in-memory view shows JSON.
fn pretty(value: &serde_json::Value) -> Vec<String> {
    serde_json::to_string_pretty(value)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// A document of several thousand lines: nested objects, arrays, empty containers.
fn big_document() -> serde_json::Value {
    let items: Vec<serde_json::Value> = (0..700)
        .map(|i| {
            serde_json::json!({
                "id": i,
                "name": format!("item {i}"),
                "tags": if i % 3 == 0 { serde_json::json!([]) } else { serde_json::json!(["a", "b"]) },
                "meta": { "ok": i % 2 == 0, "none": null, "empty": {} , "ratio": 0.5 },
            })
        })
        .collect();
    serde_json::json!({ "count": 700, "items": items, "end": "zzz" })
}

#[test]
fn compact_json_on_disk_reads_as_the_pretty_lines_the_in_memory_view_shows() {
    let value = big_document();
    let body = LargeBody::index(spilled(serde_json::to_string(&value).unwrap().as_bytes()), true).unwrap();
    assert_eq!(body.kind, LargeKind::Json);
    let expected = pretty(&value);
    assert!(expected.len() > 4 * EVERY, "spans many marks: {}", expected.len());
    assert_eq!(body.line_count(), expected.len());
    assert_eq!(all_lines(&body), expected);
    // Out of order, as a jump to the end and back does.
    for i in [expected.len() - 1, 0, 3 * EVERY - 1, 3 * EVERY, EVERY + 7] {
        assert_eq!(body.line(i), expected[i], "line {i}");
    }
}

#[test]
fn json_already_pretty_or_oddly_spaced_reads_the_same() {
    let value = big_document();
    let spaced = serde_json::to_string_pretty(&value)
        .unwrap()
        .replace(": ", " :  ")
        .replace('\n', "\r\n\t");
    let body = LargeBody::index(spilled(spaced.as_bytes()), true).unwrap();
    assert_eq!(all_lines(&body), pretty(&value));
}

#[test]
fn ndjson_is_each_value_pretty_printed_one_after_the_other() {
    let values: Vec<serde_json::Value> = (0..600)
        .map(|i| serde_json::json!({"n": i, "list": [i, "x"]}))
        .collect();
    let text: String = values.iter().map(|v| v.to_string() + "\n").collect();
    let body = LargeBody::index(spilled(text.as_bytes()), true).unwrap();
    let expected: Vec<String> = values.iter().flat_map(pretty).collect();
    assert_eq!(body.line_count(), expected.len());
    assert_eq!(all_lines(&body), expected);
}

#[test]
fn strings_keep_their_escapes_and_brackets_inside_them_are_text() {
    let text = r#"{"a":"x, [y] {z} \"q\" \\","b":[{}],"c":-1.5e3}"#;
    let body = LargeBody::index(spilled(text.as_bytes()), true).unwrap();
    assert_eq!(
        all_lines(&body),
        [
            "{",
            r#"  "a": "x, [y] {z} \"q\" \\","#,
            r#"  "b": ["#,
            "    {}",
            "  ],",
            r#"  "c": -1.5e3"#,
            "}"
        ]
    );
}

#[test]
fn json_that_does_not_parse_is_text_with_a_note() {
    for broken in [&b"{\"a\":1,}"[..], b"{\"a\":[1,2}", b"{\"a\":\"open", b"[1,2"] {
        let body = LargeBody::index(spilled(broken), true).unwrap();
        assert_eq!(body.kind, LargeKind::Text, "{}", String::from_utf8_lossy(broken));
        assert!(
            body.note.as_deref().unwrap().starts_with("not valid JSON"),
            "{:?}",
            body.note
        );
        assert_eq!(body.line(0), String::from_utf8_lossy(broken));
    }
}

#[test]
fn text_lines_are_found_across_marks_with_or_without_a_final_newline() {
    let lines: Vec<String> = (0..1000).map(|i| format!("line {i}")).collect();
    for ending in ["", "\n"] {
        let text = lines.join("\r\n") + ending;
        let body = LargeBody::index(spilled(text.as_bytes()), false).unwrap();
        assert_eq!(body.kind, LargeKind::Text);
        assert_eq!(body.line_count(), 1000, "ending {ending:?}");
        assert_eq!(all_lines(&body), lines);
    }
    let exactly = (0..EVERY).map(|i| i.to_string() + "\n").collect::<String>();
    let body = LargeBody::index(spilled(exactly.as_bytes()), false).unwrap();
    assert_eq!(body.line_count(), EVERY);
    assert_eq!(body.line(EVERY - 1), format!("{}", EVERY - 1));
}

#[test]
fn a_line_longer_than_the_screen_could_show_is_cut() {
    let long = "x".repeat(3 * LONGEST_LINE);
    let text = format!("short\n{long}\nafter\n");
    let body = LargeBody::index(spilled(text.as_bytes()), false).unwrap();
    assert_eq!(body.line_count(), 3);
    assert_eq!(body.line(1).chars().count(), LONGEST_LINE + 1);
    assert!(body.line(1).ends_with('…'));
    assert_eq!(body.line(2), "after");

    let json = format!("[\"{long}\",1]");
    let body = LargeBody::index(spilled(json.as_bytes()), true).unwrap();
    assert_eq!(body.kind, LargeKind::Json);
    assert!(body.line(1).ends_with('…'));
    assert_eq!(body.line(2), "  1");
}

#[test]
fn bytes_that_are_not_text_are_a_hex_dump() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(40).map(|b| b ^ 0x80).collect();
    let body = LargeBody::index(spilled(&bytes), false).unwrap();
    assert_eq!(body.kind, LargeKind::Binary);
    assert_eq!(body.line_count(), 3);
    assert_eq!(body.line(2), crate::tui::hex_dump::hex_line_of(&bytes[32..], 32));
}

#[test]
fn search_goes_through_the_whole_file_a_line_at_a_time() {
    let value = big_document();
    let body = LargeBody::index(spilled(serde_json::to_string(&value).unwrap().as_bytes()), true).unwrap();
    let expected = pretty(&value);
    let found = body.search("ITEM 69", 100, &mut |_| {});
    let wanted: Vec<(usize, usize)> = expected
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.to_lowercase().find("item 69").map(|c| (i, c)))
        .collect();
    assert_eq!(found, wanted);
    assert_eq!(body.search("zzz", 10, &mut |_| {}).len(), 1);
    assert_eq!(
        body.search("\"id\"", 5, &mut |_| {}).len(),
        5,
        "stops at the limit"
    );
}

#[test]
fn a_long_search_says_how_far_it_got_as_it_goes() {
    let text = "a\n".repeat(2 * PROGRESS_EVERY + 10) + "needle\n";
    let body = LargeBody::index(spilled(text.as_bytes()), false).unwrap();
    let mut heard = Vec::new();
    let found = body.search("NEEDLE", 10, &mut |lines| heard.push(lines));
    assert_eq!(found, vec![(2 * PROGRESS_EVERY + 10, 0)]);
    assert_eq!(heard, vec![PROGRESS_EVERY, 2 * PROGRESS_EVERY]);
}

/// Any JSON value: nested objects and arrays (empty ones too), strings with quotes,
/// backslashes, brackets and non-ASCII, numbers, booleans and null.
fn any_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        (-1e6f64..1e6).prop_map(|f| serde_json::json!(f)),
        "[a-z{}\\[\\],:\"\\\\ é\u{1F600}]{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::vec(("[a-z\"{}]{0,6}", inner), 0..6)
                .prop_map(|pairs| serde_json::Value::Object(pairs.into_iter().collect())),
        ]
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    #[test]
    fn any_json_or_ndjson_on_disk_reads_as_its_pretty_lines(values in proptest::collection::vec(any_json(), 1..4)) {
        let text: String = values.iter().map(|v| v.to_string() + "\n").collect();
        let body = LargeBody::index(spilled(text.as_bytes()), true).unwrap();
        let expected: Vec<String> = values.iter().flat_map(pretty).collect();
        proptest::prop_assert_eq!(body.kind, LargeKind::Json);
        proptest::prop_assert_eq!(body.line_count(), expected.len());
        proptest::prop_assert_eq!(all_lines(&body), expected);
    }
}
