//! Fuzz target: every importer of `interop`. The first byte picks the importer (and, for
//! the formats that are folders, the file the rest becomes); the rest is its input. Bruno
//! and Posting collections are folders, so their input is written into a scratch folder
//! that the importer then reads, as `apibench import` would. Each imported request is
//! written out as collection YAML too. None of it may panic or hang.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use apibench::interop::{self, Imported};
use libfuzzer_sys::fuzz_target;

/// The importers, in the order of the first byte (modulo their number).
const IMPORTERS: &[&str] = &[
    "curl",
    "har",
    "postman",
    "insomnia",
    "openapi",
    "openapi-outline",
    "bruno-request.bru",
    "bruno-collection.bru",
    "bruno-folder.bru",
    "bruno-environment.bru",
    "bruno-request.yml",
    "bruno-opencollection.yml",
    "posting-request",
    "posting-dotenv",
    "slumber",
    "http-file",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match IMPORTERS[usize::from(which) % IMPORTERS.len()] {
        "curl" => {
            if let Ok(imported) = interop::curl::import(text, None) {
                let _ = apibench::collection::edit::request_yaml(&imported.request);
            }
        }
        "har" => {
            let options = interop::har::HarOptions {
                only_xhr: which & 0x80 != 0,
                drop_cookies: which & 0x40 != 0,
                drop_tracking: which & 0x20 != 0,
            };
            if let Ok(imported) = interop::har::import(text, options) {
                for (_, requests) in &imported.hosts {
                    for request in requests {
                        let _ = apibench::collection::edit::request_yaml(request);
                    }
                }
            }
        }
        "postman" => {
            if let Ok(imported) = interop::postman::import(text) {
                for (_, request, _) in &imported.requests {
                    let _ = apibench::collection::edit::request_yaml(request);
                }
            }
        }
        "insomnia" => written_out(interop::insomnia::import(text)),
        "openapi" => written_out(interop::openapi::import(text)),
        "openapi-outline" => {
            let _ = interop::openapi::outline(text, "fuzz.yaml");
        }
        "bruno-request.bru" => bruno(&[("bruno.json", "{}"), ("Fuzz.bru", text)]),
        "bruno-collection.bru" => bruno(&[("bruno.json", "{}"), ("collection.bru", text)]),
        "bruno-folder.bru" => bruno(&[
            ("bruno.json", "{}"),
            ("Folder/folder.bru", text),
            ("Folder/Get.bru", "get {\n  url: https://x/\n}\n"),
        ]),
        "bruno-environment.bru" => bruno(&[("bruno.json", "{}"), ("environments/Fuzz.bru", text)]),
        "bruno-request.yml" => bruno(&[
            (
                "opencollection.yml",
                "opencollection: \"1.0.0\"\ninfo:\n  name: Fuzz\n",
            ),
            ("fuzz.yml", text),
        ]),
        "bruno-opencollection.yml" => bruno(&[("opencollection.yml", text)]),
        "posting-request" => posting(&[("fuzz.posting.yaml", text)]),
        "posting-dotenv" => posting(&[
            (".env", text),
            (
                "get.posting.yaml",
                "name: Get\nmethod: GET\nurl: https://x/$base\n",
            ),
        ]),
        "slumber" => written_out(interop::slumber::import(text)),
        "http-file" => {
            if let Ok(imported) = interop::http_file::import(text) {
                for request in &imported.requests {
                    let _ = apibench::collection::edit::request_yaml(request);
                }
            }
        }
        other => unreachable!("{other} is in the list"),
    }
});

fn written_out<E: std::fmt::Display>(imported: Result<Imported, E>) {
    match imported {
        Ok(imported) => {
            for placed in &imported.requests {
                let _ = apibench::collection::edit::request_yaml(&placed.request);
            }
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
}

fn bruno(files: &[(&str, &str)]) {
    let dir = scratch_with(files);
    written_out(interop::bruno::import(&dir));
}

fn posting(files: &[(&str, &str)]) {
    let dir = scratch_with(files);
    written_out(interop::posting::import(&dir));
}

/// The scratch folder, emptied and holding only `files` (path relative to it, text).
fn scratch_with(files: &[(&str, &str)]) -> PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    let root = ROOT.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        base.join(format!("apibench-fuzz-importers-{}", std::process::id()))
    });
    let _ = std::fs::remove_dir_all(root);
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a file has a folder")).expect("scratch folder");
        std::fs::write(&path, text).expect("scratch file");
    }
    root.clone()
}
