//! One self-assessment of a city, or of one initiative in it, against a rubric.

use crate::domain::formats::json::{self, Json, JsonError, ObjWriter};
use crate::domain::model::action::{PlanItem, MAX_ACTIONS};
use crate::domain::model::guided::Guided;
use crate::domain::model::rubric::{Level, Rubric};

pub use crate::domain::date::IsoDate;
pub use crate::domain::limits::{MAX_FIELD_CHARS, MAX_NOTES_CHARS};

/// What is assessed. The note uses the model both for a whole city and to
/// judge whether one initiative had narrow or broad impact.
///
/// Stored as `{"kind": "city"}` or `{"kind": "initiative", "name": …}`, read
/// through a plain struct: serde's internally tagged enums buffer their input
/// in generic code that would weigh kilobytes in the wasm.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(try_from = "SubjectRepr", into = "SubjectRepr"))]
pub enum Subject {
    City,
    Initiative { name: String },
}

#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
struct SubjectRepr {
    kind: String,
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    name: Option<String>,
}

impl TryFrom<SubjectRepr> for Subject {
    type Error = String;
    fn try_from(r: SubjectRepr) -> Result<Self, Self::Error> {
        match (r.kind.as_str(), r.name) {
            ("city", _) => Ok(Subject::City),
            ("initiative", Some(name)) => Ok(Subject::Initiative { name }),
            (kind, _) => Err(format!("unknown subject {kind:?}")),
        }
    }
}

impl From<Subject> for SubjectRepr {
    fn from(s: Subject) -> SubjectRepr {
        match s {
            Subject::City => SubjectRepr {
                kind: "city".into(),
                name: None,
            },
            Subject::Initiative { name } => SubjectRepr {
                kind: "initiative".into(),
                name: Some(name),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct RubricRef {
    pub id: String,
    pub version: String,
}

impl RubricRef {
    pub fn of(rubric: &Rubric) -> RubricRef {
        RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
        }
    }
}

/// The answer for one competency. Every part is optional: an assessment can be
/// saved and viewed at any stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Rating {
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub level: Option<Level>,
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub target: Option<Level>,
    #[cfg_attr(test, serde(default, skip_serializing_if = "String::is_empty"))]
    pub notes: String,
    /// Guided-mode answers, when the user used it (schema 2).
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub guided: Option<Guided>,
    /// The level came from the earlier assessment this one re-assesses and
    /// the user has not yet confirmed or changed it: last year's answer,
    /// not this year's.
    #[cfg_attr(test, serde(default, skip_serializing_if = "std::ops::Not::not"))]
    pub carried: bool,
}

impl Rating {
    pub fn is_empty(&self) -> bool {
        self.level.is_none()
            && self.target.is_none()
            && self.notes.is_empty()
            && self.guided.is_none()
            && !self.carried
    }
}

/// Ratings keyed by competency id, in id order; stored as a JSON object. A
/// sorted vector rather than a `BTreeMap`: there are five, and the map's code
/// would weigh several kilobytes in the wasm.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ratings(Vec<(String, Rating)>);

impl Ratings {
    fn find(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }
    pub fn get(&self, id: &str) -> Option<&Rating> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }
    /// The rating for `id`, created empty if missing.
    pub fn entry(&mut self, id: &str) -> &mut Rating {
        let i = match self.find(id) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (id.to_string(), Rating::default()));
                i
            }
        };
        &mut self.0[i].1
    }
    pub fn remove(&mut self, id: &str) {
        if let Ok(i) = self.find(id) {
            self.0.remove(i);
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn values(&self) -> impl Iterator<Item = &Rating> {
        self.0.iter().map(|(_, r)| r)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Rating)> {
        self.0.iter().map(|(k, r)| (k.as_str(), r))
    }
    fn values_mut(&mut self) -> impl Iterator<Item = &mut Rating> {
        self.0.iter_mut().map(|(_, r)| r)
    }
}

/// More competencies than any rubric has; ratings keep ids the rubric does
/// not know, but a value with more than this many is not ours.
pub const MAX_RATINGS: usize = 32;

#[cfg(test)]
impl serde::Serialize for Ratings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
impl<'de> serde::Deserialize<'de> for Ratings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{MapAccess, Visitor};
        use std::fmt;
        struct RatingsVisitor;
        impl<'de> Visitor<'de> for RatingsVisitor {
            type Value = Ratings;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ratings by competency id")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ratings, A::Error> {
                let mut read: Vec<(String, Rating)> = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Rating>()? {
                    if read.len() == MAX_RATINGS {
                        return Err(serde::de::Error::custom("more ratings than competencies"));
                    }
                    read.push((k, v));
                }
                // Sorted once: inserting in order one by one is quadratic
                // for keys that arrive in reverse. Of repeated keys the last
                // one wins, as in any JSON object.
                read.reverse();
                crate::domain::order::sort_by(&mut read, |a, b| a.0.cmp(&b.0));
                read.dedup_by(|later, first| later.0 == first.0);
                Ok(Ratings(read))
            }
        }
        d.deserialize_map(RatingsVisitor)
    }
}

/// The parts of an assessment a user types in before rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub subject: Subject,
    pub place: String,
    pub date: String,
    pub assessor: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsProblem {
    PlaceMissing,
    InitiativeNameMissing,
    DateInvalid,
    TooLong,
}

impl Details {
    /// Checks what a user typed; returns every problem at once so the form can
    /// show them all.
    pub fn problems(&self) -> Vec<DetailsProblem> {
        let mut out = Vec::new();
        if self.place.trim().is_empty() {
            out.push(DetailsProblem::PlaceMissing);
        }
        if let Subject::Initiative { name } = &self.subject {
            if name.trim().is_empty() {
                out.push(DetailsProblem::InitiativeNameMissing);
            }
        }
        if IsoDate::parse(self.date.trim()).is_none() {
            out.push(DetailsProblem::DateInvalid);
        }
        let name_len = match &self.subject {
            Subject::Initiative { name } => name.chars().count(),
            Subject::City => 0,
        };
        if [
            name_len,
            self.place.chars().count(),
            self.assessor.chars().count(),
        ]
        .iter()
        .any(|&n| n > MAX_FIELD_CHARS)
        {
            out.push(DetailsProblem::TooLong);
        }
        out
    }
}

// Eq, so that comparing two `Rc<Assessment>` (the store's, the props')
// compares pointers first.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Assessment {
    pub id: String,
    pub subject: Subject,
    pub place: String,
    pub date: IsoDate,
    #[cfg_attr(test, serde(default, skip_serializing_if = "String::is_empty"))]
    pub assessor: String,
    pub rubric: RubricRef,
    /// Keyed by competency id. Ids the rubric does not know are kept, not
    /// dropped, so nothing a user wrote is lost by a rubric change.
    #[cfg_attr(test, serde(default))]
    pub ratings: Ratings,
    /// The action plan (schema 2); older data has none.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub plan: Vec<PlanItem>,
    /// For an assessment the group agreed from several respondents' views:
    /// how many there were (schema 2).
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub respondents: Option<u32>,
    pub created_ms: u64,
    pub updated_ms: u64,
}

impl Assessment {
    /// Builds an assessment from checked details; `None` when they have problems.
    pub fn new(id: String, details: &Details, rubric: &Rubric, now_ms: u64) -> Option<Assessment> {
        if !details.problems().is_empty() {
            return None;
        }
        let mut a = Assessment {
            id,
            subject: Subject::City,
            place: String::new(),
            date: IsoDate::parse(details.date.trim())?,
            assessor: String::new(),
            rubric: RubricRef::of(rubric),
            ratings: Ratings::default(),
            plan: Vec::new(),
            respondents: None,
            created_ms: now_ms,
            updated_ms: now_ms,
        };
        a.set_details(details);
        Some(a)
    }

    /// Applies checked details; returns false (and changes nothing) when they have problems.
    pub fn set_details(&mut self, details: &Details) -> bool {
        let Some(date) = details
            .problems()
            .is_empty()
            .then(|| IsoDate::parse(details.date.trim()))
            .flatten()
        else {
            return false;
        };
        self.subject = match &details.subject {
            Subject::City => Subject::City,
            Subject::Initiative { name } => Subject::Initiative {
                name: name.trim().to_string(),
            },
        };
        self.place = details.place.trim().to_string();
        self.assessor = details.assessor.trim().to_string();
        self.date = date;
        true
    }

    pub fn details(&self) -> Details {
        Details {
            subject: self.subject.clone(),
            place: self.place.clone(),
            date: self.date.as_str().to_string(),
            assessor: self.assessor.clone(),
        }
    }

    pub fn rating(&self, competency: &str) -> Option<&Rating> {
        self.ratings.get(competency)
    }

    pub fn level(&self, competency: &str) -> Option<Level> {
        self.rating(competency).and_then(|r| r.level)
    }

    /// Edits one competency's rating, dropping it when it becomes empty so
    /// that "cleared" and "never touched" store the same way.
    pub fn edit_rating(&mut self, competency: &str, edit: impl FnOnce(&mut Rating)) {
        let rating = self.ratings.entry(competency);
        edit(rating);
        if rating.notes.chars().count() > MAX_NOTES_CHARS {
            rating.notes = rating.notes.chars().take(MAX_NOTES_CHARS).collect();
        }
        // Which it was, accepted or overridden, follows from the level chosen.
        let level = rating.level;
        rating.carried &= level.is_some();
        if let Some(g) = &mut rating.guided {
            g.accepted = g.suggested.is_some() && g.suggested == level;
        }
        if rating.is_empty() {
            self.ratings.remove(competency);
        }
    }

    /// The same subject: the same city, or the same initiative in the same
    /// city, whatever the dates; places compare without case or surrounding
    /// spaces. The one rule for "the same subject" (progress, merging,
    /// imports of another version, a shared link like one already here).
    pub fn same_subject(&self, other: &Assessment) -> bool {
        self.subject == other.subject
            && self.place.trim().to_lowercase() == other.place.trim().to_lowercase()
    }

    /// Same answers about the same subject, whatever the device-local id and
    /// timestamps: how a shared or imported copy is recognised.
    pub fn same_content(&self, other: &Assessment) -> bool {
        self.subject == other.subject
            && self.place == other.place
            && self.date == other.date
            && self.assessor == other.assessor
            && self.rubric == other.rubric
            && self.ratings == other.ratings
            && self.plan == other.plan
            && self.respondents == other.respondents
    }

    /// Gives every plan item a usable id: read from outside (or from a
    /// version before ids), an item may have none, a bad one, or a repeated
    /// one. The ids given depend only on the item's position, so every tab
    /// that reads the same data gives the same ids.
    pub fn settle_plan_ids(&mut self) {
        if self.plan.len() > MAX_ACTIONS {
            // Refused by `extras_are_valid`; not worth numbering.
            return;
        }
        let mut seen: Vec<String> = Vec::with_capacity(self.plan.len());
        for i in 0..self.plan.len() {
            let id = &self.plan[i].id;
            if !crate::domain::model::rubric::is_slug(id) || id.len() > 40 || seen.contains(id) {
                let mut fresh = format!("i{}", i + 1);
                let mut n = 1;
                while seen.contains(&fresh) || self.plan[i + 1..].iter().any(|p| p.id == fresh) {
                    n += 1;
                    fresh = format!("i{}-{n}", i + 1);
                }
                self.plan[i].id = fresh;
            }
            seen.push(self.plan[i].id.clone());
        }
    }

    /// Whether the suggestion was accepted follows from the level chosen:
    /// set it so after anything that may have changed one but not the other.
    pub fn settle_guided(&mut self) {
        for r in self.ratings.values_mut() {
            let level = r.level;
            if let Some(g) = &mut r.guided {
                g.suggested = crate::domain::model::guided::suggest(&g.answers).map(|s| s.level);
                g.accepted = g.suggested.is_some() && g.suggested == level;
            }
        }
    }

    /// Cuts notes to the editor's limit; true when any were longer. Read
    /// from outside, notes may be longer than the editor lets anyone type.
    pub fn fit_limits(&mut self) -> bool {
        let mut cut = false;
        for r in self.ratings.values_mut() {
            if r.notes.chars().count() > MAX_NOTES_CHARS {
                r.notes = r.notes.chars().take(MAX_NOTES_CHARS).collect();
                cut = true;
            }
        }
        cut
    }

    /// A hash of `same_content`'s fields, to find copies among thousands
    /// without comparing every pair. Equal content, equal hash.
    pub fn content_hash(&self) -> u64 {
        let mut text = String::new();
        let mut o = ObjWriter::new(&mut text);
        o.with("subject", |out| self.subject.write_json(out))
            .str("place", &self.place)
            .str("date", self.date.as_str())
            .str("assessor", &self.assessor)
            .with("rubric", |out| self.rubric.write_json(out))
            .with("ratings", |out| self.ratings.write_json(out))
            .with("plan", |out| {
                json::write_list(out, &self.plan, |out, p| p.write_json(out))
            });
        if let Some(n) = self.respondents {
            o.num("respondents", n.into());
        }
        o.end();
        // FNV-1a: small, and good enough to spread real assessments.
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    /// Whether everything beyond the details is within bounds: read from
    /// outside, a plan could be anything.
    pub fn extras_are_valid(&self) -> bool {
        self.plan.len() <= MAX_ACTIONS
            && self
                .plan
                .iter()
                .all(|p| p.problems().is_empty() && crate::domain::model::rubric::is_slug(&p.id))
            && self.ratings.values().all(|r| match &r.guided {
                None => true,
                Some(g) => {
                    g.is_valid() && g.accepted == (g.suggested.is_some() && g.suggested == r.level)
                }
            })
    }

    /// A new assessment of the same subject, dated `date`, starting from this
    /// one's answers and its unfinished actions: how a city re-assesses.
    pub fn reassess(&self, id: String, date: IsoDate, now_ms: u64) -> Assessment {
        let mut ratings = self.ratings.clone();
        // Each level stands until the user confirms or changes it.
        for (_, r) in ratings.0.iter_mut() {
            r.carried = r.level.is_some();
        }
        Assessment {
            id,
            date,
            ratings,
            plan: self
                .plan
                .iter()
                .filter(|p| p.status != crate::domain::model::action::Status::Done)
                .cloned()
                .collect(),
            respondents: None,
            created_ms: now_ms,
            updated_ms: now_ms,
            ..self.clone()
        }
    }

    /// Renames the subject (the initiative, or the city for a whole-city
    /// assessment); false when the name is empty or too long.
    pub fn rename(&mut self, name: &str) -> bool {
        let mut d = self.details();
        match &mut d.subject {
            Subject::Initiative { name: n } => *n = name.to_string(),
            Subject::City => d.place = name.to_string(),
        }
        self.set_details(&d)
    }

    /// A one-line title: the initiative name, or the city.
    pub fn title(&self) -> &str {
        match &self.subject {
            Subject::Initiative { name } => name,
            Subject::City => &self.place,
        }
    }
}

// --- JSON: how an assessment is written and read (docs/assessment-json.md).
// The order of members is the documented one; absent optional members are
// left out, as the format has always done.

impl Subject {
    pub fn write_json(&self, out: &mut String) {
        let mut o = ObjWriter::new(out);
        match self {
            Subject::City => {
                o.str("kind", "city");
            }
            Subject::Initiative { name } => {
                o.str("kind", "initiative").str("name", name);
            }
        }
        o.end();
    }

    pub fn from_json(v: &Json) -> Option<Subject> {
        let name = v.opt("name", |n| n.str().map(str::to_string)).ok()?;
        match (v.get("kind")?.str()?, name) {
            ("city", _) => Some(Subject::City),
            ("initiative", Some(name)) => Some(Subject::Initiative { name }),
            _ => None,
        }
    }
}

impl RubricRef {
    fn write_json(&self, out: &mut String) {
        let mut o = ObjWriter::new(out);
        o.str("id", &self.id).str("version", &self.version);
        o.end();
    }

    fn from_json(v: &Json) -> Option<RubricRef> {
        Some(RubricRef {
            id: v.get("id")?.str()?.to_string(),
            version: v.get("version")?.str()?.to_string(),
        })
    }
}

impl Rating {
    pub fn write_json(&self, out: &mut String) {
        let mut o = ObjWriter::new(out);
        if let Some(l) = self.level {
            o.num("level", l.get().into());
        }
        if let Some(l) = self.target {
            o.num("target", l.get().into());
        }
        if !self.notes.is_empty() {
            o.str("notes", &self.notes);
        }
        if let Some(g) = &self.guided {
            o.with("guided", |out| g.write_json(out));
        }
        if self.carried {
            o.bool("carried", true);
        }
        o.end();
    }

    fn from_json(v: &Json) -> Result<Rating, JsonError> {
        if !v.is_obj() {
            return Err(JsonError);
        }
        let level = v.opt("level", Level::from_json)?;
        Ok(Rating {
            level,
            target: v.opt("target", Level::from_json)?,
            notes: v.text_or_empty("notes")?,
            guided: v.opt("guided", Guided::from_json)?,
            // Only with a level: a flag alone says nothing.
            carried: v.opt("carried", Json::bool)?.unwrap_or(false) && level.is_some(),
        })
    }
}

impl Ratings {
    pub fn write_json(&self, out: &mut String) {
        let mut o = ObjWriter::new(out);
        for (k, r) in &self.0 {
            o.with(k, |out| r.write_json(out));
        }
        o.end();
    }

    /// Ratings by competency id: at most `MAX_RATINGS`, sorted once (the
    /// last of repeated ids wins, as in any JSON object).
    fn from_json(v: &Json) -> Result<Ratings, JsonError> {
        let members = v.members().ok_or(JsonError)?;
        if members.len() > MAX_RATINGS {
            return Err(JsonError);
        }
        let mut read = members
            .iter()
            .map(|(k, r)| Ok((k.to_string(), Rating::from_json(r)?)))
            .collect::<Result<Vec<_>, JsonError>>()?;
        read.reverse();
        crate::domain::order::sort_by(&mut read, |a, b| a.0.cmp(&b.0));
        read.dedup_by(|later, first| later.0 == first.0);
        Ok(Ratings(read))
    }
}

impl Assessment {
    pub fn write_json(&self, out: &mut String) {
        let mut o = ObjWriter::new(out);
        o.str("id", &self.id)
            .with("subject", |out| self.subject.write_json(out))
            .str("place", &self.place)
            .str("date", self.date.as_str());
        if !self.assessor.is_empty() {
            o.str("assessor", &self.assessor);
        }
        o.with("rubric", |out| self.rubric.write_json(out))
            .with("ratings", |out| self.ratings.write_json(out));
        if !self.plan.is_empty() {
            o.with("plan", |out| {
                json::write_list(out, &self.plan, |out, p| p.write_json(out))
            });
        }
        if let Some(n) = self.respondents {
            o.num("respondents", n.into());
        }
        o.num("created_ms", self.created_ms)
            .num("updated_ms", self.updated_ms);
        o.end();
    }

    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// Reads one assessment; `None` when any part is not of the format
    /// (the callers then count it as damaged). Limits are checked after.
    pub fn from_json(v: &Json) -> Option<Assessment> {
        let read = || -> Result<Assessment, JsonError> {
            let plan = match v.get("plan") {
                None => Vec::new(),
                Some(p) => {
                    let items = p.arr().ok_or(JsonError)?;
                    if items.len() > MAX_ACTIONS {
                        return Err(JsonError);
                    }
                    items
                        .iter()
                        .map(|i| PlanItem::from_json(i).ok_or(JsonError))
                        .collect::<Result<_, _>>()?
                }
            };
            Ok(Assessment {
                id: v.req("id", |x| x.str().map(str::to_string))?,
                subject: v.req("subject", Subject::from_json)?,
                place: v.req("place", |x| x.str().map(str::to_string))?,
                date: v.req("date", |x| IsoDate::parse(x.str()?))?,
                assessor: v.text_or_empty("assessor")?,
                rubric: v.req("rubric", RubricRef::from_json)?,
                ratings: match v.get("ratings") {
                    None => Ratings::default(),
                    Some(r) => Ratings::from_json(r)?,
                },
                plan,
                respondents: v.opt("respondents", |x| u32::try_from(x.u64()?).ok())?,
                created_ms: v.req("created_ms", Json::u64)?,
                updated_ms: v.req("updated_ms", Json::u64)?,
            })
        };
        read().ok()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::model::rubric::builtin;

    pub(crate) fn details() -> Details {
        Details {
            subject: Subject::City,
            place: "Fortaleza".into(),
            date: "2026-11-27".into(),
            assessor: "".into(),
        }
    }

    #[test]
    fn iso_date_accepts_real_dates_only() {
        assert!(IsoDate::parse("2024-02-29").is_some());
        assert!(IsoDate::parse("2023-02-29").is_none());
        assert!(IsoDate::parse("2026-13-01").is_none());
        assert!(IsoDate::parse("2026-04-31").is_none());
        assert!(IsoDate::parse("26-01-01").is_none());
        assert!(IsoDate::parse("2026-1-011").is_none());
        assert!(IsoDate::parse("2026-+1-01").is_none());
        assert!(IsoDate::parse("２０２６-01-01").is_none());
    }

    #[test]
    fn details_report_every_problem() {
        let d = Details {
            subject: Subject::Initiative { name: " ".into() },
            place: "".into(),
            date: "yesterday".into(),
            assessor: "x".repeat(MAX_FIELD_CHARS + 1),
        };
        assert_eq!(
            d.problems(),
            vec![
                DetailsProblem::PlaceMissing,
                DetailsProblem::InitiativeNameMissing,
                DetailsProblem::DateInvalid,
                DetailsProblem::TooLong
            ]
        );
        assert!(details().problems().is_empty());
    }

    #[test]
    fn new_assessment_trims_and_records_the_rubric() {
        let mut d = details();
        d.place = "  Quito ".into();
        let a = Assessment::new("a1".into(), &d, builtin(), 5).unwrap();
        assert_eq!(a.place, "Quito");
        assert_eq!(a.rubric.id, builtin().id);
        assert_eq!(a.created_ms, 5);
        assert!(a.ratings.is_empty());
    }

    #[test]
    fn invalid_details_do_not_change_an_assessment() {
        let mut a = Assessment::new("a1".into(), &details(), builtin(), 0).unwrap();
        let before = a.clone();
        let mut bad = details();
        bad.date = "2026-02-30".into();
        assert!(!a.set_details(&bad));
        assert_eq!(a, before);
    }

    #[test]
    fn subject_is_stored_with_a_kind() {
        let city = serde_json::to_string(&Subject::City).unwrap();
        assert_eq!(city, r#"{"kind":"city"}"#);
        let i = Subject::Initiative {
            name: "Bike share".into(),
        };
        let json = serde_json::to_string(&i).unwrap();
        assert_eq!(json, r#"{"kind":"initiative","name":"Bike share"}"#);
        assert_eq!(serde_json::from_str::<Subject>(&json).unwrap(), i);
        assert!(serde_json::from_str::<Subject>(r#"{"kind":"initiative"}"#).is_err());
        assert!(serde_json::from_str::<Subject>(r#"{"kind":"village"}"#).is_err());
    }

    #[test]
    fn clearing_a_rating_removes_it() {
        let mut a = Assessment::new("a1".into(), &details(), builtin(), 0).unwrap();
        a.edit_rating("analytics", |r| r.level = Level::new(2));
        assert_eq!(a.level("analytics"), Level::new(2));
        a.edit_rating("analytics", |r| r.level = None);
        assert!(a.ratings.is_empty());
    }

    #[test]
    fn ratings_serialize_as_an_object_in_id_order() {
        let mut r = Ratings::default();
        r.entry("open-data").level = Level::new(2);
        r.entry("analytics").target = Level::new(4);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"analytics":{"target":4},"open-data":{"level":2}}"#
        );
        assert_eq!(serde_json::from_str::<Ratings>(&json).unwrap(), r);
        let unsorted: Ratings =
            serde_json::from_str(r#"{"z":{"level":1},"a":{"level":3}}"#).unwrap();
        assert_eq!(unsorted.get("a").and_then(|x| x.level), Level::new(3));
        assert_eq!(unsorted.get("z").and_then(|x| x.level), Level::new(1));
        assert!(serde_json::from_str::<Ratings>(r#"{"a":{"level":6}}"#).is_err());
    }

    #[test]
    fn notes_are_capped() {
        let mut a = Assessment::new("a1".into(), &details(), builtin(), 0).unwrap();
        a.edit_rating("analytics", |r| r.notes = "é".repeat(MAX_NOTES_CHARS + 10));
        assert_eq!(
            a.rating("analytics").unwrap().notes.chars().count(),
            MAX_NOTES_CHARS
        );
    }
}
