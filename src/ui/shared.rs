use super::results::Results;
use super::{use_messages, VIEW_TITLE_ID};
use crate::domain::formats::share::LinkError;
use crate::domain::model::assessment::Assessment;
use crate::domain::route::Route;
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
    /// The link's payload: results.html may have asked to save it.
    pub payload: AttrValue,
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
    // Sent here by the reader's "save a copy" (results.html): do it, or,
    // with another assessment of the same place and date here, ask first.
    let asked = *use_state(|| crate::platform::browser::take_keep_request(&props.payload));
    let confirming = use_state(|| asked && props.same_id.is_none() && props.similar.is_some());
    {
        let save = match (&props.decoded, &props.similar, &props.same_id) {
            (Ok(a), None, _) | (Ok(a), _, Some(_)) if asked => Some(a.clone()),
            _ => None,
        };
        let on_action = props.on_action.clone();
        use_effect_with((), move |_| {
            if let Some(assessment) = save {
                on_action.emit(Intent::SaveCopy { assessment });
            }
        });
    }
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
