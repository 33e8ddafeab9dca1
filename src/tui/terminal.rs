//! The real terminal: raw mode and the alternate screen on, mouse and bracketed paste, and
//! every way out restoring them — quitting, a panic, SIGTERM, SIGHUP, SIGINT or SIGQUIT from
//! outside, the terminal gone — with unsaved edits written beside their files when nobody
//! could be asked. `$EDITOR` gets the terminal for a while and gives it back.

use std::io::{self, Write as _};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use futures_util::Stream;
use ratatui::Terminal;
use tokio::sync::mpsc;

use crate::collection::Variables;
use crate::session::Workspace;
use crate::tui::event_loop::{Mailbox, drive};
use crate::tui::message::Msg;
use crate::tui::recovery;
use crate::tui::state::{App, Suspend};

/// What the TUI opens.
#[derive(Debug, Default)]
pub struct Options {
    pub overrides: Variables,
    pub environment: Option<String>,
    /// Shown in the status bar at start (e.g. "demo API on `http://127.0.0.1:8787`").
    pub message: Option<String>,
    /// The path opened, under which the session's state (environment, selection, folds,
    /// tabs) is remembered for the next one; none for sessions that should not remember.
    pub remember_as: Option<std::path::PathBuf>,
}

/// Reads from the history, off the UI thread, each request's last status (the tree shows
/// them when they arrive), the responses kept for chaining in the chosen environment (those
/// that have not expired), and the cookie jars of collections that keep one. A history that
/// cannot be read gives nothing.
fn read_the_past(app: &App, tx: tokio::sync::mpsc::UnboundedSender<Msg>) {
    type MaxAges = std::collections::HashMap<String, std::time::Duration>;
    type Environments = Vec<Option<String>>;
    let files: Vec<(usize, std::path::PathBuf, MaxAges, bool, Environments)> = app
        .workspace
        .collections
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let max_ages = c
                .requests()
                .into_iter()
                .filter_map(|(path, r)| Some((path.to_string(), r.options.or(c.defaults.options).max_age?)))
                .collect();
            let environments = std::iter::once(None)
                .chain(c.environments.keys().cloned().map(Some))
                .collect();
            (
                i,
                crate::history::file_key(&c.source),
                max_ages,
                c.cookies,
                environments,
            )
        })
        .collect();
    let environment = app.environment.clone();
    tokio::task::spawn_blocking(move || {
        let Some(store) = crate::history::default_path().and_then(|p| crate::history::Store::open(&p).ok())
        else {
            return;
        };
        let clock = crate::diagnosis::Clock::system();
        let (mut statuses, mut kept, mut expired, mut jars) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (collection, file, max_ages, cookies, environments) in files {
            if cookies {
                for (environment, json) in store.cookie_jars(&file).unwrap_or_default() {
                    jars.push((collection, environment, json));
                }
            }
            let id = |request: &str| {
                crate::session::RequestId::new(collection, crate::collection::RequestPath::parse(request))
            };
            for past in store.latest_per_request(&file).unwrap_or_default() {
                statuses.push((id(&past.request), past.status));
            }
            for env in environments {
                for (request, response) in store.kept_responses(&file, env.as_deref()).unwrap_or_default() {
                    let max_age = max_ages.get(&request).copied();
                    // Expiry is judged again each time the response is read; this says once
                    // why one of the chosen environment is not used from the start.
                    if env == environment
                        && let Some(why) = crate::session::expired(&response, max_age, &clock)
                    {
                        expired.push(format!("the kept response of {request} is not used: {why}"));
                    }
                    kept.push((
                        id(&request),
                        env.clone(),
                        crate::session::Kept { response, max_age },
                    ));
                }
            }
        }
        if !statuses.is_empty() || !kept.is_empty() || !expired.is_empty() || !jars.is_empty() {
            let _ = tx.send(Msg::Past {
                statuses,
                kept,
                expired,
                jars,
            });
        }
    });
}

/// Runs the TUI on the real terminal until the user quits. The terminal is restored on
/// exit, on panic and on a signal to stop; edits not saved when stopped from outside are written
/// beside their files.
pub async fn run(workspace: Workspace, options: Options) -> io::Result<Ended> {
    let (keymap, mut problems) = crate::tui::keymap::Keymap::load();
    let (theme, theme_problems) = crate::tui::theme::Theme::load(crate::tui::keymap::config_dir().as_deref());
    problems.extend(theme_problems);
    let mut app = App::new(workspace, keymap, options.overrides);
    app.theme = theme;
    app.resized = crate::tui::runner::remembered();
    app.environment = options.environment;
    let memory = options
        .remember_as
        .as_deref()
        .and_then(|opened| Some((crate::tui::memory::file()?, opened.to_path_buf())));
    if let Some(remembered) = memory
        .as_ref()
        .and_then(|(file, opened)| crate::tui::memory::recall(file, opened))
    {
        crate::tui::memory::restore(&mut app, remembered);
    }
    let mut mailbox = Mailbox::default();
    let watcher = watch(&app, mailbox.sender());
    read_the_past(&app, mailbox.sender());
    // The status bar's first line: what went wrong setting up, else what to know. Every
    // problem goes to the message log (`L`); the status bar shows the first.
    let first_problem = problems.first().cloned();
    let notice = watcher
        .as_ref()
        .err()
        .cloned()
        .or(first_problem)
        .or_else(|| recovery::notice(&app))
        .or(options.message);

    let mut terminal = ratatui::init();
    crossterm::execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    install_panic_hook();
    let size = terminal.size()?;
    mailbox.deliver(&mut app, Msg::Resize(size.width, size.height));
    for problem in problems.into_iter().skip(1) {
        mailbox.deliver(&mut app, Msg::Notice(problem));
    }
    // Said quietly, to the message log: the status bar's first line is for what matters more.
    if let Some(removed) = remove_stale_temporaries(&app) {
        mailbox.deliver(&mut app, Msg::Notice(removed));
    }
    if let Some(notice) = notice {
        mailbox.deliver(&mut app, Msg::Notice(notice));
    }
    // Unsaved edits an earlier session left behind: asked about first thing.
    if let Some((path, copy)) = recovery::first_copy(&app) {
        app.overlay =
            crate::tui::dialogs::Overlay::Confirm(crate::tui::dialogs::Confirm::recovered(&path, &copy));
    }
    let mut stop = terminate_signal();
    let result = loop {
        let events = crossterm::event::EventStream::new();
        if let Err(e) = drive(&mut terminal, &mut app, events, &mut stop, &mut mailbox, |_| {
            false
        })
        .await
        {
            break Err(e);
        }
        match app.suspend.clone() {
            None => break Ok(()),
            Some(Suspend::Editor { path, line }) => {
                // The event stream is gone (it would read the editor's keys); now the screen.
                if let Err(e) = suspend_terminal() {
                    break Err(e);
                }
                let outcome = open_editor(&path, line).await;
                // Dropping the event stream woke crossterm's shared reader; if nobody was
                // polling, that wake-up is still pending, and when it arrives in the same
                // batch as a key the reader returns early and the key waits for the next
                // one. Take it now, before there are keys to lose.
                let _ = crossterm::event::poll(std::time::Duration::ZERO);
                if let Err(e) = resume_terminal(&mut terminal) {
                    break Err(e);
                }
                mailbox.deliver(&mut app, Msg::EditorClosed { path, outcome });
            }
        }
    };
    drop(watcher);
    if let Some((file, opened)) = &memory {
        crate::tui::memory::keep(file, opened, crate::tui::memory::of(&app));
    }
    // Quitting asks about unsaved edits; only a stop from outside (or an error) leaves some.
    // They are written before the terminal is touched: with the terminal gone (SIGHUP),
    // restoring it fails, and nothing may come before the edits are safe.
    let unsaved = recovery::unsaved_texts(&app);
    let written = recovery::write(&unsaved);
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    report_recovery(&written);
    result.map(|()| {
        if unsaved.is_empty() {
            Ended::Quit
        } else {
            Ended::StoppedWithUnsavedEdits
        }
    })
}

/// Removes the temporary files saves of these collections left when killed mid-save, and
/// says which, if any.
fn remove_stale_temporaries(app: &App) -> Option<String> {
    let removed: Vec<String> = app
        .workspace
        .collections
        .iter()
        .flat_map(|c| crate::collection::store::remove_stale_temporaries(&c.source))
        .map(|path| path.display().to_string())
        .collect();
    (!removed.is_empty()).then(|| {
        format!(
            "removed what an interrupted save left behind: {}",
            removed.join(", ")
        )
    })
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit; nothing was left unsaved.
    Quit,
    /// Stopped from outside with edits not saved (they were written beside their files): a
    /// failure for whoever stopped it to see.
    StoppedWithUnsavedEdits,
}

fn report_recovery(written: &[(std::path::PathBuf, io::Result<std::path::PathBuf>)]) {
    for (path, written) in written {
        match written {
            Ok(copy) => {
                // A copy an earlier session left is never overwritten: say it is still there.
                let earlier = recovery::copies(path).len().saturating_sub(1);
                let kept = match earlier {
                    0 => String::new(),
                    1 => " (the copy an earlier session left is kept)".to_owned(),
                    n => format!(" (the {n} copies earlier sessions left are kept)"),
                };
                // Written, not printed: with the terminal gone, eprintln! would panic.
                let _ = writeln!(
                    io::stderr(),
                    "apibench: unsaved edits to {} were written to {}{kept}",
                    crate::sanitize::for_terminal(&path.display().to_string(), false),
                    crate::sanitize::for_terminal(&copy.display().to_string(), false)
                );
            }
            Err(e) => {
                let _ = writeln!(
                    io::stderr(),
                    "apibench: unsaved edits to {} were lost: {}",
                    crate::sanitize::for_terminal(&path.display().to_string(), false),
                    why_lost(path, e)
                );
            }
        }
    }
}

/// Why a copy of the edits to `path` could not be written: the directory, when it is the
/// problem (read-only or gone), named so the user knows what to fix.
fn why_lost(path: &std::path::Path, e: &io::Error) -> String {
    let dir = crate::collection::store::dir_of(path).display();
    match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            format!("the directory {dir} is read-only ({e})")
        }
        io::ErrorKind::NotFound => format!("the directory {dir} is gone ({e})"),
        _ => e.to_string(),
    }
}

/// Watches the collection files and the `.env` beside them, reporting changes into the
/// app's channel.
fn watch(app: &App, tx: mpsc::UnboundedSender<Msg>) -> Result<crate::collection::watch::Watcher, String> {
    let files = app.workspace.files();
    crate::collection::watch::Watcher::new(&files, std::time::Duration::from_millis(50), move |path| {
        let _ = tx.send(Msg::FileChanged(path));
    })
    .map_err(|e| format!("not watching the collection files for changes: {e}"))
}

fn suspend_terminal() -> io::Result<()> {
    crossterm::execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        crossterm::terminal::LeaveAlternateScreen
    )?;
    crossterm::terminal::disable_raw_mode()
}

/// Takes the terminal back after the editor. A new `Terminal` forgets what was on screen,
/// so the next draw repaints all of it (`Terminal::clear` would query the cursor position,
/// which a terminal just handed back may not answer in time).
fn resume_terminal(terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All),
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    *terminal = Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
    Ok(())
}

/// Runs the editor and waits for it (on a blocking thread: sends in flight go on).
async fn open_editor(path: &std::path::Path, line: usize) -> String {
    let editor = crate::external_editor::configured();
    let mut command = match crate::external_editor::command(&editor, path, line) {
        Ok(command) => command,
        Err(problem) => return problem.to_string(),
    };
    let status = tokio::task::spawn_blocking(move || command.status()).await;
    match status {
        Ok(Ok(status)) if status.success() => format!("back from {editor}; {} reloaded", path.display()),
        Ok(Ok(status)) => format!("{editor} exited with {status}; {} reloaded", path.display()),
        Ok(Err(e)) => format!("cannot run `{editor}`: {e} (set $EDITOR)"),
        Err(e) => format!("the editor did not finish: {e}"),
    }
}

/// ratatui's hook restores the screen; ours also stops mouse reporting, which would
/// otherwise keep printing escape codes into the shell after a crash.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The edits first: restoring a terminal that is gone can fail, and a panic inside
        // this hook would abort before they were written. (A lock held by the panicking
        // thread must not hang the way out: `remembered` does not wait for it.)
        let written = recovery::remembered().map(|unsaved| recovery::write(&unsaved));
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
        if let Some(written) = written {
            report_recovery(&written);
        }
    }));
}

/// Yields when the process is asked to stop (SIGTERM, SIGHUP, SIGINT, SIGQUIT); never on
/// other platforms.
fn terminate_signal() -> std::pin::Pin<Box<dyn Stream<Item = ()> + Send>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let each = |kind: SignalKind| {
            futures_util::stream::unfold(signal(kind).ok(), |mut listener| async move {
                match listener.as_mut() {
                    Some(l) => l.recv().await.map(|()| ((), listener)),
                    None => std::future::pending().await,
                }
            })
        };
        // Ctrl-C typed in the TUI is a key (raw mode turns the terminal's signal keys off);
        // SIGINT or SIGQUIT here was sent from outside, and means stop like SIGTERM.
        let kinds = [
            SignalKind::terminate(),
            SignalKind::hangup(),
            SignalKind::interrupt(),
            SignalKind::quit(),
        ];
        Box::pin(futures_util::stream::select_all(
            kinds.map(|kind| Box::pin(each(kind))),
        ))
    }
    #[cfg(not(unix))]
    {
        Box::pin(futures_util::stream::pending())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_directory_is_named_as_the_reason_edits_were_lost() {
        let path = std::path::Path::new("/srv/api/shop.yaml");
        for kind in [io::ErrorKind::PermissionDenied, io::ErrorKind::ReadOnlyFilesystem] {
            let why = why_lost(path, &io::Error::from(kind));
            assert!(why.starts_with("the directory /srv/api is read-only ("), "{why}");
        }
    }
}
