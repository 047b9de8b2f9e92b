//! Full copies of everything on this device: the download, and the line on
//! Home that says when the last one was made.

use super::use_messages;
use crate::domain::assessment::Assessment;
use crate::domain::backup::Backup;
use crate::domain::exchange;
use crate::domain::rubric::builtin;
use crate::i18n::fill;
use crate::platform::browser;
use crate::state::Intent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DownloadAllProps {
    pub assessments: Vec<Assessment>,
    pub on_action: Callback<Intent>,
}

/// "Download all as JSON": every assessment of this device in one file,
/// which the import box restores. A download that started is recorded, for
/// the reminder.
#[component]
pub fn DownloadAll(props: &DownloadAllProps) -> Html {
    let m = use_messages();
    let failed = use_state(|| false);
    let onclick = {
        let (list, on_action, failed) = (
            props.assessments.clone(),
            props.on_action.clone(),
            failed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let refs: Vec<&Assessment> = list.iter().collect();
            let json = exchange::export_json(&refs, builtin());
            let name = format!("assessments-{}.json", browser::today_iso());
            let ok = browser::download(&name, "application/json", &json).is_ok();
            failed.set(!ok);
            if ok {
                on_action.emit(Intent::BackupDownloaded);
            }
        })
    };
    html! {
        <>
            <button type="button" class="button" {onclick}>{ m.export_all() }</button>
            if *failed { <span role="alert">{ m.download_failed() }</span> }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct BackupLineProps {
    pub assessments: Vec<Assessment>,
    pub backup: Backup,
    pub on_action: Callback<Intent>,
}

/// When the last full copy was made here ("never" at first), with the
/// download beside it.
#[component]
pub fn BackupLine(props: &BackupLineProps) -> Html {
    let m = use_messages();
    let text = match props.backup.copied_ms {
        Some(ms) => fill(
            m.backup_last(),
            &[("date", &m.date(&browser::iso_date_of(ms)))],
        ),
        None => m.backup_never().to_string(),
    };
    html! {
        <p class="actions backup-line" data-backup={props.backup.copied_ms.map_or("never".to_string(), browser::iso_date_of)}>
            <span>{ text }</span>{" "}
            <DownloadAll assessments={props.assessments.clone()} on_action={props.on_action.clone()} />
        </p>
    }
}
