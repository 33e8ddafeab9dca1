//! `apibench explain CHECK-ID`: a check's page from the catalogue — its title, what it inspects
//! and how it reaches each verdict, why a failure matters and how to fix it, the standard it
//! rests on — so an id seen in a checklist or in `run --output json` can be looked up without
//! leaving the terminal.

use std::fmt::Write as _;

use super::error::CliError;
use super::{ExplainArgs, exit};
use crate::diagnosis::catalogue::{self, CheckSpec, SCOPES};

/// Width the paragraph of a page is wrapped at.
const WIDTH: usize = 80;

/// Prints the page of the check named, or every check with `--list` or no id.
pub fn explain(args: &ExplainArgs) -> Result<u8, CliError> {
    let Some(id) = args.id.as_deref() else {
        super::error::print_stdout(&list())?;
        return Ok(exit::OK);
    };
    let spec =
        catalogue::find(id).ok_or_else(|| CliError::UnknownCheck(unknown(id).trim_end().to_owned()))?;
    super::error::print_stdout(&page(spec))?;
    Ok(exit::OK)
}

/// One check's page.
pub fn page(spec: &CheckSpec) -> String {
    let mut out = format!("{} — {}\n", spec.id, spec.title);
    if let Some(scope) = SCOPES.iter().find(|scope| scope.checks.contains(&spec)) {
        let _ = writeln!(out, "{} ({}.*)", scope.heading, scope.prefix);
    }
    let _ = writeln!(out, "Ranks with {}", spec.tier.as_str());
    out.push('\n');
    out.push_str(&wrap(spec.inspects, WIDTH));
    out.push('\n');
    out.push_str(&wrap(&format!("Why it matters: {}", spec.why), WIDTH));
    out.push('\n');
    out.push_str(&wrap(&format!("How to fix: {}", spec.fix), WIDTH));
    out.push('\n');
    out.push_str(&wrap(&format!("Standard: {}", spec.standard), WIDTH));
    out
}

/// Every check, by scope: its id and title.
pub fn list() -> String {
    let width = catalogue::all().map(|spec| spec.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (i, scope) in SCOPES.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", scope.heading);
        for spec in scope.checks {
            let _ = writeln!(out, "  {:<width$}  {}", spec.id, spec.title);
        }
    }
    out
}

/// The error for an id the catalogue does not have, with the closest ids.
pub fn unknown(id: &str) -> String {
    let ids = || catalogue::all().map(|spec| spec.id);
    let mut near = crate::suggest::closest(id, ids());
    if near.is_empty() && !id.trim().is_empty() {
        // A fragment (`retry-after`, `429.retry`) is close to every id that contains it.
        let wanted = id.to_ascii_lowercase();
        near = ids()
            .filter(|candidate| candidate.to_ascii_lowercase().contains(&wanted))
            .take(3)
            .map(str::to_owned)
            .collect();
    }
    let hint = match near.as_slice() {
        [] => String::new(),
        [one] => format!(" Did you mean {one}?"),
        [init @ .., last] => format!(" Did you mean {} or {last}?", init.join(", ")),
    };
    format!("apibench: no check has the id `{id}`.{hint}\n`apibench explain --list` lists every check.\n")
}

/// `text` as lines of at most `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{list, page, unknown, wrap};
    use crate::diagnosis::catalogue::{self, too_many_requests};

    #[test]
    fn a_page_says_what_a_check_inspects_and_the_standard() {
        assert_eq!(
            page(too_many_requests::RETRY_AFTER),
            "429.retry-after — The wait the server asked for has passed\n\
             429 Too Many Requests (429.*)\n\
             Ranks with the server's stated reason\n\
             \n\
             Reads Retry-After as seconds or an HTTP-date (against the server's Date, so\n\
             clock skew does not matter). Fails until the time it names, with a countdown,\n\
             and passes once it has passed; waits over an hour are flagged as unusually long.\n\
             Cannot tell without the header or with a malformed one.\n\
             \n\
             Why it matters: The server has said when it will accept requests again; anything\n\
             sent before then earns another 429 and can lengthen the block.\n\
             \n\
             How to fix: Wait until the time shown (`R` in the TUI retries once the wait is\n\
             over), then send again; in scripts, honour Retry-After before every retry.\n\
             \n\
             Standard: RFC 9110 §10.2.3; RFC 6585 §4\n"
        );
    }

    #[test]
    fn the_list_names_every_check_with_its_title_by_scope() {
        let list = list();
        for spec in catalogue::all() {
            assert!(
                list.lines()
                    .any(|l| l.trim_start().starts_with(spec.id) && l.ends_with(spec.title)),
                "{} is not listed",
                spec.id
            );
        }
        assert!(
            list.starts_with("Every error response (4xx and 5xx)\n  C.stated-reason "),
            "{list}"
        );
        assert!(
            list.contains("\n\n429 Too Many Requests\n  429.retry-after  "),
            "{list}"
        );
    }

    #[test]
    fn an_unknown_id_names_the_closest_ones() {
        assert_eq!(
            unknown("401.creds-snet"),
            "apibench: no check has the id `401.creds-snet`. Did you mean 401.creds-sent or 407.creds-sent?\n\
             `apibench explain --list` lists every check.\n"
        );
        assert!(
            unknown("retry-after").contains("Did you mean 429.retry-after or 503.retry-after?"),
            "{}",
            unknown("retry-after")
        );
        assert_eq!(
            unknown("nothing-like-it"),
            "apibench: no check has the id `nothing-like-it`.\n`apibench explain --list` lists every check.\n"
        );
    }

    #[test]
    fn paragraphs_wrap_between_words() {
        assert_eq!(wrap("aa bb cc dd", 5), "aa bb\ncc dd\n");
        assert_eq!(wrap("a-very-long-word x", 4), "a-very-long-word\nx\n");
        assert_eq!(wrap("", 10), "");
    }
}
