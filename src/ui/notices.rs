use super::backup::DownloadAll;
use super::use_messages;
use crate::domain::formats::exchange::FileError;
use crate::domain::model::assessment::Assessment;
use crate::domain::storage::backup::Reminder;
use crate::domain::storage::store::{
    MemoryReason, SetAside, StorageStatus, StoreError, WriteOutcome,
};
use crate::i18n::{fill, Messages};
use crate::platform::browser;
use crate::state::{Elsewhere, Flash, Intent, Update};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub status: StorageStatus,
    #[prop_or_default]
    pub flash: Option<Flash>,
    #[prop_or_default]
    pub update: Update,
    /// A form holds input not yet saved (an update waits for it).
    #[prop_or_default]
    pub forms_open: bool,
    #[prop_or_default]
    pub elsewhere: Option<Elsewhere>,
    #[prop_or_default]
    pub space_low: bool,
    #[prop_or_default]
    pub reminder: Option<Reminder>,
    /// A language that could not be loaded (a code of `i18n::LANGUAGES`).
    #[prop_or_default]
    pub lang_unavailable: Option<&'static str>,
    /// Every saved assessment, for the download the warnings offer.
    #[prop_or_default]
    pub assessments: Vec<Rc<Assessment>>,
    /// The UI is not in English and the user has not yet read that the
    /// model's descriptors are.
    #[prop_or_default]
    pub descriptors_notice: bool,
    /// Grows with each save; a new value announces "saved" to screen readers.
    #[prop_or_default]
    pub saved: u64,
    pub on_action: Callback<Intent>,
    /// Deletes the set-aside copy at this index, then forgets it.
    pub on_remove: Callback<usize>,
}

pub fn file_error_text(m: &Messages, e: &FileError) -> &'static str {
    match e {
        FileError::TooLarge => m.file_too_large(),
        FileError::NotText => m.file_not_text(),
        FileError::NotJson => m.file_not_json(),
        FileError::NotOurs => m.file_not_ours(),
        FileError::Newer { .. } => m.file_newer(),
        FileError::NothingReadable => m.file_nothing_readable(),
        FileError::TooMany => m.file_too_many(),
    }
}

pub fn flash_text(m: &Messages, flash: &Flash) -> String {
    match flash {
        Flash::Imported(r) => {
            let mut parts = vec![m.count(m.flash_imported_n(), r.added)];
            for (message, n) in [
                (m.flash_already_n(), r.already_here),
                (m.flash_newer_here_n(), r.newer_here),
                (m.flash_updated_n(), r.updated),
                (m.flash_damaged_n(), r.damaged),
                (m.flash_other_rubric_n(), r.other_rubric),
                (m.flash_shortened_n(), r.shortened),
                (m.flash_unsaved_n(), r.unsaved),
            ] {
                if n > 0 {
                    parts.push(m.count(message, n));
                }
            }
            parts.join(" ")
        }
        Flash::ImportFailed { file, error } => fill(
            m.flash_import_failed(),
            &[("file", file), ("reason", file_error_text(m, error))],
        ),
        Flash::SavedCopy => m.flash_saved_copy().to_string(),
        Flash::AlreadySaved => m.flash_already_saved().to_string(),
        Flash::Deleted(e) => fill(
            m.flash_deleted(),
            &[
                ("title", e.assessment.title()),
                ("date", &m.date(e.assessment.date.as_str())),
            ],
        ),
        Flash::SavedAgreed { respondents } => {
            fill(m.flash_saved_agreed(), &[("n", &respondents.to_string())])
        }
    }
}

pub fn reason_text(m: &Messages, reason: &StoreError) -> &'static str {
    match reason {
        StoreError::TooLarge => m.reason_too_large(),
        StoreError::NotJson => m.reason_not_json(),
        StoreError::NotOurs => m.reason_not_ours(),
        StoreError::Newer { .. } => m.reason_newer(),
        StoreError::Invalid(_) => m.reason_invalid(),
    }
}

fn elsewhere_text(m: &Messages, e: &Elsewhere) -> String {
    match e {
        Elsewhere::Changed => m.elsewhere_changed().to_string(),
        Elsewhere::Deleted { title, .. } => fill(m.elsewhere_deleted(), &[("title", title)]),
        Elsewhere::List => m.elsewhere_list().to_string(),
    }
}

/// Where focus goes after a deletion: the card and its button are gone.
const UNDO_ID: &str = "undo-delete";

/// Storage warnings. A live region, so a screen reader hears a failed save
/// when it happens.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    let m = use_messages();
    let deleted = matches!(props.flash, Some(Flash::Deleted(_)));
    use_effect_with(deleted, |deleted| {
        if *deleted {
            browser::focus(UNDO_ID);
        }
    });
    let undo = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Intent::UndoDelete);
            // The button goes away; the view's heading keeps the user's place.
            browser::focus(super::VIEW_TITLE_ID);
        })
    };
    let memory = props.status.memory_only.as_ref().map(|r| match r {
        MemoryReason::Unavailable => m.storage_unavailable(),
        MemoryReason::NewerVersion { .. } => m.storage_newer(),
        MemoryReason::CouldNotSetAside => m.storage_could_not_set_aside(),
        MemoryReason::CouldNotMigrate => m.storage_could_not_migrate(),
    });
    let can_save = props.status.memory_only.is_none();
    let reminder = props.reminder.map(|r| match r {
        Reminder::NeverCopied => m.backup_reminder_never().to_string(),
        Reminder::CopyIsOld { copied_ms } => fill(
            m.backup_reminder_old(),
            &[("date", &m.date(&browser::iso_date_of(copied_ms)))],
        ),
    });
    let update_text = match (props.update, props.forms_open) {
        (Update::Requested, true) => m.update_wait_forms(),
        (_, true) => m.update_ready_open_form(),
        _ => m.update_ready(),
    };
    let write = match props.status.last_write {
        WriteOutcome::Saved => None,
        WriteOutcome::Full => Some(m.storage_full()),
        WriteOutcome::Failed => Some(m.storage_failed()),
    };
    html! {
        <div class="notices wrap" role="status" aria-live="polite">
            if props.update != Update::None {
                <p class="notice info" data-notice="update">
                    { update_text }{" "}
                    <button type="button" class="button primary small-button"
                        onclick={props.on_action.reform(|_| Intent::RequestReload)}>{ m.update_reload() }</button>
                </p>
            }
            if let Some(code) = props.lang_unavailable {
                <p class="notice warning" data-notice="language">
                    { fill(m.lang_unavailable(), &[("name", crate::i18n::LANGUAGES.iter().find(|(c, _)| *c == code).map_or(code, |(_, n)| *n))]) }
                </p>
            }
            if let Some(e) = props.elsewhere.as_ref().filter(|e| !matches!(e, Elsewhere::Deleted { dismissed: true, .. })) {
                <p class="notice info" data-notice="elsewhere">
                    { elsewhere_text(m, e) }{" "}
                    if matches!(e, Elsewhere::Deleted { .. }) {
                        <button type="button" class="button primary small-button" onclick={undo.clone()}>{ m.undo() }</button>{" "}
                    }
                    <button type="button" class="button subtle small-button" onclick={props.on_action.reform(|_| Intent::DismissElsewhere)}>{ m.dismiss() }</button>
                </p>
            }
            if let Some(flash) = &props.flash {
                <p class={classes!("notice", if matches!(flash, Flash::ImportFailed { .. }) { "warning" } else { "info" })} data-notice="flash">
                    { flash_text(m, flash) }{" "}
                    if matches!(flash, Flash::Deleted(_)) {
                        <button type="button" id={UNDO_ID} class="button primary small-button" onclick={undo}>{ m.undo() }</button>{" "}
                    }
                    <button type="button" class="button subtle small-button" onclick={props.on_action.reform(|_| Intent::DismissFlash)}>{ m.dismiss() }</button>
                </p>
            }
            if props.descriptors_notice {
                <p class="notice info" data-notice="descriptors">
                    { m.descriptors_notice() }{" "}
                    <button type="button" class="button subtle small-button" onclick={props.on_action.reform(|_| Intent::DismissDescriptorsNotice)}>{ m.descriptors_notice_ok() }</button>
                </p>
            }
            if props.saved > 0 && write.is_none() && memory.is_none() {
                // Re-created on each save, so assistive technology hears it each time.
                <p class="visually-hidden" key={props.saved}>{ m.saved_status() }</p>
            }
            if let Some(text) = memory {
                <div class="notice warning" data-notice="memory-only">
                    <p>{ text }</p>
                    // What is on screen exists only here now: offer to keep it.
                    if !props.assessments.is_empty() {
                        <p class="actions"><DownloadAll assessments={props.assessments.clone()} on_action={props.on_action.clone()} /></p>
                    }
                </div>
            }
            if let Some(text) = write {
                <div class="notice warning" data-notice="write-failed">
                    <p>{ text }</p>
                    // What could not be written is held only in this tab:
                    // the file keeps it when the tab goes.
                    if !props.assessments.is_empty() {
                        <p class="actions"><DownloadAll assessments={props.assessments.clone()} on_action={props.on_action.clone()} /></p>
                    }
                </div>
            }
            if props.space_low && can_save && write.is_none() && !props.assessments.is_empty() {
                <div class="notice warning" data-notice="space-low">
                    <p>{ m.space_low() }</p>
                    <p class="actions"><DownloadAll assessments={props.assessments.clone()} on_action={props.on_action.clone()} /></p>
                </div>
            }
            if let Some(text) = reminder {
                <div class="notice info" data-notice="backup-reminder">
                    <p>{ text }</p>
                    <p class="actions">
                        <DownloadAll assessments={props.assessments.clone()} on_action={props.on_action.clone()} />
                        <button type="button" class="button subtle" onclick={props.on_action.reform(|_| Intent::DismissBackupReminder)}>{ m.backup_not_now() }</button>
                    </p>
                </div>
            }
            { for props.status.set_aside.iter().enumerate().map(|(i, s)| html! {
                <SetAsideNotice key={i} index={i} item={s.clone()} on_action={props.on_action.clone()} on_remove={props.on_remove.clone()} />
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SetAsideProps {
    index: usize,
    item: SetAside,
    on_action: Callback<Intent>,
    on_remove: Callback<usize>,
}

#[component]
fn SetAsideNotice(props: &SetAsideProps) -> Html {
    let m = use_messages();
    let confirming = use_state(|| false);
    let download_failed = use_state(|| false);
    let item = &props.item;
    let download = {
        let raw = item.raw.clone();
        let name = format!(
            "unreadable-assessments-{}.json",
            item.key
                .as_deref()
                .and_then(|k| k.rsplit('.').next())
                .unwrap_or("copy")
        );
        let download_failed = download_failed.clone();
        Callback::from(move |_| {
            download_failed.set(browser::download(&name, "application/json", &raw).is_err())
        })
    };
    let index = props.index;
    let dismiss = props
        .on_action
        .reform(move |_| Intent::ForgetSetAside { index });
    let remove = props.on_remove.reform(move |_| index);
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(!*confirming))
    };
    let headline = if item.skipped > 0 {
        let mut text = m.count(m.set_aside_partly_n(), item.skipped);
        if item.shortened > 0 {
            text.push(' ');
            text.push_str(&m.count(m.set_aside_shortened_n(), item.shortened));
        }
        text
    } else if item.shortened > 0 {
        m.count(m.set_aside_shortened_n(), item.shortened)
    } else {
        fill(
            m.set_aside_intro(),
            &[("reason", reason_text(m, &item.reason))],
        )
    };
    let is_newer = matches!(item.reason, StoreError::Newer { .. });
    html! {
        <div class="notice warning" data-notice="set-aside">
            if !is_newer { <p>{ headline }</p> }
            if !is_newer { <p>{ if item.key.is_some() { m.set_aside_kept() } else { m.set_aside_memory() } }</p> }
            <p class="actions">
                <button type="button" class="button" onclick={download}>{ m.set_aside_download() }</button>
                if item.key.is_some() {
                    <button type="button" class="button subtle" onclick={ask.clone()} aria-expanded={(*confirming).to_string()}>{ m.set_aside_delete() }</button>
                } else if !is_newer {
                    <button type="button" class="button subtle" onclick={dismiss}>{ m.set_aside_dismiss() }</button>
                }
            </p>
            if *download_failed { <p role="alert">{ m.download_failed() }</p> }
            if *confirming {
                <p class="confirm">
                    { m.set_aside_delete_confirm() }{" "}
                    <button type="button" class="button danger" onclick={remove}>{ m.delete_yes() }</button>
                    <button type="button" class="button subtle" onclick={ask}>{ m.cancel() }</button>
                </p>
            }
        </div>
    }
}
