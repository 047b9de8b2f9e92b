use super::{use_messages, VIEW_TITLE_ID};
use crate::domain::assessment::{Assessment, Subject};
use crate::domain::route::Route;
use crate::domain::rubric::builtin;
use crate::domain::scoring::Profile;
use crate::i18n::fill;
use crate::state::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub assessments: Vec<Assessment>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn Home(props: &HomeProps) -> Html {
    let m = use_messages();
    html! {
        <>
            <section class="intro">
                <h1 id={VIEW_TITLE_ID} tabindex="-1">{ m.home_title }</h1>
                <p>{ m.home_intro }</p>
                <p>{ m.home_intro_private }</p>
                <p><a class="button primary" href={Route::New.href()}>{ m.start_new }</a></p>
            </section>
            if props.assessments.is_empty() {
                <p class="empty">{ m.home_empty }</p>
            } else {
                <ul class="card-list">
                    { for props.assessments.iter().map(|a| html! {
                        <li key={a.id.clone()}><Card assessment={a.clone()} on_action={props.on_action.clone()} /></li>
                    }) }
                </ul>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    assessment: Assessment,
    on_action: Callback<Action>,
}

#[component]
fn Card(props: &CardProps) -> Html {
    let m = use_messages();
    let confirming = use_state(|| false);
    let a = &props.assessment;
    let profile = Profile::of(builtin(), a);
    let continue_to = profile
        .first_missing()
        .unwrap_or(&builtin().competencies[0]);
    let kind = match a.subject {
        Subject::City => m.subject_city,
        Subject::Initiative { .. } => m.subject_initiative,
    };
    let heading_id = format!("card-{}", a.id);
    let toggle = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(!*confirming))
    };
    let delete = {
        let id = a.id.clone();
        props
            .on_action
            .reform(move |_| Action::Delete { id: id.clone() })
    };
    let (done, total) = (profile.done(), profile.total());
    html! {
        <article class="card" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id}>{ a.title() }</h2>
            <p class="meta">
                <span class="tag">{ kind }</span>
                if matches!(a.subject, Subject::Initiative { .. }) { <span>{ &a.place }</span> }
                <span>{ a.date.as_str() }</span>
                if !a.assessor.is_empty() { <span>{ fill(m.assessed_by, &[("name", &a.assessor)]) }</span> }
            </p>
            <p class="progress-line">
                <progress max={total.to_string()} value={done.to_string()} aria-hidden="true"></progress>
                { fill(m.progress_count, &[("done", &done.to_string()), ("total", &total.to_string())]) }
            </p>
            <p class="actions">
                <a class="button primary" href={Route::Step { id: a.id.clone(), competency: continue_to.id.clone() }.href()}>{ m.action_continue }</a>
                <a class="button" href={Route::Results { id: a.id.clone() }.href()}>{ m.action_results }</a>
                <a class="button subtle" href={Route::Details { id: a.id.clone() }.href()}>{ m.action_edit_details }</a>
                <button type="button" class="button subtle" onclick={toggle.clone()} aria-expanded={(*confirming).to_string()}>{ m.action_delete }</button>
            </p>
            if *confirming {
                <p class="confirm" role="group" aria-label={m.action_delete}>
                    { fill(m.delete_confirm, &[("title", a.title()), ("date", a.date.as_str())]) }{" "}
                    <button type="button" class="button danger" onclick={delete}>{ m.delete_yes }</button>
                    <button type="button" class="button subtle" onclick={toggle}>{ m.cancel }</button>
                </p>
            }
        </article>
    }
}
