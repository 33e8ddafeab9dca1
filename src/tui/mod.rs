//! The terminal UI. The only module that knows about ratatui and crossterm.
//!
//! ```text
//! key/mouse/resize ─► Msg ─► update(&mut App) ─► effects ─► Runner (tokio tasks)
//!        ▲                        │                              │
//!        │                  draw(&App) when changed              │
//!        └───────────── Msg::Sent / BodyReady / Tick ◄───────────┘
//! ```
//!
//! A request's life: `Send` → [`state::RequestState::Sending`] with a ticket → the runner's
//! task prepares and sends it → `Msg::Sent` → `update` drops it if the ticket is stale
//! (superseded or cancelled), stores the exchange, diagnoses it once, asks for the body to be
//! built off the UI thread → `Msg::BodyReady`. Nothing ticks while nothing is in flight or
//! counting down.
//!
//! Inside, modules point one way: leaves (`action`, `keymap`, `theme`, `highlight`,
//! `body_view`, `widgets`) ← `dialogs` (each one file: state, keys, answer, drawing) ←
//! `state` ← `layout` ← `update` (the only mutator) and `view` (draws, measures) ←
//! `message` / `runner` ← `event_loop` ← `terminal`.

pub mod action;
pub mod body_view;
mod clipboard;
pub mod dialogs;
mod event_loop;
pub mod hex_dump;
pub mod highlight;
pub mod keymap;
pub mod large_body;
pub mod layout;
mod memory;
pub mod message;
mod recovery;
mod runner;
pub mod state;
mod terminal;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod update;
pub mod view;
pub mod widgets;

pub use event_loop::{Mailbox, drive};
pub use terminal::{Ended, Options, run};
