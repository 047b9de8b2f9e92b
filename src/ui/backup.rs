//! Full copies of everything on this device: the download the notices
//! offer (Home's line is `home_markup::backup_line_inner`).

use super::use_messages;
use crate::domain::assessment::Assessment;
use crate::domain::exchange;
use crate::domain::rubric::builtin;
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
