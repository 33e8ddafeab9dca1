//! From a request as written to a request ready to send: templates with their origins,
//! defaults, auth helpers, bodies, and `.env` files beside the collection.

use std::path::Path;

use apibench::collection::{Collection, RequestPath, Variables, parse_collection};
use apibench::request::{Context, Field, HeaderSource, PrepareError, Prepared, prepare};
use apibench::session::{Session, Workspace};
use apibench::template::{EnvLookup, NoResponses, Origin, RenderError};

use crate::support::Scratch;

/// A process environment that tests control.
#[derive(Default)]
struct Env(Vec<(&'static str, &'static str, Origin)>);

impl EnvLookup for Env {
    fn lookup(&self, name: &str) -> Option<(String, Origin)> {
        self.0
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, v, o)| ((*v).to_owned(), o.clone()))
    }
}

const COLLECTION: &str = r#"
name: Shop
variables:
  base_url: http://127.0.0.1:1
  token: "{{ env.SHOP_TOKEN }}"
  region: eu
  who: collection
environments:
  staging:
    base_url: https://staging.example.com
    who: staging
defaults:
  headers:
    Accept: application/json
    X-Region: "{{ region }}"
  auth:
    bearer: "{{ token }}"
  timeout: 5s
requests:
  - name: Orders
    url: "{{ base_url }}/orders"
    query: { who: "{{ who }}" }
    headers:
      X-Region: override
  - name: Scoped
    url: "{{ base_url }}/orders"
    variables: { who: request }
    query: { who: "{{ who }}" }
  - name: Public
    url: "{{ base_url }}/status"
    auth: none
  - name: Typo
    url: "{{ base_url }}/orders/{{ regoin }}"
  - name: Create
    method: POST
    url: "{{ base_url }}/orders"
    body:
      json: { region: "{{ region }}", count: 2 }
"#;

fn collection() -> Collection {
    parse_collection(COLLECTION, Path::new("/tmp/shop.yaml")).unwrap()
}

fn prep(
    c: &Collection,
    name: &str,
    environment: Option<&str>,
    overrides: &[(&str, &str)],
    env: &Env,
) -> Result<Prepared, PrepareError> {
    let overrides: Variables = overrides
        .iter()
        .map(|(k, v)| ((*k).to_owned(), apibench::template::Template::parse(*v).unwrap()))
        .collect();
    let path = RequestPath::parse(name);
    let ctx = Context {
        collection: c,
        environment,
        overrides: &overrides,
        captured: &apibench::collection::Variables::new(),
        env,
        responses: &NoResponses,
    };
    prepare(&ctx, &path, c.find(&path).unwrap())
}

#[test]
fn variables_resolve_by_precedence_and_remember_their_origin() {
    let c = collection();
    let env = Env::default();
    let query_origin = |p: &Prepared| {
        p.written
            .fields
            .iter()
            .find(|f| f.field == Field::Query("who".into()))
            .map(|f| (f.rendered.clone(), f.uses[0].origin.clone()))
            .unwrap()
    };
    let plain = prep(&c, "Orders", None, &[], &env).unwrap();
    assert_eq!(query_origin(&plain), ("collection".into(), Origin::Collection));
    let staging = prep(&c, "Orders", Some("staging"), &[], &env).unwrap();
    assert_eq!(
        query_origin(&staging),
        ("staging".into(), Origin::Environment("staging".into()))
    );
    assert_eq!(
        staging.request.url,
        "https://staging.example.com/orders?who=staging"
    );
    let scoped = prep(&c, "Scoped", Some("staging"), &[], &env).unwrap();
    assert_eq!(query_origin(&scoped), ("request".into(), Origin::Request));
    let forced = prep(&c, "Scoped", Some("staging"), &[("who", "cli")], &env).unwrap();
    assert_eq!(query_origin(&forced), ("cli".into(), Origin::CommandLine));
}

#[test]
fn defaults_merge_and_request_headers_win() {
    let c = collection();
    let env = Env(vec![("SHOP_TOKEN", "t0k3n", Origin::ProcessEnv)]);
    let p = prep(&c, "Orders", None, &[], &env).unwrap();
    assert_eq!(
        p.request.headers,
        vec![
            ("Accept".to_owned(), "application/json".to_owned()),
            ("X-Region".to_owned(), "override".to_owned()),
            ("Authorization".to_owned(), "Bearer t0k3n".to_owned()),
        ]
    );
    assert_eq!(
        p.written.header_sources,
        vec![HeaderSource::Defaults, HeaderSource::Request, HeaderSource::Auth]
    );
    assert!(p.written.auth_from_defaults && p.written.auth_applied);
    assert_eq!(p.request.options.timeout, std::time::Duration::from_secs(5));
}

#[test]
fn auth_none_turns_off_the_default_auth() {
    let c = collection();
    let env = Env(vec![("SHOP_TOKEN", "t0k3n", Origin::ProcessEnv)]);
    let p = prep(&c, "Public", None, &[], &env).unwrap();
    assert!(p.request.header("authorization").is_none());
    assert_eq!(p.written.auth, None);
}

#[test]
fn an_empty_token_is_allowed_skipped_and_traced_to_its_source() {
    let c = collection();
    let env = Env::default();
    let p = prep(&c, "Orders", None, &[], &env).unwrap();
    assert!(
        p.request.header("authorization").is_none(),
        "no `Bearer ` with nothing after it"
    );
    assert!(!p.written.auth_applied);
    let auth = p
        .written
        .auth_uses()
        .next()
        .expect("the token template was rendered");
    assert!(auth.uses[0].is_blank());
    assert_eq!(auth.uses[0].nested[0].expr, "env.SHOP_TOKEN");
    assert_eq!(auth.uses[0].nested[0].origin, Origin::Unset);
}

#[test]
fn a_dotenv_beside_the_collection_supplies_env_values() {
    let dir = Scratch::new();
    let file = dir.write("shop.yaml", COLLECTION);
    dir.write(".env", "SHOP_TOKEN=from-dotenv\n");
    let workspace = Workspace::load(&file);
    let session = Session::default();
    let p = session
        .prepare(
            &workspace,
            &apibench::session::RequestId::new(0, RequestPath::parse("Orders")),
        )
        .unwrap();
    assert_eq!(p.request.header("authorization"), Some("Bearer from-dotenv"));
    let token = &p.written.auth_uses().next().unwrap().uses[0].nested[0];
    assert_eq!(token.origin, Origin::DotEnv(dir.path().join(".env")));
}

#[test]
fn an_unknown_variable_names_the_field_and_close_names() {
    let c = collection();
    let err = prep(&c, "Typo", None, &[], &Env::default()).unwrap_err();
    let PrepareError::Template { field, error, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(field, &Field::Url);
    assert!(
        matches!(error, RenderError::UnknownVariable { name, suggestions, .. } if name == "regoin" && suggestions == &["region"])
    );
    assert_eq!(
        err.to_string(),
        "url: unknown variable `regoin` (did you mean `region`?)"
    );
}

#[test]
fn an_unknown_environment_is_an_error_listing_the_known_ones() {
    let c = collection();
    let err = prep(&c, "Orders", Some("prod"), &[], &Env::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "environment `prod` is not defined in collection `Shop` (it defines staging)"
    );
}

#[test]
fn json_bodies_render_strings_and_keep_types() {
    let c = collection();
    let p = prep(&c, "Create", None, &[], &Env::default()).unwrap();
    assert_eq!(&p.request.body[..], br#"{"region":"eu","count":2}"#);
    assert_eq!(p.request.header("content-type"), Some("application/json"));
}
