use super::results::Results;
use super::{use_messages, VIEW_TITLE_ID};
use crate::domain::assessment::Assessment;
use crate::domain::route::Route;
use crate::domain::share::LinkError;
use crate::i18n::{fill, Messages};
use crate::state::Intent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SharedProps {
    pub decoded: Result<Assessment, LinkError>,
    /// An assessment on this device with the same answers, if any.
    pub same_id: Option<String>,
    /// An assessment of the same subject on the same date, if any.
    pub similar: Option<Assessment>,
    pub on_action: Callback<Intent>,
}

pub fn link_error_text(m: &Messages, e: &LinkError) -> String {
    match e {
        LinkError::Incomplete => m.link_incomplete().to_string(),
        LinkError::Newer { .. } => m.link_newer().to_string(),
        LinkError::NotALink => m.link_not_ours().to_string(),
        LinkError::Damaged => m.link_damaged().to_string(),
        LinkError::TooLarge => m.link_too_large().to_string(),
        LinkError::TooManyPlaces { max } => {
            fill(m.link_too_many_places(), &[("max", &max.to_string())])
        }
        LinkError::OtherRubric { id, version } => fill(
            m.link_other_rubric(),
            &[("rubric", &format!("{id} {version}"))],
        ),
    }
}

/// Results opened from a link: read-only until the user saves a copy.
#[component]
pub fn Shared(props: &SharedProps) -> Html {
    let m = use_messages();
    let confirming = use_state(|| false);
    let a = match &props.decoded {
        Ok(a) => a,
        Err(e) => {
            return html! {
                <section class="panel" data-link-error="">
                    <h1 id={VIEW_TITLE_ID} tabindex="-1">{ m.link_error_title() }</h1>
                    <p class="notice warning">{ link_error_text(m, e) }</p>
                    <p>{ m.link_error_help() }</p>
                    <p><a class="button" href="#/">{ m.back_home() }</a></p>
                </section>
            };
        }
    };
    let save = {
        let a = a.clone();
        props
            .on_action
            .reform(move |_: MouseEvent| Intent::SaveCopy {
                assessment: a.clone(),
            })
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(!*confirming))
    };
    html! {
        <>
            // Not a heading: the results' own h1 follows, and must stay first.
            <section class="shared-banner no-print" aria-label={m.shared_banner_title()}>
                <p class="banner-title">{ m.shared_banner_title() }</p>
                <p>{ m.shared_banner_text() }</p>
                <p class="small">{ m.shared_plan_note() }</p>
                { match (&props.same_id, &props.similar) {
                    (Some(id), _) => html! {
                        <p>{ m.shared_already() }{" "}<a class="button" href={Route::Results { id: id.clone() }.href()}>{ m.shared_open_saved() }</a></p>
                    },
                    (None, Some(other)) if *confirming => html! {
                        <p class="confirm">
                            { fill(m.shared_similar(), &[("title", other.title()), ("date", &m.date(other.date.as_str()))]) }{" "}
                            <button type="button" class="button primary" onclick={save}>{ m.shared_save_anyway() }</button>
                            <button type="button" class="button subtle" onclick={ask}>{ m.cancel() }</button>
                        </p>
                    },
                    (None, Some(_)) => html! {
                        <p><button type="button" class="button primary" onclick={ask}>{ m.shared_save() }</button></p>
                    },
                    (None, None) => html! {
                        <p><button type="button" class="button primary" onclick={save}>{ m.shared_save() }</button></p>
                    },
                } }
            </section>
            <Results assessment={a.clone()} shared=true />
        </>
    }
}
