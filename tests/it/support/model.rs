//! Building pieces of the collection model the way the loader would: a template from its
//! text, name/value rows of templates.

use apibench::template::Template;

/// The template `text` parses to (the text must be a valid template).
pub fn t(text: &str) -> Template {
    Template::parse(text).unwrap_or_else(|e| panic!("`{text}` is not a template: {e}"))
}

/// Name/value rows, each value a template.
pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, Template)> {
    items.iter().map(|(k, v)| ((*k).to_owned(), t(v))).collect()
}
