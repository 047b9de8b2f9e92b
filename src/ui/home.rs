use super::backup::BackupLine;
use super::radar_chart::{mini_chart, Axis};
use super::{meta, use_messages, use_open_form, VIEW_TITLE_ID};
use crate::domain::assessment::Assessment;
use crate::domain::backup::Backup;
use crate::domain::compare::subjects_with_history;
use crate::domain::exchange::{self, FileError, MAX_FILE_BYTES};
use crate::domain::route::{received_link, NotResults, Route};
use crate::domain::rubric::builtin;
use crate::domain::scoring::Profile;
use crate::i18n::fill;
use crate::platform::browser::{self, ReadFailed};
use crate::state::Intent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub assessments: Vec<Assessment>,
    pub backup: Backup,
    pub on_action: Callback<Intent>,
}

/// Cards shown at first, and added by each "Show more": a device with
/// thousands of assessments still opens at once.
const PAGE: usize = 50;

#[component]
pub fn Home(props: &HomeProps) -> Html {
    let m = use_messages();
    let shown = use_state(|| PAGE);
    let total = props.assessments.len();
    let visible = &props.assessments[..total.min(*shown)];
    let with_history = subjects_with_history(&props.assessments);
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    html! {
        <>
            <section class="intro">
                <h1 id={VIEW_TITLE_ID} tabindex="-1">{ m.home_title() }</h1>
                <p>{ m.home_intro() }</p>
                <p>{ m.home_intro_private() }</p>
                <p><a class="button primary" href={Route::New.href()}>{ m.start_new() }</a></p>
            </section>
            if props.assessments.is_empty() {
                <p class="empty">{ m.home_empty() }</p>
            } else {
                <BackupLine assessments={props.assessments.clone()} backup={props.backup.clone()} on_action={props.on_action.clone()} />
                <ul class="card-list">
                    { for visible.iter().zip(&with_history).map(|(a, earlier)| html! {
                        <li key={a.id.clone()}><Card assessment={a.clone()} earlier={*earlier} on_action={props.on_action.clone()} /></li>
                    }) }
                </ul>
                if total > visible.len() {
                    <p class="actions">
                        <span>{ fill(m.home_shown(), &[("shown", &visible.len().to_string()), ("total", &total.to_string())]) }</span>{" "}
                        <button type="button" class="button" onclick={more}>{ m.count(m.home_show_more_n(), (total - visible.len()).min(PAGE)) }</button>
                    </p>
                }
                <p class="actions">
                    <a class="button" href={Route::Compare.href()}>{ m.nav_compare() }</a>
                    <a class="button" href={Route::Merge.href()}>{ m.nav_merge() }</a>
                </p>
            }
            <OpenLink on_action={props.on_action.clone()} />
            <ImportBox on_action={props.on_action.clone()} />
            // The offline edition is made by the release build; a copy
            // opened from a file is already it.
            if !browser::page_address().starts_with("file:") {
                <section class="panel offline" aria-labelledby="offline-title">
                    <h2 id="offline-title">{ m.offline_title() }</h2>
                    <p>{ m.offline_text() }</p>
                    <p><a class="button" href="budmm-offline.html" download="urban-data-maturity.html" aria-describedby="offline-network">{ m.offline_download() }</a></p>
                    <p class="small" id="offline-network">{ m.offline_needs_network() }</p>
                </section>
            }
        </>
    }
}

/// Reads a picked or dropped file and hands the result to the reducer.
fn import(file: web_sys::File, on_action: Callback<Intent>) {
    yew::platform::spawn_local(async move {
        let name = file.name();
        let action = match browser::read_file(&file, MAX_FILE_BYTES).await {
            Ok(bytes) => match exchange::parse_file(&bytes, builtin()) {
                Ok(parsed) => Intent::Import { parsed },
                Err(error) => Intent::ImportFailed { file: name, error },
            },
            Err(ReadFailed::TooLarge) => Intent::ImportFailed {
                file: name,
                error: FileError::TooLarge,
            },
            // The browser refused to read it: as good as not text for the user.
            Err(ReadFailed::Refused) => Intent::ImportFailed {
                file: name,
                error: FileError::NotText,
            },
        };
        on_action.emit(action);
    });
}

#[derive(Properties, PartialEq)]
struct ImportBoxProps {
    on_action: Callback<Intent>,
}

#[component]
fn ImportBox(props: &ImportBoxProps) -> Html {
    let m = use_messages();
    let over = use_state(|| false);
    let onchange = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                import(file, on_action.clone());
            }
            // Picking the same file again should import again.
            input.set_value("");
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let (over, on_action) = (over.clone(), props.on_action.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                import(file, on_action.clone());
            }
        })
    };
    html! {
        <section class={classes!("import", "panel", over.then_some("dragging"))} aria-labelledby="import-title"
            {ondragover} {ondragleave} {ondrop}>
            <h2 id="import-title">{ m.import_title() }</h2>
            <label for="import-file" class="field-label">{ m.import_label() }</label>
            <input id="import-file" type="file" accept=".json,application/json" {onchange} aria-describedby="import-hint" />
            <p class="small" id="import-hint">{ m.import_drop() }{" "}{ m.import_restore() }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct OpenLinkProps {
    on_action: Callback<Intent>,
}

/// "Open a link you received": a results link pasted here opens in this
/// copy of the app, whatever address it was made on.
#[component]
fn OpenLink(props: &OpenLinkProps) -> Html {
    let m = use_messages();
    let text = use_state(String::new);
    let wrong = use_state(|| None::<NotResults>);
    let oninput = {
        let (text, wrong) = (text.clone(), wrong.clone());
        Callback::from(move |e: InputEvent| {
            text.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
            wrong.set(None);
        })
    };
    let onsubmit = {
        let (text, wrong, on_action) = (text.clone(), wrong.clone(), props.on_action.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match received_link(&text) {
                Ok(route) => on_action.emit(Intent::Navigate(route)),
                Err(why) => {
                    wrong.set(Some(why));
                    browser::focus("open-link");
                }
            }
        })
    };
    html! {
        <section class="panel open-link" aria-labelledby="open-link-title">
            <h2 id="open-link-title">{ m.open_link_title() }</h2>
            <form {onsubmit} novalidate=true>
                <label for="open-link" class="field-label">{ m.open_link_label() }</label>
                <p class="hint" id="open-link-hint">{ m.open_link_hint() }</p>
                if let Some(why) = *wrong {
                    <p class="field-error" id="open-link-error" role="alert">{ match why {
                        NotResults::SavedElsewhere => m.open_link_saved_elsewhere(),
                        NotResults::NotOurs => m.open_link_not_ours(),
                        NotResults::TooLarge => m.link_too_large(),
                    } }</p>
                }
                <div class="copy-row">
                    <input id="open-link" type="url" inputmode="url" autocomplete="off" value={(*text).clone()} {oninput}
                        aria-invalid={wrong.is_some().to_string()}
                        aria-describedby={if wrong.is_some() { "open-link-hint open-link-error" } else { "open-link-hint" }} />
                    <button type="submit" class="button">{ m.open_link_button() }</button>
                </div>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    assessment: Assessment,
    /// Other assessments of the same subject exist.
    earlier: bool,
    on_action: Callback<Intent>,
}

#[component]
fn Card(props: &CardProps) -> Html {
    let m = use_messages();
    let renaming = use_state(|| false);
    use_open_form(
        format!("rename-{}", props.assessment.id),
        *renaming,
        &props.on_action,
    );
    let name_ref = use_node_ref();
    let toggle_ref = use_node_ref();
    let a = &props.assessment;
    let profile = Profile::of(builtin(), a);
    let continue_to = profile
        .first_missing()
        .unwrap_or(&builtin().competencies[0]);
    let heading_id = format!("card-{}", a.id);
    let name_id = format!("rename-{}", a.id);
    let delete = {
        let id = a.id.clone();
        props
            .on_action
            .reform(move |_| Intent::Delete { id: id.clone() })
    };
    let toggle_rename = {
        let renaming = renaming.clone();
        Callback::from(move |_: MouseEvent| renaming.set(!*renaming))
    };
    let rename = {
        let (renaming, on_action, id, name_ref) = (
            renaming.clone(),
            props.on_action.clone(),
            a.id.clone(),
            name_ref.clone(),
        );
        let toggle_ref = toggle_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = name_ref
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if !name.trim().is_empty() {
                on_action.emit(Intent::Rename {
                    id: id.clone(),
                    name,
                });
                renaming.set(false);
                // The form goes away: back to the button that opened it.
                if let Some(b) = toggle_ref.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let (done, total) = (profile.done(), profile.total());
    html! {
        <article class="card" aria-labelledby={heading_id.clone()}>
            <div class="card-head">
                { mini_chart(m, &Axis::all(m, &profile)) }
                <div>
                    <h2 id={heading_id}>{ fill(m.dated_title(), &[("title", a.title()), ("date", &m.date(a.date.as_str()))]) }</h2>
                    { meta(m, a, false) }
                </div>
            </div>
            <p class="progress-line">
                <progress max={total.to_string()} value={done.to_string()} aria-hidden="true"></progress>
                { fill(&m.count(m.progress_count_n(), done), &[("total", &total.to_string())]) }
            </p>
            // One main action, by state: go on while incomplete, the results
            // once complete. The rest are secondary.
            <p class="actions">
                if done < total {
                    <a class="button primary" href={Route::Step { id: a.id.clone(), competency: continue_to.id.clone() }.href()}>{ m.action_continue() }</a>
                } else {
                    <a class="button primary" href={Route::Results { id: a.id.clone() }.href()}>{ m.action_results() }</a>
                }
            </p>
            <p class="actions secondary">
                if done < total {
                    <a class="button subtle" href={Route::Results { id: a.id.clone() }.href()}>{ m.action_results() }</a>
                }
                <a class="button subtle" href={Route::Plan { id: a.id.clone() }.href()}>{ m.action_plan() }</a>
                if props.earlier {
                    <a class="button subtle" href={Route::Progress { id: a.id.clone() }.href()}>{ m.action_progress() }</a>
                }
                <a class="button subtle" href={Route::Reassess { id: a.id.clone() }.href()}>{ m.action_reassess() }</a>
                <button type="button" class="button subtle" ref={toggle_ref} onclick={toggle_rename.clone()} aria-expanded={(*renaming).to_string()}>{ m.action_rename() }</button>
                <a class="button subtle" href={Route::Details { id: a.id.clone() }.href()}>{ m.action_edit_details() }</a>
                <button type="button" class="button subtle" onclick={delete}>{ m.action_delete() }</button>
            </p>
            if *renaming {
                <form class="rename" onsubmit={rename}>
                    <label for={name_id.clone()}>{ m.rename_label() }</label>
                    <input id={name_id} ref={name_ref} type="text" maxlength="200" value={a.title().to_string()} required=true />
                    <button type="submit" class="button primary">{ m.rename_save() }</button>
                    <button type="button" class="button subtle" onclick={toggle_rename}>{ m.cancel() }</button>
                </form>
            }
        </article>
    }
}
