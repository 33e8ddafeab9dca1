//! Carrying out an edit: splices on the text as written, then the proof that the new text
//! loads to exactly the old model with the edit applied, and touches nothing outside it.

use std::path::Path;

use super::change::Edit;
use super::error::{EditError, Missing};
use super::locate::request_location;
use super::tree::Tree;
use super::{by_kind, expected};
use crate::collection::source_map::YamlPath;
use crate::collection::{Collection, parse_collection};

/// Applies `edit` to `text` (the file `source` as written), returning the new text and the
/// collection it loads to. The text is unchanged if the edit is refused.
pub fn apply(text: &str, source: &Path, edit: &Edit) -> Result<(String, Collection), EditError> {
    // A file written with CRLF throughout is edited as LF and written back as CRLF, so the
    // lines an edit adds match the others. A file mixing both is edited as it is.
    if text.contains("\r\n") && !text.replace("\r\n", "").contains('\n') {
        // Byte offsets into the text (switched-off rows) move back by one per line before.
        let to_lf = |at: usize| at - text[..at.min(text.len())].matches("\r\n").count();
        let edit = match edit {
            Edit::EnableRow { line_start, .. } | Edit::DropDisabledRow { line_start, .. } => {
                let mut moved = edit.clone();
                if let Edit::EnableRow { line_start: l, .. } | Edit::DropDisabledRow { line_start: l, .. } =
                    &mut moved
                {
                    *l = to_lf(*line_start);
                }
                moved
            }
            other => other.clone(),
        };
        let (edited, collection) = apply_lf(&text.replace("\r\n", "\n"), source, &edit)?;
        return Ok((edited.replace('\n', "\r\n"), collection));
    }
    apply_lf(text, source, edit)
}

fn apply_lf(text: &str, source: &Path, edit: &Edit) -> Result<(String, Collection), EditError> {
    let before = parse_collection(text, source)
        .map_err(|errors| EditError::FileHasProblems(Box::new(errors[0].clone())))?;
    let expected = expected::after_edit(&before, edit)?;
    // Setting what is already there (`page: 1` to "1", `timeout: 30` to 30s) is no edit: the
    // text keeps its own spelling. Deleting a comment line changes no model, but is one.
    if expected == before && !matches!(edit, Edit::DropDisabledRow { .. }) {
        return Ok((text.to_owned(), before));
    }
    let new_text = by_kind::splices(text, &before, edit)?;
    let after = parse_collection(&new_text, source)
        .map_err(|errors| EditError::WouldBreakFile(errors[0].problem.clone()))?;
    let outside = || EditError::WouldChangeElsewhere;
    if after != expected {
        return Err(outside());
    }
    // The model cannot see comments, `x-` keys or switched-off rows, so check the bytes too:
    // an edit to one request changes nothing outside that request's lines.
    if let Some(request) = edit.request_changed() {
        let allowed = item_lines(text, &request_location(&before, request)?)?;
        let changed = changed_window(text, &new_text);
        if changed.start < allowed.start || changed.end > allowed.end {
            return Err(outside());
        }
    }
    Ok((new_text, after))
}

/// The byte range of an item's lines, with the comment and blank lines right after it (a
/// switched-off row at the end of a request is a comment the YAML node does not cover).
fn item_lines(text: &str, item: &YamlPath) -> Result<std::ops::Range<usize>, EditError> {
    let tree = Tree::parse(text)?;
    let node = tree
        .node(item)
        .ok_or_else(|| EditError::from(Missing::Node(item.clone())))?;
    let start = tree.line_start(node.range.start);
    let end = tree.end_with_trailing_comments(&node.range);
    Ok(start..end)
}

/// The whole lines of `old` that differ from `new`, after the lines they share at the
/// beginning and the end (by lines, so an insertion is placed at a line boundary).
fn changed_window(old: &str, new: &str) -> std::ops::Range<usize> {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let start: usize = a[..head].iter().map(|l| l.len()).sum();
    let end: usize = old.len() - a[a.len() - tail..].iter().map(|l| l.len()).sum::<usize>();
    start..end
}

#[cfg(test)]
mod tests {
    use super::changed_window;

    #[test]
    fn the_changed_window_is_whole_lines() {
        // An insertion sits at a line boundary even when the new line starts like the next.
        assert_eq!(changed_window("a\n  b\n", "a\n  x\n  b\n"), 2..2);
        assert_eq!(changed_window("a\nb\nc\n", "a\nB\nc\n"), 2..4);
        assert_eq!(changed_window("a\nb", "a\nb\nc"), 2..3);
        assert_eq!(changed_window("same\n", "same\n"), 5..5);
    }
}
