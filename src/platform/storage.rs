//! localStorage, carrying out the plans of `domain::store` and the merges of
//! `domain::record`. Every write first reads what is stored now, because
//! another tab, or another version of the app, may have written since this
//! tab last looked: it merges, or stops and says why. When the browser
//! refuses storage, the app works in memory and says so; it never panics.

use crate::domain::assessment::Assessment;
use crate::domain::backup::Backup;
use crate::domain::record::{
    decode_record, encode_record, id_of_key, judge_set_aside, merge_records, record_key, resolve,
    Entry, Record, RecordError, Seen, RECORD_PREFIX,
};
use crate::domain::store::{
    self, marker, LoadPlan, MemoryReason, SetAside, StorageStatus, Store, StoreError, WriteOutcome,
    BACKUP_KEY, QUARANTINE_PREFIX, STORE_KEY,
};
use crate::state::{Action, Pending, SyncReport};
use gloo_storage::Storage as _;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// What localStorage holds at most in the browsers we serve, in UTF-16
/// code units for keys and values together (Chromium allows 10 MB, i.e.
/// about 5.2 million; Firefox and Safari 5 MB).
const LOCAL_STORAGE_CHARS: f64 = 5_000_000.0;

/// Where changes go. `None` for the handle means memory only.
pub struct Persistence {
    storage: Option<web_sys::Storage>,
    /// Once newer data appears, this tab never writes again.
    stopped: Cell<bool>,
    /// Copies set aside by this tab, so each gets its own key.
    kept: Cell<usize>,
}

pub struct Boot {
    pub persistence: Persistence,
    pub store: Store,
    pub status: StorageStatus,
    pub backup: Backup,
}

/// `localStorage` itself can throw (sandboxed frames, blocked cookies), and
/// gloo's accessor panics when it does, so probe it first.
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()??;
    Some(gloo_storage::LocalStorage::raw())
}

fn write_outcome(err: &wasm_bindgen::JsValue) -> WriteOutcome {
    match err.dyn_ref::<web_sys::DomException>().map(|e| e.name()) {
        Some(name) if name == "QuotaExceededError" => WriteOutcome::Full,
        _ => WriteOutcome::Failed,
    }
}

fn keys(storage: &web_sys::Storage) -> Vec<String> {
    let len = storage.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect()
}

/// Values set aside in earlier visits, so the user can still download them.
fn earlier_set_asides(storage: &web_sys::Storage, all: &[String]) -> Vec<SetAside> {
    let mut keys: Vec<&String> = all
        .iter()
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .collect();
    crate::domain::order::sort_by(&mut keys, |a, b| a.cmp(b));
    keys.into_iter()
        .filter_map(|key| {
            let raw = storage.get_item(key).ok().flatten()?;
            let (reason, skipped, shortened) = judge_set_aside(&raw);
            Some(SetAside {
                key: Some(key.clone()),
                raw: Rc::from(raw),
                reason,
                skipped,
                shortened,
            })
        })
        .collect()
}

/// When the last full copy was made: as recorded, or, for assessments made
/// before the app recorded it, as if never.
#[inline(always)]
fn backup_of(store: &Store, now_ms: u64) -> Backup {
    match read_setting(BACKUP_KEY) {
        Some(raw) => Backup::parse(Some(&raw)),
        None if !store.is_empty() => {
            let list = store.assessments();
            let oldest = list.iter().map(|a| a.created_ms).min().unwrap_or(now_ms);
            let newest = list.iter().map(|a| a.updated_ms).max().unwrap_or(now_ms);
            Backup::assume_uncopied(oldest, newest)
        }
        None => Backup::default(),
    }
}

/// What is saved, read without writing anything, for index.html's first
/// paint (`ui::first_paint`); `None` unless storage holds only readable
/// records of this version, so that whatever needs a decision (migrating,
/// setting aside, a newer version) waits for the app's `open`, which makes
/// it and says so.
pub fn peek(now_ms: u64) -> Option<(Store, Backup)> {
    let storage = local_storage()?;
    let raw = storage.get_item(STORE_KEY).ok()?;
    if !matches!(store::plan_load(raw.as_deref()), LoadPlan::Records) {
        return None;
    }
    let all = keys(&storage);
    if all.iter().any(|k| k.starts_with(QUARANTINE_PREFIX)) {
        return None;
    }
    let mut entries = Vec::new();
    for key in all.iter().filter(|k| k.starts_with(RECORD_PREFIX)) {
        let raw = storage.get_item(key).ok().flatten()?;
        match decode_record(key, &raw) {
            Ok(d) if !d.shortened => {
                if let Record::Live(e) = d.record.settle(now_ms) {
                    entries.push(e);
                }
            }
            _ => return None,
        }
    }
    let store = Store::from_entries(entries);
    let backup = backup_of(&store, now_ms);
    Some((store, backup))
}

impl Persistence {
    fn memory(reason: MemoryReason, store: Store, mut status: StorageStatus) -> Boot {
        status.memory_only = Some(reason);
        let backup = Backup::default();
        Boot {
            persistence: Persistence {
                storage: None,
                stopped: Cell::new(true),
                kept: Cell::new(0),
            },
            store,
            status,
            backup,
        }
    }

    /// Reads what is saved and decides how to go on. Never fails: the worst
    /// case is the assessments in memory with a notice explaining why
    /// nothing is saved.
    pub fn open(now_ms: u64) -> Boot {
        let unavailable = || {
            Self::memory(
                MemoryReason::Unavailable,
                Store::default(),
                StorageStatus::default(),
            )
        };
        let Some(storage) = local_storage() else {
            return unavailable();
        };
        let Ok(raw) = storage.get_item(STORE_KEY) else {
            return unavailable();
        };
        let all_keys = keys(&storage);
        let mut status = StorageStatus {
            set_aside: earlier_set_asides(&storage, &all_keys),
            ..StorageStatus::default()
        };
        let persistence = Persistence {
            storage: Some(storage),
            stopped: Cell::new(false),
            kept: Cell::new(0),
        };
        let mut stop: Option<MemoryReason> = None;
        let mut legacy: Vec<Assessment> = Vec::new();
        // STORE_KEY holds a whole store (schema 1 or 2), to be replaced by
        // the marker once all it held is safe.
        let mut whole_store = false;
        match store::plan_load(raw.as_deref()) {
            LoadPlan::Records => {}
            LoadPlan::LeaveAlone { found } => {
                status.set_aside.push(SetAside {
                    key: None,
                    raw: Rc::from(raw.unwrap_or_default()),
                    reason: StoreError::Newer { found },
                    skipped: 0,
                    shortened: 0,
                });
                stop = Some(MemoryReason::NewerVersion { found });
            }
            LoadPlan::Migrate(list) => {
                legacy = list;
                whole_store = true;
            }
            LoadPlan::SetAsideThenMigrate {
                assessments,
                skipped,
                shortened,
                reason,
            } => {
                let raw = raw.unwrap_or_default();
                let kept = persistence.keep(&raw, now_ms);
                whole_store = true;
                if kept.is_none() {
                    stop = Some(MemoryReason::CouldNotSetAside);
                }
                status.set_aside.push(SetAside {
                    key: kept,
                    raw: Rc::from(raw),
                    reason,
                    skipped,
                    shortened,
                });
                legacy = assessments;
            }
        }
        let mut entries = Vec::new();
        let mut newer = None;
        if let Some(s) = persistence.handle() {
            let writable = stop.is_none();
            for key in all_keys.iter().filter(|k| k.starts_with(RECORD_PREFIX)) {
                let Some(raw) = s.get_item(key).ok().flatten() else {
                    continue;
                };
                match decode_record(key, &raw) {
                    Ok(d) => match d.record.clone().settle(now_ms) {
                        // Dated in the future by a clock set ahead: kept as
                        // read now, so it neither wins nor lives for ever.
                        settled if settled != d.record && writable && !d.shortened => {
                            if settled.expired(now_ms) {
                                let _ = s.remove_item(key);
                            } else {
                                let _ = s.set_item(key, &encode_record(&settled));
                            }
                            if let Record::Live(e) = settled {
                                entries.push(e);
                            }
                        }
                        Record::Live(e) => {
                            if d.shortened {
                                let kept =
                                    writable.then(|| persistence.keep(&raw, now_ms)).flatten();
                                // The original is safe in its copy: store the
                                // readable one, so the next start reads it as is.
                                if kept.is_some() {
                                    let _ =
                                        s.set_item(key, &encode_record(&Record::Live(e.clone())));
                                }
                                status.set_aside.push(SetAside {
                                    key: kept,
                                    raw: Rc::from(raw),
                                    reason: StoreError::Invalid("notes too long".into()),
                                    skipped: 0,
                                    shortened: 1,
                                });
                            }
                            entries.push(e);
                        }
                        gone @ Record::Deleted { .. } => {
                            if writable && gone.expired(now_ms) {
                                let _ = s.remove_item(key);
                            }
                        }
                    },
                    Err(RecordError::Newer { found }) => newer = Some(found),
                    Err(RecordError::Unreadable(reason)) => {
                        let kept = writable.then(|| persistence.keep(&raw, now_ms)).flatten();
                        if kept.is_some() {
                            let _ = s.remove_item(key);
                        } else if writable {
                            stop = Some(MemoryReason::CouldNotSetAside);
                        }
                        status.set_aside.push(SetAside {
                            key: kept,
                            raw: Rc::from(raw),
                            reason,
                            skipped: 1,
                            shortened: 0,
                        });
                    }
                }
            }
        }
        if let Some(found) = newer {
            stop = Some(MemoryReason::NewerVersion { found });
        }
        let mut store = Store::from_entries(entries);
        if whole_store {
            if stop.is_none() {
                match persistence.migrate(legacy.clone(), now_ms) {
                    Ok(seen) => {
                        for (_, s) in seen {
                            if let Seen::Live(e) = s {
                                store.put(e);
                            }
                        }
                    }
                    Err(reason) => stop = Some(reason),
                }
            }
            if stop.is_some() {
                // Shown from memory, as read; nothing is written over them.
                for a in legacy {
                    if store.get(&a.id).is_none() {
                        let at = a.updated_ms;
                        store.insert(Entry::new(a, at));
                    }
                }
            }
        }
        let backup = backup_of(&store, now_ms);
        match stop {
            Some(reason) => {
                let mut boot = Self::memory(reason, store, status);
                boot.backup = backup;
                boot
            }
            None => Boot {
                persistence,
                store,
                status,
                backup,
            },
        }
    }

    /// No storage at all, not even read: for the embedded card, which must
    /// leave its host's and its own storage alone.
    pub fn detached() -> Boot {
        Self::memory(
            MemoryReason::Unavailable,
            Store::default(),
            StorageStatus::default(),
        )
    }

    fn handle(&self) -> Option<&web_sys::Storage> {
        self.storage.as_ref()
    }

    /// Copies `raw` aside; the key it went to, or `None` when it did not fit.
    fn keep(&self, raw: &str, now_ms: u64) -> Option<String> {
        let s = self.handle()?;
        // Another tab may have started in the same millisecond and set a
        // copy aside under the same name: never write over one.
        let mut key = store::quarantine_key(now_ms, self.kept.get());
        while s.get_item(&key).ok().flatten().is_some() {
            self.kept.set(self.kept.get() + 1);
            key = store::quarantine_key(now_ms, self.kept.get());
        }
        self.kept.set(self.kept.get() + 1);
        s.set_item(&key, raw).ok().map(|_| key)
    }

    fn writable(&self) -> Option<&web_sys::Storage> {
        self.storage.as_ref().filter(|_| !self.stopped.get())
    }

    /// Moves whole-store assessments (schema 1 and 2) into records, merging
    /// with any record of the same id, then writes the marker. The old value
    /// is only replaced once every assessment it held is in a record. When
    /// storage is full, the old value first shrinks by the ones already
    /// moved; if that is not enough, it stays, and nothing more is written.
    fn migrate(
        &self,
        legacy: Vec<Assessment>,
        now_ms: u64,
    ) -> Result<Vec<(String, Seen)>, MemoryReason> {
        let Some(s) = self.writable() else {
            return Err(MemoryReason::Unavailable);
        };
        let mut seen = Vec::new();
        let mut moved = 0;
        for (i, a) in legacy.iter().enumerate() {
            let id = a.id.clone();
            let key = record_key(&id);
            let ours = Record::Live(Entry::new(a.clone(), a.updated_ms));
            let merged = match s
                .get_item(&key)
                .ok()
                .flatten()
                .map(|raw| (decode_record(&key, &raw), raw))
            {
                None => ours,
                Some((Ok(d), _)) => merge_records(&ours, &d.record),
                Some((Err(RecordError::Newer { found }), _)) => {
                    self.stopped.set(true);
                    return Err(MemoryReason::NewerVersion { found });
                }
                Some((Err(RecordError::Unreadable(_)), raw)) => {
                    if self.keep(&raw, now_ms).is_none() {
                        return Err(MemoryReason::CouldNotSetAside);
                    }
                    ours
                }
            };
            let text = encode_record(&merged);
            if s.set_item(&key, &text).is_err() {
                // Make room from the old value: drop what is already moved.
                if s.set_item(STORE_KEY, &store::encode_legacy(&legacy[moved..]))
                    .is_err()
                    || s.set_item(&key, &text).is_err()
                {
                    return Err(MemoryReason::CouldNotMigrate);
                }
            }
            moved = i + 1;
            seen.push((id, Seen::from(merged)));
        }
        if s.set_item(STORE_KEY, &marker()).is_err() {
            // Every assessment is in its record; the old value only repeats
            // them, and the next start tries again.
            return Ok(seen);
        }
        Ok(seen)
    }

    /// Writes what changed here. Each record is read first and merged with
    /// what this tab holds, so a change another tab made meanwhile is kept.
    pub fn sync(&self, pending: &[Pending], store: &Store, now_ms: u64) -> SyncReport {
        let mut report = SyncReport::default();
        let Some(s) = self.writable() else {
            return report;
        };
        // Another version may have written since: a newer one stops us; an
        // older one (a tab still open on it) wrote a whole store, which is
        // moved into records first, so nothing it wrote is lost.
        match store::plan_load(s.get_item(STORE_KEY).ok().flatten().as_deref()) {
            LoadPlan::Records => {}
            LoadPlan::LeaveAlone { found } => {
                self.stopped.set(true);
                report.stopped = Some(MemoryReason::NewerVersion { found });
                return report;
            }
            LoadPlan::Migrate(list)
            | LoadPlan::SetAsideThenMigrate {
                assessments: list, ..
            } => match self.migrate(list, now_ms) {
                Ok(seen) => report.seen.extend(seen),
                Err(reason) => {
                    self.stopped.set(true);
                    report.stopped = Some(reason);
                    return report;
                }
            },
        }
        let mut worst: Option<WriteOutcome> = None;
        for p in pending {
            let key = record_key(&p.id);
            let ours = match (p.deleted_ms, store.entry(&p.id)) {
                (Some(at_ms), _) => Record::Deleted { at_ms },
                (None, Some(e)) => Record::Live(e),
                // Gone here since (deleted and not yet saved, or merged away).
                (None, None) => {
                    report.written.push((p.id.clone(), p.seq));
                    continue;
                }
            };
            let raw = s.get_item(&key).ok().flatten();
            // As written, and as this device takes it (`Record::settle`).
            let stored = match raw.as_deref().map(|r| decode_record(&key, r)) {
                None => None,
                Some(Ok(d)) => Some((d.record.clone().settle(now_ms), d.record)),
                Some(Err(RecordError::Newer { found })) => {
                    self.stopped.set(true);
                    report.stopped = Some(MemoryReason::NewerVersion { found });
                    return report;
                }
                Some(Err(RecordError::Unreadable(reason))) => {
                    let raw = raw.unwrap_or_default();
                    let kept = self.keep(&raw, now_ms);
                    let could_not = kept.is_none();
                    report.set_aside.push(SetAside {
                        key: kept,
                        raw: Rc::from(raw),
                        reason,
                        skipped: 1,
                        shortened: 0,
                    });
                    if could_not {
                        // Not safe to write over it.
                        worst = worst.max(Some(WriteOutcome::Failed));
                        continue;
                    }
                    None
                }
            };
            let merged = match &stored {
                Some((settled, _)) => resolve(&ours, settled, p.restore),
                None => ours,
            };
            // A time from the future is written again as settled.
            if stored.as_ref().map(|(_, written)| written) != Some(&merged) {
                match s.set_item(&key, &encode_record(&merged)) {
                    Ok(()) => worst = worst.max(Some(WriteOutcome::Saved)),
                    Err(e) => {
                        worst = worst.max(Some(write_outcome(&e)));
                        continue;
                    }
                }
            } else {
                worst = worst.max(Some(WriteOutcome::Saved));
            }
            report.written.push((p.id.clone(), p.seq));
            report.seen.push((p.id.clone(), Seen::from(merged)));
        }
        report.outcome = worst;
        report
    }

    /// What a `storage` event (another tab wrote) means for this tab.
    pub fn heard(&self, key: Option<&str>, value: Option<&str>, now_ms: u64) -> Option<Action> {
        let s = self.handle()?;
        let Some(key) = key else {
            // Storage was cleared: take in whatever is there now.
            return Some(Action::Remote(self.all_records(s, now_ms)));
        };
        if key == STORE_KEY {
            return match store::plan_load(value) {
                LoadPlan::Records => None,
                LoadPlan::LeaveAlone { found } => {
                    self.stopped.set(true);
                    Some(Action::StorageStopped(MemoryReason::NewerVersion { found }))
                }
                LoadPlan::Migrate(list)
                | LoadPlan::SetAsideThenMigrate {
                    assessments: list, ..
                } => {
                    // A tab of an older version saved its whole store.
                    match self.migrate(list, now_ms) {
                        Ok(seen) => Some(Action::Remote(seen)),
                        Err(reason) if self.stopped.get() => Some(Action::StorageStopped(reason)),
                        Err(_) => None,
                    }
                }
            };
        }
        if key == BACKUP_KEY {
            return Some(Action::BackupSeen(Backup::parse(value)));
        }
        let id = id_of_key(key)?.to_string();
        match value.map(|v| decode_record(key, v)) {
            None => Some(Action::Remote(vec![(id, Seen::Absent)])),
            Some(Ok(d)) => Some(Action::Remote(vec![(id, d.record.settle(now_ms).into())])),
            Some(Err(RecordError::Newer { found })) => {
                self.stopped.set(true);
                Some(Action::StorageStopped(MemoryReason::NewerVersion { found }))
            }
            // Not ours to judge here: the next start sets it aside.
            Some(Err(RecordError::Unreadable(_))) => None,
        }
    }

    fn all_records(&self, s: &web_sys::Storage, now_ms: u64) -> Vec<(String, Seen)> {
        keys(s)
            .iter()
            .filter_map(|key| {
                let id = id_of_key(key)?.to_string();
                let raw = s.get_item(key).ok().flatten()?;
                let d = decode_record(key, &raw).ok()?;
                Some((id, d.record.settle(now_ms).into()))
            })
            .collect()
    }

    /// How full localStorage is, from 0 to 1, counting every key of this
    /// origin (the quota is shared). `None` without storage.
    pub fn fill_ratio(&self) -> Option<f64> {
        let s = self.handle()?;
        let used: usize = keys(s)
            .iter()
            .map(|k| k.len() + s.get_item(k).ok().flatten().map_or(0, |v| v.len()))
            .sum();
        Some(used as f64 / LOCAL_STORAGE_CHARS)
    }

    /// Deletes a set-aside copy, on the user's explicit request.
    pub fn remove(&self, key: &str) {
        if key.starts_with(QUARANTINE_PREFIX) {
            if let Some(s) = &self.storage {
                let _ = s.remove_item(key);
            }
        }
    }
}

/// A preference (see `store::LANG_KEY`); `None` when absent or unreadable.
pub fn read_setting(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Remembers a preference; silently skipped where storage is refused, since
/// the app works the same without it.
pub fn write_setting(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, value);
    }
}
