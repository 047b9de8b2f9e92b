use super::{use_messages, use_open_form, VIEW_TITLE_ID};
use crate::domain::model::assessment::{Details, DetailsProblem, Subject, MAX_FIELD_CHARS};
use crate::domain::model::rubric::builtin;
use crate::domain::route::Route;
use crate::i18n::{fill, Messages};
use crate::platform::browser;
use crate::state::Intent;
use yew::prelude::*;

/// What the form is for.
#[derive(Clone, PartialEq)]
pub enum FormMode {
    New,
    Edit {
        id: String,
    },
    /// A new assessment of `from`'s subject, made only when confirmed.
    Reassess {
        from: String,
        title: String,
        date: String,
    },
}

#[derive(Properties, PartialEq)]
pub struct DetailsFormProps {
    pub initial: Details,
    pub mode: FormMode,
    pub on_action: Callback<Intent>,
}

fn problem_text(m: &Messages, p: DetailsProblem) -> &'static str {
    match p {
        DetailsProblem::PlaceMissing => m.err_place_missing(),
        DetailsProblem::InitiativeNameMissing => m.err_initiative_missing(),
        DetailsProblem::DateInvalid => m.err_date_invalid(),
        DetailsProblem::TooLong => m.err_too_long(),
    }
}

fn input_value(e: InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

#[component]
pub fn DetailsForm(props: &DetailsFormProps) -> Html {
    let m = use_messages();
    let initiative = use_state(|| matches!(props.initial.subject, Subject::Initiative { .. }));
    let name = use_state(|| match &props.initial.subject {
        Subject::Initiative { name } => name.clone(),
        Subject::City => String::new(),
    });
    let place = use_state(|| props.initial.place.clone());
    let date = use_state(|| props.initial.date.clone());
    let assessor = use_state(|| props.initial.assessor.clone());
    let problems = use_state(Vec::<DetailsProblem>::new);
    // Counts failed submits; focus moves to the summary once it is rendered.
    let failed_submits = use_state(|| 0u32);
    use_effect_with(*failed_submits, |n| {
        if *n > 0 {
            browser::focus("form-errors");
        }
    });

    // Typed and not yet saved: an update waits until it is.
    let edited = *initiative != matches!(props.initial.subject, Subject::Initiative { .. })
        || *place != props.initial.place
        || *date != props.initial.date
        || *assessor != props.initial.assessor
        || match &props.initial.subject {
            Subject::Initiative { name: n } => *name != *n,
            Subject::City => !name.is_empty(),
        };
    use_open_form("details".into(), edited, &props.on_action);

    let text = |handle: &UseStateHandle<String>| {
        let handle = handle.clone();
        Callback::from(move |e: InputEvent| handle.set(input_value(e)))
    };
    let pick = |value: bool| {
        let initiative = initiative.clone();
        Callback::from(move |_: Event| initiative.set(value))
    };

    let onsubmit = {
        let (initiative, name, place, date, assessor, problems, failed_submits) = (
            initiative.clone(),
            name.clone(),
            place.clone(),
            date.clone(),
            assessor.clone(),
            problems.clone(),
            failed_submits.clone(),
        );
        let mode = props.mode.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let details = Details {
                subject: if *initiative {
                    Subject::Initiative {
                        name: (*name).clone(),
                    }
                } else {
                    Subject::City
                },
                place: (*place).clone(),
                date: (*date).clone(),
                assessor: (*assessor).clone(),
            };
            let found = details.problems();
            if !found.is_empty() {
                problems.set(found);
                failed_submits.set(*failed_submits + 1);
                return;
            }
            problems.set(Vec::new());
            match &mode {
                FormMode::New => on_action.emit(Intent::Create { details }),
                FormMode::Reassess { from, .. } => on_action.emit(Intent::Reassess {
                    from: from.clone(),
                    details,
                }),
                FormMode::Edit { id } => {
                    on_action.emit(Intent::UpdateDetails {
                        id: id.clone(),
                        details,
                    });
                    on_action.emit(Intent::Navigate(Route::Step {
                        id: id.clone(),
                        competency: builtin().competencies[0].id.clone(),
                    }));
                }
            }
        })
    };

    let has = |p: DetailsProblem| problems.contains(&p);
    let error = |p: DetailsProblem, id: &'static str| {
        has(p).then(|| html! { <p class="field-error" id={id}>{ problem_text(m, p) }</p> })
    };
    let described = |hint: &'static str, err: &'static str, p: DetailsProblem| {
        if has(p) {
            format!("{hint} {err}")
        } else {
            hint.to_string()
        }
    };
    let max = MAX_FIELD_CHARS.to_string();
    let title = match &props.mode {
        FormMode::New => m.new_title().to_string(),
        FormMode::Edit { .. } => m.edit_title().to_string(),
        FormMode::Reassess { title, .. } => fill(m.reassess_title(), &[("title", title)]),
    };
    let submit = match &props.mode {
        FormMode::New => m.form_start(),
        FormMode::Edit { .. } => m.form_save(),
        FormMode::Reassess { .. } => m.reassess_start(),
    };

    html! {
        <section class="panel narrow">
            <h1 id={VIEW_TITLE_ID} tabindex="-1">{ title }</h1>
            if let FormMode::Reassess { date, .. } = &props.mode {
                <p class="notice info">{ fill(m.reassess_intro(), &[("date", &m.date(date))]) }</p>
            }
            if !problems.is_empty() {
                <div class="error-summary" id="form-errors" tabindex="-1" role="alert">
                    <h2>{ m.form_errors_title() }</h2>
                    <ul>{ for problems.iter().map(|p| html! { <li>{ problem_text(m, *p) }</li> }) }</ul>
                </div>
            }
            <form onsubmit={onsubmit} novalidate=true>
                <fieldset class="field">
                    <legend>{ m.form_subject_legend() }</legend>
                    <p class="hint" id="subject-hint">{ m.form_subject_hint() }</p>
                    <label class="choice">
                        <input type="radio" name="subject" value="city" checked={!*initiative} onchange={pick(false)} aria-describedby="subject-hint" />
                        { m.form_subject_city() }
                    </label>
                    <label class="choice">
                        <input type="radio" name="subject" value="initiative" checked={*initiative} onchange={pick(true)} aria-describedby="subject-hint" />
                        { m.form_subject_initiative() }
                    </label>
                </fieldset>
                if *initiative {
                    <div class="field">
                        <label for="f-name">{ m.form_initiative_name() }</label>
                        { error(DetailsProblem::InitiativeNameMissing, "e-name") }
                        <input id="f-name" type="text" value={(*name).clone()} oninput={text(&name)} maxlength={max.clone()}
                            aria-invalid={has(DetailsProblem::InitiativeNameMissing).to_string()}
                            aria-describedby={has(DetailsProblem::InitiativeNameMissing).then_some("e-name")} />
                    </div>
                }
                <div class="field">
                    <label for="f-place">{ m.form_place() }</label>
                    <p class="hint" id="h-place">{ m.form_place_hint() }</p>
                    { error(DetailsProblem::PlaceMissing, "e-place") }
                    <input id="f-place" type="text" autocomplete="organization" value={(*place).clone()} oninput={text(&place)} maxlength={max.clone()}
                        aria-invalid={has(DetailsProblem::PlaceMissing).to_string()}
                        aria-describedby={described("h-place", "e-place", DetailsProblem::PlaceMissing)} />
                </div>
                <div class="field">
                    <label for="f-date">{ m.form_date() }</label>
                    <p class="hint" id="h-date">{ m.form_date_hint() }</p>
                    { error(DetailsProblem::DateInvalid, "e-date") }
                    if let FormMode::Reassess { date: from, .. } = &props.mode {
                        if date.trim() == from.as_str() {
                            <p class="field-warning" id="w-date" role="status">{ m.reassess_same_date() }</p>
                        }
                    }
                    <input id="f-date" type="date" value={(*date).clone()} oninput={text(&date)}
                        aria-invalid={has(DetailsProblem::DateInvalid).to_string()}
                        aria-describedby={described("h-date", "e-date", DetailsProblem::DateInvalid)} />
                </div>
                <div class="field">
                    <label for="f-assessor">{ m.form_assessor() }{" "}<span class="optional">{ m.form_optional() }</span></label>
                    <p class="hint" id="h-assessor">{ m.form_assessor_hint() }</p>
                    <input id="f-assessor" type="text" autocomplete="name" value={(*assessor).clone()} oninput={text(&assessor)} maxlength={max}
                        aria-describedby="h-assessor" />
                </div>
                <p class="actions">
                    <button type="submit" class="button primary">{ submit }</button>
                    <a class="button subtle" href="#/">{ m.cancel() }</a>
                </p>
            </form>
        </section>
    }
}
