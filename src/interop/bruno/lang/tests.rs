//! The block reader on Bru Lang as Bruno writes it (quoted keys, `'''` values, annotations,
//! lists, CRLF, text blocks holding braces) and on what is not Bru Lang: an error with its
//! line, and no input that panics.

use proptest::prelude::*;

use super::*;

#[test]
fn the_block_reader_takes_quoted_keys_long_values_annotations_lists_and_crlf() {
    let text = "meta {\r\n  name: A: b\r\n  tags: [\r\n    smoke\r\n    regression\r\n  ]\r\n}\r\n\r\n\
headers {\n  @description('the tenant')\n  \"X Tenant: id\": 7\n  ~\"Quoted \\\"one\\\"\": x\n  \
long: '''\n    first\n      second\n  '''\n  @description('''\n    several\n    lines\n  ''')\n  \
@local: yes\n}\nvars:secret [ a, ~b ]\n";
    let blocks = parse(text).unwrap();
    let Content::Pairs(meta) = &blocks[0].content else {
        panic!()
    };
    assert_eq!(
        (meta[0].value.as_str(), meta[1].value.as_str()),
        ("A: b", "smoke, regression")
    );
    let Content::Pairs(headers) = &blocks[1].content else {
        panic!()
    };
    let rows: Vec<(&str, &str, bool)> = headers
        .iter()
        .map(|p| (p.key.as_str(), p.value.as_str(), p.enabled))
        .collect();
    assert_eq!(
        rows,
        [
            ("X Tenant: id", "7", true),
            ("Quoted \"one\"", "x", false),
            ("long", "first\n  second", true),
            ("@local", "yes", true),
        ]
    );
    assert_eq!(blocks[1].line, 9);
    let Content::List(secrets) = &blocks[2].content else {
        panic!()
    };
    assert_eq!((secrets[0].key.as_str(), secrets[1].enabled), ("a", false));
}

#[test]
fn a_text_block_ends_only_at_a_brace_at_the_start_of_a_line() {
    let blocks = parse("body:json {\n  {\n    \"a\": {}\n  }\n}\n").unwrap();
    assert_eq!(blocks[0].content, Content::Text("{\n  \"a\": {}\n}".to_owned()));
}

#[test]
fn what_is_not_bru_lang_is_said_with_its_line() {
    let error = |text: &str| parse(text).unwrap_err();
    assert_eq!(
        error("meta {\n  name: x\n}\nstray text\n"),
        SyntaxError {
            line: 4,
            message: "expected a block such as `headers {`, found a line starting `stray`".to_owned()
        }
    );
    assert_eq!(
        error("meta {\n  name: x\n\nget {\n").message,
        "expected `name: value`, or the `}` that closes the `meta` block of line 1, found a line starting `get`"
    );
    assert_eq!(error("meta {\n  name: x\n").line, 1, "the block left open");
    assert_eq!(error("docs {\n  never closed\n  }\n").line, 1);
    assert_eq!(error("vars {\n  key: '''\n    never closed\n}\n").line, 2);
    assert_eq!(error("vars:secret [\n  a,\n").line, 1);
}

#[test]
fn a_line_that_is_not_read_is_quoted_by_its_first_word_never_its_value() {
    let secret = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    for text in [
        format!("Authorization Bearer {secret}\n"),
        format!("headers {{\n  Authorization Bearer {secret}\n}}\n"),
        format!("headers {{\n  {secret}\n}}\n"),
        format!("{secret}\n"),
    ] {
        let message = parse(&text).unwrap_err().message;
        assert!(!message.contains("Bearer"), "{message}");
        assert!(!message.contains(&secret[..12]), "{message}");
    }
    assert!(
        parse(&format!("headers {{\n  Authorization Bearer {secret}\n}}\n"))
            .unwrap_err()
            .message
            .ends_with("found a line starting `Authorization`")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn no_input_makes_the_block_reader_panic(text in "([a-z:~@\"'{}\\[\\] \n]|'''|body:json|meta|\\{\n|\n\\}){0,60}") {
        let _ = parse(&text);
        let _ = parse(&format!("meta {{\n{text}\n}}\n"));
    }

    #[test]
    fn no_text_at_all_makes_the_block_reader_panic(text in "(?s).{0,300}") {
        let _ = parse(&text);
    }
}
