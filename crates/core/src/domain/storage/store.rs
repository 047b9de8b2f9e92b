//! The saved form of the user's assessments, and the rules for reading it
//! back. Everything read from storage is treated as untrusted: it may be
//! truncated, edited by hand, written by an older or newer version of the app,
//! or not ours at all. Nothing here touches the browser; `platform::storage`
//! carries out the plans this module makes.
//!
//! Layout (schema 3): each assessment has its own key (`record::record_key`),
//! so a save writes one small record, and two tabs never write over each
//! other's assessments. `STORE_KEY` holds only a marker naming the schema;
//! before schema 3 it held every assessment, and such a value is moved into
//! records once, on the first start of a schema-3 version.

use crate::domain::model::assessment::Assessment;
use crate::domain::order::sort_by;
use crate::domain::storage::record::{Clock, Entry};
pub use crate::domain::storage::schema::{
    encode_legacy, marker, plan_load, read_entries, LoadPlan, ReadEntries, StoreError,
    LEGACY_SCHEMA, MAX_RECORD_BYTES, MAX_RESPONDENTS, MAX_STORED_BYTES, SCHEMA, STORE_FORMAT,
};
pub(crate) use crate::domain::storage::schema::{migrate, read_envelope, EnvelopeError};
use std::borrow::Borrow;
use std::rc::Rc;

/// Schema 1 and 2 kept every assessment here; schema 3 keeps a marker.
pub const STORE_KEY: &str = "budmm.store";
/// Small preferences live under their own keys, outside the store, so a bad
/// value there can never touch saved work: the chosen language, whether the
/// notice about English descriptors was read, the backup reminder's dates,
/// and the browser's answer to "keep this site's data".
pub const LANG_KEY: &str = "budmm.lang";
pub const NOTICE_KEY: &str = "budmm.seen.descriptors";
pub const BACKUP_KEY: &str = "budmm.backup";
pub const PERSIST_KEY: &str = "budmm.persist";
/// Values that could not be read are moved here (plus a timestamp), never deleted.
pub const QUARANTINE_PREFIX: &str = "budmm.unreadable.";
/// The assessments of this device, in memory, each with its clock (see
/// `record`). Kept sorted by id, so finding one is a binary search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Store {
    // Shared, so that a copy of the store (each transition of the state
    // makes one) copies pointers, and comparing two copies compares
    // pointers first (`Rc`'s equality, for `Eq` types): an edit allocates
    // the one assessment it changes.
    assessments: Vec<Rc<Assessment>>,
    clocks: Vec<Rc<Clock>>,
}

impl Store {
    /// A store of these entries; of two with one id, the first is kept.
    pub fn from_entries(entries: Vec<Entry>) -> Store {
        let mut entries = entries;
        // Stable: the first of equal ids stays first, and is the one kept.
        sort_by(&mut entries, |a, b| a.assessment.id.cmp(&b.assessment.id));
        entries.dedup_by(|later, first| later.assessment.id == first.assessment.id);
        let (assessments, clocks) = entries
            .into_iter()
            .map(|e| (Rc::new(e.assessment), Rc::new(e.clock)))
            .unzip();
        Store {
            assessments,
            clocks,
        }
    }

    /// Every assessment, in id order.
    pub fn assessments(&self) -> &[Rc<Assessment>] {
        &self.assessments
    }

    pub fn len(&self) -> usize {
        self.assessments.len()
    }

    pub fn is_empty(&self) -> bool {
        self.assessments.is_empty()
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        self.assessments.binary_search_by(|a| a.id.as_str().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&Assessment> {
        self.find(id).ok().map(|i| &*self.assessments[i])
    }

    /// The assessment with its clock, as a record would hold it.
    pub fn entry(&self, id: &str) -> Option<Entry> {
        let i = self.find(id).ok()?;
        Some(Entry {
            assessment: (*self.assessments[i]).clone(),
            clock: (*self.clocks[i]).clone(),
        })
    }

    /// Edits one assessment; `f` returns false to refuse the change. Every
    /// field that changed is stamped with `now_ms`. True when it changed.
    pub fn edit(&mut self, id: &str, now_ms: u64, f: impl FnOnce(&mut Assessment) -> bool) -> bool {
        let Ok(i) = self.find(id) else {
            return false;
        };
        let mut e = Entry {
            assessment: (*self.assessments[i]).clone(),
            clock: (*self.clocks[i]).clone(),
        };
        let before = &self.assessments[i];
        if !f(&mut e.assessment) || e.assessment == **before {
            return false;
        }
        e.touch(before, now_ms);
        self.assessments[i] = Rc::new(e.assessment);
        self.clocks[i] = Rc::new(e.clock);
        true
    }

    /// Adds an entry; refuses (returns false) an id already in use.
    pub fn insert(&mut self, e: Entry) -> bool {
        match self.find(&e.assessment.id) {
            Ok(_) => false,
            Err(i) => {
                self.assessments.insert(i, Rc::new(e.assessment));
                self.clocks.insert(i, Rc::new(e.clock));
                true
            }
        }
    }

    /// Adds or replaces the entry with this id.
    pub fn put(&mut self, e: Entry) {
        match self.find(&e.assessment.id) {
            Ok(i) => {
                self.assessments[i] = Rc::new(e.assessment);
                self.clocks[i] = Rc::new(e.clock);
            }
            Err(_) => {
                self.insert(e);
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Entry> {
        let i = self.find(id).ok()?;
        Some(Entry {
            assessment: Rc::unwrap_or_clone(self.assessments.remove(i)),
            clock: Rc::unwrap_or_clone(self.clocks.remove(i)),
        })
    }

    /// An assessment with the same answers as `a`, under any id.
    pub fn find_same_content(&self, a: &Assessment) -> Option<&Assessment> {
        self.assessments
            .iter()
            .find(|b| b.same_content(a))
            .map(|b| &**b)
    }

    /// An assessment of the same subject on the same date.
    pub fn find_same_subject_and_date(&self, a: &Assessment) -> Option<&Assessment> {
        self.assessments
            .iter()
            .find(|b| b.same_subject(a) && b.date == a.date)
            .map(|b| &**b)
    }

    /// Newest assessment date first, then most recently edited.
    pub fn listed(&self) -> Vec<&Rc<Assessment>> {
        let mut list: Vec<&Rc<Assessment>> = self.assessments.iter().collect();
        sort_by(&mut list, |a, b| {
            b.date
                .cmp(&a.date)
                .then(b.updated_ms.cmp(&a.updated_ms))
                .then(a.id.cmp(&b.id))
        });
        list
    }
}

/// Finds assessments with the same content among many, in O(log n) each:
/// importing thousands must not compare every pair.
pub struct ContentIndex {
    keys: Vec<(u64, usize)>,
}

impl ContentIndex {
    pub fn of<A: Borrow<Assessment>>(list: &[A]) -> ContentIndex {
        let mut keys: Vec<(u64, usize)> = list
            .iter()
            .enumerate()
            .map(|(i, a)| (a.borrow().content_hash(), i))
            .collect();
        sort_by(&mut keys, |a, b| a.cmp(b));
        ContentIndex { keys }
    }

    /// The index in `list` of an assessment with `a`'s content.
    pub fn find<A: Borrow<Assessment>>(&self, list: &[A], a: &Assessment) -> Option<usize> {
        let h = a.content_hash();
        let start = self.keys.partition_point(|(k, _)| *k < h);
        self.keys[start..]
            .iter()
            .take_while(|(k, _)| *k == h)
            .map(|(_, i)| *i)
            .find(|i| list[*i].borrow().same_content(a))
    }
}

pub fn quarantine_key(now_ms: u64, n: usize) -> String {
    if n == 0 {
        format!("{QUARANTINE_PREFIX}{now_ms}")
    } else {
        format!("{QUARANTINE_PREFIX}{now_ms}-{n}")
    }
}

/// Why changes are kept in memory only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoryReason {
    /// The browser refuses storage (private mode, sandboxed frame, settings).
    Unavailable,
    /// Saved data from a newer version is there; we must not overwrite it.
    NewerVersion { found: u64 },
    /// Unreadable saved data could not be copied aside, so we may not write over it.
    CouldNotSetAside,
    /// Data saved by an older version could not be moved into records (the
    /// storage is full); it stays as it was, and nothing is written.
    CouldNotMigrate,
}

/// Ordered from best to worst, so a save of several records reports the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WriteOutcome {
    Saved,
    /// The browser's storage quota is used up.
    Full,
    Failed,
}

/// A stored value the app could not read, kept for the user to download.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAside {
    /// Where it was copied in storage; `None` when only this page holds it.
    pub key: Option<String>,
    pub raw: Rc<str>,
    pub reason: StoreError,
    /// How many assessments were left out of an otherwise readable value.
    pub skipped: usize,
    /// How many were read with their notes shortened.
    pub shortened: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StorageStatus {
    pub memory_only: Option<MemoryReason>,
    pub last_write: WriteOutcome,
    pub set_aside: Vec<SetAside>,
}

impl Default for StorageStatus {
    fn default() -> Self {
        StorageStatus {
            memory_only: None,
            last_write: WriteOutcome::Saved,
            set_aside: Vec::new(),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;
    use crate::domain::formats::json;
    use crate::domain::model::assessment::{Details, Subject, MAX_NOTES_CHARS};
    use crate::domain::model::rubric::{builtin, Level};
    use proptest::prelude::*;

    fn sample(id: &str, date: &str) -> Assessment {
        let d = Details {
            subject: Subject::Initiative {
                name: "Bike share <b>\"demand\"</b>".into(),
            },
            place: "São Bernardo do Campo".into(),
            date: date.into(),
            assessor: "Equipe de dados".into(),
        };
        let mut a = Assessment::new(id.into(), &d, builtin(), 1).unwrap();
        a.edit_rating("analytics", |r| {
            r.level = Level::new(2);
            r.target = Level::new(4);
            r.notes = "Painel: https://example.org/x — ñ ü 🚲".into();
        });
        a
    }

    fn store_of(list: Vec<Assessment>) -> Store {
        Store::from_entries(list.into_iter().map(|a| Entry::new(a, 1)).collect())
    }

    #[test]
    fn a_whole_store_from_before_records_is_migrated_entirely() {
        let list = vec![sample("a1", "2025-01-02"), sample("a2", "2026-03-04")];
        assert_eq!(
            plan_load(Some(&encode_legacy(&list))),
            LoadPlan::Migrate(list)
        );
    }

    #[test]
    fn golden_schema_1_value_still_reads() {
        // Written by the first release; must stay readable by every later one.
        let raw = r#"{"format":"budmm-store","schema":1,"assessments":[{"id":"a-lq2","subject":{"kind":"city"},"place":"Fortaleza","date":"2026-11-27","rubric":{"id":"idb-big-urban-data-maturity-model","version":"2019-10"},"ratings":{"open-data":{"level":2,"target":3,"notes":"Portal since 2019"},"analytics":{"notes":"unsure"}},"created_ms":1,"updated_ms":2}]}"#;
        let LoadPlan::Migrate(list) = plan_load(Some(raw)) else {
            panic!("not migrated")
        };
        let a = &list[0];
        assert_eq!(a.place, "Fortaleza");
        assert_eq!(a.level("open-data"), Level::new(2));
        assert_eq!(a.rating("analytics").unwrap().notes, "unsure");
    }

    #[test]
    fn golden_schema_2_value_keeps_plans_and_respondents_and_gets_item_ids() {
        let raw = r#"{"format":"budmm-store","schema":2,"assessments":[{"id":"g","subject":{"kind":"city"},"place":"Quito","date":"2027-01-10","rubric":{"id":"idb-big-urban-data-maturity-model","version":"2019-10"},"ratings":{"analytics":{"level":2,"target":3}},"plan":[{"competency":"analytics","what":"Hire a data scientist","owner":"HR","due":"2027-06-30","status":"doing"},{"competency":"analytics","what":"Train staff"}],"respondents":3,"created_ms":1,"updated_ms":2}]}"#;
        let LoadPlan::Migrate(list) = plan_load(Some(raw)) else {
            panic!("not migrated")
        };
        let a = &list[0];
        assert_eq!(a.respondents, Some(3));
        assert_eq!(a.plan[0].what, "Hire a data scientist");
        assert_eq!(a.plan[0].status, crate::domain::model::plan::Status::Doing);
        let ids: Vec<&str> = a.plan.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["i1", "i2"], "the same ids in every tab that reads it");
    }

    #[test]
    fn the_schema_3_marker_means_records() {
        assert_eq!(plan_load(Some(&marker())), LoadPlan::Records);
        assert_eq!(plan_load(None), LoadPlan::Records);
    }

    fn set_aside_counts(plan: LoadPlan) -> Option<(usize, usize, usize)> {
        match plan {
            LoadPlan::SetAsideThenMigrate {
                assessments,
                skipped,
                shortened,
                ..
            } => Some((assessments.len(), skipped, shortened)),
            _ => None,
        }
    }

    #[test]
    fn an_invalid_plan_costs_only_its_entry() {
        let mut bad = sample("bad", "2026-01-01");
        bad.plan.push(crate::domain::model::plan::PlanItem {
            competency: "analytics".into(),
            what: " ".into(),
            ..Default::default()
        });
        let raw = encode_legacy(&[sample("ok", "2026-01-01"), bad]);
        assert_eq!(set_aside_counts(plan_load(Some(&raw))), Some((1, 1, 0)));
    }

    #[test]
    fn tampered_guided_answers_cost_only_their_entry() {
        let ok = r#"{"id":"ok","subject":{"kind":"city"},"place":"Quito","date":"2027-01-10","rubric":{"id":"idb-big-urban-data-maturity-model","version":"2019-10"},"ratings":{"analytics":{"level":1,"guided":{"answers":["yn"],"suggested":1,"accepted":true}}},"created_ms":1,"updated_ms":2}"#;
        for bad in [
            r#"{"answers":["yx"]}"#,
            r#"{"answers":["yn"],"suggested":4,"accepted":false}"#,
            r#"{"answers":["yn"],"suggested":1,"accepted":false}"#,
            r#"{"answers":["y","y","y","y","y","y"]}"#,
        ] {
            let entry = ok
                .replace(r#"{"answers":["yn"],"suggested":1,"accepted":true}"#, bad)
                .replace(r#""id":"ok""#, r#""id":"bad""#);
            let raw =
                format!(r#"{{"format":"budmm-store","schema":2,"assessments":[{ok},{entry}]}}"#);
            assert_eq!(
                set_aside_counts(plan_load(Some(&raw))),
                Some((1, 1, 0)),
                "{bad}"
            );
        }
    }

    #[test]
    fn truncated_value_is_set_aside_not_used() {
        let raw = encode_legacy(&[sample("a1", "2025-01-02")]);
        let cut = &raw[..raw.len() / 2];
        assert!(matches!(
            plan_load(Some(cut)),
            LoadPlan::SetAsideThenMigrate {
                reason: StoreError::NotJson,
                skipped: 0,
                ..
            }
        ));
    }

    #[test]
    fn someone_elses_value_is_set_aside() {
        for raw in [r#"{"hello":"world"}"#, "[1,2,3]"] {
            assert!(matches!(
                plan_load(Some(raw)),
                LoadPlan::SetAsideThenMigrate {
                    reason: StoreError::NotOurs,
                    ..
                }
            ));
        }
    }

    #[test]
    fn newer_schema_is_left_alone() {
        let raw = r#"{"format":"budmm-store","schema":7,"assessments":[],"new_thing":true}"#;
        assert_eq!(plan_load(Some(raw)), LoadPlan::LeaveAlone { found: 7 });
    }

    #[test]
    fn schema_zero_is_damaged_not_migrated() {
        let raw = r#"{"format":"budmm-store","schema":0,"assessments":[]}"#;
        assert!(matches!(
            plan_load(Some(raw)),
            LoadPlan::SetAsideThenMigrate {
                reason: StoreError::Invalid(_),
                ..
            }
        ));
    }

    #[test]
    fn one_bad_entry_keeps_the_good_ones() {
        let good = serde_json::to_value(sample("a1", "2025-01-02")).unwrap();
        let mut bad_level = good.clone();
        bad_level["id"] = "a2".into();
        bad_level["ratings"]["analytics"]["level"] = 9.into();
        let mut bad_date = good.clone();
        bad_date["id"] = "a3".into();
        bad_date["date"] = "2026-02-31".into();
        let mut too_many = good.clone();
        too_many["id"] = "a4".into();
        too_many["respondents"] = 1_000_000.into();
        let duplicate = good.clone();
        let raw = serde_json::json!({
            "format": STORE_FORMAT, "schema": 1,
            "assessments": [good, bad_level, bad_date, too_many, duplicate, "junk", {"id": "<script>"}]
        })
        .to_string();
        match plan_load(Some(&raw)) {
            LoadPlan::SetAsideThenMigrate {
                assessments,
                skipped,
                ..
            } => {
                assert_eq!(skipped, 6);
                assert_eq!(assessments.len(), 1);
                assert_eq!(assessments[0].id, "a1");
            }
            other => panic!("unexpected plan {other:?}"),
        }
    }

    #[test]
    fn notes_over_the_limit_are_shortened_and_counted_at_read_time() {
        let mut long = serde_json::to_value(sample("a1", "2025-01-02")).unwrap();
        long["ratings"]["analytics"]["notes"] = "é".repeat(MAX_NOTES_CHARS + 5).into();
        let raw = serde_json::json!({"format": STORE_FORMAT, "schema": 2, "assessments": [long]})
            .to_string();
        match plan_load(Some(&raw)) {
            LoadPlan::SetAsideThenMigrate {
                assessments,
                shortened: 1,
                skipped: 0,
                ..
            } => {
                let notes = &assessments[0].rating("analytics").unwrap().notes;
                assert_eq!(notes.chars().count(), MAX_NOTES_CHARS);
            }
            other => panic!("unexpected plan {other:?}"),
        }
    }

    #[test]
    fn reading_is_linear_in_the_number_of_entries() {
        // 100,000 entries, half of them repeats of earlier ids and in
        // descending order: a pairwise check would take minutes here.
        let one = |i: usize| {
            format!(
                r#"{{"id":"a{i}","subject":{{"kind":"city"}},"place":"P","date":"2026-01-01","rubric":{{"id":"idb-big-urban-data-maturity-model","version":"2019-10"}},"created_ms":1,"updated_ms":1}}"#
            )
        };
        let items: Vec<String> = (0..100_000).rev().map(|i| one(i % 50_000)).collect();
        let raw = format!("[{}]", items.join(","));
        let started = std::time::Instant::now();
        let root = json::parse(&raw).unwrap();
        let read = read_entries(root.arr().unwrap());
        assert_eq!((read.assessments.len(), read.skipped), (50_000, 50_000));
        // Linear work takes well under a second even unoptimised; the
        // quadratic path it replaced took minutes. The margin is 20x.
        assert!(
            started.elapsed().as_secs() < 20,
            "took {:?}",
            started.elapsed()
        );
        let store = Store::from_entries(
            read.assessments
                .into_iter()
                .map(|a| Entry::new(a, 1))
                .collect(),
        );
        assert_eq!(store.get("a49999").map(|a| a.id.as_str()), Some("a49999"));
    }

    #[test]
    fn ratings_with_many_unknown_keys_are_refused_quickly() {
        let keys: Vec<String> = (0..380_000)
            .rev()
            .map(|i| format!("\"k{i}\":{{}}"))
            .collect();
        let entry = format!(
            r#"{{"id":"a1","subject":{{"kind":"city"}},"place":"P","date":"2026-01-01","rubric":{{"id":"idb-big-urban-data-maturity-model","version":"2019-10"}},"ratings":{{{}}},"created_ms":1,"updated_ms":1}}"#,
            keys.join(",")
        );
        let raw = format!("[{entry}]");
        let started = std::time::Instant::now();
        let root = json::parse(&raw).unwrap();
        let read = read_entries(root.arr().unwrap());
        assert_eq!((read.assessments.len(), read.skipped), (0, 1));
        assert!(
            started.elapsed().as_secs() < 20,
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn insert_refuses_a_duplicate_id_and_get_finds_by_id() {
        let mut s = Store::default();
        assert!(s.insert(Entry::new(sample("b1", "2025-01-02"), 1)));
        assert!(s.insert(Entry::new(sample("a1", "2025-01-02"), 1)));
        assert!(!s.insert(Entry::new(sample("a1", "2026-01-02"), 1)));
        assert_eq!(s.len(), 2);
        assert_eq!(s.get("a1").unwrap().date.as_str(), "2025-01-02");
        assert!(s.get("c1").is_none());
    }

    #[test]
    fn edits_stamp_the_fields_they_change() {
        let mut s = store_of(vec![sample("a1", "2025-01-02")]);
        assert!(s.edit("a1", 50, |a| {
            a.place = "Santo André".into();
            true
        }));
        assert!(!s.edit("a1", 60, |_| true), "no change, no stamp");
        assert!(
            !s.edit("a1", 70, |a| {
                a.place = "x".into();
                false
            }),
            "a refused edit leaves it as it was"
        );
        let e = s.entry("a1").unwrap();
        assert_eq!(e.assessment.place, "Santo André");
        assert_eq!((e.clock.get("place"), e.clock.get("date")), (50, 1));
        assert_eq!(e.assessment.updated_ms, 50);
    }

    #[test]
    fn content_index_finds_copies_under_any_id() {
        let list: Vec<Assessment> = (0..50)
            .map(|i| {
                let mut a = sample(&format!("a{i}"), "2025-01-02");
                a.place = format!("City {i}");
                a
            })
            .collect();
        let index = ContentIndex::of(&list);
        let mut copy = list[17].clone();
        copy.id = "other".into();
        copy.updated_ms = 999;
        assert_eq!(index.find(&list, &copy), Some(17));
        copy.place = "Elsewhere".into();
        assert_eq!(index.find(&list, &copy), None);
    }

    #[test]
    fn list_is_newest_first() {
        let s = store_of(vec![
            sample("old", "2024-05-01"),
            sample("new", "2026-05-01"),
            sample("mid", "2025-05-01"),
        ]);
        let ids: Vec<&str> = s.listed().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["new", "mid", "old"]);
    }

    pub(crate) fn arb_assessment() -> impl Strategy<Value = Assessment> {
        (
            "[a-z0-9-]{1,12}",
            any::<bool>(),
            "\\PC{0,40}",
            "\\PC{1,40}",
            (1990u32..2100, 1u32..=12, 1u32..=28),
            proptest::collection::vec(
                (
                    proptest::option::of(1u8..=5),
                    proptest::option::of(1u8..=5),
                    "\\PC{0,80}",
                    any::<bool>(),
                ),
                5,
            ),
            any::<u32>(),
        )
            .prop_map(|(id, city, name, place, (y, m, d), ratings, t)| {
                let subject = if city {
                    Subject::City
                } else {
                    Subject::Initiative {
                        name: format!("n{name}"),
                    }
                };
                let details = Details {
                    subject,
                    place: format!("p{place}"),
                    date: format!("{y:04}-{m:02}-{d:02}"),
                    assessor: name,
                };
                let mut a = Assessment::new(id, &details, builtin(), u64::from(t)).unwrap();
                for (c, (l, tg, notes, carried)) in builtin().competencies.iter().zip(ratings) {
                    a.edit_rating(&c.id, |r| {
                        r.level = l.and_then(Level::new);
                        r.target = tg.and_then(Level::new);
                        r.notes = notes;
                        r.carried = carried;
                    });
                }
                a
            })
    }

    /// Schema 2 adds a plan and a respondent count to the schema-1 shape.
    pub(crate) fn arb_assessment_v2() -> impl Strategy<Value = Assessment> {
        use crate::domain::model::assessment::IsoDate;
        use crate::domain::model::plan::{PlanItem, Status};
        let item = (
            0usize..5,
            "\\PC{1,60}",
            "\\PC{0,30}",
            proptest::option::of(2000u32..2100),
            0usize..3,
        )
            .prop_map(|(c, what, owner, year, s)| PlanItem {
                id: String::new(),
                competency: builtin().competencies[c].id.clone(),
                what: format!("w{}", what.trim()),
                owner: owner.trim().to_string(),
                due: year.and_then(|y| IsoDate::parse(&format!("{y}-06-30"))),
                status: Status::ALL[s],
            });
        let guided = proptest::option::of(proptest::collection::vec("[yn-]{1,4}", 0..6));
        (
            arb_assessment(),
            proptest::collection::vec(item, 0..6),
            proptest::option::of(1u32..50),
            proptest::collection::vec(guided, 5),
        )
            .prop_map(|(mut a, plan, respondents, guided)| {
                use crate::domain::model::guided::{suggest, Guided};
                a.plan = plan;
                for (i, p) in a.plan.iter_mut().enumerate() {
                    p.id = format!("p{i}");
                }
                a.respondents = respondents;
                for (c, answers) in builtin().competencies.iter().zip(guided) {
                    a.edit_rating(&c.id, |r| {
                        r.guided = answers.map(|answers| Guided {
                            suggested: suggest(&answers).map(|s| s.level),
                            answers,
                            accepted: false,
                        })
                    });
                }
                a
            })
    }

    proptest! {
        #[test]
        fn legacy_values_read_back_whole(list in proptest::collection::vec(arb_assessment_v2(), 0..4)) {
            let list: Vec<Assessment> = Store::from_entries(list.into_iter().map(|a| Entry::new(a, 1)).collect()).assessments().iter().map(|a| (**a).clone()).collect();
            prop_assert_eq!(plan_load(Some(&encode_legacy(&list))), LoadPlan::Migrate(list));
        }

        /// Every schema-1 value (no plans, no respondent counts) reads
        /// under the current schema with the same content.
        #[test]
        fn schema_1_values_migrate(list in proptest::collection::vec(arb_assessment(), 0..4)) {
            let list: Vec<Assessment> = Store::from_entries(list.into_iter().map(|a| Entry::new(a, 1)).collect()).assessments().iter().map(|a| (**a).clone()).collect();
            let v1 = serde_json::to_string(&serde_json::json!({
                "format": STORE_FORMAT,
                "schema": 1,
                "assessments": list,
            })).unwrap();
            prop_assert_eq!(plan_load(Some(&v1)), LoadPlan::Migrate(list));
        }

        /// The hand-written JSON is the format serde wrote before it, byte
        /// for byte, and reads what serde reads.
        #[test]
        fn json_is_what_serde_writes_and_reads(a in arb_assessment_v2()) {
            let ours = a.to_json();
            let theirs = serde_json::to_string(&a).unwrap();
            prop_assert_eq!(&ours, &theirs);
            let back = Assessment::from_json(&json::parse(&theirs).unwrap());
            prop_assert_eq!(back, Some(serde_json::from_str::<Assessment>(&theirs).unwrap()));
            let pretty = serde_json::to_string_pretty(&a).unwrap();
            prop_assert_eq!(Assessment::from_json(&json::parse(&pretty).unwrap()), Some(a));
        }

        #[test]
        fn plan_load_never_panics_on_any_text(raw in "\\PC{0,200}") {
            let _ = plan_load(Some(&raw));
        }

        #[test]
        fn plan_load_never_panics_on_tampered_json(a in arb_assessment(), cut in 0usize..2000, byte in any::<u8>()) {
            let raw = encode_legacy(&[a]);
            let mut bytes = raw.into_bytes();
            let at = cut % bytes.len();
            bytes[at] = byte;
            let tampered = String::from_utf8_lossy(&bytes);
            let _ = plan_load(Some(&tampered));
            let end = tampered.char_indices().map(|(i, _)| i).take_while(|&i| i <= cut).last().unwrap_or(0);
            let _ = plan_load(Some(&tampered[..end]));
        }
    }
}
