//! What must run before what when `--jobs` sends several requests at once: a request waits
//! for the requests before it whose response it reads (`{{ response.Log in.… }}`) or whose
//! capture it reads (`{{ token }}` after `capture: { token: … }`), and captures of the same
//! variable keep their order. Everything else may overlap. The templates read are the
//! request's own and everything it may inherit (defaults, collection and environment
//! variables), so a token passed through `defaults` still orders the run.

use std::collections::{HashMap, HashSet};

use crate::collection::RequestPath;
use crate::session::{RequestId, Workspace};
use crate::template::{Expr, Template, Variables};

/// For each target, the earlier targets (by index) it waits for.
pub(super) fn dependencies(workspace: &Workspace, targets: &[RequestId]) -> Vec<Vec<usize>> {
    let mut shared: HashMap<usize, Reads> = HashMap::new();
    // The last target so far that captured each variable, and the last send of each request.
    let mut last_capture: HashMap<&str, usize> = HashMap::new();
    let mut last_of: HashMap<&RequestId, usize> = HashMap::new();
    // A request outside the run that a target's template sends first: the first target to
    // need it sends it, and the later ones wait and read that response rather than send it
    // again.
    let mut first_sender_of: HashMap<RequestId, usize> = HashMap::new();
    let mut all = Vec::with_capacity(targets.len());
    for (i, id) in targets.iter().enumerate() {
        let mut deps: HashSet<usize> = HashSet::new();
        if let (Some(collection), Some(request)) = (workspace.collection_of(id), workspace.request(id)) {
            let inherited = shared
                .entry(id.collection)
                .or_insert_with(|| Reads::of(collection.shared_templates()))
                .clone();
            let mut reads = Reads::of(request.templates());
            reads.extend(&inherited);
            // What the requests it sends first read, all the way down.
            let mut chained: Vec<RequestId> = Vec::new();
            let mut queue: Vec<String> = reads.responses.iter().cloned().collect();
            while let Some(name) = queue.pop() {
                let wanted = RequestId::new(id.collection, RequestPath::parse(&name));
                if chained.contains(&wanted) || last_of.contains_key(&wanted) {
                    continue;
                }
                if let Some(sent_first) = workspace.request(&wanted) {
                    let more = Reads::of(sent_first.templates());
                    queue.extend(more.responses.iter().cloned());
                    reads.extend(&more);
                    chained.push(wanted);
                }
            }
            deps.extend(
                reads
                    .variables
                    .iter()
                    .filter_map(|v| last_capture.get(v.as_str())),
            );
            for name in &reads.responses {
                let wanted = RequestId::new(id.collection, RequestPath::parse(name));
                if let Some(&sender) = last_of.get(&wanted) {
                    deps.insert(sender);
                } else {
                    deps.extend(first_sender_of.get(&wanted));
                    first_sender_of.entry(wanted).or_insert(i);
                }
            }
            for capture in &request.capture {
                deps.extend(last_capture.get(capture.variable.as_str()));
            }
            for capture in &request.capture {
                last_capture.insert(capture.variable.as_str(), i);
            }
        }
        last_of.insert(id, i);
        let mut deps: Vec<usize> = deps.into_iter().filter(|&d| d != i).collect();
        deps.sort_unstable();
        all.push(deps);
    }
    all
}

/// The requests whose responses some template may read (`{{ response.Log in.… }}`): in any
/// request of the collections, their shared templates, or the `--var` values. A run keeps
/// only these responses for the requests after them; any other body is dropped once printed.
pub(super) fn read_as_responses(workspace: &Workspace, overrides: &Variables) -> HashSet<RequestId> {
    let mut read = HashSet::new();
    for (index, collection) in workspace.collections.iter().enumerate() {
        let mut reads = Reads::of(collection.shared_templates());
        reads.extend(&Reads::of(overrides.values().collect()));
        for (_, request) in collection.requests() {
            reads.extend(&Reads::of(request.templates()));
        }
        read.extend(
            reads
                .responses
                .iter()
                .map(|name| RequestId::new(index, RequestPath::parse(name))),
        );
    }
    read
}

/// The variables and the other requests' responses some templates read.
#[derive(Debug, Default, Clone)]
struct Reads {
    variables: HashSet<String>,
    responses: HashSet<String>,
}

impl Reads {
    fn extend(&mut self, other: &Reads) {
        self.variables.extend(other.variables.iter().cloned());
        self.responses.extend(other.responses.iter().cloned());
    }

    fn of(templates: Vec<&Template>) -> Self {
        let mut reads = Reads::default();
        for template in templates {
            for (expr, _) in template.exprs() {
                match expr {
                    Expr::Var(name) => {
                        reads.variables.insert(name.clone());
                    }
                    Expr::Response { request, .. } => {
                        reads.responses.insert(request.clone());
                    }
                    Expr::Env(_) | Expr::Literal(_) => {}
                }
            }
        }
        reads
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::parse_collection;

    fn plan(yaml: &str, names: &[&str]) -> Vec<Vec<usize>> {
        let c = parse_collection(yaml, std::path::Path::new("c.yaml")).expect("loads");
        let workspace = Workspace::from_collections(vec![c]);
        let targets: Vec<RequestId> = names
            .iter()
            .map(|n| RequestId::new(0, RequestPath::parse(n)))
            .collect();
        dependencies(&workspace, &targets)
    }

    const YAML: &str = r#"
defaults:
  headers:
    Authorization: "Bearer {{ token }}"
requests:
  - name: Log in
    method: POST
    url: http://x/login
    capture: { token: $.token }
  - name: Health
    url: http://x/health
  - name: Me
    url: http://x/me
  - name: Echo
    url: "http://x/echo?id={{ response.Health.body.$.id }}"
"#;

    #[test]
    fn a_capture_read_through_defaults_orders_every_request_after_it() {
        assert_eq!(
            plan(YAML, &["Log in", "Health", "Me", "Echo"]),
            vec![vec![], vec![0], vec![0], vec![0, 1]]
        );
    }

    #[test]
    fn requests_that_read_nothing_of_each_other_do_not_wait() {
        let yaml = "requests:\n  - name: A\n    url: http://x/a\n  - name: B\n    url: http://x/b\n";
        assert_eq!(
            plan(yaml, &["A", "B", "A"]),
            vec![Vec::<usize>::new(), vec![], vec![]]
        );
    }

    #[test]
    fn a_response_read_waits_for_the_latest_earlier_send_of_that_request() {
        let yaml = concat!(
            "requests:\n  - name: A\n    url: http://x/a\n",
            "  - name: B\n    url: \"http://x/{{ response.A.header.ETag }}\"\n"
        );
        assert_eq!(
            plan(yaml, &["A", "B", "A", "B"]),
            vec![vec![], vec![0], vec![], vec![2]]
        );
    }

    #[test]
    fn readers_of_a_request_outside_the_run_wait_for_the_first_one_which_sends_it() {
        // Me and Stats both read Log in's response; Log in is not among the targets.
        let yaml = concat!(
            "requests:\n  - name: Log in\n    url: http://x/login\n",
            "  - name: Me\n    url: \"http://x/me?t={{ response.Log in.body.$.token }}\"\n",
            "  - name: Stats\n    url: \"http://x/stats?t={{ response.Log in.body.$.token }}\"\n",
        );
        assert_eq!(plan(yaml, &["Me", "Stats"]), vec![vec![], vec![0]]);
    }

    #[test]
    fn reads_through_a_request_sent_first_order_the_run_too() {
        // Greet reads Who's response; Who reads {{ token }}, which Log in captures.
        let yaml = concat!(
            "requests:\n  - name: Log in\n    url: http://x/login\n    capture: { token: $.t }\n",
            "  - name: Who\n    url: \"http://x/who?t={{ token }}\"\n",
            "  - name: Greet\n    url: \"http://x/hi/{{ response.Who.body.$.name }}\"\n",
        );
        assert_eq!(plan(yaml, &["Log in", "Greet"]), vec![vec![], vec![0]]);
    }

    #[test]
    fn only_responses_some_template_reads_are_kept_for_later_requests() {
        let c = parse_collection(&format!("name: c\n{YAML}"), std::path::Path::new("c.yaml")).expect("loads");
        let workspace = Workspace::from_collections(vec![c]);
        let id = |name: &str| RequestId::new(0, RequestPath::parse(name));
        let read = read_as_responses(&workspace, &Variables::new());
        assert_eq!(read, HashSet::from([id("Health")]));
        let overrides: Variables = [(
            "me".to_owned(),
            Template::parse("{{ response.Me.body.$.id }}").unwrap(),
        )]
        .into_iter()
        .collect();
        let read = read_as_responses(&workspace, &overrides);
        assert_eq!(read, HashSet::from([id("Health"), id("Me")]));
    }
}
