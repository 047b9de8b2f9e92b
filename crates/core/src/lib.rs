//! The pure core of the self-assessment against the IDB Big Urban Data
//! Maturity Model: the model as data, assessments, scoring, chart geometry,
//! every codec of outside input, the storage schema and its migrations, the
//! message catalogs and the reducer. It depends on no browser crate, so the
//! compiler keeps it pure, and all of it is tested natively with
//! `cargo test`. The UI (the `budmm` crate) is a thin layer over it.

pub mod domain;
pub mod i18n;
pub mod state;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod catalog_check;
