//! Reference pages on the note, in our own words: the six-step innovation
//! process, and the three avenues to make data work last.

use super::{use_messages, VIEW_TITLE_ID};
use crate::domain::route::{GuidePage, Route};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GuideProps {
    pub page: GuidePage,
}

#[component]
pub fn Guide(props: &GuideProps) -> Html {
    let m = use_messages();
    let (title, intro) = match props.page {
        GuidePage::Process => (m.guide_process_title(), m.guide_process_intro()),
        GuidePage::Institutions => (m.guide_institutions_title(), m.guide_institutions_intro()),
    };
    let other = match props.page {
        GuidePage::Process => GuidePage::Institutions,
        GuidePage::Institutions => GuidePage::Process,
    };
    let other_title = match other {
        GuidePage::Process => m.guide_process_title(),
        GuidePage::Institutions => m.guide_institutions_title(),
    };
    html! {
        <article class="guide">
            <h1 id={VIEW_TITLE_ID} tabindex="-1">{ title }</h1>
            <p>{ intro }</p>
            if props.page == GuidePage::Process {
                <ol class="guide-steps">
                    { for m.guide_process_steps().iter().map(|(name, text)| html! {
                        <li><h2>{ *name }</h2><p>{ *text }</p></li>
                    }) }
                </ol>
            } else {
                { for m.guide_avenues().iter().map(|(name, text, points)| html! {
                    <section class="panel">
                        <h2>{ *name }</h2>
                        <p>{ *text }</p>
                        <ul>{ for points.iter().map(|p| html! { <li>{ *p }</li> }) }</ul>
                    </section>
                }) }
            }
            <p class="small">{ m.guide_source() }</p>
            <p><a href={Route::Guide(other).href()}>{ other_title }</a></p>
        </article>
    }
}
