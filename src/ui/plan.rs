//! The action plan of one assessment: for each gap, what must become true,
//! how cities move up (our words, after the note's playbook), and the
//! actions the city writes down.

use super::share_panel::file_name;
use super::{
    competency_name, descriptor, level_help, level_label, meta, use_messages, use_open_form,
    VIEW_TITLE_ID,
};
use crate::domain::formats::csv::{plan_csv, PlanCsvLabels};
use crate::domain::model::assessment::{Assessment, IsoDate};
use crate::domain::model::plan::{gaps, ItemProblem, PlanEdit, PlanItem, Status};
use crate::domain::model::rubric::{builtin, Level};
use crate::domain::route::{GuidePage, Route};
use crate::i18n::{fill, Messages};
use crate::platform::browser;
use crate::state::Intent;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Our guidance for moving up one competency, by competency id.
pub fn guidance(m: &Messages, competency: &str) -> Option<&'static str> {
    Some(match competency {
        "open-data" => m.guide_open_data(),
        "data-ecosystems" => m.guide_ecosystems(),
        "analytics" => m.guide_analytics(),
        "decision-making" => m.guide_decisions(),
        "public-services" => m.guide_services(),
        _ => return None,
    })
}

pub fn status_text(m: &Messages, s: Status) -> &'static str {
    match s {
        Status::Todo => m.status_todo(),
        Status::Doing => m.status_doing(),
        Status::Done => m.status_done(),
    }
}

pub fn plan_csv_labels(m: &'static Messages) -> PlanCsvLabels<'static> {
    PlanCsvLabels {
        delimiter: m.csv_delimiter(),
        headers: [
            m.csv_subject(),
            m.csv_date(),
            m.csv_competency(),
            m.plan_what(),
            m.plan_owner(),
            m.plan_due(),
            m.plan_status(),
        ],
        statuses: [m.status_todo(), m.status_doing(), m.status_done()],
        names: super::csv_names(m),
    }
}

#[derive(Properties, PartialEq)]
pub struct PlanViewProps {
    pub assessment: Assessment,
    pub on_action: Callback<Intent>,
}

#[component]
pub fn PlanView(props: &PlanViewProps) -> Html {
    let m = use_messages();
    let rubric = builtin();
    let a = &props.assessment;
    let gaps = gaps(rubric, a);
    let failed = use_state(|| false);
    let download = {
        let (a, failed) = (a.clone(), failed.clone());
        Callback::from(move |_: MouseEvent| {
            let csv = plan_csv(&a, builtin(), &plan_csv_labels(m));
            failed.set(
                browser::download(&file_name(&a, "plan.csv"), "text/csv;charset=utf-8", &csv)
                    .is_err(),
            );
        })
    };
    // Actions for competencies without a gap (reached, or target lowered).
    let others: Vec<(usize, &PlanItem)> = a
        .plan
        .iter()
        .enumerate()
        .filter(|(_, p)| !gaps.iter().any(|g| g.competency.id == p.competency))
        .collect();
    html! {
        <article class="plan">
            <header>
                <h1 id={VIEW_TITLE_ID} tabindex="-1">{ fill(m.plan_title(), &[("title", a.title())]) }</h1>
                { meta(m, a, true) }
            </header>
            <p>{ m.plan_intro() }</p>
            <p class="actions no-print">
                <a class="button" href={Route::Results { id: a.id.clone() }.href()}>{ m.plan_back() }</a>
                if !a.plan.is_empty() {
                    <button type="button" class="button" onclick={download}>{ m.plan_csv() }</button>
                }
            </p>
            if *failed { <p role="alert">{ m.download_failed() }</p> }
            if gaps.is_empty() {
                <p class="notice info">{ m.plan_no_gaps() }</p>
            }
            { for gaps.iter().map(|g| {
                let c = g.competency;
                let heading = format!("gap-{}", c.id);
                html! {
                    <section class="gap panel" aria-labelledby={heading.clone()} key={c.id.clone()}>
                        <h2 id={heading} tabindex="-1">{ fill(m.plan_gap_title(), &[("name", competency_name(m, c)), ("from", &g.current.to_string()), ("to", &g.target.to_string())]) }</h2>
                        <h3>{ m.plan_must_become_true() }</h3>
                        <ol class="steps-to-target">
                            { for g.steps().map(|l| html! {
                                <li value={l.to_string()}>
                                    <strong>{ level_label(m, l) }</strong>{" "}
                                    <q lang={descriptor(m, c, l).1.to_string()}>{ descriptor(m, c, l).0 }</q>
                                    // Our words beside the quote, in the reader's language.
                                    { level_help(m, m.questions(&c.id).get(l.index()).copied().unwrap_or_default(), None) }
                                </li>
                            }) }
                        </ol>
                        if let Some(text) = guidance(m, &c.id) {
                            <h3>{ m.plan_how_cities() }</h3>
                            <p>{ text }</p>
                        }
                        <h3>{ m.plan_actions() }</h3>
                        <ActionList assessment={a.clone()} competency={c.id.clone()} title={competency_name(m, c).to_string()} on_action={props.on_action.clone()} />
                    </section>
                }
            }) }
            <OtherCompetencies assessment={a.clone()} on_action={props.on_action.clone()} />
            if !others.is_empty() {
                <section class="panel" aria-labelledby="other-actions">
                    <h2 id="other-actions" tabindex="-1">{ m.plan_other_actions() }</h2>
                    <ul class="action-list">
                        { for others.iter().enumerate().map(|(n, (_, p))| html! {
                            <li key={p.id.clone()}><ActionEditor id={a.id.clone()} number={n + 1} item={(*p).clone()} on_action={props.on_action.clone()} /></li>
                        }) }
                    </ul>
                </section>
            }
            <nav class="panel" aria-labelledby="guide-links">
                <h2 id="guide-links">{ m.guide_nav_title() }</h2>
                <ul>
                    <li><a href={Route::Guide(GuidePage::Process).href()}>{ m.guide_process_title() }</a></li>
                    <li><a href={Route::Guide(GuidePage::Institutions).href()}>{ m.guide_institutions_title() }</a></li>
                </ul>
            </nav>
            <p class="small">{ m.plan_guidance_source() }</p>
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct OtherProps {
    assessment: Assessment,
    on_action: Callback<Intent>,
}

/// Any competency can be planned, not only those with a target above
/// their level: where the results say to start may have none yet. Each
/// below level 5 gets the level to reach; one not rated yet, the way to
/// rate it.
#[component]
fn OtherCompetencies(props: &OtherProps) -> Html {
    let m = use_messages();
    // Once planned, the competency's new section takes focus, after it is drawn.
    let refocus = use_mut_ref(|| None::<String>);
    {
        let refocus = refocus.clone();
        use_effect_with(props.assessment.clone(), move |_| {
            if let Some(id) = refocus.borrow_mut().take() {
                browser::focus(&id);
            }
        });
    }
    let a = &props.assessment;
    let planned = gaps(builtin(), a);
    let open: Vec<_> = builtin()
        .competencies
        .iter()
        .filter(|c| !planned.iter().any(|g| g.competency.id == c.id))
        .filter(|c| a.level(&c.id) != Level::new(5))
        .collect();
    if open.is_empty() {
        return Html::default();
    }
    html! {
        <section class="panel plan-other" aria-labelledby="plan-other">
            <h2 id="plan-other" tabindex="-1">{ m.plan_other_title() }</h2>
            <p>{ m.plan_other_intro() }</p>
            <ul class="plan-other-list">
                { for open.iter().map(|c| {
                    let name = competency_name(m, c);
                    match a.level(&c.id) {
                        Some(current) => {
                            let select_id = format!("plan-target-{}", c.id);
                            let onsubmit = {
                                let (on_action, id, competency, select_id, refocus) = (props.on_action.clone(), a.id.clone(), c.id.clone(), select_id.clone(), refocus.clone());
                                Callback::from(move |e: SubmitEvent| {
                                    e.prevent_default();
                                    let target = web_sys::window()
                                        .and_then(|w| w.document())
                                        .and_then(|d| d.get_element_by_id(&select_id))
                                        .and_then(|s| wasm_bindgen::JsCast::dyn_into::<HtmlSelectElement>(s).ok())
                                        .and_then(|s| s.value().parse::<u8>().ok())
                                        .and_then(Level::new);
                                    if target.is_some() {
                                        *refocus.borrow_mut() = Some(format!("gap-{competency}"));
                                        on_action.emit(Intent::SetTarget { id: id.clone(), competency: competency.clone(), target });
                                    }
                                })
                            };
                            html! {
                                <li key={c.id.clone()}>
                                    <form class="plan-other-form" {onsubmit}>
                                        <label for={select_id.clone()}>{ fill(m.plan_target_for(), &[("name", name)]) }</label>
                                        <select id={select_id}>
                                            { for Level::all().filter(|l| *l > current).map(|l| html! {
                                                <option value={l.to_string()}>{ level_label(m, l) }</option>
                                            }) }
                                        </select>
                                        <button type="submit" class="button">{ m.plan_set_target() }</button>
                                    </form>
                                </li>
                            }
                        }
                        None => html! {
                            <li key={c.id.clone()}>
                                { fill(m.plan_not_rated(), &[("name", name)]) }{" "}
                                <a href={Route::Step { id: a.id.clone(), competency: c.id.clone() }.href()}>{ m.plan_rate_it() }</a>
                            </li>
                        },
                    }
                }) }
            </ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ActionListProps {
    assessment: Assessment,
    competency: String,
    title: String,
    on_action: Callback<Intent>,
}

#[component]
fn ActionList(props: &ActionListProps) -> Html {
    let m = use_messages();
    let a = &props.assessment;
    let mine: Vec<(usize, &PlanItem)> = a
        .plan
        .iter()
        .enumerate()
        .filter(|(_, p)| p.competency == props.competency)
        .collect();
    html! {
        <>
            if mine.is_empty() {
                <p class="small">{ m.plan_no_actions() }</p>
            } else {
                <ul class="action-list">
                    // Numbered in the order shown, within the competency:
                    // never "Action 2" above "Action 1".
                    { for mine.iter().enumerate().map(|(n, (_, p))| html! {
                        <li key={p.id.clone()}><ActionEditor id={a.id.clone()} number={n + 1} item={(*p).clone()} on_action={props.on_action.clone()} /></li>
                    }) }
                </ul>
            }
            <AddAction id={a.id.clone()} competency={props.competency.clone()} title={props.title.clone()} on_action={props.on_action.clone()} />
        </>
    }
}

fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn status_of(e: &Event) -> Status {
    let v = e
        .target_unchecked_into::<HtmlSelectElement>()
        .selected_index();
    Status::ALL
        .get(usize::try_from(v).unwrap_or(0))
        .copied()
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
struct FieldsProps {
    /// Makes the ids of the inputs unique on the page.
    prefix: String,
    item: PlanItem,
    on_change: Callback<PlanEdit>,
    /// Report every keystroke, not only finished changes: for a draft,
    /// which must hold what is typed whenever the form renders again.
    #[prop_or_default]
    live: bool,
}

/// The four fields of an action; each change is reported as an edit.
#[component]
fn ActionFields(props: &FieldsProps) -> Html {
    let m = use_messages();
    let p = &props.prefix;
    let edit = |f: fn(&Event) -> PlanEdit| props.on_change.reform(move |e: Event| f(&e));
    let live = |f: fn(&Event) -> PlanEdit| {
        props
            .live
            .then(|| props.on_change.reform(move |e: InputEvent| f(&e)))
    };
    let due = props
        .item
        .due
        .as_ref()
        .map_or("", |d| d.as_str())
        .to_string();
    // A date half typed reads as no date: say so, and keep the one saved
    // rather than clear it.
    let due_incomplete = use_state(|| false);
    // While typing (`live`), only a whole date counts; the word comes
    // once the field is left, or the form sent.
    let on_due = |typing: bool| {
        let (on_change, incomplete) = (props.on_change.clone(), due_incomplete.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let bad = input.validity().bad_input();
            if !bad || !typing {
                incomplete.set(bad);
            }
            if !bad {
                on_change.emit(PlanEdit::Due(IsoDate::parse(&input.value())));
            }
        })
    };
    let due_error = format!("{p}-due-error");
    // A select keeps what the user last picked; follow the status when it
    // changes from elsewhere (another tab, an undo).
    let status_ref = use_node_ref();
    {
        let status_ref = status_ref.clone();
        let index = Status::ALL
            .iter()
            .position(|s| *s == props.item.status)
            .unwrap_or(0);
        use_effect_with(index, move |index| {
            if let Some(select) = status_ref.cast::<HtmlSelectElement>() {
                select.set_selected_index(*index as i32);
            }
        });
    }
    html! {
        <div class="action-fields">
            <p class="field what">
                <label for={format!("{p}-what")}>{ m.plan_what() }</label>
                <input id={format!("{p}-what")} type="text" maxlength="200" value={props.item.what.clone()}
                    onchange={edit(|e| PlanEdit::What(input_value(e)))} oninput={live(|e| PlanEdit::What(input_value(e)))} />
            </p>
            <p class="field">
                <label for={format!("{p}-owner")}>{ m.plan_owner() }</label>
                <input id={format!("{p}-owner")} type="text" maxlength="200" value={props.item.owner.clone()}
                    onchange={edit(|e| PlanEdit::Owner(input_value(e)))} oninput={live(|e| PlanEdit::Owner(input_value(e)))} />
            </p>
            <p class="field">
                <label for={format!("{p}-due")}>{ m.plan_due() }</label>
                <input id={format!("{p}-due")} type="date" value={due}
                    aria-invalid={due_incomplete.then_some("true")} aria-describedby={due_incomplete.then(|| due_error.clone())}
                    onchange={on_due(false)} oninput={props.live.then(|| on_due(true).reform(|e: InputEvent| Event::from(e)))} />
                if *due_incomplete {
                    <span class="field-error" id={due_error}>{ m.plan_due_incomplete() }</span>
                }
            </p>
            <p class="field">
                <label for={format!("{p}-status")}>{ m.plan_status() }</label>
                <select id={format!("{p}-status")} ref={status_ref} onchange={edit(|e| PlanEdit::Status(status_of(e)))}>
                    { for Status::ALL.iter().map(|s| html! {
                        <option selected={*s == props.item.status}>{ status_text(m, *s) }</option>
                    }) }
                </select>
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EditorProps {
    id: String,
    /// Its place in the plan, from 1, for its label.
    number: usize,
    item: PlanItem,
    on_action: Callback<Intent>,
}

#[component]
fn ActionEditor(props: &EditorProps) -> Html {
    let m = use_messages();
    let (id, item) = (props.id.clone(), props.item.id.clone());
    let on_change = {
        let (id, item) = (id.clone(), item.clone());
        props.on_action.reform(move |edit| Intent::EditPlanItem {
            id: id.clone(),
            item: item.clone(),
            edit,
        })
    };
    let section = format!("gap-{}", props.item.competency);
    let remove = props.on_action.reform(move |_: MouseEvent| {
        // The action and its button go away: keep the user's place on the
        // heading of its section.
        browser::focus("other-actions");
        browser::focus(&section);
        Intent::RemovePlanItem {
            id: id.clone(),
            item: item.clone(),
        }
    });
    let label = fill(
        m.plan_action_n(),
        &[("n", &props.number.to_string()), ("what", &props.item.what)],
    );
    html! {
        <fieldset class={classes!("action", (props.item.status == Status::Done).then_some("done"))}>
            <legend>{ label.clone() }</legend>
            <ActionFields prefix={format!("act-{}", props.item.id)} item={props.item.clone()} {on_change} />
            <button type="button" class="button subtle" onclick={remove} aria-label={fill(m.plan_remove_label(), &[("what", &props.item.what)])}>{ m.plan_remove() }</button>
        </fieldset>
    }
}

/// Why a new action was not added.
#[derive(Clone, Copy)]
enum Problem {
    Item(ItemProblem),
    /// The due date is half typed: adding would drop it unsaid.
    DueIncomplete,
}

#[derive(Properties, PartialEq)]
struct AddProps {
    id: String,
    competency: String,
    title: String,
    on_action: Callback<Intent>,
}

#[component]
fn AddAction(props: &AddProps) -> Html {
    let m = use_messages();
    let draft = use_state(|| PlanItem {
        competency: props.competency.clone(),
        ..Default::default()
    });
    // The state re-renders the fields; the ref holds every edit at once, since
    // several can arrive (and Enter can submit) before a re-render.
    let latest = use_mut_ref(|| (*draft).clone());
    let problem = use_state(|| None::<Problem>);
    let on_change = {
        let (draft, latest) = (draft.clone(), latest.clone());
        Callback::from(move |edit: PlanEdit| {
            edit.apply(&mut latest.borrow_mut());
            draft.set(latest.borrow().clone())
        })
    };
    // Typed and not yet added: an update waits until it is.
    let typed =
        !draft.what.trim().is_empty() || !draft.owner.trim().is_empty() || draft.due.is_some();
    use_open_form(format!("add-{}", props.competency), typed, &props.on_action);
    let onsubmit = {
        let (draft, problem, on_action, id) = (
            draft.clone(),
            problem.clone(),
            props.on_action.clone(),
            props.id.clone(),
        );
        let competency = props.competency.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let item = latest.borrow().clone();
            let due_incomplete = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|f| f.query_selector("input[type=date]").ok().flatten())
                .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
                .filter(|i| i.validity().bad_input());
            if let Some(input) = due_incomplete {
                problem.set(Some(Problem::DueIncomplete));
                let _ = input.focus();
                return;
            }
            match item.problems().first() {
                Some(p) => problem.set(Some(Problem::Item(*p))),
                None => {
                    on_action.emit(Intent::AddPlanItem {
                        id: id.clone(),
                        item,
                    });
                    problem.set(None);
                    let empty = PlanItem {
                        competency: competency.clone(),
                        ..Default::default()
                    };
                    *latest.borrow_mut() = empty.clone();
                    draft.set(empty);
                }
            }
        })
    };
    let heading = format!("add-{}", props.competency);
    html! {
        <form class="add-action" aria-labelledby={heading.clone()} {onsubmit} novalidate=true>
            <h4 id={heading}>{ fill(m.plan_add_title(), &[("name", &props.title)]) }</h4>
            <ActionFields prefix={format!("new-{}", props.competency)} item={(*draft).clone()} {on_change} live=true />
            if let Some(p) = *problem {
                <p class="field-error" role="alert">{ match p {
                    Problem::Item(ItemProblem::WhatMissing) => m.plan_what_missing(),
                    Problem::Item(ItemProblem::TooLong) => m.err_too_long(),
                    Problem::DueIncomplete => m.plan_due_incomplete(),
                } }</p>
            }
            <button type="submit" class="button primary">{ m.plan_add() }</button>
        </form>
    }
}
