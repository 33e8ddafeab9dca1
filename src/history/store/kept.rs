//! What later sessions pick up where this one left, kept whole and so sealed
//! ([`crate::history::sealed`]): the database holds no credential in the clear.
//! - The latest response of each request, for chaining across restarts: one row per
//!   collection file, request and environment.
//! - The cookie jar of each collection file and environment.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use rusqlite::params;
use serde_json::json;

use super::{COMPRESS_OVER, Store, gunzip, gzip, millis};
use crate::history::HistoryError;

/// Responses larger than this are not kept for chaining: a template reads a token or an id,
/// not a download.
pub const KEPT_LIMIT: usize = 1024 * 1024;

/// A kept cookie jar: its environment (`None`: no environment) and its JSON.
pub type KeptJar = (Option<String>, Vec<u8>);

/// A response as chaining reads it, and when it came.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptResponse {
    pub at: SystemTime,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: bytes::Bytes,
}

impl KeptResponse {
    /// What chaining needs of a finished exchange: its response, when the request left.
    pub fn of(outcome: Result<&crate::http::Outcome, &crate::request::PrepareError>) -> Option<KeptResponse> {
        let Ok(crate::http::Outcome::Response(exchange)) = outcome else {
            return None;
        };
        // Only a body held whole can be read from later (one spilled to disk is its start).
        if !exchange.response.body_is_whole() {
            return None;
        }
        Some(KeptResponse {
            at: exchange.timing.started_at,
            status: exchange.response.head.status,
            headers: exchange.response.head.headers.clone(),
            body: exchange.response.body.clone(),
        })
    }

    fn to_bytes(&self) -> Vec<u8> {
        let text = json!({
            "status": self.status,
            "headers": self.headers,
            "body_base64": base64::engine::general_purpose::STANDARD.encode(&self.body),
        });
        let bytes = serde_json::to_vec(&text).unwrap_or_default();
        // Compressing a few hundred bytes saves nothing and cost a run of 1,000 small GETs
        // a fifth of what keeping its history took (each gzip sets up its tables).
        if bytes.len() > COMPRESS_OVER {
            gzip(&bytes)
        } else {
            bytes
        }
    }

    fn from_bytes(at: SystemTime, bytes: &[u8]) -> Option<KeptResponse> {
        // Gzip's magic bytes, or the JSON itself (which starts with `{`).
        let value: serde_json::Value = if bytes.starts_with(&[0x1f, 0x8b]) {
            serde_json::from_slice(&gunzip(bytes)).ok()?
        } else {
            serde_json::from_slice(bytes).ok()?
        };
        let body = base64::engine::general_purpose::STANDARD
            .decode(value["body_base64"].as_str()?)
            .ok()?;
        Some(KeptResponse {
            at,
            status: u16::try_from(value["status"].as_u64()?).ok()?,
            headers: serde_json::from_value(value["headers"].clone()).ok()?,
            body: body.into(),
        })
    }
}

impl Store {
    /// Keeps `response` as the latest of `request` (sealed), replacing the one before.
    pub(super) fn keep_response(
        &self,
        file: &Path,
        request: &str,
        environment: Option<&str>,
        response: &KeptResponse,
    ) -> Result<(), HistoryError> {
        if response.body.len() > KEPT_LIMIT {
            return Ok(());
        }
        let sealer = self.sealer()?;
        // Cached: a run keeps the response of each of its requests, one after another.
        self.connection
            .prepare_cached(
                "INSERT INTO kept_response (file, request, environment, at_ms, sealed)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (file, request, environment) DO UPDATE
                 SET at_ms = excluded.at_ms, sealed = excluded.sealed
                 WHERE excluded.at_ms >= kept_response.at_ms",
            )
            .and_then(|mut statement| {
                statement.execute(params![
                    file.to_string_lossy(),
                    request,
                    environment.unwrap_or(""),
                    millis(response.at),
                    sealer.seal(&response.to_bytes()),
                ])
            })
            .map(|_| ())
            .map_err(|e| self.error(&e))
    }

    /// The kept responses of the collection file `file` in `environment`, by request path.
    /// One sealed with another key (the key file was deleted) is left out.
    pub fn kept_responses(
        &self,
        file: &Path,
        environment: Option<&str>,
    ) -> Result<Vec<(String, KeptResponse)>, HistoryError> {
        let key = self.sealer()?;
        let mut statement = self
            .connection
            .prepare("SELECT request, at_ms, sealed FROM kept_response WHERE file = ?1 AND environment = ?2")
            .map_err(|e| self.error(&e))?;
        let rows = statement
            .query_map(
                params![file.to_string_lossy(), environment.unwrap_or("")],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, Vec<u8>>(2)?,
                    ))
                },
            )
            .map_err(|e| self.error(&e))?;
        let mut kept = Vec::new();
        for row in rows {
            let (request, at_ms, sealed) = row.map_err(|e| self.error(&e))?;
            let at = UNIX_EPOCH + Duration::from_millis(u64::try_from(at_ms).unwrap_or(0));
            if let Some(response) = key
                .open(&sealed)
                .and_then(|plain| KeptResponse::from_bytes(at, &plain))
            {
                kept.push((request, response));
            }
        }
        Ok(kept)
    }

    /// Keeps the cookie jar (its JSON) of `file` in `environment`, as it was `at`, sealed,
    /// replacing the one before unless that one is newer.
    pub fn keep_cookies(
        &self,
        file: &Path,
        environment: Option<&str>,
        at: SystemTime,
        jar: &[u8],
    ) -> Result<(), HistoryError> {
        let sealer = self.sealer()?;
        self.connection
            .execute(
                "INSERT INTO cookie_jar (file, environment, at_ms, sealed) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (file, environment) DO UPDATE
                 SET at_ms = excluded.at_ms, sealed = excluded.sealed
                 WHERE excluded.at_ms >= cookie_jar.at_ms",
                params![
                    file.to_string_lossy(),
                    environment.unwrap_or(""),
                    millis(at),
                    sealer.seal(&gzip(jar)),
                ],
            )
            .map(|_| ())
            .map_err(|e| self.error(&e))
    }

    /// The cookie jars (their JSON) of `file`, by environment (`None`: no environment).
    pub fn cookie_jars(&self, file: &Path) -> Result<Vec<KeptJar>, HistoryError> {
        let key = self.sealer()?;
        let mut statement = self
            .connection
            .prepare("SELECT environment, sealed FROM cookie_jar WHERE file = ?1")
            .map_err(|e| self.error(&e))?;
        let rows = statement
            .query_map([file.to_string_lossy()], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, Vec<u8>>(1)?))
            })
            .map_err(|e| self.error(&e))?;
        let mut jars = Vec::new();
        for row in rows {
            let (environment, sealed) = row.map_err(|e| self.error(&e))?;
            if let Some(plain) = key.open(&sealed) {
                jars.push(((!environment.is_empty()).then_some(environment), gunzip(&plain)));
            }
        }
        Ok(jars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(body: &str) -> KeptResponse {
        KeptResponse {
            at: UNIX_EPOCH + std::time::Duration::from_secs(7),
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_owned().into(),
        }
    }

    #[test]
    fn a_kept_response_reads_back_small_or_large_and_as_earlier_versions_wrote_it() {
        let small = response(r#"{"token":"t"}"#);
        let large = response(&"x".repeat(4 * COMPRESS_OVER));
        for kept in [&small, &large] {
            let bytes = kept.to_bytes();
            assert_eq!(bytes.starts_with(&[0x1f, 0x8b]), kept.body.len() > COMPRESS_OVER);
            assert_eq!(KeptResponse::from_bytes(kept.at, &bytes).as_ref(), Some(kept));
        }
        // Earlier versions gzipped every one, however small.
        let earlier = gzip(&small.to_bytes());
        assert_eq!(KeptResponse::from_bytes(small.at, &earlier), Some(small));
    }
}
