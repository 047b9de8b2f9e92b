//! From an assessment to a profile. Deliberately no single overall score: the
//! model describes five separate competencies, and averaging them would invent
//! a number the note never defines.

use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::{Competency, Level, Rubric};

#[derive(Debug, Clone, PartialEq)]
pub struct Row<'r> {
    pub competency: &'r Competency,
    pub level: Option<Level>,
    pub target: Option<Level>,
    pub notes: String,
    /// What reaching the next level would mean; `None` at the top or when not assessed.
    pub next: Option<Level>,
    /// The level is the earlier assessment's, not yet confirmed.
    pub carried: bool,
}

impl Row<'_> {
    pub fn descriptor(&self) -> Option<&str> {
        self.level.map(|l| self.competency.descriptor(l))
    }
    pub fn next_descriptor(&self) -> Option<&str> {
        self.next.map(|l| self.competency.descriptor(l))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Profile<'r> {
    /// In rubric order, one per competency, assessed or not.
    pub rows: Vec<Row<'r>>,
}

impl<'r> Profile<'r> {
    pub fn of(rubric: &'r Rubric, assessment: &Assessment) -> Profile<'r> {
        let rows = rubric
            .competencies
            .iter()
            .map(|c| {
                let rating = assessment.rating(&c.id);
                let level = rating.and_then(|r| r.level);
                Row {
                    competency: c,
                    level,
                    target: rating.and_then(|r| r.target),
                    notes: rating.map(|r| r.notes.clone()).unwrap_or_default(),
                    next: level.and_then(Level::next),
                    carried: rating.is_some_and(|r| r.carried && r.level.is_some()),
                }
            })
            .collect();
        Profile { rows }
    }

    pub fn done(&self) -> usize {
        self.rows.iter().filter(|r| r.level.is_some()).count()
    }

    /// Levels carried over from the earlier assessment and not yet
    /// confirmed: rated, but not this time.
    pub fn carried(&self) -> usize {
        self.rows.iter().filter(|r| r.carried).count()
    }

    /// Levels given in this assessment: rated, and not carried over.
    pub fn confirmed(&self) -> usize {
        self.done() - self.carried()
    }

    /// Where to go on: the first competency not rated or whose level is
    /// carried over and waits to be confirmed.
    pub fn first_to_do(&self) -> Option<&'r Competency> {
        self.rows
            .iter()
            .find(|r| r.level.is_none() || r.carried)
            .map(|r| r.competency)
    }

    pub fn total(&self) -> usize {
        self.rows.len()
    }

    pub fn is_complete(&self) -> bool {
        self.done() == self.total()
    }

    /// The competencies at the lowest assessed level: the place to start.
    /// Ties are all named, in rubric order; empty when nothing is assessed.
    pub fn lowest(&self) -> (Option<Level>, Vec<&'r Competency>) {
        let Some(min) = self.rows.iter().filter_map(|r| r.level).min() else {
            return (None, Vec::new());
        };
        let comps = self
            .rows
            .iter()
            .filter(|r| r.level == Some(min))
            .map(|r| r.competency)
            .collect();
        (Some(min), comps)
    }

    /// The first competency not yet assessed, for "continue where you left off".
    pub fn first_missing(&self) -> Option<&'r Competency> {
        self.rows
            .iter()
            .find(|r| r.level.is_none())
            .map(|r| r.competency)
    }

    pub fn has_targets(&self) -> bool {
        self.rows.iter().any(|r| r.target.is_some())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::model::assessment::{Details, Subject};
    use crate::domain::model::rubric::builtin;
    use proptest::prelude::*;

    fn assessment(levels: &[Option<u8>]) -> Assessment {
        let d = Details {
            subject: Subject::City,
            place: "Quito".into(),
            date: "2026-01-01".into(),
            assessor: String::new(),
        };
        let mut a = Assessment::new("x".into(), &d, builtin(), 0).unwrap();
        for (c, l) in builtin().competencies.iter().zip(levels) {
            a.edit_rating(&c.id, |r| r.level = l.and_then(Level::new));
        }
        a
    }

    #[test]
    fn empty_assessment_has_no_levels_and_no_lowest() {
        let p = Profile::of(builtin(), &assessment(&[]));
        assert_eq!((p.done(), p.total()), (0, 5));
        assert_eq!(p.lowest(), (None, vec![]));
        assert!(p
            .rows
            .iter()
            .all(|r| r.level.is_none() && r.descriptor().is_none()));
        assert_eq!(p.first_missing().unwrap().id, "open-data");
    }

    #[test]
    fn lowest_names_every_tied_competency_in_rubric_order() {
        let p = Profile::of(
            builtin(),
            &assessment(&[Some(3), Some(1), None, Some(1), Some(4)]),
        );
        let (level, comps) = p.lowest();
        assert_eq!(level, Level::new(1));
        let ids: Vec<&str> = comps.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["data-ecosystems", "decision-making"]);
        assert_eq!(p.done(), 4);
        assert_eq!(p.first_missing().unwrap().id, "analytics");
    }

    #[test]
    fn next_level_descriptor_is_the_one_above() {
        let p = Profile::of(builtin(), &assessment(&[Some(2), Some(5)]));
        let open = &p.rows[0];
        assert_eq!(
            open.next_descriptor(),
            Some(builtin().competencies[0].descriptors[2].as_str())
        );
        assert_eq!(p.rows[1].next, None, "nothing above level 5");
    }

    proptest! {
        #[test]
        fn profile_reports_exactly_what_was_rated(levels in proptest::collection::vec(proptest::option::of(1u8..=5), 5)) {
            let a = assessment(&levels);
            let p = Profile::of(builtin(), &a);
            prop_assert_eq!(p.done(), levels.iter().flatten().count());
            for (row, l) in p.rows.iter().zip(&levels) {
                prop_assert_eq!(row.level.map(Level::get), *l);
            }
            let (min, comps) = p.lowest();
            prop_assert_eq!(min.map(Level::get), levels.iter().flatten().min().copied());
            prop_assert!(comps.iter().all(|c| a.level(&c.id) == min));
        }
    }
}
