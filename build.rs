//! Turns the rubric JSON into Rust at build time, so the wasm carries the
//! model as plain strings and no JSON parser for it (about 5 KB gzip less).
//! Validation stays in `domain::rubric`, whose tests check that what this
//! generates equals what `Rubric::parse` reads from the same file.

use serde_json::Value;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

const RUBRIC: &str = "rubric/big-urban-data-maturity-model.en.json";

fn text(v: &Value, key: &str) -> String {
    // {:?} of a str is a valid Rust string literal.
    format!("String::from({:?})", v[key].as_str().unwrap_or_default())
}

fn main() {
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
