//! Where an import's pieces point once they are in the collection: chained references
//! under `--folder`, files the source named relative to itself, the OpenAPI description a new
//! collection names, and a collection folder's own `.env` the requests read from.

use std::path::{Path, PathBuf};

use super::{ImportArgs, ImportKind, Placed};

/// A collection folder (Bruno, Posting) whose own `.env` holds values the requests read
/// as `{{ env.X }}`: apibench reads them from the process or the `.env` beside the
/// collection, so say which to copy there (names only: the values may be secrets).
pub(super) fn dotenv_left_behind(args: &ImportArgs, requests: &[Placed]) -> Option<String> {
    if !matches!(args.kind, ImportKind::Bruno | ImportKind::Posting) {
        return None;
    }
    let dotenv = Path::new(&args.source).join(".env");
    if !dotenv.is_file() {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    for (_, request, _) in requests {
        for template in request.templates() {
            for (expr, _) in template.exprs() {
                if let crate::template::Expr::Env(name) = expr
                    && !names.contains(name)
                {
                    names.push(name.clone());
                }
            }
        }
    }
    (!names.is_empty()).then(|| {
        format!(
            "{} read {} from {}: copy {} into the .env beside the collection (or the environment), which apibench reads",
            if names.len() == 1 { "a request" } else { "requests" },
            names.join(", "),
            dotenv.display(),
            if names.len() == 1 { "it" } else { "them" }
        )
    })
}

/// Chained references between imported requests (`{{ response.Auth/Log in.… }}`, written
/// from the import's root) pointed at where they land under `--folder` (`Vendor/Auth/Log
/// in`); references to anything else are left alone.
pub(super) fn rebase_chains(requests: &mut [Placed], base: &[String]) {
    if base.is_empty() {
        return;
    }
    // Each imported request's path inside the import, longest first so `Log in 2` is
    // not taken for `Log in`.
    let mut paths: Vec<String> = requests
        .iter()
        .map(|(folder, request, _)| {
            let mut path = folder[base.len().min(folder.len())..].to_vec();
            path.push(request.name.clone());
            path.join("/")
        })
        .collect();
    paths.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let prefix = base.join("/");
    let rewrite = |source: &str| {
        let mut out = source.to_owned();
        for path in &paths {
            let from = format!("response.{path}.");
            if out.contains(&from) && !out.contains(&format!("response.{prefix}/{path}.")) {
                out = out.replace(&from, &format!("response.{prefix}/{path}."));
            }
        }
        out
    };
    for (_, request, _) in requests.iter_mut() {
        crate::interop::body::rewrite_templates(request, &rewrite);
    }
}

/// For an OpenAPI import, the description's path as the new collection names it
/// (relative to the collection's folder where it can be).
pub(super) fn described(args: &ImportArgs) -> Option<String> {
    if args.kind != ImportKind::Openapi || args.source == "-" {
        return None;
    }
    let spec = std::path::absolute(&args.source).ok()?;
    let folder = std::path::absolute(folder_of(&args.into)).ok()?;
    let relative = pathdiff::diff_paths(&spec, &folder).unwrap_or(spec);
    Some(relative.to_string_lossy().replace('\\', "/"))
}

/// The folder the source's relative file paths are relative to: the current folder for
/// a curl command line (or standard input), a `.http` or Slumber file's own folder, a Bruno
/// or Posting collection's folder. `None` where the tool resolves them against a folder of
/// its own settings (Postman's and Insomnia's working directory): left as written.
pub(super) fn source_dir(args: &ImportArgs) -> Option<PathBuf> {
    let source = Path::new(&args.source);
    let dir = match args.kind {
        ImportKind::Curl => Path::new("."),
        _ if args.source == "-" => Path::new("."),
        ImportKind::Bruno | ImportKind::Posting => source,
        ImportKind::Http | ImportKind::Slumber => folder_of(source),
        ImportKind::Har | ImportKind::Postman | ImportKind::Insomnia | ImportKind::Openapi => return None,
    };
    Some(std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()))
}

/// The folder a file is in: `.` for a bare file name.
pub(super) fn folder_of(file: &Path) -> &Path {
    file.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Files the source names relative to itself (a body's file, a multipart file part)
/// made relative to the collection, which is where apibench reads them from.
pub(super) fn rebase_files(requests: &mut [Placed], from: &Path, into: &Path) {
    use crate::collection::{Body, Part};
    let Ok(to) = std::path::absolute(folder_of(into)) else {
        return;
    };
    if to == from {
        return;
    }
    let rebase = |path: &mut crate::template::Template| {
        let written = path.as_str();
        if written.contains("{{") || Path::new(written).is_absolute() || written.is_empty() {
            return;
        }
        let target: PathBuf = from
            .join(written)
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        let relative = pathdiff::diff_paths(&target, &to).unwrap_or(target);
        *path = crate::template::Template::literal(&relative.to_string_lossy().replace('\\', "/"));
    };
    for (_, request, _) in requests.iter_mut() {
        match &mut request.body {
            Some(Body::File { path, .. }) => rebase(path),
            Some(Body::Multipart(parts)) => {
                for part in parts {
                    if let Part::File { path, .. } = part {
                        rebase(path);
                    }
                }
            }
            _ => {}
        }
    }
}
