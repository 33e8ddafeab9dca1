//! The drawing pieces every pane and dialog shares: a pane's frame, a tab line, a key and
//! value line, a box centred on the screen, word wrapping, and text from the network made
//! safe for the terminal. A leaf: it knows the theme, not the app.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use crate::tui::theme::Theme;

/// A pane's frame: rounded, highlighted when focused.
pub fn pane_block(title: Line<'_>, focused: bool, theme: Theme) -> Block<'_> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border(focused))
        .title(title)
}

/// A title for a frame `width` wide: whole parts while they fit, then the next part cut at a
/// word with `…` — never a word cut in half ("1 pro").
pub fn fitted(title: Line<'_>, width: u16) -> Line<'_> {
    use unicode_width::UnicodeWidthStr;
    let room = usize::from(width.saturating_sub(2));
    let mut used = 0;
    let mut spans = Vec::new();
    for span in title.spans {
        let w = span.width();
        if used + w <= room {
            used += w;
            spans.push(span);
            continue;
        }
        // The words of this part that fit, with the ellipsis.
        let mut kept = String::new();
        for word in span.content.split_inclusive(' ') {
            if used + kept.width() + word.trim_end().width() + 2 > room {
                break;
            }
            kept.push_str(word);
        }
        if !kept.trim().is_empty() {
            spans.push(Span::styled(format!("{}… ", kept.trim_end()), span.style));
        }
        break;
    }
    Line::from(spans)
}

/// `Params  Headers  Body  Auth`: the titles of `all`, with `current` marked.
pub fn tab_line<'a, T: Copy + PartialEq>(
    all: &[T],
    current: T,
    title: impl Fn(T) -> &'static str,
    theme: Theme,
) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, tab) in all.iter().enumerate() {
        let name = title(*tab);
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        let style = if *tab == current {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" {name} "), style));
    }
    Line::from(spans)
}

/// The tab of a `tab_line` under `column` (counted from the line's start), if any: the
/// same widths the line is drawn with, so a click lands where the label is.
pub fn tab_at(titles: &[&str], column: u16) -> Option<usize> {
    use unicode_width::UnicodeWidthStr;
    let column = usize::from(column);
    let mut start = 0;
    for (i, title) in titles.iter().enumerate() {
        let width = title.width() + 2;
        if column >= start && column < start + width {
            return Some(i);
        }
        start += width + 2;
    }
    None
}

/// Text from the network, made safe for the terminal.
pub fn safe(text: &str) -> String {
    crate::sanitize::for_terminal(text, false)
}

/// Word-wraps `text` to `width` columns, indenting every line by `indent` spaces (a hanging
/// indent keeps evidence visibly under its check). A template `{{ name }}` is one word: it
/// is never split across lines.
pub fn wrap_indented(text: &str, width: usize, indent: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let room = width.saturating_sub(indent).max(10);
    let pad = " ".repeat(indent);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in words(text) {
        let needed = if current.is_empty() {
            word.width()
        } else {
            current.width() + 1 + word.width()
        };
        if needed > room && !current.is_empty() {
            lines.push(format!("{pad}{current}"));
            current.clear();
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
        // A word longer than the line is cut where it must be, by columns (a CJK character
        // takes two).
        while current.width() > room {
            let mut used = 0;
            let at = current
                .char_indices()
                .find(|(_, c)| {
                    used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                    used > room
                })
                .map_or(current.len(), |(i, _)| i)
                .max(current.chars().next().map_or(0, char::len_utf8));
            let rest = current.split_off(at);
            lines.push(format!("{pad}{current}"));
            current = rest;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(format!("{pad}{current}"));
    }
    lines
}

/// The words of `text` split at spaces, a `{{ … }}` template kept whole.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut open = false;
    for piece in text.split(' ') {
        match words.last_mut() {
            Some(last) if open => {
                last.push(' ');
                last.push_str(piece);
            }
            _ => words.push(piece.to_owned()),
        }
        if let (Some(start), end) = (piece.rfind("{{"), piece.rfind("}}")) {
            open = end.is_none_or(|e| e < start);
        } else if piece.contains("}}") {
            open = false;
        }
    }
    words
}

/// A key and value line: `  Accept  application/json`.
pub fn pair_line<'a>(name: &str, value: &str, width: usize, style: Style) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{:<width$} ", safe(name)), style),
        Span::raw(safe(value)),
    ])
}

/// The box of a dialog that wants most of the screen (an editor, a list with details): all
/// but a margin, and never smaller than 40 by 8.
pub fn large_dialog(full: Rect) -> Rect {
    centered(
        full,
        full.width.saturating_sub(8).max(40),
        full.height.saturating_sub(4).max(8),
    )
}

/// A box of `width` by `height` in the middle of `area`, no larger than it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// The `index`th line of `area`, if it has one.
pub fn line_at(area: Rect, index: usize) -> Option<Rect> {
    let y = area.y + u16::try_from(index).ok()?;
    (y < area.y + area.height).then_some(Rect { y, height: 1, ..area })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_never_split_across_lines() {
        let lines = wrap_indented("the header X-Api-Key: {{ env.API_KEY }} rendered empty", 24, 2);
        assert!(lines.iter().any(|l| l.contains("{{ env.API_KEY }}")), "{lines:?}");
        assert!(lines.iter().all(|l| l.starts_with("  ")), "{lines:?}");
    }

    #[test]
    fn a_title_that_does_not_fit_loses_whole_words() {
        let title = Line::from(vec![Span::raw(" 401 Unauthorized "), Span::raw("— 1 problem ")]);
        assert_eq!(
            fitted(title.clone(), 40).to_string(),
            " 401 Unauthorized — 1 problem "
        );
        assert_eq!(fitted(title.clone(), 28).to_string(), " 401 Unauthorized — 1… ");
        assert_eq!(fitted(title, 12).to_string(), " 401… ");
    }

    #[test]
    fn a_long_run_of_wide_characters_is_cut_by_columns() {
        let lines = wrap_indented("エラーが発生しました認証情報が無効です", 12, 2);
        assert!(
            lines
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 12),
            "{lines:?}"
        );
        assert_eq!(
            lines.concat().replace(' ', ""),
            "エラーが発生しました認証情報が無効です"
        );
    }

    #[test]
    fn words_join_only_inside_a_template() {
        assert_eq!(words("a {{ b }} c"), ["a", "{{ b }}", "c"]);
        assert_eq!(words("{{b}} {{ c"), ["{{b}}", "{{ c"]);
        assert_eq!(words("x }} y"), ["x", "}}", "y"]);
    }
}
