//! A small HTML reader: the text of the first `<title>` or `<h1>`, tags dropped, and character
//! references decoded.
//!
//! Separate because it is text processing, not detection: the title goes into the evidence
//! and the decoder also serves Akamai's entity-encoded reference numbers.

/// The text of the first `<tag>` element, or `None` when absent or blank.
pub(super) fn element_text(body: &str, lower: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}");
    let after_name = lower
        .match_indices(&open)
        .map(|(at, _)| at + open.len())
        .find(|&i| {
            matches!(
                lower.as_bytes().get(i),
                Some(b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'/')
            )
        })?;
    let content = after_name + lower.get(after_name..)?.find('>')? + 1;
    let end = lower
        .get(content..)?
        .find(&format!("</{tag}"))
        .map_or(lower.len(), |e| content + e);
    let text = decode_entities(&strip_tags(body.get(content..end)?));
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// Replaces each tag by a space, so `<span>Error</span><span>1020</span>` reads "Error 1020".
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Decodes the common named references and numeric ones; unknown ones stay as written.
pub(super) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let decoded = after
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| Some((entity(after.get(..semi)?)?, semi)));
        if let Some((c, semi)) = decoded {
            out.push(c);
            rest = after.get(semi + 1..).unwrap_or_default();
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}
