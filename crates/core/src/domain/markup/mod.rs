//! Markup written in the core, the same on every page: the radar chart, its geometry, the embedded card.

pub mod chart;
pub mod embed;
pub mod radar;
