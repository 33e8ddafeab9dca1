//! A request's past exchanges, from the history: its state, keys and drawing. The list comes
//! from the database off the UI thread (it says "reading…" until then); enter opens one in
//! the response and checklist panes, marked past (one that failed before a response is
//! described here instead), `d` marks one and `d` on another compares them side by side
//! (status, headers, the JSON body path by path).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};
use serde_json::Value;

use crate::history::Summary;
use crate::history::record::Tone;
use crate::session::RequestId;
use crate::tui::theme::Theme;
use crate::tui::widgets::{large_dialog, pane_block, safe};

/// What is shown instead of the list: an exchange's lines, or a comparison's rows (what,
/// before, after; the first row names the two), laid out for the dialog's width when drawn.
#[derive(Debug, Clone)]
pub enum Detail {
    Lines(Vec<(Tone, String)>),
    Table(Vec<[String; 3]>),
}

/// The comparison's rows as lines of `width` columns: what changed (at most a third), then
/// each side in half of the rest, cut with `…` where a value runs longer.
fn table_lines(rows: &[[String; 3]], width: usize) -> Vec<(Tone, String)> {
    const GAPS: usize = 6; // the two " │ "
    let what = rows
        .iter()
        .map(|r| r[0].chars().count())
        .max()
        .unwrap_or(0)
        .clamp(6, (width / 3).max(6));
    let side = (width.saturating_sub(what + GAPS) / 2).max(4);
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let line = format!(
                "{} │ {} │ {}",
                cell(&r[0], what),
                cell(&r[1], side),
                cut(&r[2], side)
            );
            (if i == 0 { Tone::Quiet } else { Tone::Plain }, line)
        })
        .collect()
}

/// `text` cut to `width` characters (`…` marks a cut), padded to it.
fn cell(text: &str, width: usize) -> String {
    let cut = cut(text, width);
    let pad = width.saturating_sub(cut.chars().count());
    format!("{cut}{}", " ".repeat(pad))
}

fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[derive(Debug, Clone)]
pub struct Past {
    pub request: RequestId,
    /// `None` while the history is being read.
    pub entries: Option<Vec<Summary>>,
    pub selected: usize,
    /// The exchange marked for a comparison.
    pub marked: Option<i64>,
    /// An exchange or a comparison being shown instead of the list: its title and lines.
    pub detail: Option<(String, Detail)>,
    pub scroll: usize,
}

/// What a key asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PastKey {
    Stay,
    Close,
    /// Read this exchange to show it.
    Show(i64),
    /// Compare these two (older first).
    Compare(i64, i64),
}

impl Past {
    pub fn new(request: RequestId) -> Self {
        Self {
            request,
            entries: None,
            selected: 0,
            marked: None,
            detail: None,
            scroll: 0,
        }
    }

    pub fn key(&mut self, key: &KeyEvent) -> PastKey {
        if self.detail.is_some() {
            match key.code {
                KeyCode::Esc | KeyCode::Left | KeyCode::Char('q' | 'h') => self.detail = None,
                KeyCode::Down | KeyCode::Char('j') => self.scroll += 1,
                KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
                _ => {}
            }
            return PastKey::Stay;
        }
        let count = self.entries.as_ref().map_or(0, Vec::len);
        let chosen = || self.entries.as_ref()?.get(self.selected).map(|s| s.id);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => PastKey::Close,
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1));
                PastKey::Stay
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = self.selected.saturating_sub(1);
                PastKey::Stay
            }
            KeyCode::Enter => chosen().map_or(PastKey::Stay, PastKey::Show),
            KeyCode::Char('d') => {
                let Some(id) = chosen() else { return PastKey::Stay };
                match self.marked.take() {
                    Some(marked) if marked != id => PastKey::Compare(marked.min(id), marked.max(id)),
                    Some(_) => PastKey::Stay,
                    None => {
                        self.marked = Some(id);
                        PastKey::Stay
                    }
                }
            }
            _ => PastKey::Stay,
        }
    }

    /// Shows a stored exchange, as `apibench history show` prints it.
    pub fn show(&mut self, id: i64, record: &Value) {
        self.detail = Some((
            format!("#{id} (past)"),
            Detail::Lines(crate::history::record::described(record)),
        ));
        self.scroll = 0;
    }

    /// Shows what changed from `older` to `newer` side by side: what, before, after.
    pub fn compare(&mut self, older: i64, newer: i64, rows: &[[String; 3]]) {
        let detail = if rows.is_empty() {
            Detail::Lines(vec![(
                Tone::Quiet,
                "the same status, headers and body".to_owned(),
            )])
        } else {
            let head = [String::new(), format!("#{older}"), format!("#{newer}")];
            Detail::Table(std::iter::once(head).chain(rows.iter().cloned()).collect())
        };
        self.detail = Some((format!("#{older} → #{newer}"), detail));
        self.scroll = 0;
    }

    pub fn draw(&self, frame: &mut Frame<'_>, theme: Theme) {
        let area = large_dialog(frame.area());
        frame.render_widget(Clear, area);
        let title = match &self.detail {
            Some((title, _)) => format!(" {} · {title} ", self.request.path),
            None => format!(" {} · past exchanges ", self.request.path),
        };
        let block = pane_block(Line::from(title), true, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let lines: Vec<Line<'_>> = match (&self.detail, &self.entries) {
            (Some((_, detail)), _) => match detail {
                Detail::Lines(lines) => lines.clone(),
                Detail::Table(rows) => table_lines(rows, usize::from(inner.width)),
            }
            .into_iter()
            .skip(self.scroll)
            .map(|(tone, l)| match tone {
                Tone::Plain => Line::raw(safe(&l)),
                Tone::Miss => Line::styled(safe(&l), theme.fail()),
                Tone::Quiet => Line::styled(safe(&l), theme.dim()),
            })
            .collect(),
            (None, None) => vec![Line::styled("reading the history…", theme.dim())],
            (None, Some(entries)) if entries.is_empty() => {
                vec![Line::styled(
                    "nothing in the history for this request yet",
                    theme.dim(),
                )]
            }
            (None, Some(entries)) => entries
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let line = Line::raw(safe(&entry_line(s, self.marked == Some(s.id))));
                    if i == self.selected {
                        line.style(theme.selected())
                    } else {
                        line
                    }
                })
                .collect(),
        };
        // Evidence and bodies run long: wrapped, not cut at the dialog's edge.
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}

/// `#12 2026-12-05 16:03:11  401   12.3 ms  ✘ Credentials were sent`.
fn entry_line(s: &Summary, marked: bool) -> String {
    let outcome = s.status.map_or_else(
        || s.failure.clone().unwrap_or_default(),
        |status| status.to_string(),
    );
    let at = jiff::Zoned::try_from(s.at)
        .map_or_else(|_| String::new(), |z| z.strftime("%Y-%m-%d %H:%M:%S").to_string());
    let took = s.duration.map(crate::format::elapsed).unwrap_or_default();
    let fail = s
        .first_fail
        .as_deref()
        .map(|f| format!("  ✘ {}", f.split_once(' ').map_or(f, |(_, label)| label)))
        .unwrap_or_default();
    format!(
        "{}#{:<5} {at} {outcome:>5} {took:>9}{fail}",
        if marked { "● " } else { "  " },
        s.id
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn summary(id: i64, status: u16) -> Summary {
        Summary {
            id,
            at: std::time::UNIX_EPOCH,
            file: "/c.yaml".into(),
            collection: "C".into(),
            request: "R".into(),
            environment: None,
            origin: "tui".into(),
            method: "GET".into(),
            url: "http://x/".into(),
            status: Some(status),
            failure: None,
            duration: None,
            first_fail: None,
            met: None,
            bytes: 0,
        }
    }

    #[test]
    fn enter_shows_one_and_d_twice_compares_older_first() {
        let mut past = Past::new(RequestId::new(0, crate::collection::RequestPath::parse("R")));
        assert_eq!(past.key(&key(KeyCode::Enter)), PastKey::Stay, "nothing read yet");
        past.entries = Some(vec![summary(9, 500), summary(4, 200)]);
        assert_eq!(past.key(&key(KeyCode::Enter)), PastKey::Show(9));
        assert_eq!(past.key(&key(KeyCode::Char('d'))), PastKey::Stay);
        assert_eq!(past.marked, Some(9));
        past.key(&key(KeyCode::Char('j')));
        assert_eq!(past.key(&key(KeyCode::Char('d'))), PastKey::Compare(4, 9));
        past.compare(
            4,
            9,
            &[
                ["status".into(), "200".into(), "500".into()],
                ["$.items[0].name".into(), "\"Ada\"".into(), "—".into()],
            ],
        );
        let Some((_, Detail::Table(rows))) = past.detail.clone() else {
            panic!()
        };
        // At 70 columns (an 80-column terminal): the side columns take what is left, every
        // line fits, and the columns line up.
        let lines = table_lines(&rows, 70);
        let texts: Vec<&str> = lines.iter().map(|(_, l)| l.trim_end()).collect();
        let side = " ".repeat((70 - 15 - 6) / 2);
        assert_eq!(texts[0], format!("{} │ #4{} │ #9", " ".repeat(15), &side[2..]));
        assert_eq!(
            texts[1],
            format!("status{} │ 200{} │ 500", " ".repeat(9), &side[3..])
        );
        assert_eq!(texts[2], format!("$.items[0].name │ \"Ada\"{} │ —", &side[5..]));
        let long = [["$.message".to_owned(), "x".repeat(200), "y".repeat(200)]];
        assert!(
            table_lines(&long, 70)
                .iter()
                .all(|(_, l)| l.chars().count() <= 70)
        );
        assert!(
            table_lines(&long, 116)[0].1.contains(&"x".repeat(40)),
            "wider, more shows"
        );
        assert_eq!(
            past.key(&key(KeyCode::Esc)),
            PastKey::Stay,
            "esc leaves the comparison first"
        );
        assert!(past.detail.is_none());
        assert_eq!(past.key(&key(KeyCode::Esc)), PastKey::Close);
    }
}
