//! The terminal UI. The only module that knows about ratatui and crossterm.
//!
//! ```text
//! key/mouse/resize ─► Msg ─► update(&mut App) ─► effects ─► Runner (tokio tasks)
//!        ▲                        │                              │
//!        │                  draw(&App) when changed              │
//!        └───────────── Msg::Sent / BodyReady / Tick ◄───────────┘
//! ```
//!
//! A request's life: `Send` → [`app::Flight::Sending`] with a ticket → the runner's task
//! calls the engine → `Msg::Sent` → `update` drops it if the ticket is stale (superseded or
//! cancelled), stores the exchange, diagnoses it once, asks for the body to be built off the
//! UI thread → `Msg::BodyReady`. Nothing ticks while nothing is in flight or counting down.

pub mod action;
pub mod body_view;
pub mod edit;
pub mod highlight;
pub mod keymap;
pub mod layout;
pub mod message;
mod runner;
pub mod state;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod update;
pub mod view;

use std::io;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc;

use crate::collection::Variables;
use crate::session::Workspace;
use crate::tui::message::Msg;
use crate::tui::runner::Runner;
use crate::tui::state::App;

/// What the TUI opens.
#[derive(Debug, Default)]
pub struct Options {
    pub overrides: Variables,
    pub environment: Option<String>,
    /// Shown in the status bar at start (e.g. "demo API on `http://127.0.0.1:8787`").
    pub message: Option<String>,
}

/// Runs the TUI on the real terminal until the user quits. The terminal is restored on
/// exit, on panic and on SIGTERM; edits not saved when stopped from outside are written
/// beside their files.
pub async fn run(workspace: Workspace, options: Options) -> io::Result<()> {
    let (keymap, problems) = keymap::Keymap::load();
    let mut app = App::new(workspace, keymap, options.overrides);
    app.environment = options.environment;
    app.message = problems
        .into_iter()
        .next()
        .or_else(|| edit::recovery::notice(&app))
        .or(options.message);

    let mut mailbox = Mailbox::default();
    let watcher = watch(&app, mailbox.sender());
    if let Err(problem) = &watcher {
        app.message = Some(problem.clone());
    }

    let mut terminal = ratatui::init();
    crossterm::execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    install_panic_hook();
    let size = terminal.size()?;
    app.size = (size.width, size.height);
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
        match app.suspend.take() {
            None => break Ok(()),
            Some(crate::tui::state::Suspend::Editor { path, line }) => {
                // The event stream is gone (it would read the editor's keys); now the screen.
                if let Err(e) = suspend_terminal() {
                    break Err(e);
                }
                app.message = Some(open_editor(&path, line).await);
                // Dropping the event stream woke crossterm's shared reader; if nobody was
                // polling, that wake-up is still pending, and when it arrives in the same
                // batch as a key the reader returns early and the key waits for the next
                // one. Take it now, before there are keys to lose.
                let _ = crossterm::event::poll(std::time::Duration::ZERO);
                if let Err(e) = resume_terminal(&mut terminal) {
                    break Err(e);
                }
                let _ = mailbox.sender().send(Msg::FileChanged(path));
            }
        }
    };
    drop(watcher);
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    // Quitting asks about unsaved edits; only a stop from outside (or an error) leaves some.
    report_recovery(&edit::recovery::write(&edit::recovery::unsaved(&app)));
    result
}

fn report_recovery(written: &[(std::path::PathBuf, io::Result<std::path::PathBuf>)]) {
    for (path, written) in written {
        match written {
            Ok(copy) => eprintln!(
                "apibench: unsaved edits to {} were written to {}",
                path.display(),
                copy.display()
            ),
            Err(e) => eprintln!("apibench: unsaved edits to {} were lost: {e}", path.display()),
        }
    }
}

/// The unsaved texts as of the last edit, for the panic hook, which cannot reach the app.
static UNSAVED: std::sync::Mutex<Vec<(std::path::PathBuf, String)>> = std::sync::Mutex::new(Vec::new());

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
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
        // A lock held by the panicking thread must not hang the way out.
        if let Ok(unsaved) = UNSAVED.try_lock() {
            report_recovery(&edit::recovery::write(&unsaved));
        }
    }));
}

/// Yields when the process is asked to stop (SIGTERM, SIGHUP); never on other platforms.
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
        Box::pin(futures_util::stream::select(
            each(SignalKind::terminate()),
            each(SignalKind::hangup()),
        ))
    }
    #[cfg(not(unix))]
    {
        Box::pin(futures_util::stream::pending())
    }
}

/// The app's messages and the runner that produces them. It outlives one `drive` call (the
/// loop pauses while `$EDITOR` runs): results of work in flight arrive in the next call, and
/// sends in flight can still be cancelled.
#[derive(Debug)]
pub struct Mailbox {
    tx: mpsc::UnboundedSender<Msg>,
    rx: mpsc::UnboundedReceiver<Msg>,
    runner: Runner,
}

impl Default for Mailbox {
    fn default() -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        Self {
            runner: Runner::new(tx.clone()),
            tx,
            rx,
        }
    }
}

impl Mailbox {
    /// Where others (the file watcher, tests) send messages to the app.
    pub fn sender(&self) -> mpsc::UnboundedSender<Msg> {
        self.tx.clone()
    }
}

/// The loop, generic over backend and input so tests drive it without a terminal, running
/// until `done` holds (the app quitting, in production; a condition on the screen, in tests)
/// or the app asks to hand the terminal over (`app.suspend`). Draws only after something
/// changed; sleeps without a timer unless a request is in flight or a countdown is running.
pub async fn drive<B, E, S>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut events: E,
    stop: &mut S,
    mailbox: &mut Mailbox,
    done: impl Fn(&App) -> bool,
) -> io::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: Stream<Item = io::Result<Event>> + Unpin,
    S: Stream<Item = ()> + Unpin,
{
    let mut dirty = true;
    let mut generation = None;
    while !app.quit && app.suspend.is_none() && !done(app) {
        if dirty {
            terminal
                .draw(|frame| view::draw(frame, app))
                .map_err(io::Error::other)?;
            dirty = false;
        }
        let wakeup = app.next_wakeup(tokio::time::Instant::now().into_std());
        let tick = async {
            match wakeup {
                Some(at) => tokio::time::sleep_until(at.into()).await,
                None => std::future::pending().await,
            }
        };
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => match to_msg(event) {
                    Some(msg) => msg,
                    None => continue,
                },
                Some(Err(error)) => return Err(error),
                None => Msg::Terminate,
            },
            Some(msg) = mailbox.rx.recv() => msg,
            Some(()) = stop.next() => Msg::Terminate,
            () = tick => Msg::Tick,
        };
        for effect in update::update(app, msg) {
            mailbox.runner.run(effect);
        }
        dirty = true;
        // Refreshed when a text changes or a save starts or ends, not on every key.
        let now = (app.editing.generation, app.editing.saving.len());
        if generation != Some(now) {
            generation = Some(now);
            if let Ok(mut unsaved) = UNSAVED.lock() {
                *unsaved = edit::recovery::unsaved(app);
            }
        }
    }
    terminal
        .draw(|frame| view::draw(frame, app))
        .map_err(io::Error::other)?;
    Ok(())
}

fn to_msg(event: Event) -> Option<Msg> {
    match event {
        // Key releases and repeats arrive on some terminals; act on presses only.
        Event::Key(key) if key.kind == crossterm::event::KeyEventKind::Press => Some(Msg::Key(key)),
        // Clicks and the wheel only: mouse motion would redraw for nothing.
        Event::Mouse(mouse)
            if matches!(
                mouse.kind,
                crossterm::event::MouseEventKind::Down(_)
                    | crossterm::event::MouseEventKind::ScrollUp
                    | crossterm::event::MouseEventKind::ScrollDown
            ) =>
        {
            Some(Msg::Mouse(mouse))
        }
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        _ => None,
    }
}
