//! The regional card's data: a group's levels carried in the link itself
//! (`#/region-card/1/<payload>`), or the address of a cohort file on the
//! card's own site (`#/region-card/file/<path>`) when the group is larger.
//!
//! The payload is `share::pack` of a JSON array: rubric short id, rubric
//! version, the group's title, then one string of level digits per place
//! (`"21340"`, rubric order, 0 = not assessed). Levels only: no names,
//! dates or people, so a published card is anonymous by construction.

use crate::domain::formats::json::{self, Json};
use crate::domain::formats::share::{digits, level_digits, open, pack, LinkError};
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::{Level, Rubric};

/// Places a card link carries; a larger group is published as a file.
pub const MAX_CARD_PLACES: usize = 60;
/// The version segment of a card that reads a cohort file.
pub const FROM_FILE: &str = "file";
/// The longest file address a card accepts.
const MAX_PATH_CHARS: usize = 200;

/// A group as the card shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardCohort {
    pub title: String,
    /// Each place's levels, in rubric order.
    pub places: Vec<Vec<Option<Level>>>,
}

/// The payload for `group`, or `None` when it has more places than a link
/// carries.
pub fn encode(title: &str, group: &[&Assessment], rubric: &Rubric) -> Option<String> {
    if group.is_empty() || group.len() > MAX_CARD_PLACES {
        return None;
    }
    let mut out = String::from("[");
    for (i, text) in [&rubric.short_id, &rubric.version, title]
        .iter()
        .enumerate()
    {
        if i > 0 {
            out.push(',');
        }
        json::write_str(&mut out, text);
    }
    for a in group {
        out.push(',');
        json::write_str(&mut out, &level_digits(&a.ratings, rubric, |r| r.level));
    }
    out.push(']');
    Some(pack(&out))
}

pub fn decode(version: &str, payload: &str, rubric: &Rubric) -> Result<CardCohort, LinkError> {
    let unpacked = open(version, payload)?;
    let root = json::parse(&unpacked).map_err(|_| LinkError::Damaged)?;
    let fields = root.arr().ok_or(LinkError::Damaged)?;
    let (id, version) = (text(fields.first())?, text(fields.get(1))?);
    if id != rubric.short_id || version != rubric.version {
        return Err(LinkError::OtherRubric {
            id: id.chars().take(40).collect(),
            version: version.chars().take(20).collect(),
        });
    }
    let title = text(fields.get(2))?;
    if title.chars().count() > crate::domain::limits::MAX_FIELD_CHARS {
        return Err(LinkError::Damaged);
    }
    let rest = fields.get(3..).unwrap_or_default();
    if rest.is_empty() {
        return Err(LinkError::Incomplete);
    }
    if rest.len() > MAX_CARD_PLACES {
        return Err(LinkError::TooManyPlaces {
            max: MAX_CARD_PLACES,
        });
    }
    let places = rest
        .iter()
        .map(|f| digits(text(Some(f))?, rubric.competencies.len(), false))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CardCohort {
        title: title.to_string(),
        places,
    })
}

/// A cohort file's address as a card accepts it: a path on the card's own
/// site (letters, digits, `-`, `_`, `.`, `/`), never another site, never
/// above the site's root.
pub fn file_path(path: &str) -> Option<&str> {
    let ok = !path.is_empty()
        && path.len() <= MAX_PATH_CHARS
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
        && !path.starts_with("//")
        && !path.split('/').any(|part| part == "..")
        && path.to_ascii_lowercase().ends_with(".json");
    ok.then_some(path)
}

fn text<'a>(f: Option<&'a Json>) -> Result<&'a str, LinkError> {
    f.and_then(Json::str).ok_or(LinkError::Damaged)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::model::rubric::builtin;
    use crate::domain::model::samples;
    use proptest::prelude::*;

    #[test]
    fn a_group_round_trips_as_levels_only() {
        let mut a = samples::reference(true);
        a.assessor = "Ana Pérez".into();
        let mut b = a.clone();
        b.edit_rating("analytics", |r| r.level = None);
        let payload = encode("Red de ciudades \"2027\"", &[&a, &b], builtin()).unwrap();
        let card = decode("1", &payload, builtin()).unwrap();
        assert_eq!(card.title, "Red de ciudades \"2027\"");
        assert_eq!(card.places.len(), 2);
        let levels: Vec<Option<Level>> = builtin()
            .competencies
            .iter()
            .map(|c| b.level(&c.id))
            .collect();
        assert_eq!(card.places[1], levels);
        let json = crate::domain::formats::share::unpack(&payload).unwrap();
        assert!(!json.contains("Ana") && !json.contains(&a.place), "{json}");
    }

    #[test]
    fn sixty_places_fit_and_sixty_one_do_not() {
        let a = samples::reference(false);
        let group: Vec<&Assessment> = std::iter::repeat_n(&a, MAX_CARD_PLACES).collect();
        let payload = encode("Network", &group, builtin()).unwrap();
        assert!(payload.len() < 400, "{} characters", payload.len());
        let more: Vec<&Assessment> = std::iter::repeat_n(&a, MAX_CARD_PLACES + 1).collect();
        assert_eq!(encode("Network", &more, builtin()), None);
        assert_eq!(encode("Network", &[], builtin()), None);
    }

    #[test]
    fn broken_cards_say_why() {
        assert_eq!(
            decode("2", "x", builtin()),
            Err(LinkError::Newer { found: 2 })
        );
        assert_eq!(decode("x", "x", builtin()), Err(LinkError::NotALink));
        assert_eq!(decode("1", "", builtin()), Err(LinkError::Incomplete));
        assert_eq!(decode("1", "!!", builtin()), Err(LinkError::Damaged));
        let over = pack(&format!(
            "[\"{}\",\"{}\",\"t\"{}]",
            builtin().short_id,
            builtin().version,
            ",\"11111\"".repeat(MAX_CARD_PLACES + 1)
        ));
        assert_eq!(
            decode("1", &over, builtin()),
            Err(LinkError::TooManyPlaces { max: 60 })
        );
        let bad_digit = pack(&format!(
            "[\"{}\",\"{}\",\"t\",\"11911\"]",
            builtin().short_id,
            builtin().version
        ));
        assert_eq!(decode("1", &bad_digit, builtin()), Err(LinkError::Damaged));
    }

    #[test]
    fn only_paths_on_the_same_site() {
        assert_eq!(file_path("cohort.json"), Some("cohort.json"));
        assert_eq!(file_path("data/red-2027.json"), Some("data/red-2027.json"));
        for bad in [
            "",
            "https://evil.example/c.json",
            "//evil.example/c.json",
            "../secret.json",
            "a/../../b.json",
            "c.json?x=1",
            "c.html",
            "javascript:alert(1)//.json",
        ] {
            assert_eq!(file_path(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn decoding_never_panics(version in "\\PC{0,4}", payload in "\\PC{0,300}") {
            let _ = decode(&version, &payload, builtin());
        }
    }
}
