//! HTML character references, decoded the same way wherever an error page is read: the
//! common named ones and numeric ones; anything else stays as written.

/// Decodes the common named references and numeric ones; unknown ones stay as written.
pub(crate) fn decode_entities(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::decode_entities;

    #[test]
    fn named_numeric_and_unknown_references() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry &#65;&#x42; &bogus; &"),
            "Tom & Jerry AB &bogus; &"
        );
    }
}
