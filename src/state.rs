//! The one place app state changes. Components send `Action`s; effects at the
//! edges (storage, URL) report back with actions too. Pure: ids and clock
//! readings arrive inside actions, so every transition is testable natively.

use crate::domain::assessment::{Assessment, Details, IsoDate};
use crate::domain::exchange::{FileError, Parsed};
use crate::domain::plan::{PlanEdit, PlanItem, MAX_ACTIONS};
use crate::domain::route::Route;
use crate::domain::rubric::{builtin, Level};
use crate::domain::store::{Store, StoreError};
use std::rc::Rc;
use yew::Reducible;

/// Why changes are kept in memory only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoryReason {
    /// The browser refuses storage (private mode, sandboxed frame, settings).
    Unavailable,
    /// Saved data from a newer version is there; we must not overwrite it.
    NewerVersion { found: u64 },
    /// Unreadable saved data could not be copied aside, so we may not write over it.
    CouldNotSetAside,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    Saved,
    /// The browser's storage quota is used up.
    Full,
    Failed,
}

/// A stored value the app could not read, kept for the user to download.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAside {
    /// Where it was copied in storage; `None` when only this page holds it.
    pub key: Option<String>,
    pub raw: Rc<str>,
    pub reason: StoreError,
    /// How many assessments were left out of an otherwise readable value.
    pub skipped: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StorageStatus {
    pub memory_only: Option<MemoryReason>,
    pub last_write: WriteOutcome,
    pub set_aside: Vec<SetAside>,
}

impl Default for StorageStatus {
    fn default() -> Self {
        StorageStatus {
            memory_only: None,
            last_write: WriteOutcome::Saved,
            set_aside: Vec::new(),
        }
    }
}

/// A one-off message about what the user just did; cleared when the view changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Flash {
    Imported {
        added: usize,
        already_here: usize,
        damaged: usize,
        other_rubric: usize,
    },
    ImportFailed {
        file: String,
        error: FileError,
    },
    SavedCopy,
    AlreadySaved,
    /// Deleted, and can still be brought back from here.
    Deleted(Box<Assessment>),
    SavedAgreed {
        respondents: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub route: Route,
    pub store: Store,
    pub storage: StorageStatus,
    pub flash: Option<Flash>,
    /// A new version of the app is installed and waits for the user.
    pub update_ready: bool,
    /// Grows with every change to `store`; the save effect runs on it.
    pub revision: u64,
    /// Assessments opened from links or files to compare or merge, without
    /// saving them; gone when the page closes.
    pub opened: Vec<Assessment>,
    /// The UI language, a catalog's `lang`.
    pub lang: &'static str,
    /// The user has read that the model's descriptors stay in English.
    pub descriptors_notice_seen: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Navigate(Route),
    Create {
        id: String,
        details: Details,
        now_ms: u64,
    },
    UpdateDetails {
        id: String,
        details: Details,
        now_ms: u64,
    },
    SetLevel {
        id: String,
        competency: String,
        level: Option<Level>,
        now_ms: u64,
    },
    SetTarget {
        id: String,
        competency: String,
        target: Option<Level>,
        now_ms: u64,
    },
    SetNotes {
        id: String,
        competency: String,
        notes: String,
        now_ms: u64,
    },
    Delete {
        id: String,
    },
    /// Keep a shared assessment on this device, under a new id. Never
    /// replaces: an identical one already here is opened instead.
    SaveCopy {
        assessment: Assessment,
        id: String,
        now_ms: u64,
    },
    /// Add the assessments read from a file. `ids` are fresh ids, one per
    /// assessment, used when its own id is taken by a different one.
    Import {
        parsed: Parsed,
        ids: Vec<String>,
        now_ms: u64,
    },
    ImportFailed {
        file: String,
        error: FileError,
    },
    DismissFlash,
    UpdateReady,
    Wrote(WriteOutcome),
    /// The user deleted or dismissed a set-aside value.
    ForgetSetAside {
        index: usize,
    },
    /// Bring back the assessment of `Flash::Deleted`.
    UndoDelete,
    /// Start a new assessment of the same subject from an earlier one.
    Reassess {
        from: String,
        id: String,
        date: IsoDate,
        now_ms: u64,
    },
    Rename {
        id: String,
        name: String,
        now_ms: u64,
    },
    AddPlanItem {
        id: String,
        item: PlanItem,
        now_ms: u64,
    },
    /// Change one field of an action; refused when it would leave the
    /// action invalid (no "what").
    EditPlanItem {
        id: String,
        index: usize,
        edit: PlanEdit,
        now_ms: u64,
    },
    RemovePlanItem {
        id: String,
        index: usize,
        now_ms: u64,
    },
    /// Hold assessments from links or files for comparing or merging. `ids`
    /// are fresh, one per assessment, so they never clash with saved ones.
    Open {
        assessments: Vec<Assessment>,
        ids: Vec<String>,
    },
    Close {
        id: String,
    },
    /// Save what several respondents agreed as one new assessment.
    SaveAgreed {
        assessment: Assessment,
    },
    /// One guided-mode answer; `counts` are the questions per level.
    Answer {
        id: String,
        competency: String,
        counts: Vec<usize>,
        level: Level,
        question: usize,
        answer: crate::domain::guided::Answer,
        now_ms: u64,
    },
    /// Switch the UI language; a tag we have no catalog for changes nothing.
    SetLanguage(String),
    DismissDescriptorsNotice,
}

impl AppState {
    pub fn new(route: Route, store: Store, storage: StorageStatus) -> AppState {
        AppState {
            route,
            store,
            storage,
            flash: None,
            update_ready: false,
            revision: 0,
            opened: Vec::new(),
            lang: crate::i18n::EN.lang,
            descriptors_notice_seen: false,
        }
    }

    /// Saved and opened assessments by id: what compare and merge choose from.
    pub fn any(&self, id: &str) -> Option<&Assessment> {
        self.store
            .get(id)
            .or_else(|| self.opened.iter().find(|a| a.id == id))
    }

    /// The assessment the current view shows, if it exists on this device.
    pub fn current(&self) -> Option<&Assessment> {
        self.route.assessment_id().and_then(|id| self.store.get(id))
    }

    fn edit(&mut self, id: &str, now_ms: u64, f: impl FnOnce(&mut Assessment) -> bool) {
        if let Some(a) = self.store.get_mut(id) {
            let before = a.clone();
            if f(a) && *a != before {
                a.updated_ms = now_ms;
                self.revision += 1;
            }
        }
    }

    /// Applies one action; used by the `Reducible` impl and directly in tests.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Navigate(route) => {
                // Our own URL sync echoes back as the same route: keep the flash then.
                if route != self.route {
                    self.flash = None;
                    self.route = route;
                }
            }
            Action::SaveCopy {
                mut assessment,
                id,
                now_ms,
            } => {
                if let Some(existing) = self.store.find_same_content(&assessment) {
                    self.route = Route::Results {
                        id: existing.id.clone(),
                    };
                    self.flash = Some(Flash::AlreadySaved);
                    return;
                }
                assessment.id = id.clone();
                assessment.created_ms = now_ms;
                assessment.updated_ms = now_ms;
                if self.store.insert(assessment) {
                    self.revision += 1;
                    self.route = Route::Results { id };
                    self.flash = Some(Flash::SavedCopy);
                }
            }
            Action::Import {
                parsed,
                ids,
                now_ms,
            } => {
                let (mut added, mut already_here) = (0, 0);
                for (mut a, fresh) in parsed.assessments.into_iter().zip(ids) {
                    if self.store.find_same_content(&a).is_some() {
                        already_here += 1;
                        continue;
                    }
                    if self.store.get(&a.id).is_some() {
                        a.id = fresh;
                        a.updated_ms = now_ms;
                    }
                    if self.store.insert(a) {
                        added += 1;
                    }
                }
                if added > 0 {
                    self.revision += 1;
                }
                self.flash = Some(Flash::Imported {
                    added,
                    already_here,
                    damaged: parsed.damaged,
                    other_rubric: parsed.other_rubric,
                });
            }
            Action::ImportFailed { file, error } => {
                self.flash = Some(Flash::ImportFailed { file, error })
            }
            Action::DismissFlash => self.flash = None,
            Action::UpdateReady => self.update_ready = true,
            Action::Create {
                id,
                details,
                now_ms,
            } => {
                let rubric = builtin();
                if let Some(a) = Assessment::new(id, &details, rubric, now_ms) {
                    let route = Route::Step {
                        id: a.id.clone(),
                        competency: rubric.competencies[0].id.clone(),
                    };
                    if self.store.insert(a) {
                        self.revision += 1;
                        self.route = route;
                    }
                }
            }
            Action::UpdateDetails {
                id,
                details,
                now_ms,
            } => self.edit(&id, now_ms, |a| a.set_details(&details)),
            Action::SetLevel {
                id,
                competency,
                level,
                now_ms,
            } => self.edit(&id, now_ms, |a| {
                a.edit_rating(&competency, |r| r.level = level);
                true
            }),
            Action::SetTarget {
                id,
                competency,
                target,
                now_ms,
            } => self.edit(&id, now_ms, |a| {
                a.edit_rating(&competency, |r| r.target = target);
                true
            }),
            Action::SetNotes {
                id,
                competency,
                notes,
                now_ms,
            } => self.edit(&id, now_ms, |a| {
                a.edit_rating(&competency, |r| r.notes = notes);
                true
            }),
            Action::Delete { id } => {
                if let Some(gone) = self.store.remove(&id) {
                    self.revision += 1;
                    if self.route.assessment_id() == Some(id.as_str()) {
                        self.route = Route::Home;
                    }
                    self.flash = Some(Flash::Deleted(Box::new(gone)));
                }
            }
            Action::UndoDelete => {
                if let Some(Flash::Deleted(a)) = self.flash.take() {
                    if self.store.insert(*a) {
                        self.revision += 1;
                    }
                }
            }
            Action::Reassess {
                from,
                id,
                date,
                now_ms,
            } => {
                let Some(next) = self.store.get(&from).map(|a| a.reassess(id, date, now_ms)) else {
                    return;
                };
                let route = Route::Details {
                    id: next.id.clone(),
                };
                if self.store.insert(next) {
                    self.revision += 1;
                    self.route = route;
                }
            }
            Action::Rename { id, name, now_ms } => self.edit(&id, now_ms, |a| a.rename(&name)),
            Action::AddPlanItem { id, item, now_ms } => {
                self.edit(&id, now_ms, |a| match item.checked() {
                    Some(item) if a.plan.len() < MAX_ACTIONS => {
                        a.plan.push(item);
                        true
                    }
                    _ => false,
                })
            }
            Action::EditPlanItem {
                id,
                index,
                edit,
                now_ms,
            } => self.edit(&id, now_ms, |a| {
                let Some(slot) = a.plan.get_mut(index) else {
                    return false;
                };
                let mut next = slot.clone();
                edit.apply(&mut next);
                match next.checked() {
                    Some(next) => {
                        *slot = next;
                        true
                    }
                    None => false,
                }
            }),
            Action::RemovePlanItem { id, index, now_ms } => self.edit(&id, now_ms, |a| {
                (index < a.plan.len())
                    .then(|| a.plan.remove(index))
                    .is_some()
            }),
            Action::Open { assessments, ids } => {
                for (mut a, id) in assessments.into_iter().zip(ids) {
                    let known = self.store.find_same_content(&a).is_some()
                        || self.opened.iter().any(|b| b.same_content(&a));
                    if !known {
                        a.id = id;
                        self.opened.push(a);
                    }
                }
            }
            Action::Close { id } => self.opened.retain(|a| a.id != id),
            Action::Answer {
                id,
                competency,
                counts,
                level,
                question,
                answer,
                now_ms,
            } => self.edit(&id, now_ms, |a| {
                a.edit_rating(&competency, |r| {
                    r.guided
                        .get_or_insert_with(Default::default)
                        .set(&counts, level, question, answer)
                });
                true
            }),
            Action::SetLanguage(tag) => {
                if let Some(m) = crate::i18n::for_tag(&tag) {
                    self.lang = m.lang;
                }
            }
            Action::DismissDescriptorsNotice => self.descriptors_notice_seen = true,
            Action::SaveAgreed { assessment } => {
                let (id, respondents) = (assessment.id.clone(), assessment.respondents);
                if self.store.insert(assessment) {
                    self.revision += 1;
                    self.route = Route::Results { id };
                    self.flash = Some(Flash::SavedAgreed {
                        respondents: respondents.unwrap_or(0) as usize,
                    });
                }
            }
            Action::Wrote(outcome) => self.storage.last_write = outcome,
            Action::ForgetSetAside { index } => {
                if index < self.storage.set_aside.len() {
                    self.storage.set_aside.remove(index);
                }
            }
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::assessment::Subject;
    use crate::domain::plan::Status;

    fn details(place: &str) -> Details {
        Details {
            subject: Subject::City,
            place: place.into(),
            date: "2026-11-27".into(),
            assessor: "".into(),
        }
    }

    fn with_one() -> AppState {
        let mut s = AppState::new(Route::New, Store::default(), StorageStatus::default());
        s.apply(Action::Create {
            id: "a1".into(),
            details: details("Quito"),
            now_ms: 10,
        });
        s
    }

    #[test]
    fn create_adds_and_opens_the_first_competency() {
        let s = with_one();
        assert_eq!(s.store.assessments.len(), 1);
        assert_eq!(s.revision, 1);
        assert_eq!(
            s.route,
            Route::Step {
                id: "a1".into(),
                competency: "open-data".into()
            }
        );
    }

    #[test]
    fn create_with_bad_details_changes_nothing() {
        let mut s = AppState::new(Route::New, Store::default(), StorageStatus::default());
        s.apply(Action::Create {
            id: "a1".into(),
            details: details("  "),
            now_ms: 10,
        });
        assert!(s.store.assessments.is_empty());
        assert_eq!((s.revision, s.route), (0, Route::New));
    }

    #[test]
    fn create_never_replaces_an_existing_assessment() {
        let mut s = with_one();
        s.apply(Action::Create {
            id: "a1".into(),
            details: details("Lima"),
            now_ms: 11,
        });
        assert_eq!(s.store.assessments.len(), 1);
        assert_eq!(s.store.get("a1").unwrap().place, "Quito");
    }

    #[test]
    fn edits_bump_revision_and_timestamp_only_when_something_changes() {
        let mut s = with_one();
        let set = |level| Action::SetLevel {
            id: "a1".into(),
            competency: "analytics".into(),
            level,
            now_ms: 20,
        };
        s.apply(set(Level::new(3)));
        assert_eq!(s.revision, 2);
        assert_eq!(s.store.get("a1").unwrap().updated_ms, 20);
        s.apply(set(Level::new(3)));
        assert_eq!(s.revision, 2, "same value again is not a change");
        s.apply(Action::SetNotes {
            id: "a1".into(),
            competency: "analytics".into(),
            notes: "evidence".into(),
            now_ms: 30,
        });
        s.apply(Action::SetTarget {
            id: "a1".into(),
            competency: "analytics".into(),
            target: Level::new(5),
            now_ms: 40,
        });
        let r = s
            .store
            .get("a1")
            .unwrap()
            .rating("analytics")
            .unwrap()
            .clone();
        assert_eq!(
            (r.level, r.target, r.notes.as_str()),
            (Level::new(3), Level::new(5), "evidence")
        );
        assert_eq!(s.revision, 4);
    }

    #[test]
    fn edits_to_unknown_ids_are_ignored() {
        let mut s = with_one();
        let before = s.clone();
        s.apply(Action::SetLevel {
            id: "zz".into(),
            competency: "analytics".into(),
            level: Level::new(1),
            now_ms: 5,
        });
        assert_eq!(s, before);
    }

    #[test]
    fn delete_removes_and_leaves_its_view() {
        let mut s = with_one();
        s.apply(Action::Delete { id: "a1".into() });
        assert!(s.store.assessments.is_empty());
        assert_eq!(s.route, Route::Home);
        assert_eq!(s.revision, 2);
    }

    #[test]
    fn undo_brings_a_deleted_assessment_back_once() {
        let mut s = with_one();
        let before = s.store.clone();
        s.apply(Action::Delete { id: "a1".into() });
        assert!(matches!(s.flash, Some(Flash::Deleted(_))));
        s.apply(Action::UndoDelete);
        assert_eq!(s.store, before);
        assert_eq!((s.flash.clone(), s.revision), (None, 3));
        s.apply(Action::UndoDelete);
        assert_eq!(s.store.assessments.len(), 1, "nothing left to undo");
    }

    #[test]
    fn reassess_copies_answers_and_open_actions_under_a_new_date() {
        let mut s = with_one();
        s.apply(Action::SetLevel {
            id: "a1".into(),
            competency: "analytics".into(),
            level: Level::new(2),
            now_ms: 11,
        });
        for (what, status) in [("open", Status::Todo), ("finished", Status::Done)] {
            s.apply(Action::AddPlanItem {
                id: "a1".into(),
                item: PlanItem {
                    competency: "analytics".into(),
                    what: what.into(),
                    status,
                    ..Default::default()
                },
                now_ms: 12,
            });
        }
        s.apply(Action::Reassess {
            from: "a1".into(),
            id: "a2".into(),
            date: IsoDate::parse("2027-11-27").unwrap(),
            now_ms: 50,
        });
        let b = s.store.get("a2").unwrap();
        assert_eq!((b.place.as_str(), b.date.as_str()), ("Quito", "2027-11-27"));
        assert_eq!(b.level("analytics"), Level::new(2));
        assert_eq!(b.plan.len(), 1);
        assert_eq!(b.plan[0].what, "open");
        assert_eq!(s.route, Route::Details { id: "a2".into() });
        assert_eq!(
            s.store.get("a1").unwrap().plan.len(),
            2,
            "the earlier one is kept"
        );
    }

    #[test]
    fn rename_changes_the_city_or_initiative_name() {
        let mut s = with_one();
        s.apply(Action::Rename {
            id: "a1".into(),
            name: " Quito DM ".into(),
            now_ms: 20,
        });
        assert_eq!(s.store.get("a1").unwrap().place, "Quito DM");
        let before = s.clone();
        s.apply(Action::Rename {
            id: "a1".into(),
            name: " ".into(),
            now_ms: 21,
        });
        assert_eq!(s, before, "an empty name is refused");
    }

    #[test]
    fn plan_items_are_checked_edited_and_removed() {
        let mut s = with_one();
        let item = |what: &str| PlanItem {
            competency: "open-data".into(),
            what: what.into(),
            ..Default::default()
        };
        s.apply(Action::AddPlanItem {
            id: "a1".into(),
            item: item(" "),
            now_ms: 1,
        });
        assert!(s.store.get("a1").unwrap().plan.is_empty());
        s.apply(Action::AddPlanItem {
            id: "a1".into(),
            item: item(" Publish budgets "),
            now_ms: 2,
        });
        let edit = |edit| Action::EditPlanItem {
            id: "a1".into(),
            index: 0,
            edit,
            now_ms: 3,
        };
        // Two edits in a row both land: each applies to the current item.
        s.apply(edit(PlanEdit::Status(Status::Done)));
        s.apply(edit(PlanEdit::Owner(" Finance ".into())));
        s.apply(edit(PlanEdit::What("  ".into())));
        let mut done = item("Publish budgets");
        done.status = Status::Done;
        done.owner = "Finance".into();
        assert_eq!(
            s.store.get("a1").unwrap().plan,
            [done],
            "an empty what is refused"
        );
        s.apply(Action::RemovePlanItem {
            id: "a1".into(),
            index: 5,
            now_ms: 4,
        });
        assert_eq!(s.store.get("a1").unwrap().plan.len(), 1);
        s.apply(Action::RemovePlanItem {
            id: "a1".into(),
            index: 0,
            now_ms: 4,
        });
        assert!(s.store.get("a1").unwrap().plan.is_empty());
    }

    #[test]
    fn opened_assessments_are_held_apart_and_never_saved() {
        let mut s = with_one();
        let own = s.store.get("a1").unwrap().clone();
        s.apply(Action::Open {
            assessments: vec![own, shared_copy(), shared_copy()],
            ids: vec!["o1".into(), "o2".into(), "o3".into()],
        });
        let ids: Vec<&str> = s.opened.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["o2"], "saved ones and duplicates are not held twice");
        assert_eq!(s.revision, 1);
        assert_eq!(s.any("o2").map(|a| a.place.as_str()), Some("Recife"));
        s.apply(Action::Close { id: "o2".into() });
        assert!(s.opened.is_empty());
    }

    #[test]
    fn guided_answers_suggest_and_record_acceptance() {
        use crate::domain::guided::Answer;
        let mut s = with_one();
        let answer = |level: u8, question: usize, answer: Answer| Action::Answer {
            id: "a1".into(),
            competency: "analytics".into(),
            counts: vec![2, 2, 2, 2, 2],
            level: Level::new(level).unwrap(),
            question,
            answer,
            now_ms: 30,
        };
        for (l, q, a) in [
            (1, 0, Answer::Yes),
            (1, 1, Answer::Yes),
            (2, 0, Answer::Yes),
            (2, 1, Answer::No),
        ] {
            s.apply(answer(l, q, a));
        }
        let g = |s: &AppState| {
            s.store
                .get("a1")
                .unwrap()
                .rating("analytics")
                .unwrap()
                .guided
                .clone()
                .unwrap()
        };
        assert_eq!((g(&s).suggested, g(&s).accepted), (Level::new(1), false));
        let set = |level| Action::SetLevel {
            id: "a1".into(),
            competency: "analytics".into(),
            level: Level::new(level),
            now_ms: 31,
        };
        s.apply(set(1));
        assert!(g(&s).accepted, "accepted the suggestion");
        s.apply(set(3));
        assert!(!g(&s).accepted, "overridden");
        assert_eq!(g(&s).answers, ["yy", "yn"]);
    }

    #[test]
    fn language_switches_only_to_a_catalog_we_have() {
        let mut s = with_one();
        s.apply(Action::SetLanguage("pt-BR".into()));
        assert_eq!(s.lang, "pt");
        s.apply(Action::SetLanguage("<script>".into()));
        assert_eq!(s.lang, "pt");
        assert_eq!(s.revision, 1, "a language is not a change to assessments");
    }

    #[test]
    fn agreed_assessment_is_saved_and_opened() {
        let mut s = with_one();
        let mut agreed = shared_copy();
        agreed.id = "m1".into();
        agreed.respondents = Some(3);
        s.apply(Action::SaveAgreed { assessment: agreed });
        assert_eq!(s.route, Route::Results { id: "m1".into() });
        assert_eq!(s.flash, Some(Flash::SavedAgreed { respondents: 3 }));
        assert_eq!(s.store.get("m1").unwrap().respondents, Some(3));
    }

    #[test]
    fn write_outcomes_do_not_trigger_another_save() {
        let mut s = with_one();
        s.apply(Action::Wrote(WriteOutcome::Full));
        assert_eq!(s.storage.last_write, WriteOutcome::Full);
        assert_eq!(s.revision, 1);
    }

    fn shared_copy() -> Assessment {
        let mut a = with_one().store.get("a1").unwrap().clone();
        a.id = String::new();
        a.place = "Recife".into();
        a.edit_rating("analytics", |r| r.level = Level::new(4));
        a
    }

    #[test]
    fn saving_a_shared_copy_adds_it_under_a_new_id_and_opens_it() {
        let mut s = with_one();
        s.apply(Action::SaveCopy {
            assessment: shared_copy(),
            id: "n1".into(),
            now_ms: 99,
        });
        assert_eq!(s.store.assessments.len(), 2);
        assert_eq!(s.store.get("n1").unwrap().created_ms, 99);
        assert_eq!(s.route, Route::Results { id: "n1".into() });
        assert_eq!(s.flash, Some(Flash::SavedCopy));
        // Our own hash sync echoes the route back: the message stays.
        s.apply(Action::Navigate(Route::Results { id: "n1".into() }));
        assert_eq!(s.flash, Some(Flash::SavedCopy));
        s.apply(Action::Navigate(Route::Home));
        assert_eq!(s.flash, None);
    }

    #[test]
    fn saving_the_same_shared_copy_twice_opens_the_first() {
        let mut s = with_one();
        for id in ["n1", "n2"] {
            s.apply(Action::SaveCopy {
                assessment: shared_copy(),
                id: id.into(),
                now_ms: 99,
            });
        }
        assert_eq!(s.store.assessments.len(), 2);
        assert_eq!(s.route, Route::Results { id: "n1".into() });
        assert_eq!(s.flash, Some(Flash::AlreadySaved));
    }

    #[test]
    fn import_adds_new_ones_renames_clashing_ids_and_skips_copies() {
        let mut s = with_one();
        let existing = s.store.get("a1").unwrap().clone();
        let mut clash = shared_copy();
        clash.id = "a1".into();
        let mut fresh = shared_copy();
        fresh.id = "b7".into();
        fresh.place = "Natal".into();
        s.apply(Action::Import {
            parsed: Parsed {
                assessments: vec![existing, clash, fresh],
                damaged: 2,
                other_rubric: 1,
            },
            ids: vec!["x1".into(), "x2".into(), "x3".into()],
            now_ms: 5,
        });
        let ids: Vec<&str> = s.store.assessments.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "x2", "b7"]);
        assert_eq!(s.store.get("a1").unwrap().place, "Quito", "never replaced");
        assert_eq!(
            s.flash,
            Some(Flash::Imported {
                added: 2,
                already_here: 1,
                damaged: 2,
                other_rubric: 1
            })
        );
        assert_eq!(s.revision, 2);
    }

    #[test]
    fn reduce_keeps_the_same_rc_when_nothing_changes() {
        let s = Rc::new(with_one());
        let same = s.clone().reduce(Action::Navigate(s.route.clone()));
        assert!(Rc::ptr_eq(&s, &same));
    }
}
