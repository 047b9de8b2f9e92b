//! The message catalogs: every string the UI shows, except the quoted
//! rubric. Written as data in `i18n/<lang>.json` (English is the reference)
//! and turned into one `Messages` struct and one static per language by
//! build.rs, so a missing or mismatched translation stops the build rather
//! than showing a blank. Placeholders are `{name}`.

use crate::domain::rubric::Level;

/// A message about a number of things, in the two forms our languages
/// need (catalog keys ending in `_n`, written `{"one": …, "other": …}`).
#[derive(Debug, Clone, Copy)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

impl Messages {
    /// A count message with `{n}` filled in, in the form this language uses
    /// for `n`: French and Portuguese say "0 évaluation", English and
    /// Spanish "0 assessments" (the CLDR rules for these four languages).
    pub fn count(&self, message: &Plural, n: usize) -> String {
        let one = match self.lang {
            "fr" | "pt" => n <= 1,
            _ => n == 1,
        };
        let form = if one { message.one } else { message.other };
        fill(form, &[("n", &n.to_string())])
    }

    /// Our name for a competency in this language (the rubric's own title
    /// in English); `None` for an id the catalog does not know.
    pub fn competency_name(&self, id: &str) -> Option<&'static str> {
        self.competency_names
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| *v)
    }

    pub fn level_name(&self, level: Level) -> &'static str {
        self.level_names
            .get(usize::from(level.get()) - 1)
            .copied()
            .unwrap_or_default()
    }

    /// Guided-mode questions of a competency: one list per level, lowest first.
    pub fn questions(&self, id: &str) -> &'static [&'static [&'static str]] {
        self.questions
            .iter()
            .find(|(k, _)| *k == id)
            .map_or(&[], |(_, v)| *v)
    }

    /// A `YYYY-MM-DD` date written the way this language writes dates; the
    /// text unchanged if it is not such a date.
    pub fn date(&self, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        let month = parts
            .get(1)
            .and_then(|m| m.parse::<usize>().ok())
            .and_then(|m| self.months.get(m.wrapping_sub(1)));
        match (parts.as_slice(), month) {
            ([y, _, d], Some(month)) if y.len() == 4 && d.len() == 2 => fill(
                self.date_long,
                &[("d", d.trim_start_matches('0')), ("month", month), ("y", y)],
            ),
            _ => iso.to_string(),
        }
    }
}

/// The catalog for a language tag such as `es`, `pt-BR` or `fr-HT`.
pub fn for_tag(tag: &str) -> Option<&'static Messages> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    CATALOGS.iter().copied().find(|m| m.lang == primary)
}

/// The first of the user's preferred languages that we have; English otherwise.
pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> &'static Messages {
    preferred.into_iter().find_map(for_tag).unwrap_or(&EN)
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
            fill(EN.progress_count, &[("done", "3"), ("total", "5")]),
            "3 of 5 competencies assessed"
        );
    }

    #[test]
    fn fill_does_not_reinterpret_values() {
        // A user's text that looks like a placeholder stays as typed.
        assert_eq!(fill("{a} {b}", &[("a", "{b}"), ("b", "x")]), "{b} x");
        assert_eq!(fill("{unknown} {", &[("a", "1")]), "{unknown} {");
    }

    #[test]
    fn no_message_is_empty() {
        for m in CATALOGS {
            let debug = format!("{m:?}");
            assert!(!debug.contains(": \"\""), "an empty message in {}", m.lang);
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
        for m in CATALOGS {
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
        let rubric = crate::domain::rubric::builtin();
        for c in &rubric.competencies {
            assert_eq!(EN.competency_name(&c.id), Some(c.title.as_str()));
        }
        for l in &rubric.levels {
            assert_eq!(EN.level_name(Level::new(l.level).unwrap()), l.name);
        }
        for m in CATALOGS {
            for c in &rubric.competencies {
                assert!(
                    m.competency_name(&c.id).is_some(),
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
        assert_eq!(negotiate(["de-DE", "en-US"]).lang, "en");
        assert_eq!(negotiate(Vec::<&str>::new()).lang, "en");
        assert!(for_tag("xx").is_none());
        for m in CATALOGS {
            assert_eq!(
                negotiate(["de", &format!("{}-XX", m.lang.to_uppercase())]).lang,
                m.lang
            );
        }
    }

    #[test]
    fn dates_are_written_in_words() {
        assert_eq!(EN.date("2026-11-07"), "7 November 2026");
        assert_eq!(EN.date("2026-13-07"), "2026-13-07");
        assert_eq!(EN.date("soon"), "soon");
    }
}
