//! Looking at a body too large to hold (one spilled to a temporary file by the engine): a
//! 1 GB export or log is shown, scrolled and searched with memory independent of its size.
//!
//! One pass over the file builds a sparse index: where every [`EVERY`]th line starts, and the
//! nesting depth there. Drawing a line re-reads the file from the mark before it, so a frame
//! costs what a few hundred lines cost. JSON (and NDJSON: one value per line) is pretty-printed
//! the way the in-memory view prints it (two spaces, `"key": value`, `[]` for empty
//! containers), strings and numbers as they were written; anything else is shown as its lines;
//! bytes that are not UTF-8 as a hex dump.

use std::io::{Read, Seek, SeekFrom};
use std::sync::Mutex;

use crate::http::SpilledBody;

/// A mark is kept for every this many lines.
const EVERY: usize = 256;

/// A line longer than this is cut, with `…` (nothing on screen is that wide).
const LONGEST_LINE: usize = 16 * 1024;

/// A search says how far it got every this many lines.
pub const PROGRESS_EVERY: usize = 1 << 20;

/// Read size for the index pass and for drawing.
const CHUNK: usize = 1024 * 1024;

/// How a large body is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LargeKind {
    Json,
    Text,
    Binary,
}

/// Where a line starts: enough to resume printing from there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    offset: u64,
    depth: u32,
}

/// A body on disk, indexed for viewing.
#[derive(Debug)]
pub struct LargeBody {
    pub file: SpilledBody,
    pub kind: LargeKind,
    /// Why it is shown as it is (JSON that does not parse is shown as text).
    pub note: Option<String>,
    line_count: usize,
    /// The mark of lines 0, EVERY, 2·EVERY, …
    marks: Vec<Mark>,
    /// The lines drawn last (a window of up to two marks' worth), by first line.
    window: Mutex<(usize, Vec<String>)>,
}

/// Bytes per hex-dump line, as the in-memory view has them.
const HEX_WIDTH: u64 = 16;

impl LargeBody {
    /// Indexes the file: one pass over it. `looks_json` is what the start of the body and its
    /// content type say.
    pub fn index(file: SpilledBody, looks_json: bool) -> std::io::Result<LargeBody> {
        let mut sniff = vec![0u8; 64 * 1024];
        let mut reader = file.open()?;
        let got = read_full(&mut reader, &mut sniff)?;
        sniff.truncate(got);
        let utf8 = match std::str::from_utf8(&sniff) {
            Ok(_) => true,
            // A character cut at the end of the sample is still text.
            Err(e) => e.error_len().is_none(),
        };
        if !utf8 {
            let line_count = usize::try_from(file.len.div_ceil(HEX_WIDTH)).unwrap_or(usize::MAX);
            return Ok(Self::with(file, LargeKind::Binary, None, line_count, Vec::new()));
        }
        if looks_json {
            match json_marks(file.open()?)? {
                Ok((line_count, marks)) => {
                    return Ok(Self::with(file, LargeKind::Json, None, line_count, marks));
                }
                Err(why) => {
                    let note = Some(format!("not valid JSON ({why}); shown as received"));
                    let (line_count, marks) = text_marks(file.open()?)?;
                    return Ok(Self::with(file, LargeKind::Text, note, line_count, marks));
                }
            }
        }
        let (line_count, marks) = text_marks(file.open()?)?;
        Ok(Self::with(file, LargeKind::Text, None, line_count, marks))
    }

    fn with(
        file: SpilledBody,
        kind: LargeKind,
        note: Option<String>,
        line_count: usize,
        marks: Vec<Mark>,
    ) -> Self {
        LargeBody {
            file,
            kind,
            note,
            line_count,
            marks,
            window: Mutex::new((0, Vec::new())),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_count
    }

    /// Line `i`, read from the file (from the window drawn last when it holds it).
    pub fn line(&self, i: usize) -> String {
        if i >= self.line_count {
            return String::new();
        }
        if let Ok(window) = self.window.lock()
            && let Some(line) = i.checked_sub(window.0).and_then(|at| window.1.get(at))
        {
            return line.clone();
        }
        let first = i - i % EVERY;
        let lines = self.lines_from(first, 2 * EVERY).unwrap_or_default();
        let line = lines.get(i - first).cloned().unwrap_or_default();
        if let Ok(mut window) = self.window.lock() {
            *window = (first, lines);
        }
        line
    }

    /// Up to `count` lines from line `first`, which starts at a mark (a multiple of EVERY).
    fn lines_from(&self, first: usize, count: usize) -> std::io::Result<Vec<String>> {
        let mut out = Vec::with_capacity(count);
        match self.kind {
            LargeKind::Binary => {
                let mut file = self.file.open()?;
                file.seek(SeekFrom::Start(first as u64 * HEX_WIDTH))?;
                let mut bytes = vec![0u8; count * 16];
                let got = read_full(&mut file, &mut bytes)?;
                for (n, chunk) in bytes[..got].chunks(16).enumerate() {
                    out.push(crate::tui::hex_dump::hex_line_of(
                        chunk,
                        (first + n) as u64 * HEX_WIDTH,
                    ));
                }
            }
            LargeKind::Text => {
                let mark = self.marks[first / EVERY];
                let mut file = self.file.open()?;
                file.seek(SeekFrom::Start(mark.offset))?;
                each_text_line(file, |line| {
                    out.push(line);
                    out.len() < count
                })?;
            }
            LargeKind::Json => {
                let mark = self.marks[first / EVERY];
                let mut file = self.file.open()?;
                file.seek(SeekFrom::Start(mark.offset))?;
                let mut printer = Printer::new(Source::new(file), mark.depth);
                printer.run(|line| {
                    out.push(line);
                    out.len() < count
                })?;
            }
        }
        Ok(out)
    }

    /// Every match of `query` (case-insensitive) as (line, byte column), at most `limit`: one
    /// pass over the file, holding a line at a time. `searched` hears how many lines are done,
    /// every [`PROGRESS_EVERY`] lines.
    pub fn search(&self, query: &str, limit: usize, searched: &mut dyn FnMut(usize)) -> Vec<(usize, usize)> {
        if query.is_empty() {
            return Vec::new();
        }
        let needle = query.to_lowercase();
        let mut found = Vec::new();
        let mut number = 0;
        let mut look = |line: String| {
            let more = matches_on_line(&line, &needle, number, &mut found, limit);
            number += 1;
            if number.is_multiple_of(PROGRESS_EVERY) {
                searched(number);
            }
            more
        };
        let Ok(file) = self.file.open() else {
            return Vec::new();
        };
        let _ = match self.kind {
            LargeKind::Json => Printer::new(Source::new(file), 0).run(&mut look),
            LargeKind::Text => each_text_line(file, &mut look),
            LargeKind::Binary => {
                for i in 0..self.line_count {
                    if !look(self.line(i)) {
                        break;
                    }
                }
                Ok(())
            }
        };
        found
    }
}

/// Adds the matches of `needle` (lower case) on `line` (line `number`) to `found`, as (line,
/// byte column), case-insensitively; false once `found` holds `limit`.
pub fn matches_on_line(
    line: &str,
    needle: &str,
    number: usize,
    found: &mut Vec<(usize, usize)>,
    limit: usize,
) -> bool {
    let haystack = line.to_lowercase();
    let mut from = 0;
    while let Some(at) = haystack[from..].find(needle) {
        found.push((number, from + at));
        if found.len() >= limit {
            return false;
        }
        from += at + needle.len().max(1);
    }
    true
}

fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match reader.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// Every line of a text file, cut at [`LONGEST_LINE`], to `each` until it says stop.
fn each_text_line(file: std::fs::File, mut each: impl FnMut(String) -> bool) -> std::io::Result<()> {
    let mut reader = std::io::BufReader::with_capacity(CHUNK, file);
    let mut line = Vec::new();
    loop {
        line.clear();
        // Read at most a little past the cut: a line of a gigabyte is not held.
        let limit = (LONGEST_LINE + 1) as u64;
        let read = std::io::BufRead::read_until(&mut (&mut reader).take(limit), b'\n', &mut line)?;
        if read == 0 {
            return Ok(());
        }
        let ended = line.last() == Some(&b'\n');
        if !ended && line.len() > LONGEST_LINE {
            // Skip the rest of an overlong line.
            skip_past_newline(&mut reader)?;
        }
        let text = cut(&line);
        if !each(text) {
            return Ok(());
        }
    }
}

fn skip_past_newline(reader: &mut impl std::io::BufRead) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(at) = memchr::memchr(b'\n', buf) {
            reader.consume(at + 1);
            return Ok(());
        }
        let n = buf.len();
        reader.consume(n);
    }
}

/// A line's bytes as text: without its line ending, cut at [`LONGEST_LINE`] with `…`.
fn cut(line: &[u8]) -> String {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.len() > LONGEST_LINE {
        let mut text = String::from_utf8_lossy(&line[..LONGEST_LINE]).into_owned();
        text.push('…');
        text
    } else {
        String::from_utf8_lossy(line).into_owned()
    }
}

/// Line count and marks of a text file: where every [`EVERY`]th line starts.
fn text_marks(mut file: std::fs::File) -> std::io::Result<(usize, Vec<Mark>)> {
    let mut marks = vec![Mark { offset: 0, depth: 0 }];
    let mut buf = vec![0u8; CHUNK];
    let mut base = 0u64;
    let mut newlines = 0usize;
    let mut last = None;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        for at in memchr::memchr_iter(b'\n', &buf[..n]) {
            newlines += 1;
            if newlines.is_multiple_of(EVERY) {
                marks.push(Mark {
                    offset: base + at as u64 + 1,
                    depth: 0,
                });
            }
        }
        last = Some(buf[n - 1]);
        base += n as u64;
    }
    // The last line has no newline of its own unless the text ends with one.
    let lines = match last {
        None => 0,
        Some(b'\n') => newlines,
        Some(_) => newlines + 1,
    };
    if marks.len() > lines.div_ceil(EVERY).max(1) {
        marks.pop();
    }
    Ok((lines, marks))
}

/// One pass over a JSON file: how many lines its pretty-printed form has, and the marks. The
/// same line breaks as [`Printer`], found without printing: a tight loop over the bytes that
/// jumps over strings. An `Err` inside says why it is not JSON.
#[allow(clippy::type_complexity)]
fn json_marks(mut file: std::fs::File) -> std::io::Result<Result<(usize, Vec<Mark>), String>> {
    let mut marks = vec![Mark { offset: 0, depth: 0 }];
    let mut lines = 1usize; // the line being printed
    let mut buf = vec![0u8; CHUNK];
    let mut base = 0u64;
    let mut closers: Vec<u8> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut in_scalar = false;
    // An opener was seen; a line break follows unless the container is empty.
    let mut opened = false;
    let mut after_value = false;
    // A `,` was seen: a value must follow, not a close.
    let mut after_comma = false;
    let mut seen_any = false;
    let newline = |offset: u64, depth: usize, lines: &mut usize, marks: &mut Vec<Mark>| {
        if lines.is_multiple_of(EVERY) {
            marks.push(Mark {
                offset,
                depth: u32::try_from(depth).unwrap_or(u32::MAX),
            });
        }
        *lines += 1;
    };
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let bytes = &buf[..n];
        let mut i = 0;
        while i < n {
            if in_string {
                if escaped {
                    escaped = false;
                    i += 1;
                    continue;
                }
                match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                    None => i = n,
                    Some(at) => {
                        i += at;
                        if bytes[i] == b'\\' {
                            escaped = true;
                        } else {
                            in_string = false;
                            after_value = closers.is_empty();
                        }
                        i += 1;
                    }
                }
                continue;
            }
            let b = bytes[i];
            let offset = base + i as u64;
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                in_scalar = false;
                i += 1;
                continue;
            }
            if opened {
                opened = false;
                let empty = closers.last() == Some(&b);
                if empty {
                    closers.pop();
                    after_value = closers.is_empty();
                    i += 1;
                    continue;
                }
                newline(offset, closers.len(), &mut lines, &mut marks);
            }
            let starts_value = matches!(b, b'"' | b'{' | b'[') || (!in_scalar && is_scalar_byte(b));
            if starts_value && closers.is_empty() && after_value {
                newline(offset, 0, &mut lines, &mut marks);
                after_value = false;
            }
            match b {
                b'"' => {
                    in_string = true;
                    in_scalar = false;
                }
                b'{' | b'[' => {
                    closers.push(if b == b'{' { b'}' } else { b']' });
                    opened = true;
                    in_scalar = false;
                }
                b'}' | b']' => {
                    if after_comma || closers.pop() != Some(b) {
                        return Ok(Err(format!("unexpected `{}` at byte {offset}", char::from(b))));
                    }
                    // The close goes on a line of its own; resuming there prints it.
                    newline(offset, closers.len() + 1, &mut lines, &mut marks);
                    after_value = closers.is_empty();
                    in_scalar = false;
                }
                b',' => {
                    if closers.is_empty() {
                        return Ok(Err(format!("unexpected `,` at byte {offset}")));
                    }
                    newline(offset + 1, closers.len(), &mut lines, &mut marks);
                    in_scalar = false;
                }
                b':' => {
                    if closers.is_empty() {
                        return Ok(Err(format!("unexpected `:` at byte {offset}")));
                    }
                    in_scalar = false;
                }
                _ if is_scalar_byte(b) => {
                    if !in_scalar && closers.is_empty() {
                        after_value = true;
                    }
                    in_scalar = true;
                }
                _ => {
                    return Ok(Err(format!("unexpected byte 0x{b:02x} at byte {offset}")));
                }
            }
            seen_any = true;
            after_comma = b == b',';
            i += 1;
        }
        base += n as u64;
    }
    if in_string {
        return Ok(Err("a string is not closed at the end".to_owned()));
    }
    if !closers.is_empty() {
        return Ok(Err(format!(
            "{} not closed at the end",
            crate::format::count(closers.len(), "bracket", "brackets")
        )));
    }
    if !seen_any {
        return Ok(Err("no value".to_owned()));
    }
    Ok(Ok((lines, marks)))
}

/// Bytes of numbers and of `true`, `false` and `null`.
fn is_scalar_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.')
}

/// Reads a file in chunks, with a byte of look-ahead.
struct Source {
    file: std::fs::File,
    buf: Vec<u8>,
    at: usize,
    end: usize,
}

impl Source {
    fn new(file: std::fs::File) -> Self {
        Self {
            file,
            buf: vec![0u8; 64 * 1024],
            at: 0,
            end: 0,
        }
    }

    fn peek(&mut self) -> std::io::Result<Option<u8>> {
        if self.at == self.end {
            self.end = self.file.read(&mut self.buf)?;
            self.at = 0;
        }
        Ok((self.at < self.end).then(|| self.buf[self.at]))
    }

    fn bump(&mut self) {
        self.at += 1;
    }

    fn skip_space(&mut self) -> std::io::Result<Option<u8>> {
        while let Some(b) = self.peek()? {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Ok(Some(b));
            }
            self.bump();
        }
        Ok(None)
    }
}

/// Pretty-prints JSON from a mark, a line at a time: the same breaks as [`json_marks`].
struct Printer {
    source: Source,
    depth: usize,
    line: Vec<u8>,
    after_value: bool,
}

impl Printer {
    fn new(source: Source, depth: u32) -> Self {
        Self {
            source,
            depth: depth as usize,
            line: Vec::new(),
            after_value: false,
        }
    }

    /// Text onto the current line, indented first when it is the line's first.
    fn put(&mut self, text: &[u8]) {
        if self.line.is_empty() {
            self.line.resize(2 * self.depth.min(LONGEST_LINE / 2), b' ');
        }
        let room = (LONGEST_LINE + 1).saturating_sub(self.line.len());
        self.line.extend_from_slice(&text[..text.len().min(room)]);
    }

    /// Ends the current line (if it has anything): false when `each` says stop.
    fn end_line(&mut self, each: &mut impl FnMut(String) -> bool) -> bool {
        if self.line.is_empty() {
            return true;
        }
        let text = cut(&self.line);
        self.line.clear();
        each(text)
    }

    fn run(&mut self, mut each: impl FnMut(String) -> bool) -> std::io::Result<()> {
        while let Some(b) = self.source.skip_space()? {
            let starts_value = matches!(b, b'"' | b'{' | b'[') || is_scalar_byte(b);
            if starts_value && self.depth == 0 && self.after_value {
                self.after_value = false;
                if !self.end_line(&mut each) {
                    return Ok(());
                }
            }
            match b {
                b'"' => {
                    self.string()?;
                    self.after_value = self.depth == 0;
                }
                b'{' | b'[' => {
                    self.source.bump();
                    let close = if b == b'{' { b'}' } else { b']' };
                    if self.source.skip_space()? == Some(close) {
                        self.source.bump();
                        self.put(&[b, close]);
                        self.after_value = self.depth == 0;
                    } else {
                        self.put(&[b]);
                        self.depth += 1;
                        if !self.end_line(&mut each) {
                            return Ok(());
                        }
                    }
                }
                b'}' | b']' => {
                    if !self.end_line(&mut each) {
                        return Ok(());
                    }
                    self.source.bump();
                    self.depth = self.depth.saturating_sub(1);
                    self.put(&[b]);
                    self.after_value = self.depth == 0;
                }
                b',' => {
                    self.source.bump();
                    self.put(b",");
                    if !self.end_line(&mut each) {
                        return Ok(());
                    }
                }
                b':' => {
                    self.source.bump();
                    self.put(b": ");
                }
                _ => {
                    let mut scalar = Vec::new();
                    while let Some(c) = self.source.peek()? {
                        if !is_scalar_byte(c) {
                            break;
                        }
                        scalar.push(c);
                        self.source.bump();
                    }
                    if scalar.is_empty() {
                        // Not JSON here (the index said it was): show the byte and go on.
                        scalar.push(b);
                        self.source.bump();
                    }
                    self.put(&scalar);
                    self.after_value = self.depth == 0;
                }
            }
        }
        self.end_line(&mut each);
        Ok(())
    }

    /// A string, quotes and escapes as written.
    fn string(&mut self) -> std::io::Result<()> {
        self.source.bump();
        let mut text = vec![b'"'];
        let mut escaped = false;
        while let Some(c) = self.source.peek()? {
            self.source.bump();
            if text.len() <= LONGEST_LINE {
                text.push(c);
            }
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                break;
            }
        }
        self.put(&text);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
