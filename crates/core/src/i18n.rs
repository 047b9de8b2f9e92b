//! The message catalogs: every string the UI shows, except the quoted
//! rubric. Written as data in `i18n/<lang>.json` (English is the reference)
//! and turned into one `Messages` struct and one static per language by
//! build.rs, so a missing or mismatched translation stops the build rather
//! than showing a blank. Placeholders are `{name}`.

use crate::domain::model::rubric::Level;

/// A message about a number of things, in the two forms our languages
/// need (catalog keys ending in `_n`, written `{"one": …, "other": …}`).
#[derive(Debug, Clone, Copy)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

/// One language's messages. English lives in the accessors (generated
/// from `i18n/en.json` by build.rs, one per key), so a page carries only
/// the English text it shows; another language is a table of all its
/// strings in the flat order (compiled in, or fetched and read once).
#[derive(Debug)]
pub struct Messages {
    /// The language's code, such as `es`.
    pub lang: &'static str,
    flat: Option<&'static [&'static str; FLAT_LEN]>,
}

include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

impl Messages {
    /// The string at `at` of this language, or English `en`.
    #[inline]
    fn s(&self, at: usize, en: &'static str) -> &'static str {
        match self.flat {
            Some(f) => f.get(at).copied().unwrap_or(en),
            None => en,
        }
    }

    /// The strings from `at` on, as many as English has.
    #[inline]
    fn table(&self, at: usize, en: &'static [&'static str]) -> &'static [&'static str] {
        match self.flat {
            Some(f) => f.get(at..at + en.len()).unwrap_or(en),
            None => en,
        }
    }

    /// Every string of the catalog in one list, in the flat order.
    #[cfg(any(test, feature = "all-languages"))]
    pub fn to_flat(&self) -> Vec<&'static str> {
        self.flat.unwrap_or(EN_TABLE).to_vec()
    }

    /// A count message with `{n}` filled in, in the form this language uses
    /// for `n`: French and Portuguese say "0 évaluation", English and
    /// Spanish "0 assessments" (the CLDR rules for these four languages).
    pub fn count(&self, message: Plural, n: usize) -> String {
        let one = match self.lang {
            "fr" | "pt" => n <= 1,
            _ => n == 1,
        };
        let form = if one { message.one } else { message.other };
        fill(form, &[("n", &n.to_string())])
    }

    pub fn level_name(&self, level: Level) -> &'static str {
        self.level_names()
            .get(usize::from(level.get()) - 1)
            .copied()
            .unwrap_or_default()
    }

    /// A `YYYY-MM-DD` date written the way this language writes dates; the
    /// text unchanged if it is not such a date.
    pub fn date(&self, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        let month = parts
            .get(1)
            .and_then(|m| m.parse::<usize>().ok())
            .and_then(|m| self.months().get(m.wrapping_sub(1)));
        match (parts.as_slice(), month) {
            ([y, _, d], Some(month)) if y.len() == 4 && d.len() == 2 => {
                // The first of the month has its own form: "1er", "1º".
                let day = match d.trim_start_matches('0') {
                    "1" => self.day_one(),
                    other => other,
                };
                fill(self.date_long(), &[("d", day), ("month", month), ("y", y)])
            }
            _ => iso.to_string(),
        }
    }
}

/// The app's code for a language tag such as `es`, `pt-BR` or `fr-HT`;
/// `None` for a language the app does not have.
pub fn language_of(tag: &str) -> Option<&'static str> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    LANGUAGES
        .iter()
        .map(|(code, _)| *code)
        .find(|code| *code == primary)
}

/// The catalog compiled in for a language tag (English always; the others
/// only where all are compiled in, see `BUILT_IN`).
pub fn for_tag(tag: &str) -> Option<&'static Messages> {
    let code = language_of(tag)?;
    BUILT_IN.iter().copied().find(|m| m.lang == code)
}

/// The first of the user's preferred languages that the app has; English
/// otherwise. A code of `LANGUAGES`.
pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> &'static str {
    preferred
        .into_iter()
        .find_map(language_of)
        .unwrap_or(EN.lang)
}

/// Why a catalog file could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("the catalog is not readable")]
    Unreadable,
    #[error("the catalog belongs to another version of the app")]
    OtherVersion,
    #[error("the catalog is for another language")]
    OtherLanguage,
}

/// The file the web app fetches for a language: every string of its
/// catalog in the flat order, with the catalogs' version.
#[cfg(any(test, feature = "all-languages"))]
pub fn write_flat(m: &Messages) -> String {
    use crate::domain::formats::json::{write_list, write_str, ObjWriter};
    let mut out = String::new();
    let mut o = ObjWriter::new(&mut out);
    o.str("version", CATALOG_VERSION)
        .str("lang", m.lang)
        .with("strings", |out| write_list(out, m.to_flat(), write_str));
    o.end();
    out
}

/// Reads such a file for language `lang`. Its strings live as long as the
/// page (catalogs are loaded once per language, so this is bounded).
pub fn read_flat(lang: &'static str, json: &str) -> Result<Messages, CatalogError> {
    use crate::domain::formats::json::{self, Json};
    let file = json::parse(json).map_err(|_| CatalogError::Unreadable)?;
    let field = |k: &str| file.get(k).and_then(Json::str);
    if field("version") != Some(CATALOG_VERSION) {
        return Err(CatalogError::OtherVersion);
    }
    if field("lang") != Some(lang) {
        return Err(CatalogError::OtherLanguage);
    }
    let strings = file
        .get("strings")
        .and_then(json::strings)
        .ok_or(CatalogError::Unreadable)?;
    // Kept for the page's life: a language is loaded once.
    let strings: Box<[&'static str]> = strings
        .into_iter()
        .map(|s| &*Box::leak(s.into_boxed_str()))
        .collect();
    let table: Box<[&'static str; FLAT_LEN]> =
        strings.try_into().map_err(|_| CatalogError::Unreadable)?;
    if table.get(Messages::LANG_AT) != Some(&lang) {
        return Err(CatalogError::Unreadable);
    }
    Ok(Messages {
        lang,
        flat: Some(Box::leak(table)),
    })
}

/// Catalogs are statics: the same catalog is the same address. (A derived
/// field-by-field comparison would cost wasm size for nothing.)
impl PartialEq for Messages {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Replaces each `{key}` in `template` with its value, in one pass, so a
/// value that itself contains `{…}` (a user's text) is never reinterpreted.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let key = &after[..close];
            args.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (close, *v))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill(
                EN.dated_title(),
                &[("title", "Quito"), ("date", "3 May 2027")]
            ),
            "Quito · 3 May 2027"
        );
    }

    #[test]
    fn counts_take_the_languages_plural_forms() {
        let done = |m: &Messages, n| fill(&m.count(m.progress_count_n(), n), &[("total", "5")]);
        assert_eq!(done(&EN, 3), "3 of 5 competencies assessed");
        assert_eq!(done(&FR, 1), "1 compétence évaluée sur 5");
        assert_eq!(done(&FR, 0), "0 compétence évaluée sur 5");
        assert_eq!(done(&FR, 4), "4 compétences évaluées sur 5");
        for m in BUILT_IN {
            for n in 0..=5 {
                assert!(!done(m, n).contains("(s)"), "{}: {}", m.lang, done(m, n));
            }
        }
    }

    #[test]
    fn fill_does_not_reinterpret_values() {
        // A user's text that looks like a placeholder stays as typed.
        assert_eq!(fill("{a} {b}", &[("a", "{b}"), ("b", "x")]), "{b} x");
        assert_eq!(fill("{unknown} {", &[("a", "1")]), "{unknown} {");
    }

    #[test]
    fn no_message_is_empty() {
        for m in BUILT_IN {
            assert_eq!(m.to_flat().len(), FLAT_LEN);
            assert!(
                m.to_flat().iter().all(|s| !s.trim().is_empty()),
                "an empty message in {}",
                m.lang
            );
        }
    }

    #[test]
    fn english_accessors_and_the_english_table_agree() {
        // The accessors carry English as literals; the table is the same
        // text in the flat order. A Spanish table read back through the
        // same accessors lands on the same positions.
        let es = for_tag("es").unwrap();
        assert_eq!(EN.home_title(), "Your assessments");
        assert_eq!(EN.to_flat()[Messages::LANG_AT], "en");
        assert_eq!(es.to_flat()[Messages::LANG_AT], "es");
        assert_ne!(es.home_title(), EN.home_title());
        assert_eq!(es.months().len(), 12);
        assert_eq!(
            es.guide_process_steps().len(),
            EN.guide_process_steps().len()
        );
        assert_eq!(es.guide_avenues().len(), EN.guide_avenues().len());
        for (e, s) in EN.guide_avenues().iter().zip(es.guide_avenues()) {
            assert_eq!(e.2.len(), s.2.len());
        }
    }

    /// Every catalog has every key of the others, the same list lengths and
    /// the same placeholders (build.rs refuses to build otherwise; this says
    /// the same thing as a test, and checks the checker).
    #[test]
    fn catalogs_match_the_english_one() {
        use crate::catalog_check::differences;
        use serde_json::Value;
        let read = |lang: &str| -> Value {
            let path = format!("{}/../../i18n/{lang}.json", env!("CARGO_MANIFEST_DIR"));
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
        };
        let en = read("en");
        for m in BUILT_IN {
            assert_eq!(
                differences(&en, &read(m.lang)),
                Vec::<String>::new(),
                "{}",
                m.lang
            );
        }
        let mut broken = read("en");
        broken["undo"] = "Undo {what}".into();
        broken.as_object_mut().unwrap().remove("yes");
        broken["months"].as_array_mut().unwrap().pop();
        let found = differences(&en, &broken);
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn english_names_are_the_rubric_titles() {
        let rubric = crate::domain::model::rubric::builtin();
        for c in &rubric.competencies {
            assert_eq!(EN.competency_name(&c.id), Some(c.title.as_str()));
        }
        for l in &rubric.levels {
            assert_eq!(EN.level_name(Level::new(l.level).unwrap()), l.name);
        }
        for m in BUILT_IN {
            for c in &rubric.competencies {
                assert!(
                    m.competency_name(&c.id).is_some() && m.competency_help(&c.id).is_some(),
                    "{} lacks {}",
                    m.lang,
                    c.id
                );
                assert_eq!(m.questions(&c.id).len(), 5, "{}: a list per level", m.lang);
                assert!(m
                    .questions(&c.id)
                    .iter()
                    .all(|q| (2..=4).contains(&q.len())));
            }
        }
    }

    #[test]
    fn languages_are_negotiated_from_the_browser_list() {
        assert_eq!(negotiate(["de-DE", "en-US"]), "en");
        assert_eq!(negotiate(Vec::<&str>::new()), "en");
        assert!(for_tag("xx").is_none());
        assert_eq!(LANGUAGES.len(), BUILT_IN.len());
        for m in BUILT_IN {
            assert_eq!(
                negotiate(["de", &format!("{}-XX", m.lang.to_uppercase())]),
                m.lang
            );
        }
    }

    #[test]
    fn a_catalog_survives_its_flat_form() {
        for m in BUILT_IN {
            let read = read_flat(m.lang, &write_flat(m)).unwrap();
            assert_eq!(read.to_flat(), m.to_flat(), "{}", m.lang);
            assert_eq!(read.home_title(), m.home_title());
        }
    }

    #[test]
    fn a_flat_catalog_of_another_version_or_shape_is_refused() {
        let es = write_flat(for_tag("es").unwrap());
        assert_eq!(
            read_flat("pt", &es).err(),
            Some(CatalogError::OtherLanguage)
        );
        let old = es.replace(CATALOG_VERSION, "0000000000000000");
        assert_eq!(
            read_flat("es", &old).err(),
            Some(CatalogError::OtherVersion)
        );
        let short = es.replacen("\",\"", "\"]}{\"", 1);
        assert!(read_flat("es", &short).is_err());
        let mut file: serde_json::Value = serde_json::from_str(&es).unwrap();
        file["strings"].as_array_mut().unwrap().push("extra".into());
        assert_eq!(
            read_flat("es", &file.to_string()).err(),
            Some(CatalogError::Unreadable)
        );
        file["strings"].as_array_mut().unwrap().truncate(10);
        assert_eq!(
            read_flat("es", &file.to_string()).err(),
            Some(CatalogError::Unreadable)
        );
        assert_eq!(
            read_flat("es", "<html>").err(),
            Some(CatalogError::Unreadable)
        );
    }

    #[test]
    fn the_first_of_the_month_takes_its_ordinal_where_the_language_has_one() {
        assert_eq!(FR.date("2025-02-01"), "1er février 2025");
        assert_eq!(PT.date("2025-02-01"), "1º de fevereiro de 2025");
        assert_eq!(EN.date("2025-02-01"), "1 February 2025");
        assert_eq!(FR.date("2025-02-11"), "11 février 2025");
    }

    #[test]
    fn dates_are_written_in_words() {
        assert_eq!(EN.date("2026-11-07"), "7 November 2026");
        assert_eq!(EN.date("2026-13-07"), "2026-13-07");
        assert_eq!(EN.date("soon"), "soon");
    }
}
