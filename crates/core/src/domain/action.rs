//! One action of a plan: what someone will do to move a competency up.
//! A leaf of the model: an assessment holds its actions, and `plan` works
//! out which gaps they serve.

use super::date::IsoDate;
use super::limits::MAX_FIELD_CHARS;
use serde::{Deserialize, Serialize};

/// More than any real plan for five competencies; keeps a hostile file small.
pub const MAX_ACTIONS: usize = 100;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Todo,
    Doing,
    Done,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Todo, Status::Doing, Status::Done];
}

/// One thing someone will do to move a competency up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    /// Stable within its assessment: edits, keys and merges go by it, never
    /// by position. Data from before ids gets them when read.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The competency id it serves.
    pub competency: String,
    pub what: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<IsoDate>,
    #[serde(default)]
    pub status: Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemProblem {
    WhatMissing,
    TooLong,
}

impl PlanItem {
    pub fn problems(&self) -> Vec<ItemProblem> {
        let mut out = Vec::new();
        if self.what.trim().is_empty() {
            out.push(ItemProblem::WhatMissing);
        }
        if [&self.what, &self.owner]
            .iter()
            .any(|t| t.chars().count() > MAX_FIELD_CHARS)
        {
            out.push(ItemProblem::TooLong);
        }
        out
    }

    /// The item with its text trimmed, or `None` when it has problems.
    pub fn checked(mut self) -> Option<PlanItem> {
        self.what = self.what.trim().to_string();
        self.owner = self.owner.trim().to_string();
        self.problems().is_empty().then_some(self)
    }
}

/// One field of an action changed. Edits, not whole items, travel from the
/// form, so two changes in quick succession never undo each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanEdit {
    What(String),
    Owner(String),
    Due(Option<IsoDate>),
    Status(Status),
}

impl PlanEdit {
    pub fn apply(self, item: &mut PlanItem) {
        match self {
            PlanEdit::What(t) => item.what = t,
            PlanEdit::Owner(t) => item.owner = t,
            PlanEdit::Due(d) => item.due = d,
            PlanEdit::Status(s) => item.status = s,
        }
    }
}
