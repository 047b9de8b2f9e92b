//! The pure core: the model, assessments, scoring, chart geometry, routes and
//! the storage schema. No browser API is used here, so all of it is tested
//! natively with `cargo test`.

pub mod action;
pub mod assessment;
pub mod backup;
pub mod base64url;
pub mod chart;
pub mod cohort;
pub mod cohort_link;
pub mod compare;
pub mod csv;
pub mod datapackage;
pub mod date;
pub mod embed;
pub mod exchange;
pub mod guided;
pub mod handoff;
pub mod json;
pub mod limits;
pub mod merge;
pub mod order;
pub mod pasted;
pub mod persist;
pub mod plan;
pub mod qr;
pub mod radar;
pub mod record;
pub mod route;
pub mod rubric;
pub mod samples;
pub mod schema;
pub mod scoring;
pub mod share;
pub mod store;
pub mod tab;
pub mod translation;
