//! localStorage as the storage protocol's key–value store
//! (`domain::storage::persist::Kv`). Every decision (what to merge, set aside,
//! migrate or stop for) is the protocol's, tested natively; this file only
//! reaches the browser, and never panics when the browser refuses.

use crate::domain::storage::backup::Backup;
use crate::domain::storage::persist::{self, Boot, Kv, Unreadable};
use crate::domain::storage::store::{Store, WriteOutcome};
use gloo_storage::Storage as _;
use wasm_bindgen::JsCast;

/// This origin's localStorage.
pub struct LocalStorage(web_sys::Storage);

pub type Persistence = persist::Persistence<LocalStorage>;

impl Kv for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, Unreadable> {
        self.0.get_item(key).map_err(|_| Unreadable)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), WriteOutcome> {
        self.0.set_item(key, value).map_err(|err| {
            match err.dyn_ref::<web_sys::DomException>().map(|e| e.name()) {
                Some(name) if name == "QuotaExceededError" => WriteOutcome::Full,
                _ => WriteOutcome::Failed,
            }
        })
    }

    fn remove(&self, key: &str) {
        let _ = self.0.remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        let len = self.0.length().unwrap_or(0);
        (0..len)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect()
    }
}

/// `localStorage` itself can throw (sandboxed frames, blocked cookies), and
/// gloo's accessor panics when it does, so probe it first.
fn local_storage() -> Option<LocalStorage> {
    web_sys::window()?.local_storage().ok()??;
    Some(LocalStorage(gloo_storage::LocalStorage::raw()))
}

/// Reads what is saved and decides how to go on (`Persistence::open`).
pub fn open(now_ms: u64) -> Boot<LocalStorage> {
    Persistence::open(local_storage(), now_ms)
}

/// What is saved, read without writing anything, for index.html's first
/// paint (`ui::first_paint`; see `persist::peek`).
pub fn peek(now_ms: u64) -> Option<(Store, Backup)> {
    persist::peek(&local_storage()?, now_ms)
}

/// A preference (see `store::LANG_KEY`); `None` when absent or unreadable.
pub fn read_setting(key: &str) -> Option<String> {
    local_storage()?.read(key)
}

/// Remembers a preference; silently skipped where storage is refused, since
/// the app works the same without it.
pub fn write_setting(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set(key, value);
    }
}
