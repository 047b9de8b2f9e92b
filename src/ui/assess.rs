use super::guided::GuidedQuestions;
use super::level_picker::LevelPicker;
use super::{competency_name, definition, level_label, our_help, use_messages, VIEW_TITLE_ID};
use crate::domain::markup::embed::escape_attr as e;
use crate::domain::model::assessment::{Assessment, Subject, MAX_NOTES_CHARS};
use crate::domain::model::rubric::{builtin, Level};
use crate::domain::model::scoring::Profile;
use crate::domain::route::Route;
use crate::i18n::{fill, Messages};
use crate::platform::browser;
use crate::state::Intent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AssessProps {
    pub assessment: Assessment,
    pub competency: String,
    pub on_action: Callback<Intent>,
}

/// One competency at a time, with every step reachable from the step list.
#[component]
pub fn Assess(props: &AssessProps) -> Html {
    let m = use_messages();
    let target_value = props
        .assessment
        .rating(&props.competency)
        .and_then(|r| r.target)
        .map(|l| l.to_string())
        .unwrap_or_default();
    // A select shows what the user last picked, whatever the options'
    // `selected` say afterwards: set its value whenever the step or the
    // target changes (here, or in another tab).
    let target_ref = use_node_ref();
    {
        let target_ref = target_ref.clone();
        use_effect_with(
            (props.competency.clone(), target_value.clone()),
            move |(_, value)| {
                if let Some(select) = target_ref.cast::<web_sys::HtmlSelectElement>() {
                    select.set_value(value);
                }
            },
        );
    }
    let rubric = builtin();
    let a = &props.assessment;
    let Some(pos) = rubric
        .competencies
        .iter()
        .position(|c| c.id == props.competency)
    else {
        return Html::default();
    };
    let c = &rubric.competencies[pos];
    let profile = Profile::of(rubric, a);
    let rating = a.rating(&c.id).cloned().unwrap_or_default();
    let step = |id: &str| {
        Route::Step {
            id: a.id.clone(),
            competency: id.to_string(),
        }
        .href()
    };
    // Counted as given in this assessment: a level carried over from the
    // earlier one is not, until confirmed.
    let (done, total) = (profile.confirmed().to_string(), profile.total().to_string());

    let id = a.id.clone();
    let comp = c.id.clone();
    let on_select = {
        let (id, comp) = (id.clone(), comp.clone());
        props
            .on_action
            .reform(move |level: Option<Level>| Intent::SetLevel {
                id: id.clone(),
                competency: comp.clone(),
                level,
            })
    };
    let confirm = {
        let (id, comp, level, on_action) = (
            id.clone(),
            comp.clone(),
            rating.level,
            props.on_action.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            let on_button = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.closest("button").ok().flatten())
                .is_some();
            if !on_button {
                return;
            }
            // The notice goes: on to the level it confirmed.
            if let Some(l) = level {
                browser::focus(&format!("level-{comp}-{}", l.get()));
            }
            on_action.emit(Intent::ConfirmLevel {
                id: id.clone(),
                competency: comp.clone(),
            });
        })
    };
    let on_target = {
        let (id, comp) = (id.clone(), comp.clone());
        props.on_action.reform(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            Intent::SetTarget {
                id: id.clone(),
                competency: comp.clone(),
                target: value.parse().ok().and_then(Level::new),
            }
        })
    };
    let on_notes = props
        .on_action
        .reform(move |e: InputEvent| Intent::SetNotes {
            id: id.clone(),
            competency: comp.clone(),
            notes: e
                .target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                .value(),
        });

    html! {
        <div class="assess">
            <header class="assess-head">
                <p class="eyebrow">{ a.title() }{" · "}{ m.date(a.date.as_str()) }</p>
                <p class="progress-line">
                    <progress max={total.clone()} value={done.clone()} aria-hidden="true"></progress>
                    { fill(&m.count(m.progress_label_n(), profile.confirmed()), &[("total", &total)]) }
                    if profile.carried() > 0 {
                        { " · " }{ m.count(m.carried_count_n(), profile.carried()) }
                    }
                </p>
            </header>
            <nav class="steps" aria-label={m.steps_label()}>
                <ol>
                    { for profile.rows.iter().map(|row| {
                        let current = row.competency.id == c.id;
                        let status = match row.level {
                            Some(l) if row.carried => fill(m.step_carried(), &[("n", &l.to_string())]),
                            Some(l) => fill(m.step_level(), &[("n", &l.to_string())]),
                            None => m.step_not_assessed().to_string(),
                        };
                        html! {
                            <li class={classes!(current.then_some("current"), row.level.map(|_| if row.carried { "carried" } else { "done" }))}>
                                <a href={step(&row.competency.id)} aria-current={current.then_some("step")}>
                                    <span class="step-title">{ competency_name(m, row.competency) }</span>
                                    <span class="step-status">{ status }</span>
                                </a>
                            </li>
                        }
                    }) }
                    <li class="results-step"><a href={Route::Results { id: a.id.clone() }.href()}>{ m.see_results() }</a></li>
                </ol>
            </nav>
            <section class="competency" aria-labelledby={VIEW_TITLE_ID}>
                <h1 id={VIEW_TITLE_ID} tabindex="-1">{ competency_name(m, c) }</h1>
                <p class="definition" lang={definition(m, c).1.to_string()}>{ definition(m, c).0 }</p>
                { our_help(m, m.competency_help(&c.id)) }
                <p class="hint">{ if matches!(a.subject, Subject::Initiative { .. }) { m.how_to_choose_initiative() } else { m.how_to_choose() } }</p>
                <p class="small">{ m.quoted_from_note() }</p>
                <GuidedQuestions key={c.id.clone()} id={a.id.clone()} competency={c.id.clone()} guided={rating.guided.clone()} level={rating.level} on_action={props.on_action.clone()} />
                // Keyed: a new set of radios per competency. Reused ones kept the
                // browser's checked state of the previous step, not this one's.
                if let (true, Some(level)) = (rating.carried, rating.level) {
                    // Markup rather than elements: lighter, and one button.
                    <div class="notice info carried" data-notice="carried" onclick={confirm}>
                        { Html::from_html_unchecked(AttrValue::from(carried_notice(m, level))) }
                    </div>
                }
                <LevelPicker key={c.id.clone()} competency={c} levels={rubric.levels.as_slice()} selected={rating.level} {on_select} />
                <div class="field-row">
                    <div class="field">
                        <label for="f-target">{ m.target_label() }{" "}<span class="optional">{ m.form_optional() }</span></label>
                        <p class="hint" id="h-target">{ m.target_hint() }</p>
                        <select id="f-target" ref={target_ref} onchange={on_target} aria-describedby="h-target">
                            <option value="" selected={rating.target.is_none()}>{ m.target_none() }</option>
                            { for Level::all().map(|l| {
                                let v = l.to_string();
                                html! {
                                    <option value={v.clone()} selected={target_value == v}>
                                        { level_label(m, l) }
                                    </option>
                                }
                            }) }
                        </select>
                    </div>
                    <div class="field grow">
                        <label for="f-notes">{ m.notes_label() }{" "}<span class="optional">{ m.form_optional() }</span></label>
                        <p class="hint" id="h-notes">{ m.notes_hint() }</p>
                        <textarea id="f-notes" rows="4" value={rating.notes.clone()} oninput={on_notes}
                            maxlength={MAX_NOTES_CHARS.to_string()} aria-describedby="h-notes" />
                    </div>
                </div>
                <p class="small">{ m.saved_automatically() }</p>
                <nav class="pager" aria-label={m.pager_label()}>
                    if pos > 0 {
                        <a class="button" rel="prev" href={step(&rubric.competencies[pos - 1].id)}>
                            { "← " }{ fill(m.previous(), &[("name", competency_name(m, &rubric.competencies[pos - 1]))]) }
                        </a>
                    }
                    if let Some(next) = rubric.competencies.get(pos + 1) {
                        <a class="button primary" rel="next" href={step(&next.id)}>{ fill(m.next(), &[("name", competency_name(m, next))]) }{ " →" }</a>
                    } else {
                        <a class="button primary" href={Route::Results { id: a.id.clone() }.href()}>{ m.see_results() }{ " →" }</a>
                    }
                </nav>
            </section>
        </div>
    }
}

/// What a level carried over from the earlier assessment asks, with the
/// button that confirms it.
fn carried_notice(m: &Messages, level: Level) -> String {
    let n = level.to_string();
    format!(
        "<p>{}</p><p><button type=\"button\" class=\"button primary\">{}</button></p>",
        e(&fill(m.carried_notice(), &[("n", &n)])),
        e(&fill(m.carried_confirm(), &[("n", &n)]))
    )
}
