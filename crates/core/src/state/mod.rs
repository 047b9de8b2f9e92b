//! The one place app state changes. Components send `Intent`s: what the
//! user asked for, with no ids and no clock readings. The edge (`ui::app`)
//! stamps each one with the time, today's date and any fresh ids it needs,
//! once, and dispatches it as `Action::Do`; effects at the edges (storage,
//! other tabs, the service worker) report back with actions too. Pure, so
//! every transition is testable natively.

use crate::domain::formats::exchange::{FileError, Parsed};
use crate::domain::model::assessment::{Assessment, Details};
use crate::domain::model::guided::Answer;
use crate::domain::model::plan::{PlanEdit, PlanItem, MAX_ACTIONS};
use crate::domain::model::rubric::{builtin, Level};
use crate::domain::route::Route;
use crate::domain::storage::backup::{Backup, Keeping};
use crate::domain::storage::handoff::{self, Carry, Note};
use crate::domain::storage::persist::Heard;
use crate::domain::storage::record::{merge, merge_records, Entry, Record, Seen};
use crate::domain::storage::store::{
    ContentIndex, MemoryReason, StorageStatus, Store, WriteOutcome,
};
use std::rc::Rc;

mod carry;
mod intents;
mod tabs;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use intents::Intent;

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

// A change not yet written, and what a save reports: the storage
// protocol's (`domain::storage::persist`), under the reducer's name too.
pub use crate::domain::storage::persist::{Pending, SyncReport};

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
    /// Today, `YYYY-MM-DD`, as of the last intent (or the start): the date
    /// a new form proposes. Empty until the edge sets it.
    pub today: String,
    /// What this browser promises about keeping the data.
    pub keeping: Keeping,
    /// A language the user chose (or prefers) whose catalog could not be
    /// fetched (offline before it was ever fetched); the app stays in `lang`.
    pub lang_unavailable: Option<&'static str>,
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
    /// What the previous page of this tab handed over (`domain::storage::handoff`):
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

impl From<Heard> for Action {
    fn from(heard: Heard) -> Action {
        match heard {
            Heard::Remote(seen) => Action::Remote(seen),
            Heard::Stopped(reason) => Action::StorageStopped(reason),
            Heard::Backup(backup) => Action::BackupSeen(backup),
        }
    }
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
            today: String::new(),
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
    /// The new version may load now: the user asked, and no form holds
    /// unsaved input.
    pub fn reload_now(&self) -> bool {
        self.update == Update::Requested && self.open_forms.is_empty()
    }
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
