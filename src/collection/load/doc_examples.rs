//! Keeps `docs/collection-format.md` honest: every `yaml` example in it loads, and every
//! `yaml broken` example fails to load — with exactly the messages the page shows under it,
//! when it shows them in a `text` block right after the example.

use std::path::Path;

use crate::collection::parse_collection;

const DOC: &str = include_str!("../../../docs/collection-format.md");

/// The page says broken examples are saved under this name; their messages start with it.
const BROKEN_FILE: &str = "broken.yaml";

/// One fenced code block of the page.
struct Block {
    /// The words after the opening fence: `yaml`, `yaml broken`, `text`.
    info: Vec<String>,
    text: String,
    /// 1-based lines of the opening and closing fences.
    open: usize,
    close: usize,
}

impl Block {
    fn is(&self, words: &[&str]) -> bool {
        self.info.iter().map(String::as_str).eq(words.iter().copied())
    }
}

/// The fenced blocks of `doc`, in order. Fences start a line with three backticks.
fn blocks(doc: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut current: Option<Block> = None;
    for (index, line) in doc.lines().enumerate() {
        let number = index + 1;
        let Some(info) = line.strip_prefix("```") else {
            if let Some(block) = current.as_mut() {
                block.text.push_str(line);
                block.text.push('\n');
            }
            continue;
        };
        match current.take() {
            Some(mut block) => {
                block.close = number;
                found.push(block);
            }
            None => {
                current = Some(Block {
                    info: info.split_whitespace().map(str::to_owned).collect(),
                    text: String::new(),
                    open: number,
                    close: 0,
                });
            }
        }
    }
    assert!(current.is_none(), "a code block is never closed");
    found
}

/// The `text` block that directly follows `blocks[index]` (blank lines only in between).
fn shown_after<'b>(doc: &str, blocks: &'b [Block], index: usize) -> Option<&'b Block> {
    let next = blocks.get(index + 1)?;
    let between = doc
        .lines()
        .skip(blocks[index].close)
        .take(next.open - blocks[index].close - 1);
    (next.is(&["text"]) && between.into_iter().all(|l| l.trim().is_empty())).then_some(next)
}

#[test]
fn the_page_has_examples_of_both_kinds() {
    let all = blocks(DOC);
    let loading = all.iter().filter(|b| b.is(&["yaml"])).count();
    let broken = all.iter().filter(|b| b.is(&["yaml", "broken"])).count();
    assert!(loading >= 10, "only {loading} `yaml` examples found");
    assert!(broken >= 5, "only {broken} `yaml broken` examples found");
    let unknown: Vec<String> = all
        .iter()
        .filter(|b| {
            b.info.first().is_some_and(|w| w == "yaml") && !(b.is(&["yaml"]) || b.is(&["yaml", "broken"]))
        })
        .map(|b| format!("line {}: {}", b.open, b.info.join(" ")))
        .collect();
    assert!(unknown.is_empty(), "unknown yaml tags: {unknown:?}");
}

#[test]
fn every_yaml_example_loads() {
    let failures: Vec<String> = blocks(DOC)
        .iter()
        .filter(|b| b.is(&["yaml"]))
        .filter_map(|b| {
            // Saved beside the page, so `body_schema: schemas/user.json` finds the schema.
            let beside_the_page = Path::new("docs").join("example.yaml");
            let errors = parse_collection(&b.text, &beside_the_page).err()?;
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            Some(format!(
                "the example at line {} does not load:\n  {}",
                b.open,
                messages.join("\n  ")
            ))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_broken_example_fails_with_the_messages_shown() {
    let all = blocks(DOC);
    let mut failures = Vec::new();
    let mut with_messages = 0;
    for (index, block) in all.iter().enumerate() {
        if !block.is(&["yaml", "broken"]) {
            continue;
        }
        let Err(errors) = parse_collection(&block.text, Path::new(BROKEN_FILE)) else {
            failures.push(format!("the broken example at line {} loads", block.open));
            continue;
        };
        let Some(shown) = shown_after(DOC, &all, index) else {
            continue;
        };
        with_messages += 1;
        // What `apibench check` prints: one line per problem, then the count.
        let mut actual: Vec<String> = errors.iter().map(ToString::to_string).collect();
        actual.push(format!(
            "{} found",
            crate::format::count(errors.len(), "problem", "problems")
        ));
        let expected: Vec<&str> = shown.text.lines().collect();
        if actual != expected {
            failures.push(format!(
                "the broken example at line {} gives:\n  {}\nbut the page shows (line {}):\n  {}",
                block.open,
                actual.join("\n  "),
                shown.open,
                expected.join("\n  ")
            ));
        }
    }
    assert!(with_messages > 0, "no broken example shows its messages");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fences_are_found_with_their_lines_and_text() {
    let doc = "intro\n```yaml broken\na: 1\n```\n\n```text\nx\n```\n";
    let all = blocks(doc);
    assert_eq!(all.len(), 2);
    assert!(all[0].is(&["yaml", "broken"]));
    assert_eq!(
        (all[0].open, all[0].close, all[0].text.as_str()),
        (2, 4, "a: 1\n")
    );
    assert_eq!(shown_after(doc, &all, 0).map(|b| b.text.as_str()), Some("x\n"));
    let apart = "```yaml broken\na: 1\n```\nprose\n```text\nx\n```\n";
    assert!(
        shown_after(apart, &blocks(apart), 0).is_none(),
        "prose in between"
    );
}
