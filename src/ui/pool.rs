//! Choosing assessments to compare or merge: the saved ones, plus any opened
//! from links or files for this visit only.

use super::notices::file_error_text;
use super::shared::link_error_text;
use super::use_messages;
use crate::domain::formats::exchange::{self, FileError, MAX_FILE_BYTES};
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::builtin;
use crate::domain::storage::tab;
use crate::i18n::fill;
use crate::platform::browser::{self, ReadFailed};
use crate::state::Intent;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// How an assessment is named in a choice or a column: title, date, assessor.
pub fn label(m: &'static crate::i18n::Messages, a: &Assessment) -> String {
    let mut out = format!("{} · {}", a.title(), m.date(a.date.as_str()));
    if !a.assessor.is_empty() {
        out.push_str(" · ");
        out.push_str(&a.assessor);
    }
    out
}

/// The views that choose from saved and opened assessments (compare, merge).
#[derive(Properties, PartialEq)]
pub struct PoolViewProps {
    pub saved: Vec<Rc<Assessment>>,
    pub opened: Vec<Assessment>,
    pub on_action: Callback<Intent>,
}

/// A pool view's selection (ids, in the order ticked) and its controls: the
/// checkboxes, and the box that opens more from links or files (what it
/// opens is ticked at once).
#[hook]
pub fn use_choice(
    props: &PoolViewProps,
    legend: &'static str,
    keep_key: &'static str,
) -> (Vec<String>, Html) {
    // What was ticked, and what was opened, outlive the page in this tab:
    // Back after "Save as agreed" finds them (`domain::storage::tab`).
    let selected = use_state(|| tab::restore_choice(browser::kept_in_tab(keep_key).as_deref()));
    use_effect_with((*selected).clone(), move |ids| {
        browser::keep_in_tab(keep_key, &tab::choice_snapshot(ids));
    });
    use_effect_with(props.opened.clone(), |opened| {
        browser::keep_in_tab(tab::OPENED_KEY, &tab::snapshot(opened));
    });
    let on_toggle = {
        let selected = selected.clone();
        Callback::from(move |id: String| {
            let mut next = (*selected).clone();
            match next.iter().position(|s| *s == id) {
                Some(i) => {
                    next.remove(i);
                }
                None => next.push(id),
            }
            selected.set(next);
        })
    };
    {
        // What was just opened from links or files is ticked at once.
        let known = use_mut_ref(|| {
            props
                .opened
                .iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        });
        let selected = selected.clone();
        use_effect_with(props.opened.clone(), move |opened| {
            let fresh: Vec<String> = opened
                .iter()
                .filter(|a| !known.borrow().contains(&a.id))
                .map(|a| a.id.clone())
                .collect();
            *known.borrow_mut() = opened.iter().map(|a| a.id.clone()).collect();
            if !fresh.is_empty() {
                let mut next = (*selected).clone();
                next.extend(fresh);
                selected.set(next);
            }
        });
    }
    let controls = html! {
        <>
            <Picker {legend} saved={props.saved.clone()} opened={props.opened.clone()}
                selected={(*selected).clone()} {on_toggle} on_action={props.on_action.clone()} />
            <AddAssessments on_action={props.on_action.clone()} />
        </>
    };
    ((*selected).clone(), controls)
}

/// The selected assessments, in the order ticked; ids no longer there are skipped.
pub fn chosen<'a>(props: &'a PoolViewProps, selected: &[String]) -> Vec<&'a Assessment> {
    selected
        .iter()
        .filter_map(|id| {
            props
                .saved
                .iter()
                .map(|a| &**a)
                .chain(&props.opened)
                .find(|a| a.id == *id)
        })
        .collect()
}

const PICKER_ID: &str = "picker";

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub legend: AttrValue,
    pub saved: Vec<Rc<Assessment>>,
    pub opened: Vec<Assessment>,
    pub selected: Vec<String>,
    pub on_toggle: Callback<String>,
    pub on_action: Callback<Intent>,
}

/// Checkboxes over every assessment at hand.
#[component]
pub fn Picker(props: &PickerProps) -> Html {
    let m = use_messages();
    let item = |a: &Assessment, opened: bool| {
        let id = a.id.clone();
        let onchange = props.on_toggle.reform(move |_: Event| id.clone());
        let input_id = format!("pick-{}", a.id);
        let close = {
            let id = a.id.clone();
            props.on_action.reform(move |_: MouseEvent| {
                // The row and its button go away: keep the place on the list.
                browser::focus(PICKER_ID);
                Intent::Close { id: id.clone() }
            })
        };
        html! {
            <li key={a.id.clone()}>
                <input type="checkbox" id={input_id.clone()} checked={props.selected.contains(&a.id)} {onchange} />
                <label for={input_id}>{ label(m, a) }
                    if opened { {" "}<span class="tag">{ m.pool_opened_tag() }</span> }
                    if a.respondents.is_some() { {" "}<span class="tag">{ fill(m.pool_agreed_tag(), &[("n", &a.respondents.unwrap_or(0).to_string())]) }</span> }
                </label>
                if opened {
                    {" "}<button type="button" class="button subtle small-button" onclick={close}
                        aria-label={fill(m.pool_close_label(), &[("name", &label(m, a))])}>{ m.pool_close() }</button>
                }
            </li>
        }
    };
    html! {
        <fieldset class="picker" id={PICKER_ID} tabindex="-1">
            <legend>{ props.legend.clone() }</legend>
            if props.saved.is_empty() && props.opened.is_empty() {
                <p class="small">{ m.pool_empty() }</p>
            }
            <ul class="plain-list">
                { for props.saved.iter().map(|a| item(a, false)) }
                { for props.opened.iter().map(|a| item(a, true)) }
            </ul>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct AddProps {
    pub on_action: Callback<Intent>,
}

/// An exported file (or a backup) the user picked, read and parsed; a
/// file too large or not text is refused before it is parsed.
pub async fn read_assessment_file(file: &web_sys::File) -> Result<exchange::Parsed, FileError> {
    match browser::read_file(file, MAX_FILE_BYTES).await {
        Ok(bytes) => exchange::parse_file(&bytes, builtin()),
        Err(ReadFailed::TooLarge) => Err(FileError::TooLarge),
        Err(ReadFailed::Refused) => Err(FileError::NotText),
    }
}

/// Paste results links, or pick exported files: they are held for this
/// visit, never saved.
#[component]
pub fn AddAssessments(props: &AddProps) -> Html {
    let m = use_messages();
    let problems = use_state(Vec::<String>::new);
    let area_ref = use_node_ref();
    let open = {
        let on_action = props.on_action.clone();
        move |assessments: Vec<Assessment>| on_action.emit(Intent::Open { assessments })
    };
    let add_links = {
        let (problems, open, area_ref) = (problems.clone(), open.clone(), area_ref.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = area_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let mut found = Vec::new();
            let mut errors = Vec::new();
            // Each link, however mail left it (`domain::formats::pasted`).
            for (line, read) in crate::domain::formats::pasted::read_all(&area.value(), builtin()) {
                match read {
                    Ok(a) => found.push(a),
                    Err(e) => errors.push(fill(
                        m.pool_link_failed(),
                        &[
                            ("n", &line.to_string()),
                            ("reason", &link_error_text(m, &e)),
                        ],
                    )),
                }
            }
            if errors.is_empty() {
                area.set_value("");
            }
            problems.set(errors);
            if !found.is_empty() {
                open(found);
            }
        })
    };
    let onchange = {
        let (problems, open) = (problems.clone(), open.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let Some(files) = input.files() else { return };
            let files: Vec<web_sys::File> =
                (0..files.length()).filter_map(|i| files.get(i)).collect();
            input.set_value("");
            let (problems, open) = (problems.clone(), open.clone());
            yew::platform::spawn_local(async move {
                let mut found = Vec::new();
                let mut errors = Vec::new();
                for file in files {
                    let result = read_assessment_file(&file).await;
                    match result {
                        Ok(parsed) => found.extend(parsed.assessments),
                        Err(e) => errors.push(fill(
                            m.flash_import_failed(),
                            &[("file", &file.name()), ("reason", file_error_text(m, &e))],
                        )),
                    }
                }
                problems.set(errors);
                if !found.is_empty() {
                    open(found);
                }
            });
        })
    };
    html! {
        <section class="panel add-assessments" aria-labelledby="pool-add-title">
            <h2 id="pool-add-title">{ m.pool_add_title() }</h2>
            <p class="small">{ m.pool_add_intro() }</p>
            <p class="field">
                <label for="pool-links">{ m.pool_links_label() }</label>
                <textarea id="pool-links" ref={area_ref} rows="3" spellcheck="false" />
            </p>
            <p><button type="button" class="button" onclick={add_links}>{ m.pool_add_links() }</button></p>
            <p class="field">
                <label for="pool-files">{ m.pool_files_label() }</label>
                <input id="pool-files" type="file" multiple=true accept=".json,application/json" {onchange} />
            </p>
            if !problems.is_empty() {
                <div class="notice warning" role="alert">
                    <ul>{ for problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                </div>
            }
        </section>
    }
}
