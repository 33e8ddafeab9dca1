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
pub mod app;
pub mod body;
pub mod highlight;
pub mod keymap;
pub mod layout;
pub mod msg;
mod runner;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod tree;
pub mod update;
pub mod view;

use std::io;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event};
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc;

use self::app::App;
use self::msg::Msg;
use self::runner::Runner;
use crate::collection::Variables;
use crate::session::Workspace;

/// What the TUI opens.
#[derive(Debug, Default)]
pub struct Options {
    pub overrides: Variables,
    pub environment: Option<String>,
    /// Shown in the status bar at start (e.g. "demo API on `http://127.0.0.1:8787`").
    pub message: Option<String>,
}

/// Runs the TUI on the real terminal until the user quits. The terminal is restored on
/// exit, on panic and on SIGTERM.
pub async fn run(workspace: Workspace, options: Options) -> io::Result<()> {
    let (keymap, problems) = keymap::Keymap::load();
    let mut app = App::new(workspace, keymap, options.overrides);
    app.environment = options.environment;
    app.message = problems.into_iter().next().or(options.message);

    let mut terminal = ratatui::init();
    crossterm::execute!(io::stdout(), EnableMouseCapture)?;
    install_panic_hook();
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    let result = event_loop(
        &mut terminal,
        &mut app,
        crossterm::event::EventStream::new(),
        terminate_signal(),
    )
    .await;
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// ratatui's hook restores the screen; ours also stops mouse reporting, which would
/// otherwise keep printing escape codes into the shell after a crash.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
        previous(info);
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

/// The loop, generic over backend and input so tests drive it without a terminal. Draws
/// only after something changed; sleeps without a timer unless a request is in flight or a
/// countdown is running.
pub async fn event_loop<B, E, S>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: E,
    stop: S,
) -> io::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: Stream<Item = io::Result<Event>> + Unpin,
    S: Stream<Item = ()> + Unpin,
{
    let (tx, rx) = mpsc::unbounded_channel();
    drive(terminal, app, events, stop, tx, rx, |_| false).await
}

/// [`event_loop`] with a message channel the caller can also send into, running until
/// `done` holds (the app quitting, in production; a condition on the screen, in tests).
pub async fn drive<B, E, S>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut events: E,
    mut stop: S,
    tx: mpsc::UnboundedSender<Msg>,
    mut rx: mpsc::UnboundedReceiver<Msg>,
    done: impl Fn(&App) -> bool,
) -> io::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: Stream<Item = io::Result<Event>> + Unpin,
    S: Stream<Item = ()> + Unpin,
{
    let mut runner = Runner::new(tx);
    let mut dirty = true;
    while !app.quit && !done(app) {
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
            Some(msg) = rx.recv() => msg,
            Some(()) = stop.next() => Msg::Terminate,
            () = tick => Msg::Tick,
        };
        for effect in update::update(app, msg) {
            runner.run(effect);
        }
        dirty = true;
    }
    terminal
        .draw(|frame| view::draw(frame, app))
        .map_err(io::Error::other)?;
    Ok(())
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "events are moved out of the stream one by one"
)]
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
        _ => None,
    }
}
