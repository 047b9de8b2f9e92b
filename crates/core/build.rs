//! Turns the rubric JSON and the message catalogs (`i18n/*.json`) into Rust
//! at build time, so the wasm carries them as plain strings and no JSON
//! parser for them (about 5 KB gzip less). Rubric validation stays in
//! `domain::rubric`, whose tests check that what this generates equals what
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

/// The Rust type of a catalog entry, by its key (and, for count messages,
/// the English value's shape); plain text unless listed.
fn catalog_type(key: &str, en: &Value) -> &'static str {
    if is_plural(en) {
        return "Plural";
    }
    match key {
        "csv_delimiter" => "char",
        "months" | "level_names" => "&'static [&'static str]",
        "guide_process_steps" | "competency_names" => "&'static [(&'static str, &'static str)]",
        "guide_avenues" => "&'static [(&'static str, &'static str, &'static [&'static str])]",
        "questions" => "&'static [(&'static str, &'static [&'static [&'static str]])]",
        _ => "&'static str",
    }
}

/// A catalog value as a Rust expression of `catalog_type(key)`.
fn catalog_value(key: &str, v: &Value) -> String {
    let s = |v: &Value| format!("{:?}", v.as_str().unwrap_or_default());
    let list = |v: &Value, f: &dyn Fn(&Value) -> String| {
        let items: Vec<String> = v.as_array().into_iter().flatten().map(f).collect();
        format!("&[{}]", items.join(", "))
    };
    match key {
        "csv_delimiter" => format!(
            "{:?}",
            v.as_str().and_then(|t| t.chars().next()).unwrap_or(',')
        ),
        "months" | "level_names" => list(v, &s),
        "guide_process_steps" => list(v, &|p| format!("({}, {})", s(&p[0]), s(&p[1]))),
        "guide_avenues" => list(v, &|p| {
            format!("({}, {}, {})", s(&p[0]), s(&p[1]), list(&p[2], &s))
        }),
        "competency_names" => {
            let items: Vec<String> = v
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, n)| format!("({k:?}, {})", s(n)))
                .collect();
            format!("&[{}]", items.join(", "))
        }
        "questions" => {
            let items: Vec<String> = v
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, levels)| format!("({k:?}, {})", list(levels, &|l| list(l, &s))))
                .collect();
            format!("&[{}]", items.join(", "))
        }
        _ if is_plural(v) => {
            let form = |name: &str| {
                let text = v[name].as_str().unwrap_or_else(|| {
                    panic!("{key}: a count message needs \"one\" and \"other\" forms")
                });
                format!("{text:?}")
            };
            format!(
                "Plural {{ one: {}, other: {} }}",
                form("one"),
                form("other")
            )
        }
        _ => s(v),
    }
}

/// How `from_flat` reads a field, and `to_flat` writes it: the strings of
/// a catalog in one list, in the English catalog's order (its keys sorted,
/// lists in order), shapes (list lengths, keys of keyed lists) from English.
fn flat_read(key: &str, en: &Value) -> String {
    // The caller checked the count, so `n()` always has a string; the
    // plain calls keep this (generated, long) function small in the wasm.
    let read = match key {
        "csv_delimiter" => "n().chars().next().unwrap_or(',')".to_string(),
        "months" | "level_names" => format!("list(n, EN.{key}.len())"),
        "guide_process_steps" => format!("pairs(n, EN.{key}.len())"),
        "guide_avenues" => format!("avenues(n, EN.{key})"),
        "competency_names" => format!("keyed(n, EN.{key})"),
        "questions" => format!("questions(n, EN.{key})"),
        _ if is_plural(en) => "Plural { one: n(), other: n() }".to_string(),
        _ => "n()".to_string(),
    };
    format!("            {key}: {read},\n")
}

/// How many strings the flat form of a catalog has.
fn flat_len(v: &Value) -> usize {
    match v {
        Value::String(_) => 1,
        Value::Array(a) => a.iter().map(flat_len).sum(),
        Value::Object(o) => o.values().map(flat_len).sum(),
        _ => 0,
    }
}

fn flat_write(key: &str, en: &Value) -> String {
    let write = match key {
        "csv_delimiter" => format!("out.push(leak_char(self.{key}));"),
        "months" | "level_names" => format!("out.extend(self.{key}.iter().copied());"),
        "guide_process_steps" => {
            format!("for (a, b) in self.{key} {{ out.push(a); out.push(b); }}")
        }
        "guide_avenues" => format!(
            "for (a, b, l) in self.{key} {{ out.push(a); out.push(b); out.extend(l.iter().copied()); }}"
        ),
        "competency_names" => format!("out.extend(self.{key}.iter().map(|(_, n)| *n));"),
        "questions" => format!(
            "for (_, levels) in self.{key} {{ for l in *levels {{ out.extend(l.iter().copied()); }} }}"
        ),
        _ if is_plural(en) => format!("out.push(self.{key}.one); out.push(self.{key}.other);"),
        _ => format!("out.push(self.{key});"),
    };
    format!("        {write}\n")
}

/// `pub struct Messages` from the English catalog; `EN`, always compiled
/// in; the other catalogs (`ES`, …) only with the `all-languages` feature
/// (the web app fetches them, in the flat form, when chosen); `LANGUAGES`,
/// every language's code and name in itself; `CATALOG_VERSION`, which a
/// fetched catalog must carry; and the flat form's reader and writer.
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
    let mut out = String::from("#[derive(Debug)]\npub struct Messages {\n");
    for k in keys.keys() {
        let _ = writeln!(out, "    pub {k}: {},", catalog_type(k, &keys[k]));
    }
    out.push_str("}\n");
    // FNV-1a over every catalog's text: any change of any text is a new
    // version, so a fetched file of another build is never used.
    let mut version: u64 = 0xcbf2_9ce4_8422_2325;
    let mut names = Vec::new();
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
        if lang != "en" {
            out.push_str("#[cfg(any(test, feature = \"all-languages\"))]\n");
        }
        let _ = writeln!(
            out,
            "pub static {}: Messages = Messages {{",
            lang.to_uppercase()
        );
        for (k, v) in cat.as_object().into_iter().flatten() {
            let _ = writeln!(out, "    {k}: {},", catalog_value(k, v));
        }
        out.push_str("};\n");
    }
    let all: Vec<String> = langs
        .iter()
        .map(|l| format!("&{}", l.to_uppercase()))
        .collect();
    let _ = writeln!(
        out,
        "/// Every catalog compiled in, English first.\n\
         #[cfg(any(test, feature = \"all-languages\"))]\n\
         pub static BUILT_IN: [&Messages; {}] = [{}];\n\
         #[cfg(not(any(test, feature = \"all-languages\")))]\n\
         pub static BUILT_IN: [&Messages; 1] = [&EN];",
        langs.len(),
        all.join(", ")
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
    let _ = writeln!(
        out,
        "/// How many strings a catalog has in its flat form.\n\
         pub const FLAT_LEN: usize = {};",
        flat_len(&en)
    );
    out.push_str(
        "impl Messages {\n    /// A catalog from its flat form (see `to_flat`): exactly `FLAT_LEN` strings.\n    \
         fn from_flat_strings(strings: &[&'static str]) -> Option<Messages> {\n        \
         if strings.len() != FLAT_LEN {\n            return None;\n        }\n        \
         let mut it = strings.iter().copied();\n        \
         let n = &mut || it.next().unwrap_or_default();\n        \
         Some(Messages {\n",
    );
    for (k, v) in keys {
        out.push_str(&flat_read(k, v));
    }
    out.push_str("        })\n    }\n\n");
    out.push_str(
        "    /// Every string of the catalog in one list, in the English catalog's order.\n    \
         #[allow(clippy::vec_init_then_push)] // generated, one push per string\n    \
         pub fn to_flat(&self) -> Vec<&'static str> {\n        let mut out: Vec<&'static str> = Vec::new();\n",
    );
    for (k, v) in keys {
        out.push_str(&flat_write(k, v));
    }
    out.push_str("        out\n    }\n}\n");
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
