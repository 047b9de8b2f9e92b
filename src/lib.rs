//! The web app over `budmm_core`: Yew components (`ui`) that render state
//! and send intents, and the browser edges (`platform`): storage, clock,
//! ids, the URL, downloads. See ARCHITECTURE.md.

// The core's modules under their familiar paths.
pub use budmm_core::{domain, i18n, state};

pub mod platform;
pub mod ui;
