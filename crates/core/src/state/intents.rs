//! What the user asked for (`Intent`), and how each changes the state.

use super::*;

/// What the user asked for. No ids, no clock: `Stamp` brings those.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    Navigate(Route),
    Create {
        details: Details,
    },
    UpdateDetails {
        id: String,
        details: Details,
    },
    SetLevel {
        id: String,
        competency: String,
        level: Option<Level>,
    },
    /// Keep the level carried over from the earlier assessment: confirmed
    /// for this one.
    ConfirmLevel {
        id: String,
        competency: String,
    },
    SetTarget {
        id: String,
        competency: String,
        target: Option<Level>,
    },
    SetNotes {
        id: String,
        competency: String,
        notes: String,
    },
    Delete {
        id: String,
    },
    /// Keep a shared assessment on this device, under a new id. Never
    /// replaces: an identical one already here is opened instead.
    SaveCopy {
        assessment: Assessment,
    },
    /// Add the assessments read from a file (a fresh id for each whose own
    /// id is taken by a different assessment).
    Import {
        parsed: Parsed,
    },
    ImportFailed {
        file: String,
        error: FileError,
    },
    DismissFlash,
    /// The user deleted or dismissed a set-aside value.
    ForgetSetAside {
        index: usize,
    },
    /// Bring back the assessment of `Flash::Deleted`.
    UndoDelete,
    /// Start a new assessment of the same subject from an earlier one, with
    /// the details the user confirmed (the date above all). Nothing is made
    /// before this: the form that asks is only a view.
    Reassess {
        from: String,
        details: Details,
    },
    Rename {
        id: String,
        name: String,
    },
    /// Add an action (it gets a fresh id).
    AddPlanItem {
        id: String,
        item: PlanItem,
    },
    /// Change one field of an action; refused when it would leave the
    /// action invalid (no "what").
    EditPlanItem {
        id: String,
        item: String,
        edit: PlanEdit,
    },
    RemovePlanItem {
        id: String,
        item: String,
    },
    /// Hold assessments from links or files for comparing or merging, each
    /// under a fresh id so it never clashes with saved ones.
    Open {
        assessments: Vec<Assessment>,
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
        answer: Answer,
    },
    /// Switch the UI language (its catalog already loaded); a tag of a
    /// language the app does not have changes nothing.
    SetLanguage(String),
    DismissDescriptorsNotice,
    DismissElsewhere,
    /// Load the waiting new version, once no form is open.
    RequestReload,
    /// A form has (or no longer has) input that is not saved.
    FormOpen {
        form: String,
        open: bool,
    },
    /// A full copy was downloaded.
    BackupDownloaded,
    DismissBackupReminder,
}

impl Intent {
    /// How many fresh ids stamping this intent takes.
    pub fn ids_needed(&self) -> usize {
        match self {
            Intent::Create { .. }
            | Intent::SaveCopy { .. }
            | Intent::Reassess { .. }
            | Intent::AddPlanItem { .. }
            | Intent::SaveAgreed { .. } => 1,
            Intent::Import { parsed } => parsed.assessments.len(),
            Intent::Open { assessments } => assessments.len(),
            _ => 0,
        }
    }
}

impl AppState {
    pub(super) fn edit(&mut self, id: &str, now_ms: u64, f: impl FnOnce(&mut Assessment) -> bool) {
        if self.store.edit(id, now_ms, f) {
            self.changed(id, now_ms, None);
        }
    }

    pub(super) fn add(&mut self, entry: Entry, now_ms: u64) -> bool {
        let id = entry.assessment.id.clone();
        let added = self.store.insert(entry);
        if added {
            self.changed(&id, now_ms, None);
        }
        added
    }

    pub(super) fn import(&mut self, parsed: Parsed, stamp: &mut Stamp) {
        let now = stamp.now_ms;
        let mut report = ImportReport {
            damaged: parsed.damaged,
            other_rubric: parsed.other_rubric,
            shortened: parsed.shortened,
            ..ImportReport::default()
        };
        // Built once: thousands of entries against thousands saved must
        // not compare every pair.
        let before: Vec<Rc<Assessment>> = self.store.assessments().to_vec();
        let index = ContentIndex::of(&before);
        for mut a in parsed.assessments {
            let fresh = stamp.id();
            if index.find(&before, &a).is_some() {
                report.already_here += 1;
                continue;
            }
            match self.store.get(&a.id) {
                // Another version of the same assessment (its id and the
                // moment it was created, never its place alone): the newer
                // one stays.
                Some(here) if here.created_ms == a.created_ms && a.created_ms != 0 => {
                    if a.updated_ms > here.updated_ms {
                        let id = a.id.clone();
                        if self.store.edit(&id, now, |x| {
                            let created = x.created_ms;
                            *x = a;
                            x.created_ms = created;
                            true
                        }) {
                            self.changed_as(&id, now, None, true);
                            report.ids.push(id);
                        }
                        report.updated += 1;
                    } else {
                        report.newer_here += 1;
                    }
                    continue;
                }
                Some(_) => match fresh {
                    Some(id) => a.id = id,
                    None => continue,
                },
                None => {}
            }
            let id = a.id.clone();
            if self.store.insert(Entry::new(a, now)) {
                self.changed_as(&id, now, None, true);
                report.ids.push(id);
                report.added += 1;
            }
        }
        report.unsaved = report.ids.len();
        // A full copy brought back (after a wipe, on a new PC): when every
        // assessment here is now one the file holds (a file of the app's
        // holds each once), the user has a full copy of it all, as of now.
        let in_file = report.added + report.updated + report.already_here;
        if !self.store.is_empty() && report.newer_here == 0 && self.store.len() <= in_file {
            self.backup.restored(now);
        }
        self.flash = Some(Flash::Imported(report));
    }

    pub(super) fn apply_intent(&mut self, intent: Intent, stamp: &mut Stamp) {
        let now = stamp.now_ms;
        if self.today != stamp.today {
            self.today = std::mem::take(&mut stamp.today);
        }
        match intent {
            Intent::Navigate(route) => {
                // Our own URL sync echoes back as the same route: keep the flash then.
                if route != self.route {
                    self.flash = None;
                    self.elsewhere = None;
                    self.lang_unavailable = None;
                    self.route = route;
                }
            }
            Intent::SaveCopy { mut assessment } => {
                if let Some(existing) = self.store.find_same_content(&assessment) {
                    self.route = Route::Results {
                        id: existing.id.clone(),
                    };
                    self.flash = Some(Flash::AlreadySaved);
                    return;
                }
                let Some(id) = stamp.id() else { return };
                assessment.id = id.clone();
                assessment.created_ms = now;
                assessment.updated_ms = now;
                if self.add(Entry::new(assessment, now), now) {
                    self.route = Route::Results { id };
                    self.flash = Some(Flash::SavedCopy);
                }
            }
            Intent::Import { parsed } => self.import(parsed, stamp),
            Intent::ImportFailed { file, error } => {
                self.flash = Some(Flash::ImportFailed { file, error })
            }
            Intent::DismissFlash => self.flash = None,
            Intent::Create { details } => {
                let Some(id) = stamp.id() else { return };
                let rubric = builtin();
                if let Some(a) = Assessment::new(id, &details, rubric, now) {
                    let route = Route::Step {
                        id: a.id.clone(),
                        competency: rubric.competencies[0].id.clone(),
                    };
                    if self.add(Entry::new(a, now), now) {
                        self.route = route;
                    }
                }
            }
            Intent::UpdateDetails { id, details } => {
                // Saving the form of an assessment deleted meanwhile in
                // another tab brings it back, with the new details.
                self.undo_deleted_elsewhere(&id, now);
                self.edit(&id, now, |a| a.set_details(&details))
            }
            Intent::SetLevel {
                id,
                competency,
                level,
            } => self.edit(&id, now, |a| {
                a.edit_rating(&competency, |r| {
                    r.level = level;
                    r.carried = false;
                });
                true
            }),
            Intent::ConfirmLevel { id, competency } => self.edit(&id, now, |a| {
                let carried = a.rating(&competency).is_some_and(|r| r.carried);
                a.edit_rating(&competency, |r| r.carried = false);
                carried
            }),
            Intent::SetTarget {
                id,
                competency,
                target,
            } => self.edit(&id, now, |a| {
                a.edit_rating(&competency, |r| r.target = target);
                true
            }),
            Intent::SetNotes {
                id,
                competency,
                notes,
            } => self.edit(&id, now, |a| {
                a.edit_rating(&competency, |r| r.notes = notes);
                true
            }),
            Intent::Delete { id } => {
                if let Some(gone) = self.store.remove(&id) {
                    // Never earlier than the last edit it had: the deletion
                    // must win over every copy of that edit.
                    let at = now.max(gone.clock.latest());
                    self.changed(&id, now, Some(at));
                    if self.route.assessment_id() == Some(id.as_str()) {
                        self.route = Route::Home;
                    }
                    self.flash = Some(Flash::Deleted(Box::new(gone)));
                }
            }
            Intent::UndoDelete => {
                if let Some(id) = self.route.assessment_id().map(str::to_string) {
                    if self.undo_deleted_elsewhere(&id, now) {
                        return;
                    }
                }
                if let Some(Flash::Deleted(mut e)) = self.flash.take() {
                    // Written after the deletion, so it wins over it everywhere.
                    let deleted_at = self
                        .pending
                        .iter()
                        .find(|p| p.id == e.assessment.id)
                        .and_then(|p| p.deleted_ms)
                        .unwrap_or(now);
                    e.stamp_all(now.max(deleted_at.saturating_add(1)));
                    self.add(*e, now);
                }
            }
            Intent::Reassess { from, details } => {
                let Some(id) = stamp.id() else { return };
                // From the assessment as this tab had it, even if another
                // tab deleted it meanwhile: that one stays deleted.
                let Some(mut next) = self
                    .store
                    .get(&from)
                    .or(self.deleted_elsewhere(&from))
                    .map(|a| a.reassess(id, a.date.clone(), now))
                else {
                    return;
                };
                if !next.set_details(&details) {
                    return;
                }
                let route = Route::Step {
                    id: next.id.clone(),
                    competency: builtin().competencies[0].id.clone(),
                };
                if self.add(Entry::new(next, now), now) {
                    self.route = route;
                }
            }
            Intent::Rename { id, name } => self.edit(&id, now, |a| a.rename(&name)),
            Intent::AddPlanItem { id, mut item } => {
                let Some(item_id) = stamp.id() else { return };
                item.id = item_id;
                self.edit(&id, now, |a| match item.checked() {
                    Some(item) if a.plan.len() < MAX_ACTIONS => {
                        a.plan.push(item);
                        true
                    }
                    _ => false,
                })
            }
            Intent::EditPlanItem { id, item, edit } => self.edit(&id, now, |a| {
                let Some(slot) = a.plan.iter_mut().find(|p| p.id == item) else {
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
            Intent::RemovePlanItem { id, item } => self.edit(&id, now, |a| {
                let before = a.plan.len();
                a.plan.retain(|p| p.id != item);
                a.plan.len() < before
            }),
            Intent::Open { assessments } => {
                for mut a in assessments {
                    let Some(id) = stamp.id() else { return };
                    let known = self.store.find_same_content(&a).is_some()
                        || self.opened.iter().any(|b| b.same_content(&a));
                    if !known {
                        a.id = id;
                        self.opened.push(a);
                    }
                }
            }
            Intent::Close { id } => self.opened.retain(|a| a.id != id),
            Intent::Answer {
                id,
                competency,
                counts,
                level,
                question,
                answer,
            } => self.edit(&id, now, |a| {
                a.edit_rating(&competency, |r| {
                    r.guided
                        .get_or_insert_with(Default::default)
                        .set(&counts, level, question, answer)
                });
                true
            }),
            // The edge has the language's catalog before it asks.
            Intent::SetLanguage(tag) => {
                if let Some(code) = crate::i18n::language_of(&tag) {
                    self.lang = code;
                    self.lang_unavailable = None;
                }
            }
            Intent::DismissDescriptorsNotice => self.descriptors_notice_seen = true,
            Intent::DismissElsewhere => match &mut self.elsewhere {
                // The notice goes; what the form on screen holds stays.
                Some(Elsewhere::Deleted { dismissed, .. }) => *dismissed = true,
                _ => self.elsewhere = None,
            },
            Intent::SaveAgreed { mut assessment } => {
                let Some(id) = stamp.id() else { return };
                assessment.id = id.clone();
                assessment.created_ms = now;
                assessment.updated_ms = now;
                let respondents = assessment.respondents;
                if self.add(Entry::new(assessment, now), now) {
                    self.route = Route::Results { id };
                    self.flash = Some(Flash::SavedAgreed {
                        respondents: respondents.unwrap_or(0) as usize,
                    });
                }
            }
            Intent::ForgetSetAside { index } => {
                if index < self.storage.set_aside.len() {
                    self.storage.set_aside.remove(index);
                }
            }
            Intent::RequestReload => {
                if self.update != Update::None {
                    self.update = Update::Requested;
                }
            }
            Intent::FormOpen { form, open } => {
                self.open_forms.retain(|f| *f != form);
                if open {
                    self.open_forms.push(form);
                }
            }
            Intent::BackupDownloaded => self.backup.copied(now),
            Intent::DismissBackupReminder => self.backup.dismissed(now),
        }
    }
}
