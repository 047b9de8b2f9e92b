//! Guided mode for one competency: our yes/no questions, level by level, and
//! the level they suggest. The user accepts it or picks another level; both
//! are recorded with the answers.

use super::{level_label, use_messages};
use crate::domain::model::guided::{levels_to_ask, suggest, Answer, Guided};
use crate::domain::model::rubric::Level;
use crate::i18n::fill;
use crate::platform::browser;
use crate::state::Intent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GuidedProps {
    pub id: String,
    pub competency: String,
    pub guided: Option<Guided>,
    pub level: Option<Level>,
    pub on_action: Callback<Intent>,
}

#[component]
pub fn GuidedQuestions(props: &GuidedProps) -> Html {
    let m = use_messages();
    let open = use_state(|| props.guided.is_some());
    let questions = m.questions(&props.competency);
    let counts: Vec<usize> = questions.iter().map(|q| q.len()).collect();
    let guided = props.guided.clone().unwrap_or_default();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let answer = |level: Level, question: usize, answer: Answer| {
        let (id, competency, counts) = (props.id.clone(), props.competency.clone(), counts.clone());
        props.on_action.reform(move |_: Event| Intent::Answer {
            id: id.clone(),
            competency: competency.clone(),
            counts: counts.clone(),
            level,
            question,
            answer,
        })
    };
    let suggestion = suggest(&guided.answers);
    let accept = suggestion.map(|s| {
        let (id, competency) = (props.id.clone(), props.competency.clone());
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Intent::SetLevel {
                id: id.clone(),
                competency: competency.clone(),
                level: Some(s.level),
            });
            // The button goes away once used: keep the keyboard user's place
            // on the level chosen (the picker's radio for it).
            browser::focus(&format!("level-{competency}-{}", s.level.get()));
        })
    });
    let asked = levels_to_ask(&guided.answers).min(questions.len());
    html! {
        <section class="guided" aria-labelledby="guided-title">
            <h2 id="guided-title">{ m.guided_title() }</h2>
            <button type="button" class="button" aria-expanded={open.to_string()} aria-controls="guided-body" onclick={toggle}>
                { if *open { m.guided_close() } else { m.guided_open() } }
            </button>
            if *open {
                <div id="guided-body">
                    <p class="small">{ m.guided_intro() }</p>
                    // Every level is in the page from the start, later ones
                    // hidden: revealing one inserts nothing, so the radio a
                    // keyboard user just answered keeps its focus.
                    { for Level::all().take(questions.len()).map(|level| html! {
                        <fieldset class="guided-level" hidden={level.index() >= asked}>
                            <legend>{ level_label(m, level) }</legend>
                            { for questions[level.index()].iter().enumerate().map(|(q, text)| {
                                let name = format!("g-{}-{}-{q}", props.competency, level.get());
                                let current = guided.answer(level, q);
                                html! {
                                    <fieldset class="question">
                                        <legend>{ *text }</legend>
                                        <label><input type="radio" name={name.clone()} checked={current == Answer::Yes}
                                            onchange={answer(level, q, Answer::Yes)} />{ m.yes() }</label>
                                        <label><input type="radio" name={name} checked={current == Answer::No}
                                            onchange={answer(level, q, Answer::No)} />{ m.no() }</label>
                                    </fieldset>
                                }
                            }) }
                        </fieldset>
                    }) }
                    <div class="suggestion" role="status">
                        { match suggestion {
                            None => html! { <p>{ m.guided_answer_more() }</p> },
                            Some(s) => html! {
                                <>
                                    <p><strong>{ fill(m.guided_suggest(), &[("n", &s.level.to_string()), ("name", super::level_name(m, s.level))]) }</strong></p>
                                    { match s.held_back {
                                        Some((at, q)) => html! {
                                            <>
                                                <p>{ fill(m.guided_held_back(), &[("question", questions.get(at.index()).and_then(|l| l.get(q)).copied().unwrap_or_default())]) }</p>
                                                if at == Level::MIN { <p class="small">{ m.guided_floor() }</p> }
                                            </>
                                        },
                                        None => html! { <p>{ m.guided_all_hold() }</p> },
                                    } }
                                    if props.level == Some(s.level) {
                                        <p>{ m.guided_accepted() }</p>
                                    } else {
                                        if let Some(chosen) = props.level {
                                            <p>{ fill(m.guided_overridden(), &[("chosen", &chosen.to_string()), ("n", &s.level.to_string())]) }</p>
                                        }
                                        if let Some(onclick) = accept {
                                            <button type="button" class="button primary" {onclick}>{ fill(m.guided_accept(), &[("n", &s.level.to_string())]) }</button>
                                        }
                                    }
                                </>
                            },
                        } }
                    </div>
                </div>
            }
        </section>
    }
}
