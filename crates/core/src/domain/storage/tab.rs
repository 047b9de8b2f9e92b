//! What a page holds only in memory, kept for the rest of the tab's life:
//! the regional view's group and the assessments opened in Compare and
//! Merge. Opening a place's results, saving the agreed assessment or a
//! reload goes to another page (or the same one anew); Back then finds
//! what the user loaded, instead of minutes of loading lost.
//!
//! Kept in the tab's session storage, in the format of the tab's journal
//! (`handoff`: each assessment as the versioned record storage keeps, read
//! back with all its care: a record of a newer version or a damaged one is
//! left out, never a panic). Every page already carries that code. Session storage is shared with the journal of unsaved
//! work (`handoff`), which matters more: a snapshot stays under
//! `MAX_SNAPSHOT_BYTES`, and the journal's writer drops snapshots when it
//! needs their room.

use crate::domain::model::assessment::Assessment;
use crate::domain::storage::handoff;
use crate::domain::storage::record::{Entry, Record, Seen};

/// The regional view's group.
pub const REGION_KEY: &str = "budmm.tab.region";
/// The assessments opened from links or files in Compare and Merge.
pub const OPENED_KEY: &str = "budmm.tab.opened";
/// What is ticked in Compare and in Merge (ids, one a line).
pub const COMPARE_CHOICE_KEY: &str = "budmm.tab.compare";
pub const MERGE_CHOICE_KEY: &str = "budmm.tab.merge";
/// Every snapshot, for the journal's writer to drop when it needs room.
pub const KEYS: [&str; 4] = [REGION_KEY, OPENED_KEY, COMPARE_CHOICE_KEY, MERGE_CHOICE_KEY];
/// More ticks than assessments a page can hold is not ours.
const MAX_CHOICE: usize = crate::domain::formats::exchange::MAX_FILE_ENTRIES;
/// Under half of the smallest session storage browsers give a site (5 MB,
/// counted as two bytes a character by some: 2.5 million characters), so
/// that one snapshot leaves the journal room. In UTF-8 bytes, which are
/// never fewer than the UTF-16 units counted.
pub const MAX_SNAPSHOT_BYTES: usize = 1_200_000;

/// What to write for `held`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Snapshot {
    /// Nothing held: the key goes.
    Empty,
    Write(String),
    /// Too large to keep beside the journal: the key goes, and leaving
    /// loses what is held (the page says so).
    TooLarge,
}

pub fn snapshot(held: &[Assessment]) -> Snapshot {
    if held.is_empty() {
        return Snapshot::Empty;
    }
    // Not saved, so no field was ever written: the clocks say nothing.
    let records: Vec<(String, Record)> = held
        .iter()
        .map(|a| (a.id.clone(), Record::Live(Entry::new(a.clone(), 0))))
        .collect();
    let text = handoff::encode(&records, None, false, "");
    if text.len() > MAX_SNAPSHOT_BYTES {
        Snapshot::TooLarge
    } else {
        Snapshot::Write(text)
    }
}

/// What a snapshot held, at most `max`, each id once (the first); nothing
/// for a value that is missing, not ours, damaged, of a newer version or
/// too large. The page that held them had its own limits; a value edited
/// in the tab must not get past them.
pub fn restore(raw: Option<&str>, max: usize) -> Vec<Assessment> {
    let Some(carry) = raw
        .filter(|r| r.len() <= MAX_SNAPSHOT_BYTES)
        .and_then(|r| handoff::decode(r).ok())
    else {
        return Vec::new();
    };
    let mut held: Vec<Assessment> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for (_, seen) in carry.records {
        if held.len() == max {
            break;
        }
        if let Seen::Live(e) = seen {
            if let Err(at) = ids.binary_search(&e.assessment.id) {
                ids.insert(at, e.assessment.id.clone());
                held.push(e.assessment);
            }
        }
    }
    held
}

/// What to write for a choice of ids, in the order ticked.
pub fn choice_snapshot(ids: &[String]) -> Snapshot {
    if ids.is_empty() {
        Snapshot::Empty
    } else {
        Snapshot::Write(ids.join("\n"))
    }
}

/// The ids a choice snapshot held (ids no longer at hand are skipped where
/// they are used); nothing for a value too large to be ours.
pub fn restore_choice(raw: Option<&str>) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for id in raw
        .filter(|r| r.len() <= MAX_SNAPSHOT_BYTES)
        .unwrap_or_default()
        .lines()
        .filter(|id| !id.is_empty())
    {
        if ids.len() == MAX_CHOICE {
            break;
        }
        // Each once: a repeat would count one respondent twice.
        if let Err(at) = seen.binary_search(&id) {
            seen.insert(at, id);
            ids.push(id.to_string());
        }
    }
    ids
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::formats::share::tests::reference;
    use crate::domain::model::rubric::builtin;
    use proptest::prelude::*;

    #[test]
    fn what_was_held_comes_back_as_it_was() {
        let a = reference(true);
        let mut b = reference(false);
        b.id = "g00000000000000ab".into();
        let Snapshot::Write(text) = snapshot(&[a.clone(), b.clone()]) else {
            panic!("two assessments fit")
        };
        assert_eq!(restore(Some(&text), 10), vec![a.clone(), b.clone()]);
        assert_eq!(
            restore(Some(&text), 1),
            vec![a.clone()],
            "at most as many as asked"
        );
        // An id twice (a value edited in the tab): the first only.
        let mut twin = b.clone();
        twin.id = a.id.clone();
        let Snapshot::Write(text) = snapshot(&[a.clone(), twin]) else {
            panic!()
        };
        assert_eq!(restore(Some(&text), 10), vec![a]);
        assert_eq!(snapshot(&[]), Snapshot::Empty);
    }

    #[test]
    fn a_snapshot_too_large_for_its_room_is_not_written() {
        let mut a = reference(true);
        let notes = "é".repeat(4000);
        for c in &builtin().competencies {
            a.ratings.entry(&c.id).notes = notes.clone();
        }
        let many: Vec<Assessment> = (0..80)
            .map(|i| {
                let mut b = a.clone();
                b.id = format!("id{i}");
                b
            })
            .collect();
        assert_eq!(snapshot(&many), Snapshot::TooLarge);
        assert!(matches!(snapshot(&many[..10]), Snapshot::Write(_)));
    }

    #[test]
    fn a_bad_value_gives_nothing() {
        let Snapshot::Write(good) = snapshot(&[reference(false)]) else {
            panic!()
        };
        // A record of a newer version inside: left out, not misread.
        let newer = good.replace("\\\"schema\\\":3", "\\\"schema\\\":9");
        assert_ne!(newer, good);
        for raw in [
            None,
            Some(""),
            Some("{"),
            Some(&good[..good.len() / 2]),
            Some(newer.as_str()),
            Some("{\"format\":\"budmm-carry\",\"records\":7}"),
        ] {
            assert_eq!(restore(raw, 10), Vec::new(), "{raw:?}");
        }
        let huge = format!("{good}{}", " ".repeat(MAX_SNAPSHOT_BYTES));
        assert_eq!(restore(Some(&huge), 10), Vec::new());
    }

    #[test]
    fn a_choice_comes_back_in_its_order() {
        let ids = vec!["b".to_string(), "a".to_string()];
        let Snapshot::Write(text) = choice_snapshot(&ids) else {
            panic!()
        };
        assert_eq!(restore_choice(Some(&text)), ids);
        assert_eq!(choice_snapshot(&[]), Snapshot::Empty);
        assert_eq!(restore_choice(None), Vec::<String>::new());
        assert_eq!(restore_choice(Some("\n\nx\n")), vec!["x".to_string()]);
        assert_eq!(
            restore_choice(Some("a\nb\na")),
            vec!["a".to_string(), "b".to_string()]
        );
        let many: String = (0..5000).map(|i| format!("x{i}\n")).collect();
        assert_eq!(restore_choice(Some(&many)).len(), MAX_CHOICE);
    }

    proptest! {
        /// Whatever the tab's storage hands back, cut or flipped anywhere,
        /// reading it ends at once with what it can read.
        #[test]
        fn a_tampered_snapshot_never_panics(cut in 0usize..4000, flip in 0usize..4000, byte in any::<u8>()) {
            let Snapshot::Write(good) = snapshot(&[reference(true)]) else { panic!() };
            let mut bytes = good.into_bytes();
            bytes.truncate(cut.max(1).min(bytes.len()));
            let i = flip % bytes.len();
            bytes[i] = byte;
            let text = String::from_utf8_lossy(&bytes);
            let _ = restore(Some(&text), 10);
        }
    }
}
