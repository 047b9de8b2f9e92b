//! The storage protocol: how this tab starts from what is saved, writes
//! what changed, hears another tab, moves an older version's data into
//! records and sets aside what it cannot read. It runs over any key–value
//! store (`Kv`): localStorage in the browser (`platform::storage`), a map in
//! the tests here. Every write first reads what is stored now, because
//! another tab, or another version of the app, may have written since this
//! tab last looked: it merges, or stops and says why. When storage is
//! refused, the app works in memory and says so; it never panics.

use crate::domain::model::assessment::Assessment;
use crate::domain::storage::backup::Backup;
use crate::domain::storage::record::{
    decode_record, encode_record, id_of_key, judge_set_aside, merge_records, record_key, resolve,
    Entry, Record, RecordError, Seen, RECORD_PREFIX,
};
use crate::domain::storage::schema::{encode_legacy, marker, plan_load, LoadPlan, StoreError};
use crate::domain::storage::store::{
    quarantine_key, MemoryReason, SetAside, StorageStatus, Store, WriteOutcome, BACKUP_KEY,
    QUARANTINE_PREFIX, STORE_KEY,
};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

/// What localStorage holds at most in the browsers we serve, in UTF-16
/// code units for keys and values together (Chromium allows 10 MB, i.e.
/// about 5.2 million; Firefox and Safari 5 MB).
pub const LOCAL_STORAGE_CHARS: usize = 5_000_000;

/// The storage could not be read at all (refused by the browser).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// A key–value store of strings, as localStorage is. Writes may fail
/// (`WriteOutcome::Full` or `Failed`); a failed read of one key reads as
/// absent, since nothing can be done with it but leave it alone.
pub trait Kv {
    fn get(&self, key: &str) -> Result<Option<String>, Unreadable>;
    fn set(&self, key: &str, value: &str) -> Result<(), WriteOutcome>;
    fn remove(&self, key: &str);
    fn keys(&self) -> Vec<String>;

    fn read(&self, key: &str) -> Option<String> {
        self.get(key).ok().flatten()
    }
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

/// What a save found and did, reported back to the reducer.
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

/// What another tab's write means for this one.
#[derive(Debug, Clone, PartialEq)]
pub enum Heard {
    /// Records as storage holds them now.
    Remote(Vec<(String, Seen)>),
    /// Saving must stop here.
    Stopped(MemoryReason),
    /// Another tab recorded a full copy.
    Backup(Backup),
}

/// Where changes go. `None` for the store means memory only.
pub struct Persistence<S: Kv> {
    storage: Option<S>,
    /// Once newer data appears, this tab never writes again.
    stopped: Cell<bool>,
    /// Copies set aside by this tab, so each gets its own key.
    kept: Cell<usize>,
}

pub struct Boot<S: Kv> {
    pub persistence: Persistence<S>,
    pub store: Store,
    pub status: StorageStatus,
    pub backup: Backup,
}

/// Values set aside in earlier visits, so the user can still download them.
fn earlier_set_asides(storage: &impl Kv, all: &[String]) -> Vec<SetAside> {
    let mut keys: Vec<&String> = all
        .iter()
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .collect();
    crate::domain::order::sort_by(&mut keys, |a, b| a.cmp(b));
    keys.into_iter()
        .filter_map(|key| {
            let raw = storage.read(key)?;
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
fn backup_of(storage: &impl Kv, store: &Store, now_ms: u64) -> Backup {
    match storage.read(BACKUP_KEY) {
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
/// paint; `None` unless storage holds only readable records of this
/// version, so that whatever needs a decision (migrating, setting aside, a
/// newer version) waits for `Persistence::open`, which makes it and says so.
pub fn peek(storage: &impl Kv, now_ms: u64) -> Option<(Store, Backup)> {
    let raw = storage.get(STORE_KEY).ok()?;
    if !matches!(plan_load(raw.as_deref()), LoadPlan::Records) {
        return None;
    }
    let all = storage.keys();
    if all.iter().any(|k| k.starts_with(QUARANTINE_PREFIX)) {
        return None;
    }
    let mut entries = Vec::new();
    for key in all.iter().filter(|k| k.starts_with(RECORD_PREFIX)) {
        let raw = storage.read(key)?;
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
    let backup = backup_of(storage, &store, now_ms);
    Some((store, backup))
}

impl<S: Kv> Persistence<S> {
    fn memory(reason: MemoryReason, store: Store, mut status: StorageStatus) -> Boot<S> {
        status.memory_only = Some(reason);
        Boot {
            persistence: Persistence {
                storage: None,
                stopped: Cell::new(true),
                kept: Cell::new(0),
            },
            store,
            status,
            backup: Backup::default(),
        }
    }

    /// No storage at all, not even read: for the embedded card, which must
    /// leave its host's and its own storage alone.
    pub fn detached() -> Boot<S> {
        Self::memory(
            MemoryReason::Unavailable,
            Store::default(),
            StorageStatus::default(),
        )
    }

    /// Reads what is saved and decides how to go on. Never fails: the worst
    /// case is the assessments in memory with a notice explaining why
    /// nothing is saved.
    pub fn open(storage: Option<S>, now_ms: u64) -> Boot<S> {
        let Some((storage, raw)) = storage.and_then(|s| {
            let raw = s.get(STORE_KEY).ok()?;
            Some((s, raw))
        }) else {
            return Self::detached();
        };
        let all_keys = storage.keys();
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
        match plan_load(raw.as_deref()) {
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
                let Some(raw) = s.read(key) else {
                    continue;
                };
                match decode_record(key, &raw) {
                    Ok(d) => match d.record.clone().settle(now_ms) {
                        // Dated in the future by a clock set ahead: kept as
                        // read now, so it neither wins nor lives for ever.
                        settled if settled != d.record && writable && !d.shortened => {
                            if settled.expired(now_ms) {
                                s.remove(key);
                            } else {
                                let _ = s.set(key, &encode_record(&settled));
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
                                    let _ = s.set(key, &encode_record(&Record::Live(e.clone())));
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
                                s.remove(key);
                            }
                        }
                    },
                    Err(RecordError::Newer { found }) => newer = Some(found),
                    Err(RecordError::Unreadable(reason)) => {
                        let kept = writable.then(|| persistence.keep(&raw, now_ms)).flatten();
                        if kept.is_some() {
                            s.remove(key);
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
        let backup = persistence
            .handle()
            .map(|s| backup_of(s, &store, now_ms))
            .unwrap_or_default();
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

    fn handle(&self) -> Option<&S> {
        self.storage.as_ref()
    }

    /// Copies `raw` aside; the key it went to, or `None` when it did not fit.
    fn keep(&self, raw: &str, now_ms: u64) -> Option<String> {
        let s = self.handle()?;
        // Another tab may have started in the same millisecond and set a
        // copy aside under the same name: never write over one.
        let mut key = quarantine_key(now_ms, self.kept.get());
        while s.read(&key).is_some() {
            self.kept.set(self.kept.get() + 1);
            key = quarantine_key(now_ms, self.kept.get());
        }
        self.kept.set(self.kept.get() + 1);
        s.set(&key, raw).ok().map(|_| key)
    }

    fn writable(&self) -> Option<&S> {
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
            let merged = match s.read(&key).map(|raw| (decode_record(&key, &raw), raw)) {
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
            if s.set(&key, &text).is_err() {
                // Make room from the old value: drop what is already moved.
                if s.set(STORE_KEY, &encode_legacy(&legacy[moved..])).is_err()
                    || s.set(&key, &text).is_err()
                {
                    return Err(MemoryReason::CouldNotMigrate);
                }
            }
            moved = i + 1;
            seen.push((id, Seen::from(merged)));
        }
        // Should the marker not fit, every assessment is in its record
        // anyway; the old value only repeats them, and the next start tries
        // again.
        let _ = s.set(STORE_KEY, &marker());
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
        match plan_load(s.read(STORE_KEY).as_deref()) {
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
            let raw = s.read(&key);
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
                if let Err(outcome) = s.set(&key, &encode_record(&merged)) {
                    worst = worst.max(Some(outcome));
                    continue;
                }
            }
            worst = worst.max(Some(WriteOutcome::Saved));
            report.written.push((p.id.clone(), p.seq));
            report.seen.push((p.id.clone(), Seen::from(merged)));
        }
        report.outcome = worst;
        report
    }

    /// What a `storage` event (another tab wrote `key`, now `value`; no key:
    /// storage was cleared) means for this tab.
    pub fn heard(&self, key: Option<&str>, value: Option<&str>, now_ms: u64) -> Option<Heard> {
        let s = self.handle()?;
        let Some(key) = key else {
            // Storage was cleared: take in whatever is there now.
            return Some(Heard::Remote(all_records(s, now_ms)));
        };
        if key == STORE_KEY {
            return match plan_load(value) {
                LoadPlan::Records => None,
                LoadPlan::LeaveAlone { found } => {
                    self.stopped.set(true);
                    Some(Heard::Stopped(MemoryReason::NewerVersion { found }))
                }
                LoadPlan::Migrate(list)
                | LoadPlan::SetAsideThenMigrate {
                    assessments: list, ..
                } => {
                    // A tab of an older version saved its whole store.
                    match self.migrate(list, now_ms) {
                        Ok(seen) => Some(Heard::Remote(seen)),
                        Err(reason) if self.stopped.get() => Some(Heard::Stopped(reason)),
                        Err(_) => None,
                    }
                }
            };
        }
        if key == BACKUP_KEY {
            return Some(Heard::Backup(Backup::parse(value)));
        }
        let id = id_of_key(key)?.to_string();
        match value.map(|v| decode_record(key, v)) {
            None => Some(Heard::Remote(vec![(id, Seen::Absent)])),
            Some(Ok(d)) => Some(Heard::Remote(vec![(id, d.record.settle(now_ms).into())])),
            Some(Err(RecordError::Newer { found })) => {
                self.stopped.set(true);
                Some(Heard::Stopped(MemoryReason::NewerVersion { found }))
            }
            // Not ours to judge here: the next start sets it aside.
            Some(Err(RecordError::Unreadable(_))) => None,
        }
    }

    /// How full the store is, from 0 to 1, counting every key of this
    /// origin (the quota is shared). `None` without storage.
    pub fn fill_ratio(&self) -> Option<f64> {
        let s = self.handle()?;
        let used: usize = s
            .keys()
            .iter()
            .map(|k| k.len() + s.read(k).map_or(0, |v| v.len()))
            .sum();
        Some(used as f64 / LOCAL_STORAGE_CHARS as f64)
    }

    /// Deletes a set-aside copy, on the user's explicit request.
    pub fn remove(&self, key: &str) {
        if key.starts_with(QUARANTINE_PREFIX) {
            if let Some(s) = &self.storage {
                s.remove(key);
            }
        }
    }
}

fn all_records(s: &impl Kv, now_ms: u64) -> Vec<(String, Seen)> {
    s.keys()
        .iter()
        .filter_map(|key| {
            let id = id_of_key(key)?.to_string();
            let raw = s.read(key)?;
            let d = decode_record(key, &raw).ok()?;
            Some((id, d.record.settle(now_ms).into()))
        })
        .collect()
}

/// A `Kv` in memory, shared by clones as one origin's localStorage is
/// shared by its tabs: for tests and benchmarks. `capacity` limits keys and
/// values together, in bytes, like a quota.
#[derive(Clone, Default)]
pub struct MemoryKv {
    map: Rc<RefCell<BTreeMap<String, String>>>,
    capacity: Option<usize>,
}

impl MemoryKv {
    pub fn with_capacity(chars: usize) -> MemoryKv {
        MemoryKv {
            capacity: Some(chars),
            ..MemoryKv::default()
        }
    }

    /// Every key and value, in key order.
    pub fn entries(&self) -> Vec<(String, String)> {
        self.map
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    fn used_without(&self, key: &str) -> usize {
        self.map
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }
}

impl Kv for MemoryKv {
    fn get(&self, key: &str) -> Result<Option<String>, Unreadable> {
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), WriteOutcome> {
        if let Some(cap) = self.capacity {
            if self.used_without(key) + key.len() + value.len() > cap {
                return Err(WriteOutcome::Full);
            }
        }
        self.map.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.map.borrow_mut().remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::model::assessment::MAX_NOTES_CHARS;
    use crate::domain::model::rubric::builtin;
    use crate::domain::model::samples::reference;
    use crate::domain::storage::backup::DAY_MS;
    use crate::domain::storage::record::TOMBSTONE_DAYS;

    const NOW: u64 = 1_800_000_000_000;

    fn sample(id: &str) -> Assessment {
        let mut a = reference(true);
        a.id = id.into();
        a.created_ms = NOW - DAY_MS;
        a.updated_ms = NOW - DAY_MS;
        a
    }

    fn record_text(a: &Assessment) -> String {
        encode_record(&Record::Live(Entry::new(a.clone(), a.updated_ms)))
    }

    fn live(kv: &MemoryKv, id: &str) -> Option<Assessment> {
        let key = record_key(id);
        match decode_record(&key, &kv.read(&key)?).ok()?.record {
            Record::Live(e) => Some(e.assessment),
            Record::Deleted { .. } => None,
        }
    }

    fn set_asides(kv: &MemoryKv) -> Vec<(String, String)> {
        kv.entries()
            .into_iter()
            .filter(|(k, _)| k.starts_with(QUARANTINE_PREFIX))
            .collect()
    }

    fn pending(id: &str) -> Pending {
        Pending {
            id: id.into(),
            seq: 1,
            deleted_ms: None,
            restore: false,
        }
    }

    fn store_of(list: &[Assessment]) -> Store {
        Store::from_entries(
            list.iter()
                .map(|a| Entry::new(a.clone(), a.updated_ms))
                .collect(),
        )
    }

    #[test]
    fn an_empty_store_opens_writable_and_a_save_lands_in_its_record() {
        let kv = MemoryKv::default();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        assert!(boot.store.is_empty());
        assert_eq!(boot.status, StorageStatus::default());
        let a = sample("a1");
        let report =
            boot.persistence
                .sync(&[pending("a1")], &store_of(std::slice::from_ref(&a)), NOW);
        assert_eq!(report.outcome, Some(WriteOutcome::Saved));
        assert_eq!(report.written, vec![("a1".to_string(), 1)]);
        assert_eq!(live(&kv, "a1"), Some(a.clone()));
        // The next start reads it back, and so does the first paint.
        let again = Persistence::open(Some(kv.clone()), NOW);
        assert_eq!(again.store.assessments(), &[Rc::new(a.clone())]);
        assert_eq!(peek(&kv, NOW).map(|(s, _)| s), Some(again.store));
    }

    #[test]
    fn without_storage_the_app_works_in_memory_and_writes_nothing() {
        let boot = Persistence::<MemoryKv>::open(None, NOW);
        assert_eq!(boot.status.memory_only, Some(MemoryReason::Unavailable));
        let report = boot
            .persistence
            .sync(&[pending("a1")], &store_of(&[sample("a1")]), NOW);
        assert_eq!(report, SyncReport::default());
        assert_eq!(boot.persistence.fill_ratio(), None);
    }

    #[test]
    fn a_whole_store_of_an_older_version_moves_into_records_then_the_marker() {
        let kv = MemoryKv::default();
        let list = vec![sample("a1"), sample("a2")];
        kv.set(STORE_KEY, &encode_legacy(&list)).unwrap();
        assert_eq!(peek(&kv, NOW), None, "the first paint leaves it to the app");
        let boot = Persistence::open(Some(kv.clone()), NOW);
        assert_eq!(boot.status.memory_only, None);
        assert_eq!(boot.store.len(), 2);
        assert_eq!(live(&kv, "a1"), Some(list[0].clone()));
        assert_eq!(live(&kv, "a2"), Some(list[1].clone()));
        assert_eq!(kv.read(STORE_KEY), Some(marker()));
    }

    #[test]
    fn a_migration_short_of_room_first_shrinks_the_old_value_by_what_moved() {
        let list = vec![sample("a1"), sample("a2")];
        let old = encode_legacy(&list);
        let rest = encode_legacy(&list[1..]);
        let records: usize = list
            .iter()
            .map(|a| record_key(&a.id).len() + record_text(a).len())
            .sum();
        // Room for both records beside the old value less what moved, not
        // beside the whole old value.
        let room = STORE_KEY.len() + rest.len() + records;
        assert!(room < STORE_KEY.len() + old.len() + records);
        let kv = MemoryKv::with_capacity(room);
        kv.set(STORE_KEY, &old).unwrap();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        assert_eq!(boot.status.memory_only, None);
        assert_eq!(live(&kv, "a1"), Some(list[0].clone()));
        assert_eq!(live(&kv, "a2"), Some(list[1].clone()));
    }

    #[test]
    fn a_migration_that_cannot_fit_keeps_the_old_value_and_stops_writing() {
        let list = vec![sample("a1"), sample("a2")];
        let old = encode_legacy(&list);
        let kv = MemoryKv::with_capacity(STORE_KEY.len() + old.len() + 10);
        kv.set(STORE_KEY, &old).unwrap();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        assert_eq!(boot.status.memory_only, Some(MemoryReason::CouldNotMigrate));
        // Shown from memory; every one still in storage, in the old value.
        assert_eq!(boot.store.len(), 2);
        assert_eq!(
            plan_load(kv.read(STORE_KEY).as_deref()),
            LoadPlan::Migrate(list.clone())
        );
        let report = boot.persistence.sync(&[pending("a1")], &boot.store, NOW);
        assert_eq!(report, SyncReport::default(), "nothing is written after");
    }

    #[test]
    fn a_damaged_whole_store_with_no_room_to_copy_is_shown_and_left_as_it_is() {
        let a = sample("a1");
        let raw = encode_legacy(std::slice::from_ref(&a)).replacen(
            "\"assessments\":[",
            "\"assessments\":[{\"nope\":1},",
            1,
        );
        assert!(matches!(
            plan_load(Some(&raw)),
            LoadPlan::SetAsideThenMigrate { skipped: 1, .. }
        ));
        let kv = MemoryKv::with_capacity(STORE_KEY.len() + raw.len() + 10);
        kv.set(STORE_KEY, &raw).unwrap();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        assert_eq!(
            boot.status.memory_only,
            Some(MemoryReason::CouldNotSetAside)
        );
        assert_eq!(boot.status.set_aside[0].key, None);
        assert_eq!(
            boot.store.assessments(),
            &[Rc::new(a)],
            "what it could read"
        );
        assert_eq!(kv.entries(), vec![(STORE_KEY.to_string(), raw)]);
    }

    #[test]
    fn an_unreadable_record_is_set_aside_before_it_is_removed() {
        let kv = MemoryKv::default();
        let key = record_key("broken");
        kv.set(&key, "{\"format\":").unwrap();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        assert_eq!(boot.status.memory_only, None);
        assert_eq!(boot.status.set_aside.len(), 1);
        let copy = boot.status.set_aside[0].key.clone();
        assert_eq!(kv.read(&key), None);
        assert_eq!(
            set_asides(&kv),
            vec![(copy.clone().unwrap_or_default(), "{\"format\":".to_string())]
        );
        // Still offered on the next start, until the user removes it.
        let again = Persistence::open(Some(kv.clone()), NOW);
        assert_eq!(again.status.set_aside.len(), 1);
        assert_eq!(again.status.set_aside[0].key, copy);
        assert_eq!(peek(&kv, NOW), None, "the first paint leaves it to the app");
        again.persistence.remove(&copy.unwrap_or_default());
        assert!(set_asides(&kv).is_empty());
    }

    #[test]
    fn removing_is_only_for_copies_set_aside() {
        let kv = MemoryKv::default();
        let text = record_text(&sample("a1"));
        kv.set(&record_key("a1"), &text).unwrap();
        kv.set("budmm.lang", "es").unwrap();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        boot.persistence.remove(&record_key("a1"));
        boot.persistence.remove("budmm.lang");
        assert_eq!(kv.read(&record_key("a1")), Some(text));
        assert_eq!(kv.read("budmm.lang").as_deref(), Some("es"));
    }

    #[test]
    fn a_save_over_an_unreadable_record_copies_it_aside_first() {
        let kv = MemoryKv::default();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        kv.set(&record_key("a1"), "cut off {").unwrap();
        let a = sample("a1");
        let report =
            boot.persistence
                .sync(&[pending("a1")], &store_of(std::slice::from_ref(&a)), NOW);
        assert_eq!(report.outcome, Some(WriteOutcome::Saved));
        assert_eq!(report.set_aside.len(), 1);
        assert_eq!(set_asides(&kv)[0].1, "cut off {");
        assert_eq!(live(&kv, "a1"), Some(a));
    }

    #[test]
    fn a_save_over_an_unreadable_record_with_no_room_to_copy_writes_nothing() {
        let key = record_key("a1");
        let kv = MemoryKv::with_capacity(key.len() + 20);
        let boot = Persistence::open(Some(kv.clone()), NOW);
        kv.set(&key, "cut off {").unwrap();
        let report = boot
            .persistence
            .sync(&[pending("a1")], &store_of(&[sample("a1")]), NOW);
        assert_eq!(report.outcome, Some(WriteOutcome::Failed));
        assert!(report.written.is_empty(), "still pending");
        assert_eq!(report.set_aside[0].key, None);
        assert_eq!(kv.read(&key).as_deref(), Some("cut off {"));
    }

    #[test]
    fn an_import_comes_back_over_a_later_deletion_and_an_edit_does_not() {
        let kv = MemoryKv::default();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        let deleted = Record::Deleted { at_ms: NOW + 1000 };
        let a = sample("a1");
        let store = store_of(std::slice::from_ref(&a));
        kv.set(&record_key("a1"), &encode_record(&deleted)).unwrap();
        boot.persistence.sync(&[pending("a1")], &store, NOW);
        assert_eq!(live(&kv, "a1"), None, "an edit older than the deletion");
        let restore = Pending {
            restore: true,
            ..pending("a1")
        };
        boot.persistence.sync(&[restore], &store, NOW);
        assert_eq!(live(&kv, "a1"), Some(a), "the user's import");
    }

    #[test]
    fn a_deletion_here_is_written_as_one() {
        let kv = MemoryKv::default();
        kv.set(&record_key("a1"), &record_text(&sample("a1")))
            .unwrap();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        let gone = Pending {
            deleted_ms: Some(NOW + 10),
            ..pending("a1")
        };
        let report = boot.persistence.sync(&[gone], &Store::default(), NOW + 10);
        assert_eq!(report.written, vec![("a1".to_string(), 1)]);
        let key = record_key("a1");
        let stored = kv
            .read(&key)
            .map(|raw| decode_record(&key, &raw).map(|d| d.record));
        assert_eq!(stored, Some(Ok(Record::Deleted { at_ms: NOW + 10 })));
    }

    #[test]
    fn an_older_tab_saving_its_whole_store_is_heard_and_moved_in() {
        let kv = MemoryKv::default();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        let old = sample("old");
        let legacy = encode_legacy(std::slice::from_ref(&old));
        kv.set(STORE_KEY, &legacy).unwrap();
        let heard = boot.persistence.heard(Some(STORE_KEY), Some(&legacy), NOW);
        assert!(
            matches!(&heard, Some(Heard::Remote(seen)) if matches!(seen.as_slice(), [(id, Seen::Live(_))] if id == "old"))
        );
        assert_eq!(live(&kv, "old"), Some(old));
        assert_eq!(kv.read(STORE_KEY), Some(marker()));
    }

    #[test]
    fn an_unreadable_record_with_no_room_to_copy_stays_and_nothing_is_written() {
        let key = record_key("broken");
        let kv = MemoryKv::with_capacity(key.len() + 20);
        kv.set(&key, "not a record").unwrap();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        assert_eq!(
            boot.status.memory_only,
            Some(MemoryReason::CouldNotSetAside)
        );
        assert_eq!(boot.status.set_aside[0].key, None);
        assert_eq!(kv.read(&key).as_deref(), Some("not a record"));
    }

    #[test]
    fn notes_too_long_are_kept_whole_aside_and_read_shortened() {
        let kv = MemoryKv::default();
        let mut a = sample("long");
        let comp = builtin().competencies[0].id.clone();
        // Written by hand: the app itself never stores notes this long.
        a.edit_rating(&comp, |r| r.notes = "NOTE".into());
        let original = record_text(&a).replace("NOTE", &"é".repeat(MAX_NOTES_CHARS + 10));
        kv.set(&record_key("long"), &original).unwrap();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        assert_eq!(boot.status.set_aside.len(), 1);
        assert_eq!(boot.status.set_aside[0].shortened, 1);
        assert_eq!(set_asides(&kv)[0].1, original, "the original is safe");
        let read = live(&kv, "long").and_then(|a| a.rating(&comp).map(|r| r.notes.chars().count()));
        assert_eq!(read, Some(MAX_NOTES_CHARS), "the record now reads as is");
    }

    #[test]
    fn a_newer_version_in_the_marker_or_a_record_is_left_alone_and_stops_this_tab() {
        let marker = r#"{"format":"budmm-store","schema":99}"#;
        let record = r#"{"format":"budmm-store","schema":99,"assessment":{}}"#;
        for (key, newer) in [(STORE_KEY.to_string(), marker), (record_key("x"), record)] {
            let kv = MemoryKv::default();
            kv.set(&key, newer).unwrap();
            kv.set(&record_key("a1"), &record_text(&sample("a1")))
                .unwrap();
            let before = kv.entries();
            let boot = Persistence::open(Some(kv.clone()), NOW);
            assert_eq!(
                boot.status.memory_only,
                Some(MemoryReason::NewerVersion { found: 99 }),
                "{key}"
            );
            assert_eq!(boot.store.len(), 1, "what it can read is shown");
            let report = boot.persistence.sync(&[pending("a1")], &boot.store, NOW);
            assert_eq!(report, SyncReport::default());
            assert_eq!(kv.entries(), before, "not a byte changed");
        }
    }

    #[test]
    fn old_deletions_are_forgotten_and_times_from_the_future_settle() {
        let kv = MemoryKv::default();
        let old = Record::Deleted {
            at_ms: NOW - (TOMBSTONE_DAYS + 1) * DAY_MS,
        };
        let recent = Record::Deleted {
            at_ms: NOW - DAY_MS,
        };
        kv.set(&record_key("old"), &encode_record(&old)).unwrap();
        kv.set(&record_key("recent"), &encode_record(&recent))
            .unwrap();
        let mut ahead = sample("ahead");
        ahead.updated_ms = NOW + 365 * DAY_MS;
        kv.set(
            &record_key("ahead"),
            &encode_record(&Record::Live(Entry::new(ahead, NOW + 365 * DAY_MS))),
        )
        .unwrap();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        assert_eq!(kv.read(&record_key("old")), None);
        assert!(kv.read(&record_key("recent")).is_some());
        assert_eq!(live(&kv, "ahead").map(|a| a.updated_ms), Some(NOW));
        assert_eq!(boot.store.len(), 1);
    }

    #[test]
    fn a_save_merges_with_what_another_tab_wrote_since() {
        let kv = MemoryKv::default();
        let a = sample("a1");
        kv.set(&record_key("a1"), &record_text(&a)).unwrap();
        let (mine, theirs) = (
            Persistence::open(Some(kv.clone()), NOW),
            Persistence::open(Some(kv.clone()), NOW),
        );
        let comps: Vec<String> = builtin()
            .competencies
            .iter()
            .map(|c| c.id.clone())
            .collect();
        let edit = |boot: &Boot<MemoryKv>, comp: &str, note: &str, at: u64| {
            let mut store = boot.store.clone();
            store.edit("a1", at, |x| {
                x.edit_rating(comp, |r| r.notes = note.into());
                true
            });
            store
        };
        let theirs_store = edit(&theirs, &comps[0], "theirs", NOW + 1);
        theirs
            .persistence
            .sync(&[pending("a1")], &theirs_store, NOW + 1);
        let mine_store = edit(&mine, &comps[1], "mine", NOW + 2);
        let report = mine
            .persistence
            .sync(&[pending("a1")], &mine_store, NOW + 2);
        let saved = live(&kv, "a1").unwrap_or_else(|| sample("none"));
        assert_eq!(
            saved.rating(&comps[0]).map(|r| r.notes.as_str()),
            Some("theirs")
        );
        assert_eq!(
            saved.rating(&comps[1]).map(|r| r.notes.as_str()),
            Some("mine")
        );
        assert_eq!(report.seen.len(), 1, "the merge comes back to this tab");
        // What the other tab hears is the same merge.
        let heard = theirs.persistence.heard(
            Some(&record_key("a1")),
            kv.read(&record_key("a1")).as_deref(),
            NOW + 3,
        );
        assert_eq!(heard, Some(Heard::Remote(report.seen)));
    }

    #[test]
    fn a_full_store_reports_full_and_leaves_the_change_pending() {
        let kv = MemoryKv::with_capacity(100);
        let boot = Persistence::open(Some(kv.clone()), NOW);
        let report = boot
            .persistence
            .sync(&[pending("a1")], &store_of(&[sample("a1")]), NOW);
        assert_eq!(report.outcome, Some(WriteOutcome::Full));
        assert!(report.written.is_empty());
        assert_eq!(kv.read(&record_key("a1")), None);
    }

    #[test]
    fn a_whole_store_written_meanwhile_by_an_older_tab_is_moved_in_first() {
        let kv = MemoryKv::default();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        let old = sample("old");
        kv.set(STORE_KEY, &encode_legacy(std::slice::from_ref(&old)))
            .unwrap();
        let report = boot
            .persistence
            .sync(&[pending("a1")], &store_of(&[sample("a1")]), NOW);
        assert_eq!(live(&kv, "old"), Some(old));
        assert!(live(&kv, "a1").is_some());
        assert_eq!(kv.read(STORE_KEY), Some(marker()));
        assert_eq!(report.seen.len(), 2, "the tab learns of both");
    }

    #[test]
    fn what_another_tab_does_is_heard_as_it_means() {
        let kv = MemoryKv::default();
        let boot = Persistence::open(Some(kv.clone()), NOW);
        let p = &boot.persistence;
        let key = record_key("a1");
        let text = record_text(&sample("a1"));
        assert!(matches!(
            p.heard(Some(&key), Some(&text), NOW),
            Some(Heard::Remote(seen)) if matches!(seen.as_slice(), [(id, Seen::Live(_))] if id == "a1")
        ));
        assert_eq!(
            p.heard(Some(&key), None, NOW),
            Some(Heard::Remote(vec![("a1".into(), Seen::Absent)]))
        );
        kv.set(&key, &text).unwrap();
        assert!(matches!(p.heard(None, None, NOW), Some(Heard::Remote(seen)) if seen.len() == 1));
        let backup = Backup::default();
        assert_eq!(
            p.heard(Some(BACKUP_KEY), Some(&backup.encode()), NOW),
            Some(Heard::Backup(Backup::parse(Some(&backup.encode()))))
        );
        assert_eq!(p.heard(Some("budmm.lang"), Some("es"), NOW), None);
        assert_eq!(p.heard(Some(&key), Some("garbage"), NOW), None);
        assert_eq!(
            p.heard(
                Some(STORE_KEY),
                Some(r#"{"format":"budmm-store","schema":99}"#),
                NOW
            ),
            Some(Heard::Stopped(MemoryReason::NewerVersion { found: 99 }))
        );
        let before = kv.entries();
        let report = p.sync(&[pending("a2")], &store_of(&[sample("a2")]), NOW);
        assert_eq!(report, SyncReport::default(), "stopped for good");
        assert_eq!(kv.entries(), before);
    }

    #[test]
    fn the_fill_ratio_counts_every_key_of_the_origin() {
        let kv = MemoryKv::default();
        kv.set("other.app", &"x".repeat(LOCAL_STORAGE_CHARS / 2 - 9))
            .unwrap();
        let boot = Persistence::open(Some(kv), NOW);
        assert_eq!(boot.persistence.fill_ratio(), Some(0.5));
    }
}
