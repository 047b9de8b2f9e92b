use super::drop_zone::use_drop_zone;
use super::home_markup::{self, rename_toggle_id, PAGE};
use super::notices::flash_text;
use super::{use_messages, use_open_form};
use crate::domain::formats::exchange::{self, FileError, MAX_FILE_BYTES};
use crate::domain::model::assessment::Assessment;
use crate::domain::model::compare::subjects_with_history;
use crate::domain::model::rubric::builtin;
use crate::domain::route::{received_link, NotResults};
use crate::domain::storage::backup::{Backup, Keeping};
use crate::platform::browser::{self, ReadFailed};
use crate::state::{Flash, Intent};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub assessments: Vec<Rc<Assessment>>,
    pub backup: Backup,
    /// What the browser promises about the data (usual, unless told).
    #[prop_or_default]
    pub keeping: Keeping,
    /// What the last import did, shown by the import box.
    #[prop_or_default]
    pub flash: Option<Flash>,
    pub on_action: Callback<Intent>,
}

fn raw(markup: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(markup))
}

/// The list of assessments and the rest of Home. The cards, the backup line
/// and the intro are `home_markup`'s, the same markup index.html paints
/// before the app arrives; their buttons are handled here, on their lists.
#[component]
pub fn Home(props: &HomeProps) -> Html {
    let m = use_messages();
    let shown = use_state(|| PAGE);
    // The card whose rename form is open.
    let renaming = use_state(|| None::<String>);
    let download_failed = use_state(|| false);
    // Where focus goes once the form opened or closed (the card is drawn anew).
    let refocus = use_mut_ref(|| None::<String>);
    use_open_form(
        renaming
            .as_deref()
            .map_or_else(String::new, |id| format!("rename-{id}")),
        renaming.is_some(),
        &props.on_action,
    );
    {
        let refocus = refocus.clone();
        use_effect_with((*renaming).clone(), move |_| {
            if let Some(id) = refocus.borrow_mut().take() {
                browser::focus(&id);
            }
        });
    }
    let total = props.assessments.len();
    let visible = &props.assessments[..total.min(*shown)];
    let with_history = subjects_with_history(&props.assessments);
    let onclick = {
        let (on_action, renaming, shown, failed, refocus) = (
            props.on_action.clone(),
            renaming.clone(),
            shown.clone(),
            download_failed.clone(),
            refocus.clone(),
        );
        let list = props.assessments.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(el) = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.closest("[data-action]").ok().flatten())
            else {
                return;
            };
            let id = el.get_attribute("data-id").unwrap_or_default();
            match el.get_attribute("data-action").as_deref() {
                Some("delete") => on_action.emit(Intent::Delete { id }),
                Some("rename") if renaming.as_deref() == Some(id.as_str()) => {
                    *refocus.borrow_mut() = Some(rename_toggle_id(&id));
                    renaming.set(None);
                }
                Some("rename") => {
                    *refocus.borrow_mut() = Some(format!("rename-{id}"));
                    renaming.set(Some(id));
                }
                Some("rename-cancel") => {
                    *refocus.borrow_mut() = Some(rename_toggle_id(&id));
                    renaming.set(None);
                }
                Some("more") => shown.set(*shown + PAGE),
                // The import box's file picker, from the empty list.
                Some("restore") => {
                    if let Some(input) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id("import-file"))
                        .and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        input.click();
                    }
                }
                Some("backup-not-now") => {
                    on_action.emit(Intent::DismissBackupReminder);
                    // The ask goes; the heading keeps the user's place.
                    browser::focus(super::VIEW_TITLE_ID);
                }
                Some("download-all") => {
                    let ok = super::backup::download_full_copy(m, &list);
                    failed.set(!ok);
                    if ok {
                        on_action.emit(Intent::BackupDownloaded);
                        // The line (or the ask) is drawn anew with its date,
                        // its button with it: the heading keeps the place.
                        browser::focus(super::VIEW_TITLE_ID);
                    }
                }
                _ => {}
            }
        })
    };
    let onsubmit = {
        let (on_action, renaming, refocus) =
            (props.on_action.clone(), renaming.clone(), refocus.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            let Some(id) = form.get_attribute("data-id") else {
                return;
            };
            let name = form
                .query_selector("input")
                .ok()
                .flatten()
                .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            if !name.trim().is_empty() {
                on_action.emit(Intent::Rename {
                    id: id.clone(),
                    name,
                });
                // The form goes away: back to the button that opened it.
                *refocus.borrow_mut() = Some(rename_toggle_id(&id));
                renaming.set(None);
            }
        })
    };
    html! {
        <>
            { raw(home_markup::intro(m)) }
            if props.assessments.is_empty() {
                <div class="empty-state" onclick={onclick.clone()}>{ raw(home_markup::empty(m)) }</div>
            } else {
                <div class="backup" onclick={onclick.clone()}>
                    { raw(home_markup::backup_block(m, &props.backup, props.backup.first_copy_prompt(home_markup::any_complete(&props.assessments)), *download_failed, props.keeping)) }
                </div>
                <ul class="card-list" onclick={onclick.clone()} {onsubmit}>
                    { for visible.iter().zip(&with_history).map(|(a, earlier)| html! {
                        <li key={a.id.clone()}>{ raw(home_markup::card(m, a, *earlier, renaming.as_deref() == Some(a.id.as_str()))) }</li>
                    }) }
                </ul>
                if total > visible.len() {
                    <p class="actions" {onclick}>{ raw(home_markup::more(m, visible.len(), total)) }</p>
                }
                { raw(home_markup::list_links(m)) }
            }
            <OpenLink on_action={props.on_action.clone()} />
            <ImportBox flash={props.flash.clone()} on_action={props.on_action.clone()} />
            { raw(home_markup::offline(m)) }
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
    flash: Option<Flash>,
    on_action: Callback<Intent>,
}

#[component]
fn ImportBox(props: &ImportBoxProps) -> Html {
    let m = use_messages();
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
    let drop = use_drop_zone({
        let on_action = props.on_action.clone();
        Callback::from(move |files: web_sys::FileList| {
            if let Some(file) = files.get(0) {
                import(file, on_action.clone());
            }
        })
    });
    html! {
        <section class={classes!("import", "panel", drop.over.then_some("dragging"))} aria-labelledby="import-title"
            ondragover={drop.ondragover} ondragleave={drop.ondragleave} ondrop={drop.ondrop}>
            <h2 id="import-title">{ m.import_title() }</h2>
            <label for="import-file" class="field-label">{ m.import_label() }</label>
            <input id="import-file" type="file" accept=".json,application/json" {onchange} aria-describedby="import-hint" />
            <p class="small" id="import-hint">{ m.import_drop() }{" "}{ m.import_restore() }</p>
            // Where the user's attention is, and without moving the page
            // above (it was at the top, out of view).
            <div class="import-status" role="status" aria-live="polite">
                if let Some(flash) = &props.flash {
                    <p class={classes!("notice", if matches!(flash, Flash::ImportFailed { .. }) { "warning" } else { "info" })} data-notice="flash">
                        { flash_text(m, flash) }{" "}
                        <button type="button" class="button subtle small-button" onclick={props.on_action.reform(|_| Intent::DismissFlash)}>{ m.dismiss() }</button>
                    </p>
                }
            </div>
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
