//! Many assessments at once, for the regional view (`#/region`): which
//! ones count, which are shown, in what order, where the group sits on
//! each competency, and where one place stands in it.
//!
//! Levels are whole numbers, so every median and quartile here falls on a
//! whole or a half: they are kept in halves (`Halves(7)` is 3.5), and the
//! wasm needs no float formatting to show them.

use crate::domain::formats::exchange::FileError;
use crate::domain::formats::share::LinkError;
use crate::domain::model::assessment::{Assessment, Subject};
use crate::domain::model::rubric::{Level, Rubric, LEVELS};
use crate::domain::order::sort_by;
use std::cmp::Ordering;

/// A value in halves of a level: `Halves(7)` is 3.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Halves(pub u8);

impl Halves {
    fn of(level: Level) -> Halves {
        Halves(level.get() * 2)
    }

    /// The midpoint of two values.
    fn between(a: Halves, b: Halves) -> Halves {
        Halves((a.0 + b.0) / 2)
    }

    /// The whole part and whether a half follows: (3, true) is 3.5.
    pub fn parts(self) -> (u8, bool) {
        (self.0 / 2, self.0 % 2 == 1)
    }
}

/// What makes two assessments about the same place: the subject (the city,
/// or an initiative by name) and the place, as written but without case or
/// extra spaces.
pub fn place_key(a: &Assessment) -> String {
    let squash = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    match &a.subject {
        Subject::City => format!("city\u{1f}{}", squash(&a.place)),
        Subject::Initiative { name } => {
            format!("initiative\u{1f}{}\u{1f}{}", squash(name), squash(&a.place))
        }
    }
}

/// A key that orders names as readers expect: accents and case second to
/// the letters (Córdoba beside Cordoba, before Curitiba; São Paulo before
/// Santiago), as the root collation of Unicode does for Latin letters.
/// Equal keys fall back to the names themselves, so every device sorts
/// the same.
pub fn collation_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.to_lowercase().chars() {
        match FOLDS.binary_search_by(|(k, _)| k.cmp(&c)) {
            Ok(i) => out.push_str(FOLDS[i].1),
            // Combining marks (a name typed decomposed, "İ" lowered) weigh
            // nothing either: the letter before them counts.
            Err(_) if ('\u{300}'..='\u{36f}').contains(&c) => {}
            // Apostrophes and hyphens weigh nothing: "Sant'Ana" by Santana.
            Err(_) if matches!(c, '\'' | '’' | '-') => {}
            Err(_) => out.push(c),
        }
    }
    out
}

/// Lower-case Latin letters with marks, and what they sort as; in the
/// order of their code points (a table, not a match: smaller in every
/// page that sorts places).
const FOLDS: [(char, &str); 94] = [
    ('ß', "ss"),
    ('à', "a"),
    ('á', "a"),
    ('â', "a"),
    ('ã', "a"),
    ('ä', "a"),
    ('å', "a"),
    ('æ', "ae"),
    ('ç', "c"),
    ('è', "e"),
    ('é', "e"),
    ('ê', "e"),
    ('ë', "e"),
    ('ì', "i"),
    ('í', "i"),
    ('î', "i"),
    ('ï', "i"),
    ('ð', "d"),
    ('ñ', "n"),
    ('ò', "o"),
    ('ó', "o"),
    ('ô', "o"),
    ('õ', "o"),
    ('ö', "o"),
    ('ø', "o"),
    ('ù', "u"),
    ('ú', "u"),
    ('û', "u"),
    ('ü', "u"),
    ('ý', "y"),
    ('þ', "th"),
    ('ÿ', "y"),
    ('ā', "a"),
    ('ă', "a"),
    ('ą', "a"),
    ('ć', "c"),
    ('ĉ', "c"),
    ('ċ', "c"),
    ('č', "c"),
    ('ď', "d"),
    ('đ', "d"),
    ('ē', "e"),
    ('ĕ', "e"),
    ('ė', "e"),
    ('ę', "e"),
    ('ě', "e"),
    ('ĝ', "g"),
    ('ğ', "g"),
    ('ġ', "g"),
    ('ģ', "g"),
    ('ĥ', "h"),
    ('ħ', "h"),
    ('ĩ', "i"),
    ('ī', "i"),
    ('ĭ', "i"),
    ('į', "i"),
    ('ı', "i"),
    ('ĵ', "j"),
    ('ķ', "k"),
    ('ĺ', "l"),
    ('ļ', "l"),
    ('ľ', "l"),
    ('ŀ', "l"),
    ('ł', "l"),
    ('ń', "n"),
    ('ņ', "n"),
    ('ň', "n"),
    ('ō', "o"),
    ('ŏ', "o"),
    ('ő', "o"),
    ('œ', "oe"),
    ('ŕ', "r"),
    ('ŗ', "r"),
    ('ř', "r"),
    ('ś', "s"),
    ('ŝ', "s"),
    ('ş', "s"),
    ('š', "s"),
    ('ţ', "t"),
    ('ť', "t"),
    ('ŧ', "t"),
    ('ũ', "u"),
    ('ū', "u"),
    ('ŭ', "u"),
    ('ů', "u"),
    ('ű', "u"),
    ('ų', "u"),
    ('ŵ', "w"),
    ('ŷ', "y"),
    ('ź', "z"),
    ('ż', "z"),
    ('ž', "z"),
    ('ș', "s"),
    ('ț', "t"),
];

/// How rows are ordered by place: by the collation key of the place's
/// key, then by the key itself (equal keys stay together). One string, so
/// that the sorts keep the types they had (each new one is code in the
/// pages).
fn place_order(a: &Assessment) -> String {
    let key = place_key(a);
    format!("{}\u{0}{key}", collation_key(&key))
}

/// The latest assessment of each place, ordered by place. On equal dates,
/// the one changed last, then the greater id: every device picks the same.
pub fn latest_per_place(list: &[Assessment]) -> Vec<&Assessment> {
    latest_of(list.iter().collect())
}

/// Where a group's levels sit on one competency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    /// How many places were assessed on it.
    pub n: usize,
    pub min: Level,
    pub q1: Halves,
    pub median: Halves,
    pub q3: Halves,
    pub max: Level,
}

fn median_of(sorted: &[Halves]) -> Option<Halves> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(Halves::between(sorted[n / 2 - 1], sorted[n / 2])),
    }
}

/// The spread of some levels: the median, and the quartiles as the medians
/// of the lower and upper halves (with an odd count, the middle value is in
/// neither; with one value, all three are that value). `None` for no levels:
/// places not assessed on a competency are left out, never counted as 0.
pub fn spread(levels: &[Level]) -> Option<Spread> {
    let mut sorted: Vec<Halves> = levels.iter().map(|l| Halves::of(*l)).collect();
    sort_by(&mut sorted, |a, b| a.cmp(b));
    let n = sorted.len();
    let median = median_of(&sorted)?;
    let (lower, upper) = if n == 1 {
        (&sorted[..], &sorted[..])
    } else {
        (&sorted[..n / 2], &sorted[n.div_ceil(2)..])
    };
    Some(Spread {
        n,
        min: *levels.iter().min()?,
        q1: median_of(lower)?,
        median,
        q3: median_of(upper)?,
        max: *levels.iter().max()?,
    })
}

/// How many places are at each level of one competency, and how many were
/// not assessed on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Distribution {
    pub at: [usize; LEVELS],
    pub missing: usize,
}

/// One competency across the group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub competency: String,
    pub distribution: Distribution,
    pub spread: Option<Spread>,
}

/// The group on every competency of the rubric, in rubric order.
pub fn landscape(group: &[&Assessment], rubric: &Rubric) -> Vec<Row> {
    rubric
        .competencies
        .iter()
        .map(|c| {
            let mut distribution = Distribution::default();
            let mut levels = Vec::with_capacity(group.len());
            for a in group {
                match a.level(&c.id) {
                    Some(l) => {
                        distribution.at[l.index()] += 1;
                        levels.push(l);
                    }
                    None => distribution.missing += 1,
                }
            }
            Row {
                competency: c.id.clone(),
                distribution,
                spread: spread(&levels),
            }
        })
        .collect()
}

/// Which quarter of the group a level falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quarter {
    /// Below the lower quartile.
    Lowest,
    /// From the lower to the upper quartile.
    Middle,
    /// Above the upper quartile.
    Highest,
}

/// Where one place's level stands in the group: against the median, and
/// by quarter; said in words by the view ("above the median in analytics,
/// in the lowest quarter in open data").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub to_median: Ordering,
    pub quarter: Quarter,
}

pub fn standing(level: Level, spread: &Spread) -> Standing {
    let at = Halves::of(level);
    let quarter = if at < spread.q1 {
        Quarter::Lowest
    } else if at > spread.q3 {
        Quarter::Highest
    } else {
        Quarter::Middle
    };
    Standing {
        to_median: at.cmp(&spread.median),
        quarter,
    }
}

/// What is said of a place's competencies, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    HighestQuarter,
    AboveMedian,
    AtMedian,
    BelowMedian,
    LowestQuarter,
    NotAssessed,
}

/// Where one place stands, grouped for a sentence: each kind that applies
/// with its competencies' ids, in rubric order. Each competency is said
/// once: the highest quarter is above the median already, the lowest
/// below it; a competency the group has no level for is left out.
pub fn standing_groups<'r>(place: &Assessment, rows: &'r [Row]) -> Vec<(Said, Vec<&'r str>)> {
    let standings = profile_standing(place, rows);
    let pick = |f: &dyn Fn(&Standing) -> bool| -> Vec<&'r str> {
        standings
            .iter()
            .filter(|(_, s)| f(s))
            .map(|(id, _)| *id)
            .collect()
    };
    let missing: Vec<&str> = rows
        .iter()
        .filter(|r| place.level(&r.competency).is_none())
        .map(|r| r.competency.as_str())
        .collect();
    [
        (
            Said::HighestQuarter,
            pick(&|s| s.quarter == Quarter::Highest),
        ),
        (
            Said::AboveMedian,
            pick(&|s| s.to_median == Ordering::Greater && s.quarter != Quarter::Highest),
        ),
        (Said::AtMedian, pick(&|s| s.to_median == Ordering::Equal)),
        (
            Said::BelowMedian,
            pick(&|s| s.to_median == Ordering::Less && s.quarter != Quarter::Lowest),
        ),
        (Said::LowestQuarter, pick(&|s| s.quarter == Quarter::Lowest)),
        (Said::NotAssessed, missing),
    ]
    .into_iter()
    .filter(|(_, ids)| !ids.is_empty())
    .collect()
}

/// A copy safe to publish for a group: the subject, place, date, levels
/// and targets, without who assessed, their notes, guided answers or plan.
pub fn anonymised(a: &Assessment) -> Assessment {
    let mut out = a.clone();
    out.assessor.clear();
    out.plan.clear();
    let ids: Vec<String> = out.ratings.iter().map(|(id, _)| id.to_string()).collect();
    for id in ids {
        out.edit_rating(&id, |r| {
            r.notes.clear();
            r.guided = None;
        });
    }
    out
}

/// The most assessments the regional view holds at once: every city of a
/// large network, several years over.
pub const MAX_COHORT: usize = 1000;

/// What adding some assessments to the group did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Added {
    pub added: usize,
    /// Same content as one already held (or earlier in the same batch).
    pub duplicates: usize,
    /// Left out: the group was full.
    pub over_limit: usize,
}

/// Why one input (a file, a pasted line) added nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    File(FileError),
    Link(LinkError),
}

/// An input that added nothing, named as the user knows it: the file's
/// name, or "line 3".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub name: String,
    pub why: Refusal,
}

/// What one load did: the assessments added and the inputs refused.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoadReport {
    pub added: Added,
    pub rejected: Vec<Rejected>,
    /// Entries of files read that were damaged or of another model.
    pub unreadable: usize,
    /// Files of a folder left aside for not being `.json`.
    pub not_json: usize,
}

/// Adds `incoming` to `held`: each content once, up to `MAX_COHORT`.
pub fn add(held: &mut Vec<Assessment>, incoming: Vec<Assessment>) -> Added {
    let mut out = Added::default();
    for a in incoming {
        let seen = held
            .iter()
            .any(|k| k.date == a.date && k.place == a.place && k.same_content(&a));
        if seen {
            out.duplicates += 1;
        } else if held.len() >= MAX_COHORT {
            out.over_limit += 1;
        } else {
            held.push(a);
            out.added += 1;
        }
    }
    out
}

/// The regional view's group and what the last load did: its own small
/// reducer, so that the pages which never show a region carry none of it.
/// Held for the visit; saving goes through the app's `Intent::Import`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Group {
    /// Shared, not copied, by every state that follows.
    pub held: std::rc::Rc<Vec<Assessment>>,
    pub report: Option<LoadReport>,
}

/// The id the group gives an assessment that came without one (a link) or
/// with one already held: its content's hash, then a count for the rare
/// second assessment with the same hash.
fn given_id(hash: u64, n: usize) -> String {
    if n == 0 {
        format!("g{hash:016x}")
    } else {
        format!("g{hash:016x}-{n}")
    }
}

/// What the user did to the group.
#[derive(Debug, Clone, PartialEq)]
pub enum GroupAction {
    /// Assessments read from files, links or this device (each content
    /// once, up to `MAX_COHORT`), and the inputs that added nothing.
    Add {
        assessments: Vec<Assessment>,
        rejected: Vec<Rejected>,
        unreadable: usize,
        not_json: usize,
    },
    Clear,
}

impl Group {
    pub fn apply(&mut self, action: GroupAction) {
        match action {
            GroupAction::Add {
                assessments,
                rejected,
                unreadable,
                not_json,
            } => {
                let mut held = (*self.held).clone();
                let before = held.len();
                let added = add(&mut held, assessments);
                // Every assessment held has an id of its own, so a cohort
                // file, a save and each row can tell them apart. An id the
                // group gives is derived from the content: the same on every
                // visit for the same assessment, and another for any other,
                // so a save never lands on what an earlier visit saved.
                for i in before..held.len() {
                    let taken = |id: &str| held[..i].iter().any(|b| b.id == id);
                    if held[i].id.is_empty() || taken(&held[i].id) {
                        let mut id = given_id(held[i].content_hash(), 0);
                        let mut n = 0;
                        while taken(&id) {
                            n += 1;
                            id = given_id(held[i].content_hash(), n);
                        }
                        held[i].id = id;
                    }
                }
                if added.added > 0 {
                    self.held = std::rc::Rc::new(held);
                }
                self.report = Some(LoadReport {
                    added,
                    rejected,
                    unreadable,
                    not_json,
                });
            }
            GroupAction::Clear => {
                self.held = std::rc::Rc::default();
                self.report = None;
            }
        }
    }
}

/// The rows `from..to` of page `page` (from 0) of `total` rows, `size` a
/// page (`usize::MAX` for all): a page past the end shows the last row.
pub fn page_rows(total: usize, page: usize, size: usize) -> (usize, usize) {
    let from = page.saturating_mul(size).min(total.saturating_sub(1));
    (from, from.saturating_add(size).min(total))
}

/// Which assessments the landscape shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// The latest of each place.
    Latest,
    /// Every assessment, each date its own row.
    All,
    /// The latest of each place within one year.
    Year(u16),
}

/// The years the group's assessments were made in, newest first.
pub fn years(list: &[Assessment]) -> Vec<u16> {
    let mut out: Vec<u16> = list.iter().filter_map(year_of).collect();
    sort_by(&mut out, |a, b| b.cmp(a));
    out.dedup();
    out
}

fn year_of(a: &Assessment) -> Option<u16> {
    a.date.as_str().get(..4)?.parse().ok()
}

/// The assessments `selection` shows, ordered by place then date.
pub fn select(list: &[Assessment], selection: Selection) -> Vec<&Assessment> {
    match selection {
        Selection::Latest => latest_per_place(list),
        Selection::All => {
            let mut all: Vec<(String, &Assessment)> =
                list.iter().map(|a| (place_order(a), a)).collect();
            sort_by(&mut all, |(ka, a), (kb, b)| {
                ka.cmp(kb).then_with(|| a.date.cmp(&b.date))
            });
            all.into_iter().map(|(_, a)| a).collect()
        }
        Selection::Year(y) => latest_of(list.iter().filter(|a| year_of(a) == Some(y)).collect()),
    }
}

/// The latest of each place among `list`, as `latest_per_place`.
pub fn latest_of(list: Vec<&Assessment>) -> Vec<&Assessment> {
    let mut keyed: Vec<(String, &Assessment)> =
        list.into_iter().map(|a| (place_order(a), a)).collect();
    sort_by(&mut keyed, |(ka, a), (kb, b)| {
        ka.cmp(kb)
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| b.updated_ms.cmp(&a.updated_ms))
            .then_with(|| b.id.cmp(&a.id))
    });
    keyed.dedup_by(|later, first| later.0 == first.0);
    keyed.into_iter().map(|(_, a)| a).collect()
}

/// Where `a` sits in `list`, when it is one of its elements (not an equal
/// copy): views keep such positions rather than borrows.
pub fn index_in(list: &[Assessment], a: &Assessment) -> Option<usize> {
    let size = std::mem::size_of::<Assessment>().max(1);
    let offset = (a as *const Assessment as usize).checked_sub(list.as_ptr() as usize)?;
    let i = offset / size;
    (offset % size == 0 && list.get(i).is_some_and(|b| std::ptr::eq(a, b))).then_some(i)
}

/// A column of the landscape to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Place,
    Date,
    /// A competency, by its index in the rubric.
    Competency(usize),
}

/// Sorts rows by `key`, ascending or not. Places not assessed on a
/// competency go last either way; ties keep place order, so a sort is
/// the same on every device.
pub fn sort_rows(rows: &mut [&Assessment], key: SortKey, descending: bool, rubric: &Rubric) {
    let flip = |o: Ordering| if descending { o.reverse() } else { o };
    // Each row's keys once, not at every comparison: a thousand rows take
    // ten thousand comparisons.
    let keys: Vec<String> = rows.iter().map(|a| place_order(a)).collect();
    let levels: Vec<Option<Level>> = match key {
        SortKey::Competency(i) => {
            let id = rubric.competencies.get(i).map(|c| c.id.as_str());
            rows.iter().map(|a| id.and_then(|c| a.level(c))).collect()
        }
        _ => Vec::new(),
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    sort_by(&mut order, |&x, &y| {
        let primary = match key {
            SortKey::Place => flip(keys[x].cmp(&keys[y])),
            SortKey::Date => flip(rows[x].date.cmp(&rows[y].date)),
            SortKey::Competency(_) => match (levels[x], levels[y]) {
                (Some(p), Some(q)) => flip(p.cmp(&q)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        primary
            .then_with(|| keys[x].cmp(&keys[y]))
            .then_with(|| rows[x].date.cmp(&rows[y].date))
    });
    let sorted: Vec<&Assessment> = order.iter().map(|&i| rows[i]).collect();
    rows.copy_from_slice(&sorted);
}

/// Where one place stands on every competency the group and it share, in
/// rubric order: the competency's id and the standing.
pub fn profile_standing<'r>(place: &Assessment, rows: &'r [Row]) -> Vec<(&'r str, Standing)> {
    rows.iter()
        .filter_map(|r| {
            let level = place.level(&r.competency)?;
            Some((r.competency.as_str(), standing(level, r.spread.as_ref()?)))
        })
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::date::IsoDate;
    use crate::domain::model::rubric::builtin;
    use crate::domain::model::samples;
    use proptest::prelude::*;

    fn l(n: u8) -> Level {
        Level::new(n).unwrap()
    }

    fn levels(ns: &[u8]) -> Vec<Level> {
        ns.iter().map(|n| l(*n)).collect()
    }

    #[test]
    fn places_sort_by_their_letters_before_accents_and_case() {
        let names = [
            "Curitiba",
            "Santiago",
            "São Paulo",
            "Córdoba",
            "cordoba",
            "Bogotá",
            "Ñuñoa",
            "Nuevo León",
        ];
        let list: Vec<Assessment> = names
            .iter()
            .enumerate()
            .map(|(i, n)| at(n, "2026-01-01", 1, &format!("p{i}")))
            .collect();
        let mut rows: Vec<&Assessment> = list.iter().collect();
        sort_rows(&mut rows, SortKey::Place, false, builtin());
        let sorted: Vec<&str> = rows.iter().map(|a| a.place.as_str()).collect();
        assert_eq!(
            sorted,
            [
                "Bogotá",
                "cordoba",
                "Córdoba",
                "Curitiba",
                "Nuevo León",
                "Ñuñoa",
                "Santiago",
                "São Paulo"
            ]
        );
        // The latest of each place keeps the same order, one per place.
        let latest: Vec<&str> = latest_per_place(&list)
            .iter()
            .map(|a| a.place.as_str())
            .collect();
        assert_eq!(latest, sorted);
    }

    #[test]
    fn the_fold_table_is_in_code_point_order() {
        assert!(FOLDS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    proptest! {
        #[test]
        fn plain_names_sort_as_before(a in "[a-z ]{0,12}", b in "[a-z ]{0,12}") {
            prop_assert_eq!(collation_key(&a), a.clone());
            prop_assert_eq!(collation_key(&a).cmp(&collation_key(&b)), a.cmp(&b));
        }
    }

    fn at(place: &str, date: &str, updated_ms: u64, id: &str) -> Assessment {
        let mut a = samples::reference(true);
        a.place = place.into();
        a.subject = Subject::City;
        a.date = IsoDate::parse(date).unwrap();
        a.updated_ms = updated_ms;
        a.id = id.into();
        a
    }

    #[test]
    fn medians_and_quartiles_with_odd_and_even_counts() {
        // Odd: 1 2 | 3 | 4 5.
        let s = spread(&levels(&[5, 1, 4, 2, 3])).unwrap();
        assert_eq!((s.n, s.min, s.max), (5, l(1), l(5)));
        assert_eq!((s.q1, s.median, s.q3), (Halves(3), Halves(6), Halves(9)));
        // Even: 1 2 | 3 4; the median between them.
        let s = spread(&levels(&[4, 3, 2, 1])).unwrap();
        assert_eq!((s.q1, s.median, s.q3), (Halves(3), Halves(5), Halves(7)));
        assert_eq!(s.median.parts(), (2, true));
        // One value, and two.
        let s = spread(&levels(&[3])).unwrap();
        assert_eq!((s.q1, s.median, s.q3), (Halves(6), Halves(6), Halves(6)));
        let s = spread(&levels(&[1, 4])).unwrap();
        assert_eq!((s.q1, s.median, s.q3), (Halves(2), Halves(5), Halves(8)));
        assert_eq!(spread(&[]), None);
    }

    #[test]
    fn ties_and_missing_levels() {
        let s = spread(&levels(&[2, 2, 2, 2, 5])).unwrap();
        assert_eq!((s.q1, s.median, s.q3), (Halves(4), Halves(4), Halves(7)));
        let mut a = at("Quito", "2026-01-01", 1, "a");
        let mut b = at("Lima", "2026-01-01", 1, "b");
        a.edit_rating("analytics", |r| r.level = None);
        b.edit_rating("analytics", |r| r.level = Level::new(4));
        let rows = landscape(&[&a, &b], builtin());
        let analytics = rows.iter().find(|r| r.competency == "analytics").unwrap();
        assert_eq!(
            analytics.distribution.missing, 1,
            "not assessed is not level 0"
        );
        assert_eq!(analytics.distribution.at, [0, 0, 0, 1, 0]);
        assert_eq!(
            analytics.spread.map(|s| (s.n, s.median)),
            Some((1, Halves(8)))
        );
        assert_eq!(rows.len(), 5);
    }

    #[test]
    fn the_latest_of_each_place_even_on_equal_dates() {
        let list = vec![
            at("Quito", "2025-05-01", 9, "q1"),
            at(" quito ", "2026-05-01", 1, "q2"),
            at("QUITO", "2026-05-01", 5, "q3"),
            at("Lima", "2026-02-01", 1, "l1"),
            at("Lima", "2026-02-01", 1, "l2"),
        ];
        let ids: Vec<&str> = latest_per_place(&list)
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(ids, ["l2", "q3"], "changed last, then the greater id");
        let mut reversed = list.clone();
        reversed.reverse();
        let again: Vec<&str> = latest_per_place(&reversed)
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(again, ids, "the order of loading does not matter");
    }

    #[test]
    fn a_city_and_an_initiative_there_are_two_places() {
        let city = at("Quito", "2026-01-01", 1, "c");
        let mut initiative = city.clone();
        initiative.subject = Subject::Initiative {
            name: "Bike share".into(),
        };
        assert_ne!(place_key(&city), place_key(&initiative));
    }

    #[test]
    fn the_same_content_twice_counts_once() {
        let a = at("Quito", "2026-01-01", 1, "a");
        let mut copy = a.clone();
        copy.id = "other-id".into();
        copy.updated_ms = 99;
        let b = at("Lima", "2026-01-01", 1, "b");
        let mut kept = Vec::new();
        let dropped = add(&mut kept, vec![a.clone(), b.clone(), copy]).duplicates;
        assert_eq!((kept.len(), dropped), (2, 1));
        assert_eq!(kept[0].id, "a");
    }

    #[test]
    fn a_place_stands_by_median_and_quarter() {
        let s = spread(&levels(&[1, 2, 3, 4, 5])).unwrap();
        assert_eq!(
            standing(l(1), &s),
            Standing {
                to_median: Ordering::Less,
                quarter: Quarter::Lowest
            }
        );
        assert_eq!(
            standing(l(3), &s),
            Standing {
                to_median: Ordering::Equal,
                quarter: Quarter::Middle
            }
        );
        assert_eq!(
            standing(l(4), &s),
            Standing {
                to_median: Ordering::Greater,
                quarter: Quarter::Middle
            }
        );
        assert_eq!(
            standing(l(5), &s),
            Standing {
                to_median: Ordering::Greater,
                quarter: Quarter::Highest
            }
        );
    }

    #[test]
    fn a_cohort_file_reads_back_with_levels_and_nothing_personal() {
        use crate::domain::formats::exchange::{export_json, parse_file};
        let mut a = at("Quito", "2026-01-01", 1, "a");
        a.assessor = "Ana Pérez".into();
        let published: Vec<Assessment> = [a.clone(), at("Lima", "2026-02-01", 1, "b")]
            .iter()
            .map(anonymised)
            .collect();
        let file = export_json(&published.iter().collect::<Vec<_>>(), builtin());
        assert!(!file.contains("Ana Pérez"));
        let back = parse_file(file.as_bytes(), builtin()).unwrap().assessments;
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].level("analytics"), a.level("analytics"));
        assert!(back
            .iter()
            .all(|x| x.assessor.is_empty() && x.plan.is_empty()));
    }

    #[test]
    fn adding_counts_duplicates_once_and_stops_at_the_limit() {
        let a = at("Quito", "2026-01-01", 1, "a");
        let b = at("Lima", "2026-01-01", 1, "b");
        let mut held = vec![a.clone()];
        let mut copy = a.clone();
        copy.id = "x".into();
        let r = add(&mut held, vec![copy, b.clone(), b.clone()]);
        assert_eq!((r.added, r.duplicates, r.over_limit), (1, 2, 0));
        let many: Vec<Assessment> = (0..MAX_COHORT + 5)
            .map(|i| at(&format!("City {i}"), "2026-01-01", 1, "m"))
            .collect();
        let r = add(&mut held, many);
        assert_eq!(held.len(), MAX_COHORT);
        assert_eq!((r.added, r.over_limit), (MAX_COHORT - 2, 7));
    }

    #[test]
    fn the_group_reports_each_load_and_empties() {
        let mut g = Group::default();
        let bad = Rejected {
            name: "photo.png".into(),
            why: Refusal::File(FileError::NotText),
        };
        let a = at("Quito", "2026-01-01", 1, "a");
        g.apply(GroupAction::Add {
            assessments: vec![a.clone(), a.clone()],
            rejected: vec![bad.clone()],
            unreadable: 2,
            not_json: 0,
        });
        assert_eq!(g.held.len(), 1);
        let report = g.report.clone().unwrap();
        assert_eq!((report.added.added, report.added.duplicates), (1, 1));
        assert_eq!((report.rejected, report.unreadable), (vec![bad], 2));
        let before = g.held.clone();
        g.apply(GroupAction::Add {
            assessments: vec![a],
            rejected: vec![],
            unreadable: 0,
            not_json: 0,
        });
        assert!(
            std::rc::Rc::ptr_eq(&before, &g.held),
            "nothing new: the same group"
        );
        g.apply(GroupAction::Clear);
        assert!(g.held.is_empty() && g.report.is_none());
    }

    #[test]
    fn every_assessment_held_has_an_id_of_its_own() {
        let mut g = Group::default();
        let mut from_link = at("Quito", "2026-01-01", 1, "");
        from_link.id.clear();
        let same_id = at("Lima", "2026-01-01", 1, "a");
        let other_same_id = at("Cali", "2026-01-01", 1, "a");
        let squatter = at("Bogotá", "2026-01-01", 1, "g1");
        g.apply(GroupAction::Add {
            assessments: vec![squatter, from_link, same_id, other_same_id],
            rejected: vec![],
            unreadable: 0,
            not_json: 0,
        });
        let ids: Vec<&str> = g.held.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids[0], "g1");
        assert_eq!(ids[2], "a");
        let mut distinct = ids.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 4, "{ids:?}");
        assert!(ids
            .iter()
            .all(|id| crate::domain::model::rubric::is_slug(id)));
    }

    /// Each visit starts a new group: what it gives must never be what an
    /// earlier visit gave another assessment (the save would land on it).
    #[test]
    fn given_ids_are_the_same_for_the_same_content_on_every_visit_and_never_reused() {
        let visit = |list: Vec<Assessment>| {
            let mut g = Group::default();
            g.apply(GroupAction::Add {
                assessments: list,
                rejected: vec![],
                unreadable: 0,
                not_json: 0,
            });
            g.held.iter().map(|a| a.id.clone()).collect::<Vec<_>>()
        };
        let link = |date: &str| {
            let mut a = at("Quito", date, 1, "");
            a.id.clear();
            a
        };
        let first = visit(vec![link("2025-01-01")]);
        let second = visit(vec![link("2026-01-01")]);
        let again = visit(vec![link("2025-01-01")]);
        assert_ne!(first, second, "another assessment, another id");
        assert_eq!(first, again, "the same assessment, the same id");
        let dups = visit(vec![
            at("Quito", "2025-01-01", 1, "dup"),
            at("Quito", "2026-01-01", 2, "dup"),
        ]);
        let later = visit(vec![
            at("Quito", "2027-01-01", 3, "dup"),
            at("Quito", "2028-01-01", 4, "dup"),
        ]);
        assert_ne!(dups[1], later[1]);
    }

    #[test]
    fn positions_are_of_elements_not_of_copies() {
        let list = vec![
            at("Quito", "2026-01-01", 1, "a"),
            at("Lima", "2026-01-01", 1, "b"),
        ];
        assert_eq!(index_in(&list, &list[1]), Some(1));
        let copy = list[1].clone();
        assert_eq!(index_in(&list, &copy), None);
        let shown = select(&list, Selection::Latest);
        let back: Vec<usize> = shown.iter().filter_map(|a| index_in(&list, a)).collect();
        assert_eq!(back, [1, 0], "Lima sorts before Quito");
    }

    #[test]
    fn a_standing_says_each_competency_once() {
        let mut group = Vec::new();
        for (i, lv) in [1u8, 2, 3, 4, 5].iter().enumerate() {
            let mut a = at(&format!("City {i}"), "2026-01-01", 1, "x");
            for c in &builtin().competencies {
                a.edit_rating(&c.id, |r| r.level = Level::new(*lv));
            }
            group.push(a);
        }
        let refs: Vec<&Assessment> = group.iter().collect();
        let rows = landscape(&refs, builtin());
        let mut place = at("Quito", "2026-01-01", 1, "q");
        let ids: Vec<&str> = builtin()
            .competencies
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        for (id, lv) in ids.iter().zip([Some(5), Some(4), Some(3), Some(1), None]) {
            place.edit_rating(id, |r| r.level = lv.and_then(Level::new));
        }
        let said = standing_groups(&place, &rows);
        assert_eq!(
            said,
            vec![
                (Said::HighestQuarter, vec![ids[0]]),
                (Said::AboveMedian, vec![ids[1]]),
                (Said::AtMedian, vec![ids[2]]),
                (Said::LowestQuarter, vec![ids[3]]),
                (Said::NotAssessed, vec![ids[4]]),
            ],
            "5 is only in the highest quarter, 1 only in the lowest; no empty groups"
        );
    }

    #[test]
    fn pages_of_rows_never_overflow_or_run_past_the_end() {
        assert_eq!(page_rows(150, 0, 25), (0, 25));
        assert_eq!(page_rows(150, 5, 25), (125, 150));
        assert_eq!(page_rows(150, 9, 25), (149, 150));
        assert_eq!(page_rows(150, 1, usize::MAX), (149, 150));
        assert_eq!(page_rows(150, 0, usize::MAX), (0, 150));
        assert_eq!(page_rows(0, 3, 25), (0, 0));
    }

    #[test]
    fn selections_latest_all_and_one_year() {
        let list = vec![
            at("Quito", "2025-05-01", 1, "q25"),
            at("Quito", "2026-05-01", 1, "q26"),
            at("Lima", "2025-02-01", 1, "l25"),
        ];
        let ids = |v: Vec<&Assessment>| v.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(select(&list, Selection::Latest)), ["l25", "q26"]);
        assert_eq!(ids(select(&list, Selection::All)), ["l25", "q25", "q26"]);
        assert_eq!(ids(select(&list, Selection::Year(2025))), ["l25", "q25"]);
        assert!(select(&list, Selection::Year(2019)).is_empty());
        assert_eq!(years(&list), [2026, 2025]);
    }

    #[test]
    fn sorting_by_a_competency_puts_the_unassessed_last_both_ways() {
        let mut list = Vec::new();
        for (place, level) in [
            ("Quito", Some(2)),
            ("Lima", None),
            ("Cali", Some(4)),
            ("Bogotá", Some(2)),
        ] {
            let mut a = at(place, "2026-01-01", 1, place);
            a.edit_rating("analytics", |r| r.level = level.and_then(Level::new));
            list.push(a);
        }
        let i = builtin()
            .competencies
            .iter()
            .position(|c| c.id == "analytics")
            .unwrap();
        let mut rows: Vec<&Assessment> = list.iter().collect();
        let places =
            |rows: &[&Assessment]| rows.iter().map(|a| a.place.clone()).collect::<Vec<_>>();
        sort_rows(&mut rows, SortKey::Competency(i), false, builtin());
        assert_eq!(places(&rows), ["Bogotá", "Quito", "Cali", "Lima"]);
        sort_rows(&mut rows, SortKey::Competency(i), true, builtin());
        assert_eq!(
            places(&rows),
            ["Cali", "Bogotá", "Quito", "Lima"],
            "ties stay in place order"
        );
        sort_rows(&mut rows, SortKey::Place, true, builtin());
        assert_eq!(places(&rows), ["Quito", "Lima", "Cali", "Bogotá"]);
    }

    #[test]
    fn a_place_profile_names_every_competency_it_shares_with_the_group() {
        let a = at("Quito", "2026-01-01", 1, "a");
        let mut b = at("Lima", "2026-01-01", 1, "b");
        b.edit_rating("analytics", |r| r.level = None);
        let rows = landscape(&[&a, &b], builtin());
        assert_eq!(profile_standing(&a, &rows).len(), 5);
        assert_eq!(profile_standing(&b, &rows).len(), 4);
    }

    proptest! {
        #[test]
        fn quartiles_are_ordered_and_do_not_depend_on_order(ns in proptest::collection::vec(1u8..=5, 1..60)) {
            let mut v = levels(&ns);
            let s = spread(&v).unwrap();
            prop_assert!(Halves::of(s.min) <= s.q1 && s.q1 <= s.median && s.median <= s.q3 && s.q3 <= Halves::of(s.max));
            prop_assert_eq!(s.n, ns.len());
            v.reverse();
            prop_assert_eq!(spread(&v), Some(s));
        }

        #[test]
        fn anonymising_removes_every_personal_field(a in crate::domain::storage::store::tests::arb_assessment_v2()) {
            let out = anonymised(&a);
            prop_assert!(out.assessor.is_empty());
            prop_assert!(out.plan.is_empty());
            prop_assert!(out.ratings.values().all(|r| r.notes.is_empty() && r.guided.is_none()));
            // What a group compares stays as it was.
            prop_assert_eq!(&out.subject, &a.subject);
            prop_assert_eq!(&out.place, &a.place);
            prop_assert_eq!(&out.date, &a.date);
            for (id, r) in a.ratings.iter() {
                prop_assert_eq!(out.level(id), r.level);
                prop_assert_eq!(out.rating(id).and_then(|x| x.target), r.target);
            }
        }
    }
}
