//! The model and what a city does with it: the rubric and its official translations, an assessment, its profile, guided mode, the action plan, comparing and merging.

pub mod action;
pub mod assessment;
pub mod compare;
pub mod guided;
pub mod merge;
pub mod plan;
pub mod rubric;
pub mod samples;
pub mod scoring;
pub mod translation;
