//! What comes in (files, a folder, drops, links, this device) and what
//! the last load did.

use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::builtin;
use crate::domain::region::cohort::{GroupAction, LoadReport, Refusal, Rejected};
use crate::i18n::fill;
use crate::ui::drop_zone::{files_of, use_drop_zone};
use crate::ui::notices::file_error_text;
use crate::ui::shared::link_error_text;
use crate::ui::use_messages;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct LoaderProps {
    pub(super) saved: Vec<Rc<Assessment>>,
    pub(super) on_add: Callback<GroupAction>,
}

/// Reads files one after another: each refused one is named with its
/// reason, the rest are added in one go.
pub(super) async fn read_all(files: Vec<web_sys::File>, not_json: usize) -> GroupAction {
    let mut found = Vec::new();
    let mut rejected = Vec::new();
    let mut unreadable = 0;
    for file in files {
        let result = crate::ui::pool::read_assessment_file(&file).await;
        match result {
            Ok(parsed) => {
                unreadable += parsed.damaged + parsed.other_rubric;
                found.extend(parsed.assessments);
            }
            Err(why) => rejected.push(Rejected {
                name: file.name(),
                why: Refusal::File(why),
            }),
        }
    }
    GroupAction::Add {
        assessments: found,
        rejected,
        unreadable,
        not_json,
    }
}

/// Files (several, a folder, dropped), pasted links and the assessments
/// saved here.
#[component]
pub(super) fn Loader(props: &LoaderProps) -> Html {
    let m = use_messages();
    let reading = use_state(|| false);
    let area_ref = use_node_ref();
    let load_files = {
        let (on_add, reading) = (props.on_add.clone(), reading.clone());
        Callback::from(move |(files, not_json): (Vec<web_sys::File>, usize)| {
            if files.is_empty() && not_json == 0 {
                return;
            }
            reading.set(true);
            let (on_add, reading) = (on_add.clone(), reading.clone());
            yew::platform::spawn_local(async move {
                let action = read_all(files, not_json).await;
                reading.set(false);
                on_add.emit(action);
            });
        })
    };
    let on_files = load_files.reform(|e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        let files = files_of(input.files());
        input.set_value("");
        (files, 0)
    });
    // A folder holds other files too: only its .json files are read, and
    // how many were left aside is said.
    let on_folder = load_files.reform(|e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        let (json, other): (Vec<web_sys::File>, Vec<web_sys::File>) = files_of(input.files())
            .into_iter()
            .partition(|f| f.name().to_lowercase().ends_with(".json"));
        input.set_value("");
        (json, other.len())
    });
    let drop = use_drop_zone(load_files.reform(|files| (files_of(Some(files)), 0)));
    let add_links = {
        let (on_add, area_ref) = (props.on_add.clone(), area_ref.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = area_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let mut assessments = Vec::new();
            let mut rejected = Vec::new();
            let text = area.value();
            // Each link, however mail left it (`domain::formats::pasted`), named by
            // the line it starts on.
            for (line, read) in crate::domain::formats::pasted::read_all(&text, builtin()) {
                match read {
                    Ok(a) => assessments.push(a),
                    Err(why) => rejected.push(Rejected {
                        name: fill(m.region_line(), &[("n", &line.to_string())]),
                        why: Refusal::Link(why),
                    }),
                }
            }
            if rejected.is_empty() {
                area.set_value("");
            }
            on_add.emit(GroupAction::Add {
                assessments,
                rejected,
                unreadable: 0,
                not_json: 0,
            });
        })
    };
    let add_saved = {
        let (on_add, saved) = (props.on_add.clone(), props.saved.clone());
        Callback::from(move |_: MouseEvent| {
            on_add.emit(GroupAction::Add {
                assessments: saved.iter().map(|a| (**a).clone()).collect(),
                rejected: Vec::new(),
                unreadable: 0,
                not_json: 0,
            })
        })
    };
    html! {
        <section class={classes!("panel", "region-load", drop.over.then_some("drop-over"))} aria-labelledby="region-load-title"
            ondragover={drop.ondragover} ondragleave={drop.ondragleave} ondrop={drop.ondrop}>
            <h2 id="region-load-title">{ m.region_load_title() }</h2>
            <p class="field">
                <label for="region-files">{ m.region_files_label() }</label>
                <input id="region-files" type="file" multiple=true accept=".json,application/json" onchange={on_files.clone()} />
            </p>
            <p class="field">
                <label for="region-folder">{ m.region_folder_label() }</label>
                <input id="region-folder" type="file" multiple=true webkitdirectory=true onchange={on_folder} />
            </p>
            <p class="small">{ m.region_drop() }</p>
            <p class="field">
                <label for="region-links">{ m.region_links_label() }</label>
                <textarea id="region-links" ref={area_ref} rows="3" spellcheck="false" />
            </p>
            <p class="actions">
                <button type="button" class="button" onclick={add_links}>{ m.region_add_links() }</button>
                if !props.saved.is_empty() {
                    <button type="button" class="button" onclick={add_saved}>{ m.count(m.region_add_saved_n(), props.saved.len()) }</button>
                }
            </p>
            <p class="small" role="status">{ if *reading { m.region_reading() } else { "" } }</p>
        </section>
    }
}

/// Refused inputs named one by one; past these, how many more. A folder of
/// ten thousand wrong files, or a pasted book, must not freeze the page.
const NAMED: usize = 20;

#[derive(Properties, PartialEq)]
pub(super) struct ReportProps {
    pub(super) report: Option<LoadReport>,
}

/// What the last load did, and each input refused with its reason.
#[component]
pub(super) fn Report(props: &ReportProps) -> Html {
    let m = use_messages();
    let Some(r) = &props.report else {
        return html! { <div role="status" id="region-report-live"></div> };
    };
    let mut said = vec![m.count(m.region_added_n(), r.added.added)];
    if r.added.duplicates > 0 {
        said.push(m.count(m.region_duplicates_n(), r.added.duplicates));
    }
    if r.added.over_limit > 0 {
        said.push(m.count(m.region_over_n(), r.added.over_limit));
    }
    if r.unreadable > 0 {
        said.push(m.count(m.region_skipped_n(), r.unreadable));
    }
    if r.not_json > 0 {
        said.push(m.count(m.region_folder_skipped_n(), r.not_json));
    }
    // The template ends the sentence; some reasons are sentences already.
    let reason = |why: &Refusal| {
        let text = match why {
            Refusal::File(e) => file_error_text(m, e).to_string(),
            Refusal::Link(e) => link_error_text(m, e),
        };
        text.trim_end_matches('.').to_string()
    };
    let warn = !r.rejected.is_empty() || r.added.over_limit > 0 || r.unreadable > 0;
    html! {
      // The same live region before and after the first load.
      <div role="status" id="region-report-live">
        <div class={classes!("notice", if warn { "warning" } else { "info" })} id="region-report">
            <p>{ said.join(" ") }</p>
            if !r.rejected.is_empty() {
                <p>{ m.count(m.region_rejected_n(), r.rejected.len()) }</p>
                <ul>{ for r.rejected.iter().take(NAMED).map(|x| html! {
                    <li>{ fill(m.region_rejected_item(), &[("name", &x.name), ("reason", &reason(&x.why))]) }</li>
                }) }</ul>
                if r.rejected.len() > NAMED {
                    <p>{ m.count(m.region_rejected_more_n(), r.rejected.len() - NAMED) }</p>
                }
            }
        </div>
      </div>
    }
}
