//! Assessment files: the JSON export that moves assessments between machines
//! and feeds open-data portals (documented in docs/assessment-json.md), and
//! reading such files back. Files are untrusted input.

use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::Rubric;
use crate::domain::storage::store::{self, EnvelopeError, STORE_FORMAT};

pub const FILE_FORMAT: &str = "budmm-assessments";
/// The entries' shape. 1: first release. 2: action plans and respondent
/// counts. Plan item ids (added with store schema 3) are optional and
/// ignored by older readers, so files stay at 2 and older versions of the
/// app still open them.
pub const FILE_SCHEMA: u64 = 2;
/// Real exports are a few kilobytes each; anything this big is not one.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// More than any one city or network keeps on one device; a file with more
/// is refused at once rather than half imported.
pub const MAX_FILE_ENTRIES: usize = 2000;

pub fn export_json(assessments: &[&Assessment], rubric: &Rubric) -> String {
    use crate::domain::formats::json::{write_list, write_str, ObjWriter};
    let s = &rubric.source;
    let mut out = String::new();
    let mut o = ObjWriter::new(&mut out);
    o.str("format", FILE_FORMAT).num("schema", FILE_SCHEMA);
    // The rubric named in full, so a reader of the file can find the model.
    o.with("rubric", |out| {
        let mut r = ObjWriter::new(out);
        r.str("id", &rubric.id)
            .str("version", &rubric.version)
            .str("title", &rubric.title)
            .str(
                "source",
                &format!(
                    "{}, {}, {}, {}, {}. {}",
                    s.authors, s.work, s.publisher, s.series, s.date, s.licence
                ),
            )
            .with("levels", |out| {
                write_list(out, &rubric.levels, |out, l| write_str(out, &l.name))
            })
            .with("competencies", |out| {
                write_list(out, &rubric.competencies, |out, c| {
                    write_list(out, [&c.id, &c.title], |out, t| write_str(out, t))
                })
            });
        r.end();
    });
    o.with("assessments", |out| {
        write_list(out, assessments, |out, a| a.write_json(out))
    });
    o.end();
    indent(&out)
}

/// Pretty-prints compact JSON with two-space indents. Done on the text so the
/// wasm carries one serializer, not a second one for pretty output.
fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    if let Some(close) = chars.next() {
                        out.push(close);
                    }
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out.push('\n');
    out
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is larger than any export of this app")]
    TooLarge,
    #[error("the file is not text (it may be a spreadsheet or a picture)")]
    NotText,
    #[error("the file is not readable JSON (it may be cut off)")]
    NotJson,
    #[error("the file was not exported by this app")]
    NotOurs,
    #[error("the file comes from a newer version of this app (format {found})")]
    Newer { found: u64 },
    #[error("no assessment in the file could be read")]
    NothingReadable,
    #[error("the file holds more assessments than this app imports at once")]
    TooMany,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub assessments: Vec<Assessment>,
    /// Entries that were damaged.
    pub damaged: usize,
    /// Entries made with a rubric this app does not have.
    pub other_rubric: usize,
    /// Entries whose notes were longer than the editor allows, cut to fit.
    pub shortened: usize,
}

/// Reads an exported file, or a saved-data backup (`budmm-store`).
pub fn parse_file(bytes: &[u8], rubric: &Rubric) -> Result<Parsed, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let envelope = store::read_envelope(text).map_err(|e| match e {
        EnvelopeError::NotJson => FileError::NotJson,
        EnvelopeError::NotOurs => FileError::NotOurs,
    })?;
    let current = match envelope.format.as_deref() {
        Some(FILE_FORMAT) => FILE_SCHEMA,
        // A whole store, as versions before schema 3 kept it.
        Some(STORE_FORMAT) => store::LEGACY_SCHEMA,
        _ => return Err(FileError::NotOurs),
    };
    let schema = match envelope.schema {
        Some(found) if found > current => return Err(FileError::Newer { found }),
        Some(found) => found,
        None => return Err(FileError::NotJson),
    };
    let items = envelope.entries().ok_or(FileError::NotJson)?;
    if items.len() > MAX_FILE_ENTRIES {
        return Err(FileError::TooMany);
    }
    let items = store::migrate(schema, items).map_err(|_| FileError::NotOurs)?;
    let read = store::read_entries(items);
    let damaged = read.skipped;
    let (assessments, other): (Vec<_>, Vec<_>) = read
        .assessments
        .into_iter()
        .partition(|a| a.rubric.id == rubric.id && a.rubric.version == rubric.version);
    if assessments.is_empty() && (damaged > 0 || !other.is_empty()) {
        return Err(FileError::NothingReadable);
    }
    let shortened = read.shortened;
    Ok(Parsed {
        assessments,
        damaged,
        other_rubric: other.len(),
        shortened,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::formats::share::tests::reference;
    use crate::domain::model::rubric::builtin;
    use proptest::prelude::*;
    use serde_json::Value;

    #[test]
    fn export_reads_back_identically() {
        let a = reference(true);
        let mut b = reference(false);
        b.id = "other".into();
        let json = export_json(&[&a, &b], builtin());
        let parsed = parse_file(json.as_bytes(), builtin()).unwrap();
        assert_eq!(parsed.assessments, vec![a, b]);
        assert_eq!((parsed.damaged, parsed.other_rubric), (0, 0));
    }

    #[test]
    fn export_names_its_schema_and_rubric() {
        let v: Value = serde_json::from_str(&export_json(&[&reference(false)], builtin())).unwrap();
        assert_eq!(v["format"], FILE_FORMAT);
        assert_eq!(v["schema"], 2);
        assert_eq!(v["rubric"]["id"], builtin().id);
        assert_eq!(v["rubric"]["version"], builtin().version);
        assert_eq!(v["assessments"][0]["ratings"]["open-data"]["level"], 2);
    }

    #[test]
    fn a_saved_data_backup_imports_too() {
        let backup = store::encode_legacy(&[reference(false)]);
        let parsed = parse_file(backup.as_bytes(), builtin()).unwrap();
        assert_eq!(parsed.assessments.len(), 1);
    }

    #[test]
    fn bad_files_get_a_reason() {
        let good = export_json(&[&reference(false)], builtin());
        let newer = good.replace("\"schema\": 2", "\"schema\": 4");
        let mut other: Value = serde_json::from_str(&good).unwrap();
        other["rubric"]["id"] = "x".into();
        let mut bad_level: Value = serde_json::from_str(&good).unwrap();
        bad_level["assessments"][0]["ratings"]["analytics"]["level"] = 6.into();
        let cases: Vec<(Vec<u8>, FileError)> = vec![
            (vec![0u8; MAX_FILE_BYTES + 1], FileError::TooLarge),
            (vec![0xff, 0xfe, 0x00], FileError::NotText),
            (
                good.as_bytes()[..good.len() / 2].to_vec(),
                FileError::NotJson,
            ),
            (b"subject,date\nQuito,2026".to_vec(), FileError::NotJson),
            (b"{\"hello\": 1}".to_vec(), FileError::NotOurs),
            (newer.into_bytes(), FileError::Newer { found: 4 }),
            (
                bad_level.to_string().into_bytes(),
                FileError::NothingReadable,
            ),
        ];
        for (bytes, expected) in cases {
            assert_eq!(parse_file(&bytes, builtin()), Err(expected));
        }
        // The file-level rubric id is informative; each assessment names its own.
        assert!(parse_file(other.to_string().as_bytes(), builtin()).is_ok());
    }

    #[test]
    fn another_rubric_is_counted_not_imported() {
        let mut a = reference(false);
        a.rubric.version = "2030".into();
        let mut b = reference(false);
        b.id = "b".into();
        let parsed = parse_file(export_json(&[&a, &b], builtin()).as_bytes(), builtin()).unwrap();
        assert_eq!((parsed.assessments.len(), parsed.other_rubric), (1, 1));
    }

    #[test]
    fn indent_matches_serde_json_pretty_output() {
        let mut a = reference(true);
        a.edit_rating("analytics", |r| {
            r.notes = "quotes \" and \\ and {braces}, [brackets]: ok".into()
        });
        let compact = serde_json::to_string(&a).unwrap();
        assert_eq!(
            indent(&compact),
            serde_json::to_string_pretty(&a).unwrap() + "\n"
        );
        assert_eq!(
            indent(r#"{"a":[],"b":{},"c":[1,{"d":"x"}]}"#),
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": \"x\"\n    }\n  ]\n}\n"
        );
    }

    #[test]
    fn golden_schema_1_file_still_opens() {
        // Exported by the first release (schema 1, before action plans).
        let v1 = r#"{
  "format": "budmm-assessments",
  "schema": 1,
  "rubric": {"id": "idb-big-urban-data-maturity-model", "version": "2019-10"},
  "assessments": [
    {"id": "ref", "subject": {"kind": "city"}, "place": "Fortaleza", "date": "2026-03-15",
     "assessor": "Secretaria de Planejamento",
     "rubric": {"id": "idb-big-urban-data-maturity-model", "version": "2019-10"},
     "ratings": {"analytics": {"level": 2, "target": 3}}, "created_ms": 1, "updated_ms": 1}
  ]
}"#;
        let parsed = parse_file(v1.as_bytes(), builtin()).unwrap();
        let a = &parsed.assessments[0];
        assert_eq!(
            (a.place.as_str(), a.plan.len(), a.respondents),
            ("Fortaleza", 0, None)
        );
        assert_eq!(
            a.level("analytics"),
            crate::domain::model::rubric::Level::new(2)
        );
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let json = format!("\u{feff}{}", export_json(&[&reference(false)], builtin()));
        assert!(parse_file(json.as_bytes(), builtin()).is_ok());
    }

    proptest! {
        #[test]
        fn parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..500)) {
            let _ = parse_file(&bytes, builtin());
        }

        #[test]
        fn export_then_parse_is_identity(list in proptest::collection::vec(crate::domain::storage::store::tests::arb_assessment_v2(), 1..4)) {
            let mut seen = std::collections::HashSet::new();
            let list: Vec<_> = list.into_iter().filter(|a| seen.insert(a.id.clone())).collect();
            let refs: Vec<&Assessment> = list.iter().collect();
            let parsed = parse_file(export_json(&refs, builtin()).as_bytes(), builtin()).unwrap();
            prop_assert_eq!(parsed.assessments, list);
        }
    }
}
