//! The house rules, checked on the source: modules import only the layers below them, no file
//! imports a file that (through others) imports it back, and only `tui/` knows the terminal.
//!
//! The source is read with `syn`, following `mod` declarations from `src/lib.rs`; test
//! modules (`#[cfg(test)]`) are left out, since what they import is not the product's shape.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// Each module and the layers directly below it: it may import those, and whatever they may
/// import. Written once; a module missing from this table fails the test.
const LAYERS: &[(&str, &[&str])] = &[
    // Leaves: they import nothing of the crate.
    ("sanitize", &[]),
    ("suggest", &[]),
    ("media_type", &[]),
    ("format", &[]),
    ("external_editor", &[]),
    ("secrets", &["media_type"]),
    // The model and its templates.
    ("template", &["suggest"]),
    ("collection", &["template", "format", "secrets", "sanitize"]),
    // The transport knows neither the model nor templates; building a request knows both.
    ("http", &["format", "secrets", "sanitize"]),
    ("request", &["collection", "http"]),
    // Reading the evidence knows nothing of checklists; the checklist reads everything below.
    ("evidence", &["media_type", "suggest"]),
    ("diagnosis", &["request", "evidence"]),
    // Requests in other tools' formats (curl, HTTP messages, OpenAPI), masked unless asked;
    // an OpenAPI description read into what the checklist holds requests against.
    ("interop", &["request", "diagnosis"]),
    // The application: workspace, responses, sending, the one diagnosis call.
    ("expectation", &["request"]),
    ("history", &["diagnosis", "expectation"]),
    ("session", &["diagnosis", "expectation", "history", "interop"]),
    ("demo", &["media_type", "format"]),
    // The two faces.
    ("tui", &["session", "external_editor", "interop"]),
    ("cli", &["tui", "demo"]),
];

/// Crates only the terminal UI may use.
const TERMINAL_CRATES: [&str; 3] = ["ratatui", "crossterm", "ratatui_textarea"];

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let crate_ = Crate::shared();
    let allowed = allowed_imports();
    let mut wrong = Vec::new();
    for file in crate_.product_files() {
        let Some(top) = file.module.first() else {
            continue; // lib.rs
        };
        let Some(may) = allowed.get(top.as_str()) else {
            wrong.push(format!(
                "{}: module `{top}` has no place in LAYERS",
                file.path.display()
            ));
            continue;
        };
        for used in &file.uses {
            let [first, ..] = used.as_slice() else { continue };
            if first != top && crate_.is_top_module(first) && !may.contains(first.as_str()) {
                wrong.push(format!(
                    "{}: `{top}` imports `{}`, which is not below it",
                    file.path.display(),
                    used.join("::")
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let crate_ = Crate::shared();
    let graph = crate_.file_graph();
    let cycles: Vec<String> = strongly_connected(&graph)
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| {
            component
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(" ↔ ")
        })
        .collect();
    assert!(
        cycles.is_empty(),
        "files in import cycles:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn no_module_imports_a_sibling_that_imports_it_back() {
    let crate_ = Crate::shared();
    let by_path: BTreeMap<&PathBuf, &SourceFile> = crate_.files.iter().map(|f| (&f.path, f)).collect();
    // For each module, the graph among its children (a file counts for the child it is in;
    // the module's own file is `mod`).
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<PathBuf, BTreeSet<PathBuf>>> = BTreeMap::new();
    for (from, targets) in crate_.file_graph() {
        for to in targets {
            let (a, b) = (&by_path[&from].module, &by_path[&to].module);
            let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            let parent = a[..common].to_vec();
            let node = |m: &[String]| PathBuf::from(m.get(common).map_or("mod", String::as_str));
            graphs
                .entry(parent)
                .or_default()
                .entry(node(a))
                .or_default()
                .insert(node(b));
        }
    }
    let mut cycles = Vec::new();
    for (parent, mut graph) in graphs {
        let nodes: Vec<PathBuf> = graph.values().flatten().cloned().collect();
        for node in nodes {
            graph.entry(node).or_default();
        }
        let name = parent.join("::");
        for component in strongly_connected(&graph).into_iter().filter(|c| c.len() > 1) {
            let names: Vec<String> = component.iter().map(|n| n.display().to_string()).collect();
            cycles.push(format!("in `{name}`: {}", names.join(" ↔ ")));
        }
    }
    assert!(
        cycles.is_empty(),
        "modules in import cycles:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn only_the_tui_knows_the_terminal() {
    let crate_ = Crate::shared();
    let mut wrong = Vec::new();
    for file in crate_.product_files() {
        if file.module.first().is_some_and(|m| m == "tui") {
            continue;
        }
        for used in &file.external {
            if TERMINAL_CRATES.contains(&used.as_str()) {
                wrong.push(format!("{} uses {used}", file.path.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "terminal crates outside tui/:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_layer_table_has_no_cycle() {
    let allowed = allowed_imports();
    for (module, may) in &allowed {
        assert!(
            !may.contains(module),
            "`{module}` may import itself through {may:?}: the layers have a cycle"
        );
    }
}

/// The transitive closure of `LAYERS`.
fn allowed_imports() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    let direct: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut closure = BTreeMap::new();
    for (module, _) in LAYERS {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&str> = direct[module].to_vec();
        while let Some(next) = todo.pop() {
            if seen.insert(next) {
                todo.extend(direct.get(next).copied().unwrap_or_default());
            }
        }
        closure.insert(*module, seen);
    }
    closure
}

/// One source file of the product.
#[derive(Debug)]
struct SourceFile {
    path: PathBuf,
    /// `["tui", "update", "sending"]`; empty for `lib.rs`.
    module: Vec<String>,
    test: bool,
    /// Paths into the crate this file names, made absolute (`["collection", "Request"]`).
    uses: Vec<Vec<String>>,
    /// First segments of paths that name other crates (`ratatui`).
    external: BTreeSet<String>,
    /// Items this file defines, by name.
    defines: BTreeSet<String>,
    /// `pub use` re-exports: the name they give → the absolute path they point at.
    reexports: BTreeMap<String, Vec<String>>,
    /// `pub use path::*`: absolute module paths.
    globs: Vec<Vec<String>>,
}

#[derive(Debug)]
struct Crate {
    files: Vec<SourceFile>,
}

impl Crate {
    /// The crate read once for all the tests here (parsing it is most of their cost).
    fn shared() -> &'static Crate {
        static CRATE: std::sync::OnceLock<Crate> = std::sync::OnceLock::new();
        CRATE.get_or_init(Crate::read)
    }

    fn read() -> Self {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        read_module(&src.join("lib.rs"), &src, &[], false, &mut files);
        assert!(files.len() > 20, "the crate was not read: {} files", files.len());
        Self { files }
    }

    fn product_files(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter().filter(|f| !f.test)
    }

    fn is_top_module(&self, name: &str) -> bool {
        self.files
            .iter()
            .any(|f| f.module.len() == 1 && f.module[0] == name)
    }

    fn file_of(&self, module: &[String]) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.module == module)
    }

    /// The file that defines what `path` names, following re-exports.
    fn resolve(&self, path: &[String], depth: usize) -> Option<&SourceFile> {
        // The deepest module the path walks through.
        let split = (0..=path.len())
            .rev()
            .find(|&n| self.file_of(&path[..n]).is_some())?;
        let module = self.file_of(&path[..split])?;
        let Some(item) = path.get(split) else {
            return Some(module);
        };
        if depth > 16 || module.defines.contains(item) {
            return Some(module);
        }
        if let Some(target) = module.reexports.get(item) {
            let mut full = target.clone();
            full.extend_from_slice(&path[split + 1..]);
            return self.resolve(&full, depth + 1).or(Some(module));
        }
        for glob in &module.globs {
            let mut full = glob.clone();
            full.extend_from_slice(&path[split..]);
            if let Some(found) = self.resolve(&full, depth + 1)
                && found.module != module.module
            {
                return Some(found);
            }
        }
        Some(module)
    }

    fn file_graph(&self) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
        let mut graph = BTreeMap::new();
        for file in self.product_files() {
            let edges: BTreeSet<PathBuf> = file
                .uses
                .iter()
                .filter_map(|used| self.resolve(used, 0))
                .filter(|target| !target.test && target.path != file.path)
                .map(|target| target.path.clone())
                .collect();
            graph.insert(file.path.clone(), edges);
        }
        graph
    }
}

/// Reads the module at `path` and, through its `mod` declarations, every module below it.
fn read_module(path: &Path, src: &Path, module: &[String], test: bool, out: &mut Vec<SourceFile>) {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let syntax = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // Where `mod child;` looks: beside `mod.rs`/`lib.rs`, else in a folder named for the file.
    let dir = match path.file_name().and_then(|n| n.to_str()) {
        Some("mod.rs" | "lib.rs") => path.parent().map(Path::to_path_buf).unwrap_or_default(),
        _ => path.with_extension(""),
    };
    let mut reader = Reader::new(module);
    let mut children = Vec::new();
    for item in &syntax.items {
        if is_test_only(item_attrs(item)) {
            if let syn::Item::Mod(m) = item
                && m.content.is_none()
            {
                children.push((m.ident.to_string(), true));
            }
            continue;
        }
        match item {
            syn::Item::Mod(m) if m.content.is_none() => children.push((m.ident.to_string(), test)),
            _ => reader.item(item),
        }
    }
    out.push(SourceFile {
        path: path
            .strip_prefix(src.parent().unwrap_or(src))
            .unwrap_or(path)
            .to_path_buf(),
        module: module.to_vec(),
        test,
        uses: reader.uses,
        external: reader.external,
        defines: reader.defines,
        reexports: reader.reexports,
        globs: reader.globs,
    });
    for (child, child_test) in children {
        let file = [dir.join(format!("{child}.rs")), dir.join(&child).join("mod.rs")]
            .into_iter()
            .find(|p| p.is_file())
            .unwrap_or_else(|| panic!("module `{child}` of {} has no file", path.display()));
        let mut child_module = module.to_vec();
        child_module.push(child);
        read_module(&file, src, &child_module, child_test, out);
    }
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("cfg") && a.parse_args::<syn::Path>().is_ok_and(|p| p.is_ident("test")))
}

/// Collects what one file uses and defines.
struct Reader<'m> {
    module: &'m [String],
    uses: Vec<Vec<String>>,
    external: BTreeSet<String>,
    defines: BTreeSet<String>,
    reexports: BTreeMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
}

impl<'m> Reader<'m> {
    fn new(module: &'m [String]) -> Self {
        Self {
            module,
            uses: Vec::new(),
            external: BTreeSet::new(),
            defines: BTreeSet::new(),
            reexports: BTreeMap::new(),
            globs: Vec::new(),
        }
    }

    fn item(&mut self, item: &syn::Item) {
        let defined = match item {
            syn::Item::Const(i) => Some(&i.ident),
            syn::Item::Enum(i) => Some(&i.ident),
            syn::Item::Fn(i) => Some(&i.sig.ident),
            syn::Item::Static(i) => Some(&i.ident),
            syn::Item::Struct(i) => Some(&i.ident),
            syn::Item::Trait(i) => Some(&i.ident),
            syn::Item::Type(i) => Some(&i.ident),
            syn::Item::Mod(i) => Some(&i.ident),
            syn::Item::Macro(i) => i.ident.as_ref(),
            _ => None,
        };
        if let Some(name) = defined {
            self.defines.insert(name.to_string());
        }
        if let syn::Item::Use(u) = item {
            let public = !matches!(u.vis, syn::Visibility::Inherited);
            self.use_tree(&u.tree, &[], public);
        } else {
            self.visit_item(item);
        }
    }

    fn use_tree(&mut self, tree: &syn::UseTree, prefix: &[String], public: bool) {
        let with = |name: &syn::Ident| {
            let mut p = prefix.to_vec();
            p.push(name.to_string());
            p
        };
        match tree {
            syn::UseTree::Path(p) => self.use_tree(&p.tree, &with(&p.ident), public),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(t, prefix, public);
                }
            }
            syn::UseTree::Name(n) => {
                // `use a::b::{self}` names the module `a::b`.
                let path = if n.ident == "self" {
                    prefix.to_vec()
                } else {
                    with(&n.ident)
                };
                self.path(&path, public.then(|| path.last().cloned().unwrap_or_default()));
            }
            syn::UseTree::Rename(r) => self.path(&with(&r.ident), public.then(|| r.rename.to_string())),
            syn::UseTree::Glob(_) => {
                if let Some(absolute) = self.absolute(prefix) {
                    if public {
                        self.globs.push(absolute.clone());
                    }
                    self.uses.push(absolute);
                } else if let Some(first) = prefix.first() {
                    self.external.insert(first.clone());
                }
            }
        }
    }

    /// A path as written here, made absolute within the crate; `None` for other crates.
    fn absolute(&self, path: &[String]) -> Option<Vec<String>> {
        let (first, rest) = path.split_first()?;
        let mut out = match first.as_str() {
            "crate" => Vec::new(),
            "self" => self.module.to_vec(),
            "super" => self.module[..self.module.len().saturating_sub(1)].to_vec(),
            _ => return None,
        };
        let mut rest = rest;
        while let Some((next, tail)) = rest.split_first() {
            if next != "super" {
                break;
            }
            out.pop();
            rest = tail;
        }
        out.extend(rest.iter().cloned());
        Some(out)
    }

    fn path(&mut self, path: &[String], reexport_as: Option<String>) {
        match self.absolute(path) {
            Some(absolute) => {
                if let Some(name) = reexport_as {
                    self.reexports.insert(name, absolute.clone());
                }
                self.uses.push(absolute);
            }
            None => {
                if let Some(first) = path.first() {
                    self.external.insert(first.clone());
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Reader<'_> {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if segments.len() > 1 {
            self.path(&segments, None);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test_only(&m.attrs) {
            syn::visit::visit_item_mod(self, m);
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_test_only(&f.attrs) {
            syn::visit::visit_item_fn(self, f);
        }
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_test_only(&f.attrs) {
            syn::visit::visit_impl_item_fn(self, f);
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if !is_test_only(&u.attrs) {
            self.use_tree(&u.tree, &[], false);
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // Paths inside macro calls (`format!("{}", crate::x::y())`) are tokens to syn; read
        // them as expressions where they parse as such.
        if let Ok(args) =
            mac.parse_body_with(syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
        {
            for arg in &args {
                self.visit_expr(arg);
            }
        }
        syn::visit::visit_macro(self, mac);
    }
}

/// Tarjan's strongly connected components.
fn strongly_connected(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct State<'g> {
        graph: &'g BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'g PathBuf, usize>,
        low: BTreeMap<&'g PathBuf, usize>,
        stack: Vec<&'g PathBuf>,
        on_stack: BTreeSet<&'g PathBuf>,
        out: Vec<Vec<PathBuf>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g PathBuf) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            if !s.graph.contains_key(w) {
                continue;
            }
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            s.out.push(component);
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.out
}
