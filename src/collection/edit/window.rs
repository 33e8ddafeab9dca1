//! Editing one request of a long file without reading the whole file again.
//!
//! An edit to one request's contents (its URL, a header, its body…) can only change that
//! request's lines. So the request's lines are cut out, hosted under `requests:` as a
//! small file of their own, and the edit is carried out and proven there exactly as
//! [`super::apply`] proves it on a whole file: the splice, then the reload that must give
//! the request with the edit applied and touch nothing outside it. The new lines go back
//! where the old ones were. At 50,000 requests a whole-file edit parses the file three
//! times (about a second and a half); this parses a few hundred bytes.
//!
//! Where each request's lines are comes from a scan for the items of a flat top-level list
//! (the loader's, 60 ms at 50,000 requests), else one parse of the lossless tree (0.9 s),
//! kept beside the text ([`ItemWindows`]) and moved along by each local edit. Whatever the small file
//! cannot stand for on its own is left to the whole-file path: anchors and aliases (the
//! lines would mean something else elsewhere), merge keys, document markers, CRLF lines,
//! renames (a name must be unique among its neighbours), and any request whose hosted
//! lines do not load to exactly the request the model holds.

use std::ops::Range;
use std::path::Path;

use yaml_edit::SyntaxKind;

use super::change::{Edit, ScalarField};
use super::tree::{Tree, Walked};
use super::{EditError, apply};
use crate::collection::{Collection, Item, Request, RequestPath};

/// What a request's lines are hosted under to be read as a file of their own.
const HOST: &str = "requests:\n";

/// Where each request's lines are in a file's text, in the order they are written: from
/// the line of its `- ` to the line before the next item (so with the comment and blank
/// lines after it), each with the request's place in the model (its index at every level).
#[derive(Debug, Clone, Default)]
pub struct ItemWindows {
    windows: Vec<(Vec<usize>, Range<usize>)>,
}

impl ItemWindows {
    /// Every request's lines in `text`, which loads to `collection`: one parse of the
    /// lossless tree, walked beside the model. A request in a flow list, or written any way
    /// but `- key: …` at the start of its lines, has none (its edits take the whole file).
    pub fn of(text: &str, collection: &Collection) -> Self {
        Self::of_flat_list(text, collection).unwrap_or_else(|| Self::by_tree(text, collection))
    }

    /// The windows of a file whose requests are one top-level list with no folders, from
    /// the loader's scan for where its items start. Each is checked where it is used (its
    /// lines must read alone as the model's request), so a line that only looks like an
    /// item's start costs that request its local edits, never a wrong one.
    fn of_flat_list(text: &str, collection: &Collection) -> Option<Self> {
        if !collection
            .items
            .iter()
            .all(|item| matches!(item, Item::Request(_)))
        {
            return None;
        }
        let lines = crate::collection::load::top_level_item_lines(text)?;
        if lines.len() != collection.items.len() {
            return None;
        }
        let windows = lines
            .into_iter()
            .enumerate()
            // As the tree walk: the item's first key is on its dash's line.
            .filter(|(_, range)| key_on_dash_line(&text[range.clone()]))
            .map(|(i, range)| (vec![i], range))
            .collect();
        Some(Self { windows })
    }

    /// The windows found by walking the lossless tree beside the model.
    fn by_tree(text: &str, collection: &Collection) -> Self {
        let mut windows = Vec::new();
        if let Ok(tree) = Tree::parse(text)
            && let Some(root) = tree.walk_root()
        {
            walk(&tree, &root, &collection.items, &mut Vec::new(), &mut windows);
        }
        Self { windows }
    }

    /// Which window holds the request at `at` (positions sort as the file is written).
    fn find(&self, at: &[usize]) -> Option<usize> {
        self.windows
            .binary_search_by(|(position, _)| position.as_slice().cmp(at))
            .ok()
    }

    /// Part of the request at `at`'s lines, `now` bytes long, became `then` bytes long:
    /// its window and every one after it move by the difference. False when that request
    /// has no window.
    pub fn grew(&mut self, at: &[usize], now: usize, then: usize) -> bool {
        let Some(index) = self.find(at) else {
            return false;
        };
        let end = self.windows[index].1.end + then - now;
        self.resize(index, end);
        true
    }

    /// The lines of window `index` now end at `end`: every window after it moves by as much.
    fn resize(&mut self, index: usize, end: usize) {
        let old_end = self.windows[index].1.end;
        self.windows[index].1.end = end;
        for (_, range) in &mut self.windows[index + 1..] {
            range.start = range.start + end - old_end;
            range.end = range.end + end - old_end;
        }
    }
}

/// Whether an item's lines start `- ` and then its first key, on the same line.
fn key_on_dash_line(lines: &str) -> bool {
    lines
        .trim_start_matches(' ')
        .strip_prefix('-')
        .map(|rest| rest.trim_start_matches([' ', '\t']))
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with(['#', '\n', '\r']))
}

fn walk(
    tree: &Tree<'_>,
    at: &Walked<'_, '_>,
    items: &[Item],
    position: &mut Vec<usize>,
    out: &mut Vec<(Vec<usize>, Range<usize>)>,
) {
    // A request's lines end where the next item's begin, so each waits for the next.
    let mut waiting: Option<(Vec<usize>, usize)> = None;
    let mut last: Option<Range<usize>> = None;
    at.each_block_item("requests", |i, node, item| {
        let start = tree.line_start(node.start);
        if let Some((position, begins)) = waiting.take() {
            out.push((position, begins..start));
        }
        position.push(i);
        match items.get(i) {
            // The item's first key is on its dash's line, after nothing else.
            Some(Item::Request(_)) if tree.text[start..node.start].trim() == "-" => {
                waiting = Some((position.clone(), start));
            }
            Some(Item::Folder(folder)) => walk(tree, item, &folder.items, position, out),
            _ => {}
        }
        position.pop();
        last = Some(node);
    });
    if let (Some((position, begins)), Some(node)) = (waiting, last) {
        out.push((position, begins..tree.end_with_trailing_comments(&node)));
    }
}

/// The switched-off rows of the request at `at`, read from its own lines of `text` (offsets
/// into `text`), as [`super::rows::disabled_rows_by_request`] finds them in the whole file.
/// `None` when its lines are not known or do not read alone.
pub fn switched_off_rows_of(
    text: &str,
    source: &Path,
    windows: &ItemWindows,
    at: &[usize],
) -> Option<Vec<(super::Table, super::rows::DisabledRow)>> {
    let range = windows.windows.get(windows.find(at)?)?.1.clone();
    let lines = text.get(range.clone())?;
    if !stands_alone(lines) {
        return None;
    }
    let hosted = format!("{HOST}{lines}");
    let alone = crate::collection::parse_collection(&hosted, source).ok()?;
    let found = super::rows::disabled_rows_by_request(&hosted, &alone);
    let mut rows = found.into_values().next().unwrap_or_default();
    for (_, row) in &mut rows {
        row.line_start = row.line_start - HOST.len() + range.start;
    }
    Some(rows)
}

/// An edit carried out inside one request's lines.
#[derive(Debug)]
pub struct LocalEdit {
    /// The request's lines in the text before the edit.
    pub lines: Range<usize>,
    /// Its lines after the edit.
    pub new_lines: String,
    /// The request's place in the model.
    pub at: Vec<usize>,
    /// The request as the new lines load.
    pub request: Request,
    window: usize,
}

impl LocalEdit {
    /// Moves the windows after this edit's along with its new lines.
    pub fn move_windows(&self, windows: &mut ItemWindows) {
        windows.resize(self.window, self.lines.start + self.new_lines.len());
    }
}

/// Carries out `edit` inside its request's lines of `text` (which loads to `model`, with
/// `windows` its requests' lines). `None` when the edit is not one request's alone or its
/// lines cannot be read on their own: the whole file must take it.
pub fn apply_in_window(
    text: &str,
    source: &Path,
    model: &Collection,
    windows: &ItemWindows,
    edit: &Edit,
) -> Option<Result<LocalEdit, EditError>> {
    let path = confined_to(edit)?;
    let at = model.position(path)?;
    let window = windows.find(&at)?;
    let range = windows.windows[window].1.clone();
    let lines = text.get(range.clone())?;
    if !stands_alone(lines) {
        return None;
    }
    let hosted = format!("{HOST}{lines}");
    let before = crate::collection::parse_collection(&hosted, source).ok()?;
    let (name, _) = path.0.split_last()?;
    match (before.items.as_slice(), model.find(path)) {
        ([Item::Request(read)], Some(held)) if **read == *held => {}
        _ => return None,
    }
    let local = rehost(edit, name, range.start)?;
    let (edited, after) = match apply(&hosted, source, &local) {
        Ok(done) => done,
        Err(e) => return Some(Err(e)),
    };
    // Each folder the request is in puts its lines two levels deeper in the file than here.
    let limit = crate::collection::MAX_NESTING.saturating_sub(2 * (at.len() - 1));
    if crate::collection::too_deep_within(&edited, limit).is_some() {
        return None;
    }
    let new_lines = edited.strip_prefix(HOST)?;
    let request = match after.items.as_slice() {
        [Item::Request(r)] if &r.name == name => (**r).clone(),
        _ => return None,
    };
    Some(Ok(LocalEdit {
        lines: range,
        new_lines: new_lines.to_owned(),
        at,
        request,
        window,
    }))
}

/// The request an edit changes only the contents of. A rename is not one here: the new
/// name must not be a neighbour's, which only the whole list can say.
pub(super) fn confined_to(edit: &Edit) -> Option<&RequestPath> {
    match edit {
        Edit::SetField {
            field: ScalarField::Name,
            ..
        } => None,
        _ => edit.request_changed(),
    }
}

/// Whether lines cut from a file read the same on their own: nothing in them names or is
/// named from elsewhere (anchors, aliases, merge keys), no document marker or directive,
/// LF line ends throughout.
fn stands_alone(lines: &str) -> bool {
    !lines.contains('\r')
        && !yaml_edit::lex(lines).iter().any(|(kind, _)| {
            matches!(
                kind,
                SyntaxKind::ANCHOR
                    | SyntaxKind::REFERENCE
                    | SyntaxKind::MERGE_KEY
                    | SyntaxKind::DIRECTIVE
                    | SyntaxKind::DOC_START
                    | SyntaxKind::DOC_END
            )
        })
}

/// `edit` as it reads in the hosted lines: the request is the only one, at the top, and a
/// switched-off row's offset counts from the host's start. `None` for an offset outside
/// the request's lines.
fn rehost(edit: &Edit, name: &str, window_start: usize) -> Option<Edit> {
    let mut local = edit.clone();
    let moved = |line_start: &mut usize| -> Option<()> {
        *line_start = line_start.checked_sub(window_start)? + HOST.len();
        Some(())
    };
    match &mut local {
        Edit::EnableRow { line_start, .. } | Edit::DropDisabledRow { line_start, .. } => moved(line_start)?,
        _ => {}
    }
    *local.request_changed_mut()? = RequestPath(vec![name.to_owned()]);
    Some(local)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{Applied, Document, Edit, ScalarField, Table, VarScope, apply, rows};
    use super::ItemWindows;
    use crate::collection::{Auth, Body, RequestPath, parse_collection};
    use crate::template::Template;

    /// The first lines of [`FILE`] and [`FLAT`]: keys above the list, its first request.
    macro_rules! first_lines {
        () => {
            "\
# the API
name: Shop
variables:
  base: http://localhost:8080
requests:
  # the first
  - name: List
    url: \"{{ base }}/items\"
    headers:
      Accept: application/json
      # X-Debug: 1
    query: { page: 1, size: 20 }

"
        };
    }

    /// The last request of [`FILE`] and [`FLAT`].
    macro_rules! last_request {
        () => {
            "  - name: Last
    url: http://example.com/last
    headers:
      X-A: a
      # X-Off: off
"
        };
    }

    /// The keys after the list, in [`FILE`] and [`FLAT`].
    macro_rules! environments {
        () => {
            "\
environments:
  prod:
    base: https://shop.example.com
"
        };
    }

    /// A file written the ways people write them: folders, comments between and after
    /// items, flow mappings, switched-off rows, a block scalar, keys after the list.
    const FILE: &str = concat!(
        first_lines!(),
        "  - folder: Orders   # by customer
    requests:
      - name: Create
        method: POST
        url: \"{{ base }}/orders\"
        body:
          json:
            item: 7
            note: |
              two lines
              of text
      - name: Show
        url: \"{{ base }}/orders/1\"
        # trailing comment
",
        last_request!(),
        environments!()
    );

    /// [`FILE`] without its folder: its requests in one top-level list, as long generated
    /// files have them (their windows come from the loader's scan, not the tree).
    const FLAT: &str = concat!(
        first_lines!(),
        "  - name: Create   # an order
    method: POST
    url: \"{{ base }}/orders\"
    body:
      json:
        item: 7
        note: |
          two lines
          of text
  # between
  - name: Show
    url: \"{{ base }}/orders/1\"
    # trailing comment
",
        last_request!(),
        "\n# after the list\n",
        environments!()
    );

    fn path(p: &str) -> RequestPath {
        RequestPath::parse(p)
    }

    /// Every kind of edit a request's lines can take, on each of `requests` of `text`.
    fn edits_of(text: &str, requests: &[&str]) -> Vec<Edit> {
        let mut all = Vec::new();
        for &request in requests {
            let request = path(request);
            all.extend([
                Edit::SetField {
                    request: request.clone(),
                    field: ScalarField::Url,
                    value: Some("http://example.com/{{ id }}".into()),
                },
                Edit::SetField {
                    request: request.clone(),
                    field: ScalarField::Method,
                    value: Some("PUT".into()),
                },
                Edit::SetField {
                    request: request.clone(),
                    field: ScalarField::Description,
                    value: Some("what it does\non two lines".into()),
                },
                Edit::SetField {
                    request: request.clone(),
                    field: ScalarField::Timeout,
                    value: Some("5s".into()),
                },
                Edit::AddRow {
                    request: request.clone(),
                    table: Table::Headers,
                    name: "X-New".into(),
                    value: "{{ token }}".into(),
                },
                Edit::AddRow {
                    request: request.clone(),
                    table: Table::Query,
                    name: "q".into(),
                    value: "a b".into(),
                },
                Edit::SetRow {
                    request: request.clone(),
                    table: Table::Headers,
                    index: 0,
                    name: "Accept".into(),
                    value: "text/plain".into(),
                },
                Edit::RemoveRow {
                    request: request.clone(),
                    table: Table::Headers,
                    index: 0,
                },
                Edit::DisableRow {
                    request: request.clone(),
                    table: Table::Query,
                    index: 1,
                },
                Edit::SetBody {
                    request: request.clone(),
                    body: Some(Body::Text {
                        text: Template::parse("hello").unwrap(),
                        content_type: None,
                    }),
                },
                Edit::SetBody {
                    request: request.clone(),
                    body: None,
                },
                Edit::SetAuth {
                    request: request.clone(),
                    auth: Some(Auth::Bearer(Template::parse("{{ token }}").unwrap())),
                },
                Edit::SetVariable {
                    scope: VarScope::Request(request.clone()),
                    name: "id".into(),
                    value: Some("42".into()),
                },
                Edit::SetExpect {
                    request: request.clone(),
                    expect: None,
                },
            ]);
        }
        // The switched-off rows, by the offsets the TUI finds them at.
        let model = parse_collection(text, Path::new("shop.yaml")).unwrap();
        for (request, found) in rows::disabled_rows_by_request(text, &model) {
            for (table, row) in found {
                all.push(Edit::EnableRow {
                    request: request.clone(),
                    table,
                    line_start: row.line_start,
                    position: row.position,
                    name: row.name.clone(),
                    value: row.value.clone(),
                });
                all.push(Edit::DropDisabledRow {
                    request: request.clone(),
                    table,
                    line_start: row.line_start,
                });
            }
        }
        all
    }

    /// Applies `edit` both ways: inside the request's lines, through a document holding the
    /// model, and on the whole file. Returns how the document took it.
    fn both_ways(text: &str, edit: &Edit) -> Applied {
        let source = Path::new("shop.yaml");
        let whole = apply(text, source, edit);
        let mut doc = Document::new(source.to_path_buf(), text.to_owned());
        let mut model = parse_collection(text, source).unwrap();
        let local = doc.apply_to(&mut model, std::slice::from_ref(edit));
        match (whole, local) {
            (Ok((text, collection)), Ok(applied)) => {
                assert_eq!(doc.text, text, "{edit:?}");
                assert_eq!(model, collection, "{edit:?}");
                applied
            }
            (Err(_), Err(_)) => Applied::Nothing,
            (whole, local) => panic!("{edit:?}: whole file {whole:?}, in its lines {local:?}"),
        }
    }

    /// Makes every edit of [`edits_of`] on `requests` of `text` both ways; how many were
    /// made in their request's lines (the others are refused both ways, or already so).
    fn made_locally(text: &str, requests: &[&str]) -> usize {
        let mut local = 0;
        for edit in edits_of(text, requests) {
            match both_ways(text, &edit) {
                Applied::Request(_) => local += 1,
                Applied::Nothing => {}
                Applied::Whole => panic!("{edit:?} took the whole file"),
            }
        }
        local
    }

    #[test]
    fn an_edit_in_a_requests_lines_gives_the_text_and_model_the_whole_file_would() {
        let requests = ["List", "Orders/Create", "Orders/Show", "Last"];
        assert_eq!(
            made_locally(FILE, &requests),
            45,
            "edits made in their request's lines"
        );
    }

    #[test]
    fn in_a_flat_list_an_edit_in_a_requests_lines_gives_the_text_and_model_the_whole_file_would() {
        let requests = ["List", "Create", "Show", "Last"];
        assert_eq!(
            made_locally(FLAT, &requests),
            45,
            "edits made in their request's lines"
        );
    }

    #[test]
    fn the_scan_of_a_flat_list_finds_the_windows_the_tree_finds() {
        let windows = |text: &str| {
            let model = parse_collection(text, Path::new("flat.yaml")).unwrap();
            let scanned = ItemWindows::of_flat_list(text, &model).expect("a flat list");
            (scanned.windows, ItemWindows::by_tree(text, &model).windows)
        };
        for text in [
            FLAT.to_owned(),
            FLAT.replace("environments:\n  prod:\n    base: https://shop.example.com\n", ""),
            FLAT.replace('\n', "\n\n"),
        ] {
            let (scanned, walked) = windows(&text);
            assert_eq!(scanned, walked, "{text}");
        }
        // An item whose first key is not on its dash's line has no window either way; the
        // scan ends the one above at that dash, where the tree ends it at the key's line.
        // With a folder, the tree finds them.
        let model = parse_collection(FILE, Path::new("shop.yaml")).unwrap();
        assert!(ItemWindows::of_flat_list(FILE, &model).is_none());
    }

    #[test]
    fn edits_one_after_another_keep_the_windows_in_step_with_the_text() {
        let source = Path::new("shop.yaml");
        let mut doc = Document::new(source.to_path_buf(), FILE.to_owned());
        let mut model = parse_collection(FILE, source).unwrap();
        for (i, request) in ["Last", "List", "Orders/Show", "Orders/Create", "Last", "List"]
            .iter()
            .enumerate()
        {
            let edit = Edit::AddRow {
                request: path(request),
                table: Table::Headers,
                name: format!("X-Step-{i}"),
                value: "a\nmultiline value".repeat(i),
            };
            let applied = doc.apply_to(&mut model, std::slice::from_ref(&edit)).unwrap();
            assert_eq!(applied, Applied::Request(path(request)));
            assert_eq!(
                model,
                parse_collection(&doc.text, source).unwrap(),
                "after {edit:?}"
            );
        }
        // Undo takes the whole text again, and the next edit finds the lines anew.
        doc.undo();
        let mut model = parse_collection(&doc.text, source).unwrap();
        let edit = Edit::SetField {
            request: path("Orders/Show"),
            field: ScalarField::Url,
            value: Some("http://x/after-undo".into()),
        };
        doc.apply_to(&mut model, std::slice::from_ref(&edit)).unwrap();
        assert_eq!(model, parse_collection(&doc.text, source).unwrap());
        assert!(
            doc.text.contains("url: \"http://x/after-undo\"\n"),
            "{}",
            doc.text
        );
    }

    #[test]
    fn undo_and_redo_of_edits_made_in_a_requests_lines_change_that_request_in_place() {
        let source = Path::new("shop.yaml");
        let mut doc = Document::new(source.to_path_buf(), FILE.to_owned());
        let mut model = parse_collection(FILE, source).unwrap();
        let mut texts = vec![FILE.to_owned()];
        for (i, request) in ["Orders/Show", "Last", "List", "Orders/Show"].iter().enumerate() {
            let edit = Edit::SetField {
                request: path(request),
                field: ScalarField::Url,
                value: Some(format!("http://x/{}", "long/".repeat(i * 3))),
            };
            doc.apply_to(&mut model, std::slice::from_ref(&edit)).unwrap();
            texts.push(doc.text.clone());
        }
        let loads = |text: &str| parse_collection(text, source).unwrap();
        for expected in texts.iter().rev().skip(1) {
            let (_, in_place) = doc.undo_in(&mut model).unwrap();
            assert!(in_place.is_some());
            assert_eq!(&doc.text, expected);
            assert_eq!(model, loads(expected));
        }
        assert!(doc.undo_in(&mut model).is_none(), "nothing more to undo");
        for expected in texts.iter().skip(1) {
            let (_, in_place) = doc.redo_in(&mut model).unwrap();
            assert!(in_place.is_some());
            assert_eq!(&doc.text, expected);
            assert_eq!(model, loads(expected));
        }
        // The windows followed: the next edit is still made in its request's lines, right.
        let edit = Edit::SetField {
            request: path("Last"),
            field: ScalarField::Url,
            value: Some("http://x/after".into()),
        };
        assert_eq!(
            doc.apply_to(&mut model, std::slice::from_ref(&edit)).unwrap(),
            Applied::Request(path("Last"))
        );
        assert_eq!(model, loads(&doc.text));
        // A whole-file step in between is loaded again by the caller.
        let rename = Edit::SetField {
            request: path("List"),
            field: ScalarField::Name,
            value: Some("All".into()),
        };
        assert_eq!(
            doc.apply_to(&mut model, std::slice::from_ref(&rename)).unwrap(),
            Applied::Whole
        );
        assert_eq!(doc.undo_in(&mut model).unwrap().1, None);
        let mut model = loads(&doc.text);
        assert!(doc.undo_in(&mut model).unwrap().1.is_some());
        assert_eq!(model, loads(&doc.text));
    }

    #[test]
    fn switched_off_rows_carried_over_an_edit_in_one_request_are_the_ones_the_whole_file_has() {
        let source = Path::new("shop.yaml");
        let mut doc = Document::new(source.to_path_buf(), FILE.to_owned());
        let mut model = parse_collection(FILE, source).unwrap();
        let mut rows = rows::disabled_rows_by_request(FILE, &model);
        let switch_off = |request: &str| Edit::DisableRow {
            request: path(request),
            table: Table::Headers,
            index: 0,
        };
        let add = |request: &str| Edit::AddRow {
            request: path(request),
            table: Table::Headers,
            name: "X-Added".into(),
            value: "a longer value than the rest".into(),
        };
        let steps = [
            ("List", switch_off("List")),
            ("Orders/Show", add("Orders/Show")),
            ("Last", switch_off("Last")),
            ("List", add("List")),
        ];
        for (request, edit) in steps {
            let applied = doc.apply_to(&mut model, std::slice::from_ref(&edit)).unwrap();
            assert_eq!(applied, Applied::Request(path(request)));
            let at = model.position(&path(request)).unwrap();
            let own = doc.switched_off_rows_of(&at).unwrap();
            let change = doc.last_in_request().unwrap();
            assert!(rows::carry_over(
                &mut rows,
                |o| change.moved(o),
                &path(request),
                own
            ));
            assert_eq!(
                rows,
                rows::disabled_rows_by_request(&doc.text, &model),
                "after {edit:?}"
            );
        }
        // Undo is a change in one request's lines too.
        let (_, Some(request)) = doc.undo_in(&mut model).unwrap() else {
            panic!("the undo was not made in place");
        };
        let at = model.position(&request).unwrap();
        let own = doc.switched_off_rows_of(&at).unwrap();
        let change = doc.last_in_request().unwrap();
        assert!(rows::carry_over(&mut rows, |o| change.moved(o), &request, own));
        assert_eq!(rows, rows::disabled_rows_by_request(&doc.text, &model));
    }

    #[test]
    fn a_text_that_does_not_load_to_the_model_is_never_edited_in_a_requests_lines() {
        // The file changed on disk to something broken; the model is from before.
        let source = Path::new("shop.yaml");
        let good = "name: A\nrequests:\n  - name: A\n    url: http://a\n  - name: B\n    url: http://b\n";
        let broken = good.replace("    url: http://b", "    nourl: http://b");
        let mut model = parse_collection(good, source).unwrap();
        let mut doc = Document::new(source.to_path_buf(), broken.clone());
        let edit = Edit::SetField {
            request: path("A"),
            field: ScalarField::Url,
            value: Some("http://new".into()),
        };
        assert!(doc.apply_to(&mut model, std::slice::from_ref(&edit)).is_err());
        assert_eq!(doc.text, broken, "left alone");
    }

    #[test]
    fn a_request_in_folders_is_held_to_the_nesting_limit_of_the_whole_file() {
        let source = Path::new("deep.yaml");
        let text = "name: D\nrequests:\n  - folder: F\n    requests:\n      - folder: G\n        requests:\n          - name: A\n            url: http://a\n";
        // Deep enough for the file, not for the request's lines alone.
        let mut json = serde_json::json!(1);
        for _ in 0..58 {
            json = serde_json::json!([json]);
        }
        let edit = Edit::SetBody {
            request: path("F/G/A"),
            body: Some(Body::Json {
                value: crate::template::JsonTemplate::parse(json).unwrap(),
                content_type: None,
            }),
        };
        let mut doc = Document::new(source.to_path_buf(), text.to_owned());
        let mut model = parse_collection(text, source).unwrap();
        assert!(apply(text, source, &edit).is_err(), "the whole file refuses it");
        assert!(doc.apply_to(&mut model, std::slice::from_ref(&edit)).is_err());
        assert_eq!(doc.text, text);
    }

    #[test]
    fn lines_that_mean_something_elsewhere_take_the_whole_file() {
        let anchored = "\
name: A
requests:
  - name: One
    url: http://a
    headers: &common
      Accept: application/json
  - name: Two
    url: http://b
    headers: *common
";
        let set_accept = |request: &str| Edit::SetRow {
            request: path(request),
            table: Table::Headers,
            index: 0,
            name: "Accept".into(),
            value: "text/plain".into(),
        };
        // The anchor's lines are shared: neither request is edited on its own.
        assert!(!matches!(
            both_ways(anchored, &set_accept("One")),
            Applied::Request(_)
        ));
        let url = |request: &str| Edit::SetField {
            request: path(request),
            field: ScalarField::Url,
            value: Some("http://x".into()),
        };
        assert!(!matches!(both_ways(anchored, &url("Two")), Applied::Request(_)));

        let flow = "name: F\nrequests: [ { name: One, url: http://a }, { name: Two, url: http://b } ]\n";
        assert_eq!(both_ways(flow, &url("Two")), Applied::Whole);

        let crlf = "name: C\r\nrequests:\r\n  - name: One\r\n    url: http://a\r\n";
        assert_eq!(both_ways(crlf, &url("One")), Applied::Whole);

        // A rename must not take a neighbour's name: only the whole list can say.
        let rename = Edit::SetField {
            request: path("List"),
            field: ScalarField::Name,
            value: Some("Last".into()),
        };
        assert_eq!(both_ways(FILE, &rename), Applied::Nothing, "refused both ways");
    }

    #[test]
    fn every_request_of_a_list_has_its_lines_and_only_them() {
        let model = parse_collection(FILE, Path::new("shop.yaml")).unwrap();
        let windows = ItemWindows::of(FILE, &model);
        let lines: Vec<&str> = windows.windows.iter().map(|(_, r)| &FILE[r.clone()]).collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].starts_with("  - name: List\n") && lines[0].ends_with("size: 20 }\n\n"));
        assert!(lines[2].starts_with("      - name: Show") && lines[2].ends_with("# trailing comment\n"));
        assert!(lines[3].ends_with("# X-Off: off\n"), "{:?}", lines[3]);
        let positions: Vec<&[usize]> = windows.windows.iter().map(|(p, _)| p.as_slice()).collect();
        assert_eq!(positions, [&[0][..], &[1, 0], &[1, 1], &[2]]);
    }
}
