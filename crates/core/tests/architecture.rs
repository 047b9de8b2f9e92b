//! ARCHITECTURE.md and docs/architecture/ name files and folders; every one
//! of them must exist, so that the map stays true as the tree moves.

use std::path::{Path, PathBuf};

/// Written by the build, not kept in the tree.
const BUILT: &[&str] = &["budmm-offline.html", "sw.js", "dist/"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn docs() -> Vec<PathBuf> {
    let mut docs = vec![root().join("ARCHITECTURE.md")];
    let folder = root().join("docs/architecture");
    let mut more: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    more.sort();
    assert!(!more.is_empty(), "{} holds the detail", folder.display());
    docs.extend(more);
    docs
}

/// What a doc names as a path: code spans that look like one, and the
/// targets of its links.
fn named(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for (i, span) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push((span.to_string(), false));
        }
    }
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        if let Some(end) = rest.find(')') {
            out.push((rest[..end].to_string(), true));
        }
    }
    out
}

fn looks_like_a_path(s: &str) -> bool {
    let plain = !s.is_empty()
        && !s.contains(|c: char| c.is_whitespace() || "<>*#:{}\"'=,()".contains(c))
        && !s.starts_with("http")
        && !s.starts_with('.');
    let file_types = "rs md mjs js sh html json toml css conf py htaccess";
    let has_file_type = file_types
        .split(' ')
        .any(|ext| s.ends_with(&format!(".{ext}")));
    plain && (s.contains('/') || has_file_type)
}

/// A bare file name: somewhere in the tree (outside build output).
fn anywhere(dir: &Path, name: &str) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.filter_map(|e| e.ok()).any(|e| {
        let path = e.path();
        let skip = ["target", "node_modules", ".git", "dist", "test-artifacts"];
        if path.is_dir() {
            !skip.iter().any(|s| path.ends_with(s)) && anywhere(&path, name)
        } else {
            e.file_name() == name
        }
    })
}

#[test]
fn every_path_the_architecture_names_exists() {
    let mut missing = Vec::new();
    let mut checked = 0;
    for doc in docs() {
        let text = std::fs::read_to_string(&doc).unwrap_or_default();
        assert!(!text.is_empty(), "{} is readable", doc.display());
        let here = doc.parent().map(Path::to_path_buf).unwrap_or_else(root);
        for (name, link) in named(&text) {
            if !looks_like_a_path(&name) || BUILT.iter().any(|b| name.starts_with(b)) {
                continue;
            }
            checked += 1;
            let found = if link {
                here.join(&name).exists()
            } else if name.contains('/') {
                root().join(&name).exists() || here.join(&name).exists()
            } else {
                anywhere(&root(), &name)
            };
            if !found {
                missing.push(format!("{}: {name}", doc.display()));
            }
        }
    }
    assert!(checked > 50, "the docs name paths ({checked} checked)");
    assert!(
        missing.is_empty(),
        "named but not there:\n{}",
        missing.join("\n")
    );
}

/// The core's modules, by path below `domain` (`storage::record`), with the
/// modules each names outside its tests.
fn core_imports() -> Vec<(String, Vec<String>)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let domain = root().join("crates/core/src/domain");
    let mut files = Vec::new();
    walk(&domain, &mut files);
    let module_of = |path: &Path| -> Option<String> {
        let rel = path.strip_prefix(&domain).ok()?.with_extension("");
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        (parts.last().map(String::as_str) != Some("mod")).then(|| parts.join("::"))
    };
    let modules: Vec<String> = files.iter().filter_map(|f| module_of(f)).collect();
    files
        .iter()
        .filter_map(|f| {
            let name = module_of(f)?;
            let text = std::fs::read_to_string(f).unwrap_or_default();
            let code = text.split("#[cfg(all(test").next().unwrap_or_default();
            let mut deps: Vec<String> = code
                .split("crate::domain::")
                .skip(1)
                .filter_map(|rest| {
                    let path: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                        .collect();
                    // The longest prefix that is a module.
                    let parts: Vec<&str> = path.split("::").collect();
                    (1..=parts.len())
                        .rev()
                        .map(|k| parts[..k].join("::"))
                        .find(|m| modules.contains(m))
                })
                .filter(|m| *m != name)
                .collect();
            deps.sort();
            deps.dedup();
            Some((name, deps))
        })
        .collect()
}

#[test]
fn core_modules_import_each_other_in_one_direction() {
    let graph = core_imports();
    assert!(graph.len() > 20, "the core's modules are found");
    let deps = |m: &str| {
        graph
            .iter()
            .find(|(n, _)| n == m)
            .map(|(_, d)| d.clone())
            .unwrap_or_default()
    };
    // Depth-first; a module met again on the current path closes a circle.
    fn visit(
        m: &str,
        deps: &dyn Fn(&str) -> Vec<String>,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut circle = path[at..].to_vec();
            circle.push(m.to_string());
            return Some(circle);
        }
        if done.iter().any(|d| d == m) {
            return None;
        }
        path.push(m.to_string());
        for d in deps(m) {
            if let Some(circle) = visit(&d, deps, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.push(m.to_string());
        None
    }
    let mut done = Vec::new();
    for (m, _) in &graph {
        let circle = visit(m, &deps, &mut Vec::new(), &mut done);
        assert!(circle.is_none(), "an import circle: {circle:?}");
    }
}
