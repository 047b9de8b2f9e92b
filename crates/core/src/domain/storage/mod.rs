//! What this device keeps and how: the stored shape and its migrations, one record per assessment, the store in memory, the storage protocol, what a page hands the next and keeps for the tab, the backup reminder.

pub mod backup;
pub mod handoff;
pub mod persist;
pub mod record;
pub mod schema;
pub mod store;
pub mod tab;
