//! The editable places of the request pane, tab by tab, in the order they are drawn. The
//! view draws one entry per slot and the cursor moves over them, so what is highlighted is
//! always what `e`, `d` and space act on.

use crate::collection::edit::rows::DisabledRow;
use crate::collection::edit::{ScalarField, Table};
use crate::collection::{Auth, Body, Request, RequestOptions};
use crate::tui::dialogs::AuthPart;
use crate::tui::state::{App, RequestTab};

/// One editable place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// The method and URL line, on every tab.
    Url,
    /// A live row of a table.
    Row {
        table: Table,
        index: usize,
    },
    /// A row switched off: a commented-out line in the file.
    Off {
        table: Table,
        row: DisabledRow,
    },
    BodyKind,
    /// A JSON or text body, edited in the text editor.
    BodyText,
    BodyFile,
    Part(usize),
    AuthKind,
    Auth(AuthPart),
    ApiKeyLocation,
    Name,
    Method,
    Description,
    Option(ScalarField),
    /// The request's `expect:` block, edited as YAML.
    Expect,
    Var(String),
}

/// The slots of the selected `request` on the current tab.
pub fn selected_slots(app: &App, request: &Request) -> Vec<Slot> {
    let disabled = app
        .selected()
        .and_then(|(c, path)| Some(app.editing.disabled_rows(&app.collection(c)?.source, path)))
        .unwrap_or_default();
    slots(request, app.request_tab, disabled)
}

/// The slots of `tab` for `request`, with its switched-off rows placed where they are in the
/// file (`disabled` comes from the file's text).
pub fn slots(request: &Request, tab: RequestTab, disabled: &[(Table, DisabledRow)]) -> Vec<Slot> {
    let mut slots = vec![Slot::Url];
    match tab {
        RequestTab::Params => table(&mut slots, Table::Query, request.query.len(), disabled),
        RequestTab::Headers => table(&mut slots, Table::Headers, request.headers.len(), disabled),
        RequestTab::Body => {
            slots.push(Slot::BodyKind);
            match &request.body {
                None => {}
                Some(Body::Json { .. } | Body::Text { .. }) => slots.push(Slot::BodyText),
                Some(Body::File { .. }) => slots.push(Slot::BodyFile),
                Some(Body::Form(rows)) => table(&mut slots, Table::Form, rows.len(), disabled),
                Some(Body::Multipart(parts)) => slots.extend((0..parts.len()).map(Slot::Part)),
            }
        }
        RequestTab::Auth => {
            slots.push(Slot::AuthKind);
            match &request.auth {
                Some(Auth::Bearer(_)) => slots.push(Slot::Auth(AuthPart::Token)),
                Some(Auth::Basic { .. }) => {
                    slots.extend([Slot::Auth(AuthPart::Username), Slot::Auth(AuthPart::Password)]);
                }
                Some(Auth::ApiKey { .. }) => slots.extend([
                    Slot::ApiKeyLocation,
                    Slot::Auth(AuthPart::KeyName),
                    Slot::Auth(AuthPart::KeyValue),
                ]),
                None | Some(Auth::None) => {}
            }
        }
        RequestTab::Options => {
            slots.extend([Slot::Name, Slot::Method, Slot::Description]);
            slots.extend(
                [
                    ScalarField::Timeout,
                    ScalarField::ConnectTimeout,
                    ScalarField::FollowRedirects,
                    ScalarField::InsecureTls,
                    ScalarField::MaxBody,
                ]
                .map(Slot::Option),
            );
            slots.push(Slot::Expect);
            slots.extend(request.variables.keys().cloned().map(Slot::Var));
        }
    }
    slots
}

/// Live rows in order, each switched-off row after the live rows that precede it in the file.
fn table(slots: &mut Vec<Slot>, which: Table, live: usize, disabled: &[(Table, DisabledRow)]) {
    let off: Vec<&DisabledRow> = disabled
        .iter()
        .filter(|(t, _)| *t == which)
        .map(|(_, r)| r)
        .collect();
    for index in 0..=live {
        slots.extend(off.iter().filter(|r| r.position == index).map(|r| Slot::Off {
            table: which,
            row: (*r).clone(),
        }));
        if index < live {
            slots.push(Slot::Row { table: which, index });
        }
    }
}

/// The table a tab's rows belong to, for "add a row".
pub fn table_of(request: &Request, tab: RequestTab) -> Option<Table> {
    match tab {
        RequestTab::Params => Some(Table::Query),
        RequestTab::Headers => Some(Table::Headers),
        RequestTab::Body if matches!(request.body, Some(Body::Form(_))) => Some(Table::Form),
        _ => None,
    }
}

/// The current value of an auth field; empty when the auth has no such part.
pub fn auth_value(auth: Option<&Auth>, part: AuthPart) -> String {
    match (auth, part) {
        (Some(Auth::Bearer(token)), AuthPart::Token) => token.to_string(),
        (Some(Auth::Basic { username, .. }), AuthPart::Username) => username.to_string(),
        (Some(Auth::Basic { password, .. }), AuthPart::Password) => password.to_string(),
        (Some(Auth::ApiKey { name, .. }), AuthPart::KeyName) => name.clone(),
        (Some(Auth::ApiKey { value, .. }), AuthPart::KeyValue) => value.to_string(),
        _ => String::new(),
    }
}

/// A request option as written (`30s`, `true`), or empty when it inherits.
pub fn option_text(o: &RequestOptions, field: ScalarField) -> String {
    let duration =
        |d: Option<std::time::Duration>| d.map(crate::format::duration_setting).unwrap_or_default();
    match field {
        ScalarField::Timeout => duration(o.timeout),
        ScalarField::ConnectTimeout => duration(o.connect_timeout),
        ScalarField::FollowRedirects => o.follow_redirects.map(|b| b.to_string()).unwrap_or_default(),
        ScalarField::InsecureTls => o.insecure_tls.map(|b| b.to_string()).unwrap_or_default(),
        ScalarField::MaxBody => o.max_body.map(crate::format::size_setting).unwrap_or_default(),
        ScalarField::Name | ScalarField::Method | ScalarField::Url | ScalarField::Description => {
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn off(name: &str, position: usize) -> (Table, DisabledRow) {
        (
            Table::Headers,
            DisabledRow {
                name: name.to_owned(),
                value: "1".to_owned(),
                line_start: 0,
                position,
            },
        )
    }

    fn t(text: &str) -> crate::template::Template {
        crate::template::Template::parse(text).unwrap()
    }

    #[test]
    fn switched_off_rows_sit_where_they_are_in_the_file() {
        let mut request = Request::new("A", t("http://x"));
        request.headers = vec![("A".into(), t("1")), ("C".into(), t("3"))];
        let slots = slots(&request, RequestTab::Headers, &[off("B", 1), off("D", 2)]);
        let names: Vec<String> = slots
            .iter()
            .map(|s| match s {
                Slot::Url => "url".to_owned(),
                Slot::Row { index, .. } => request.headers[*index].0.clone(),
                Slot::Off { row, .. } => format!("#{}", row.name),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(names, ["url", "A", "#B", "C", "#D"]);
    }

    #[test]
    fn each_auth_kind_has_its_fields() {
        let mut request = Request::new("A", t("http://x"));
        assert_eq!(
            slots(&request, RequestTab::Auth, &[]),
            [Slot::Url, Slot::AuthKind]
        );
        request.auth = Some(Auth::Basic {
            username: t("u"),
            password: t("p"),
        });
        assert_eq!(slots(&request, RequestTab::Auth, &[]).len(), 4);
    }

    #[test]
    fn the_options_tab_lists_request_variables_last() {
        let mut request = Request::new("A", t("http://x"));
        request.variables.insert("id".into(), t("7"));
        assert_eq!(
            slots(&request, RequestTab::Options, &[]).last(),
            Some(&Slot::Var("id".into()))
        );
    }
}
