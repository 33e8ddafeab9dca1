//! Reading one long list of requests in pieces, on every core.
//!
//! `yaml_serde` keeps every event of a document before it builds anything from them, so a file
//! of 50,000 requests in one list becomes one buffer of tens of megabytes, read on one core
//! and slower per request than a short file (a 50,000-request list took 14× the time of a
//! 5,000 one). A file whose top-level `requests:` is a long block list is read here instead as
//! its other keys plus pieces of a few hundred requests, each piece a small document of its
//! own (`requests:` and the piece's lines, exactly as they are in the file), the pieces shared
//! out to one thread per core, each piece read and converted into the model on its thread.
//!
//! Reading in pieces gives exactly what reading the whole file gives, or nothing — and then
//! the file is read whole, as always, so every error keeps its place and wording:
//! - The text before `requests:` must read on its own. Only a quoted text and a flow
//!   collection (`[`, `{`) can run on to the start of a line; left open there, that text does
//!   not read. So the `requests:` line is a key of the top-level mapping.
//! - A piece ends only before a line at the list's own indentation that starts `- `. Inside
//!   an item, block texts (`|`, `>`) and plain texts must be indented further, so such a line
//!   ends them; a quoted text or flow collection still open there makes the piece fail.
//! - Anchors and aliases (`&a`, `*a`) anywhere: read whole. Cut apart, an alias could find
//!   another anchor of the same name or none, and `yaml_serde`'s limits on following them
//!   count per document. Any `&` or `*` that could start one (at the start of a line or
//!   after a space, `[`, `{` or `,`, before a name) declines, a few texts that only look so
//!   included.
//! - Line breaks other than `\n` and `\r\n` (a lone `\r`, NEL, LS, PS), which the parser
//!   honours and the cut does not see: read whole. And a piece that holds any top-level key
//!   but `requests` fails.
//! - A tag handle declared in a directive above: the piece that uses it fails.
//! - A second `requests:` key: the rest of the file (read with `requests: []` in the list's
//!   place) fails as the whole file does, on the duplicate.
//! - Any problem at all (a bad template, an unknown key, a duplicate name across pieces,
//!   nesting the whole file's scan calls too deep): the file is read whole, so the problems
//!   come in the order and with the places reading whole gives them, and whether a file is
//!   accepted never depends on its size.

use std::num::NonZeroUsize;
use std::path::Path;

use super::super::model::{Collection, Item};
use super::super::raw::RawCollection;
use super::super::source_map::YamlPath;
use super::convert::Converter;
use super::nesting::too_deep;
use super::read::read_raw;

/// About how long a piece is: a few hundred requests, whose events stay in the cache.
pub(super) const PIECE_BYTES: usize = 64 * 1024;

/// Below this a list is read with the rest of the file: there is nothing to gain.
pub(super) const FEWEST_BYTES: usize = 4 * PIECE_BYTES;

/// The most threads a file is read on.
const MOST_THREADS: usize = 8;

/// Reads and converts `text` in pieces of about `piece_bytes` (cut only between items), when
/// its top-level `requests:` is a block list of at least `fewest_bytes`, every part reads and
/// nothing in it is a problem; `None` means read the file whole.
pub(super) fn load_in_pieces(
    text: &str,
    source: &Path,
    piece_bytes: usize,
    fewest_bytes: usize,
) -> Option<Collection> {
    let layout = Layout::of(text)?;
    if layout.list.len() < fewest_bytes || has_anchors_or_aliases(text) || has_other_line_breaks(text) {
        return None;
    }
    // Checked before anything parses it: the parser's recursion is what the bound protects.
    let before_reads = layout.before.trim().is_empty()
        || (too_deep(layout.before).is_none()
            && serde_yaml::from_str::<serde::de::IgnoredAny>(layout.before).is_ok());
    if !before_reads {
        return None;
    }
    let pieces = layout.pieces(piece_bytes.max(1));
    let threads = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .clamp(1, MOST_THREADS)
        .min(pieces.len());
    // Contiguous runs of pieces, one run a thread, so the results join in order.
    let per_thread = pieces.len().div_ceil(threads);
    let mut rest = String::with_capacity(layout.before.len() + layout.after.len() + 16);
    rest.push_str(layout.before);
    rest.push_str("requests: []\n");
    rest.push_str(layout.after);
    let indent = layout.indent;
    let (rest, runs) = std::thread::scope(|scope| {
        let handles: Vec<_> = pieces
            .chunks(per_thread)
            .map(|run| {
                std::thread::Builder::new()
                    .name("load".into())
                    .spawn_scoped(scope, move || load_run(run, indent, source))
            })
            .collect();
        // Meanwhile, the whole file's nesting scan: each piece is checked on its own for
        // the parser's sake, but whether a file is too deep is the whole file's answer.
        let rest = if too_deep(text).is_none() {
            load_rest(&rest, source)
        } else {
            None
        };
        // A thread that could not be started, or that failed: read whole.
        let runs: Vec<Option<Vec<Item>>> = handles
            .into_iter()
            .map(|handle| handle.ok().and_then(|h| h.join().ok()).flatten())
            .collect();
        (rest, runs)
    });
    let mut collection = rest?;
    if !collection.items.is_empty() {
        return None;
    }
    let mut runs = runs.into_iter();
    let mut items = runs.next()??;
    for run in runs {
        items.extend(run?);
    }
    if has_duplicate_names(&items) {
        return None;
    }
    collection.items = items;
    Some(collection)
}

/// The file without its list, converted; `None` on any problem.
fn load_rest(text: &str, source: &Path) -> Option<Collection> {
    if too_deep(text).is_some() {
        return None;
    }
    let (raw, ignored) = read_raw(text).ok()?;
    let mut converter = Converter::default();
    converter.unknown_keys(&ignored);
    let collection = converter.collection(raw, source);
    converter.problems.is_empty().then_some(collection)
}

/// Some consecutive pieces, checked, read and converted in order; `None` on any problem.
fn load_run(run: &[String], indent: usize, source: &Path) -> Option<Vec<Item>> {
    let mut converter = Converter::in_folder_of(source);
    let list = YamlPath::default().key("requests");
    let mut items = Vec::new();
    for piece in run {
        let starts = items_started(piece, indent)?;
        if too_deep(piece).is_some() {
            return None;
        }
        let (raw, ignored) = read_raw(piece).ok()?;
        // A piece that reads as another number of items than its lines start, or with a key
        // beside `requests`, is not what it seemed.
        if raw.requests.len() != starts || !only_requests(&raw, &ignored) {
            return None;
        }
        converter.unknown_keys(&ignored);
        for (i, raw_item) in raw.requests.into_iter().enumerate() {
            items.push(converter.item(raw_item, &list.index(i))?);
        }
        if !converter.problems.is_empty() {
            return None;
        }
    }
    Some(items)
}

/// How many items a piece's lines start, each at `indent` with `- `; `None` for a line
/// indented with a tab, or less than the items are, or at their indentation but not an item.
fn items_started(piece: &str, indent: usize) -> Option<usize> {
    let mut starts = 0;
    for line in piece.lines().skip(1) {
        let content = line.trim_start_matches(' ');
        if content.starts_with('\t') {
            return None;
        }
        if content.trim_end().is_empty() || content.starts_with('#') {
            continue;
        }
        let spaces = line.len() - content.len();
        if spaces < indent || (spaces == indent && !starts_item(content)) {
            return None;
        }
        starts += usize::from(spaces == indent);
    }
    Some(starts)
}

/// Whether a piece read as `requests:` and nothing else.
fn only_requests(raw: &RawCollection, ignored: &[String]) -> bool {
    let RawCollection {
        version,
        name,
        description,
        variables,
        environments,
        defaults,
        cookies,
        openapi,
        requests: _,
    } = raw;
    version.is_none()
        && name.is_none()
        && description.is_none()
        && variables.is_empty()
        && environments.is_empty()
        && defaults.is_none()
        && !cookies
        && openapi.is_none()
        && ignored.iter().all(|path| path.starts_with("requests."))
}

/// Whether an anchor or alias could start anywhere in `text`: `&` or `*` at the start of a
/// line or after a space, tab, `[`, `{` or `,`, followed by a character an anchor's name
/// can start with. Errs towards yes (`a &b` in a plain text).
fn has_anchors_or_aliases(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'&', b'*', bytes).any(|at| {
        let after_separator =
            at == 0 || matches!(bytes[at - 1], b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',');
        let names_one = bytes
            .get(at + 1)
            .is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b',' | b'[' | b']' | b'{' | b'}'));
        after_separator && names_one
    })
}

/// Whether `text` has a line break the cut does not see: a `\r` not followed by `\n`, or
/// NEL (U+0085), LS (U+2028), PS (U+2029).
fn has_other_line_breaks(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\r', bytes).any(|at| bytes.get(at + 1) != Some(&b'\n'))
        || memchr::memchr2_iter(0xC2, 0xE2, bytes).any(|at| {
            matches!(
                bytes.get(at..at + 3),
                Some([0xC2, 0x85, _] | [0xE2, 0x80, 0xA8 | 0xA9])
            ) || bytes.get(at..) == Some(&[0xC2, 0x85][..])
        })
}

/// Two requests, or two folders, of the same name in the list: a problem reading whole
/// reports.
fn has_duplicate_names(items: &[Item]) -> bool {
    let mut requests = std::collections::HashSet::with_capacity(items.len());
    let mut folders = std::collections::HashSet::new();
    items.iter().any(|item| match item {
        Item::Request(r) => !requests.insert(r.name.as_str()),
        Item::Folder(f) => !folders.insert(f.name.as_str()),
    })
}

/// Each top-level item's lines in `text`, as offsets: from the start of its `- ` line to the
/// start of the next item's (comments and blank lines between go with the item above), the
/// last one to the end of the list (the next line at column 0 that is not blank or a
/// comment). `None` unless `requests:` is one block list indented at least one space.
///
/// A cheap scan, not a parse: a line at the list's indentation starting `- ` inside a quoted
/// text that runs over lines would be taken for an item. Whoever uses these lines must read
/// them and check they are what the file holds, as reading in pieces and editing in a
/// request's lines both do.
pub(crate) fn top_level_item_lines(text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let layout = Layout::of(text)?;
    let base = layout.before.len() + line_at(text, layout.before.len()).len();
    let ends = layout.starts.iter().skip(1).copied().chain([layout.list.len()]);
    Some(
        layout
            .starts
            .iter()
            .zip(ends)
            .map(|(&start, end)| base + start..base + end)
            .collect(),
    )
}

/// Where a file's top-level list of requests is.
struct Layout<'t> {
    /// Everything before the `requests:` line.
    before: &'t str,
    /// The list's lines: from the line after `requests:` to the next line at column 0 that
    /// is not blank or a comment.
    list: &'t str,
    /// Everything after the list.
    after: &'t str,
    /// How far the list's items are indented (at least one space).
    indent: usize,
    /// Where each item's `- ` line starts, in `list`.
    starts: Vec<usize>,
}

impl<'t> Layout<'t> {
    /// Finds the first `requests:` line at column 0, followed by a block list indented at
    /// least one space; `None` for any other shape.
    fn of(text: &'t str) -> Option<Layout<'t>> {
        let key_start = std::iter::once(0)
            .filter(|_| text.starts_with("requests:"))
            .chain(memchr::memmem::find_iter(text.as_bytes(), "\nrequests:").map(|at| at + 1))
            .find(|&at| is_requests_key(line_at(text, at)))?;
        let list_start = key_start + line_at(text, key_start).len();
        let list = &text[list_start..];
        // The list ends at the first line at column 0 that is not blank or a comment.
        let end = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', list.as_bytes()).map(|at| at + 1))
            .find(|&at| {
                list.as_bytes()
                    .get(at)
                    .is_some_and(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'#'))
            })
            .unwrap_or(list.len());
        let list = &list[..end];
        let (first_at, first) = lines_with_offsets(list).find(|(_, l)| {
            let l = l.trim_start_matches(' ');
            !l.trim_end().is_empty() && !l.starts_with('#')
        })?;
        let content = first.trim_start_matches(' ');
        let indent = first.len() - content.len();
        if indent == 0 || !starts_item(content) {
            return None;
        }
        // Every later line at that indentation that starts `- `, found with one search.
        let mut marker = String::with_capacity(indent + 2);
        marker.push('\n');
        marker.extend(std::iter::repeat_n(' ', indent));
        marker.push('-');
        let bytes = list.as_bytes();
        let starts = std::iter::once(first_at)
            .chain(
                memchr::memmem::find_iter(&bytes[first_at..], marker.as_bytes())
                    .map(|at| first_at + at)
                    .filter(|&at| matches!(bytes.get(at + marker.len()), None | Some(b' ' | b'\n' | b'\r')))
                    .map(|at| at + 1),
            )
            .collect();
        Some(Layout {
            before: &text[..key_start],
            list,
            after: &text[list_start + end..],
            indent,
            starts,
        })
    }

    /// The list cut into pieces of about `bytes`, each cut just before an item's `- ` line,
    /// each piece hosted under `requests:` as a document of its own. The first piece also
    /// has the comment lines above the first item.
    fn pieces(&self, bytes: usize) -> Vec<String> {
        let mut cuts = vec![0];
        for &start in &self.starts[1..] {
            if start >= cuts[cuts.len() - 1] + bytes {
                cuts.push(start);
            }
        }
        cuts.push(self.list.len());
        cuts.windows(2)
            .map(|w| {
                let lines = &self.list[w[0]..w[1]];
                let mut text = String::with_capacity("requests:\n".len() + lines.len());
                text.push_str("requests:\n");
                text.push_str(lines);
                text
            })
            .collect()
    }
}

/// Each line of `text` with where it starts.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line))
    })
}

/// The line starting at `at`, with its line break.
fn line_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    &rest[..memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |end| end + 1)]
}

/// `requests:` at column 0 with nothing after it but spaces and a comment.
fn is_requests_key(line: &str) -> bool {
    line.strip_prefix("requests:").is_some_and(|after| {
        let trimmed = after.trim();
        trimmed.is_empty() || (trimmed.starts_with('#') && after.starts_with([' ', '\t']))
    })
}

/// A line (past its indentation) that starts a block list item: `-` then a space or its end.
fn starts_item(content: &str) -> bool {
    content
        .strip_prefix('-')
        .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\n', '\r']))
}

#[cfg(test)]
mod tests;
