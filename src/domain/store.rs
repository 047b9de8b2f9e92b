//! The saved form of the user's assessments, and the rules for reading it
//! back. Everything read from storage is treated as untrusted: it may be
//! truncated, edited by hand, written by an older or newer version of the app,
//! or not ours at all. Nothing here touches the browser; `platform::storage`
//! carries out the plan this module makes.

use super::assessment::Assessment;
use super::rubric::is_slug;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The localStorage key that holds every assessment.
pub const STORE_KEY: &str = "budmm.store";
/// Small preferences live under their own keys, outside the store, so a bad
/// value there can never touch saved work: the chosen language, and whether
/// the notice about English descriptors was read.
pub const LANG_KEY: &str = "budmm.lang";
pub const NOTICE_KEY: &str = "budmm.seen.descriptors";
/// Values that could not be read are moved here (plus a timestamp), never deleted.
pub const QUARANTINE_PREFIX: &str = "budmm.unreadable.";
pub const STORE_FORMAT: &str = "budmm-store";
/// Bump when the stored shape changes, and add a step to `migrate`.
///
/// 1: the first release. 2: adds an assessment's action plan (`plan`) and the
/// number of `respondents` an agreed assessment came from.
pub const SCHEMA: u64 = 2;
/// Far above what localStorage holds (about 5 MB); anything larger is not ours.
pub const MAX_STORED_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Store {
    pub assessments: Vec<Assessment>,
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    schema: u64,
    assessments: &'a [Assessment],
}

/// The outer shape shared by stored data and exported files. Entries stay
/// raw text until the format and schema are known, and are then read one by
/// one: no `Value` tree is built (its parser would double the JSON code in
/// the wasm).
#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    schema: Option<u64>,
    #[serde(default, borrow)]
    assessments: Option<&'a RawValue>,
}

/// The outer fields of a JSON envelope, or why there are none.
pub(crate) struct Envelope<'a> {
    pub format: Option<String>,
    pub schema: Option<u64>,
    assessments: Option<&'a RawValue>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnvelopeError {
    NotJson,
    NotOurs,
}

pub(crate) fn read_envelope(raw: &str) -> Result<Envelope<'_>, EnvelopeError> {
    serde_json::from_str::<IgnoredAny>(raw).map_err(|_| EnvelopeError::NotJson)?;
    let e: EnvelopeIn = serde_json::from_str(raw).map_err(|_| EnvelopeError::NotOurs)?;
    Ok(Envelope {
        format: e.format,
        schema: e.schema,
        assessments: e.assessments,
    })
}

impl<'a> Envelope<'a> {
    /// The list of entries, each still raw; `None` when it is not a list.
    pub(crate) fn entries(&self) -> Option<Vec<&'a RawValue>> {
        serde_json::from_str(self.assessments?.get()).ok()
    }
}

impl Store {
    pub fn get(&self, id: &str) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.id == id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Assessment> {
        self.assessments.iter_mut().find(|a| a.id == id)
    }

    /// Adds an assessment; refuses (returns false) an id already in use.
    pub fn insert(&mut self, a: Assessment) -> bool {
        if self.get(&a.id).is_some() {
            return false;
        }
        self.assessments.push(a);
        true
    }

    /// An assessment with the same answers as `a`, under any id.
    pub fn find_same_content(&self, a: &Assessment) -> Option<&Assessment> {
        self.assessments.iter().find(|b| b.same_content(a))
    }

    /// An assessment of the same subject and place on the same date.
    pub fn find_same_subject_and_date(&self, a: &Assessment) -> Option<&Assessment> {
        self.assessments
            .iter()
            .find(|b| b.subject == a.subject && b.place == a.place && b.date == a.date)
    }

    pub fn remove(&mut self, id: &str) -> Option<Assessment> {
        let at = self.assessments.iter().position(|a| a.id == id)?;
        Some(self.assessments.remove(at))
    }

    /// Newest assessment date first, then most recently edited.
    pub fn listed(&self) -> Vec<&Assessment> {
        let mut list: Vec<&Assessment> = self.assessments.iter().collect();
        list.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then(b.updated_ms.cmp(&a.updated_ms))
                .then(a.id.cmp(&b.id))
        });
        list
    }

    pub fn encode(&self) -> Result<String, StoreError> {
        serde_json::to_string(&EnvelopeOut {
            format: STORE_FORMAT,
            schema: SCHEMA,
            assessments: &self.assessments,
        })
        // Plain structs always serialize; serde's own error text is never
        // shown (the catalog words it), so none of it is carried.
        .map_err(|_| StoreError::Invalid("could not be written".into()))
    }
}

/// Why a stored value could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("the saved data is larger than this app ever writes")]
    TooLarge,
    #[error("the saved data is not readable JSON (it may be cut off or edited)")]
    NotJson,
    #[error("the saved data was not written by this app")]
    NotOurs,
    #[error("the saved data comes from a newer version of this app (format {found})")]
    Newer { found: u64 },
    #[error("the saved data is damaged: {0}")]
    Invalid(String),
}

/// A store read back, with how many entries had to be left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub store: Store,
    pub skipped: usize,
}

pub fn decode(raw: &str) -> Result<Decoded, StoreError> {
    if raw.len() > MAX_STORED_BYTES {
        return Err(StoreError::TooLarge);
    }
    let envelope = read_envelope(raw).map_err(|e| match e {
        EnvelopeError::NotJson => StoreError::NotJson,
        EnvelopeError::NotOurs => StoreError::NotOurs,
    })?;
    if envelope.format.as_deref() != Some(STORE_FORMAT) {
        return Err(StoreError::NotOurs);
    }
    let schema = envelope
        .schema
        .ok_or_else(|| StoreError::Invalid("no schema version".into()))?;
    if schema > SCHEMA {
        return Err(StoreError::Newer { found: schema });
    }
    let entries = envelope
        .entries()
        .ok_or_else(|| StoreError::Invalid("no list of assessments".into()))?;
    let (assessments, skipped) = read_entries(&migrate(schema, &entries)?);
    Ok(Decoded {
        store: Store { assessments },
        skipped,
    })
}

/// Reads each entry on its own, so one damaged entry costs only itself.
/// Returns the readable ones (ids unique, first wins) and how many were not.
pub fn read_entries(items: &[&RawValue]) -> (Vec<Assessment>, usize) {
    let mut out: Vec<Assessment> = Vec::new();
    let mut skipped = 0;
    for item in items {
        match serde_json::from_str::<Assessment>(item.get()) {
            // A linear check: a device holds dozens, and a hash set would
            // add its own code to the wasm.
            Ok(a)
                if is_slug(&a.id)
                    && a.details().problems().is_empty()
                    && a.extras_are_valid()
                    && !out.iter().any(|b| b.id == a.id) =>
            {
                out.push(a)
            }
            _ => skipped += 1,
        }
    }
    (out, skipped)
}

/// Brings the entries of data written under any released schema up to
/// `SCHEMA`, one step per version, each with a golden test of its old shape.
/// Shared by stored data and exported files, which use the same entries.
pub(crate) fn migrate<'a>(
    schema: u64,
    entries: &[&'a RawValue],
) -> Result<Vec<&'a RawValue>, StoreError> {
    match schema {
        // 1 -> 2 added only optional fields (`plan`, `respondents`) whose
        // absence means "none", so a schema-1 entry already reads as schema 2.
        1 | SCHEMA => Ok(entries.to_vec()),
        other => Err(StoreError::Invalid(format!("unknown format {other}"))),
    }
}

/// What the app may do with storage after reading it. The one rule behind
/// every case: the main key is only overwritten once what it held is safe,
/// either read in full or copied aside.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadPlan {
    /// Nothing saved yet, or all of it read: use it and save changes.
    Use(Store),
    /// Some or none of it could be read: copy the raw value aside first, then
    /// use what was read. If the copy fails, work in memory only.
    SetAsideThenUse {
        store: Store,
        skipped: usize,
        reason: StoreError,
    },
    /// Written by a newer version: leave it exactly as it is, work in memory.
    LeaveAlone { found: u64 },
}

pub fn plan_load(raw: Option<&str>) -> LoadPlan {
    let Some(raw) = raw else {
        return LoadPlan::Use(Store::default());
    };
    match decode(raw) {
        Ok(Decoded { store, skipped: 0 }) => LoadPlan::Use(store),
        Ok(Decoded { store, skipped }) => LoadPlan::SetAsideThenUse {
            store,
            skipped,
            reason: StoreError::Invalid(format!("{skipped} assessment(s) could not be read")),
        },
        Err(StoreError::Newer { found }) => LoadPlan::LeaveAlone { found },
        Err(reason) => LoadPlan::SetAsideThenUse {
            store: Store::default(),
            skipped: 0,
            reason,
        },
    }
}

pub fn quarantine_key(now_ms: u64) -> String {
    format!("{QUARANTINE_PREFIX}{now_ms}")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;
    use crate::domain::assessment::{Details, Subject};
    use crate::domain::rubric::{builtin, Level};
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
        Store { assessments: list }
    }

    #[test]
    fn round_trip_keeps_everything() {
        let s = store_of(vec![sample("a1", "2025-01-02"), sample("a2", "2026-03-04")]);
        let raw = s.encode().unwrap();
        assert_eq!(
            decode(&raw).unwrap(),
            Decoded {
                store: s,
                skipped: 0
            }
        );
    }

    #[test]
    fn golden_schema_1_value_still_reads() {
        // Written by the first release; must stay readable by every later one.
        let raw = r#"{"format":"budmm-store","schema":1,"assessments":[{"id":"a-lq2","subject":{"kind":"city"},"place":"Fortaleza","date":"2026-11-27","rubric":{"id":"idb-big-urban-data-maturity-model","version":"2019-10"},"ratings":{"open-data":{"level":2,"target":3,"notes":"Portal since 2019"},"analytics":{"notes":"unsure"}},"created_ms":1,"updated_ms":2}]}"#;
        let d = decode(raw).unwrap();
        assert_eq!(d.skipped, 0);
        let a = &d.store.assessments[0];
        assert_eq!(a.place, "Fortaleza");
        assert_eq!(a.level("open-data"), Level::new(2));
        assert_eq!(a.rating("analytics").unwrap().notes, "unsure");
    }

    #[test]
    fn schema_2_value_keeps_plans_and_respondents() {
        let raw = r#"{"format":"budmm-store","schema":2,"assessments":[{"id":"g","subject":{"kind":"city"},"place":"Quito","date":"2027-01-10","rubric":{"id":"idb-big-urban-data-maturity-model","version":"2019-10"},"ratings":{"analytics":{"level":2,"target":3}},"plan":[{"competency":"analytics","what":"Hire a data scientist","owner":"HR","due":"2027-06-30","status":"doing"}],"respondents":3,"created_ms":1,"updated_ms":2}]}"#;
        let a = &decode(raw).unwrap().store.assessments[0];
        assert_eq!(a.respondents, Some(3));
        assert_eq!(a.plan[0].what, "Hire a data scientist");
        assert_eq!(a.plan[0].status, crate::domain::plan::Status::Doing);
    }

    #[test]
    fn an_invalid_plan_costs_only_its_entry() {
        let mut bad = sample("bad", "2026-01-01");
        bad.plan.push(crate::domain::plan::PlanItem {
            competency: "analytics".into(),
            what: " ".into(),
            ..Default::default()
        });
        let raw = store_of(vec![sample("ok", "2026-01-01"), bad])
            .encode()
            .unwrap();
        let d = decode(&raw).unwrap();
        assert_eq!((d.store.assessments.len(), d.skipped), (1, 1));
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
            assert!(
                matches!(
                    plan_load(Some(&raw)),
                    LoadPlan::SetAsideThenUse { skipped: 1, .. }
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn missing_value_means_a_fresh_start() {
        assert_eq!(plan_load(None), LoadPlan::Use(Store::default()));
    }

    #[test]
    fn truncated_value_is_set_aside_not_used() {
        let raw = store_of(vec![sample("a1", "2025-01-02")]).encode().unwrap();
        let cut = &raw[..raw.len() / 2];
        assert!(matches!(
            plan_load(Some(cut)),
            LoadPlan::SetAsideThenUse {
                reason: StoreError::NotJson,
                skipped: 0,
                ..
            }
        ));
    }

    #[test]
    fn someone_elses_value_is_set_aside() {
        assert!(matches!(
            plan_load(Some(r#"{"hello":"world"}"#)),
            LoadPlan::SetAsideThenUse {
                reason: StoreError::NotOurs,
                ..
            }
        ));
        assert!(matches!(
            plan_load(Some("[1,2,3]")),
            LoadPlan::SetAsideThenUse {
                reason: StoreError::NotOurs,
                ..
            }
        ));
    }

    #[test]
    fn newer_schema_is_left_alone() {
        let raw = r#"{"format":"budmm-store","schema":7,"assessments":[],"new_thing":true}"#;
        assert_eq!(plan_load(Some(raw)), LoadPlan::LeaveAlone { found: 7 });
    }

    #[test]
    fn schema_zero_is_damaged_not_migrated() {
        let raw = r#"{"format":"budmm-store","schema":0,"assessments":[]}"#;
        assert!(matches!(decode(raw), Err(StoreError::Invalid(_))));
    }

    #[test]
    fn one_bad_entry_keeps_the_good_ones_and_sets_the_raw_aside() {
        let good = serde_json::to_value(sample("a1", "2025-01-02")).unwrap();
        let mut bad_level = good.clone();
        bad_level["id"] = "a2".into();
        bad_level["ratings"]["analytics"]["level"] = 9.into();
        let mut bad_date = good.clone();
        bad_date["id"] = "a3".into();
        bad_date["date"] = "2026-02-31".into();
        let duplicate = good.clone();
        let raw = serde_json::json!({
            "format": STORE_FORMAT, "schema": 1,
            "assessments": [good, bad_level, bad_date, duplicate, "junk", {"id": "<script>"}]
        })
        .to_string();
        match plan_load(Some(&raw)) {
            LoadPlan::SetAsideThenUse { store, skipped, .. } => {
                assert_eq!(skipped, 5);
                assert_eq!(store.assessments.len(), 1);
                assert_eq!(store.assessments[0].id, "a1");
            }
            other => panic!("unexpected plan {other:?}"),
        }
    }

    #[test]
    fn insert_refuses_a_duplicate_id() {
        let mut s = Store::default();
        assert!(s.insert(sample("a1", "2025-01-02")));
        assert!(!s.insert(sample("a1", "2026-01-02")));
        assert_eq!(s.assessments.len(), 1);
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
                for (c, (l, tg, notes)) in builtin().competencies.iter().zip(ratings) {
                    a.edit_rating(&c.id, |r| {
                        r.level = l.and_then(Level::new);
                        r.target = tg.and_then(Level::new);
                        r.notes = notes;
                    });
                }
                a
            })
    }

    /// Schema 2 adds a plan and a respondent count to the schema-1 shape.
    pub(crate) fn arb_assessment_v2() -> impl Strategy<Value = Assessment> {
        use crate::domain::assessment::IsoDate;
        use crate::domain::plan::{PlanItem, Status};
        let item = (
            0usize..5,
            "\\PC{1,60}",
            "\\PC{0,30}",
            proptest::option::of(2000u32..2100),
            0usize..3,
        )
            .prop_map(|(c, what, owner, year, s)| PlanItem {
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
                use crate::domain::guided::{suggest, Guided};
                a.plan = plan;
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
        fn decode_inverts_encode(list in proptest::collection::vec(arb_assessment_v2(), 0..4)) {
            let mut store = Store::default();
            for a in list {
                store.insert(a);
            }
            let raw = store.encode().unwrap();
            prop_assert_eq!(decode(&raw).unwrap(), Decoded { store, skipped: 0 });
        }

        /// Every schema-1 value (no plans, no respondent counts) reads
        /// under the current schema with the same content.
        #[test]
        fn schema_1_values_migrate(list in proptest::collection::vec(arb_assessment(), 0..4)) {
            let mut store = Store::default();
            for a in list {
                store.insert(a);
            }
            let v1 = serde_json::to_string(&serde_json::json!({
                "format": STORE_FORMAT,
                "schema": 1,
                "assessments": store.assessments,
            })).unwrap();
            prop_assert_eq!(decode(&v1).unwrap(), Decoded { store, skipped: 0 });
        }

        #[test]
        fn decode_never_panics_on_any_text(raw in "\\PC{0,200}") {
            let _ = plan_load(Some(&raw));
        }

        #[test]
        fn decode_never_panics_on_tampered_json(a in arb_assessment(), cut in 0usize..2000, byte in any::<u8>()) {
            let raw = Store { assessments: vec![a] }.encode().unwrap();
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
