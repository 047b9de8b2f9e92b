//! The edges: everything that talks to the browser. Kept small and free of
//! decisions; the rules live in `domain` and `state`.

pub mod browser;
pub mod catalogs;
pub mod storage;
pub mod takeover;
