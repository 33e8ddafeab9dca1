//! Reading the response body: decoding gzip, br or deflate as it streams, stopping at
//! `max_body` or the deadline, counting the bytes on the wire, and telling transport errors
//! from decoding errors.

use std::sync::Arc;
use std::time::Instant;

use bytes::{Bytes, BytesMut};
use futures_util::TryStreamExt;
use tokio::io::AsyncReadExt;

use super::super::exchange::ResponseHead;

pub(super) enum BodyError {
    TooLarge,
    TimedOut,
    Transport(reqwest::Error),
    Decode(String),
}

/// Reads and decodes the body, stopping as soon as the decoded size passes `max`.
pub(super) async fn read_body(
    response: reqwest::Response,
    head: &ResponseHead,
    max: u64,
    deadline: Instant,
) -> Result<(Bytes, u64), BodyError> {
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
        if body.len() as u64 + n as u64 > max {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok((body.freeze(), wire.load(std::sync::atomic::Ordering::Relaxed)))
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
