//! From gaps to an action plan: which levels lie between where a competency
//! is and where the city wants it, and the actions the city writes down to
//! get there (saved with the assessment).

pub use crate::domain::model::action::{ItemProblem, PlanEdit, PlanItem, Status, MAX_ACTIONS};
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::{Competency, Level, Rubric};

/// A competency whose target lies above its current level.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap<'r> {
    pub competency: &'r Competency,
    pub current: Level,
    pub target: Level,
}

impl Gap<'_> {
    /// The levels to reach on the way, lowest first: what must become true.
    pub fn steps(&self) -> impl Iterator<Item = Level> + '_ {
        Level::all().filter(|l| *l > self.current && *l <= self.target)
    }
}

/// Every competency with a target above its level, in rubric order.
pub fn gaps<'r>(rubric: &'r Rubric, a: &Assessment) -> Vec<Gap<'r>> {
    rubric
        .competencies
        .iter()
        .filter_map(|c| {
            let r = a.rating(&c.id)?;
            match (r.level, r.target) {
                (Some(current), Some(target)) if target > current => Some(Gap {
                    competency: c,
                    current,
                    target,
                }),
                _ => None,
            }
        })
        .collect()
}

/// The open actions that matter first: in progress before not started, then
/// by due date (undated last), then in the order they were written.
pub fn top_actions(a: &Assessment, n: usize) -> Vec<&PlanItem> {
    let mut open: Vec<(usize, &PlanItem)> = a
        .plan
        .iter()
        .enumerate()
        .filter(|(_, p)| p.status != Status::Done)
        .collect();
    crate::domain::order::sort_by(&mut open, |(i, x), (j, y)| {
        let rank = |p: &PlanItem| (p.status != Status::Doing, p.due.is_none(), p.due.clone());
        rank(x).cmp(&rank(y)).then(i.cmp(j))
    });
    open.into_iter().take(n).map(|(_, p)| p).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::date::IsoDate;
    use crate::domain::limits::MAX_FIELD_CHARS;
    use crate::domain::model::rubric::builtin;
    use crate::domain::model::samples::reference;

    fn item(what: &str, status: Status, due: Option<&str>) -> PlanItem {
        PlanItem {
            id: String::new(),
            competency: "analytics".into(),
            what: what.into(),
            owner: String::new(),
            due: due.and_then(IsoDate::parse),
            status,
        }
    }

    #[test]
    fn gaps_list_the_levels_in_between() {
        let mut a = reference(false);
        a.edit_rating("analytics", |r| {
            r.level = Level::new(1);
            r.target = Level::new(4);
        });
        a.edit_rating("open-data", |r| r.target = Level::new(2)); // level 2: no gap
        let gaps = gaps(builtin(), &a);
        let ids: Vec<&str> = gaps.iter().map(|g| g.competency.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "data-ecosystems",
                "analytics",
                "decision-making",
                "public-services"
            ]
        );
        let analytics = &gaps[1];
        let steps: Vec<u8> = analytics.steps().map(Level::get).collect();
        assert_eq!(steps, [2, 3, 4]);
    }

    #[test]
    fn no_gap_without_a_level_or_below_it() {
        let mut a = reference(false);
        a.edit_rating("analytics", |r| r.level = None);
        a.edit_rating("open-data", |r| r.target = Level::new(1));
        assert!(gaps(builtin(), &a)
            .iter()
            .all(|g| g.competency.id != "analytics" && g.competency.id != "open-data"));
    }

    #[test]
    fn top_actions_put_work_in_progress_and_early_dates_first() {
        let mut a = reference(false);
        a.plan = vec![
            item("undated", Status::Todo, None),
            item("late", Status::Todo, Some("2027-06-01")),
            item("finished", Status::Done, Some("2026-01-01")),
            item("early", Status::Todo, Some("2027-01-01")),
            item("started", Status::Doing, None),
        ];
        let top: Vec<&str> = top_actions(&a, 3).iter().map(|p| p.what.as_str()).collect();
        assert_eq!(top, ["started", "early", "late"]);
        assert_eq!(top_actions(&a, 10).len(), 4);
    }

    #[test]
    fn items_need_a_what_and_short_text() {
        assert_eq!(
            item("  ", Status::Todo, None).problems(),
            [ItemProblem::WhatMissing]
        );
        let long = item(&"x".repeat(MAX_FIELD_CHARS + 1), Status::Todo, None);
        assert_eq!(long.problems(), [ItemProblem::TooLong]);
        let ok = item("  Publish the bus feed ", Status::Todo, None).checked();
        assert_eq!(ok.map(|p| p.what), Some("Publish the bus feed".to_string()));
    }

    #[test]
    fn status_is_stored_as_a_word() {
        let json = serde_json::to_string(&item("x", Status::Doing, Some("2027-01-31"))).unwrap();
        assert_eq!(
            json,
            r#"{"competency":"analytics","what":"x","due":"2027-01-31","status":"doing"}"#
        );
        assert!(serde_json::from_str::<PlanItem>(
            r#"{"competency":"a","what":"x","status":"maybe"}"#
        )
        .is_err());
    }
}
