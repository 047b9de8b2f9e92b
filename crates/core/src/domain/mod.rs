//! The pure core, in rooms: the model (`model`), what this device keeps
//! (`storage`), what goes in and out as text (`formats`), markup written
//! once for every page (`markup`) and many places at once (`region`); then
//! the views as URL fragments (`route`) and leaves every room may use. No
//! browser API is used here, so all of it is tested natively with
//! `cargo test`.

pub mod formats;
pub mod markup;
pub mod model;
pub mod region;
pub mod storage;

pub mod route;

pub mod date;
pub mod limits;
pub mod order;
