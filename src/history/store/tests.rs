//! The history database on real files: migrations from nothing, records in and out
//! (compressed when large), filters, the latest status per request, renames and pruning.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;

use super::{Filter, KeptResponse, NewExchange, Origin, Prune, Store, migrations};

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000 + seconds)
}

fn exchange(request: &str, status: Option<u16>, seconds: u64, body: &str) -> NewExchange {
    NewExchange {
        at: at(seconds),
        file: "/c/demo.yaml".into(),
        collection: "Demo".into(),
        request: request.into(),
        environment: Some("local".into()),
        origin: Origin::Run,
        met: Some(status == Some(200)),
        record: json!({
            "path": format!("Demo/{request}"),
            "request": {"method": "GET", "url": "http://x/"},
            "response": status.map(|s| json!({"status": s, "elapsed_ms": 12.5, "body": body})),
            "error": if status.is_none() { json!({"kind": "timeout", "message": "slow"}) } else { json!(null) },
            "diagnosis": {"checks": [{"id": "C.x", "label": "A check", "verdict": if status == Some(200) { "pass" } else { "fail" }}]},
        }),
        response: None,
    }
}

#[test]
fn the_migrations_are_valid_and_reach_the_latest_version_from_an_empty_file() {
    assert!(migrations().validate().is_ok());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/er/history.sqlite3");
    let store = Store::open(&path).unwrap();
    let version: i64 = store
        .connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 4);
    drop(store);
    // Opening again finds it migrated already.
    Store::open(&path).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the database is its owner's only");
    }
}

#[test]
fn a_database_of_version_1_is_migrated_and_keeps_its_exchanges() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite3");
    {
        let mut connection = rusqlite::Connection::open(&path).unwrap();
        migrations().to_version(&mut connection, 1).unwrap();
        let mut store = Store {
            connection,
            path: path.clone(),
            sealer: Err("none in version 1".into()),
        };
        store.record(&exchange("Old", Some(200), 1, "")).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let indexes: Vec<String> = store
        .connection
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'exchange_by_path'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(indexes, ["exchange_by_path"]);
    assert_eq!(store.list(&Filter::default()).unwrap()[0].request, "Old");
}

#[test]
fn a_record_comes_back_as_it_went_in_even_compressed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    let big = "x".repeat(200_000);
    let small = store.record(&exchange("Get", Some(200), 1, "ok")).unwrap();
    let large = store.record(&exchange("Get", Some(200), 2, &big)).unwrap();
    let (summary, record) = store.get(large).unwrap();
    assert_eq!(record["response"]["body"].as_str().map(str::len), Some(200_000));
    assert!(
        summary.bytes < 10_000,
        "stored compressed: {} bytes",
        summary.bytes
    );
    let (summary, record) = store.get(small).unwrap();
    assert_eq!(summary.status, Some(200));
    assert_eq!(summary.duration, Some(Duration::from_micros(12_500)));
    assert_eq!(summary.environment.as_deref(), Some("local"));
    assert_eq!(record["path"], "Demo/Get");
    assert!(store.get(999).is_err());
}

#[test]
fn lists_filter_by_request_status_and_time_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    store.record(&exchange("Auth/Log in", Some(200), 1, "")).unwrap();
    store.record(&exchange("Users/List", Some(404), 2, "")).unwrap();
    store.record(&exchange("Users/List", None, 3, "")).unwrap();
    let all = store.list(&Filter::default()).unwrap();
    assert_eq!(all.iter().map(|s| s.id).collect::<Vec<_>>(), [3, 2, 1]);
    let users = Filter {
        request: Some("users/*".into()),
        ..Filter::default()
    };
    assert_eq!(store.list(&users).unwrap().len(), 2);
    let client_errors = Filter {
        status: Some("4xx".into()),
        ..Filter::default()
    };
    assert_eq!(store.list(&client_errors).unwrap()[0].id, 2);
    let failed = Filter {
        status: Some("failed".into()),
        ..Filter::default()
    };
    assert_eq!(
        store.list(&failed).unwrap()[0].failure.as_deref(),
        Some("timeout")
    );
    let recent = Filter {
        since: Some(at(2)),
        limit: Some(1),
        ..Filter::default()
    };
    assert_eq!(
        store
            .list(&recent)
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect::<Vec<_>>(),
        [3]
    );
    assert_eq!(
        store.list(&Filter::default()).unwrap()[1].first_fail.as_deref(),
        Some("C.x A check")
    );
}

#[test]
fn the_latest_exchange_of_each_request_and_renames_carry_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    store.record(&exchange("Users/List", Some(500), 1, "")).unwrap();
    store.record(&exchange("Users/List", Some(200), 2, "")).unwrap();
    store
        .record(&exchange("Users/Listing", Some(404), 3, ""))
        .unwrap();
    let latest = store
        .latest_per_request(std::path::Path::new("/c/demo.yaml"))
        .unwrap();
    let mut pairs: Vec<(String, Option<u16>)> = latest.into_iter().map(|s| (s.request, s.status)).collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("Users/List".to_owned(), Some(200)),
            ("Users/Listing".to_owned(), Some(404))
        ]
    );
    // A folder renamed moves its requests' history, and only theirs.
    let moved = store
        .rename(std::path::Path::new("/c/demo.yaml"), "Users", "People")
        .unwrap();
    assert_eq!(moved, 3);
    let moved = store
        .rename(std::path::Path::new("/c/demo.yaml"), "People/List", "People/All")
        .unwrap();
    assert_eq!(moved, 2, "not People/Listing");
    let names: Vec<String> = store
        .list(&Filter::default())
        .unwrap()
        .into_iter()
        .map(|s| s.request)
        .collect();
    assert_eq!(names, ["People/Listing", "People/All", "People/All"]);
}

#[test]
fn pruning_removes_the_oldest_first_and_keeps_the_last_of_each_request() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    for i in 0..10 {
        store.record(&exchange("A", Some(200), i, "")).unwrap();
    }
    store.record(&exchange("B", Some(200), 100, "")).unwrap();
    let policy = Prune {
        max_bytes: 0,
        keep_per_request: 3,
        older_than: None,
    };
    let (removed, freed) = store.prune(policy, at(1000)).unwrap();
    assert_eq!(removed, 7);
    assert!(freed > 0);
    let left: Vec<(String, u64)> = store
        .list(&Filter::default())
        .unwrap()
        .into_iter()
        .map(|s| (s.request, s.at.duration_since(at(0)).unwrap().as_secs()))
        .collect();
    assert_eq!(
        left,
        [
            ("B".into(), 100),
            ("A".into(), 9),
            ("A".into(), 8),
            ("A".into(), 7)
        ]
    );
    // By age: everything older than the cut goes, the last one of each still stays.
    let by_age = Prune {
        max_bytes: u64::MAX,
        keep_per_request: 1,
        older_than: Some(Duration::from_secs(500)),
    };
    let (removed, _) = store.prune(by_age, at(1000)).unwrap();
    assert_eq!(removed, 2);
    assert_eq!(store.list(&Filter::default()).unwrap().len(), 2);
}

fn kept(seconds: u64, token: &str) -> KeptResponse {
    KeptResponse {
        at: at(seconds),
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: format!(r#"{{"access_token":"{token}"}}"#).into(),
    }
}

#[test]
fn the_latest_response_is_kept_sealed_per_environment_and_read_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let file = std::path::Path::new("/c/demo.yaml");
    let login = |seconds, token: &str, environment: &str| NewExchange {
        environment: Some(environment.into()),
        response: Some(kept(seconds, token)),
        ..exchange("Auth/Log in", Some(200), seconds, "")
    };
    store.record(&login(1, "tok-old-1111", "local")).unwrap();
    store.record(&login(3, "tok-new-3333", "local")).unwrap();
    // An older exchange recorded late (a `run` finishing after the TUI) does not replace it.
    store.record(&login(2, "tok-late-2222", "local")).unwrap();
    store.record(&login(4, "tok-prod-4444", "prod")).unwrap();
    let local = store.kept_responses(file, Some("local")).unwrap();
    assert_eq!(local, [("Auth/Log in".to_owned(), kept(3, "tok-new-3333"))]);
    let prod = store.kept_responses(file, Some("prod")).unwrap();
    assert_eq!(prod[0].1.body, kept(4, "tok-prod-4444").body);
    assert!(store.kept_responses(file, None).unwrap().is_empty());

    // A rename carries it.
    store.rename(file, "Auth", "Login").unwrap();
    assert_eq!(
        store.kept_responses(file, Some("local")).unwrap()[0].0,
        "Login/Log in"
    );
    drop(store);

    // Nowhere in the database's bytes (WAL included) is a token in the clear.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for token in ["tok-old-1111", "tok-new-3333", "tok-late-2222", "tok-prod-4444"] {
            assert!(
                !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
                "{token}"
            );
        }
    }
    // Without its key, nothing kept can be read, and nothing fails.
    std::fs::remove_file(crate::history::sealed::key_path(&path)).unwrap();
    let store = Store::open(&path).unwrap();
    assert!(store.kept_responses(file, Some("local")).unwrap().is_empty());
}

#[test]
fn a_response_too_large_to_chain_from_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    let mut big = kept(1, "x");
    big.body = vec![b'a'; super::KEPT_LIMIT + 1].into();
    store
        .record(&NewExchange {
            response: Some(big),
            ..exchange("Download", Some(200), 1, "")
        })
        .unwrap();
    let kept = store
        .kept_responses(std::path::Path::new("/c/demo.yaml"), Some("local"))
        .unwrap();
    assert!(kept.is_empty());
}

#[test]
fn cookie_jars_are_kept_sealed_per_environment() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    let file = std::path::Path::new("/c/demo.yaml");
    store
        .keep_cookies(file, Some("local"), at(1), b"sid=cookie-secret-1")
        .unwrap();
    store
        .keep_cookies(file, None, at(2), b"sid=cookie-secret-2")
        .unwrap();
    store
        .keep_cookies(file, Some("local"), at(3), b"sid=cookie-secret-3")
        .unwrap();
    // A snapshot taken earlier but written late does not replace the newer one.
    store
        .keep_cookies(file, Some("local"), at(2), b"sid=cookie-secret-2b")
        .unwrap();
    let mut jars = store.cookie_jars(file).unwrap();
    jars.sort();
    assert_eq!(
        jars,
        [
            (None, b"sid=cookie-secret-2".to_vec()),
            (Some("local".into()), b"sid=cookie-secret-3".to_vec())
        ]
    );
    drop(store);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(13).any(|w| w == b"cookie-secret"));
    }
}
