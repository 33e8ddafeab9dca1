use apibench::collection::*;
use std::path::Path;

#[test]
fn probe() {
    for text in [
        "requests:\n  - name: A\n    url: http://x\n    body: { jsn: {} }\n",
        "requests:\n  - name: A\n    url: http://x\n    auth: { beraer: x }\n",
        "requests:\n  - name: A\n    url: http://x\n    auth: { api_key: { in: heder, name: k, value: v } }\n",
        "requests:\n  - name: A\n    url: http://x\n    expect: { status: [] }\n",
        "version: 2\nrequests: []\n",
        "requests: [1, 2]\n",
        "requests:\n  - name: A\n    url: http://x\n    query:\n      - { nam: a, value: b }\n",
    ] {
        match parse_collection(text, Path::new("t.yaml")) {
            Ok(_) => println!("OK"),
            Err(e) => {
                for x in e {
                    println!("{x}");
                }
            }
        }
        println!("--");
    }
    std::fs::write("/tmp/revA/nonutf.yaml", b"name: \xff\nrequests: []\n").unwrap();
    println!("{:?}", load_file(Path::new("/tmp/revA/nonutf.yaml")).unwrap_err());
    let d = tempfile::tempdir().unwrap();
    println!("{:?}", load_path(d.path()).errors);
}
