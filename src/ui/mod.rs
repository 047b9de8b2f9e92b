//! Yew components: a thin layer that renders state and sends actions.

pub mod about;
pub mod app;
pub mod assess;
pub mod details_form;
pub mod embed;
pub mod home;
pub mod level_picker;
pub mod notices;
pub mod radar_chart;
pub mod results;
pub mod share_panel;
pub mod shared;

use crate::i18n::{Messages, EN};
use yew::prelude::*;

/// The active message catalog (English until more languages land).
#[hook]
pub fn use_messages() -> &'static Messages {
    use_context::<&'static Messages>().unwrap_or(&EN)
}

/// The id of each view's main heading, focused after navigation.
pub const VIEW_TITLE_ID: &str = "view-title";
