//! The connection broke (`Reset` failures): when it broke and whether a retry is safe, HTTP/2
//! stream resets, an upload over the server's size limit, or TLS sent to a plain port
//! (`reset.*`).

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::reset;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::http::{Failure, Phase};

pub(super) fn reset_phase(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let sent = failure.request.as_ref().or(f.sent)?;
    let when = match failure.phase {
        Phase::Connect => "while connecting".to_owned(),
        Phase::WaitingForResponse => format!(
            "after the request ({}) was sent, before any response",
            quote::size(sent.body.len())
        ),
        Phase::ReadingBody => "while the body was being read".to_owned(),
        Phase::Build => "before sending".to_owned(),
    };
    let safe = if f.idempotent() {
        "safe to retry on a new connection"
    } else {
        "the server may have acted on it — check before retrying"
    };
    Some(Check::fail(
        reset::PHASE,
        format!("{} {when}; {} is {safe}", failure.message, f.method()),
    ))
}

pub(super) fn reset_h2(failure: &Failure) -> Option<Check> {
    let chain = failure.chain.join(" ");
    if chain.contains("REFUSED_STREAM") || chain.contains("GOAWAY") || chain.contains("go away") {
        return Some(Check::fail(reset::H2, "The server refused the HTTP/2 stream (REFUSED_STREAM / GOAWAY): the request was not processed and any method may be retried")
        .cite("RFC 9113 §8.7"));
    }
    let code = [
        "RST_STREAM",
        "stream error",
        "PROTOCOL_ERROR",
        "INTERNAL_ERROR",
        "CANCEL",
    ]
    .into_iter()
    .find(|c| chain.contains(c))?;
    Some(Check::fail(reset::H2, format!("HTTP/2 stream reset ({code})")))
}

pub(super) fn reset_upload_size(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let sent = failure.request.as_ref().or(f.sent)?;
    (sent.body.len() > 1_000_000 && failure.phase == Phase::WaitingForResponse).then(|| {
        Check::possible(
            reset::UPLOAD_SIZE,
            format!(
                "Reset while sending a {} body — the server may enforce a size limit (and skip the 413)",
                quote::size(sent.body.len())
            ),
        )
    })
}

pub(super) fn reset_tls_to_plain(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let url = f.url.as_ref()?;
    (url.scheme() == "https" && failure.phase == Phase::Connect && url.port().is_some_and(|p| p != 443)).then(|| {
        Check::possible(reset::TLS_TO_PLAIN, format!("Reset during the TLS handshake on port {} — the port may not speak TLS, or a firewall blocks SNI \"{}\"", url.port().unwrap_or_default(), f.host()))
    })
}
