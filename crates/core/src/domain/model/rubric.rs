//! The maturity model as data. The rubric file is embedded at compile time and
//! validated here, so the rest of the app can rely on its shape.

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

/// How many levels and competencies the model has. The model is fixed by the
/// note; a rubric file with another shape is rejected rather than half-shown.
pub const LEVELS: usize = 5;
pub const COMPETENCIES: usize = 5;

const RUBRIC_FORMAT: &str = "budmm-rubric";
#[cfg(all(test, not(target_arch = "wasm32")))]
const BUILTIN_JSON: &str =
    include_str!("../../../../../rubric/big-urban-data-maturity-model.en.json");

/// A maturity level, 1 (ad hoc) to 5 (optimizing). Invalid numbers cannot be
/// constructed, so a level read from storage or a link is always in range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(try_from = "u8", into = "u8"))]
pub struct Level(u8);

impl Level {
    pub const MIN: Level = Level(1);
    pub const MAX: Level = Level(LEVELS as u8);

    pub fn new(n: u8) -> Option<Level> {
        (1..=LEVELS as u8).contains(&n).then_some(Level(n))
    }
    pub fn get(self) -> u8 {
        self.0
    }
    /// Zero-based position, for indexing descriptor lists.
    pub fn index(self) -> usize {
        usize::from(self.0 - 1)
    }
    pub fn next(self) -> Option<Level> {
        Level::new(self.0 + 1)
    }
    pub fn all() -> impl DoubleEndedIterator<Item = Level> + Clone {
        (1..=LEVELS as u8).map(Level)
    }
}

impl Level {
    /// A level as written in JSON: a whole number 1 to 5.
    pub fn from_json(v: &crate::domain::formats::json::Json) -> Option<Level> {
        Level::new(u8::try_from(v.u64()?).ok()?)
    }
}

impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Level::new(n).ok_or_else(|| format!("level {n} is outside 1..={LEVELS}"))
    }
}

impl From<Level> for u8 {
    fn from(l: Level) -> u8 {
        l.0
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Source {
    pub authors: String,
    pub work: String,
    pub publisher: String,
    pub series: String,
    pub date: String,
    pub licence: String,
    pub licence_url: String,
    pub quoted: String,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct LevelInfo {
    pub level: u8,
    pub name: String,
    pub smart_city_degree: String,
    pub meaning: String,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Competency {
    pub id: String,
    pub title: String,
    pub other_name: String,
    pub definition: String,
    /// One descriptor per level, level 1 first.
    pub descriptors: Vec<String>,
}

impl Competency {
    pub fn descriptor(&self, level: Level) -> &str {
        self.descriptors
            .get(level.index())
            .map(String::as_str)
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Rubric {
    pub format: String,
    pub id: String,
    /// A short form of `id` for share links, where every character counts.
    pub short_id: String,
    pub version: String,
    pub language: String,
    pub title: String,
    pub source: Source,
    pub levels: Vec<LevelInfo>,
    pub competencies: Vec<Competency>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RubricError {
    #[error("the rubric file is not valid JSON for a rubric: {0}")]
    Parse(String),
    #[error("the rubric file has format {0:?}, expected {RUBRIC_FORMAT:?}")]
    Format(String),
    #[error("the rubric has {0} levels, expected {LEVELS}")]
    LevelCount(usize),
    #[error(
        "level at position {position} is numbered {found}; levels must run 1 to {LEVELS} in order"
    )]
    LevelOrder { position: usize, found: u8 },
    #[error("the rubric has {0} competencies, expected {COMPETENCIES}")]
    CompetencyCount(usize),
    #[error("competency {competency:?} has {found} descriptors, expected {LEVELS}")]
    DescriptorCount { competency: String, found: usize },
    #[error("competency id {0:?} appears more than once")]
    DuplicateId(String),
    #[error("id {0:?} must be lowercase letters, digits and dashes")]
    BadId(String),
    #[error("{0} is empty")]
    EmptyText(String),
}

impl Rubric {
    /// Reads and checks a rubric file. The app's own rubric is turned into
    /// Rust at build time (build.rs); this reads it for the tests that check
    /// the two agree, and for checking a changed rubric file.
    #[cfg(test)]
    pub fn parse(json: &str) -> Result<Rubric, RubricError> {
        let rubric: Rubric =
            serde_json::from_str(json).map_err(|e| RubricError::Parse(e.to_string()))?;
        rubric.validate()?;
        Ok(rubric)
    }

    pub fn validate(&self) -> Result<(), RubricError> {
        if self.format != RUBRIC_FORMAT {
            return Err(RubricError::Format(self.format.clone()));
        }
        let required = [
            ("rubric id", &self.id),
            ("rubric version", &self.version),
            ("rubric language", &self.language),
            ("rubric title", &self.title),
            ("source authors", &self.source.authors),
            ("source work", &self.source.work),
            ("source publisher", &self.source.publisher),
            ("source licence", &self.source.licence),
        ];
        for (what, text) in required {
            non_empty(what, text)?;
        }
        if self.levels.len() != LEVELS {
            return Err(RubricError::LevelCount(self.levels.len()));
        }
        for (position, level) in self.levels.iter().enumerate() {
            if usize::from(level.level) != position + 1 {
                return Err(RubricError::LevelOrder {
                    position,
                    found: level.level,
                });
            }
            non_empty(&format!("level {} name", level.level), &level.name)?;
            non_empty(&format!("level {} meaning", level.level), &level.meaning)?;
        }
        if !is_slug(&self.short_id) || !is_slug(&self.id) {
            return Err(RubricError::BadId(format!(
                "{} / {}",
                self.id, self.short_id
            )));
        }
        if self.competencies.len() != COMPETENCIES {
            return Err(RubricError::CompetencyCount(self.competencies.len()));
        }
        let mut seen = HashSet::new();
        for c in &self.competencies {
            if !is_slug(&c.id) {
                return Err(RubricError::BadId(c.id.clone()));
            }
            if !seen.insert(c.id.as_str()) {
                return Err(RubricError::DuplicateId(c.id.clone()));
            }
            non_empty(&format!("title of {}", c.id), &c.title)?;
            non_empty(&format!("definition of {}", c.id), &c.definition)?;
            if c.descriptors.len() != LEVELS {
                return Err(RubricError::DescriptorCount {
                    competency: c.id.clone(),
                    found: c.descriptors.len(),
                });
            }
            for (i, d) in c.descriptors.iter().enumerate() {
                non_empty(&format!("descriptor {} of {}", i + 1, c.id), d)?;
            }
        }
        Ok(())
    }

    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id == id)
    }

    pub fn level(&self, level: Level) -> &LevelInfo {
        // validate() guarantees exactly LEVELS entries in order.
        &self.levels[level.index()]
    }
}

/// The rubric shipped inside the app: the JSON in `rubric/`, turned into
/// Rust by build.rs. It is part of the binary, not input, and the tests below
/// check it is valid and equal to the parsed file.
pub fn builtin() -> &'static Rubric {
    static RUBRIC: OnceLock<Rubric> = OnceLock::new();
    RUBRIC.get_or_init(|| include!(concat!(env!("OUT_DIR"), "/builtin_rubric.rs")))
}

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn non_empty(what: &str, text: &str) -> Result<(), RubricError> {
    if text.trim().is_empty() {
        Err(RubricError::EmptyText(what.to_string()))
    } else {
        Ok(())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn builtin_value() -> serde_json::Value {
        serde_json::from_str(BUILTIN_JSON).unwrap()
    }

    #[test]
    fn generated_rubric_equals_the_parsed_file() {
        assert_eq!(Rubric::parse(BUILTIN_JSON).as_ref(), Ok(builtin()));
    }

    #[test]
    fn builtin_rubric_is_five_by_five_and_valid() {
        let r = builtin();
        assert_eq!(r.validate(), Ok(()));
        assert_eq!(r.levels.len(), 5);
        assert_eq!(r.competencies.len(), 5);
        for c in &r.competencies {
            assert_eq!(c.descriptors.len(), 5, "{}", c.id);
        }
        let levels: Vec<u8> = r.levels.iter().map(|l| l.level).collect();
        assert_eq!(levels, vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn builtin_rubric_has_the_five_competencies_of_the_note_in_order() {
        let ids: Vec<&str> = builtin()
            .competencies
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "open-data",
                "data-ecosystems",
                "analytics",
                "decision-making",
                "public-services"
            ]
        );
    }

    #[test]
    fn descriptors_are_quoted_exactly_from_the_note() {
        // Spot checks against the raw text of Table 1, including its typography.
        let r = builtin();
        let c = |id: &str| r.competency(id).unwrap();
        assert_eq!(
            c("open-data").descriptor(Level::MIN),
            "Data sharing enabled through scattershot regulations and departmental policy."
        );
        assert!(c("data-ecosystems")
            .descriptor(Level::new(4).unwrap())
            .starts_with("Most useful data is “big”;"));
        assert!(c("analytics")
            .descriptor(Level::new(2).unwrap())
            .ends_with("in the organization’s operations."));
        assert_eq!(
            c("public-services").descriptor(Level::MAX),
            "Citizen-driven vision and governance innovation agenda; open-innovation platforms for data-driven public services; shared data-enabled governance."
        );
    }

    #[test]
    fn level_names_follow_the_note() {
        let names: Vec<&str> = builtin().levels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ad hoc", "Basic", "Intermediate", "Advanced", "Optimizing"]
        );
    }

    #[test]
    fn wrong_level_count_is_rejected() {
        let mut v = builtin_value();
        v["levels"].as_array_mut().unwrap().pop();
        let err = Rubric::parse(&v.to_string()).unwrap_err();
        assert_eq!(err, RubricError::LevelCount(4));
    }

    #[test]
    fn levels_out_of_order_are_rejected() {
        let mut v = builtin_value();
        v["levels"][1]["level"] = 3.into();
        let err = Rubric::parse(&v.to_string()).unwrap_err();
        assert!(matches!(
            err,
            RubricError::LevelOrder {
                position: 1,
                found: 3
            }
        ));
    }

    #[test]
    fn duplicate_competency_ids_are_rejected() {
        let mut v = builtin_value();
        v["competencies"][2]["id"] = "open-data".into();
        let err = Rubric::parse(&v.to_string()).unwrap_err();
        assert_eq!(err, RubricError::DuplicateId("open-data".into()));
    }

    #[test]
    fn empty_descriptor_is_rejected() {
        let mut v = builtin_value();
        v["competencies"][3]["descriptors"][4] = "  ".into();
        let err = Rubric::parse(&v.to_string()).unwrap_err();
        assert!(matches!(err, RubricError::EmptyText(_)), "{err:?}");
    }

    #[test]
    fn missing_descriptor_is_rejected() {
        let mut v = builtin_value();
        v["competencies"][0]["descriptors"]
            .as_array_mut()
            .unwrap()
            .pop();
        let err = Rubric::parse(&v.to_string()).unwrap_err();
        assert!(matches!(err, RubricError::DescriptorCount { found: 4, .. }));
    }

    #[test]
    fn six_competencies_are_rejected() {
        let mut v = builtin_value();
        let mut extra = v["competencies"][0].clone();
        extra["id"] = "extra".into();
        v["competencies"].as_array_mut().unwrap().push(extra);
        assert_eq!(
            Rubric::parse(&v.to_string()).unwrap_err(),
            RubricError::CompetencyCount(6)
        );
    }

    #[test]
    fn level_rejects_out_of_range_numbers() {
        assert!(Level::new(0).is_none());
        assert!(Level::new(6).is_none());
        assert_eq!(Level::new(3).map(Level::get), Some(3));
        assert!(serde_json::from_str::<Level>("7").is_err());
        assert!(serde_json::from_str::<Level>("-1").is_err());
        assert_eq!(serde_json::from_str::<Level>("5").unwrap(), Level::MAX);
    }
}
