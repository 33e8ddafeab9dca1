//! The files behind the collections: applying edits to their text, undo and redo, saving,
//! and what happens when a file changes on disk.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::collection::edit::rows::{RowsByRequest, carry_over};
use crate::collection::edit::{Applied, Document, Edit};
use crate::collection::store::{OnConflict, SaveError};
use crate::collection::{Collection, LoadError, RequestPath, parse_collection};
use crate::session::RequestId;
use crate::tui::action::Action;
use crate::tui::dialogs::{Confirm, Overlay, conflict_text};
use crate::tui::message::Effect;
use crate::tui::state::{App, Row, Suspend, selected_slots};

/// Reads a collection file's text the first time it is needed (to edit it, or to show its
/// switched-off rows), rather than every file at start-up. Should the file no longer hold
/// what was loaded, the workspace takes what it holds now: edits start from the disk.
pub fn open(app: &mut App, path: &Path) -> Result<(), String> {
    if app.editing.docs.contains_key(path) {
        return Ok(());
    }
    let doc = Document::load(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "{} is built into apibench and has no file to save to; run apibench where the file is to edit it",
            path.display()
        ),
        std::io::ErrorKind::InvalidData => format!("cannot edit {}: it is not UTF-8 text", path.display()),
        _ => format!("cannot edit {}: {e}", path.display()),
    })?;
    let loaded = parse_collection(&doc.text, path);
    let same = loaded.as_ref().is_ok_and(|c| {
        app.workspace
            .collections
            .iter()
            .any(|w| w.source == path && w == c)
    });
    let mut doc = doc;
    if loaded.is_ok() {
        // The workspace holds what the text loads to: it was the same, or it is put there now.
        doc.loads_to_model();
    }
    app.editing.docs.insert(path.to_path_buf(), doc);
    if !same {
        install(app, path, loaded);
    }
    Ok(())
}

/// Applies edits to collection `index` as one undo step; the workspace then shows the result.
/// A refused edit leaves everything as it was and says why.
pub fn apply(app: &mut App, index: usize, edits: &[Edit]) -> Result<(), String> {
    let Some(path) = app.collection(index).map(|c| c.source.clone()) else {
        return Err("that collection is gone".to_owned());
    };
    open(app, &path)?;
    let Some(doc) = app.editing.docs.get_mut(&path) else {
        return Err("that file is gone".to_owned());
    };
    let Some(at) = app.workspace.collections.iter().position(|c| c.source == path) else {
        return Err("that collection is gone".to_owned());
    };
    // The model is changed where it is held: an edit to one request changes that request
    // and nothing else, however long the file.
    let workspace = Arc::make_mut(&mut app.workspace);
    let applied = doc
        .apply_to(&mut workspace.collections[at], edits)
        .map_err(|e| format!("not changed: {e}"))?;
    match applied {
        Applied::Nothing => {
            app.message = Some("no change".to_owned());
            return Ok(());
        }
        Applied::Request(request) => {
            let method = workspace.collections[at].find(&request).map(|r| r.method.clone());
            if let Some(method) = method {
                app.tree.method_changed(at, &request, &method);
            }
            changed_in_request(app, &path, at, &request);
        }
        Applied::Whole => {
            // Everything may have changed: its problems, its OpenAPI description, every row.
            let collection = workspace.collections[at].clone();
            install(app, &path, Ok(collection));
        }
    }
    app.editing.undo_order.push(path.clone());
    app.editing.redo_order.clear();
    app.message = Some(format!("edited {}", file_name(&path)));
    Ok(())
}

/// The text changed in one request's lines only: the switched-off rows found for the file
/// before stay right everywhere else (moved by the change's length), and that request's are
/// read from its own lines, so no task parses the whole file again.
fn changed_in_request(app: &mut App, path: &Path, collection: usize, request: &RequestPath) {
    let was = app.editing.generation;
    app.editing.generation += 1;
    let Some(doc) = app.editing.docs.get(path) else {
        return;
    };
    let (Some(change), Some(at)) = (
        doc.last_in_request(),
        app.workspace.collections[collection].position(request),
    ) else {
        return;
    };
    let Some(own) = doc.switched_off_rows_of(&at) else {
        return;
    };
    let Some((found_at, rows)) = app.editing.disabled_cache.get_mut(path) else {
        return;
    };
    if *found_at != was {
        return;
    }
    if carry_over(rows, |offset| change.moved(offset), request, own) {
        *found_at = app.editing.generation;
    }
}

/// Shows a file's new state everywhere: workspace, tree, and the request pane's rows.
fn install(app: &mut App, path: &Path, loaded: Result<Collection, Vec<LoadError>>) {
    Arc::make_mut(&mut app.workspace).put_file(path, loaded);
    let workspace = Arc::clone(&app.workspace);
    app.tree.rebuild(&workspace);
    app.editing.generation += 1;
}

/// Takes back the latest edit in any file.
pub fn undo(app: &mut App) {
    step(app, true);
}

pub fn redo(app: &mut App) {
    step(app, false);
}

fn step(app: &mut App, back: bool) {
    let order = if back {
        &mut app.editing.undo_order
    } else {
        &mut app.editing.redo_order
    };
    let Some(path) = order.pop() else {
        app.message = Some(
            if back {
                "nothing to undo"
            } else {
                "nothing to redo"
            }
            .to_owned(),
        );
        return;
    };
    let Some(doc) = app.editing.docs.get_mut(&path) else {
        return;
    };
    let index = app.workspace.collections.iter().position(|c| c.source == path);
    // An edit made in one request's lines is taken back in them, and in that request of
    // the model: no whole-file load.
    let stepped = match index {
        Some(i) => {
            let model = &mut Arc::make_mut(&mut app.workspace).collections[i];
            if back {
                doc.undo_in(model)
            } else {
                doc.redo_in(model)
            }
        }
        None => (if back { doc.undo() } else { doc.redo() }).map(|what| (what, None)),
    };
    let Some((what, in_place)) = stepped else {
        return;
    };
    if back {
        app.editing.redo_order.push(path.clone());
    } else {
        app.editing.undo_order.push(path.clone());
    }
    if let (Some(index), Some(request)) = (index, in_place) {
        let method = app.workspace.collections[index]
            .find(&request)
            .map(|r| r.method.clone());
        if let Some(method) = method {
            app.tree.method_changed(index, &request, &method);
        }
        changed_in_request(app, &path, index, &request);
    } else {
        let loaded = parse_collection(&doc.text, &path);
        let before = index
            .map(|i| request_paths(&app.workspace.collections[i]))
            .unwrap_or_default();
        install(app, &path, loaded);
        if let Some(index) = index {
            follow_renames(app, index, &before);
        }
    }
    app.message = Some(format!(
        "{}: {what} ({})",
        if back { "undone" } else { "redone" },
        file_name(&path)
    ));
    // Back past taking the disk's version: these edits were made on the file as it was
    // before, so saving them must ask before writing over what is on disk now.
    let Some(doc) = app.editing.docs.get(&path) else {
        return;
    };
    if doc.predates_disk() {
        let disk = doc.saved.clone();
        app.editing.conflicts.insert(path.clone(), disk);
        let save = app.keymap.hint(Action::Save);
        app.message = Some(format!(
            "your edits are back, made on {} as it was before it changed on disk; {save} asks before writing over it",
            file_name(&path)
        ));
    } else if !doc.is_dirty() {
        app.editing.conflicts.remove(&path);
    }
}

/// Asks to save every file with unsaved edits. A file known to have changed on disk asks
/// what to do first.
pub fn save_all(app: &mut App) -> Vec<Effect> {
    let dirty = app.editing.dirty_files();
    if dirty.is_empty() {
        app.message = Some("nothing to save".to_owned());
        app.editing.quit_after_save = false;
        return Vec::new();
    }
    let mut effects = Vec::new();
    for path in dirty {
        if app.editing.conflicts.contains_key(&path) {
            ask_about_conflict(app, &path);
            continue;
        }
        effects.extend(save(app, &path, OnConflict::Stop));
    }
    effects
}

/// Saves one file; `OnConflict::Overwrite` once the user chose their version over the disk's.
pub fn save(app: &mut App, path: &Path, on_conflict: OnConflict) -> Option<Effect> {
    if app.editing.saving.contains_key(path) {
        // One save at a time per file; this one follows when the first is done.
        app.editing.save_again.insert(path.to_path_buf());
        return None;
    }
    let doc = app.editing.docs.get(path)?;
    app.editing.saving.insert(path.to_path_buf(), doc.text.clone());
    app.message = Some("saving…".to_owned());
    Some(Effect::Save {
        path: path.to_path_buf(),
        expected: doc.saved.clone(),
        text: doc.text.clone(),
        on_conflict,
    })
}

/// A save finished. Returns the save asked for while it ran, if any.
pub fn saved(app: &mut App, path: &Path, result: Result<(), SaveError>) -> Vec<Effect> {
    let Some(text) = app.editing.saving.remove(path) else {
        return Vec::new();
    };
    let again = app.editing.save_again.remove(path);
    match result {
        Ok(()) => {
            if let Some(doc) = app.editing.docs.get_mut(path) {
                doc.mark_saved_as(text.clone());
            }
            // A conflict noticed during the save stands unless the disk now holds our text.
            if std::fs::read_to_string(path).is_ok_and(|disk| disk == text) {
                app.editing.conflicts.remove(path);
            }
            app.message = Some(format!("saved {}", path.display()));
            if again && app.editing.is_dirty(path) {
                return save(app, path, OnConflict::Stop).into_iter().collect();
            }
            if app.editing.quit_after_save && app.editing.saving.is_empty() {
                if app.editing.dirty_files().is_empty() {
                    app.quit = true;
                } else {
                    // Edits made while saving: quitting now would lose them.
                    app.editing.quit_after_save = false;
                    app.message = Some("saved, but there are newer edits; not quitting".to_owned());
                }
            }
        }
        Err(SaveError::Conflict { on_disk, .. }) => {
            app.editing.conflicts.insert(path.to_path_buf(), on_disk);
            ask_about_conflict(app, path);
        }
        Err(error) => {
            app.editing.quit_after_save = false;
            app.message = Some(format!("not saved: {error}; your edits are kept"));
        }
    }
    Vec::new()
}

/// A watched file changed on disk (another editor, `git checkout`, our own save): a
/// collection, or the `.env` beside some.
pub fn file_changed(app: &mut App, path: &Path) {
    if Arc::make_mut(&mut app.workspace).reread_env(path) {
        // Resolved values (the preview, the next send) read it; a broken one is listed.
        let workspace = Arc::clone(&app.workspace);
        app.tree.rebuild(&workspace);
        app.editing.generation += 1;
        app.message = Some(match app.workspace.errors.iter().find(|e| e.path == path) {
            Some(error) => format!("{} changed on disk and has a problem: {error}", path.display()),
            None => format!("read {} again (changed on disk)", path.display()),
        });
        return;
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if app.editing.docs.contains_key(path) {
                let save = app.keymap.hint(Action::Save);
                app.message = Some(format!(
                    "{} was deleted on disk; its requests stay open here and {save} writes it again",
                    path.display()
                ));
            }
            return;
        }
        Err(e) => {
            app.message = Some(format!("cannot read {}: {e}", path.display()));
            return;
        }
    };
    if app.editing.saving.get(path) == Some(&text) {
        return; // our own save, reported before it finished
    }
    match app.editing.docs.get_mut(path) {
        Some(doc) if doc.saved == text => {
            // Nothing new: our own save, a touch, or the other change was taken back.
            app.editing.conflicts.remove(path);
            return;
        }
        Some(doc) if doc.text == text => {
            // Disk caught up with the edits here (the same change was saved elsewhere).
            doc.mark_saved();
            app.editing.conflicts.remove(path);
            return;
        }
        Some(doc) if doc.is_dirty() => {
            // Said, not asked: a question popping up mid-typing would take the next key as
            // its answer. Saving asks.
            app.editing.conflicts.insert(path.to_path_buf(), text);
            let save = app.keymap.hint(Action::Save);
            app.message = Some(format!(
                "{} changed on disk while you have unsaved edits to it; {save} lets you choose whose to keep",
                file_name(path)
            ));
            return;
        }
        Some(doc) => doc.replace(text.clone()),
        None => {
            app.editing.docs.insert(
                path.to_path_buf(),
                Document::new(path.to_path_buf(), text.clone()),
            );
        }
    }
    app.editing.undo_order.retain(|p| p != path);
    app.editing.redo_order.retain(|p| p != path);
    reload(app, path, &text);
}

/// Loads new text for a file that has no unsaved edits.
fn reload(app: &mut App, path: &Path, text: &str) {
    let loaded = parse_collection(text, path);
    app.message = Some(match &loaded {
        Ok(_) => format!("reloaded {} (changed on disk)", file_name(path)),
        Err(errors) => format!(
            "{} changed on disk and has a problem: {}",
            file_name(path),
            errors[0]
        ),
    });
    install(app, path, loaded);
}

/// The file as it is on disk now (it may have moved on since the conflict was seen), or
/// `None` with the status bar saying why the edits here are kept.
fn read_disk(app: &mut App, path: &Path) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) => {
            app.message = Some(format!(
                "cannot read {}: {e}; your edits are kept",
                path.display()
            ));
            None
        }
    }
}

/// Takes the version on disk in place of the edits here; undo brings the edits back.
pub fn take_theirs(app: &mut App, path: &Path) {
    app.editing.conflicts.remove(path);
    let Some(text) = read_disk(app, path) else {
        return;
    };
    if let Some(doc) = app.editing.docs.get_mut(path) {
        doc.take_from_disk(text.clone());
        app.editing.undo_order.push(path.to_path_buf());
        app.editing.redo_order.clear();
    }
    reload(app, path, &text);
    let undo = app.keymap.hint(Action::Undo);
    app.message = Some(format!(
        "took {} from disk; {undo} brings your edits back",
        file_name(path)
    ));
}

/// The file changed on disk under unsaved edits: make those edits again on its new text,
/// and say which could not be made (their place is gone). The result is unsaved.
pub fn reapply_mine(app: &mut App, path: &Path) {
    let Some(disk) = read_disk(app, path) else {
        return;
    };
    let Some(doc) = app.editing.docs.get_mut(path) else {
        return;
    };
    let Some(refused) = doc.reapply_on(disk) else {
        app.message = Some(
            "which edits are unsaved is not known here (undo went back past a save); reload or overwrite"
                .to_owned(),
        );
        return;
    };
    let text = doc.text.clone();
    app.editing.conflicts.remove(path);
    app.editing.undo_order.push(path.to_path_buf());
    app.editing.redo_order.clear();
    reload(app, path, &text);
    let save = app.keymap.hint(Action::Save);
    app.message = Some(if refused.is_empty() {
        format!(
            "made your edits again on {} as it is on disk; {save} saves",
            file_name(path)
        )
    } else {
        format!(
            "made your edits again on {} as it is on disk, except: {}; {save} saves",
            file_name(path),
            refused.join("; ")
        )
    });
}

/// Takes the unsaved edits an earlier session left in `copy` as unsaved edits of `path` (one
/// undo step), then deletes the copy.
pub fn restore_copy(app: &mut App, path: &Path, copy: &Path) {
    let text = match std::fs::read_to_string(copy) {
        Ok(text) => text,
        Err(e) => {
            app.message = Some(format!("cannot read {}: {e}", copy.display()));
            return;
        }
    };
    if let Err(why) = open(app, path) {
        app.message = Some(why);
        return;
    }
    if let Some(doc) = app.editing.docs.get_mut(path) {
        doc.replace_text(text.clone(), "restoring the edits of an earlier session");
        app.editing.undo_order.push(path.to_path_buf());
        app.editing.redo_order.clear();
    }
    reload(app, path, &text);
    let removed = std::fs::remove_file(copy);
    let save = app.keymap.hint(Action::Save);
    app.message = Some(match removed {
        Ok(()) => format!(
            "restored the edits of an earlier session to {}; {save} saves them",
            file_name(path)
        ),
        Err(e) => format!(
            "restored the edits to {}, but cannot delete {}: {e}",
            file_name(path),
            copy.display()
        ),
    });
}

/// Shows the conflict question, unless another dialog is open (then the status bar says it,
/// and saving asks).
fn ask_about_conflict(app: &mut App, path: &Path) {
    // A "save and quit" in progress is off: there is a decision to make first.
    app.editing.quit_after_save = false;
    if matches!(app.overlay, Overlay::None) {
        app.overlay = Overlay::Confirm(Confirm::conflict(path));
    } else {
        app.message = Some(conflict_text(path));
    }
}

/// Keeps the switched-off rows of the selected request's file current: after an edit or
/// reload they are found again on a task (a parse of the whole file), once per change;
/// moving through the tree, typing and ticks only look them up. Until they arrive the file
/// shows none.
pub fn refresh_disabled(app: &mut App) -> Option<Effect> {
    // The search reads the whole file again: on a long one it would take a core from the
    // first frame, so it starts once that frame is on screen.
    if !app.last_frame.drawn {
        return None;
    }
    let source = app
        .selected()
        .and_then(|(c, _)| app.collection(c))
        .map(|c| c.source.clone())?;
    let generation = app.editing.generation;
    let fresh = app
        .editing
        .disabled_cache
        .get(&source)
        .is_some_and(|(at, _)| *at == generation);
    if fresh || app.editing.disabled_asked.get(&source) == Some(&generation) {
        return None;
    }
    app.editing.disabled_asked.insert(source.clone(), generation);
    let text = app.editing.docs.get(&source).map(|doc| doc.text.clone());
    Some(Effect::FindSwitchedOff {
        source,
        generation,
        text,
    })
}

/// A file's switched-off rows arrived. Rows found for a text since changed are dropped (the
/// change asked again). A cursor put on a new row before they arrived stays on that row.
pub fn switched_off_found(app: &mut App, source: PathBuf, generation: u64, rows: RowsByRequest) {
    if generation != app.editing.generation {
        return;
    }
    app.editing.disabled_cache.insert(source, (generation, rows));
    let Some(row) = app.editing.cursor_follows.take() else {
        return;
    };
    let request = app
        .selected_id()
        .and_then(|id| app.workspace.request(&id).cloned());
    if let Some(at) = request.and_then(|r| selected_slots(app, &r).iter().position(|s| *s == row)) {
        app.editing.cursor = at;
    }
}

fn request_paths(collection: &Collection) -> Vec<RequestPath> {
    collection.requests().into_iter().map(|(p, _)| p).collect()
}

/// After an undo or redo, requests that only changed name or folder keep their state: the
/// paths that went away are paired, in order, with the paths that came, when their names
/// match (or there is just one of each).
fn follow_renames(app: &mut App, index: usize, before: &[RequestPath]) {
    let after = request_paths(&app.workspace.collections[index]);
    let gone: Vec<&RequestPath> = before.iter().filter(|p| !after.contains(p)).collect();
    let came: Vec<&RequestPath> = after.iter().filter(|p| !before.contains(p)).collect();
    if gone.len() != came.len() {
        return;
    }
    let paired = gone.len() == 1 || gone.iter().zip(&came).all(|(g, c)| g.0.last() == c.0.last());
    if paired {
        for (old, new) in gone.into_iter().zip(came) {
            rekey(app, index, &old.0, &new.0);
        }
    }
}

/// Forgets the state of deleted requests, so a new request of the same name starts clean.
pub fn forget(app: &mut App, collection: usize, prefix: &[String]) {
    app.requests.retain(|id, _| !id.is_within(collection, prefix));
    app.responses.forget(collection, prefix);
}

/// Moves per-request state (last response, flight) to a request's new path after a rename or
/// a move, for it and everything under it.
pub fn rekey(app: &mut App, collection: usize, old: &[String], new: &[String]) {
    if let Some(c) = app.workspace.collections.get(collection) {
        let file = crate::history::file_key(&c.source);
        app.history_moves.push((file, old.join("/"), new.join("/")));
    }
    move_keys(&mut app.past, collection, old, new);
    move_keys(&mut app.requests, collection, old, new);
}

/// Re-files the entries of `map` under `old` (a request or a folder) to `new`.
fn move_keys<V>(
    map: &mut std::collections::HashMap<RequestId, V>,
    collection: usize,
    old: &[String],
    new: &[String],
) {
    let moved: Vec<RequestId> = map
        .keys()
        .filter(|id| id.is_within(collection, old))
        .cloned()
        .collect();
    for id in moved {
        if let Some(value) = map.remove(&id) {
            let mut path = new.to_vec();
            path.extend(id.path.0.into_iter().skip(old.len()));
            map.insert(RequestId::new(collection, RequestPath(path)), value);
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Suspends the TUI to edit the file in `$VISUAL`/`$EDITOR` at the selected request, or at
/// the error of a file that failed to load.
pub fn open_editor(app: &mut App) {
    let (path, line) = match app.tree.selected_row() {
        Some(Row::Broken { error }) => (error.path.clone(), error.line.unwrap_or(1)),
        Some(Row::Request { collection, path, .. }) => {
            let Some(source) = app.collection(*collection).map(|c| c.source.clone()) else {
                return;
            };
            let line = app
                .editing
                .docs
                .get(&source)
                .and_then(|d| d.line_of(path))
                .unwrap_or(1);
            (source, line)
        }
        Some(
            Row::Collection {
                index: collection, ..
            }
            | Row::Folder { collection, .. },
        ) => {
            let Some(source) = app.collection(*collection).map(|c| c.source.clone()) else {
                return;
            };
            (source, 1)
        }
        None => return,
    };
    if app.editing.is_dirty(&path) {
        let save = app.keymap.hint(Action::Save);
        app.message = Some(format!(
            "{} has unsaved edits here; save them first ({save}) so the editor sees them",
            path.display()
        ));
        return;
    }
    if !path.is_file() {
        app.message = Some(format!("{} is not a file on disk", path.display()));
        return;
    }
    app.suspend = Some(Suspend::Editor { path, line });
}
