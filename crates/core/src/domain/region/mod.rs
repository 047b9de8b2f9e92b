//! Many places at once: the regional group, and the regional card's payload.

pub mod cohort;
pub mod cohort_link;
