//! The hex dump a body that is not text is shown as, one line per 16 bytes — the same for a
//! body held in memory and one read from its file.

/// One hex-dump line: the offset, up to 16 bytes in hex, and them as ASCII.
pub fn hex_line_of(chunk: &[u8], offset: u64) -> String {
    let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
    let ascii: String = chunk
        .iter()
        .map(|b| {
            if b.is_ascii_graphic() || *b == b' ' {
                char::from(*b)
            } else {
                '.'
            }
        })
        .collect();
    format!("{offset:08x}  {:<47}  {ascii}", hex.join(" "))
}
