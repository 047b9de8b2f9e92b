//! Checks that a translated message catalog matches the English one: the same
//! keys, the same shape (list lengths: answers are stored by question
//! position), and the same `{placeholders}` in every message. Shared by
//! build.rs, which refuses to build a mismatched catalog, and the tests.

use serde_json::Value;

/// The `{name}` placeholders of a message, sorted.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out.sort_unstable();
    out
}

/// Every difference between `other` and the English catalog `en`, as
/// readable lines; empty when they match.
pub fn differences(en: &Value, other: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(en, other, "", &mut out);
    out
}

fn walk(en: &Value, other: &Value, path: &str, out: &mut Vec<String>) {
    match (en, other) {
        (Value::Object(a), Value::Object(b)) => {
            for k in a.keys().filter(|k| !b.contains_key(*k)) {
                out.push(format!("{path}/{k}: missing"));
            }
            for k in b.keys().filter(|k| !a.contains_key(*k)) {
                out.push(format!("{path}/{k}: not in the English catalog"));
            }
            for (k, v) in a {
                if let Some(w) = b.get(k) {
                    walk(v, w, &format!("{path}/{k}"), out);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!(
                    "{path}: {} items, English has {}",
                    b.len(),
                    a.len()
                ));
            }
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                walk(v, w, &format!("{path}/{i}"), out);
            }
        }
        (Value::String(a), Value::String(b)) => {
            if b.trim().is_empty() {
                out.push(format!("{path}: empty"));
            }
            if placeholders(a) != placeholders(b) {
                out.push(format!(
                    "{path}: placeholders {:?}, English has {:?}",
                    placeholders(b),
                    placeholders(a)
                ));
            }
        }
        _ => out.push(format!("{path}: not the same kind of value as in English")),
    }
}
