//! localStorage, carrying out `domain::store::plan_load`. When the browser
//! refuses storage, the app works in memory and says so; it never panics.

use crate::domain::store::{self, LoadPlan, Store, StoreError, QUARANTINE_PREFIX, STORE_KEY};
use crate::state::{MemoryReason, SetAside, StorageStatus, WriteOutcome};
use gloo_storage::Storage as _;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Where changes go. `None` for the handle means memory only.
pub struct Persistence {
    storage: Option<web_sys::Storage>,
}

pub struct Boot {
    pub persistence: Persistence,
    pub store: Store,
    pub status: StorageStatus,
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

/// Values set aside in earlier visits, so the user can still download them.
fn earlier_set_asides(storage: &web_sys::Storage) -> Vec<SetAside> {
    let len = storage.length().unwrap_or(0);
    let mut keys: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .collect();
    keys.sort();
    keys.into_iter()
        .filter_map(|key| {
            let raw = storage.get_item(&key).ok().flatten()?;
            let (reason, skipped) = match store::plan_load(Some(&raw)) {
                LoadPlan::SetAsideThenUse {
                    reason, skipped, ..
                } => (reason, skipped),
                LoadPlan::LeaveAlone { found } => (StoreError::Newer { found }, 0),
                LoadPlan::Use(_) => (StoreError::Invalid(String::new()), 0),
            };
            Some(SetAside {
                key: Some(key),
                raw: Rc::from(raw),
                reason,
                skipped,
            })
        })
        .collect()
}

impl Persistence {
    /// Reads what is saved and decides how to go on. Never fails: the worst
    /// case is an empty store in memory with a notice explaining why.
    pub fn open(now_ms: u64) -> Boot {
        let memory = |reason, set_aside| Boot {
            persistence: Persistence { storage: None },
            store: Store::default(),
            status: StorageStatus {
                memory_only: Some(reason),
                set_aside,
                ..StorageStatus::default()
            },
        };
        let Some(storage) = local_storage() else {
            return memory(MemoryReason::Unavailable, Vec::new());
        };
        let Ok(raw) = storage.get_item(STORE_KEY) else {
            return memory(MemoryReason::Unavailable, Vec::new());
        };
        let mut status = StorageStatus {
            set_aside: earlier_set_asides(&storage),
            ..StorageStatus::default()
        };
        let persistence = Persistence {
            storage: Some(storage),
        };
        match store::plan_load(raw.as_deref()) {
            LoadPlan::Use(store) => Boot {
                persistence,
                store,
                status,
            },
            LoadPlan::LeaveAlone { found } => {
                let raw: Rc<str> = Rc::from(raw.unwrap_or_default());
                status.set_aside.push(SetAside {
                    key: None,
                    raw,
                    reason: StoreError::Newer { found },
                    skipped: 0,
                });
                status.memory_only = Some(MemoryReason::NewerVersion { found });
                Boot {
                    persistence: Persistence { storage: None },
                    store: Store::default(),
                    status,
                }
            }
            LoadPlan::SetAsideThenUse {
                store,
                skipped,
                reason,
            } => {
                let raw = raw.unwrap_or_default();
                let key = store::quarantine_key(now_ms);
                let Some(storage) = persistence.storage.as_ref() else {
                    return memory(MemoryReason::Unavailable, Vec::new());
                };
                if storage.set_item(&key, &raw).is_err() {
                    status.set_aside.push(SetAside {
                        key: None,
                        raw: Rc::from(raw),
                        reason,
                        skipped,
                    });
                    status.memory_only = Some(MemoryReason::CouldNotSetAside);
                    return Boot {
                        persistence: Persistence { storage: None },
                        store,
                        status,
                    };
                }
                status.set_aside.push(SetAside {
                    key: Some(key),
                    raw: Rc::from(raw),
                    reason,
                    skipped,
                });
                // The original is safe in its copy; write what was read, so the
                // next visit does not set the same value aside again.
                if let Some(outcome) = persistence.save(&store) {
                    status.last_write = outcome;
                }
                Boot {
                    persistence,
                    store,
                    status,
                }
            }
        }
    }

    /// No storage at all, not even read: for the embedded card, which must
    /// leave its host's and its own storage alone.
    pub fn detached() -> Boot {
        Boot {
            persistence: Persistence { storage: None },
            store: Store::default(),
            status: StorageStatus::default(),
        }
    }

    /// Saves the store; `None` when working in memory only.
    pub fn save(&self, store: &Store) -> Option<WriteOutcome> {
        let storage = self.storage.as_ref()?;
        let Ok(raw) = store.encode() else {
            return Some(WriteOutcome::Failed);
        };
        Some(match storage.set_item(STORE_KEY, &raw) {
            Ok(()) => WriteOutcome::Saved,
            Err(e) => write_outcome(&e),
        })
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
