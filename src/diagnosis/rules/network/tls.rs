//! The TLS handshake failed (`Tls` failures): plain HTTP on the port, the certificate's name,
//! issuer or validity, a handshake alert, or a proxy re-signing the traffic (`tls.*`).

use crate::diagnosis::Check;
use crate::diagnosis::catalogue::tls;
use crate::diagnosis::facts::Facts;
use crate::diagnosis::quote;
use crate::http::Failure;

pub(super) fn tls_kind(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let chain = failure.chain.join(" | ");
    let lower = chain.to_ascii_lowercase();
    let host = f.host();
    let port = f
        .url
        .as_ref()
        .and_then(url::Url::port_or_known_default)
        .unwrap_or(443);
    let (spec, text) = if lower.contains("invalidcontenttype")
        || lower.contains("wrong version number")
        || lower.contains("corrupt message")
    {
        (
            tls::PLAIN_PORT,
            format!("{host}:{port} answered in plain HTTP, not TLS — use http:// or the TLS port"),
        )
    } else if lower.contains("notvalidforname")
        || lower.contains("not valid for name")
        || lower.contains("hostname mismatch")
    {
        let detail = chain.split("valid for").nth(1).map_or(String::new(), |d| {
            format!(" (valid for{})", quote::text(d.trim_end_matches(['"', ')'])))
        });
        (
            tls::HOSTNAME,
            format!(
                "The certificate does not cover {host}{detail}; a wildcard covers one label only, and IP addresses need IP SANs"
            ),
        )
    } else if lower.contains("unknownissuer")
        || lower.contains("unknown issuer")
        || lower.contains("self-signed")
        || lower.contains("self signed")
    {
        (
            tls::UNKNOWN_ISSUER,
            format!(
                "The certificate for {host} is signed by an issuer this machine does not trust (self-signed, private CA, or a TLS-inspecting proxy)"
            ),
        )
    } else if lower.contains("expired") {
        (
            tls::VALIDITY,
            format!("The certificate for {host} has expired (or this machine's clock is wrong)"),
        )
    } else if lower.contains("notvalidyet") || lower.contains("not valid yet") {
        (
            tls::VALIDITY,
            format!("The certificate for {host} is not valid yet — check this machine's clock"),
        )
    } else if lower.contains("alert") {
        let alert = chain.split("alert:").nth(1).map_or("an alert", str::trim);
        let hint = if lower.contains("certificaterequired") || lower.contains("certificate required") {
            ": the server needs a client certificate (mTLS)"
        } else if lower.contains("protocolversion") {
            ": no common TLS version (rustls supports TLS 1.2 and 1.3)"
        } else {
            ""
        };
        (
            tls::ALERT,
            format!("Server rejected the handshake ({alert}){hint}"),
        )
    } else {
        (
            tls::HANDSHAKE,
            format!("TLS with {host} failed: {}", quote::text(&failure.message)),
        )
    };
    Some(Check::fail(spec, text))
}

pub(super) fn tls_proxy_mitm(f: &Facts<'_>, failure: &Failure) -> Option<Check> {
    let proxy = f.sent?.proxy.as_ref()?;
    let lower = failure.chain.join(" ").to_ascii_lowercase();
    (lower.contains("unknownissuer") || lower.contains("unknown issuer")).then(|| {
        Check::possible(tls::PROXY_MITM, format!("Traffic goes via {}; it likely re-signs TLS with its own CA — add that CA to this machine's trust store", proxy.url))
    })
}
