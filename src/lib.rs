//! Self-assessment against the IDB Big Urban Data Maturity Model.
//!
//! `domain` and `state` are pure and tested natively; `platform` talks to the
//! browser; `ui` renders. See ARCHITECTURE.md.

pub mod domain;
pub mod i18n;
pub mod platform;
pub mod state;
pub mod ui;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod catalog_check;
