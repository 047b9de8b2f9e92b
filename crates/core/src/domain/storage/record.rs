//! One assessment as this device stores it: its own storage key, and the
//! time each of its fields was last written. Two tabs (or an old and a new
//! version of the app) that edit copies of one assessment merge field by
//! field: the later edit of a field wins, and an edit of one field never
//! undoes an edit of another. A deletion is a record too (a tombstone), so a
//! tab that still holds the assessment cannot bring it back by saving.
//!
//! The merge is a last-writer-wins map: commutative, associative and
//! idempotent in what it keeps, so the order in which tabs save does not
//! matter. Property tests below check exactly that, and that every field
//! ends with its latest edit.

use crate::domain::formats::json::{self, Json, ObjWriter};
use crate::domain::model::assessment::Assessment;
use crate::domain::order::sort_by;
use crate::domain::storage::schema::{self, StoreError, MAX_RECORD_BYTES, SCHEMA, STORE_FORMAT};

/// Every record's key starts with this, followed by the assessment id.
pub const RECORD_PREFIX: &str = "budmm.a.";
/// Most fields a clock may name: five competencies of four fields, five
/// details, and the plan's items (at most `MAX_ACTIONS`, plus removals).
const MAX_CLOCK_FIELDS: usize = 1024;

pub fn record_key(id: &str) -> String {
    format!("{RECORD_PREFIX}{id}")
}

/// The assessment id of a record key; `None` for any other key.
pub fn id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(RECORD_PREFIX)
        .filter(|id| crate::domain::model::rubric::is_slug(id))
}

/// When each field of an assessment was last written, in milliseconds.
/// Fields not listed were last written at `base` (when the record was
/// created, or read from an older format).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clock {
    pub base: u64,
    /// Sorted by field key; only times other than `base`.
    fields: Vec<(String, u64)>,
}

impl Clock {
    pub fn new(base: u64) -> Clock {
        Clock {
            base,
            fields: Vec::new(),
        }
    }

    pub fn get(&self, key: &str) -> u64 {
        self.find(key).map_or(self.base, |i| self.fields[i].1)
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.fields.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    fn set(&mut self, key: &str, at: u64) {
        match self.find(key) {
            Ok(i) if at == self.base => {
                self.fields.remove(i);
            }
            Ok(i) => self.fields[i].1 = at,
            Err(_) if at == self.base => {}
            Err(i) => self.fields.insert(i, (key.to_string(), at)),
        }
    }

    /// Marks a field as written now. Never earlier than what this clock
    /// already holds for it: a clock that went back (a corrected PC clock)
    /// must not make the user's own newest edit lose to an older one.
    pub fn stamp(&mut self, key: &str, now_ms: u64) {
        let at = now_ms.max(self.get(key).saturating_add(1));
        self.set(key, at);
    }

    /// The last time anything in the record was written.
    pub fn latest(&self) -> u64 {
        self.fields
            .iter()
            .map(|(_, t)| *t)
            .fold(self.base, u64::max)
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|(k, _)| k.as_str())
    }
}

/// A field of an assessment, as the clock names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field<'a> {
    Subject,
    Place,
    Date,
    Assessor,
    Respondents,
    Level(&'a str),
    Target(&'a str),
    Notes(&'a str),
    Guided(&'a str),
    Item(&'a str),
}

impl<'a> Field<'a> {
    fn parse(key: &'a str) -> Option<Field<'a>> {
        Some(match key.split_once('/') {
            None => match key {
                "subject" => Field::Subject,
                "place" => Field::Place,
                "date" => Field::Date,
                "assessor" => Field::Assessor,
                "respondents" => Field::Respondents,
                _ => return None,
            },
            Some(("level", c)) => Field::Level(c),
            Some(("target", c)) => Field::Target(c),
            Some(("notes", c)) => Field::Notes(c),
            Some(("guided", c)) => Field::Guided(c),
            Some(("item", id)) => Field::Item(id),
            Some(_) => return None,
        })
    }

    fn key(self) -> String {
        match self {
            Field::Subject => "subject".into(),
            Field::Place => "place".into(),
            Field::Date => "date".into(),
            Field::Assessor => "assessor".into(),
            Field::Respondents => "respondents".into(),
            Field::Level(c) => format!("level/{c}"),
            Field::Target(c) => format!("target/{c}"),
            Field::Notes(c) => format!("notes/{c}"),
            Field::Guided(c) => format!("guided/{c}"),
            Field::Item(id) => format!("item/{id}"),
        }
    }

    /// The field's value as comparable text ("" when absent): equal text,
    /// equal value; and a fixed order for the rare tie of two edits in the
    /// same millisecond, so both tabs pick the same one.
    fn value(self, a: &Assessment) -> String {
        let rating = |c: &str| a.rating(c);
        let json = |write: &dyn Fn(&mut String)| {
            let mut out = String::new();
            write(&mut out);
            out
        };
        match self {
            Field::Subject => json(&|out| a.subject.write_json(out)),
            Field::Place => a.place.clone(),
            Field::Date => a.date.as_str().to_string(),
            Field::Assessor => a.assessor.clone(),
            Field::Respondents => a.respondents.map_or(String::new(), |n| n.to_string()),
            // Confirming a carried level changes the field, as a new level does.
            Field::Level(c) => rating(c).map_or(String::new(), |r| match r.level {
                Some(l) if r.carried => format!("{l}~"),
                Some(l) => l.to_string(),
                None => String::new(),
            }),
            Field::Target(c) => rating(c)
                .and_then(|r| r.target)
                .map_or(String::new(), |l| l.to_string()),
            Field::Notes(c) => rating(c).map_or(String::new(), |r| r.notes.clone()),
            // Whether the suggestion was accepted follows from the level, so
            // only the answers are the field.
            Field::Guided(c) => {
                rating(c)
                    .and_then(|r| r.guided.as_ref())
                    .map_or(String::new(), |g| {
                        json(&|out| {
                            json::write_list(out, &g.answers, |out, s| json::write_str(out, s))
                        })
                    })
            }
            Field::Item(id) => a
                .plan
                .iter()
                .find(|p| p.id == id)
                .map_or(String::new(), |p| json(&|out| p.write_json(out))),
        }
    }

    /// Copies this field from `from` into `to` (removing it when `from`
    /// has none).
    fn copy(self, from: &Assessment, to: &mut Assessment) {
        let rating = |c: &str| from.rating(c).cloned().unwrap_or_default();
        match self {
            Field::Subject => to.subject = from.subject.clone(),
            Field::Place => to.place = from.place.clone(),
            Field::Date => to.date = from.date.clone(),
            Field::Assessor => to.assessor = from.assessor.clone(),
            Field::Respondents => to.respondents = from.respondents,
            Field::Level(c) => to.edit_rating(c, |r| {
                let from = rating(c);
                r.level = from.level;
                r.carried = from.carried;
            }),
            Field::Target(c) => to.edit_rating(c, |r| r.target = rating(c).target),
            Field::Notes(c) => to.edit_rating(c, |r| r.notes = rating(c).notes),
            Field::Guided(c) => to.edit_rating(c, |r| r.guided = rating(c).guided),
            Field::Item(id) => {
                let item = from.plan.iter().find(|p| p.id == id).cloned();
                match (to.plan.iter().position(|p| p.id == id), item) {
                    (Some(i), Some(item)) => to.plan[i] = item,
                    (Some(i), None) => {
                        to.plan.remove(i);
                    }
                    (None, Some(item)) => to.plan.push(item),
                    (None, None) => {}
                }
            }
        }
    }
}

/// Every field key `a` has a value for.
fn field_keys(a: &Assessment) -> Vec<String> {
    let mut out: Vec<String> = [
        Field::Subject,
        Field::Place,
        Field::Date,
        Field::Assessor,
        Field::Respondents,
    ]
    .iter()
    .map(|f| f.key())
    .collect();
    for (c, r) in a.ratings.iter() {
        if r.level.is_some() {
            out.push(Field::Level(c).key());
        }
        if r.target.is_some() {
            out.push(Field::Target(c).key());
        }
        if !r.notes.is_empty() {
            out.push(Field::Notes(c).key());
        }
        if r.guided.is_some() {
            out.push(Field::Guided(c).key());
        }
    }
    out.extend(a.plan.iter().map(|p| Field::Item(&p.id).key()));
    out
}

/// An assessment with its clock: what one record key holds while the
/// assessment exists.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub assessment: Assessment,
    pub clock: Clock,
}

impl Entry {
    /// A new assessment (created, imported, copied or restored): every
    /// field written at `at`.
    pub fn new(assessment: Assessment, at: u64) -> Entry {
        Entry {
            assessment,
            clock: Clock::new(at),
        }
    }

    /// Stamps every field that differs between `before` and the current
    /// assessment as written at `now_ms`. The one place edits get their time.
    pub fn touch(&mut self, before: &Assessment, now_ms: u64) {
        let mut keys = field_keys(before);
        keys.extend(field_keys(&self.assessment));
        sort_by(&mut keys, |a, b| a.cmp(b));
        keys.dedup();
        for key in keys {
            if let Some(f) = Field::parse(&key) {
                if f.value(before) != f.value(&self.assessment) {
                    self.clock.stamp(&key, now_ms);
                }
            }
        }
        self.assessment.updated_ms = self.assessment.updated_ms.max(now_ms);
    }

    /// Stamps every field the assessment has at `now_ms` or later: it must
    /// win over any copy seen so far (a restore, an undo).
    pub fn stamp_all(&mut self, now_ms: u64) {
        let at = now_ms.max(self.clock.latest().saturating_add(1));
        self.clock = Clock::new(at);
    }
}

/// What a record key holds.
// A record lives for one read or write; boxing the common case would cost
// an allocation each time to save stack space nobody misses.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Live(Entry),
    /// Deleted at this time. Kept so that stale copies elsewhere cannot
    /// bring the assessment back; removed after `TOMBSTONE_DAYS`.
    Deleted {
        at_ms: u64,
    },
}

/// How long a deletion is remembered: far longer than any tab stays open
/// without hearing of it.
pub const TOMBSTONE_DAYS: u64 = 60;

/// How far ahead of this device's clock a stored time may be and still be
/// taken as it is: clocks of one user's devices rarely differ by more.
/// A later time was written by a clock that was wrong (set ahead, then put
/// right), and must not outrank everything this device writes until then.
pub const CLOCK_TOLERANCE_MS: u64 = 5 * 60 * 1000;

fn settle_time(t: u64, now_ms: u64) -> u64 {
    if t > now_ms.saturating_add(CLOCK_TOLERANCE_MS) {
        now_ms
    } else {
        t
    }
}

impl Clock {
    /// Every time later than `now_ms` plus the tolerance taken as `now_ms`.
    fn settle(&mut self, now_ms: u64) {
        let fields = std::mem::take(&mut self.fields);
        self.base = settle_time(self.base, now_ms);
        for (key, t) in fields {
            self.set(&key, settle_time(t, now_ms));
        }
    }
}

impl Record {
    pub fn latest(&self) -> u64 {
        match self {
            Record::Live(e) => e.clock.latest(),
            Record::Deleted { at_ms } => *at_ms,
        }
    }

    /// The record as this device takes it, read at `now_ms`: a time from
    /// the future (beyond `CLOCK_TOLERANCE_MS`) counts as now, so a
    /// deletion made on a clock set ahead expires like any other and an
    /// edit made there cannot win over every later one.
    pub fn settle(self, now_ms: u64) -> Record {
        match self {
            Record::Live(mut e) => {
                e.clock.settle(now_ms);
                let a = &mut e.assessment;
                a.updated_ms = settle_time(a.updated_ms, now_ms);
                a.created_ms = settle_time(a.created_ms, now_ms).min(a.updated_ms);
                Record::Live(e)
            }
            Record::Deleted { at_ms } => Record::Deleted {
                at_ms: settle_time(at_ms, now_ms),
            },
        }
    }

    /// A deletion old enough to forget (`TOMBSTONE_DAYS`), read at `now_ms`.
    pub fn expired(&self, now_ms: u64) -> bool {
        matches!(self, Record::Deleted { at_ms }
            if now_ms.saturating_sub(*at_ms) > TOMBSTONE_DAYS * crate::domain::storage::backup::DAY_MS)
    }
}

/// What to write at a key that holds `stored`, for this tab's `ours`. A
/// restore (the user imported a copy of this assessment) brings it back
/// over a deletion, however that deletion is dated: the user chose it.
pub fn resolve(ours: &Record, stored: &Record, restore: bool) -> Record {
    match (ours, stored) {
        (Record::Live(e), Record::Deleted { at_ms }) if restore => {
            let mut e = e.clone();
            e.stamp_all(at_ms.saturating_add(1));
            Record::Live(e)
        }
        _ => merge_records(ours, stored),
    }
}

/// Merges two copies of one assessment field by field: for each field the
/// later write wins (ties: a fixed order of the values). The result keeps
/// `stored`'s order of plan items, with items only `local` has at the end.
pub fn merge(local: &Entry, stored: &Entry) -> Entry {
    let mut keys = field_keys(&local.assessment);
    keys.extend(field_keys(&stored.assessment));
    keys.extend(local.clock.keys().map(str::to_string));
    keys.extend(stored.clock.keys().map(str::to_string));
    sort_by(&mut keys, |a, b| a.cmp(b));
    keys.dedup();
    let mut out = stored.clone();
    out.clock.base = local.clock.base.max(stored.clock.base);
    for key in keys {
        let Some(f) = Field::parse(&key) else {
            continue;
        };
        let (tl, ts) = (local.clock.get(&key), stored.clock.get(&key));
        let take_local = match tl.cmp(&ts) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => f.value(&local.assessment) > f.value(&stored.assessment),
        };
        if take_local {
            f.copy(&local.assessment, &mut out.assessment);
        }
        out.clock.set(&key, tl.max(ts));
    }
    // Keep the clock small: what equals the base needs no entry, and times
    // of fields that no longer exist anywhere only matter while a copy
    // could still hold them, which `TOMBSTONE_DAYS` bounds for whole records.
    let a = &mut out.assessment;
    a.created_ms = local
        .assessment
        .created_ms
        .min(stored.assessment.created_ms);
    a.updated_ms = local
        .assessment
        .updated_ms
        .max(stored.assessment.updated_ms);
    a.settle_guided();
    out
}

/// Merges what two places hold for one key. A deletion wins over every edit
/// made before it; an edit made after it (in a tab that had not heard of it
/// yet) keeps the assessment.
pub fn merge_records(local: &Record, stored: &Record) -> Record {
    match (local, stored) {
        (Record::Live(l), Record::Live(s)) => Record::Live(merge(l, s)),
        (Record::Live(e), Record::Deleted { at_ms })
        | (Record::Deleted { at_ms }, Record::Live(e)) => {
            if *at_ms >= e.clock.latest() {
                Record::Deleted { at_ms: *at_ms }
            } else {
                Record::Live(e.clone())
            }
        }
        (Record::Deleted { at_ms: a }, Record::Deleted { at_ms: b }) => Record::Deleted {
            at_ms: (*a).max(*b),
        },
    }
}

/// Why a stored record could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// Written by a newer version: leave it alone, and stop writing.
    Newer { found: u64 },
    /// Damaged or not ours: set it aside before anything replaces it.
    Unreadable(StoreError),
}

pub fn encode_record(r: &Record) -> String {
    let mut out = String::new();
    let mut o = ObjWriter::new(&mut out);
    o.str("format", STORE_FORMAT).num("schema", SCHEMA);
    match r {
        Record::Live(e) => {
            o.with("clock", |out| e.clock.write_json(out))
                .with("assessment", |out| e.assessment.write_json(out));
        }
        Record::Deleted { at_ms } => {
            o.num("deleted_ms", *at_ms);
        }
    }
    o.end();
    out
}

/// Reads the record stored under `key`. Untrusted: it may be cut off,
/// edited, from another version, or not ours. A record whose notes were
/// longer than the editor allows reads shortened, and says so
/// (`shortened`), so the caller can keep the original aside.
pub fn decode_record(key: &str, raw: &str) -> Result<Decoded, RecordError> {
    let unreadable = |e| Err(RecordError::Unreadable(e));
    if raw.len() > MAX_RECORD_BYTES {
        return unreadable(StoreError::TooLarge);
    }
    let Some(id) = id_of_key(key) else {
        return unreadable(StoreError::NotOurs);
    };
    let r = json::parse(raw).map_err(|_| RecordError::Unreadable(StoreError::NotJson))?;
    if r.get("format").and_then(Json::str) != Some(STORE_FORMAT) {
        return unreadable(StoreError::NotOurs);
    }
    match r.get("schema").and_then(Json::u64) {
        Some(s) if s > SCHEMA => return Err(RecordError::Newer { found: s }),
        Some(SCHEMA) => {}
        _ => return unreadable(StoreError::Invalid("unknown schema".into())),
    }
    let clock = match r.get("clock") {
        None => None,
        Some(c) => Some(
            Clock::from_json(c)
                .ok_or(RecordError::Unreadable(StoreError::Invalid("clock".into())))?,
        ),
    };
    let deleted_ms = match r.get("deleted_ms") {
        None => None,
        Some(d) => Some(
            d.u64()
                .ok_or(RecordError::Unreadable(StoreError::NotOurs))?,
        ),
    };
    match (deleted_ms, r.get("assessment"), clock) {
        (Some(at_ms), None, None) => Ok(Decoded {
            record: Record::Deleted { at_ms },
            shortened: false,
        }),
        (None, Some(entry), Some(clock)) => {
            let mut read = schema::read_entries(std::slice::from_ref(entry));
            match read.assessments.pop() {
                Some(assessment) if assessment.id == id => Ok(Decoded {
                    record: Record::Live(Entry { assessment, clock }),
                    shortened: read.shortened > 0,
                }),
                _ => unreadable(StoreError::Invalid("damaged assessment".into())),
            }
        }
        _ => unreadable(StoreError::Invalid(
            "neither an assessment nor a deletion".into(),
        )),
    }
}

/// What is wrong with a value that was set aside (a whole store or one
/// record), for its notice: the reason, how many assessments it lost, and
/// how many it had with notes too long.
pub fn judge_set_aside(raw: &str) -> (StoreError, usize, usize) {
    match schema::plan_load(Some(raw)) {
        schema::LoadPlan::SetAsideThenMigrate {
            reason,
            skipped,
            shortened,
            ..
        } => (reason, skipped, shortened),
        schema::LoadPlan::LeaveAlone { found } => (StoreError::Newer { found }, 0, 0),
        schema::LoadPlan::Migrate(_) => (StoreError::Invalid(String::new()), 0, 0),
        schema::LoadPlan::Records => {
            let id = json::parse(raw)
                .ok()
                .and_then(|r| r.get("assessment")?.get("id")?.str().map(str::to_string))
                .unwrap_or_default();
            match decode_record(&record_key(&id), raw) {
                Ok(d) => (
                    StoreError::Invalid(String::new()),
                    0,
                    usize::from(d.shortened),
                ),
                Err(RecordError::Newer { found }) => (StoreError::Newer { found }, 0, 0),
                Err(RecordError::Unreadable(reason)) => (reason, 1, 0),
            }
        }
    }
}

/// A record read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub record: Record,
    /// Notes over the limit were cut to read it.
    pub shortened: bool,
}

impl Clock {
    fn write_json(&self, out: &mut String) {
        let mut o = ObjWriter::new(out);
        o.num("base", self.base);
        for (k, t) in &self.fields {
            o.num(k, *t);
        }
        o.end();
    }

    /// Reads field times: a base, and at most `MAX_CLOCK_FIELDS` fields,
    /// each the name of a field; sorted once, whatever order a hostile
    /// value lists them in.
    fn from_json(v: &Json) -> Option<Clock> {
        let members = v.members()?;
        if members.len() > MAX_CLOCK_FIELDS + 1 {
            return None;
        }
        let mut base = None;
        let mut fields = Vec::new();
        for (k, t) in members {
            let t = t.u64()?;
            if k == "base" {
                base = Some(t);
            } else if Field::parse(k).is_some() {
                fields.push((k.to_string(), t));
            } else {
                return None;
            }
        }
        sort_by(&mut fields, |a: &(String, u64), b| a.0.cmp(&b.0));
        fields.dedup_by(|a, b| a.0 == b.0);
        let mut clock = Clock::new(base?);
        for (k, t) in fields {
            clock.set(&k, t);
        }
        Some(clock)
    }
}

/// What a tab learns about one record key from storage.
#[allow(clippy::large_enum_variant)] // as `Record`
#[derive(Debug, Clone, PartialEq)]
pub enum Seen {
    Live(Entry),
    Deleted {
        at_ms: u64,
    },
    /// The key is gone (cleared by hand, or set aside).
    Absent,
}

impl From<Record> for Seen {
    fn from(r: Record) -> Seen {
        match r {
            Record::Live(e) => Seen::Live(e),
            Record::Deleted { at_ms } => Seen::Deleted { at_ms },
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::model::assessment::{Details, Subject};
    use crate::domain::model::plan::PlanItem;
    use crate::domain::model::rubric::{builtin, Level};
    use proptest::prelude::*;

    fn base() -> Entry {
        let d = Details {
            subject: Subject::City,
            place: "Quito".into(),
            date: "2026-11-27".into(),
            assessor: String::new(),
        };
        Entry::new(
            Assessment::new("a1".into(), &d, builtin(), 100).unwrap(),
            100,
        )
    }

    fn edit(e: &mut Entry, now: u64, f: impl FnOnce(&mut Assessment)) {
        let before = e.assessment.clone();
        f(&mut e.assessment);
        e.touch(&before, now);
    }

    #[test]
    fn independent_edits_in_two_tabs_both_survive() {
        let (mut a, mut b) = (base(), base());
        edit(&mut a, 200, |x| {
            x.edit_rating("analytics", |r| r.level = Level::new(2))
        });
        edit(&mut b, 300, |x| {
            x.edit_rating("open-data", |r| r.notes = "portal".into())
        });
        let m = merge(&a, &b);
        assert_eq!(m.assessment.level("analytics"), Level::new(2));
        assert_eq!(m.assessment.rating("open-data").unwrap().notes, "portal");
        assert_eq!(merge(&b, &a).assessment, m.assessment);
    }

    #[test]
    fn the_later_edit_of_one_field_wins_in_both_orders() {
        let (mut a, mut b) = (base(), base());
        edit(&mut a, 200, |x| {
            x.edit_rating("analytics", |r| r.level = Level::new(2))
        });
        edit(&mut b, 300, |x| {
            x.edit_rating("analytics", |r| r.level = Level::new(4))
        });
        assert_eq!(merge(&a, &b).assessment.level("analytics"), Level::new(4));
        assert_eq!(merge(&b, &a).assessment.level("analytics"), Level::new(4));
    }

    #[test]
    fn clearing_a_field_is_an_edit_too() {
        let (mut a, mut b) = (base(), base());
        edit(&mut a, 200, |x| {
            x.edit_rating("analytics", |r| r.level = Level::new(2))
        });
        let mut merged = merge(&a, &b);
        edit(&mut merged, 300, |x| {
            x.edit_rating("analytics", |r| r.level = None)
        });
        edit(&mut b, 250, |x| x.place = "Quito DM".into());
        let m = merge(&merged, &b);
        assert_eq!(m.assessment.level("analytics"), None);
        assert_eq!(m.assessment.place, "Quito DM");
    }

    #[test]
    fn a_clock_that_went_back_still_lets_the_newest_edit_win() {
        let mut a = base();
        edit(&mut a, 500, |x| x.place = "Lima".into());
        let stored = a.clone();
        edit(&mut a, 10, |x| x.place = "Cusco".into());
        assert_eq!(merge(&a, &stored).assessment.place, "Cusco");
    }

    #[test]
    fn plan_items_merge_by_id() {
        let item = |id: &str, what: &str| PlanItem {
            id: id.into(),
            competency: "analytics".into(),
            what: what.into(),
            ..Default::default()
        };
        let (mut a, mut b) = (base(), base());
        edit(&mut a, 200, |x| x.plan.push(item("p1", "Hire")));
        let mut b2 = merge(&b, &a);
        edit(&mut b2, 300, |x| x.plan.push(item("p2", "Train")));
        edit(&mut a, 310, |x| x.plan[0].what = "Hire two".into());
        b = b2;
        let m = merge(&a, &b);
        let whats: Vec<&str> = m.assessment.plan.iter().map(|p| p.what.as_str()).collect();
        assert_eq!(whats, ["Hire two", "Train"]);
        let mut c = m.clone();
        edit(&mut c, 400, |x| x.plan.retain(|p| p.id != "p1"));
        let m2 = merge(&m, &c);
        assert_eq!(
            m2.assessment.plan.len(),
            1,
            "a removal wins over the older copy"
        );
    }

    #[test]
    fn a_deletion_wins_over_older_edits_only() {
        let mut a = base();
        edit(&mut a, 200, |x| x.place = "Lima".into());
        let deleted = Record::Deleted { at_ms: 300 };
        assert_eq!(merge_records(&Record::Live(a.clone()), &deleted), deleted);
        edit(&mut a, 400, |x| x.place = "Cusco".into());
        assert!(matches!(
            merge_records(&deleted, &Record::Live(a)),
            Record::Live(_)
        ));
    }

    #[test]
    fn records_round_trip() {
        let mut a = base();
        edit(&mut a, 200, |x| {
            x.edit_rating("analytics", |r| r.level = Level::new(3))
        });
        for r in [Record::Live(a), Record::Deleted { at_ms: 7 }] {
            let raw = encode_record(&r);
            assert_eq!(decode_record("budmm.a.a1", &raw).map(|d| d.record), Ok(r));
        }
    }

    #[test]
    fn bad_records_say_why() {
        let live = encode_record(&Record::Live(base()));
        assert_eq!(
            decode_record("budmm.a.a1", &live.replace("\"schema\":3", "\"schema\":9")),
            Err(RecordError::Newer { found: 9 })
        );
        for (key, raw) in [
            ("budmm.a.a1", &live[..live.len() / 2]),
            ("budmm.a.zz", live.as_str()),
            ("budmm.a.a1", "{\"format\":\"budmm-store\",\"schema\":3}"),
            ("budmm.a.a1", "[1]"),
            ("other", live.as_str()),
        ] {
            assert!(
                matches!(decode_record(key, raw), Err(RecordError::Unreadable(_))),
                "{raw}"
            );
        }
    }

    #[test]
    fn over_long_notes_read_shortened_and_say_so() {
        let mut a = base();
        a.assessment
            .edit_rating("analytics", |r| r.notes = "x".into());
        let raw = encode_record(&Record::Live(a)).replace(
            "\"notes\":\"x\"",
            &format!("\"notes\":\"{}\"", "y".repeat(5000)),
        );
        let d = decode_record("budmm.a.a1", &raw).unwrap();
        assert!(d.shortened);
        let Record::Live(e) = d.record else { panic!() };
        assert_eq!(e.assessment.rating("analytics").unwrap().notes.len(), 4000);
    }

    #[test]
    fn a_hostile_clock_costs_only_its_record() {
        let keys: Vec<String> = (0..2000)
            .rev()
            .map(|i| format!("\"notes/c{i}\":1"))
            .collect();
        let raw = format!(
            "{{\"format\":\"budmm-store\",\"schema\":3,\"clock\":{{\"base\":1,{}}},\"assessment\":{{}}}}",
            keys.join(",")
        );
        assert!(matches!(
            decode_record("budmm.a.a1", &raw),
            Err(RecordError::Unreadable(_))
        ));
    }

    // --- Properties: two tabs edit copies of a common base, in any order. ---

    /// One edit a user can make, at a moment in time, in one of two tabs.
    #[derive(Debug, Clone)]
    enum Op {
        Level(usize, Option<u8>),
        Target(usize, Option<u8>),
        Notes(usize, String),
        Place(String),
        AddItem(u8, String),
        EditItem(u8, String),
        RemoveItem(u8),
    }

    fn arb_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..5, proptest::option::of(1u8..=5)).prop_map(|(c, l)| Op::Level(c, l)),
            (0usize..5, proptest::option::of(1u8..=5)).prop_map(|(c, l)| Op::Target(c, l)),
            (0usize..5, "[a-z ]{0,8}").prop_map(|(c, n)| Op::Notes(c, n)),
            "[A-Z][a-z]{1,6}".prop_map(Op::Place),
            (0u8..4, "[a-z]{1,6}").prop_map(|(i, w)| Op::AddItem(i, w)),
            (0u8..4, "[a-z]{1,6}").prop_map(|(i, w)| Op::EditItem(i, w)),
            (0u8..4).prop_map(Op::RemoveItem),
        ]
    }

    /// Applies `op`; returns the field key it wrote, if it changed anything.
    fn apply(e: &mut Entry, op: &Op, now: u64) {
        let c = |i: usize| builtin().competencies[i].id.clone();
        edit(e, now, |a| match op {
            Op::Level(i, l) => a.edit_rating(&c(*i), |r| r.level = l.and_then(Level::new)),
            Op::Target(i, l) => a.edit_rating(&c(*i), |r| r.target = l.and_then(Level::new)),
            Op::Notes(i, n) => a.edit_rating(&c(*i), |r| r.notes = n.clone()),
            Op::Place(p) => a.place = p.clone(),
            Op::AddItem(i, w) => {
                let id = format!("p{i}");
                if !a.plan.iter().any(|p| p.id == id) {
                    a.plan.push(PlanItem {
                        id,
                        competency: c(0),
                        what: w.clone(),
                        ..Default::default()
                    });
                }
            }
            Op::EditItem(i, w) => {
                if let Some(p) = a.plan.iter_mut().find(|p| p.id == format!("p{i}")) {
                    p.what = w.clone();
                }
            }
            Op::RemoveItem(i) => a.plan.retain(|p| p.id != format!("p{i}")),
        });
    }

    /// Every field's value, for comparing two results whatever the order of
    /// the plan's items.
    fn fields(a: &Assessment) -> Vec<(String, String)> {
        let mut keys = field_keys(a);
        keys.sort();
        keys.into_iter()
            .map(|k| {
                let v = Field::parse(&k).map(|f| f.value(a)).unwrap_or_default();
                (k, v)
            })
            .collect()
    }

    proptest! {
        /// Two tabs edit their own copies of one assessment, at distinct
        /// times; whichever saves first, the merge holds, for every field,
        /// the value of the latest edit that changed that field in either
        /// tab, and the base value where neither changed it.
        #[test]
        fn every_field_holds_its_latest_edit(ops in proptest::collection::vec((any::<bool>(), arb_op()), 0..24)) {
            let (mut a, mut b) = (base(), base());
            let mut latest: Vec<(String, String)> = fields(&base().assessment);
            let mut written: Vec<String> = Vec::new();
            for (i, (in_a, op)) in ops.iter().enumerate() {
                let tab = if *in_a { &mut a } else { &mut b };
                let before = tab.assessment.clone();
                apply(tab, op, 1000 + i as u64 * 10);
                let mut keys = field_keys(&before);
                keys.extend(field_keys(&tab.assessment));
                for key in keys {
                    let f = Field::parse(&key).unwrap();
                    let now = f.value(&tab.assessment);
                    if f.value(&before) != now {
                        latest.retain(|(k, _)| *k != key);
                        latest.push((key.clone(), now));
                        written.push(key);
                    }
                }
            }
            let ab = merge(&a, &b);
            let ba = merge(&b, &a);
            prop_assert_eq!(fields(&ab.assessment), fields(&ba.assessment));
            prop_assert_eq!(ab.clock.latest(), ba.clock.latest());
            for (key, value) in &latest {
                let f = Field::parse(key).unwrap();
                prop_assert_eq!(&f.value(&ab.assessment), value, "field {}", key);
            }
            // Nothing appears that no edit wrote.
            for (key, _) in fields(&ab.assessment) {
                prop_assert!(latest.iter().any(|(k, _)| *k == key), "unexpected field {}", key);
            }
            // Idempotent: merging again changes nothing.
            prop_assert_eq!(merge(&ab, &ab).assessment, ab.assessment.clone());
            prop_assert_eq!(fields(&merge(&ab, &a).assessment), fields(&ab.assessment));
            let _ = written;
        }

        /// Three copies merge to the same content in any grouping.
        #[test]
        fn merge_is_associative(ops in proptest::collection::vec((0u8..3, arb_op()), 0..18)) {
            let mut copies = [base(), base(), base()];
            for (i, (who, op)) in ops.iter().enumerate() {
                apply(&mut copies[*who as usize], op, 1000 + i as u64);
            }
            let [x, y, z] = &copies;
            let left = merge(&merge(x, y), z);
            let right = merge(x, &merge(y, z));
            prop_assert_eq!(fields(&left.assessment), fields(&right.assessment));
        }

        #[test]
        fn decode_record_never_panics(raw in "\\PC{0,300}") {
            let _ = decode_record("budmm.a.a1", &raw);
        }

        /// Another device's clock, anywhere from far behind to far ahead:
        /// what this device reads never holds a time beyond its own now
        /// plus the tolerance, and a restore always brings the assessment
        /// back, later than the deletion it replaces.
        #[test]
        fn skewed_clocks_never_outrank_now_and_a_restore_always_wins(
            ops in proptest::collection::vec(arb_op(), 0..8),
            skew in prop_oneof![Just(0i64), -10_000_000i64..10_000_000, Just(30 * 86_400_000i64), Just(i64::MAX / 4)],
            deleted_skew in prop_oneof![Just(0i64), 0i64..60_000_000, Just(30 * 86_400_000i64), Just(i64::MAX / 4)],
        ) {
            let now: u64 = 1_800_000_000_000;
            let at = |d: i64| (now as i64).saturating_add(d).max(0) as u64;
            let mut theirs = base();
            for (i, op) in ops.iter().enumerate() {
                apply(&mut theirs, op, at(skew) + i as u64);
            }
            let limit = now + CLOCK_TOLERANCE_MS;
            let settled = Record::Live(theirs.clone()).settle(now);
            let Record::Live(e) = &settled else { unreachable!() };
            prop_assert!(e.clock.latest() <= limit);
            prop_assert!(e.clock.keys().all(|k| e.clock.get(k) <= limit));
            prop_assert!(e.assessment.updated_ms <= limit);
            prop_assert_eq!(fields(&e.assessment), fields(&theirs.assessment), "only times change");

            let deletion = Record::Deleted { at_ms: at(deleted_skew) }.settle(now);
            prop_assert!(deletion.latest() <= limit);
            // Forgotten like any deletion made now, once its days are over.
            prop_assert!(deletion.expired(now + (TOMBSTONE_DAYS + 1) * crate::domain::storage::backup::DAY_MS));

            let mine = Record::Live(Entry::new(base().assessment, now));
            match resolve(&mine, &deletion, true) {
                Record::Live(back) => {
                    prop_assert!(back.clock.latest() > deletion.latest());
                    prop_assert_eq!(fields(&back.assessment), fields(&base().assessment));
                }
                Record::Deleted { .. } => prop_assert!(false, "a restore lost to a deletion"),
            }
        }
    }

    #[test]
    fn without_a_restore_a_later_deletion_still_wins() {
        let mine = Record::Live(Entry::new(base().assessment, 1_000));
        let gone = Record::Deleted { at_ms: 2_000 };
        assert_eq!(resolve(&mine, &gone, false), gone);
        assert!(!gone.expired(2_000 + TOMBSTONE_DAYS * crate::domain::storage::backup::DAY_MS));
    }
}
