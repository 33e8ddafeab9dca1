//! Bruno collections read into requests, from the collection's folder, in either of Bruno's
//! file formats: `.bru` files beside a `bruno.json` (Bru Lang), or `OpenCollection` YAML beside
//! an `opencollection.yml` (Bruno 3; that file is looked for first, as Bruno does). Folders are
//! folders (named by their `folder.bru`/`folder.yml`, else the directory), in `seq` order and
//! before the requests beside them, which are in `seq` order too. Each request's method, URL,
//! query and path parameters, headers, body (JSON, text, XML, SPARQL, urlencoded, multipart with
//! files, GraphQL as its JSON, a file) and auth (bearer, basic, API key; `inherit` takes the
//! nearest folder's, then the collection's) come across, with the collection's and folders'
//! headers; the collection's variables are the collection's, a folder's become its requests',
//! and `environments/` are environments (a secret's value is not in the files: it is left
//! empty and said). Bruno's `{{var}}` becomes `{{ var }}`, `{{process.env.X}}` `{{ env.X }}`.
//! Disabled rows (`~name`) are left out, and listed. Scripts, tests, asserts and post-response
//! variables cannot run here: each is listed and kept as comments at the end of its requests.
//! A file that is not Bru Lang or YAML stops the import with its path and line. A link to a
//! folder is not followed.

mod bru;
mod lang;
mod map;
mod source;
mod yml;

use std::path::{Path, PathBuf};

use crate::interop::{Imported, Placed};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BrunoError {
    #[error("{} is not a Bruno collection: it has neither bruno.json nor opencollection.yml", .0.display())]
    NotBruno(PathBuf),
    #[error("cannot read {}: {message}", path.display())]
    Read { path: PathBuf, message: String },
    /// A `.bru` file that is not Bru Lang.
    #[error("{}:{line}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// `bruno.json` that is not JSON, or a YAML file that is not YAML (the message says where).
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

/// Folders deeper than this are left out (and said): a link back up would never end.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Bru,
    Yaml,
}

impl Format {
    fn folder_file(self) -> &'static str {
        match self {
            Format::Bru => "folder.bru",
            Format::Yaml => "folder.yml",
        }
    }

    /// A file of this format (a request, or an environment under `environments/`).
    fn is_item(self, file_name: &str) -> bool {
        match self {
            Format::Bru => has_extension(file_name, &["bru"]),
            Format::Yaml => has_extension(file_name, &["yml", "yaml"]),
        }
    }

    fn is_request(self, file_name: &str) -> bool {
        self.is_item(file_name)
            && !["folder.bru", "collection.bru", "folder.yml", "opencollection.yml"].contains(&file_name)
    }
}

/// A collection or folder above a request: what it sets, and its comments for each request.
#[derive(Clone)]
struct Scope<'a> {
    common: &'a source::Common,
    comments: Vec<String>,
}

/// Reads the Bruno collection in the folder `dir`.
pub fn import(dir: &Path) -> Result<Imported, BrunoError> {
    let yaml_root = dir.join("opencollection.yml");
    let config = dir.join("bruno.json");
    let mut name = None;
    let (format, root, ignore) = if yaml_root.is_file() {
        let root = yml::folder(&read(&yaml_root)?).map_err(|m| invalid(&yaml_root, m))?;
        (Format::Yaml, root, Vec::new())
    } else if config.is_file() {
        let json: serde_json::Value =
            serde_json::from_str(&read(&config)?).map_err(|e| invalid(&config, e.to_string()))?;
        let ignore = json["ignore"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i.as_str().map(str::to_owned))
            .collect();
        name = json["name"].as_str().map(str::to_owned);
        let collection = dir.join("collection.bru");
        let root = if collection.is_file() {
            bru::folder(&blocks(&collection)?)
        } else {
            source::Folder::default()
        };
        (Format::Bru, root, ignore)
    } else {
        return Err(BrunoError::NotBruno(dir.to_owned()));
    };
    let mut out = Imported {
        name: name
            .or_else(|| root.name.clone())
            .filter(|n| !n.trim().is_empty()),
        ..Imported::default()
    };
    for row in root.common.vars.iter().filter(|r| r.enabled) {
        let at = format!("variable {}", row.name);
        let value = map::variable(&row.value, &at, &mut out.unmapped);
        out.variables.push((row.name.clone(), value));
    }
    if let Some(what) = map::cannot_run(&root.common) {
        out.unmapped.push(format!(
            "the collection's {what} cannot run here; kept beside each request as comments"
        ));
    }
    map::say_switched_off(
        "collection",
        &map::switched_off_rows("header", &root.common.headers),
        &mut out.unmapped,
    );
    let scope = Scope {
        common: &root.common,
        comments: map::comments(&root.common, "collection "),
    };
    let walk = Walk { format, ignore };
    walk.folder(dir, &[], &[scope], &mut out, 0)?;
    walk.environments(&dir.join("environments"), &mut out)?;
    Ok(out)
}

struct Walk {
    format: Format,
    /// Names Bruno skips (`bruno.json`'s `ignore`), beside hidden files.
    ignore: Vec<String>,
}

impl Walk {
    /// The folders and requests in `dir`, which is at `folder` in the collection.
    fn folder(
        &self,
        dir: &Path,
        folder: &[String],
        scopes: &[Scope<'_>],
        out: &mut Imported,
        depth: usize,
    ) -> Result<(), BrunoError> {
        if depth > MAX_DEPTH {
            out.unmapped.push(format!(
                "{}: folders nested deeper than {MAX_DEPTH} are left out",
                folder.join("/")
            ));
            return Ok(());
        }
        let mut folders = Vec::new();
        let mut requests = Vec::new();
        for (path, kind) in self.entries(dir)? {
            let file_name = file_name(&path);
            // Where it is, for what is said about it: `Admin/Sign in.bru`.
            let at = folder
                .iter()
                .chain([&file_name])
                .cloned()
                .collect::<Vec<_>>()
                .join("/");
            // A link to a folder is not followed: `ln -s . loop` would read the collection
            // again inside itself, and two such links 2^32 folders.
            if kind.is_symlink() && path.is_dir() {
                out.unmapped.push(format!(
                    "{at}: a link to a folder; not followed, what it leads to is left out"
                ));
                continue;
            }
            if kind.is_dir() {
                if depth == 0 && file_name == "environments" {
                    continue;
                }
                let file = path.join(self.format.folder_file());
                let found = if file.is_file() {
                    self.read_folder(&file)?
                } else {
                    source::Folder::default()
                };
                let name = found.name.clone().unwrap_or_else(|| file_name.clone());
                folders.push((found.seq, name.replace('/', " "), path, found));
            } else if self.format.is_request(&file_name) {
                let stem = file_name.rsplit_once('.').map_or(file_name.as_str(), |(s, _)| s);
                match self.read_request(&path)? {
                    Some(request) => requests.push((request.seq, stem.to_owned(), request)),
                    None => out.unmapped.push(format!(
                        "{at}: not a Bruno request (it has no info.type); left out"
                    )),
                }
            }
        }
        folders.sort_by(|a, b| order((a.0, &a.1), (b.0, &b.1)));
        requests.sort_by(|a, b| order((a.0, &a.1), (b.0, &b.1)));
        for (_, name, path, found) in &folders {
            let mut inner_path = folder.to_vec();
            inner_path.push(name.clone());
            let at = inner_path.join("/");
            if let Some(what) = map::cannot_run(&found.common) {
                out.unmapped.push(format!(
                    "{at}: the folder's {what} cannot run here; kept beside each request inside as comments"
                ));
            }
            map::say_switched_off(
                &at,
                &map::switched_off_rows("header", &found.common.headers),
                &mut out.unmapped,
            );
            let mut inner: Vec<Scope<'_>> = scopes.to_vec();
            inner.push(Scope {
                common: &found.common,
                comments: map::comments(&found.common, &format!("folder {at} ")),
            });
            self.folder(path, &inner_path, &inner, out, depth + 1)?;
        }
        for (_, stem, request) in &requests {
            place(request, stem, folder, scopes, out);
        }
        Ok(())
    }

    /// `environments/*`: each file an environment.
    fn environments(&self, dir: &Path, out: &mut Imported) -> Result<(), BrunoError> {
        if !dir.is_dir() {
            return Ok(());
        }
        for (path, _) in self.entries(dir)? {
            let file_name = file_name(&path);
            if !path.is_file() || !self.format.is_item(&file_name) {
                continue;
            }
            let stem = file_name.rsplit_once('.').map_or(file_name.as_str(), |(s, _)| s);
            let env = match self.format {
                Format::Bru => bru::environment(stem, &blocks(&path)?),
                Format::Yaml => yml::environment(stem, &read(&path)?).map_err(|m| invalid(&path, m))?,
            };
            let at = format!("environment {}", env.name);
            let mut vars: Vec<(String, String)> = Vec::new();
            for row in env.vars.iter().filter(|r| r.enabled) {
                let value = map::variable(&row.value, &at, &mut out.unmapped);
                vars.push((row.name.clone(), value));
            }
            for secret in &env.secrets {
                out.unmapped.push(format!(
                    "{at}: the value of the secret {secret} is not in the collection's files (Bruno keeps it on the machine that set it); left empty"
                ));
                vars.push((secret.clone(), String::new()));
            }
            out.environments.push((env.name.replace('/', " "), vars));
        }
        Ok(())
    }

    /// What `dir` holds, in name order, without hidden and ignored names, each with its type
    /// as the directory lists it (a link is a link, not what it points at).
    fn entries(&self, dir: &Path) -> Result<Vec<(PathBuf, std::fs::FileType)>, BrunoError> {
        let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)
            .map_err(|e| read_error(dir, &e))?
            .filter_map(Result::ok)
            .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
            .filter(|(p, _)| {
                let name = file_name(p);
                !name.starts_with('.') && name != "node_modules" && !self.ignore.contains(&name)
            })
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(entries)
    }

    fn read_folder(&self, path: &Path) -> Result<source::Folder, BrunoError> {
        match self.format {
            Format::Bru => Ok(bru::folder(&blocks(path)?)),
            Format::Yaml => yml::folder(&read(path)?).map_err(|m| invalid(path, m)),
        }
    }

    fn read_request(&self, path: &Path) -> Result<Option<source::Request>, BrunoError> {
        match self.format {
            Format::Bru => Ok(Some(bru::request(&blocks(path)?))),
            Format::Yaml => yml::request(&read(path)?).map_err(|m| invalid(path, m)),
        }
    }
}

/// By `seq`, those without one after; then by name.
fn order(a: (Option<f64>, &str), b: (Option<f64>, &str)) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a.0, b.0) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.1.cmp(b.1)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.1.cmp(b.1),
    }
}

/// The request of `src` (named `stem` when it does not say), placed in `folder`.
fn place(src: &source::Request, stem: &str, folder: &[String], scopes: &[Scope<'_>], out: &mut Imported) {
    let name = src.name.as_deref().unwrap_or(stem).replace('/', " ");
    let at = if folder.is_empty() {
        name.clone()
    } else {
        format!("{}/{name}", folder.join("/"))
    };
    let what = match src.kind.as_str() {
        "http" | "graphql" if src.method.is_empty() && src.url.is_empty() => "a file with no method block",
        "http" | "graphql" => "",
        "grpc" => "a gRPC request (apibench sends HTTP requests)",
        "ws" | "websocket" => "a WebSocket request (apibench sends HTTP requests)",
        _ => "not an HTTP request",
    };
    if !what.is_empty() {
        out.unmapped.push(format!("{at}: {what}; left out"));
        return;
    }
    let commons: Vec<&source::Common> = scopes.iter().map(|s| s.common).collect();
    let (request, own) = map::request(src, &name, &commons, &at, &mut out.unmapped);
    if let Some(what) = map::cannot_run(&src.common) {
        out.unmapped.push(format!(
            "{at}: its {what} cannot run here; kept beside it as comments"
        ));
    }
    let mut comments: Vec<String> = scopes.iter().flat_map(|s| s.comments.iter().cloned()).collect();
    comments.extend(own);
    out.requests.push(Placed {
        folder: folder.to_vec(),
        request,
        comments,
    });
}

fn read(path: &Path) -> Result<String, BrunoError> {
    std::fs::read_to_string(path).map_err(|e| read_error(path, &e))
}

/// A `.bru` file's blocks.
fn blocks(path: &Path) -> Result<Vec<lang::Block>, BrunoError> {
    lang::parse(&read(path)?).map_err(|e| BrunoError::Syntax {
        path: path.to_owned(),
        line: e.line,
        message: e.message,
    })
}

fn read_error(path: &Path, error: &std::io::Error) -> BrunoError {
    BrunoError::Read {
        path: path.to_owned(),
        message: error.to_string(),
    }
}

fn invalid(path: &Path, message: String) -> BrunoError {
    BrunoError::Invalid {
        path: path.to_owned(),
        message,
    }
}

fn has_extension(file_name: &str, extensions: &[&str]) -> bool {
    Path::new(file_name)
        .extension()
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
