//! Carries out effects on tokio tasks and reports back as messages, so the UI never waits.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use crate::tui::body_view::{BodyView, SEARCH_LIMIT};
use crate::tui::message::{Effect, Msg};

#[derive(Debug)]
pub struct Runner {
    tx: UnboundedSender<Msg>,
    sends: HashMap<u64, JoinHandle<()>>,
    /// The history database, opened on first use by a blocking task and kept for the next.
    history: Arc<std::sync::Mutex<History>>,
    clipboard: crate::tui::clipboard::SystemClipboard,
}

/// The history database as the UI uses it: opened on first use; one that cannot be opened
/// is said once and then left alone for the session.
#[derive(Debug, Default)]
enum History {
    #[default]
    Unopened,
    Open(crate::history::Store),
    Unusable,
}

impl History {
    /// Runs `work` on the store, opening it first if need be; what to say when it failed
    /// (the opening only the first time).
    fn with(
        &mut self,
        work: impl FnOnce(&mut crate::history::Store) -> Result<(), crate::history::HistoryError>,
    ) -> Option<String> {
        if matches!(self, History::Unopened) {
            let opened = crate::history::default_path()
                .ok_or_else(|| "no data directory (set APIBENCH_DATA_DIR)".to_owned())
                .and_then(|path| crate::history::Store::open(&path).map_err(|e| e.to_string()));
            match opened {
                Ok(store) => *self = History::Open(store),
                Err(message) => {
                    *self = History::Unusable;
                    return Some(message);
                }
            }
        }
        match self {
            History::Open(store) => work(store).err().map(|e| e.to_string()),
            History::Unopened | History::Unusable => None,
        }
    }
}

impl Runner {
    pub fn new(tx: UnboundedSender<Msg>) -> Self {
        Self {
            tx,
            sends: HashMap::new(),
            history: Arc::default(),
            clipboard: crate::tui::clipboard::SystemClipboard::default(),
        }
    }

    pub fn run(&mut self, effect: Effect) {
        self.sends.retain(|_, task| !task.is_finished());
        let tx = self.tx.clone();
        match effect {
            Effect::Send {
                ticket,
                id,
                mut session,
                workspace,
            } => {
                let task = tokio::spawn(async move {
                    let results = session.send(&workspace, &id).await;
                    let _ = tx.send(Msg::Sent { ticket, id, results });
                });
                self.sends.insert(ticket, task);
            }
            Effect::Prepare {
                inputs,
                session,
                workspace,
            } => {
                // Preparing reads `file:` bodies from disk: not on the UI thread.
                tokio::task::spawn_blocking(move || {
                    let result = Box::new(session.prepare(&workspace, &inputs.request));
                    let _ = tx.send(Msg::Prepared { inputs, result });
                });
            }
            Effect::Remember(remembered) => {
                let history = Arc::clone(&self.history);
                tokio::task::spawn_blocking(move || {
                    let exchange = remembered.exchange();
                    let Ok(mut history) = history.lock() else { return };
                    let said = history.with(|store| store.record(&exchange).map(|_| ()));
                    if let Some(message) = said {
                        let _ = tx.send(Msg::Notice(format!("the history was not kept: {message}")));
                    }
                });
            }
            Effect::ListPast { request, file, path } => {
                let history = Arc::clone(&self.history);
                tokio::task::spawn_blocking(move || {
                    let Ok(mut history) = history.lock() else { return };
                    let mut entries = Vec::new();
                    let filter = crate::history::Filter {
                        request: Some(path),
                        file: Some(file),
                        limit: Some(200),
                        ..crate::history::Filter::default()
                    };
                    let said = history.with(|store| store.list(&filter).map(|found| entries = found));
                    if let Some(message) = said {
                        let _ = tx.send(Msg::Notice(format!("the history could not be read: {message}")));
                    }
                    let _ = tx.send(Msg::PastListed { request, entries });
                });
            }
            Effect::ReadPast { id, compare } => {
                let history = Arc::clone(&self.history);
                tokio::task::spawn_blocking(move || {
                    let Ok(mut history) = history.lock() else { return };
                    let mut read = None;
                    let said = history.with(|store| {
                        let (_, record) = store.get(id)?;
                        let compared = match compare {
                            Some(older) => {
                                let (_, before) = store.get(older)?;
                                Some((older, crate::history::diff::between(&before, &record).rows()))
                            }
                            None => None,
                        };
                        read = Some((record, compared));
                        Ok(())
                    });
                    match (read, said) {
                        (Some((record, compared)), _) => {
                            let _ = tx.send(Msg::PastRead { id, record, compared });
                        }
                        (None, Some(message)) => {
                            let _ = tx.send(Msg::Notice(format!("the history could not be read: {message}")));
                        }
                        (None, None) => {}
                    }
                });
            }
            Effect::WriteBody { path, body, spilled } => {
                tokio::task::spawn_blocking(move || {
                    // `create_new`: a file already there is never written over.
                    let written = std::fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&path)
                        .and_then(|mut file| match &spilled {
                            Some(spilled) => std::io::copy(&mut spilled.open()?, &mut file).map(drop),
                            None => std::io::Write::write_all(&mut file, &body),
                        });
                    let size = spilled.as_ref().map_or(body.len() as u64, |s| s.len);
                    let said = match written {
                        Ok(()) => format!(
                            "saved the body ({}) to {}",
                            crate::format::bytes(size),
                            path.display()
                        ),
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                            format!(
                                "{} already exists; nothing was written (choose another name)",
                                path.display()
                            )
                        }
                        Err(e) => format!("could not save the body to {}: {e}", path.display()),
                    };
                    let _ = tx.send(Msg::Notice(said));
                });
            }
            Effect::Copy(text) => {
                // On the loop's own thread, between two frames: the sequence cannot land in
                // the middle of one.
                if let Err(error) = crate::tui::clipboard::osc52(&text) {
                    let _ = tx.send(Msg::Notice(format!("could not copy: {error}")));
                }
                let told = tx.clone();
                self.clipboard.copy(text, move |why| {
                    let _ = told.send(Msg::Notice(why));
                });
            }
            Effect::KeepCookies {
                file,
                environment,
                at,
                jar,
            } => {
                let history = Arc::clone(&self.history);
                tokio::task::spawn_blocking(move || {
                    let Ok(mut history) = history.lock() else { return };
                    let said =
                        history.with(|store| store.keep_cookies(&file, environment.as_deref(), at, &jar));
                    if let Some(message) = said {
                        let _ = tx.send(Msg::Notice(format!("the cookies were not kept: {message}")));
                    }
                });
            }
            Effect::MoveHistory { file, from, to } => {
                let history = Arc::clone(&self.history);
                tokio::task::spawn_blocking(move || {
                    let Ok(mut history) = history.lock() else { return };
                    let said = history.with(|store| store.rename(&file, &from, &to).map(|_| ()));
                    if let Some(message) = said {
                        let _ = tx.send(Msg::Notice(format!(
                            "the history did not follow the rename: {message}"
                        )));
                    }
                });
            }
            Effect::Abort { ticket } => {
                // Dropping the engine's future closes its connection.
                if let Some(task) = self.sends.remove(&ticket) {
                    task.abort();
                }
            }
            Effect::BuildBody {
                ticket,
                id,
                body,
                spilled,
                content_type,
                secrets,
            } => {
                tokio::task::spawn_blocking(move || {
                    let view = Arc::new(BodyView::of_response_masked(
                        body,
                        spilled,
                        content_type.as_deref(),
                        &secrets,
                    ));
                    let _ = tx.send(Msg::BodyReady { ticket, id, view });
                });
            }
            Effect::FindSwitchedOff {
                source,
                generation,
                text,
            } => {
                tokio::task::spawn_blocking(move || {
                    let rows = crate::collection::edit::rows::disabled_rows_in_file(&source, text);
                    let _ = tx.send(Msg::SwitchedOffFound {
                        source,
                        generation,
                        rows,
                    });
                });
            }
            Effect::Search { view, query } => {
                tokio::task::spawn_blocking(move || {
                    let told = tx.clone();
                    let mut searched = |lines| {
                        let query = query.clone();
                        let _ = told.send(Msg::SearchProgress { query, lines });
                    };
                    let matches = view.search_reporting(&query, SEARCH_LIMIT, &mut searched);
                    let _ = tx.send(Msg::Searched { query, matches });
                });
            }
            Effect::Filter { view, expr } => {
                tokio::task::spawn_blocking(move || {
                    let result = view.filter(&expr);
                    let _ = tx.send(Msg::Filtered { expr, result });
                });
            }
            Effect::RememberLayout(sizing) => {
                // Best effort: a layout that cannot be remembered is not worth a message.
                tokio::task::spawn_blocking(move || remember(&sizing));
            }
            Effect::Save {
                path,
                expected,
                text,
                on_conflict,
            } => {
                // fsync can take a while on a slow disk; the UI goes on meanwhile.
                tokio::task::spawn_blocking(move || {
                    let result = crate::collection::store::save_text(&path, &expected, &text, on_conflict);
                    let _ = tx.send(Msg::Saved { path, result });
                });
            }
        }
    }
}

/// Where the pane sizes are remembered: `layout.yaml` in the config directory.
fn remembered_at() -> Option<std::path::PathBuf> {
    crate::tui::keymap::config_dir().map(|d| d.join("layout.yaml"))
}

/// The sizes and layout the user left last time, or the defaults.
pub fn remembered() -> crate::tui::state::Sizing {
    remembered_at()
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| serde_yaml::from_str(&text).ok())
        .unwrap_or_default()
}

/// Writes the sizes for the next session (atomically; a failure only loses the memory).
pub fn remember(sizing: &crate::tui::state::Sizing) {
    let Some(path) = remembered_at() else { return };
    let Ok(text) = serde_yaml::to_string(sizing) else {
        return;
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = crate::collection::store::save_text(
        &path,
        "",
        &text,
        crate::collection::store::OnConflict::Overwrite,
    );
}
