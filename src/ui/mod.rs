//! Yew components: a thin layer that renders state and sends actions.

pub mod about;
pub mod app;
pub mod assess;
pub mod compare;
pub mod details_form;
pub mod embed;
pub mod guide;
pub mod home;
pub mod level_picker;
pub mod merge;
pub mod notices;
pub mod plan;
pub mod pool;
pub mod radar_chart;
pub mod results;
pub mod share_panel;
pub mod shared;

use crate::domain::assessment::{Assessment, Subject};
use crate::i18n::{fill, Messages, EN};
use yew::prelude::*;

/// The active message catalog (English until more languages land).
#[hook]
pub fn use_messages() -> &'static Messages {
    use_context::<&'static Messages>().unwrap_or(&EN)
}

/// The id of each view's main heading, focused after navigation.
pub const VIEW_TITLE_ID: &str = "view-title";

#[derive(Properties, PartialEq)]
pub struct MetaProps {
    pub assessment: Assessment,
}

/// One line under an assessment's title: whole city or initiative, the
/// place (for an initiative), the date, and who assessed.
#[component]
pub fn Meta(props: &MetaProps) -> Html {
    let m = use_messages();
    let a = &props.assessment;
    let initiative = matches!(a.subject, Subject::Initiative { .. });
    html! {
        <p class="meta">
            <span class="tag">{ if initiative { m.subject_initiative } else { m.subject_city } }</span>
            if initiative { <span>{ &a.place }</span> }
            <span>{ a.date.as_str() }</span>
            if !a.assessor.is_empty() { <span>{ fill(m.assessed_by, &[("name", &a.assessor)]) }</span> }
            if let Some(n) = a.respondents { <span>{ fill(m.agreed_from, &[("n", &n.to_string())]) }</span> }
        </p>
    }
}
