//! Assessments side by side: one subject over time, or any few (two cities,
//! two initiatives). The note asks cities to "track progress over time".

use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::{Level, Rubric};
use std::borrow::Borrow;

/// At most this many outlines on one radar: more would not be readable.
pub const MAX_OVERLAY: usize = 4;

/// Whether two assessments are of the same subject (`Assessment::same_subject`).
pub fn same_subject(a: &Assessment, b: &Assessment) -> bool {
    a.same_subject(b)
}

/// For each assessment of `list`, whether another one of the same subject
/// is in it. Sorted once, so thousands cost no more than a sort.
pub fn subjects_with_history<A: Borrow<Assessment>>(list: &[A]) -> Vec<bool> {
    fn key(a: &Assessment) -> (Option<&str>, String) {
        let name = match &a.subject {
            crate::domain::model::assessment::Subject::City => None,
            crate::domain::model::assessment::Subject::Initiative { name } => Some(name.as_str()),
        };
        (name, a.place.trim().to_lowercase())
    }
    let keys: Vec<_> = list.iter().map(|a| key(a.borrow())).collect();
    let order = crate::domain::order::order(list.len(), &|x, y| keys[x].cmp(&keys[y]));
    let mut out = vec![false; list.len()];
    for pair in order.windows(2) {
        if keys[pair[0]] == keys[pair[1]] {
            out[pair[0]] = true;
            out[pair[1]] = true;
        }
    }
    out
}

/// Every assessment of `of`'s subject, oldest first (ties: first created).
pub fn history<'a, A: Borrow<Assessment>>(all: &'a [A], of: &Assessment) -> Vec<&'a Assessment> {
    let mut list: Vec<&Assessment> = all
        .iter()
        .map(Borrow::borrow)
        .filter(|a| same_subject(a, of))
        .collect();
    crate::domain::order::sort_by(&mut list, |a, b| {
        a.date
            .cmp(&b.date)
            .then(a.created_ms.cmp(&b.created_ms))
            .then(a.id.cmp(&b.id))
    });
    list
}

/// How a level moved, e.g. +1; `None` when either side was not assessed.
pub fn change(from: Option<Level>, to: Option<Level>) -> Option<i8> {
    Some(to?.get() as i8 - from?.get() as i8)
}

/// A change as people write it: `+1`, `0`, `−1` (a true minus sign).
pub fn signed(delta: i8) -> String {
    match delta {
        d if d > 0 => format!("+{d}"),
        d if d < 0 => format!("\u{2212}{}", -d),
        _ => "0".into(),
    }
}

/// One competency across the compared assessments.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub competency: String,
    pub title: String,
    /// One per assessment, in the order given.
    pub levels: Vec<Option<Level>>,
    /// Each assessment against the one before it; the first has none.
    pub changes: Vec<Option<i8>>,
    /// The last against the first.
    pub overall: Option<i8>,
}

/// The comparison table: one line per competency of the rubric.
pub fn lines(rubric: &Rubric, list: &[&Assessment]) -> Vec<Line> {
    rubric
        .competencies
        .iter()
        .map(|c| {
            let levels: Vec<Option<Level>> = list.iter().map(|a| a.level(&c.id)).collect();
            let changes = levels
                .iter()
                .enumerate()
                .map(|(i, l)| i.checked_sub(1).and_then(|p| change(levels[p], *l)))
                .collect();
            let overall = match levels.as_slice() {
                [first, .., last] => change(*first, *last),
                _ => None,
            };
            Line {
                competency: c.id.clone(),
                title: c.title.clone(),
                levels,
                changes,
                overall,
            }
        })
        .collect()
}

/// The ones to draw on one radar: the latest `MAX_OVERLAY`, keeping order.
pub fn overlay<T>(list: &[T]) -> &[T] {
    &list[list.len().saturating_sub(MAX_OVERLAY)..]
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn subjects_with_history_matches_the_pairwise_rule() {
        let mut list = Vec::new();
        for (i, place) in ["Quito", "quito ", "Lima", "Cusco", "Lima"]
            .iter()
            .enumerate()
        {
            let mut a = crate::domain::model::samples::reference(false);
            a.id = format!("a{i}");
            a.place = place.to_string();
            list.push(a);
        }
        let pairwise: Vec<bool> = list
            .iter()
            .map(|a| list.iter().any(|b| b.id != a.id && same_subject(a, b)))
            .collect();
        assert_eq!(subjects_with_history(&list), pairwise);
        assert_eq!(pairwise, [true, true, true, false, true]);
    }
    use crate::domain::model::assessment::{IsoDate, Subject};
    use crate::domain::model::rubric::builtin;
    use crate::domain::model::samples::reference;
    use proptest::prelude::*;

    fn dated(id: &str, date: &str, levels: [u8; 5]) -> Assessment {
        let mut a = reference(false);
        a.id = id.into();
        a.date = IsoDate::parse(date).unwrap();
        for (i, c) in builtin().competencies.iter().enumerate() {
            a.edit_rating(&c.id, |r| r.level = Level::new(levels[i]));
        }
        a
    }

    #[test]
    fn history_keeps_one_subject_in_date_order() {
        let later = dated("b", "2027-03-01", [2; 5]);
        let earlier = dated("a", "2026-03-01", [1; 5]);
        let mut other_city = dated("c", "2026-06-01", [1; 5]);
        other_city.place = "Quito".into();
        let mut initiative = dated("d", "2026-06-01", [1; 5]);
        initiative.subject = Subject::Initiative {
            name: "Bike share".into(),
        };
        let mut same_city_other_case = dated("e", "2026-09-01", [1; 5]);
        same_city_other_case.place = " fortaleza".into();
        let all = vec![later, earlier, other_city, initiative, same_city_other_case];
        let ids: Vec<&str> = history(&all, &all[0])
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "e", "b"]);
    }

    #[test]
    fn lines_show_each_change_and_the_overall_one() {
        let a = dated("a", "2026-01-01", [1, 2, 3, 4, 5]);
        let mut b = dated("b", "2027-01-01", [2, 2, 2, 4, 5]);
        b.edit_rating("decision-making", |r| r.level = None);
        let c = dated("c", "2028-01-01", [3, 1, 2, 5, 5]);
        let lines = lines(builtin(), &[&a, &b, &c]);
        assert_eq!(lines[0].changes, [None, Some(1), Some(1)]);
        assert_eq!(lines[0].overall, Some(2));
        assert_eq!(lines[1].changes, [None, Some(0), Some(-1)]);
        assert_eq!(lines[2].overall, Some(-1));
        assert_eq!(lines[3].changes, [None, None, None], "not assessed in b");
        assert_eq!(lines[3].overall, Some(1));
        assert_eq!(lines[4].overall, Some(0));
    }

    #[test]
    fn changes_are_written_with_signs() {
        assert_eq!(signed(1), "+1");
        assert_eq!(signed(0), "0");
        assert_eq!(signed(-2), "\u{2212}2");
    }

    #[test]
    fn overlay_keeps_the_latest_four() {
        assert_eq!(overlay(&[1, 2, 3, 4, 5, 6]), &[3, 4, 5, 6]);
        assert_eq!(overlay(&[1, 2]), &[1, 2]);
        assert!(overlay::<u8>(&[]).is_empty());
    }

    proptest! {
        #[test]
        fn overall_change_is_the_sum_of_steps_when_all_are_assessed(
            levels in proptest::collection::vec(1u8..=5, 1..8)
        ) {
            let list: Vec<Assessment> = levels
                .iter()
                .enumerate()
                .map(|(i, l)| dated(&format!("x{i}"), &format!("20{:02}-01-01", 10 + i), [*l; 5]))
                .collect();
            let refs: Vec<&Assessment> = list.iter().collect();
            for line in lines(builtin(), &refs) {
                let sum: i8 = line.changes.iter().flatten().sum();
                let expected = if levels.len() > 1 { Some(sum) } else { None };
                prop_assert_eq!(line.overall, expected);
                prop_assert!(line.changes.iter().skip(1).all(|c| c.is_some_and(|d| (-4..=4).contains(&d))));
            }
        }
    }
}
