//! A collection file being edited in memory: its text on disk, its text with edits, undo
//! and redo.

use std::path::{Path, PathBuf};

use super::window::{ItemWindows, apply_in_window, confined_to};
use super::{Edit, EditError, apply, request_location};
use crate::collection::{Collection, Request, RequestPath, parse_collection};

/// One step of undo: how the text changed, the edits that changed it, and what they did.
#[derive(Debug, Clone)]
struct Step {
    patch: Patch,
    what: String,
    edits: Vec<Edit>,
    /// For an edit made in one request's lines: that request before and after it, so
    /// undo and redo change it in place too.
    local: Option<Box<LocalStep>>,
}

/// One request's change, as an edit made in its lines left it.
#[derive(Debug, Clone)]
struct LocalStep {
    request: RequestPath,
    at: Vec<usize>,
    before: Request,
    after: Request,
}

/// A change to the text, kept as only the part that changed (an edit of one request in a
/// file of 50,000 keeps a few hundred bytes, not the whole file): `new` stands at `at`
/// where `old` stood.
#[derive(Debug, Clone)]
struct Patch {
    at: usize,
    old: String,
    new: String,
}

impl Patch {
    /// What changed from `before` to `after`: the middle between what they share at their
    /// start and at their end.
    fn between(before: &str, after: &str) -> Self {
        let (a, b) = (before.as_bytes(), after.as_bytes());
        let mut head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        while !(before.is_char_boundary(head) && after.is_char_boundary(head)) {
            head -= 1;
        }
        let most = a.len().min(b.len()) - head;
        let mut tail = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(most)
            .take_while(|(x, y)| x == y)
            .count();
        // The shared end's bytes are the same in both, so a boundary in one is in the other.
        while !before.is_char_boundary(a.len() - tail) {
            tail -= 1;
        }
        Self {
            at: head,
            old: before[head..a.len() - tail].to_owned(),
            new: after[head..b.len() - tail].to_owned(),
        }
    }

    /// Takes `text` back to before the change.
    fn undo(&self, text: &mut String) {
        text.replace_range(self.at..self.at + self.new.len(), &self.old);
    }

    /// Makes the change on `text` (as it was before it).
    fn redo(&self, text: &mut String) {
        text.replace_range(self.at..self.at + self.old.len(), &self.new);
    }
}

/// A collection file being edited: the text as on disk, the text with edits, and undo.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    /// The text as last read from or written to disk.
    pub saved: String,
    /// The text with the edits made since.
    pub text: String,
    /// Earlier texts, each with the edits that left it and what they did.
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The undo depth at which the text is what is on disk, when that is known: the edits
    /// of the steps above it are the ones not saved yet.
    saved_depth: Option<usize>,
    /// After the disk's text was taken over edits: the undo depth that text sits at. Undoing
    /// below it brings back a text written against the file as it was before.
    taken_at: Option<usize>,
    /// The text was edited further after undoing below `taken_at`: it stays based on the
    /// file's older version until saved or replaced.
    stale_base: bool,
    /// Where each request's lines are in `text`, once an edit of one request needed them;
    /// moved along by edits made in a request's lines, dropped by any other change.
    windows: Option<ItemWindows>,
    /// The last change to the text when it was one request's lines (the edit, its undo or
    /// redo): what else in the file was found before it is only moved along.
    last_in_request: Option<InRequest>,
    /// `text` is known to load to the model the caller holds (it said so, or the last
    /// whole-file edit loaded it): the first edit in a request's lines need not load it again.
    loads_to_model: bool,
}

/// A change made in one request's lines: at byte `at`, `removed` bytes became `inserted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InRequest {
    pub at: usize,
    pub removed: usize,
    pub inserted: usize,
}

impl InRequest {
    /// Where a byte offset of the text before the change is after it, for offsets outside
    /// the change; `None` inside it.
    pub fn moved(self, offset: usize) -> Option<usize> {
        if offset < self.at {
            Some(offset)
        } else if offset >= self.at + self.removed {
            Some(offset - self.removed + self.inserted)
        } else {
            None
        }
    }
}

/// How an edit reached the model (see [`Document::apply_to`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The text did not change (the value was already there).
    Nothing,
    /// Only this request changed, in place.
    Request(RequestPath),
    /// The model was loaded again from the whole text.
    Whole,
}

impl Document {
    pub fn new(path: PathBuf, text: String) -> Self {
        Self {
            path,
            saved: text.clone(),
            text,
            undo: Vec::new(),
            redo: Vec::new(),
            saved_depth: Some(0),
            taken_at: None,
            stale_base: false,
            windows: None,
            last_in_request: None,
            loads_to_model: false,
        }
    }

    /// The caller's model was loaded from exactly this text (see [`Self::apply_to`]).
    pub fn loads_to_model(&mut self) {
        self.loads_to_model = true;
    }

    pub fn load(path: &Path) -> std::io::Result<Self> {
        Ok(Self::new(path.to_path_buf(), std::fs::read_to_string(path)?))
    }

    /// Edits not yet written to disk.
    pub fn is_dirty(&self) -> bool {
        self.text != self.saved
    }

    /// Applies an edit to the text (not the disk); returns the collection it loads to.
    pub fn apply(&mut self, edit: &Edit) -> Result<Collection, EditError> {
        self.apply_all(std::slice::from_ref(edit))
    }

    /// Applies edits as one step of undo to the text and to `model`, the collection the
    /// text loads to now: one edit of one request's contents is made inside that request's
    /// lines and changes that request in place (see [`super::window`]); anything else loads
    /// the whole text again. Nothing changes if an edit is refused.
    pub fn apply_to(&mut self, model: &mut Collection, edits: &[Edit]) -> Result<Applied, EditError> {
        if let [edit] = edits
            && let Some(done) = self.apply_in_window(model, edit)
        {
            return Ok(done);
        }
        let depth = self.undo.len();
        *model = self.apply_all(edits)?;
        self.loads_to_model = true;
        Ok(if self.undo.len() == depth {
            Applied::Nothing
        } else {
            Applied::Whole
        })
    }

    /// `edit` made inside its request's lines, when it can be; `None` to take the whole
    /// text (a refusal too: the whole-file path says why, in its own words).
    fn apply_in_window(&mut self, model: &mut Collection, edit: &Edit) -> Option<Applied> {
        if self.windows.is_none() {
            // Only for a text known to load to exactly this model: a file broken on disk,
            // or a model from before it changed, takes the whole-file path, which says so.
            if !self.loads_to_model && parse_collection(&self.text, &self.path).ok().as_ref() != Some(&*model)
            {
                return None;
            }
            self.loads_to_model = true;
            self.windows = Some(ItemWindows::of(&self.text, model));
        }
        let windows = self.windows.as_mut()?;
        let local = apply_in_window(&self.text, &self.path, model, windows, edit)?.ok()?;
        let old = &self.text[local.lines.clone()];
        if local.new_lines == old {
            return Some(Applied::Nothing);
        }
        let request = confined_to(edit)?.clone();
        let held = model.request_at_mut(&local.at)?;
        let step = LocalStep {
            request: request.clone(),
            at: local.at.clone(),
            before: std::mem::replace(held, local.request.clone()),
            after: local.request.clone(),
        };
        local.move_windows(windows);
        let patch = Patch {
            at: local.lines.start,
            old: old.to_owned(),
            new: local.new_lines,
        };
        let change = InRequest {
            at: patch.at,
            removed: patch.old.len(),
            inserted: patch.new.len(),
        };
        let windows = self.windows.take();
        self.push_patch(patch, std::slice::from_ref(edit));
        self.loads_to_model = true;
        if let Some(top) = self.undo.last_mut() {
            top.local = Some(Box::new(step));
        }
        self.windows = windows;
        self.last_in_request = Some(change);
        Some(Applied::Request(request))
    }

    /// Applies edits in order as one step of undo; none of them if one is refused.
    pub fn apply_all(&mut self, edits: &[Edit]) -> Result<Collection, EditError> {
        let mut text = self.text.clone();
        let mut collection = None;
        for edit in edits {
            let (next, loaded) = apply(&text, &self.path, edit)?;
            text = next;
            collection = Some(loaded);
        }
        let collection = collection.ok_or(EditError::NothingToChange)?;
        if text == self.text {
            return Ok(collection); // the same value again: not a step to undo
        }
        self.push_step(text, edits);
        Ok(collection)
    }

    /// `text` is the text now, made from the last by `edits`: one step of undo.
    fn push_step(&mut self, text: String, edits: &[Edit]) {
        let patch = Patch::between(&self.text, &text);
        self.text = text;
        self.push_patch_made(patch, edits);
    }

    /// Makes `patch` on the text, as one step of undo made by `edits`.
    fn push_patch(&mut self, patch: Patch, edits: &[Edit]) {
        patch.redo(&mut self.text);
        self.push_patch_made(patch, edits);
    }

    /// `patch` was made on the text by `edits`: one step of undo.
    fn push_patch_made(&mut self, patch: Patch, edits: &[Edit]) {
        self.windows = None;
        self.last_in_request = None;
        self.loads_to_model = false;
        self.stale_base = self.predates_disk();
        // The saved text was on the branch of redo this edit drops: which edits are unsaved
        // is no longer a list of steps.
        if self.saved_depth.is_some_and(|depth| depth > self.undo.len()) {
            self.saved_depth = None;
        }
        let what: Vec<String> = edits.iter().map(Edit::describe).collect();
        self.undo.push(Step {
            patch,
            what: what.join(", "),
            edits: edits.to_vec(),
            local: None,
        });
        self.redo.clear();
    }

    /// Takes back the last edit, and in `model` (the collection the text loads to now)
    /// too when that edit was made in one request's lines: then that request is named and
    /// changed back in place. Otherwise (`None` beside what it did) the caller must load
    /// the text again.
    pub fn undo_in(&mut self, model: &mut Collection) -> Option<(String, Option<RequestPath>)> {
        self.step_in(model, true)
    }

    /// [`Self::undo_in`], the other way.
    pub fn redo_in(&mut self, model: &mut Collection) -> Option<(String, Option<RequestPath>)> {
        self.step_in(model, false)
    }

    fn step_in(&mut self, model: &mut Collection, back: bool) -> Option<(String, Option<RequestPath>)> {
        let top = if back { self.undo.last() } else { self.redo.last() }?;
        let Some(local) = top.local.as_deref() else {
            let what = if back { self.undo() } else { self.redo() }?;
            return Some((what, None));
        };
        // The request's lines go from one side of the patch to the other.
        let (request, now, then) = if back {
            (local.before.clone(), top.patch.new.len(), top.patch.old.len())
        } else {
            (local.after.clone(), top.patch.old.len(), top.patch.new.len())
        };
        let (at, path) = (local.at.clone(), local.request.clone());
        let change = InRequest {
            at: top.patch.at,
            removed: now,
            inserted: then,
        };
        match model.request_at_mut(&at) {
            Some(held) if held.name == request.name => *held = request,
            // Not the model this text loads to: the caller loads the text again.
            _ => {
                let what = if back { self.undo() } else { self.redo() }?;
                return Some((what, None));
            }
        }
        // The windows stay in step: only this request's lines changed.
        let windows = self.windows.take();
        let what = if back { self.undo() } else { self.redo() }?;
        self.windows = windows.and_then(|mut w| w.grew(&at, now, then).then_some(w));
        self.last_in_request = Some(change);
        self.loads_to_model = true;
        Some((what, Some(path)))
    }

    /// The last change to the text, when it was made in one request's lines.
    pub fn last_in_request(&self) -> Option<InRequest> {
        self.last_in_request
    }

    /// The switched-off rows of the request at `at` (its place in the model), read from its
    /// own lines as the text is now; `None` when they are not known without the whole file.
    pub fn switched_off_rows_of(
        &self,
        at: &[usize],
    ) -> Option<Vec<(super::Table, super::rows::DisabledRow)>> {
        super::window::switched_off_rows_of(&self.text, &self.path, self.windows.as_ref()?, at)
    }

    /// Takes back the last edit; says what it did, `None` when there is none.
    pub fn undo(&mut self) -> Option<String> {
        self.windows = None;
        self.last_in_request = None;
        self.loads_to_model = false;
        let step = self.undo.pop()?;
        let what = step.what.clone();
        step.patch.undo(&mut self.text);
        self.redo.push(step);
        Some(what)
    }

    /// Does again the last edit undone; says what it did.
    pub fn redo(&mut self) -> Option<String> {
        self.windows = None;
        self.last_in_request = None;
        self.loads_to_model = false;
        let step = self.redo.pop()?;
        let what = step.what.clone();
        step.patch.redo(&mut self.text);
        self.undo.push(step);
        Some(what)
    }

    /// The file changed on disk under unsaved edits, and the user wants theirs kept and
    /// theirs too: the edits not saved yet are made again, in order, on `disk`. Returns
    /// what could not be (an edit whose place is gone), or `None` when which edits are
    /// unsaved is not known (undo went back past a save); then nothing changes.
    pub fn reapply_on(&mut self, disk: String) -> Option<Vec<String>> {
        self.windows = None;
        self.last_in_request = None;
        self.loads_to_model = false;
        let depth = self.saved_depth.filter(|d| *d <= self.undo.len())?;
        let mut text = disk.clone();
        let mut applied = Vec::new();
        let mut refused = Vec::new();
        for step in &self.undo[depth..] {
            let mut next = text.clone();
            let done = step.edits.iter().try_for_each(|edit| {
                next = apply(&next, &self.path, edit)?.0;
                Ok::<(), EditError>(())
            });
            match done {
                Ok(()) => {
                    text = next;
                    applied.extend(step.edits.iter().cloned());
                }
                Err(e) => refused.push(format!("{} ({e})", step.what)),
            }
        }
        self.saved = disk;
        self.undo.push(Step {
            patch: Patch::between(&self.text, &text),
            what: "making my edits again on the version on disk".to_owned(),
            edits: applied,
            local: None,
        });
        self.text = text;
        self.redo.clear();
        // The disk's text plus the step just pushed is the text now.
        self.saved_depth = Some(self.undo.len() - 1);
        self.taken_at = Some(self.undo.len());
        self.stale_base = false;
        Some(refused)
    }

    /// How many edits can be undone; it grows by one for each edit that changed the text.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether the text was written against an older version of the file than the one on
    /// disk: the disk's text was taken over edits, and undo went back past that.
    pub fn predates_disk(&self) -> bool {
        self.stale_base || self.taken_at.is_some_and(|depth| self.undo.len() < depth)
    }

    /// The text was written to disk.
    pub fn mark_saved(&mut self) {
        self.saved.clone_from(&self.text);
        self.saved_depth = Some(self.undo.len());
        self.on_disk_now();
    }

    /// `text` was written to disk (edits may have been made while it was being written).
    pub fn mark_saved_as(&mut self, text: String) {
        self.saved_depth = if text == self.text {
            Some(self.undo.len())
        } else {
            // Where among the steps the written text is, if it is one of them: each step
            // taken back in turn from the text now.
            let mut earlier = self.text.clone();
            self.undo.iter().enumerate().rev().find_map(|(depth, step)| {
                step.patch.undo(&mut earlier);
                (earlier == text).then_some(depth)
            })
        };
        self.saved = text;
        self.on_disk_now();
    }

    /// What is on disk was written from here: no text predates it any more.
    fn on_disk_now(&mut self) {
        self.taken_at = None;
        self.stale_base = false;
    }

    /// Replaces the text with `text` as one edit to undo (unsaved edits of an earlier
    /// session, restored).
    pub fn replace_text(&mut self, text: String, what: &str) {
        self.windows = None;
        self.last_in_request = None;
        self.loads_to_model = false;
        if text == self.text {
            return;
        }
        self.undo.push(Step {
            patch: Patch::between(&self.text, &text),
            what: what.to_owned(),
            edits: Vec::new(),
            local: None,
        });
        self.text = text;
        self.redo.clear();
        // Which edits are unsaved is no longer a list of edits.
        self.saved_depth = None;
    }

    /// The file changed on disk and the user chose its text over their edits: take it as
    /// saved, keeping the edits one undo away (see [`Self::predates_disk`]).
    pub fn take_from_disk(&mut self, text: String) {
        self.windows = None;
        self.last_in_request = None;
        self.loads_to_model = false;
        self.saved.clone_from(&text);
        self.undo.push(Step {
            patch: Patch::between(&self.text, &text),
            what: "taking the version on disk".to_owned(),
            edits: Vec::new(),
            local: None,
        });
        self.text = text;
        self.redo.clear();
        self.saved_depth = Some(self.undo.len());
        self.taken_at = Some(self.undo.len());
        self.stale_base = false;
    }

    /// The file changed on disk and there were no edits: take the new text.
    pub fn replace(&mut self, text: String) {
        self.windows = None;
        self.last_in_request = None;
        self.loads_to_model = false;
        self.saved.clone_from(&text);
        self.text = text;
        self.undo.clear();
        self.redo.clear();
        self.saved_depth = Some(0);
        self.on_disk_now();
    }

    /// Where a request starts in the current text (1-based line), for `$EDITOR +LINE`.
    pub fn line_of(&self, request: &RequestPath) -> Option<usize> {
        let collection = parse_collection(&self.text, &self.path).ok()?;
        let at = request_location(&collection, request).ok()?;
        let map = crate::collection::source_map::SourceMap::new(&self.text);
        map.locate(&at, crate::collection::source_map::Target::Value, None, 0)
            .map(|lc| lc.line)
    }
}

#[cfg(test)]
mod tests {
    use super::Patch;

    #[test]
    fn a_patch_keeps_only_what_changed_and_takes_the_text_back_and_forth() {
        for (before, after) in [
            ("name: a\nurl: x\n", "name: a\nurl: xy\n"),
            ("abc", "abc"),
            ("", "all new"),
            ("gone", ""),
            // The shared start and end stop at whole characters.
            ("é: ü\n", "é: ö\n"),
            ("aaé", "aaè"),
            ("xé", "é"),
        ] {
            let patch = Patch::between(before, after);
            assert!(patch.old.len() <= before.len() && patch.new.len() <= after.len());
            let mut text = before.to_owned();
            patch.redo(&mut text);
            assert_eq!(text, after);
            patch.undo(&mut text);
            assert_eq!(text, before);
        }
        let patch = Patch::between("name: a\nurl: x\nrest\n", "name: a\nurl: yz\nrest\n");
        assert_eq!(
            (patch.at, patch.old.as_str(), patch.new.as_str()),
            (13, "x", "yz")
        );
    }
}
