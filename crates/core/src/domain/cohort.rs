//! Many assessments at once, for the regional view (issue 13; its view is
//! not built yet): which ones count, where the group sits on each
//! competency, and where one place stands in it.
//!
//! Levels are whole numbers, so every median and quartile here falls on a
//! whole or a half: they are kept in halves (`Halves(7)` is 3.5), and the
//! wasm needs no float formatting to show them.

use super::assessment::{Assessment, Subject};
use super::order::sort_by;
use super::rubric::{Level, Rubric, LEVELS};
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

/// Drops every assessment whose content another earlier in the list has
/// (the same file loaded twice, a link and its file); returns the rest,
/// in order, and how many were dropped.
pub fn distinct(list: Vec<Assessment>) -> (Vec<Assessment>, usize) {
    let mut kept: Vec<Assessment> = Vec::with_capacity(list.len());
    let mut dropped = 0;
    for a in list {
        // Cheap key first; `same_content` only among those that share it.
        if kept
            .iter()
            .any(|k| k.date == a.date && k.place == a.place && k.same_content(&a))
        {
            dropped += 1;
        } else {
            kept.push(a);
        }
    }
    (kept, dropped)
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

/// The latest assessment of each place, ordered by place. On equal dates,
/// the one changed last, then the greater id: every device picks the same.
pub fn latest_per_place(list: &[Assessment]) -> Vec<&Assessment> {
    let mut keyed: Vec<(String, &Assessment)> = list.iter().map(|a| (place_key(a), a)).collect();
    sort_by(&mut keyed, |(ka, a), (kb, b)| {
        ka.cmp(kb)
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| b.updated_ms.cmp(&a.updated_ms))
            .then_with(|| b.id.cmp(&a.id))
    });
    keyed.dedup_by(|later, first| later.0 == first.0);
    keyed.into_iter().map(|(_, a)| a).collect()
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::date::IsoDate;
    use crate::domain::rubric::builtin;
    use crate::domain::samples;
    use proptest::prelude::*;

    fn l(n: u8) -> Level {
        Level::new(n).unwrap()
    }

    fn levels(ns: &[u8]) -> Vec<Level> {
        ns.iter().map(|n| l(*n)).collect()
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
        let (kept, dropped) = distinct(vec![a.clone(), b.clone(), copy]);
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
        use crate::domain::exchange::{export_json, parse_file};
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
        fn anonymising_removes_every_personal_field(a in crate::domain::store::tests::arb_assessment_v2()) {
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
