//! Full copies of everything on this device: the download the notices
//! offer (Home's line and the ask for a first copy are
//! `home_markup::backup_block`; the results show the ask too).

use super::use_messages;
use crate::domain::formats::exchange;
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::builtin;
use crate::i18n::{fill, Messages};
use crate::platform::browser;
use crate::state::Intent;
use std::rc::Rc;
use yew::prelude::*;

/// Every assessment of this device in one file, which the import box
/// restores, named in the user's language; false when the browser refused
/// the download.
pub fn download_full_copy(m: &Messages, list: &[Rc<Assessment>]) -> bool {
    let refs: Vec<&Assessment> = list.iter().map(|a| &**a).collect();
    let json = exchange::export_json(&refs, builtin());
    let name = fill(m.full_copy_file(), &[("date", &browser::today_iso())]);
    browser::download(&name, "application/json", &json).is_ok()
}

#[derive(Properties, PartialEq)]
pub struct DownloadAllProps {
    pub assessments: Vec<Rc<Assessment>>,
    pub on_action: Callback<Intent>,
}

/// "Download all as JSON". A download that started is recorded, for the
/// reminder.
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
            let ok = download_full_copy(m, &list);
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
