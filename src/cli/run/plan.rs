//! What must run before what when `--jobs` sends several requests at once: a request waits
//! for the requests before it whose response it reads (`{{ response.Log in.… }}`) or whose
//! capture it reads (`{{ token }}` after `capture: { token: … }`), and captures of the same
//! variable keep their order. Everything else may overlap. The templates read are the
//! request's own and everything it may inherit (defaults, collection and environment
//! variables), so a token passed through `defaults` still orders the run.

use std::collections::{HashMap, HashSet};

use crate::collection::RequestPath;
use crate::session::{RequestId, Workspace};
use crate::template::{Expr, Template};

/// For each target, the earlier targets (by index) it waits for.
pub(super) fn dependencies(workspace: &Workspace, targets: &[RequestId]) -> Vec<Vec<usize>> {
    let mut shared: HashMap<usize, Reads> = HashMap::new();
    // The last target so far that captured each variable, and the last of each request.
    let mut last_capture: HashMap<&str, usize> = HashMap::new();
    let mut last_of: HashMap<&RequestId, usize> = HashMap::new();
    let mut all = Vec::with_capacity(targets.len());
    for (i, id) in targets.iter().enumerate() {
        let mut deps: HashSet<usize> = HashSet::new();
        if let (Some(collection), Some(request)) = (workspace.collection_of(id), workspace.request(id)) {
            let inherited = shared
                .entry(id.collection)
                .or_insert_with(|| Reads::of(collection.shared_templates()));
            let own = Reads::of(request.templates());
            for read in [&own, &*inherited] {
                deps.extend(read.variables.iter().filter_map(|v| last_capture.get(v.as_str())));
                deps.extend(read.responses.iter().filter_map(|name| {
                    let wanted = RequestId::new(id.collection, RequestPath::parse(name));
                    last_of.get(&wanted).copied()
                }));
            }
            for capture in &request.capture {
                deps.extend(last_capture.get(capture.variable.as_str()));
            }
            for capture in &request.capture {
                last_capture.insert(capture.variable.as_str(), i);
            }
        }
        last_of.insert(id, i);
        let mut deps: Vec<usize> = deps.into_iter().collect();
        deps.sort_unstable();
        all.push(deps);
    }
    all
}

/// The variables and the other requests' responses some templates read.
#[derive(Debug, Default)]
struct Reads {
    variables: HashSet<String>,
    responses: HashSet<String>,
}

impl Reads {
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
}
