//! A response as the fuzzers feed it: HTTP/1.1 message text, so the seeds are readable and
//! taken from the exchange corpus. `HTTP/1.1 401 Unauthorized`, header lines, a blank line,
//! the body (any bytes). Every part is optional: a first line that is not a status line is
//! a header line, and a header line without a colon is a name with an empty value.

/// A response read from fuzz input.
pub struct Message {
    pub version: String,
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Message {
    pub fn parse(data: &[u8]) -> Self {
        let (head, body) = match find(data, b"\n\n") {
            Some(at) => (&data[..at], &data[at + 2..]),
            None => (data, &[][..]),
        };
        let head = String::from_utf8_lossy(head);
        let mut lines = head.lines().peekable();
        let mut message = Message {
            version: "HTTP/1.1".to_owned(),
            status: 200,
            reason: String::new(),
            headers: Vec::new(),
            body: body.to_vec(),
        };
        if let Some(first) = lines.peek()
            && let Some(rest) = first.strip_prefix("HTTP/")
        {
            let mut words = rest.splitn(3, ' ');
            message.version = format!("HTTP/{}", words.next().unwrap_or_default());
            message.status = words.next().and_then(|s| s.trim().parse().ok()).unwrap_or(0);
            message.reason = words.next().unwrap_or_default().trim().to_owned();
            lines.next();
        }
        for line in lines {
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            message
                .headers
                .push((name.trim().to_owned(), value.trim().to_owned()));
        }
        message
    }

    #[allow(dead_code, reason = "not every target reads a header by name")]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
