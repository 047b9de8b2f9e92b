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
