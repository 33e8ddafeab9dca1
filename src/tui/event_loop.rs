//! The loop, generic over backend and input so tests drive it without a terminal: an event
//! or a task's result becomes a message, `update` applies it at the time the loop read,
//! the runner carries out the effects, and the screen is drawn when something changed —
//! its measurements going back to `update` as a message of their own.

use std::io;

use crossterm::event::Event;
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc;

use crate::tui::message::Msg;
use crate::tui::runner::Runner;
use crate::tui::state::{App, Now};
use crate::tui::{recovery, update, view};

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

    /// Applies a message now, outside the loop (before it starts, or while the terminal is
    /// handed over), and sets its effects going.
    pub fn deliver(&mut self, app: &mut App, msg: Msg) {
        for effect in update::update(app, msg, Now::read()) {
            self.runner.run(effect);
        }
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
            let measured = draw(terminal, app)?;
            // What the frame measured changes nothing on screen: no redraw for it.
            for effect in update::update(app, Msg::Drawn(measured), Now::read()) {
                mailbox.runner.run(effect);
            }
            dirty = false;
        }
        let wakeup = app.next_wakeup(Now::read());
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
        for effect in update::update(app, msg, Now::read()) {
            mailbox.runner.run(effect);
        }
        dirty = true;
        // Refreshed when a text changes or a save starts or ends, not on every key.
        let edited = (app.editing.generation, app.editing.saving.len());
        if generation != Some(edited) {
            generation = Some(edited);
            recovery::remember(app);
        }
    }
    draw(terminal, app)?;
    Ok(())
}

/// Draws a frame and returns what it measured.
fn draw<B>(terminal: &mut Terminal<B>, app: &App) -> io::Result<crate::tui::state::LastFrame>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let mut measured = crate::tui::state::LastFrame::default();
    terminal
        .draw(|frame| measured = view::draw(frame, app))
        .map_err(io::Error::other)?;
    Ok(measured)
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
