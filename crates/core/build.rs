//! Turns the rubric JSON and the message catalogs (`i18n/*.json`) into Rust
//! at build time, so the wasm carries them as plain strings and no JSON
//! parser for them (about 5 KB gzip less). Rubric validation stays in
//! `domain::model::rubric`, whose tests check that what this generates equals what
//! `Rubric::parse` reads from the same file. A catalog that does not match
//! the English one (keys, list lengths, placeholders) stops the build.

use serde_json::Value;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

// The model and the catalogs live at the top of the repository, where
// people look for them; paths are from this crate's folder.
const RUBRIC: &str = "../../rubric/big-urban-data-maturity-model.en.json";
const RUBRIC_DIR: &str = "../../rubric";
const CATALOGS: &str = "../../i18n";

#[path = "src/catalog_check.rs"]
mod catalog_check;

fn text(v: &Value, key: &str) -> String {
    // {:?} of a str is a valid Rust string literal.
    format!("String::from({:?})", v[key].as_str().unwrap_or_default())
}

/// A count message: `{"one": …, "other": …}`.
fn is_plural(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| o.len() == 2 && o.contains_key("one") && o.contains_key("other"))
}

/// Every string of a catalog value, in the flat order: object members by
/// key (sorted), lists in order.
fn flatten<'v>(v: &'v Value, out: &mut Vec<&'v str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| flatten(x, out)),
        Value::Object(o) => o.values().for_each(|x| flatten(x, out)),
        _ => {}
    }
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// One accessor of `Messages`: English as literals in its body (so a page
/// that never shows a message carries none of its text), another language
/// from its flat table at the same positions.
fn accessor(key: &str, en: &Value, at: usize) -> String {
    let mut strings = Vec::new();
    flatten(en, &mut strings);
    let n = strings.len();
    let list = |items: &[&str]| items.iter().map(|s| lit(s)).collect::<Vec<_>>().join(", ");
    match key {
        "csv_delimiter" => format!(
            "    pub fn {key}(&self) -> char {{\n        self.s({at}, {}).chars().next().unwrap_or(',')\n    }}\n",
            lit(strings[0])
        ),
        "months" | "level_names" | "level_meaning_help" => format!(
            "    pub fn {key}(&self) -> &'static [&'static str] {{\n        match self.flat {{\n            Some(f) => &f[{at}..{}],\n            None => &[{}],\n        }}\n    }}\n",
            at + n,
            list(&strings)
        ),
        "guide_process_steps" => format!(
            "    pub fn {key}(&self) -> Vec<(&'static str, &'static str)> {{\n        let t = self.table({at}, &[{}]);\n        t.chunks(2).map(|p| (p[0], p[1])).collect()\n    }}\n",
            list(&strings)
        ),
        "guide_avenues" => {
            let lens: Vec<String> = en
                .as_array()
                .into_iter()
                .flatten()
                .map(|a| a[2].as_array().map_or(0, Vec::len).to_string())
                .collect();
            format!(
                "    /// Each avenue: name, text, and its points.\n    pub fn {key}(&self) -> Vec<(&'static str, &'static str, &'static [&'static str])> {{\n        let t = self.table({at}, &[{}]);\n        let mut at = 0;\n        [{}].iter().map(|n| {{\n            let item = (t[at], t[at + 1], &t[at + 2..at + 2 + n]);\n            at += 2 + n;\n            item\n        }}).collect()\n    }}\n",
                list(&strings),
                lens.join(", ")
            )
        }
        "competency_names" | "competency_help" => {
            let ids: Vec<&str> = en
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k.as_str())
                .collect();
            let (name, doc) = if key == "competency_names" {
                ("competency_name", "Our name for a competency in this language (the rubric's own\n    /// title in English)")
            } else {
                ("competency_help", "Our own help on a competency's definition, in this language\n    /// (never a translation of the IDB's text)")
            };
            format!(
                "    /// {doc}; `None` for an id the catalog does not know.\n    pub fn {name}(&self, id: &str) -> Option<&'static str> {{\n        let at = [{}].iter().position(|k| *k == id)?;\n        self.table({at}, &[{}]).get(at).copied()\n    }}\n",
                list(&ids),
                list(&strings)
            )
        }
        "questions" => {
            let mut ids = Vec::new();
            let mut shape = Vec::new();
            for (k, levels) in en.as_object().into_iter().flatten() {
                ids.push(k.as_str());
                let lens: Vec<String> = levels
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|l| l.as_array().map_or(0, Vec::len).to_string())
                    .collect();
                shape.push(format!("&[{}]", lens.join(", ")));
            }
            format!(
                "    /// Guided-mode questions of a competency: one list per level, lowest first.\n    pub fn questions(&self, id: &str) -> Vec<&'static [&'static str]> {{\n        let shapes: [&[usize]; {}] = [{}];\n        let Some(c) = [{}].iter().position(|k| *k == id) else {{\n            return Vec::new();\n        }};\n        let t = self.table({at}, &[{}]);\n        let mut at: usize = shapes[..c].iter().flat_map(|s| s.iter()).sum();\n        shapes[c].iter().map(|n| {{\n            let level = &t[at..at + n];\n            at += n;\n            level\n        }}).collect()\n    }}\n",
                shape.len(),
                shape.join(", "),
                list(&ids),
                list(&strings)
            )
        }
        _ if is_plural(en) => format!(
            "    pub fn {key}(&self) -> Plural {{\n        Plural {{ one: self.s({at}, {}), other: self.s({}, {}) }}\n    }}\n",
            lit(strings[0]),
            at + 1,
            lit(strings[1])
        ),
        // A list with no accessor of its own would silently give its first
        // string only.
        _ if en.is_array() => panic!("i18n/en.json: {key} is a list; give it an accessor in build.rs"),
        _ => format!(
            "    pub fn {key}(&self) -> &'static str {{\n        self.s({at}, {})\n    }}\n",
            lit(strings[0])
        ),
    }
}

/// `pub struct Messages` with one accessor per key of the English catalog;
/// `EN`, always compiled in; the other catalogs (`ES`, …) only with the
/// `all-languages` feature (the web app fetches them, in the flat form,
/// when chosen); `LANGUAGES`, every language's code and name in itself;
/// `CATALOG_VERSION`, which a fetched catalog must carry.
fn catalogs() -> String {
    println!("cargo:rerun-if-changed={CATALOGS}");
    let read = |lang: &str| -> (Value, String) {
        let path = format!("{CATALOGS}/{lang}.json");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        (v, text)
    };
    let (en, _) = read("en");
    let mut langs: Vec<String> = fs::read_dir(CATALOGS)
        .expect("i18n/ is readable")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".json").map(str::to_string))
        .filter(|l| l != "en")
        .collect();
    langs.sort();
    langs.insert(0, "en".into());
    let Value::Object(keys) = &en else {
        panic!("i18n/en.json must be an object")
    };
    for (k, v) in keys {
        if v.is_object()
            && !is_plural(v)
            && !["competency_names", "competency_help", "questions"].contains(&k.as_str())
        {
            panic!("i18n/en.json: {k} is an object of an unknown shape");
        }
    }
    let mut en_flat = Vec::new();
    flatten(&en, &mut en_flat);
    let flat_len = en_flat.len();
    let mut out = format!(
        "/// How many strings a catalog has in its flat form.\npub const FLAT_LEN: usize = {flat_len};\n\n"
    );
    out.push_str("impl Messages {\n");
    let mut at = 0;
    for (k, v) in keys {
        if k == "lang" {
            let _ = writeln!(out, "    /// Where the language's own code is in the flat form.\n    const LANG_AT: usize = {at};");
            at += 1;
            continue;
        }
        out.push_str(&accessor(k, v, at));
        let mut strings = Vec::new();
        flatten(v, &mut strings);
        at += strings.len();
    }
    out.push_str("}\n");
    // FNV-1a over every catalog's text: any change of any text is a new
    // version, so a fetched file of another build is never used.
    let mut version: u64 = 0xcbf2_9ce4_8422_2325;
    let mut names = Vec::new();
    let mut built_in = vec!["&EN".to_string()];
    for lang in &langs {
        let (cat, text) = read(lang);
        for b in lang.bytes().chain(text.bytes()) {
            version = (version ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let problems = catalog_check::differences(&en, &cat);
        assert!(
            problems.is_empty(),
            "i18n/{lang}.json does not match i18n/en.json:\n{}",
            problems.join("\n")
        );
        names.push(format!(
            "({:?}, {:?})",
            lang,
            cat["lang_name"].as_str().unwrap_or(lang)
        ));
        let mut flat = Vec::new();
        flatten(&cat, &mut flat);
        let upper = lang.to_uppercase();
        let _ = writeln!(
            out,
            "#[cfg(any(test, feature = \"all-languages\"))]\nstatic {upper}_FLAT: [&str; FLAT_LEN] = [{}];",
            flat.iter().map(|s| lit(s)).collect::<Vec<_>>().join(", ")
        );
        if lang != "en" {
            let _ = writeln!(
                out,
                "#[cfg(any(test, feature = \"all-languages\"))]\npub static {upper}: Messages = Messages {{ lang: {lang:?}, flat: Some(&{upper}_FLAT) }};"
            );
            built_in.push(format!("&{upper}"));
        }
    }
    let _ = writeln!(
        out,
        "/// English: its text is in the accessors.\npub static EN: Messages = Messages {{ lang: \"en\", flat: None }};\n\
         /// English in the flat form, for writing and checking catalogs.\n\
         #[cfg(any(test, feature = \"all-languages\"))]\npub static EN_TABLE: &[&str; FLAT_LEN] = &EN_FLAT;"
    );
    let _ = writeln!(
        out,
        "/// Every catalog compiled in, English first.\n\
         #[cfg(any(test, feature = \"all-languages\"))]\n\
         pub static BUILT_IN: [&Messages; {}] = [{}];\n\
         #[cfg(not(any(test, feature = \"all-languages\")))]\n\
         pub static BUILT_IN: [&Messages; 1] = [&EN];",
        built_in.len(),
        built_in.join(", ")
    );
    let _ = writeln!(
        out,
        "/// Every language of the app, English first: its code and its name in itself.\n\
         pub static LANGUAGES: [(&str, &str); {}] = [{}];",
        names.len(),
        names.join(", ")
    );
    let _ = writeln!(
        out,
        "/// The version of the catalogs' text; a fetched catalog must carry it.\n\
         pub const CATALOG_VERSION: &str = \"{version:016x}\";"
    );
    out
}

/// `include_str!` of every official rubric translation in `rubric/` (any
/// JSON file but the English base), as a slice expression.
fn rubric_translations() -> String {
    println!("cargo:rerun-if-changed={RUBRIC_DIR}");
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut files: Vec<String> = fs::read_dir(RUBRIC_DIR)
        .expect("rubric/ is readable")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") && format!("{RUBRIC_DIR}/{n}") != RUBRIC)
        .collect();
    files.sort();
    let items: Vec<String> = files
        .iter()
        .map(|n| format!("include_str!({:?})", format!("{root}/{RUBRIC_DIR}/{n}")))
        .collect();
    format!("&[{}]", items.join(", "))
}

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(
        Path::new(&out_dir).join("rubric_translations.rs"),
        rubric_translations(),
    )
    .expect("OUT_DIR is writable");
    fs::write(Path::new(&out_dir).join("catalogs.rs"), catalogs()).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed={RUBRIC}");
    let json = fs::read_to_string(RUBRIC).expect("rubric file is readable");
    let r: Value = serde_json::from_str(&json).expect("rubric file is JSON");
    let mut out = String::from("Rubric {\n");
    for key in ["format", "id", "short_id", "version", "language", "title"] {
        let _ = writeln!(out, "    {key}: {},", text(&r, key));
    }
    out.push_str("    source: Source {\n");
    for key in [
        "authors",
        "work",
        "publisher",
        "series",
        "date",
        "licence",
        "licence_url",
        "quoted",
    ] {
        let _ = writeln!(out, "        {key}: {},", text(&r["source"], key));
    }
    out.push_str("    },\n    levels: vec![\n");
    for l in r["levels"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "        LevelInfo {{ level: {}, name: {}, smart_city_degree: {}, meaning: {} }},",
            l["level"].as_u64().unwrap_or(0),
            text(l, "name"),
            text(l, "smart_city_degree"),
            text(l, "meaning")
        );
    }
    out.push_str("    ],\n    competencies: vec![\n");
    for c in r["competencies"].as_array().into_iter().flatten() {
        let descriptors: Vec<String> = c["descriptors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| format!("String::from({:?})", d.as_str().unwrap_or_default()))
            .collect();
        let _ = writeln!(
            out,
            "        Competency {{ id: {}, title: {}, other_name: {}, definition: {}, descriptors: vec![{}] }},",
            text(c, "id"),
            text(c, "title"),
            text(c, "other_name"),
            text(c, "definition"),
            descriptors.join(", ")
        );
    }
    out.push_str("    ],\n}\n");
    let dest =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_rubric.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
