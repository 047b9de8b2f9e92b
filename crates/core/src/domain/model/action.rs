//! One action of a plan: what someone will do to move a competency up.
//! A leaf of the model: an assessment holds its actions, and `plan` works
//! out which gaps they serve.

use crate::domain::date::IsoDate;
use crate::domain::limits::MAX_FIELD_CHARS;

/// More than any real plan for five competencies; keeps a hostile file small.
pub const MAX_ACTIONS: usize = 100;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(rename_all = "lowercase"))]
pub enum Status {
    #[default]
    Todo,
    Doing,
    Done,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Todo, Status::Doing, Status::Done];

    /// The word the JSON format stores.
    pub fn word(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::Doing => "doing",
            Status::Done => "done",
        }
    }
}

/// One thing someone will do to move a competency up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct PlanItem {
    /// Stable within its assessment: edits, keys and merges go by it, never
    /// by position. Data from before ids gets them when read.
    #[cfg_attr(test, serde(default, skip_serializing_if = "String::is_empty"))]
    pub id: String,
    /// The competency id it serves.
    pub competency: String,
    pub what: String,
    #[cfg_attr(test, serde(default, skip_serializing_if = "String::is_empty"))]
    pub owner: String,
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub due: Option<IsoDate>,
    #[cfg_attr(test, serde(default))]
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

impl PlanItem {
    pub fn write_json(&self, out: &mut String) {
        let mut o = crate::domain::formats::json::ObjWriter::new(out);
        if !self.id.is_empty() {
            o.str("id", &self.id);
        }
        o.str("competency", &self.competency)
            .str("what", &self.what);
        if !self.owner.is_empty() {
            o.str("owner", &self.owner);
        }
        if let Some(d) = &self.due {
            o.str("due", d.as_str());
        }
        o.str("status", self.status.word());
        o.end();
    }

    pub fn from_json(v: &crate::domain::formats::json::Json) -> Option<PlanItem> {
        let text = |k: &str| v.text_or_empty(k).ok();
        let status = match v.opt("status", |s| s.str().map(str::to_string)).ok()? {
            None => Status::Todo,
            Some(w) => *Status::ALL.iter().find(|s| s.word() == w)?,
        };
        Some(PlanItem {
            id: text("id")?,
            competency: v.get("competency")?.str()?.to_string(),
            what: v.get("what")?.str()?.to_string(),
            owner: text("owner")?,
            due: v.opt("due", |d| IsoDate::parse(d.str()?)).ok()?,
            status,
        })
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
