//! Keeping a run's exchanges in the history while the run goes on, on a thread of its own.
//!
//! `apibench run` used to keep its exchanges at the end, all at once: opening the database,
//! a thousand inserts and the commit came after the last response, about 0.06 s on a run of
//! 1,000 GETs that took 0.11 s without them. Now each exchange is handed over as it is
//! printed and written while the next request is on the wire. The writer gathers what
//! arrives within [`WINDOW`] of the first and keeps it in one transaction: one commit for
//! many exchanges (a commit each made a fast run write four times the pages), while the
//! write lock the TUI may also want is held for one window's worth at a time, never for a
//! whole run. When the run ends the last ones are written at once, without waiting.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{HistoryError, NewExchange, Store};

/// How long the writer gathers exchanges before it writes them.
pub const WINDOW: Duration = Duration::from_millis(50);

/// The writer of one run's exchanges.
#[derive(Debug)]
pub struct Keeper {
    exchanges: Sender<NewExchange>,
    writer: JoinHandle<Result<(), HistoryError>>,
}

impl Keeper {
    /// Starts the writer on the database at `path` (opened on its thread, not the caller's).
    pub fn start(path: PathBuf) -> std::io::Result<Keeper> {
        let (exchanges, arriving) = channel();
        let writer = std::thread::Builder::new()
            .name("history".into())
            .spawn(move || write_as_they_come(&path, &arriving))?;
        Ok(Keeper { exchanges, writer })
    }

    /// Hands an exchange over to be kept.
    pub fn keep(&self, exchange: NewExchange) {
        // A writer that stopped (it could not open the database) says why at `finish`.
        let _ = self.exchanges.send(exchange);
    }

    /// Waits until every exchange handed over is written; the first error, if any.
    pub fn finish(self) -> Result<(), HistoryError> {
        drop(self.exchanges);
        self.writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

fn write_as_they_come(path: &std::path::Path, arriving: &Receiver<NewExchange>) -> Result<(), HistoryError> {
    let mut store = Store::open(path)?;
    let mut batch = Vec::new();
    while let Ok(first) = arriving.recv() {
        let began = Instant::now();
        batch.push(first);
        while let Some(left) = WINDOW.checked_sub(began.elapsed()) {
            match arriving.recv_timeout(left) {
                Ok(next) => batch.push(next),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        store.record_all(&batch)?;
        batch.clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;
    use crate::history::{Filter, Origin};

    fn exchange(n: u64) -> NewExchange {
        NewExchange {
            at: UNIX_EPOCH + Duration::from_secs(1_000 + n),
            file: "/c/run.yaml".into(),
            collection: "Run".into(),
            request: format!("r{n}"),
            environment: None,
            origin: Origin::Run,
            met: Some(true),
            record: serde_json::json!({"request": {"method": "GET", "url": "http://x/"}, "response": {"status": 200}}),
            response: None,
        }
    }

    #[test]
    fn every_exchange_handed_over_is_kept_by_the_time_the_run_finishes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.sqlite3");
        let keeper = Keeper::start(path.clone()).unwrap();
        for n in 0..300 {
            keeper.keep(exchange(n));
        }
        keeper.finish().unwrap();
        let kept = Store::open(&path).unwrap().list(&Filter::default()).unwrap();
        assert_eq!(kept.len(), 300);
        // Newest first: the order they were handed over in.
        assert_eq!(
            (kept[0].request.as_str(), kept[299].request.as_str()),
            ("r299", "r0")
        );
    }

    #[test]
    fn a_history_that_cannot_be_opened_is_said_at_the_end_and_costs_the_run_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("a-file");
        std::fs::write(&blocker, "").unwrap();
        let keeper = Keeper::start(blocker.join("h.sqlite3")).unwrap();
        keeper.keep(exchange(1));
        keeper.keep(exchange(2));
        assert!(keeper.finish().is_err());
    }
}
