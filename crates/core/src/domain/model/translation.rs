//! Official translations of the rubric. The licence of the IDB note forbids
//! shipping our own translation of the descriptors, but the IDB publishes
//! editions in other languages (a Spanish one exists). Such an edition can be
//! added as `rubric/<name>.<lang>.json` in this format, with no code change:
//! build.rs embeds every such file, and it is used once it validates against
//! the English rubric it translates.

use crate::domain::model::rubric::{Rubric, COMPETENCIES, LEVELS};
use std::sync::OnceLock;

pub const TRANSLATION_FORMAT: &str = "budmm-rubric-translation";

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct TranslationOf {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct TranslatedCompetency {
    pub id: String,
    pub title: String,
    pub definition: String,
    /// One per level, level 1 first, as published.
    pub descriptors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct RubricTranslation {
    pub format: String,
    pub translation_of: TranslationOf,
    /// A language tag such as `es`.
    pub language: String,
    /// Must be true: only the publisher's own translations may be used.
    pub official: bool,
    /// The translated edition, cited in full.
    pub source: String,
    /// Level names, level 1 first.
    pub levels: Vec<String>,
    pub competencies: Vec<TranslatedCompetency>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TranslationError {
    #[error("not a rubric translation file: {0}")]
    Parse(String),
    #[error("format {0:?}, expected {TRANSLATION_FORMAT:?}")]
    Format(String),
    #[error("not marked as an official translation; our own translations may not be shipped")]
    NotOfficial,
    #[error("translates {0}, not the built-in rubric")]
    OtherRubric(String),
    #[error("language tag {0:?} is not a plain tag such as \"es\"")]
    Language(String),
    #[error("{0} level names, expected {LEVELS}")]
    Levels(usize),
    #[error("the competencies are not the rubric's five, in order")]
    Competencies,
    #[error("competency {0} needs {LEVELS} descriptors")]
    Descriptors(String),
    #[error("empty text in {0}")]
    Empty(String),
}

impl RubricTranslation {
    pub fn parse(text: &str) -> Result<RubricTranslation, TranslationError> {
        use crate::domain::formats::json::{self, strings, Json};
        let parse_error = || TranslationError::Parse("not a translation file".into());
        let v = json::parse(text).map_err(|_| parse_error())?;
        let text = |v: &Json, k: &str| v.get(k).and_then(Json::str).map(str::to_string);
        let read = || -> Option<RubricTranslation> {
            let of = v.get("translation_of")?;
            Some(RubricTranslation {
                format: text(&v, "format")?,
                translation_of: TranslationOf {
                    id: text(of, "id")?,
                    version: text(of, "version")?,
                },
                language: text(&v, "language")?,
                official: v.get("official")?.bool()?,
                source: text(&v, "source")?,
                levels: strings(v.get("levels")?)?,
                competencies: v
                    .get("competencies")?
                    .arr()?
                    .iter()
                    .map(|c| {
                        Some(TranslatedCompetency {
                            id: text(c, "id")?,
                            title: text(c, "title")?,
                            definition: text(c, "definition")?,
                            descriptors: strings(c.get("descriptors")?)?,
                        })
                    })
                    .collect::<Option<Vec<_>>>()?,
            })
        };
        read().ok_or_else(parse_error)
    }

    /// Checks that this translates `base` completely: every competency in
    /// order, every level, no empty text.
    pub fn validate(&self, base: &Rubric) -> Result<(), TranslationError> {
        use TranslationError as E;
        if self.format != TRANSLATION_FORMAT {
            return Err(E::Format(self.format.clone()));
        }
        if !self.official {
            return Err(E::NotOfficial);
        }
        let of = &self.translation_of;
        if of.id != base.id || of.version != base.version {
            return Err(E::OtherRubric(format!("{} {}", of.id, of.version)));
        }
        let lang_ok = (2..=3).contains(&self.language.len())
            && self.language.bytes().all(|b| b.is_ascii_lowercase());
        if !lang_ok {
            return Err(E::Language(self.language.clone()));
        }
        if self.levels.len() != LEVELS {
            return Err(E::Levels(self.levels.len()));
        }
        let ids = self.competencies.iter().map(|c| c.id.as_str());
        if self.competencies.len() != COMPETENCIES
            || !ids.eq(base.competencies.iter().map(|c| c.id.as_str()))
        {
            return Err(E::Competencies);
        }
        for c in &self.competencies {
            if c.descriptors.len() != LEVELS {
                return Err(E::Descriptors(c.id.clone()));
            }
            let texts = [&c.title, &c.definition].into_iter().chain(&c.descriptors);
            if texts.into_iter().any(|t| t.trim().is_empty()) {
                return Err(E::Empty(c.id.clone()));
            }
        }
        if self.source.trim().is_empty() || self.levels.iter().any(|l| l.trim().is_empty()) {
            return Err(E::Empty("source or levels".into()));
        }
        Ok(())
    }

    pub fn competency(&self, id: &str) -> Option<&TranslatedCompetency> {
        self.competencies.iter().find(|c| c.id == id)
    }
}

/// The official translations shipped in `rubric/`, each checked against the
/// built-in rubric; one that fails is left out (and fails the tests).
pub fn builtin_translations() -> &'static [RubricTranslation] {
    static ALL: OnceLock<Vec<RubricTranslation>> = OnceLock::new();
    ALL.get_or_init(|| {
        let files: &[&str] = include!(concat!(env!("OUT_DIR"), "/rubric_translations.rs"));
        files
            .iter()
            .filter_map(|json| RubricTranslation::parse(json).ok())
            .filter(|t| t.validate(crate::domain::model::rubric::builtin()).is_ok())
            .collect()
    })
}

/// The official translation for a UI language, if one is shipped.
pub fn for_language(lang: &str) -> Option<&'static RubricTranslation> {
    builtin_translations().iter().find(|t| t.language == lang)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::model::rubric::builtin;

    /// A made-up language: the format and checks, without shipping a
    /// translation we may not publish.
    const FIXTURE: &str = include_str!("../../../../../tests/fixtures/rubric-translation.xx.json");

    #[test]
    fn an_official_translation_file_validates() {
        let t = RubricTranslation::parse(FIXTURE).unwrap();
        assert_eq!(t.validate(builtin()), Ok(()));
        assert_eq!(t.competency("analytics").unwrap().descriptors.len(), LEVELS);
    }

    #[test]
    fn incomplete_or_unofficial_translations_are_refused() {
        let base = RubricTranslation::parse(FIXTURE).unwrap();
        let check = |f: &dyn Fn(&mut RubricTranslation)| {
            let mut t = base.clone();
            f(&mut t);
            t.validate(builtin())
        };
        assert_eq!(
            check(&|t| t.official = false),
            Err(TranslationError::NotOfficial)
        );
        assert!(matches!(
            check(&|t| t.translation_of.version = "2030".into()),
            Err(TranslationError::OtherRubric(_))
        ));
        assert_eq!(
            check(&|t| {
                t.levels.pop();
            }),
            Err(TranslationError::Levels(4))
        );
        assert_eq!(
            check(&|t| t.competencies.swap(0, 1)),
            Err(TranslationError::Competencies)
        );
        assert_eq!(
            check(&|t| {
                t.competencies[2].descriptors.pop();
            }),
            Err(TranslationError::Descriptors("analytics".into()))
        );
        assert_eq!(
            check(&|t| t.competencies[0].title = " ".into()),
            Err(TranslationError::Empty("open-data".into()))
        );
        assert!(matches!(
            check(&|t| t.language = "ES-mx".into()),
            Err(TranslationError::Language(_))
        ));
        assert!(matches!(
            RubricTranslation::parse("{\"format\": 1}"),
            Err(TranslationError::Parse(_))
        ));
    }

    #[test]
    fn every_shipped_translation_is_valid() {
        let dir = format!("{}/../../rubric", env!("CARGO_MANIFEST_DIR"));
        let mut files = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".json") && !name.ends_with(".en.json") {
                files += 1;
                let t = RubricTranslation::parse(&std::fs::read_to_string(&path).unwrap());
                assert_eq!(t.and_then(|t| t.validate(builtin())), Ok(()), "{name}");
            }
        }
        assert_eq!(builtin_translations().len(), files);
    }
}
