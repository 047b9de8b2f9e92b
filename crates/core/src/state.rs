//! The one place app state changes. Components send `Intent`s: what the
//! user asked for, with no ids and no clock readings. The edge (`ui::app`)
//! stamps each one with the time, today's date and any fresh ids it needs,
//! once, and dispatches it as `Action::Do`; effects at the edges (storage,
//! other tabs, the service worker) report back with actions too. Pure, so
//! every transition is testable natively.

use crate::domain::assessment::{Assessment, Details};
use crate::domain::backup::{Backup, Keeping};
use crate::domain::exchange::{FileError, Parsed};
use crate::domain::guided::Answer;
use crate::domain::handoff::{self, Carry, Note};
use crate::domain::plan::{PlanEdit, PlanItem, MAX_ACTIONS};
use crate::domain::record::{merge, merge_records, Entry, Record, Seen};
use crate::domain::route::Route;
use crate::domain::rubric::{builtin, Level};
use crate::domain::store::{
    ContentIndex, MemoryReason, SetAside, StorageStatus, Store, WriteOutcome,
};
use std::rc::Rc;

/// A one-off message about what the user just did; cleared when the view changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Flash {
    Imported(ImportReport),
    ImportFailed {
        file: String,
        error: FileError,
    },
    SavedCopy,
    AlreadySaved,
    /// Deleted, and can still be brought back from here.
    Deleted(Box<Entry>),
    SavedAgreed {
        respondents: usize,
    },
}

/// What an import did, for its message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub already_here: usize,
    /// The same assessment, changed later on this device: this device's kept.
    pub newer_here: usize,
    /// The same assessment, changed later in the file: updated from it.
    pub updated: usize,
    pub damaged: usize,
    pub other_rubric: usize,
    pub shortened: usize,
    /// Of those added or updated, how many are not written to this
    /// device's storage yet (full, refused): held only in this tab.
    pub unsaved: usize,
    /// The ids added or updated, to count `unsaved` as saves report back.
    pub ids: Vec<String>,
}

/// Another tab or window changed what this one shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Elsewhere {
    /// The assessment on screen changed.
    Changed,
    /// The assessment on screen was deleted, as it was here: Undo brings
    /// it back, and a form open on it keeps the text typed into it, also
    /// once the notice is `dismissed` (until the view changes).
    Deleted {
        title: String,
        gone: Box<Entry>,
        dismissed: bool,
    },
    /// The list on screen changed.
    List,
}

/// What to do with the tab's journal of unsaved work (`AppState::journal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Journal {
    Write(String),
    /// Everything is written: no journal.
    Clear,
    /// Leave it as it is (a save is under way, or stopped).
    Keep,
}

/// A new version of the app, waiting for the user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Update {
    #[default]
    None,
    Ready,
    /// The user chose to reload; it happens once no form is open.
    Requested,
}

/// An assessment changed here and not yet written to storage. `seq` is the
/// revision of its last change, so a save that started before a newer
/// change does not count as saving it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub id: String,
    pub seq: u64,
    /// Deleted here at this time: the record to write is a tombstone.
    pub deleted_ms: Option<u64>,
    /// Imported by the user: brought back over a deletion in storage,
    /// however that deletion is dated (`record::resolve`).
    pub restore: bool,
}

/// What a save found and did, reported back by the storage edge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncReport {
    /// The pending changes it wrote (or found already there).
    pub written: Vec<(String, u64)>,
    /// What storage holds now for each key it touched: the merge of this
    /// tab's copy and whatever another tab had written.
    pub seen: Vec<(String, Seen)>,
    /// How the last write went; `None` when nothing needed writing.
    pub outcome: Option<WriteOutcome>,
    /// Saving had to stop (data from a newer version appeared).
    pub stopped: Option<MemoryReason>,
    /// Unreadable records found and copied aside before being replaced.
    pub set_aside: Vec<SetAside>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub route: Route,
    pub store: Store,
    pub storage: StorageStatus,
    pub flash: Option<Flash>,
    pub update: Update,
    /// The user asked for the new version on the previous page of this tab
    /// (`Action::Carried`): it loads as soon as it is ready here.
    pub reload_wanted: bool,
    /// Grows with every change made in this tab; the save effect runs on it.
    pub revision: u64,
    /// Changes not yet written to storage.
    pub pending: Vec<Pending>,
    /// Assessments opened from links or files to compare or merge, without
    /// saving them; gone when the page closes.
    pub opened: Vec<Assessment>,
    /// The UI language, a catalog's `lang`.
    pub lang: &'static str,
    /// The user has read that the model's descriptors stay in English.
    pub descriptors_notice_seen: bool,
    /// What another tab changed on screen; cleared when the view changes.
    pub elsewhere: Option<Elsewhere>,
    /// Forms with input not yet saved (by name): an update waits for them.
    pub open_forms: Vec<String>,
    /// Copies downloaded and changes made, for the backup reminder.
    pub backup: Backup,
    /// The browser says its storage for this site is nearly full.
    pub space_low: bool,
    /// What this browser promises about keeping the data.
    pub keeping: Keeping,
    /// A language the user chose (or prefers) whose catalog could not be
    /// fetched (offline before it was ever fetched); the app stays in `lang`.
    pub lang_unavailable: Option<&'static str>,
}

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

/// The moment an intent happened, and the fresh ids it needs: the only
/// values of the outside world a transition reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub now_ms: u64,
    /// Today in the user's time zone, `YYYY-MM-DD`.
    pub today: String,
    pub fresh: Vec<String>,
}

impl Stamp {
    fn id(&mut self) -> Option<String> {
        self.fresh.pop().filter(|id| !id.is_empty())
    }
}

// Actions are dispatched one at a time and consumed at once.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Do(Intent, Stamp),
    /// A save finished.
    Synced(SyncReport),
    /// Another tab wrote these records.
    Remote(Vec<(String, Seen)>),
    /// What the previous page of this tab handed over (`domain::handoff`):
    /// records it could not save, taken in and written from here, and a
    /// message for the user.
    Carried(Carry),
    /// Saving must stop (another tab runs a newer version).
    StorageStopped(MemoryReason),
    UpdateReady,
    /// Another tab's backup record, merged with ours.
    BackupSeen(Backup),
    SpaceLow(bool),
    /// What the browser promises about keeping the data, read at start and
    /// again when it answers the app's request.
    Keeping(Keeping),
    /// The catalog of this language (a code of `i18n::LANGUAGES`) could not
    /// be fetched.
    LanguageUnavailable(&'static str),
}

impl AppState {
    pub fn new(route: Route, store: Store, storage: StorageStatus) -> AppState {
        AppState {
            route,
            store,
            storage,
            flash: None,
            update: Update::None,
            reload_wanted: false,
            revision: 0,
            pending: Vec::new(),
            opened: Vec::new(),
            lang: crate::i18n::EN.lang,
            descriptors_notice_seen: false,
            elsewhere: None,
            open_forms: Vec::new(),
            backup: Backup::default(),
            space_low: false,
            keeping: Keeping::Usual,
            lang_unavailable: None,
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

    /// What the page at `to` must take over when this one leaves for it
    /// (`domain::handoff`): changes not yet written, the message on screen
    /// and a pending reload, if there are any.
    pub fn carry(&self, to: &str) -> Option<String> {
        let note = match self.flash {
            Some(Flash::SavedCopy) => Some(Note::SavedCopy),
            Some(Flash::AlreadySaved) => Some(Note::AlreadySaved),
            Some(Flash::SavedAgreed { respondents }) => Some(Note::SavedAgreed { respondents }),
            // Made and shown on the first page only (imports, deletions).
            _ => None,
        };
        let reload = self.update == Update::Requested;
        (note.is_some() || reload || !self.pending.is_empty())
            .then(|| handoff::encode(&self.unsaved(), note, reload, to))
    }

    /// What the tab's journal of unsaved work should become: while storage
    /// fails, every change not yet written, for any page of the tab (Back,
    /// reload); nothing once all is written. Not while saving is stopped
    /// for a newer version: the journal may hold its records.
    pub fn journal(&self) -> Journal {
        let failing =
            self.storage.memory_only.is_some() || self.storage.last_write != WriteOutcome::Saved;
        if self.pending.is_empty() {
            Journal::Clear
        } else if failing
            && !matches!(
                self.storage.memory_only,
                Some(MemoryReason::NewerVersion { .. })
            )
        {
            Journal::Write(handoff::encode(&self.unsaved(), None, false, ""))
        } else {
            Journal::Keep
        }
    }

    /// This tab's changes not yet written, as records.
    pub fn unsaved(&self) -> Vec<(String, Record)> {
        self.pending
            .iter()
            .filter_map(|p| match p.deleted_ms {
                Some(at_ms) => Some((p.id.clone(), Record::Deleted { at_ms })),
                None => self
                    .store
                    .entry(&p.id)
                    .map(|e| (p.id.clone(), Record::Live(e))),
            })
            .collect()
    }

    /// Records that `id` changed here (or was deleted at `deleted_ms`).
    fn changed(&mut self, id: &str, now_ms: u64, deleted_ms: Option<u64>) {
        self.changed_as(id, now_ms, deleted_ms, false);
    }

    /// As `changed`; a restore stays one until written, whatever edits
    /// follow it, and a deletion ends it.
    fn changed_as(&mut self, id: &str, now_ms: u64, deleted_ms: Option<u64>, restore: bool) {
        self.revision += 1;
        let was_restore = self.pending.iter().any(|p| p.id == id && p.restore);
        self.pending.retain(|p| p.id != id);
        self.pending.push(Pending {
            id: id.to_string(),
            seq: self.revision,
            deleted_ms,
            restore: (restore || was_restore) && deleted_ms.is_none(),
        });
        self.backup.changed(now_ms);
    }

    /// Whether changes made here are held only in this tab: not written
    /// to storage (full, refused, stopped).
    pub fn held_only_here(&self) -> usize {
        let failing =
            self.storage.memory_only.is_some() || self.storage.last_write != WriteOutcome::Saved;
        if failing {
            self.pending.len()
        } else {
            0
        }
    }

    /// The assessment on screen that another tab deleted, as it was here:
    /// a form open on it stays, with what was typed.
    pub fn deleted_elsewhere(&self, id: &str) -> Option<&Assessment> {
        match &self.elsewhere {
            Some(Elsewhere::Deleted { gone, .. }) if gone.assessment.id == id => {
                Some(&gone.assessment)
            }
            _ => None,
        }
    }

    /// Brings back the assessment another tab deleted while it was on
    /// screen here, as a restore: it wins over that deletion whatever its
    /// clock said. Whether it is back.
    fn undo_deleted_elsewhere(&mut self, id: &str, now_ms: u64) -> bool {
        if self.deleted_elsewhere(id).is_none() {
            return false;
        }
        let Some(Elsewhere::Deleted { mut gone, .. }) = self.elsewhere.take() else {
            return false;
        };
        gone.stamp_all(now_ms);
        let back = self.store.insert(*gone);
        if back {
            self.changed_as(id, now_ms, None, true);
        }
        back
    }

    fn edit(&mut self, id: &str, now_ms: u64, f: impl FnOnce(&mut Assessment) -> bool) {
        if self.store.edit(id, now_ms, f) {
            self.changed(id, now_ms, None);
        }
    }

    fn add(&mut self, entry: Entry, now_ms: u64) -> bool {
        let id = entry.assessment.id.clone();
        let added = self.store.insert(entry);
        if added {
            self.changed(&id, now_ms, None);
        }
        added
    }

    /// Takes in what storage holds for `id`. Returns whether what this tab
    /// shows of it changed.
    fn absorb(&mut self, id: &str, seen: Seen) -> Absorbed {
        let local = self.store.entry(id);
        let deleted_here = self
            .pending
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.deleted_ms);
        match (seen, local) {
            (Seen::Live(stored), Some(local)) => {
                let merged = merge(&local, &stored);
                if merged == local {
                    return Absorbed::Same;
                }
                let visible = merged.assessment != local.assessment;
                self.store.put(merged);
                if visible {
                    Absorbed::Changed
                } else {
                    Absorbed::Same
                }
            }
            (Seen::Live(stored), None) => match deleted_here {
                // Deleted here, not yet saved: the later of the two wins.
                Some(at_ms) => {
                    match merge_records(&Record::Deleted { at_ms }, &Record::Live(stored)) {
                        Record::Live(e) => {
                            self.pending.retain(|p| p.id != id);
                            self.store.insert(e);
                            Absorbed::Changed
                        }
                        Record::Deleted { .. } => Absorbed::Same,
                    }
                }
                None => {
                    self.store.insert(stored);
                    Absorbed::Changed
                }
            },
            (Seen::Deleted { at_ms }, Some(local)) => {
                if at_ms >= local.clock.latest() {
                    self.store.remove(id);
                    self.pending.retain(|p| p.id != id);
                    Absorbed::Deleted(Box::new(local))
                } else {
                    // Edited here after that deletion: the edit stands, and
                    // is written again over the deletion.
                    self.changed(id, local.clock.latest(), None);
                    Absorbed::Same
                }
            }
            (Seen::Absent, Some(local)) => {
                // Gone from storage without a deletion (cleared by hand, or
                // set aside): this tab still has it, so nothing is lost.
                self.changed(id, local.clock.latest(), None);
                Absorbed::Same
            }
            (Seen::Deleted { .. } | Seen::Absent, None) => Absorbed::Same,
        }
    }

    /// Takes in several records; notes what changed on screen.
    fn absorb_all(&mut self, seen: Vec<(String, Seen)>) {
        let shown = self.route.assessment_id().map(str::to_string);
        let lists = matches!(self.route, Route::Home | Route::Compare | Route::Merge);
        for (id, s) in seen {
            let outcome = self.absorb(&id, s);
            let on_screen = shown.as_deref() == Some(id.as_str());
            match outcome {
                Absorbed::Same => {}
                Absorbed::Changed if on_screen => self.elsewhere = Some(Elsewhere::Changed),
                Absorbed::Deleted(gone) if on_screen => {
                    self.elsewhere = Some(Elsewhere::Deleted {
                        title: gone.assessment.title().to_string(),
                        gone,
                        dismissed: false,
                    })
                }
                Absorbed::Changed | Absorbed::Deleted(_) if lists => {
                    self.elsewhere = Some(Elsewhere::List)
                }
                Absorbed::Changed | Absorbed::Deleted(_) => {}
            }
        }
    }

    fn import(&mut self, parsed: Parsed, stamp: &mut Stamp) {
        let now = stamp.now_ms;
        let mut report = ImportReport {
            damaged: parsed.damaged,
            other_rubric: parsed.other_rubric,
            shortened: parsed.shortened,
            ..ImportReport::default()
        };
        // Built once: thousands of entries against thousands saved must
        // not compare every pair.
        let before: Vec<Assessment> = self.store.assessments().to_vec();
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

    /// Applies one action; used by `reduce` and directly in tests.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Do(intent, mut stamp) => self.apply_intent(intent, &mut stamp),
            Action::Synced(report) => {
                for (id, seq) in &report.written {
                    self.pending.retain(|p| !(p.id == *id && p.seq <= *seq));
                }
                if let Some(Flash::Imported(r)) = &mut self.flash {
                    let pending = &self.pending;
                    r.unsaved = r
                        .ids
                        .iter()
                        .filter(|id| pending.iter().any(|p| p.id == **id))
                        .count();
                }
                self.absorb_all(report.seen);
                if let Some(outcome) = report.outcome {
                    self.storage.last_write = outcome;
                }
                if let Some(reason) = report.stopped {
                    self.storage.memory_only = Some(reason);
                }
                self.storage.set_aside.extend(report.set_aside);
            }
            Action::Remote(seen) => self.absorb_all(seen),
            Action::Carried(carry) => {
                if let Some(found) = carry.newer {
                    // A newer version's unsaved work: saving here would
                    // lose it. Stop, and say so.
                    self.storage.memory_only = Some(MemoryReason::NewerVersion { found });
                }
                self.reload_wanted |= carry.reload;
                self.flash = carry.note.map(|note| match note {
                    Note::SavedCopy => Flash::SavedCopy,
                    Note::AlreadySaved => Flash::AlreadySaved,
                    Note::SavedAgreed { respondents } => Flash::SavedAgreed { respondents },
                });
                for (id, seen) in carry.records {
                    let deleted_at = match &seen {
                        Seen::Live(_) => None,
                        Seen::Deleted { at_ms } => Some(*at_ms),
                        Seen::Absent => continue,
                    };
                    self.absorb(&id, seen);
                    match (self.store.entry(&id), deleted_at) {
                        (Some(e), _) => self.changed(&id, e.clock.latest(), None),
                        (None, Some(at)) => self.changed(&id, at, Some(at)),
                        (None, None) => {}
                    }
                }
            }
            Action::StorageStopped(reason) => self.storage.memory_only = Some(reason),
            Action::UpdateReady => {
                if self.update == Update::None {
                    self.update = if std::mem::take(&mut self.reload_wanted) {
                        Update::Requested
                    } else {
                        Update::Ready
                    };
                }
            }
            Action::BackupSeen(other) => self.backup = self.backup.merge(&other),
            Action::SpaceLow(low) => self.space_low = low,
            Action::Keeping(keeping) => self.keeping = keeping,
            Action::LanguageUnavailable(code) => self.lang_unavailable = Some(code),
        }
    }

    fn apply_intent(&mut self, intent: Intent, stamp: &mut Stamp) {
        let now = stamp.now_ms;
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

    /// The new version may load now: the user asked, and no form holds
    /// unsaved input.
    pub fn reload_now(&self) -> bool {
        self.update == Update::Requested && self.open_forms.is_empty()
    }
}

/// What taking in one record did to what this tab shows.
enum Absorbed {
    Same,
    Changed,
    Deleted(Box<Entry>),
}

impl AppState {
    /// The next state; the same `Rc` when nothing changed, so nothing
    /// re-renders (the UI's reducer hook is a thin wrapper over this).
    pub fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
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
    use crate::domain::scoring::Profile;

    fn details(place: &str) -> Details {
        Details {
            subject: Subject::City,
            place: place.into(),
            date: "2026-11-27".into(),
            assessor: "".into(),
        }
    }

    fn stamp(now_ms: u64, ids: &[&str]) -> Stamp {
        Stamp {
            now_ms,
            today: "2027-11-27".into(),
            // Taken from the end.
            fresh: ids.iter().rev().map(|s| s.to_string()).collect(),
        }
    }

    fn act(s: &mut AppState, intent: Intent, now_ms: u64, ids: &[&str]) {
        s.apply(Action::Do(intent, stamp(now_ms, ids)));
    }

    fn with_one() -> AppState {
        let mut s = AppState::new(Route::New, Store::default(), StorageStatus::default());
        act(
            &mut s,
            Intent::Create {
                details: details("Quito"),
            },
            10,
            &["a1"],
        );
        s
    }

    fn level(id: &str, c: &str, l: u8) -> Intent {
        Intent::SetLevel {
            id: id.into(),
            competency: c.into(),
            level: Level::new(l),
        }
    }

    #[test]
    fn create_adds_and_opens_the_first_competency() {
        let s = with_one();
        assert_eq!(s.store.len(), 1);
        assert_eq!(s.revision, 1);
        assert_eq!(
            s.pending,
            [Pending {
                id: "a1".into(),
                seq: 1,
                deleted_ms: None,
                restore: false,
            }]
        );
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
        act(
            &mut s,
            Intent::Create {
                details: details("  "),
            },
            10,
            &["a1"],
        );
        assert!(s.store.is_empty());
        assert_eq!((s.revision, s.route), (0, Route::New));
    }

    #[test]
    fn create_never_replaces_an_existing_assessment() {
        let mut s = with_one();
        act(
            &mut s,
            Intent::Create {
                details: details("Lima"),
            },
            11,
            &["a1"],
        );
        assert_eq!(s.store.len(), 1);
        assert_eq!(s.store.get("a1").unwrap().place, "Quito");
    }

    #[test]
    fn an_intent_without_its_fresh_id_changes_nothing() {
        let mut s = with_one();
        let before = s.clone();
        act(
            &mut s,
            Intent::Create {
                details: details("Lima"),
            },
            11,
            &[],
        );
        assert_eq!(s, before);
    }

    #[test]
    fn edits_bump_revision_and_timestamp_only_when_something_changes() {
        let mut s = with_one();
        act(&mut s, level("a1", "analytics", 3), 20, &[]);
        assert_eq!(s.revision, 2);
        assert_eq!(s.store.get("a1").unwrap().updated_ms, 20);
        act(&mut s, level("a1", "analytics", 3), 21, &[]);
        assert_eq!(s.revision, 2, "same value again is not a change");
        act(
            &mut s,
            Intent::SetNotes {
                id: "a1".into(),
                competency: "analytics".into(),
                notes: "evidence".into(),
            },
            30,
            &[],
        );
        act(
            &mut s,
            Intent::SetTarget {
                id: "a1".into(),
                competency: "analytics".into(),
                target: Level::new(5),
            },
            40,
            &[],
        );
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
        assert_eq!(s.pending.len(), 1, "one assessment waits, once");
        assert_eq!(s.pending[0].seq, 4);
        let clock = s.store.entry("a1").unwrap().clock;
        assert_eq!(
            (
                clock.get("level/analytics"),
                clock.get("notes/analytics"),
                clock.get("place")
            ),
            (20, 30, 10)
        );
    }

    #[test]
    fn edits_to_unknown_ids_are_ignored() {
        let mut s = with_one();
        let before = s.clone();
        act(&mut s, level("zz", "analytics", 1), 5, &[]);
        assert_eq!(s, before);
    }

    #[test]
    fn delete_removes_leaves_its_view_and_waits_to_write_a_deletion() {
        let mut s = with_one();
        act(&mut s, Intent::Delete { id: "a1".into() }, 50, &[]);
        assert!(s.store.is_empty());
        assert_eq!(s.route, Route::Home);
        assert_eq!(s.revision, 2);
        assert_eq!(s.pending[0].deleted_ms, Some(50));
    }

    #[test]
    fn undo_brings_a_deleted_assessment_back_once_and_later_than_the_deletion() {
        let mut s = with_one();
        let before = s.store.get("a1").unwrap().clone();
        act(&mut s, Intent::Delete { id: "a1".into() }, 50, &[]);
        assert!(matches!(s.flash, Some(Flash::Deleted(_))));
        act(&mut s, Intent::UndoDelete, 50, &[]);
        assert_eq!(s.store.get("a1"), Some(&before));
        assert!(s.store.entry("a1").unwrap().clock.latest() > 50);
        assert_eq!((s.flash.clone(), s.revision), (None, 3));
        assert_eq!(s.pending[0].deleted_ms, None);
        act(&mut s, Intent::UndoDelete, 60, &[]);
        assert_eq!(s.store.len(), 1, "nothing left to undo");
    }

    #[test]
    fn reassess_copies_answers_and_open_actions_under_the_confirmed_date() {
        let mut s = with_one();
        act(&mut s, level("a1", "analytics", 2), 11, &[]);
        for (what, status) in [("open", Status::Todo), ("finished", Status::Done)] {
            act(
                &mut s,
                Intent::AddPlanItem {
                    id: "a1".into(),
                    item: PlanItem {
                        competency: "analytics".into(),
                        what: what.into(),
                        status,
                        ..Default::default()
                    },
                },
                12,
                &[what],
            );
        }
        let before = s.store.len();
        let mut details = s.store.get("a1").unwrap().details();
        details.date = "2027-11-27".into();
        let bad = Details {
            date: "2027-13-40".into(),
            ..details.clone()
        };
        act(
            &mut s,
            Intent::Reassess {
                from: "a1".into(),
                details: bad,
            },
            40,
            &["a9"],
        );
        assert_eq!(s.store.len(), before, "an invalid date makes nothing");
        act(
            &mut s,
            Intent::Reassess {
                from: "a1".into(),
                details,
            },
            50,
            &["a2"],
        );
        let b = s.store.get("a2").unwrap();
        assert_eq!((b.place.as_str(), b.date.as_str()), ("Quito", "2027-11-27"));
        assert_eq!(b.level("analytics"), Level::new(2));
        assert_eq!(b.plan.len(), 1);
        assert_eq!(
            (b.plan[0].id.as_str(), b.plan[0].what.as_str()),
            ("open", "open")
        );
        assert_eq!(
            s.route,
            Route::Step {
                id: "a2".into(),
                competency: "open-data".into()
            }
        );
        assert_eq!(
            s.store.get("a1").unwrap().plan.len(),
            2,
            "the earlier one is kept"
        );
    }

    #[test]
    fn a_reassessment_carries_each_level_until_it_is_confirmed_or_changed() {
        let mut s = with_one();
        act(&mut s, level("a1", "analytics", 2), 11, &[]);
        act(&mut s, level("a1", "open-data", 3), 12, &[]);
        let mut details = s.store.get("a1").unwrap().details();
        details.date = "2027-11-27".into();
        act(
            &mut s,
            Intent::Reassess {
                from: "a1".into(),
                details,
            },
            20,
            &["a2"],
        );
        let profile = |s: &AppState| {
            let p = Profile::of(builtin(), s.store.get("a2").unwrap());
            (p.done(), p.carried())
        };
        assert_eq!(profile(&s), (2, 2), "rated, none confirmed");
        assert_eq!(
            Profile::of(builtin(), s.store.get("a1").unwrap()).carried(),
            0,
            "the earlier one is as it was"
        );
        let confirm = |c: &str| Intent::ConfirmLevel {
            id: "a2".into(),
            competency: c.into(),
        };
        act(&mut s, confirm("analytics"), 30, &[]);
        assert_eq!(profile(&s), (2, 1));
        assert_eq!(s.store.get("a2").unwrap().level("analytics"), Level::new(2));
        let revision = s.revision;
        act(&mut s, confirm("analytics"), 31, &[]);
        assert_eq!(s.revision, revision, "confirming twice changes nothing");
        act(&mut s, level("a2", "open-data", 4), 32, &[]);
        assert_eq!(profile(&s), (2, 0), "a changed level is this year's");
    }

    #[test]
    fn rename_changes_the_city_or_initiative_name() {
        let mut s = with_one();
        let rename = |name: &str| Intent::Rename {
            id: "a1".into(),
            name: name.into(),
        };
        act(&mut s, rename(" Quito DM "), 20, &[]);
        assert_eq!(s.store.get("a1").unwrap().place, "Quito DM");
        let before = s.clone();
        act(&mut s, rename(" "), 21, &[]);
        assert_eq!(s, before, "an empty name is refused");
    }

    #[test]
    fn plan_items_are_checked_edited_and_removed_by_id() {
        let mut s = with_one();
        let item = |what: &str| PlanItem {
            competency: "open-data".into(),
            what: what.into(),
            ..Default::default()
        };
        let add = |what: &str| Intent::AddPlanItem {
            id: "a1".into(),
            item: item(what),
        };
        act(&mut s, add(" "), 1, &["p0"]);
        assert!(s.store.get("a1").unwrap().plan.is_empty());
        act(&mut s, add(" Publish budgets "), 2, &["p1"]);
        act(&mut s, add("Open the bus feed"), 2, &["p2"]);
        let edit = |item: &str, edit| Intent::EditPlanItem {
            id: "a1".into(),
            item: item.into(),
            edit,
        };
        // Two edits in a row both land: each applies to the current item.
        act(&mut s, edit("p1", PlanEdit::Status(Status::Done)), 3, &[]);
        act(
            &mut s,
            edit("p1", PlanEdit::Owner(" Finance ".into())),
            3,
            &[],
        );
        act(&mut s, edit("p1", PlanEdit::What("  ".into())), 3, &[]);
        let mut done = item("Publish budgets");
        done.id = "p1".into();
        done.status = Status::Done;
        done.owner = "Finance".into();
        assert_eq!(
            s.store.get("a1").unwrap().plan[0],
            done,
            "an empty what is refused"
        );
        let remove = |item: &str| Intent::RemovePlanItem {
            id: "a1".into(),
            item: item.into(),
        };
        act(&mut s, remove("p9"), 4, &[]);
        assert_eq!(s.store.get("a1").unwrap().plan.len(), 2);
        act(&mut s, remove("p1"), 4, &[]);
        let left: Vec<&str> = s
            .store
            .get("a1")
            .unwrap()
            .plan
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(left, ["p2"], "the other action keeps its place and id");
    }

    #[test]
    fn opened_assessments_are_held_apart_and_never_saved() {
        let mut s = with_one();
        let own = s.store.get("a1").unwrap().clone();
        act(
            &mut s,
            Intent::Open {
                assessments: vec![own, shared_copy(), shared_copy()],
            },
            5,
            &["o1", "o2", "o3"],
        );
        let ids: Vec<&str> = s.opened.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["o2"], "saved ones and duplicates are not held twice");
        assert_eq!(s.revision, 1);
        assert_eq!(s.any("o2").map(|a| a.place.as_str()), Some("Recife"));
        act(&mut s, Intent::Close { id: "o2".into() }, 6, &[]);
        assert!(s.opened.is_empty());
    }

    #[test]
    fn guided_answers_suggest_and_record_acceptance() {
        let mut s = with_one();
        let answer = |level: u8, question: usize, answer: Answer| Intent::Answer {
            id: "a1".into(),
            competency: "analytics".into(),
            counts: vec![2, 2, 2, 2, 2],
            level: Level::new(level).unwrap(),
            question,
            answer,
        };
        for (l, q, a) in [
            (1, 0, Answer::Yes),
            (1, 1, Answer::Yes),
            (2, 0, Answer::Yes),
            (2, 1, Answer::No),
        ] {
            act(&mut s, answer(l, q, a), 30, &[]);
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
        act(&mut s, level("a1", "analytics", 1), 31, &[]);
        assert!(g(&s).accepted, "accepted the suggestion");
        act(&mut s, level("a1", "analytics", 3), 32, &[]);
        assert!(!g(&s).accepted, "overridden");
        assert_eq!(g(&s).answers, ["yy", "yn"]);
    }

    #[test]
    fn language_switches_only_to_a_catalog_we_have() {
        let mut s = with_one();
        act(&mut s, Intent::SetLanguage("pt-BR".into()), 1, &[]);
        assert_eq!(s.lang, "pt");
        act(&mut s, Intent::SetLanguage("<script>".into()), 1, &[]);
        assert_eq!(s.lang, "pt");
        assert_eq!(s.revision, 1, "a language is not a change to assessments");
    }

    #[test]
    fn agreed_assessment_is_saved_under_a_fresh_id_and_opened() {
        let mut s = with_one();
        let mut agreed = shared_copy();
        agreed.respondents = Some(3);
        act(
            &mut s,
            Intent::SaveAgreed { assessment: agreed },
            40,
            &["m1"],
        );
        assert_eq!(s.route, Route::Results { id: "m1".into() });
        assert_eq!(s.flash, Some(Flash::SavedAgreed { respondents: 3 }));
        assert_eq!(s.store.get("m1").unwrap().respondents, Some(3));
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
        act(
            &mut s,
            Intent::SaveCopy {
                assessment: shared_copy(),
            },
            99,
            &["n1"],
        );
        assert_eq!(s.store.len(), 2);
        assert_eq!(s.store.get("n1").unwrap().created_ms, 99);
        assert_eq!(s.route, Route::Results { id: "n1".into() });
        assert_eq!(s.flash, Some(Flash::SavedCopy));
        // Our own hash sync echoes the route back: the message stays.
        act(
            &mut s,
            Intent::Navigate(Route::Results { id: "n1".into() }),
            1,
            &[],
        );
        assert_eq!(s.flash, Some(Flash::SavedCopy));
        act(&mut s, Intent::Navigate(Route::Home), 1, &[]);
        assert_eq!(s.flash, None);
    }

    #[test]
    fn saving_the_same_shared_copy_twice_opens_the_first() {
        let mut s = with_one();
        for id in ["n1", "n2"] {
            act(
                &mut s,
                Intent::SaveCopy {
                    assessment: shared_copy(),
                },
                99,
                &[id],
            );
        }
        assert_eq!(s.store.len(), 2);
        assert_eq!(s.route, Route::Results { id: "n1".into() });
        assert_eq!(s.flash, Some(Flash::AlreadySaved));
    }

    #[test]
    fn import_adds_new_ones_renames_clashing_ids_skips_copies_and_keeps_the_newer_version() {
        let mut s = with_one();
        let existing = s.store.get("a1").unwrap().clone();
        let mut clash = shared_copy();
        clash.id = "a1".into();
        clash.created_ms = 77;
        let mut fresh = shared_copy();
        fresh.id = "b7".into();
        fresh.place = "Natal".into();
        let mut older = existing.clone();
        older.edit_rating("analytics", |r| r.level = Level::new(1));
        older.updated_ms = 5;
        act(
            &mut s,
            Intent::Import {
                parsed: Parsed {
                    assessments: vec![existing.clone(), clash, fresh, older],
                    damaged: 2,
                    other_rubric: 1,
                    shortened: 1,
                },
            },
            500,
            &["x1", "x2", "x3", "x4"],
        );
        let mut ids: Vec<&str> = s
            .store
            .assessments()
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        ids.sort();
        assert_eq!(ids, ["a1", "b7", "x2"]);
        assert_eq!(
            s.store.get("a1").unwrap(),
            &existing,
            "the newer one here is kept"
        );
        assert_eq!(
            s.flash,
            Some(Flash::Imported(ImportReport {
                added: 2,
                already_here: 1,
                newer_here: 1,
                updated: 0,
                damaged: 2,
                other_rubric: 1,
                shortened: 1,
                unsaved: 2,
                ids: vec!["x2".into(), "b7".into()],
            }))
        );
        assert_eq!(s.revision, 3);

        // A later version from the file replaces this device's older one.
        let mut newer = existing.clone();
        newer.edit_rating("open-data", |r| r.level = Level::new(5));
        newer.updated_ms = 10_000;
        act(
            &mut s,
            Intent::Import {
                parsed: Parsed {
                    assessments: vec![newer],
                    damaged: 0,
                    other_rubric: 0,
                    shortened: 0,
                },
            },
            20_000,
            &["y1"],
        );
        assert_eq!(s.store.get("a1").unwrap().level("open-data"), Level::new(5));
        assert!(matches!(&s.flash, Some(Flash::Imported(r)) if r.updated == 1 && r.added == 0));
    }

    /// Issue 25: after restoring a full copy, Home said "never copied".
    #[test]
    fn a_full_copy_restored_counts_as_a_copy_only_when_it_holds_everything_here() {
        let mut s = with_one();
        let here = s.store.get("a1").unwrap().clone();
        let mut other = shared_copy();
        other.id = "b7".into();
        other.place = "Natal".into();
        let parsed = |list: Vec<Assessment>| Parsed {
            assessments: list,
            damaged: 0,
            other_rubric: 0,
            shortened: 0,
        };
        // A file of another city only: what is here is not in it.
        act(
            &mut s,
            Intent::Import {
                parsed: parsed(vec![other.clone()]),
            },
            500,
            &["x1"],
        );
        assert_eq!(s.backup.restored_ms, None);
        // A full copy of both: the user now holds everything here.
        act(
            &mut s,
            Intent::Import {
                parsed: parsed(vec![here, other]),
            },
            600,
            &["y1", "y2"],
        );
        assert_eq!(s.backup.restored_ms, Some(600));
        assert!(s.backup.latest_is_restored());
        assert_eq!(
            s.backup.reminder(
                600 + 2 * crate::domain::backup::DAY_MS,
                true,
                true,
                Keeping::Usual
            ),
            None
        );
    }

    /// The regional view's ids once collided across visits, and import took
    /// "same id, same place" for one assessment: a later one overwrote, or
    /// never replaced, another.
    #[test]
    fn import_takes_an_id_for_the_same_assessment_only_with_its_creation() {
        let mut s = with_one();
        let mut other_year = s.store.get("a1").unwrap().clone();
        other_year.created_ms = 5_000;
        other_year.updated_ms = 5_000;
        other_year.date = crate::domain::date::IsoDate::parse("2027-01-01").unwrap();
        let mut unknown_creation = other_year.clone();
        unknown_creation.created_ms = 0;
        unknown_creation.date = crate::domain::date::IsoDate::parse("2028-01-01").unwrap();
        act(
            &mut s,
            Intent::Import {
                parsed: Parsed {
                    assessments: vec![other_year, unknown_creation],
                    ..Parsed::default()
                },
            },
            9_000,
            &["n1", "n2"],
        );
        assert_eq!(
            s.store.len(),
            3,
            "both kept beside the first, under new ids"
        );
        assert!(
            matches!(&s.flash, Some(Flash::Imported(r)) if r.added == 2 && r.newer_here == 0 && r.updated == 0)
        );
        assert!(s.pending.iter().filter(|p| p.id != "a1").all(|p| p.restore));
    }

    #[test]
    fn an_import_counts_what_storage_took_and_what_only_this_tab_holds() {
        let mut s = AppState::new(Route::Home, Store::default(), StorageStatus::default());
        let list: Vec<Assessment> = ["p1", "p2", "p3"]
            .iter()
            .map(|id| {
                let mut a = shared_copy();
                a.id = id.to_string();
                a.place = id.to_string();
                a
            })
            .collect();
        act(
            &mut s,
            Intent::Import {
                parsed: Parsed {
                    assessments: list,
                    ..Parsed::default()
                },
            },
            100,
            &["f1", "f2", "f3"],
        );
        assert!(matches!(&s.flash, Some(Flash::Imported(r)) if r.added == 3 && r.unsaved == 3));
        let seq = |id: &str| s.pending.iter().find(|p| p.id == id).unwrap().seq;
        // Storage took one, then was full.
        let report = SyncReport {
            written: vec![("p1".into(), seq("p1"))],
            outcome: Some(WriteOutcome::Full),
            ..SyncReport::default()
        };
        s.apply(Action::Synced(report));
        assert!(matches!(&s.flash, Some(Flash::Imported(r)) if r.added == 3 && r.unsaved == 2));
        assert_eq!(s.held_only_here(), 2);
    }

    #[test]
    fn a_save_clears_only_what_it_wrote() {
        let mut s = with_one();
        act(&mut s, level("a1", "analytics", 2), 20, &[]);
        let seq = s.pending[0].seq;
        act(&mut s, level("a1", "analytics", 3), 21, &[]);
        s.apply(Action::Synced(SyncReport {
            written: vec![("a1".into(), seq)],
            outcome: Some(WriteOutcome::Saved),
            ..SyncReport::default()
        }));
        assert_eq!(s.pending.len(), 1, "the later change still waits");
        let seq = s.pending[0].seq;
        s.apply(Action::Synced(SyncReport {
            written: vec![("a1".into(), seq)],
            outcome: Some(WriteOutcome::Full),
            ..SyncReport::default()
        }));
        assert!(s.pending.is_empty());
        assert_eq!(s.storage.last_write, WriteOutcome::Full);
    }

    fn remote_edit(s: &AppState, now: u64, f: impl FnOnce(&mut Assessment)) -> (String, Seen) {
        let mut e = s.store.entry("a1").unwrap();
        let before = e.assessment.clone();
        f(&mut e.assessment);
        e.touch(&before, now);
        ("a1".into(), Seen::Live(e))
    }

    /// A page whose storage works no more hands its unsaved work to the
    /// next page of the tab, which holds it as unsaved too: nothing is lost
    /// by moving between pages, deletions included.
    #[test]
    fn unsaved_work_moves_to_the_next_page_whole() {
        let mut s = with_one();
        act(&mut s, level("a1", "analytics", 2), 20, &[]);
        act(
            &mut s,
            Intent::Create {
                details: details("Lima"),
            },
            30,
            &["b2"],
        );
        act(&mut s, Intent::Delete { id: "b2".into() }, 40, &[]);
        let carried = handoff::decode(&s.carry("").unwrap()).unwrap();
        let mut next = AppState::new(
            Route::Results { id: "a1".into() },
            Store::default(),
            StorageStatus::default(),
        );
        next.apply(Action::Carried(carried));
        assert_eq!(next.store.assessments(), s.store.assessments());
        assert_eq!(next.store.entry("a1"), s.store.entry("a1"));
        let mut pending: Vec<_> = next
            .pending
            .iter()
            .map(|p| (p.id.clone(), p.deleted_ms))
            .collect();
        pending.sort();
        assert_eq!(pending, [("a1".into(), None), ("b2".into(), Some(40))]);
        assert_eq!(next.elsewhere, None, "the user's own work, not news");
        assert_eq!(next.flash, None, "the undo of a deletion stays on its page");

        let mut saved = AppState::new(Route::Merge, Store::default(), StorageStatus::default());
        saved.flash = Some(Flash::SavedAgreed { respondents: 3 });
        let mut results = AppState::new(Route::Home, Store::default(), StorageStatus::default());
        results.apply(Action::Carried(
            handoff::decode(&saved.carry("").unwrap()).unwrap(),
        ));
        assert_eq!(
            results.flash,
            Some(Flash::SavedAgreed { respondents: 3 }),
            "its message comes along"
        );
        assert_eq!(
            AppState::new(Route::Home, Store::default(), StorageStatus::default()).carry(""),
            None
        );

        // "Reload now", then a form saved that leads to another page: the
        // new version loads there, once it is ready.
        let mut asked = AppState::new(Route::New, Store::default(), StorageStatus::default());
        asked.apply(Action::UpdateReady);
        act(&mut asked, Intent::RequestReload, 60, &[]);
        let mut there = AppState::new(Route::Home, Store::default(), StorageStatus::default());
        there.apply(Action::Carried(
            handoff::decode(&asked.carry("").unwrap()).unwrap(),
        ));
        assert!(!there.reload_now(), "nothing to load yet");
        there.apply(Action::UpdateReady);
        assert!(there.reload_now());

        // What the next page already holds merges field by field.
        let mut known = AppState::new(Route::Home, s.store.clone(), StorageStatus::default());
        act(&mut known, level("a1", "open-data", 4), 50, &[]);
        let carried = handoff::decode(&s.carry("").unwrap()).unwrap();
        known.apply(Action::Carried(carried));
        let a = known.store.get("a1").unwrap();
        assert_eq!(
            (a.level("analytics"), a.level("open-data")),
            (Level::new(2), Level::new(4))
        );
    }

    /// While storage fails, the tab keeps a journal of every unsaved
    /// change, which any later page of the tab takes in; it goes once all
    /// is written.
    #[test]
    fn the_journal_holds_unsaved_work_while_storage_fails() {
        let mut s = with_one();
        s.storage.last_write = WriteOutcome::Saved;
        assert_eq!(s.journal(), Journal::Keep, "a save is under way");
        s.storage.last_write = WriteOutcome::Full;
        let Journal::Write(text) = s.journal() else {
            panic!("storage is full: the journal must hold the work");
        };
        let mut back = AppState::new(Route::Home, Store::default(), StorageStatus::default());
        back.apply(Action::Carried(handoff::decode(&text).unwrap()));
        assert_eq!(back.store.entry("a1"), s.store.entry("a1"));
        s.pending.clear();
        assert_eq!(s.journal(), Journal::Clear);
        act(&mut s, level("a1", "analytics", 2), 20, &[]);
        s.storage.memory_only = Some(MemoryReason::NewerVersion { found: 9 });
        assert_eq!(
            s.journal(),
            Journal::Keep,
            "a newer version's journal is left alone"
        );
    }

    #[test]
    fn another_tabs_edit_merges_in_and_is_announced_on_its_view() {
        let mut s = with_one();
        act(&mut s, level("a1", "analytics", 2), 20, &[]);
        let theirs = remote_edit(&s, 30, |a| {
            a.edit_rating("open-data", |r| r.level = Level::new(4))
        });
        act(&mut s, level("a1", "analytics", 3), 25, &[]);
        s.apply(Action::Remote(vec![theirs]));
        let a = s.store.get("a1").unwrap();
        assert_eq!(
            (a.level("analytics"), a.level("open-data")),
            (Level::new(3), Level::new(4))
        );
        assert_eq!(s.elsewhere, Some(Elsewhere::Changed));
        act(&mut s, Intent::Navigate(Route::Home), 40, &[]);
        assert_eq!(s.elsewhere, None);
    }

    #[test]
    fn another_tabs_later_edit_of_the_same_field_shows_here() {
        let mut s = with_one();
        act(&mut s, level("a1", "analytics", 2), 20, &[]);
        let theirs = remote_edit(&s, 30, |a| {
            a.edit_rating("analytics", |r| r.level = Level::new(5))
        });
        s.apply(Action::Remote(vec![theirs]));
        assert_eq!(s.store.get("a1").unwrap().level("analytics"), Level::new(5));
    }

    #[test]
    fn a_deletion_elsewhere_removes_it_here_unless_edited_here_later() {
        let mut s = with_one();
        act(
            &mut s,
            Intent::Navigate(Route::Results { id: "a1".into() }),
            11,
            &[],
        );
        s.apply(Action::Remote(vec![(
            "a1".into(),
            Seen::Deleted { at_ms: 5 },
        )]));
        assert_eq!(s.store.len(), 1, "created here after that deletion");
        assert_eq!(s.pending.len(), 1, "and written again over it");
        s.apply(Action::Remote(vec![(
            "a1".into(),
            Seen::Deleted { at_ms: 500 },
        )]));
        assert!(s.store.is_empty());
        assert!(matches!(
            &s.elsewhere,
            Some(Elsewhere::Deleted { title, .. }) if title == "Quito"
        ));
    }

    #[test]
    fn a_deletion_elsewhere_of_a_form_on_screen_keeps_it_to_bring_back() {
        let mut s = with_one();
        act(
            &mut s,
            Intent::Navigate(Route::Details { id: "a1".into() }),
            11,
            &[],
        );
        let seq = s.pending[0].seq;
        s.apply(Action::Synced(SyncReport {
            written: vec![("a1".into(), seq)],
            outcome: Some(WriteOutcome::Saved),
            ..SyncReport::default()
        }));
        // Stamped later than every clock reading below.
        let later = 1_000;
        s.apply(Action::Remote(vec![(
            "a1".into(),
            Seen::Deleted { at_ms: later },
        )]));
        assert!(s.store.is_empty());
        assert_eq!(
            s.deleted_elsewhere("a1").map(|a| a.place.as_str()),
            Some("Quito"),
            "the form keeps what it was showing"
        );
        // Saving the form brings it back, with what was typed, and as a
        // restore: it outranks a deletion stamped later than now.
        let mut details = s.deleted_elsewhere("a1").unwrap().details();
        details.place = "Quito DM".into();
        act(
            &mut s,
            Intent::UpdateDetails {
                id: "a1".into(),
                details,
            },
            60,
            &[],
        );
        assert_eq!(
            s.store.get("a1").map(|a| a.place.as_str()),
            Some("Quito DM")
        );
        assert!(s.pending.iter().any(|p| p.id == "a1" && p.restore));
        assert_eq!(s.elsewhere, None);

        // Or Undo, from the notice, brings it back as it was.
        s.apply(Action::Remote(vec![(
            "a1".into(),
            Seen::Deleted { at_ms: later },
        )]));
        assert!(s.store.is_empty());
        act(&mut s, Intent::UndoDelete, 70, &[]);
        assert_eq!(
            s.store.get("a1").map(|a| a.place.as_str()),
            Some("Quito DM")
        );
        assert!(s.pending.iter().any(|p| p.id == "a1" && p.restore));
        s.pending.clear();

        // Dismissing the notice keeps what the form shows; a re-assessment
        // from it makes the new one, and leaves the deleted one deleted.
        s.apply(Action::Remote(vec![(
            "a1".into(),
            Seen::Deleted { at_ms: later },
        )]));
        act(&mut s, Intent::DismissElsewhere, 72, &[]);
        assert!(s.deleted_elsewhere("a1").is_some());
        let details = s.deleted_elsewhere("a1").unwrap().details();
        act(
            &mut s,
            Intent::Reassess {
                from: "a1".into(),
                details,
            },
            74,
            &["a2"],
        );
        assert!(s.store.get("a2").is_some());
        assert!(s.store.get("a1").is_none(), "not brought back unasked");
        assert!(!s.pending.iter().any(|p| p.id == "a1"));
    }

    #[test]
    fn an_assessment_created_elsewhere_appears_in_the_list() {
        let mut s = with_one();
        act(&mut s, Intent::Navigate(Route::Home), 11, &[]);
        let mut other = with_one().store.entry("a1").unwrap();
        other.assessment.id = "b2".into();
        s.apply(Action::Remote(vec![("b2".into(), Seen::Live(other))]));
        assert_eq!(s.store.len(), 2);
        assert_eq!(s.elsewhere, Some(Elsewhere::List));
        assert_eq!(s.revision, 1, "nothing of this tab's to write");
    }

    #[test]
    fn a_record_gone_from_storage_is_written_again_from_here() {
        let mut s = with_one();
        s.pending.clear();
        s.apply(Action::Remote(vec![("a1".into(), Seen::Absent)]));
        assert_eq!(s.store.len(), 1);
        assert_eq!(s.pending.len(), 1);
    }

    #[test]
    fn reload_waits_for_open_forms() {
        let mut s = with_one();
        act(&mut s, Intent::RequestReload, 1, &[]);
        assert_eq!(s.update, Update::None, "nothing to reload into");
        s.apply(Action::UpdateReady);
        let open = |open| Intent::FormOpen {
            form: "details".into(),
            open,
        };
        act(&mut s, open(true), 1, &[]);
        act(&mut s, Intent::RequestReload, 1, &[]);
        assert!(!s.reload_now());
        act(&mut s, open(false), 1, &[]);
        assert!(s.reload_now());
    }

    #[test]
    fn changes_and_copies_feed_the_backup_reminder() {
        let mut s = with_one();
        assert_eq!(s.backup.unsaved_since_ms, Some(10));
        act(&mut s, Intent::BackupDownloaded, 20, &[]);
        assert_eq!(
            (s.backup.copied_ms, s.backup.unsaved_since_ms),
            (Some(20), None)
        );
        act(&mut s, level("a1", "analytics", 2), 30, &[]);
        assert_eq!(s.backup.unsaved_since_ms, Some(30));
    }

    #[test]
    fn reduce_keeps_the_same_rc_when_nothing_changes() {
        let s = Rc::new(with_one());
        let same = s
            .clone()
            .reduce(Action::Do(Intent::Navigate(s.route.clone()), stamp(1, &[])));
        assert!(Rc::ptr_eq(&s, &same));
    }

    // --- Two tabs, from a common base, each making any edits, then saving
    // through storage in either order: the store-level guarantees. ---

    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[derive(Debug, Clone)]
    enum Op {
        Create(u8),
        Delete(u8),
        Level(u8, usize, Option<u8>),
        Rename(u8, u8),
    }

    fn arb_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0u8..3).prop_map(Op::Create),
            (0u8..6).prop_map(Op::Delete),
            (0u8..6, 0usize..5, proptest::option::of(1u8..=5))
                .prop_map(|(a, c, l)| Op::Level(a, c, l)),
            (0u8..6, 0u8..4).prop_map(|(a, n)| Op::Rename(a, n)),
        ]
    }

    /// Ids of the base's assessments are b0..b2; a tab's new ones t<tab><n>.
    fn base_tab() -> AppState {
        let mut s = AppState::new(Route::Home, Store::default(), StorageStatus::default());
        for i in 0..3 {
            act(
                &mut s,
                Intent::Create {
                    details: details(&format!("Base {i}")),
                },
                100,
                &[&format!("b{i}")],
            );
        }
        s.pending.clear();
        s
    }

    fn target(s: &AppState, tab: u8, n: u8) -> String {
        // Ops name an assessment by a small number: the base's three, then
        // those this tab created.
        let mine: Vec<String> = s
            .store
            .assessments()
            .iter()
            .map(|a| a.id.clone())
            .filter(|id| id.starts_with('b') || id.starts_with(&format!("t{tab}")))
            .collect();
        mine.get(usize::from(n) % mine.len().max(1))
            .cloned()
            .unwrap_or_default()
    }

    /// Writes a tab's pending changes into `storage` the way the storage edge
    /// does: merge with what is there, write the result, report it back.
    fn sync(s: &mut AppState, storage: &mut BTreeMap<String, Record>) {
        let mut report = SyncReport::default();
        for p in s.pending.clone() {
            let ours = match (p.deleted_ms, s.store.entry(&p.id)) {
                (Some(at_ms), _) => Record::Deleted { at_ms },
                (None, Some(e)) => Record::Live(e),
                (None, None) => continue,
            };
            let merged = match storage.get(&p.id) {
                Some(stored) => merge_records(&ours, stored),
                None => ours,
            };
            storage.insert(p.id.clone(), merged.clone());
            report.written.push((p.id.clone(), p.seq));
            report.seen.push((p.id.clone(), merged.into()));
        }
        s.apply(Action::Synced(report));
    }

    /// What another tab hears: every record, as storage events bring them.
    fn hear_all(s: &mut AppState, storage: &BTreeMap<String, Record>) {
        let seen = storage
            .iter()
            .map(|(id, r)| (id.clone(), Seen::from(r.clone())))
            .collect();
        s.apply(Action::Remote(seen));
    }

    proptest! {
        #[test]
        fn two_tabs_converge_and_keep_every_latest_edit(ops in proptest::collection::vec((any::<bool>(), arb_op()), 0..30), a_first in any::<bool>()) {
            let mut tabs = [base_tab(), base_tab()];
            let mut storage: BTreeMap<String, Record> = BTreeMap::new();
            for id in ["b0", "b1", "b2"] {
                storage.insert(id.into(), Record::Live(tabs[0].store.entry(id).unwrap()));
            }
            // The truth: per assessment, created / deleted by whom, and the
            // latest value each field was given.
            let mut created: Vec<(usize, String)> = Vec::new();
            let mut deleted: Vec<(usize, String)> = Vec::new();
            let mut latest_level: BTreeMap<(String, usize), Option<u8>> = BTreeMap::new();
            let mut latest_place: BTreeMap<String, String> = BTreeMap::new();
            // (tab, id, time) of every edit that changed something; the
            // time of the last deletion of each id.
            let mut edits: Vec<(usize, String, u64)> = Vec::new();
            let mut deleted_at: BTreeMap<String, u64> = BTreeMap::new();
            for (i, (in_b, op)) in ops.iter().enumerate() {
                let t = usize::from(*in_b);
                let now = 1000 + i as u64 * 10;
                let s = &mut tabs[t];
                match op {
                    Op::Create(n) => {
                        let id = format!("t{t}{n}{i}");
                        let before = s.store.len();
                        act(s, Intent::Create { details: details(&format!("New {t}{n}")) }, now, &[&id]);
                        if s.store.len() > before {
                            created.push((t, id));
                        }
                    }
                    Op::Delete(n) => {
                        let id = target(s, t as u8, *n);
                        if s.store.get(&id).is_some() {
                            act(s, Intent::Delete { id: id.clone() }, now, &[]);
                            deleted_at.insert(id.clone(), now);
                            deleted.push((t, id));
                        }
                    }
                    Op::Level(n, c, l) => {
                        let id = target(s, t as u8, *n);
                        let comp = builtin().competencies[*c].id.clone();
                        let before = s.store.get(&id).map(|a| a.level(&comp));
                        act(s, Intent::SetLevel { id: id.clone(), competency: comp.clone(), level: l.and_then(Level::new) }, now, &[]);
                        if before.is_some() && before != s.store.get(&id).map(|a| a.level(&comp)) {
                            edits.push((t, id.clone(), now));
                            latest_level.insert((id, *c), *l);
                        }
                    }
                    Op::Rename(n, name) => {
                        let id = target(s, t as u8, *n);
                        let before = s.store.get(&id).map(|a| a.place.clone());
                        act(s, Intent::Rename { id: id.clone(), name: format!("Name {name}") }, now, &[]);
                        let after = s.store.get(&id).map(|a| a.place.clone());
                        if before.is_some() && before != after {
                            edits.push((t, id.clone(), now));
                            latest_place.insert(id, format!("Name {name}"));
                        }
                    }
                }
            }
            // Both save, in either order; then each hears the other.
            let order = if a_first { [0, 1] } else { [1, 0] };
            for t in order {
                sync(&mut tabs[t], &mut storage);
            }
            for tab in &mut tabs {
                hear_all(tab, &storage);
            }
            let [a, b] = &tabs;
            prop_assert_eq!(a.store.assessments(), b.store.assessments(), "the tabs agree");
            for (t, id) in &created {
                let deleted_by_creator = deleted.iter().any(|(d, x)| d == t && x == id);
                prop_assert_eq!(a.store.get(id).is_some(), !deleted_by_creator, "created {} by tab {}", id, t);
            }
            // Each field holds its latest edit (where nobody deleted the
            // assessment: a deletion supersedes the edits before it).
            let never_deleted = |id: &str| !deleted.iter().any(|(_, x)| x == id);
            for ((id, c), level) in &latest_level {
                if never_deleted(id) {
                    let x = a.store.get(id);
                    prop_assert!(x.is_some(), "{} kept", id);
                    prop_assert_eq!(x.and_then(|x| x.level(&builtin().competencies[*c].id)), level.and_then(Level::new), "level {} of {}", c, id);
                }
            }
            for (id, place) in &latest_place {
                if never_deleted(id) {
                    prop_assert_eq!(a.store.get(id).map(|x| x.place.as_str()), Some(place.as_str()));
                }
            }
            // A deleted assessment stays deleted, unless the other tab, which
            // had not heard of it, edited it after the deletion.
            for (t, id) in &deleted {
                let edited_later_elsewhere = edits.iter().any(|(e, x, at)| e != t && x == id && *at > deleted_at[id]);
                prop_assert_eq!(a.store.get(id).is_some(), edited_later_elsewhere, "{} deleted by tab {}", id, t);
            }
        }
    }
}
