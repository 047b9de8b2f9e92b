//! Several respondents' views of one subject (one per department, say), their
//! spread per competency, and the one assessment the group agrees on.

use crate::domain::model::assessment::{Assessment, MAX_FIELD_CHARS};
use crate::domain::model::compare::same_subject;
use crate::domain::model::rubric::{Level, Rubric};

/// Respondents this far apart on one competency need to talk it through.
pub const DISAGREEMENT: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    pub min: Level,
    /// The middle level; with an even count, the lower of the two middle
    /// ones: the model is staged, so the group starts from the claim more of
    /// them can back, and can raise it.
    pub median: Level,
    pub max: Level,
    pub count: usize,
}

impl Spread {
    /// The spread of the levels given; `None` when there are none.
    pub fn of(levels: impl IntoIterator<Item = Level>) -> Option<Spread> {
        let mut v: Vec<Level> = levels.into_iter().collect();
        crate::domain::order::sort_by(&mut v, |a, b| a.cmp(b));
        Some(Spread {
            min: *v.first()?,
            median: v[(v.len() - 1) / 2],
            max: *v.last()?,
            count: v.len(),
        })
    }

    pub fn disagree(&self) -> bool {
        self.max.get() - self.min.get() >= DISAGREEMENT
    }
}

/// One competency across the respondents.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub competency: String,
    pub title: String,
    /// One per respondent, in the order given.
    pub levels: Vec<Option<Level>>,
    /// Over those who gave a level.
    pub spread: Option<Spread>,
    /// One per respondent; empty where they wrote none.
    pub notes: Vec<String>,
}

pub fn rows(rubric: &Rubric, respondents: &[&Assessment]) -> Vec<Row> {
    rubric
        .competencies
        .iter()
        .map(|c| {
            let levels: Vec<Option<Level>> = respondents.iter().map(|a| a.level(&c.id)).collect();
            Row {
                competency: c.id.clone(),
                title: c.title.clone(),
                spread: Spread::of(levels.iter().flatten().copied()),
                levels,
                notes: respondents
                    .iter()
                    .map(|a| a.rating(&c.id).map(|r| r.notes.clone()).unwrap_or_default())
                    .collect(),
            }
        })
        .collect()
}

/// True when the respondents are not all about one subject: merging a city
/// with another, or with an initiative, is almost always a mistake.
pub fn mixed_subjects(respondents: &[&Assessment]) -> bool {
    respondents.windows(2).any(|w| !same_subject(w[0], w[1]))
}

/// What the group agreed: a level (or none) per competency id.
pub type Choices = Vec<(String, Option<Level>)>;

/// The agreed assessment: the first respondent's subject, the latest date,
/// every assessor named, the chosen levels, the median target, each
/// respondent's notes under their name, and how many respondents there were.
/// `None` without respondents.
pub fn agreed(
    respondents: &[&Assessment],
    choices: &Choices,
    label: impl Fn(usize, &Assessment) -> String,
    id: String,
    now_ms: u64,
) -> Option<Assessment> {
    let first = respondents.first()?;
    let mut names: Vec<&str> = Vec::new();
    for a in respondents {
        let name = a.assessor.trim();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    let mut assessor = names.join(", ");
    if assessor.chars().count() > MAX_FIELD_CHARS {
        assessor = assessor
            .chars()
            .take(MAX_FIELD_CHARS - 1)
            .collect::<String>()
            + "…";
    }
    let mut out = Assessment {
        id,
        date: respondents.iter().map(|a| &a.date).max()?.clone(),
        assessor,
        ratings: Default::default(),
        plan: Vec::new(),
        respondents: u32::try_from(respondents.len()).ok(),
        created_ms: now_ms,
        updated_ms: now_ms,
        ..(*first).clone()
    };
    for (competency, level) in choices {
        let targets = respondents
            .iter()
            .filter_map(|a| a.rating(competency).and_then(|r| r.target));
        let notes: Vec<String> = respondents
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let text = a.rating(competency)?.notes.trim();
                (!text.is_empty()).then(|| format!("{}: {text}", label(i, a)))
            })
            .collect();
        let target = Spread::of(targets).map(|s| s.median);
        out.edit_rating(competency, |r| {
            r.level = *level;
            r.target = target;
            r.notes = notes.join("\n\n");
        });
    }
    Some(out)
}

/// The group's starting point: each competency's median level.
pub fn median_choices(rows: &[Row]) -> Choices {
    rows.iter()
        .map(|r| (r.competency.clone(), r.spread.map(|s| s.median)))
        .collect()
}

/// The medians, with what the group changed put over them (by competency id;
/// ids the rows lack are ignored).
pub fn choices(rows: &[Row], changed: &Choices) -> Choices {
    let mut out = median_choices(rows);
    for (id, level) in changed {
        if let Some(c) = out.iter_mut().find(|(c, _)| c == id) {
            c.1 = *level;
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::model::assessment::{IsoDate, MAX_NOTES_CHARS};
    use crate::domain::model::rubric::builtin;
    use crate::domain::model::samples::reference;
    use proptest::prelude::*;

    fn lv(n: u8) -> Level {
        Level::new(n).unwrap()
    }

    fn respondent(name: &str, date: &str, levels: [Option<u8>; 5]) -> Assessment {
        let mut a = reference(false);
        a.id = name.to_lowercase();
        a.assessor = name.into();
        a.date = IsoDate::parse(date).unwrap();
        for (i, c) in builtin().competencies.iter().enumerate() {
            a.edit_rating(&c.id, |r| {
                r.level = levels[i].and_then(Level::new);
                r.notes = format!("{name} on {}", c.id);
            });
        }
        a
    }

    #[test]
    fn spread_of_levels() {
        let s = Spread::of([lv(3), lv(1), lv(2)]).unwrap();
        assert_eq!((s.min, s.median, s.max, s.count), (lv(1), lv(2), lv(3), 3));
        assert!(s.disagree());
        let even = Spread::of([lv(4), lv(2), lv(3), lv(5)]).unwrap();
        assert_eq!(even.median, lv(3), "lower middle");
        assert!(!Spread::of([lv(2), lv(3)]).unwrap().disagree());
        assert!(Spread::of([]).is_none());
    }

    #[test]
    fn rows_show_each_respondent_and_skip_the_unassessed() {
        let a = respondent(
            "Planning",
            "2026-01-01",
            [Some(1), Some(2), None, Some(4), Some(5)],
        );
        let b = respondent(
            "Transport",
            "2026-02-01",
            [Some(3), Some(2), None, Some(4), None],
        );
        let rows = rows(builtin(), &[&a, &b]);
        assert_eq!(rows[0].levels, [Some(lv(1)), Some(lv(3))]);
        assert!(rows[0].spread.unwrap().disagree());
        assert!(!rows[1].spread.unwrap().disagree());
        assert_eq!(rows[2].spread, None);
        assert_eq!(rows[4].spread.map(|s| s.count), Some(1));
        assert_eq!(
            rows[0].notes,
            ["Planning on open-data", "Transport on open-data"]
        );
    }

    #[test]
    fn agreed_assessment_records_its_origin() {
        let a = respondent("Planning", "2026-01-01", [Some(1); 5]);
        let b = respondent("Transport", "2026-02-01", [Some(3); 5]);
        let c = respondent("Planning", "2025-12-01", [Some(2); 5]);
        let list = [&a, &b, &c];
        let mut choices = median_choices(&rows(builtin(), &list));
        choices[0].1 = Some(lv(3));
        let label = |i: usize, x: &Assessment| format!("{} ({})", x.assessor, i + 1);
        let m = agreed(&list, &choices, label, "agreed".into(), 9).unwrap();
        assert_eq!(m.respondents, Some(3));
        assert_eq!(m.date.as_str(), "2026-02-01", "the latest date");
        assert_eq!(m.assessor, "Planning, Transport");
        assert_eq!(m.level("open-data"), Some(lv(3)), "the group's choice");
        assert_eq!(m.level("analytics"), Some(lv(2)), "the median");
        assert_eq!(m.rating("analytics").unwrap().target, Some(lv(3)));
        assert_eq!(
            m.rating("analytics").unwrap().notes,
            "Planning (1): Planning on analytics\n\nTransport (2): Transport on analytics\n\nPlanning (3): Planning on analytics"
        );
        assert_eq!((m.id.as_str(), m.created_ms), ("agreed", 9));
        assert!(m.details().problems().is_empty());
        assert!(agreed(&[], &choices, label, "x".into(), 0).is_none());
    }

    #[test]
    fn the_groups_changes_go_over_the_medians() {
        let a = respondent("A", "2026-01-01", [Some(1); 5]);
        let b = respondent("B", "2026-01-01", [Some(3); 5]);
        let rows = rows(builtin(), &[&a, &b]);
        let changed = vec![
            ("analytics".to_string(), None),
            ("nowhere".to_string(), Some(lv(5))),
        ];
        let c = choices(&rows, &changed);
        assert_eq!(c.len(), 5);
        assert_eq!(
            c[0],
            ("open-data".to_string(), Some(lv(1))),
            "lower middle of 1 and 3"
        );
        assert_eq!(
            c[2],
            ("analytics".to_string(), None),
            "the group may leave one unrated"
        );
    }

    #[test]
    fn mixed_subjects_are_noticed() {
        let a = respondent("A", "2026-01-01", [Some(1); 5]);
        let mut b = respondent("B", "2026-01-01", [Some(1); 5]);
        assert!(!mixed_subjects(&[&a, &b]));
        b.place = "Quito".into();
        assert!(mixed_subjects(&[&a, &b]));
    }

    proptest! {
        #[test]
        fn spread_is_ordered_and_median_is_a_given_level(
            levels in proptest::collection::vec(1u8..=5, 1..20)
        ) {
            let s = Spread::of(levels.iter().map(|n| lv(*n))).unwrap();
            prop_assert!(s.min <= s.median && s.median <= s.max);
            prop_assert!(levels.contains(&s.median.get()));
            prop_assert_eq!(s.count, levels.len());
            let below = levels.iter().filter(|n| **n < s.median.get()).count();
            let above = levels.iter().filter(|n| **n > s.median.get()).count();
            prop_assert!(below <= levels.len() / 2 && above <= levels.len() / 2);
            prop_assert_eq!(s.disagree(), levels.iter().max().unwrap() - levels.iter().min().unwrap() >= 2);
        }

        #[test]
        fn agreed_notes_stay_within_the_cap(n in 1usize..12, len in 0usize..2000) {
            let mut list = Vec::new();
            for i in 0..n {
                let mut a = respondent(&format!("R{i}"), "2026-01-01", [Some(2); 5]);
                a.edit_rating("analytics", |r| r.notes = "é".repeat(len));
                list.push(a);
            }
            let refs: Vec<&Assessment> = list.iter().collect();
            let choices = median_choices(&rows(builtin(), &refs));
            let m = agreed(&refs, &choices, |i, _| format!("#{i}"), "m".into(), 0).unwrap();
            prop_assert!(m.ratings.values().all(|r| r.notes.chars().count() <= MAX_NOTES_CHARS));
            prop_assert_eq!(m.respondents, Some(n as u32));
            prop_assert!(m.assessor.chars().count() <= MAX_FIELD_CHARS);
        }
    }
}
