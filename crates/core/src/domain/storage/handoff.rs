//! What one page of the app hands to the next in the same tab. Views live
//! on several pages (see `route::Page`); when storage is full, refused or
//! stopped, what the user changed exists only in the page's memory, and
//! going to another page would lose it. Two uses of one format:
//!
//! - the handover, written by the page that leaves for the page at `to`:
//!   its unsaved records, a message about what the user just did (saved the
//!   agreed assessment, then sent to its results) and a pending reload into
//!   a new version; read once, by that page only;
//! - the journal of unsaved records, rewritten at every change while
//!   storage fails, read by every page of the tab until the records are
//!   saved: Back and reload keep the work too.
//!
//! The page that reads either takes the records in as if another tab had
//! written them, and tries to save them.
//!
//! Format: `{"format":"budmm-carry","to":…,"records":[{"key":…,"record":…}],
//! "note":{"kind":"saved-agreed","respondents":3},"reload":true}` (`note`
//! and `reload` optional; `to` empty in the journal), each record the text
//! `record::encode_record` writes under its key. Untrusted when read (it
//! passed through the browser): a value that is not ours or too large is
//! refused whole; a damaged record is skipped; a record of a newer version
//! is counted (`newer`), so that the page stops saving rather than lose it.

use crate::domain::formats::json::{self, Json, ObjWriter};
use crate::domain::storage::record::{
    decode_record, encode_record, record_key, Record, RecordError, Seen,
};

pub const CARRY_FORMAT: &str = "budmm-carry";
/// More records than this is not a carry of ours (no page holds more
/// unsaved assessments than a file may bring).
pub const MAX_CARRIED: usize = crate::domain::formats::exchange::MAX_FILE_ENTRIES;
/// Larger than a browser's session storage holds: not ours.
pub const MAX_CARRY_BYTES: usize = 16 * 1024 * 1024;

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
    /// The address of the page it is for; empty for the journal.
    pub to: String,
    pub records: Vec<(String, Seen)>,
    /// Records left out because a newer version wrote them (schema).
    pub newer: Option<u64>,
    pub note: Option<Note>,
    /// The user asked for the new version of the app, and this page left
    /// before it could load: the next page loads it as soon as it is ready.
    pub reload: bool,
}

/// The unsaved records `(id, record)`, the note and the reload request as
/// one text, for the page at `to` (empty: the journal, for any page).
pub fn encode(records: &[(String, Record)], note: Option<Note>, reload: bool, to: &str) -> String {
    let mut out = String::new();
    let mut o = ObjWriter::new(&mut out);
    o.str("format", CARRY_FORMAT)
        .str("to", to)
        .with("records", |out| {
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

/// Reads a carry: each record's key and what it holds, the note, the
/// reload request and the address it is for. Damaged records and an
/// unknown note are left out; records of a newer version too, counted.
pub fn decode(text: &str) -> Result<Carry, CarryError> {
    if text.len() > MAX_CARRY_BYTES {
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
    let mut newer = None;
    let mut records = Vec::new();
    for item in items {
        let (Some(key), Some(raw)) = (
            item.get("key").and_then(Json::str),
            item.get("record").and_then(Json::str),
        ) else {
            continue;
        };
        let Some(id) = crate::domain::storage::record::id_of_key(key) else {
            continue;
        };
        match decode_record(key, raw) {
            Ok(d) => records.push((id.to_string(), Seen::from(d.record))),
            Err(RecordError::Newer { found }) => newer = newer.max(Some(found)),
            Err(RecordError::Unreadable(_)) => {}
        }
    }
    Ok(Carry {
        to: v
            .get("to")
            .and_then(Json::str)
            .unwrap_or_default()
            .to_string(),
        records,
        newer,
        note: v.get("note").and_then(read_note),
        reload: v.get("reload").and_then(Json::bool) == Some(true),
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::model::samples::reference;
    use crate::domain::storage::record::Entry;
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
        let got = decode(&encode(&sent, None, false, "https://x/report.html#/")).unwrap();
        let want: Vec<(String, Seen)> = sent
            .into_iter()
            .map(|(id, r)| (id, Seen::from(r)))
            .collect();
        assert_eq!(
            got,
            Carry {
                to: "https://x/report.html#/".into(),
                records: want,
                newer: None,
                note: None,
                reload: false,
            }
        );
        assert!(decode(&encode(&[], None, true, "")).unwrap().reload);
    }

    #[test]
    fn notes_arrive_as_they_left() {
        for note in [
            Note::SavedCopy,
            Note::AlreadySaved,
            Note::SavedAgreed { respondents: 3 },
        ] {
            assert_eq!(
                decode(&encode(&[], Some(note), false, "")).unwrap().note,
                Some(note)
            );
        }
        let unknown = r#"{"format":"budmm-carry","records":[],"note":{"kind":"fireworks"}}"#;
        assert_eq!(decode(unknown).unwrap(), Carry::default());
    }

    #[test]
    fn nothing_unsaved_is_an_empty_carry() {
        assert_eq!(
            decode(&encode(&[], None, false, "")).unwrap(),
            Carry::default()
        );
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
        let text = encode(&records(), None, false, "").replacen(
            "\\\"schema\\\":3",
            "\\\"schema\\\":\\\"x\\\"",
            1,
        );
        let got = decode(&text).unwrap().records;
        assert_eq!(got.len(), 1, "{text}");
        assert_eq!(got[0].0, "gone1");
    }

    #[test]
    fn records_of_a_newer_version_are_counted_not_lost_silently() {
        let text =
            encode(&records(), None, false, "").replacen("\\\"schema\\\":3", "\\\"schema\\\":9", 1);
        let got = decode(&text).unwrap();
        assert_eq!(got.newer, Some(9), "{text}");
        assert_eq!(got.records.len(), 1);
    }

    #[test]
    fn a_huge_value_is_refused_at_once() {
        let huge = format!(
            "{{\"format\":\"budmm-carry\",\"records\":[],\"x\":\"{}\"}}",
            "a".repeat(MAX_CARRY_BYTES)
        );
        assert_eq!(decode(&huge), Err(CarryError::TooLarge));
    }

    proptest! {
        #[test]
        fn decoding_never_panics(text in ".{0,400}") {
            let _ = decode(&text);
        }

        #[test]
        fn cut_carries_never_panic(cut in 0usize..4000) {
            let text = encode(&records(), Some(Note::SavedAgreed { respondents: 2 }), true, "x");
            let end = text.char_indices().map(|(i, _)| i).take_while(|i| *i <= cut).last().unwrap_or(0);
            let _ = decode(&text[..end]);
        }
    }
}
