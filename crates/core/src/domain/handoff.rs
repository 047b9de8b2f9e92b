//! What one page of the app hands to the next in the same tab. Views live
//! on several pages (see `route::Page`); when storage is full, refused or
//! stopped, what the user changed exists only in the page's memory, and
//! going to another page would lose it. The page that leaves writes its
//! unsaved records here; the page that arrives reads them as if another
//! tab had written them, and tries to save them. A message about what the
//! user just did (saved the agreed assessment, then sent to its results)
//! comes along too.
//!
//! Format: `{"format":"budmm-carry","records":[{"key":…,"record":…}],
//! "note":{"kind":"saved-agreed","respondents":3},"reload":true}` (`note`
//! and `reload` optional),
//! each record the text `record::encode_record` writes under its key.
//! Untrusted when read (it passed through the browser): a value that is
//! not ours or too large is refused whole; a damaged record is skipped.

use super::json::{self, Json, ObjWriter};
use super::record::{decode_record, encode_record, record_key, Record, Seen};
use super::store::MAX_RECORD_BYTES;

pub const CARRY_FORMAT: &str = "budmm-carry";
/// More records than this is not a carry of ours (no page holds more
/// unsaved assessments than a file may bring).
pub const MAX_CARRIED: usize = super::exchange::MAX_FILE_ENTRIES;

/// A message for the next page about what the user just did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    SavedCopy,
    AlreadySaved,
    SavedAgreed { respondents: usize },
}

/// What the next page takes over.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Carry {
    pub records: Vec<(String, Seen)>,
    pub note: Option<Note>,
    /// The user asked for the new version of the app, and this page left
    /// before it could load: the next page loads it as soon as it is ready.
    pub reload: bool,
}

/// The unsaved records `(id, record)`, the note and the reload request as
/// one text.
pub fn encode(records: &[(String, Record)], note: Option<Note>, reload: bool) -> String {
    let mut out = String::new();
    let mut o = ObjWriter::new(&mut out);
    o.str("format", CARRY_FORMAT).with("records", |out| {
        json::write_list(out, records, |out, (id, record)| {
            let mut r = ObjWriter::new(out);
            r.str("key", &record_key(id))
                .str("record", &encode_record(record));
            r.end();
        });
    });
    if let Some(note) = note {
        o.with("note", |out| {
            let mut n = ObjWriter::new(out);
            match note {
                Note::SavedCopy => {
                    n.str("kind", "saved-copy");
                }
                Note::AlreadySaved => {
                    n.str("kind", "already-saved");
                }
                Note::SavedAgreed { respondents } => {
                    n.str("kind", "saved-agreed")
                        .num("respondents", respondents as u64);
                }
            }
            n.end();
        });
    }
    if reload {
        o.bool("reload", true);
    }
    o.end();
    out
}

fn read_note(v: &Json) -> Option<Note> {
    match v.get("kind")?.str()? {
        "saved-copy" => Some(Note::SavedCopy),
        "already-saved" => Some(Note::AlreadySaved),
        "saved-agreed" => {
            let respondents = usize::try_from(v.get("respondents")?.u64()?).ok()?;
            Some(Note::SavedAgreed { respondents })
        }
        _ => None,
    }
}

/// Why a carried value was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarryError {
    NotOurs,
    TooLarge,
}

/// Reads a carry: each record's key and what it holds, and the note.
/// Damaged records, records of a newer version and an unknown note are
/// left out.
pub fn decode(text: &str) -> Result<Carry, CarryError> {
    if text.len() > MAX_CARRIED * MAX_RECORD_BYTES {
        return Err(CarryError::TooLarge);
    }
    let v = json::parse(text).map_err(|_| CarryError::NotOurs)?;
    if v.get("format").and_then(Json::str) != Some(CARRY_FORMAT) {
        return Err(CarryError::NotOurs);
    }
    let items = v
        .get("records")
        .and_then(Json::arr)
        .ok_or(CarryError::NotOurs)?;
    if items.len() > MAX_CARRIED {
        return Err(CarryError::TooLarge);
    }
    let records = items
        .iter()
        .filter_map(|item| {
            let key = item.get("key")?.str()?;
            let decoded = decode_record(key, item.get("record")?.str()?).ok()?;
            let id = super::record::id_of_key(key)?;
            Some((id.to_string(), Seen::from(decoded.record)))
        })
        .collect();
    Ok(Carry {
        records,
        note: v.get("note").and_then(read_note),
        reload: v.get("reload").and_then(Json::bool) == Some(true),
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::record::Entry;
    use crate::domain::samples::reference;
    use proptest::prelude::*;

    fn records() -> Vec<(String, Record)> {
        let a = reference(true);
        vec![
            (a.id.clone(), Record::Live(Entry::new(a, 7))),
            ("gone1".into(), Record::Deleted { at_ms: 9 }),
        ]
    }

    #[test]
    fn unsaved_records_arrive_as_they_left() {
        let sent = records();
        let got = decode(&encode(&sent, None, false)).unwrap();
        let want: Vec<(String, Seen)> = sent
            .into_iter()
            .map(|(id, r)| (id, Seen::from(r)))
            .collect();
        assert_eq!(
            got,
            Carry {
                records: want,
                note: None,
                reload: false,
            }
        );
        assert!(decode(&encode(&[], None, true)).unwrap().reload);
    }

    #[test]
    fn notes_arrive_as_they_left() {
        for note in [
            Note::SavedCopy,
            Note::AlreadySaved,
            Note::SavedAgreed { respondents: 3 },
        ] {
            assert_eq!(
                decode(&encode(&[], Some(note), false)).unwrap().note,
                Some(note)
            );
        }
        let unknown = r#"{"format":"budmm-carry","records":[],"note":{"kind":"fireworks"}}"#;
        assert_eq!(decode(unknown).unwrap(), Carry::default());
    }

    #[test]
    fn nothing_unsaved_is_an_empty_carry() {
        assert_eq!(decode(&encode(&[], None, false)).unwrap(), Carry::default());
    }

    #[test]
    fn a_value_not_ours_is_refused_whole() {
        for text in [
            "",
            "null",
            "[]",
            r#"{"format":"budmm-store","records":[]}"#,
            r#"{"format":"budmm-carry"}"#,
        ] {
            assert_eq!(decode(text), Err(CarryError::NotOurs), "{text}");
        }
    }

    #[test]
    fn a_damaged_record_costs_only_itself() {
        let text = encode(&records(), None, false).replacen(
            "\\\"schema\\\":3",
            "\\\"schema\\\":\\\"x\\\"",
            1,
        );
        let got = decode(&text).unwrap().records;
        assert_eq!(got.len(), 1, "{text}");
        assert_eq!(got[0].0, "gone1");
    }

    proptest! {
        #[test]
        fn decoding_never_panics(text in ".{0,400}") {
            let _ = decode(&text);
        }

        #[test]
        fn cut_carries_never_panic(cut in 0usize..4000) {
            let text = encode(&records(), Some(Note::SavedAgreed { respondents: 2 }), true);
            let end = text.char_indices().map(|(i, _)| i).take_while(|i| *i <= cut).last().unwrap_or(0);
            let _ = decode(&text[..end]);
        }
    }
}
