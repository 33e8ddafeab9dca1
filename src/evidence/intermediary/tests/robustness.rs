//! Pseudo-random headers and bodies: never a panic, and the result stays consistent.

use super::*;

/// A deterministic xorshift generator, so a failure reproduces.
fn next(seed: &mut u64) -> usize {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    usize::try_from(*seed % 1024).unwrap_or(0)
}

#[test]
fn no_panic_on_pseudo_random_input() {
    const PIECES: &[&str] = &[
        "<title>",
        "</title",
        "<h1",
        ">",
        "<hr><center>",
        "</center>",
        "&#35;",
        "&",
        ";",
        "reference #1",
        "error code 52",
        "{\"message\":\"",
        "\"}",
        "cloudflare",
        "guru meditation",
        "é",
        "😀",
        " ",
        "\n",
        "<",
    ];
    const NAMES: &[&str] = &[
        "Via",
        "Server",
        "CF-Ray",
        "X-Cache",
        "x-kong-a",
        "x-envoy-",
        "content-type",
        "",
    ];
    let mut seed = 0x0123_4567_89ab_cdef_u64;
    for _ in 0..400 {
        let len = next(&mut seed) % 30;
        let text: String = (0..len).map(|_| PIECES[next(&mut seed) % PIECES.len()]).collect();
        let mut bytes = text.clone().into_bytes();
        bytes.truncate(next(&mut seed) % (bytes.len() + 1)); // may split a UTF-8 sequence
        let hdrs = headers(&[
            (NAMES[next(&mut seed) % NAMES.len()], text.as_str()),
            (
                NAMES[next(&mut seed) % NAMES.len()],
                PIECES[next(&mut seed) % PIECES.len()],
            ),
        ]);
        let got = fingerprint(&hdrs, None, &bytes);
        match got.kind {
            GeneratorKind::Application => assert_eq!((&got.who, got.cdn_code), (&None, None)),
            GeneratorKind::Intermediary | GeneratorKind::PassedThrough => assert!(got.who.is_some()),
            GeneratorKind::Unrecognised => {}
        }
        let _ = html_title(&text);
    }
}
