//! A whole request as block YAML, for requests that arrive from elsewhere (an import): the
//! keys in the order the format documents them, only those that are set, each value quoted
//! only when it must be, and every value that looks like a template kept literal — an
//! imported `{{ token }}` is text, not a variable. What is written loads back to exactly the
//! request given (the edit that adds it proves so, as every edit does).

use super::body::{auth_yaml, body_yaml};
use super::scalar;
use crate::collection::{Pairs, Request};

/// `request` as the block YAML of one list item (without the `- `).
pub fn request_yaml(request: &Request) -> String {
    let mut lines = vec![format!("name: {}", scalar::plain_or_double(&request.name))];
    if request.method != "GET" {
        lines.push(format!("method: {}", scalar::plain_or_double(&request.method)));
    }
    lines.push(format!("url: {}", value(request.url.as_str())));
    if let Some(description) = &request.description {
        lines.push(format!("description: {}", value(description)));
    }
    for (key, pairs) in [("query", &request.query), ("headers", &request.headers)] {
        if !pairs.is_empty() {
            lines.push(format!("{key}:\n{}", rows(pairs)));
        }
    }
    if let Some(body) = &request.body {
        lines.push(format!(
            "body:\n{}",
            super::splice::indent_block(&body_yaml(body), 2)
        ));
    }
    if let Some(auth) = &request.auth {
        let yaml = auth_yaml(auth);
        if yaml == "none" {
            lines.push("auth: none".to_owned());
        } else {
            lines.push(format!("auth:\n{}", super::splice::indent_block(&yaml, 2)));
        }
    }
    let options = &request.options;
    let durations = [
        ("timeout", options.timeout),
        ("connect_timeout", options.connect_timeout),
    ];
    for (key, duration) in durations {
        if let Some(d) = duration {
            lines.push(format!("{key}: {}", crate::format::duration_setting(d)));
        }
    }
    for (key, flag) in [
        ("follow_redirects", options.follow_redirects),
        ("insecure_tls", options.insecure_tls),
    ] {
        if let Some(flag) = flag {
            lines.push(format!("{key}: {flag}"));
        }
    }
    if !request.variables.is_empty() {
        let rows: Vec<String> = request
            .variables
            .iter()
            .map(|(name, v)| {
                format!(
                    "  {}: {}",
                    scalar::plain_or_double(name),
                    value_in_map(v.as_str())
                )
            })
            .collect();
        lines.push(format!("variables:\n{}", rows.join("\n")));
    }
    lines.join("\n")
}

/// A value as written: plain when YAML reads it back as the same text, else quoted.
fn value(text: &str) -> String {
    if text.contains('\n') {
        scalar::multiline(text, 2)
    } else {
        scalar::inline(text, scalar::Style::Plain)
    }
}

/// Rows as a map, or as a list of `{name, value}` when a name repeats (the format's rule).
fn rows(pairs: &Pairs) -> String {
    let repeats = pairs
        .iter()
        .enumerate()
        .any(|(i, (name, _))| pairs.iter().take(i).any(|(n, _)| n == name));
    pairs
        .iter()
        .map(|(name, v)| {
            if repeats {
                format!(
                    "  - {{ name: {}, value: {} }}",
                    scalar::inline(name, scalar::Style::Double),
                    scalar::inline(v.as_str(), scalar::Style::Double)
                )
            } else {
                format!(
                    "  {}: {}",
                    scalar::plain_or_double(name),
                    value_in_map(v.as_str())
                )
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn value_in_map(text: &str) -> String {
    if text.contains('\n') {
        scalar::multiline(text, 4)
    } else {
        scalar::inline(text, scalar::Style::Plain)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::time::Duration;

    use super::*;
    use crate::collection::edit::{Edit, ImportedRequest, apply};
    use crate::collection::{Auth, Body, Item, Part};
    use crate::template::Template;

    fn imported() -> Request {
        let mut request = Request::new(
            "Create: a \"user\"",
            Template::literal("https://api.example.com/v1/users?x={{ y }}"),
        );
        request.method = "POST".into();
        request.query = vec![
            ("tag".into(), Template::literal("red")),
            ("tag".into(), Template::literal("blue: #1")),
        ];
        request.headers = vec![
            ("Authorization".into(), Template::literal("Bearer {{ token }}")),
            ("X-Empty".into(), Template::literal("")),
            ("X-Number".into(), Template::literal("007")),
        ];
        request.body = Some(Body::Text {
            text: Template::literal("{\"name\": \"Ada\",\n \"note\": \"{{ not a variable }}\"}"),
            content_type: Some("application/json".into()),
        });
        request.auth = Some(Auth::Basic {
            username: Template::literal("ada"),
            password: Template::literal("p@ss: word"),
        });
        request.options.timeout = Some(Duration::from_millis(2500));
        request.options.insecure_tls = Some(true);
        request.variables.insert("id".into(), Template::literal("42"));
        request
    }

    #[test]
    fn an_imported_request_is_written_so_it_loads_back_the_same_and_stays_literal() {
        let text = "name: Imported\n# kept\nrequests:\n  - name: First\n    url: http://x/\n";
        let edit = Edit::AddImported {
            folder: Vec::new(),
            requests: vec![ImportedRequest {
                request: imported(),
                comments: Vec::new(),
            }],
        };
        // `apply` proves the new text loads to the old model plus this exact request.
        let (after, collection) = apply(text, Path::new("c.yaml"), &edit).unwrap();
        assert!(after.starts_with(text), "nothing before it changes:\n{after}");
        let Item::Request(request) = &collection.items[1] else {
            panic!()
        };
        assert_eq!(**request, imported());
        assert!(after.contains("  - { name: \"tag\", value: \"red\" }"), "{after}");
        assert!(
            after.contains(r#"Authorization: "Bearer {{ \"{{\" }} token }}""#),
            "a template-looking value stays literal:\n{after}"
        );
        assert!(
            after.contains("timeout: 2.5s") && after.contains("insecure_tls: true"),
            "{after}"
        );
    }

    /// Text a block scalar cannot say exactly is written double-quoted, and loads back the
    /// same: CRLF line breaks, several final line breaks, a first line that starts with
    /// whitespace, control characters and Unicode line separators.
    #[test]
    fn any_text_is_written_so_it_loads_back_the_same() {
        let mut text = "requests: []\n".to_owned();
        for (i, body) in [
            "a\r\nb",
            "a\n\n",
            "\n",
            "\n  x",
            "\tindented\nnext",
            "x\u{1b}y\nz",
            "a\u{2028}b\nc",
            "plain\nlines\n",
        ]
        .into_iter()
        .enumerate()
        {
            let mut request = Request::new(format!("R{i}"), Template::literal("http://x/"));
            request.description = Some(body.to_owned());
            request.body = Some(Body::Text {
                text: Template::literal(body),
                content_type: None,
            });
            let edit = Edit::AddImported {
                folder: Vec::new(),
                requests: vec![ImportedRequest {
                    request,
                    comments: vec![format!("a script\r\nwith {body}")],
                }],
            };
            text = apply(&text, Path::new("c.yaml"), &edit)
                .unwrap_or_else(|e| panic!("{body:?}: {e}"))
                .0;
        }
    }

    #[test]
    fn forms_multipart_and_bearer_round_trip_too() {
        let mut request = Request::new("Upload", Template::literal("http://x/upload"));
        request.method = "PUT".into();
        request.body = Some(Body::Multipart(vec![
            Part::Value {
                name: "title".into(),
                value: Template::literal("Hello, world"),
            },
            Part::File {
                name: "doc".into(),
                path: Template::literal("./notes.txt"),
                content_type: Some("text/plain".into()),
            },
        ]));
        request.auth = Some(Auth::Bearer(Template::literal("tok")));
        let mut form = Request::new("Form", Template::literal("http://x/form"));
        form.method = "POST".into();
        form.body = Some(Body::Form(vec![("a b".into(), Template::literal("c&d"))]));
        let mut text = "requests: []\n".to_owned();
        for r in [request, form] {
            let edit = Edit::AddImported {
                folder: Vec::new(),
                requests: vec![ImportedRequest {
                    request: r,
                    comments: Vec::new(),
                }],
            };
            text = apply(&text, Path::new("c.yaml"), &edit).unwrap().0;
        }
        assert!(text.contains("bearer: tok"), "{text}");
    }

    #[test]
    fn many_imported_requests_go_in_with_one_edit_in_order_and_in_the_lists_style() {
        let request = |name: &str| ImportedRequest {
            request: Request::new(name, Template::literal("http://x/")),
            comments: vec![format!("about {name}")],
        };
        let edit = Edit::AddImported {
            folder: Vec::new(),
            requests: vec![request("a"), request("b"), request("c")],
        };
        // Items set apart by blank lines: the new ones are too.
        let spaced =
            "requests:\n  - name: first\n    url: http://x/\n\n  - name: second\n    url: http://x/\n";
        let (after, collection) = apply(spaced, Path::new("c.yaml"), &edit).unwrap();
        assert!(after.starts_with(spaced), "{after}");
        assert_eq!(
            &after[spaced.len()..],
            "\n  - name: a\n    # about a\n    url: http://x/\n\n  - name: b\n    # about b\n    url: http://x/\n\n  - name: c\n    # about c\n    url: http://x/\n"
        );
        assert_eq!(collection.items.len(), 5);
        // An empty flow list becomes a block one.
        let (after, _) = apply("requests: []\n", Path::new("c.yaml"), &edit).unwrap();
        assert_eq!(
            after,
            "requests:\n  - name: a\n    # about a\n    url: http://x/\n  - name: b\n    # about b\n    url: http://x/\n  - name: c\n    # about c\n    url: http://x/\n"
        );
    }
}
