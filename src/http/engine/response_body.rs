//! Reading the response body: decoding gzip, br or deflate as it streams, stopping at
//! `max_body` or the deadline, counting the bytes on the wire, and telling transport errors
//! from decoding errors.

use std::sync::Arc;
use std::time::Instant;

use bytes::{Bytes, BytesMut};
use futures_util::TryStreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::super::exchange::{HELD_OF_SPILLED, ResponseHead, SpilledBody};

pub(super) enum BodyError {
    TooLarge,
    TimedOut,
    Transport(reqwest::Error),
    Decode(String),
    /// The temporary file a large body goes to could not be written.
    Spill(String),
}

/// The body as read: held whole, or (past [`SPILL_AT`]) its start held and all of it on disk.
pub(super) struct ReadBody {
    pub body: Bytes,
    pub wire_bytes: u64,
    pub spilled: Option<SpilledBody>,
}

/// Reads and decodes the body, stopping as soon as the decoded size passes `max`. A body
/// that grows past `spill_at` goes on into a temporary file, so memory stays bounded
/// whatever its size.
pub(super) async fn read_body(
    response: reqwest::Response,
    head: &ResponseHead,
    max: u64,
    spill_at: u64,
    deadline: Instant,
) -> Result<ReadBody, BodyError> {
    let wire = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = Arc::clone(&wire);
    // Transport errors are smuggled through the io::Error the reader needs, then unwrapped.
    let stream = response
        .bytes_stream()
        .inspect_ok(move |chunk| {
            counter.fetch_add(chunk.len() as u64, std::sync::atomic::Ordering::Relaxed);
        })
        .map_err(std::io::Error::other);
    let reader = tokio_util::io::StreamReader::new(stream);
    let encoding = head
        .header("content-encoding")
        .map(|e| e.trim().to_ascii_lowercase());
    let mut decoded: Box<dyn tokio::io::AsyncRead + Unpin + Send> = match encoding.as_deref() {
        Some("gzip" | "x-gzip") => Box::new(async_compression::tokio::bufread::GzipDecoder::new(reader)),
        Some("br") => Box::new(async_compression::tokio::bufread::BrotliDecoder::new(reader)),
        Some("deflate") => Box::new(async_compression::tokio::bufread::ZlibDecoder::new(reader)),
        _ => Box::new(reader),
    };
    let mut body = BytesMut::new();
    let mut spill: Option<Spill> = None;
    let mut total: u64 = 0;
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let read = tokio::time::timeout_at(deadline.into(), decoded.read(&mut chunk))
            .await
            .map_err(|_| BodyError::TimedOut)?;
        let n = match read {
            Ok(n) => n,
            Err(e) => return Err(body_io_error(e, encoding.as_deref())),
        };
        if n == 0 {
            break;
        }
        if total + n as u64 > max {
            return Err(BodyError::TooLarge);
        }
        total += n as u64;
        let bytes = &chunk[..n];
        match &mut spill {
            Some(spill) => spill.write(bytes).await?,
            None if total > spill_at => {
                let mut started = Spill::start().await?;
                started.write(&body).await?;
                started.write(bytes).await?;
                body.truncate(HELD_OF_SPILLED);
                spill = Some(started);
            }
            None => body.extend_from_slice(bytes),
        }
    }
    let spilled = match spill {
        Some(spill) => Some(spill.finish(total).await?),
        None => None,
    };
    Ok(ReadBody {
        body: body.freeze(),
        wire_bytes: wire.load(std::sync::atomic::Ordering::Relaxed),
        spilled,
    })
}

/// A body being written to its temporary file.
struct Spill {
    file: tokio::io::BufWriter<tokio::fs::File>,
    path: tempfile::TempPath,
}

impl Spill {
    async fn start() -> Result<Self, BodyError> {
        let named =
            tokio::task::spawn_blocking(|| tempfile::Builder::new().prefix("apibench-body-").tempfile())
                .await
                .map_err(|e| BodyError::Spill(e.to_string()))?
                .map_err(|e| BodyError::Spill(e.to_string()))?;
        let (file, path) = named.into_parts();
        Ok(Self {
            file: tokio::io::BufWriter::with_capacity(1024 * 1024, tokio::fs::File::from_std(file)),
            path,
        })
    }

    async fn write(&mut self, bytes: &[u8]) -> Result<(), BodyError> {
        self.file
            .write_all(bytes)
            .await
            .map_err(|e| BodyError::Spill(e.to_string()))
    }

    async fn finish(mut self, len: u64) -> Result<SpilledBody, BodyError> {
        self.file
            .flush()
            .await
            .map_err(|e| BodyError::Spill(e.to_string()))?;
        Ok(SpilledBody::new(self.path, len))
    }
}

/// The reader's error: a transport error smuggled through it, unwrapped again in one
/// downcast; anything else is the decoder's complaint about the bytes.
fn body_io_error(error: std::io::Error, encoding: Option<&str>) -> BodyError {
    let detail = error.to_string();
    let transport = error
        .into_inner()
        .map(<dyn std::error::Error + Send + Sync>::downcast::<reqwest::Error>);
    match transport {
        Some(Ok(transport)) => BodyError::Transport(*transport),
        _ => BodyError::Decode(format!(
            "the body could not be decoded as {}: {detail}",
            encoding.unwrap_or("sent")
        )),
    }
}
