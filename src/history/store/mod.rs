//! The history database: every finished exchange, from the TUI and from `run`, in SQLite
//! (the bundled library: a fresh machine needs nothing installed). A row holds what lists
//! and filters read (when, which request, status, time, first failing check) and the
//! exchange itself in the serialized form of [`super::record`] — masked before it gets
//! here, so no credential is ever written — gzip-compressed when large.
//!
//! The schema is versioned with SQLite's `user_version` (`rusqlite_migration`); each
//! migration is tested from an empty file and from the version before it.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, params};
use rusqlite_migration::{M, Migrations};

pub use kept::{KEPT_LIMIT, KeptResponse};

use super::sealed::{self, Sealer};

mod kept;

/// Records larger than this are stored gzip-compressed.
const COMPRESS_OVER: usize = 16 * 1024;

/// The schema, one migration per version; never edit one that shipped, add another.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        // 1: the exchanges.
        M::up(
            "CREATE TABLE exchange (
            id INTEGER PRIMARY KEY,
            at_ms INTEGER NOT NULL,
            file TEXT NOT NULL,
            collection TEXT NOT NULL,
            request TEXT NOT NULL,
            environment TEXT,
            origin TEXT NOT NULL,
            method TEXT NOT NULL,
            url TEXT NOT NULL,
            status INTEGER,
            failure TEXT,
            duration_ms REAL,
            first_fail TEXT,
            met INTEGER,
            record BLOB NOT NULL,
            record_gzip INTEGER NOT NULL,
            bytes INTEGER NOT NULL
        );
        CREATE INDEX exchange_by_request ON exchange(file, request, at_ms);
        CREATE INDEX exchange_by_time ON exchange(at_ms);",
        ),
        // 2: a request's exchanges found by its path alone (`history list -r "Auth/Log in"`).
        M::up("CREATE INDEX exchange_by_path ON exchange(request, at_ms);"),
        // 3: the latest response of each request, sealed, for chaining across restarts.
        M::up(
            "CREATE TABLE kept_response (
            file TEXT NOT NULL,
            request TEXT NOT NULL,
            environment TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            sealed BLOB NOT NULL,
            PRIMARY KEY (file, request, environment)
        );",
        ),
        // 4: the cookie jar of each collection and environment, sealed.
        M::up(
            "CREATE TABLE cookie_jar (
            file TEXT NOT NULL,
            environment TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            sealed BLOB NOT NULL,
            PRIMARY KEY (file, environment)
        );",
        ),
    ])
}

/// Why the history could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("cannot create {}: {error}", path.display())]
    Folder { path: PathBuf, error: std::io::Error },
    #[error("history database {}: {error}", path.display())]
    Database { path: PathBuf, error: String },
    #[error("no exchange #{0} in the history")]
    NoSuchExchange(i64),
}

/// Which face sent it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Tui,
    Run,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Tui => "tui",
            Origin::Run => "run",
        }
    }
}

/// One exchange to keep: where it belongs and its masked record.
#[derive(Debug, Clone)]
pub struct NewExchange {
    pub at: SystemTime,
    /// The collection file, as loaded (absolute when it can be).
    pub file: PathBuf,
    pub collection: String,
    /// The request's path inside its collection: `Auth/Log in`.
    pub request: String,
    pub environment: Option<String>,
    pub origin: Origin,
    /// Whether it met its expectation, when one was checked (`run`).
    pub met: Option<bool>,
    /// The result in the form of [`super::record::result_json`], already masked.
    pub record: serde_json::Value,
    /// The response as it came, unmasked, kept sealed for chaining after a restart.
    pub response: Option<KeptResponse>,
}

/// A stored exchange without its record: what lists show.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub id: i64,
    pub at: SystemTime,
    pub file: PathBuf,
    pub collection: String,
    pub request: String,
    pub environment: Option<String>,
    pub origin: String,
    pub method: String,
    pub url: String,
    pub status: Option<u16>,
    pub failure: Option<String>,
    pub duration: Option<Duration>,
    /// The first failing check: `401.creds-sent Credentials were sent`.
    pub first_fail: Option<String>,
    pub met: Option<bool>,
    /// Bytes the row's record takes on disk.
    pub bytes: u64,
}

/// Which exchanges to list; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The request's path, or `collection/path`: exact (case matters, looked up in an
    /// index), or with `*` and `?` as wildcards in any case.
    pub request: Option<String>,
    /// A status (`404`), a class (`4xx`) or `failed` (no response).
    pub status: Option<String>,
    pub since: Option<SystemTime>,
    pub file: Option<PathBuf>,
    /// At most this many, newest first.
    pub limit: Option<usize>,
}

/// What pruning keeps.
#[derive(Debug, Clone, Copy)]
pub struct Prune {
    /// The records' total size to get under, oldest removed first.
    pub max_bytes: u64,
    /// The last this many of each request are kept whatever their age or size.
    pub keep_per_request: usize,
    /// Anything older goes (except the kept ones).
    pub older_than: Option<Duration>,
}

impl Default for Prune {
    fn default() -> Self {
        Self {
            max_bytes: 256 * 1024 * 1024,
            keep_per_request: 5,
            older_than: None,
        }
    }
}

/// The history database.
#[derive(Debug)]
pub struct Store {
    connection: Connection,
    path: PathBuf,
    /// The key kept responses are sealed with, or why there is none.
    sealer: Result<Sealer, String>,
}

impl Store {
    /// Opens (creating it and its folder if need be) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Store, HistoryError> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|error| HistoryError::Folder {
                path: folder.to_path_buf(),
                error,
            })?;
        }
        let db = |error: String| HistoryError::Database {
            path: path.to_path_buf(),
            error,
        };
        let mut connection = Connection::open(path).map_err(|e| db(e.to_string()))?;
        // Masked or not, what was sent and received is nobody else's: owner only, like the
        // key beside it (SQLite gives its -wal and -shm files the database's permissions).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        // Writers from the TUI and a `run` in another terminal take turns instead of failing.
        connection
            .busy_timeout(Duration::from_secs(5))
            .map_err(|e| db(e.to_string()))?;
        connection
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| db(e.to_string()))?;
        // With WAL, NORMAL loses nothing on a crash of apibench, only on a power cut.
        connection
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| db(e.to_string()))?;
        // Two processes creating the file at once both see version 0; the one that loses
        // finds the schema made when it tries again.
        let mut migrated = migrations().to_latest(&mut connection);
        if migrated.is_err() {
            migrated = migrations().to_latest(&mut connection);
        }
        migrated.map_err(|e| db(e.to_string()))?;
        let key = sealed::key_path(path);
        let sealer = Sealer::open_or_create(&key).map_err(|e| format!("{}: {e}", key.display()));
        Ok(Store {
            connection,
            path: path.to_path_buf(),
            sealer,
        })
    }

    fn sealer(&self) -> Result<&Sealer, HistoryError> {
        self.sealer.as_ref().map_err(|error| HistoryError::Database {
            path: self.path.clone(),
            error: error.clone(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, error: &impl ToString) -> HistoryError {
        HistoryError::Database {
            path: self.path.clone(),
            error: error.to_string(),
        }
    }

    /// Keeps many exchanges at once, in one transaction (a `run`'s results).
    pub fn record_all(&mut self, exchanges: &[NewExchange]) -> Result<(), HistoryError> {
        self.connection
            .execute_batch("BEGIN")
            .map_err(|e| self.error(&e))?;
        for exchange in exchanges {
            if let Err(error) = self.record(exchange) {
                let _ = self.connection.execute_batch("ROLLBACK");
                return Err(error);
            }
        }
        self.connection
            .execute_batch("COMMIT")
            .map_err(|e| self.error(&e))
    }

    /// Keeps one exchange; returns its id.
    pub fn record(&mut self, exchange: &NewExchange) -> Result<i64, HistoryError> {
        let r = &exchange.record;
        let text = serde_json::to_vec(r).unwrap_or_default();
        let (blob, gzip) = if text.len() > COMPRESS_OVER {
            (gzip(&text), true)
        } else {
            (text, false)
        };
        let status = r["response"]["status"].as_i64();
        let failure = r["error"]["kind"].as_str();
        let duration = r["response"]["elapsed_ms"].as_f64();
        let first_fail = r["diagnosis"]["checks"]
            .as_array()
            .and_then(|checks| checks.iter().find(|c| c["verdict"] == "fail"))
            .map(|c| {
                format!(
                    "{} {}",
                    c["id"].as_str().unwrap_or(""),
                    c["label"].as_str().unwrap_or("")
                )
            });
        // Cached: a run records its exchanges one after another, and SQLite parsing the
        // same statement again for each was a fifth of what recording cost.
        self.connection
            .prepare_cached(
                "INSERT INTO exchange (at_ms, file, collection, request, environment, origin, method,
                    url, status, failure, duration_ms, first_fail, met, record, record_gzip, bytes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )
            .and_then(|mut statement| {
                statement.execute(params![
                    millis(exchange.at),
                    exchange.file.to_string_lossy(),
                    exchange.collection,
                    exchange.request,
                    exchange.environment,
                    exchange.origin.as_str(),
                    r["request"]["method"].as_str().unwrap_or(""),
                    r["request"]["url"].as_str().unwrap_or(""),
                    status,
                    failure,
                    duration,
                    first_fail,
                    exchange.met,
                    blob,
                    gzip,
                    i64::try_from(blob.len()).unwrap_or(i64::MAX),
                ])
            })
            .map_err(|e| self.error(&e))?;
        let id = self.connection.last_insert_rowid();
        // Best effort: without a usable key the exchange is still kept, only not for
        // chaining after a restart.
        if let Some(response) = &exchange.response {
            let _ = self.keep_response(
                &exchange.file,
                &exchange.request,
                exchange.environment.as_deref(),
                response,
            );
        }
        Ok(id)
    }

    /// The exchanges `filter` selects, newest first.
    pub fn list(&self, filter: &Filter) -> Result<Vec<Summary>, HistoryError> {
        let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM exchange WHERE 1 = 1");
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(since) = filter.since {
            sql.push_str(" AND at_ms >= ?");
            args.push(Box::new(millis(since)));
        }
        if let Some(file) = &filter.file {
            sql.push_str(" AND file = ?");
            args.push(Box::new(file.to_string_lossy().into_owned()));
        }
        // A path without wildcards is looked up in the index: one request's exchanges come
        // back at once however long the history is.
        if let Some(exact) = filter.request.as_deref().filter(|p| !p.contains(['*', '?'])) {
            // `request = exact OR (collection = prefix AND request = rest)`, written so that
            // SQLite seeks the (file, request) or (request) index for both names.
            let (collection, path) = exact.split_once('/').unwrap_or(("", exact));
            sql.push_str(" AND request IN (?, ?) AND (request = ? OR collection = ?)");
            args.push(Box::new(exact.to_owned()));
            args.push(Box::new(path.to_owned()));
            args.push(Box::new(exact.to_owned()));
            args.push(Box::new(collection.to_owned()));
        }
        sql.push_str(" ORDER BY at_ms DESC, id DESC");
        let mut statement = self.connection.prepare(&sql).map_err(|e| self.error(&e))?;
        let rows = statement
            .query_map(
                rusqlite::params_from_iter(args.iter().map(AsRef::as_ref)),
                summary,
            )
            .map_err(|e| self.error(&e))?;
        let pattern = filter
            .request
            .as_ref()
            .map(|p| wildmatch::WildMatch::new_case_insensitive(p));
        let mut found = Vec::new();
        if filter.limit == Some(0) {
            return Ok(found);
        }
        for row in rows {
            let s = row.map_err(|e| self.error(&e))?;
            let by_request = pattern.as_ref().is_none_or(|p| {
                p.matches(&s.request) || p.matches(&format!("{}/{}", s.collection, s.request))
            });
            let by_status = filter
                .status
                .as_deref()
                .is_none_or(|wanted| status_matches(wanted, &s));
            if by_request && by_status {
                found.push(s);
                if filter.limit.is_some_and(|limit| found.len() >= limit) {
                    break;
                }
            }
        }
        Ok(found)
    }

    /// One exchange, with its record.
    pub fn get(&self, id: i64) -> Result<(Summary, serde_json::Value), HistoryError> {
        let row = self
            .connection
            .query_row(
                &format!("SELECT {SUMMARY_COLUMNS}, record, record_gzip FROM exchange WHERE id = ?1"),
                [id],
                |row| {
                    let s = summary(row)?;
                    let blob: Vec<u8> = row.get(16)?;
                    let gzip: bool = row.get(17)?;
                    Ok((s, blob, gzip))
                },
            )
            .optional()
            .map_err(|e| self.error(&e))?;
        let Some((s, blob, gzip)) = row else {
            return Err(HistoryError::NoSuchExchange(id));
        };
        let text = if gzip { gunzip(&blob) } else { blob };
        let record = serde_json::from_slice(&text).map_err(|e| self.error(&e))?;
        Ok((s, record))
    }

    /// The latest exchange of each request of the collection file `file`, by request path:
    /// what the tree shows at start-up.
    pub fn latest_per_request(&self, file: &Path) -> Result<Vec<Summary>, HistoryError> {
        let mut statement = self
            .connection
            .prepare(&format!(
                // One index range per request (file, request, at_ms): fast however long the
                // history is.
                "SELECT {SUMMARY_COLUMNS} FROM exchange AS e JOIN (
                    SELECT request AS r, MAX(at_ms) AS latest FROM exchange WHERE file = ?1 GROUP BY request
                 ) ON e.file = ?1 AND e.request = r AND e.at_ms = latest
                 ORDER BY e.id DESC"
            ))
            .map_err(|e| self.error(&e))?;
        let rows = statement
            .query_map([file.to_string_lossy()], summary)
            .map_err(|e| self.error(&e))?;
        let mut latest: Vec<Summary> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for row in rows {
            let s = row.map_err(|e| self.error(&e))?;
            // Two sent in the same millisecond: the later one (higher id, first here) wins.
            if seen.insert(s.request.clone()) {
                latest.push(s);
            }
        }
        Ok(latest)
    }

    /// Moves the history of `old` to `new` (a request renamed or moved in the TUI); a
    /// folder's path moves every request under it. Returns how many exchanges moved.
    pub fn rename(&mut self, file: &Path, old: &str, new: &str) -> Result<usize, HistoryError> {
        let file = file.to_string_lossy();
        // SQLite's substr and length count characters: `Café` is 4 long there.
        let moved = self
            .connection
            .execute(
                "UPDATE exchange SET request = ?3 || substr(request, length(?2) + 1)
                 WHERE file = ?1 AND (request = ?2 OR substr(request, 1, length(?2) + 1) = ?2 || '/')",
                params![file, old, new],
            )
            .map_err(|e| self.error(&e))?;
        self.connection
            .execute(
                "UPDATE OR REPLACE kept_response SET request = ?3 || substr(request, length(?2) + 1)
                 WHERE file = ?1 AND (request = ?2 OR substr(request, 1, length(?2) + 1) = ?2 || '/')",
                params![file, old, new],
            )
            .map_err(|e| self.error(&e))?;
        Ok(moved)
    }

    /// Removes the oldest exchanges until `policy` holds, always keeping the last
    /// `keep_per_request` of each request. Returns (exchanges removed, bytes freed).
    pub fn prune(&mut self, policy: Prune, now: SystemTime) -> Result<(usize, u64), HistoryError> {
        let transaction = self
            .connection
            .transaction()
            .map_err(|e| HistoryError::Database {
                path: self.path.clone(),
                error: e.to_string(),
            })?;
        let keep = i64::try_from(policy.keep_per_request).unwrap_or(i64::MAX);
        // Candidates, oldest first: every exchange but the last N of its request.
        let candidates: Vec<(i64, i64, i64)> = {
            let mut statement = transaction
                .prepare(
                    "SELECT id, bytes, at_ms FROM (
                        SELECT id, bytes, at_ms, ROW_NUMBER() OVER (
                            PARTITION BY file, request ORDER BY at_ms DESC, id DESC) AS newer
                        FROM exchange)
                     WHERE newer > ?1 ORDER BY at_ms ASC, id ASC",
                )
                .map_err(|e| database(&self.path, &e))?;
            statement
                .query_map([keep], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
                .map_err(|e| database(&self.path, &e))?
                .collect::<Result<_, _>>()
                .map_err(|e| database(&self.path, &e))?
        };
        let mut total: i64 = transaction
            .query_row("SELECT COALESCE(SUM(bytes), 0) FROM exchange", [], |row| {
                row.get(0)
            })
            .map_err(|e| database(&self.path, &e))?;
        let cutoff = policy
            .older_than
            .map(|age| millis(now.checked_sub(age).unwrap_or(UNIX_EPOCH)));
        let max_bytes = i64::try_from(policy.max_bytes).unwrap_or(i64::MAX);
        let (mut removed, mut freed) = (0, 0_u64);
        for (id, bytes, at_ms) in candidates {
            let too_old = cutoff.is_some_and(|c| at_ms < c);
            if total <= max_bytes && !too_old {
                continue;
            }
            transaction
                .execute("DELETE FROM exchange WHERE id = ?1", [id])
                .map_err(|e| database(&self.path, &e))?;
            total = total.saturating_sub(bytes);
            removed += 1;
            freed += u64::try_from(bytes).unwrap_or(0);
        }
        transaction.commit().map_err(|e| database(&self.path, &e))?;
        if removed > 0 {
            // Give the space back to the file system.
            let _ = self.connection.execute_batch("VACUUM");
        }
        Ok((removed, freed))
    }
}

const SUMMARY_COLUMNS: &str = "id, at_ms, file, collection, request, environment, origin, method, url, \
     status, failure, duration_ms, first_fail, met, bytes, record_gzip";

fn summary(row: &rusqlite::Row<'_>) -> rusqlite::Result<Summary> {
    let at_ms: i64 = row.get(1)?;
    let file: String = row.get(2)?;
    let duration: Option<f64> = row.get(11)?;
    let bytes: i64 = row.get(14)?;
    Ok(Summary {
        id: row.get(0)?,
        at: UNIX_EPOCH + Duration::from_millis(u64::try_from(at_ms).unwrap_or(0)),
        file: PathBuf::from(file),
        collection: row.get(3)?,
        request: row.get(4)?,
        environment: row.get(5)?,
        origin: row.get(6)?,
        method: row.get(7)?,
        url: row.get(8)?,
        status: row.get(9)?,
        failure: row.get(10)?,
        duration: duration.map(|ms| Duration::from_secs_f64(ms.max(0.0) / 1000.0)),
        first_fail: row.get(12)?,
        met: row.get(13)?,
        bytes: u64::try_from(bytes).unwrap_or(0),
    })
}

fn database(path: &Path, error: &impl ToString) -> HistoryError {
    HistoryError::Database {
        path: path.to_path_buf(),
        error: error.to_string(),
    }
}

/// `404`, `4xx` or `failed`.
fn status_matches(wanted: &str, s: &Summary) -> bool {
    let wanted = wanted.trim().to_ascii_lowercase();
    match (wanted.as_str(), s.status) {
        ("failed", status) => status.is_none(),
        (class, Some(status)) if class.len() == 3 && class.ends_with("xx") => {
            class[..1] == (status / 100).to_string()
        }
        (exact, Some(status)) => exact == status.to_string(),
        (_, None) => false,
    }
}

fn millis(at: SystemTime) -> i64 {
    at.duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = flate2::read::GzDecoder::new(bytes).read_to_end(&mut out);
    out
}

#[cfg(test)]
mod tests;
