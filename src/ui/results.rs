use super::backup::download_full_copy;
use super::home_markup;
use super::reader;
use super::share_panel::SharePanel;
use super::{meta, use_messages, VIEW_TITLE_ID};
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::builtin;
use crate::domain::model::scoring::Profile;
use crate::domain::route::{Page, Route};
use crate::i18n::fill;
use crate::platform::browser;
use crate::state::Intent;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub assessment: Assessment,
    /// Opened from a link: read-only, no editing or sharing controls.
    #[prop_or_default]
    pub shared: bool,
    /// Other assessments of the same subject exist: offer progress over time.
    #[prop_or_default]
    pub earlier: bool,
    #[prop_or_default]
    pub on_action: Option<Callback<Intent>>,
    /// Ask for a first full copy (`Backup::first_copy_prompt`): everything
    /// it copies.
    #[prop_or_default]
    pub first_copy: Option<Vec<Rc<Assessment>>>,
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let m = use_messages();
    let rubric = builtin();
    let a = &props.assessment;
    let profile = Profile::of(rubric, a);
    let print = Callback::from(|_: MouseEvent| browser::print());
    let copy_failed = use_state(|| false);
    let first_copy = {
        let (all, on_action, failed) = (
            props.first_copy.clone().unwrap_or_default(),
            props.on_action.clone(),
            copy_failed.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            let Some(on_action) = &on_action else { return };
            let action = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.closest("[data-action]").ok().flatten())
                .and_then(|el| el.get_attribute("data-action"));
            match action.as_deref() {
                Some("download-all") if download_full_copy(m, &all) => {
                    on_action.emit(Intent::BackupDownloaded);
                    browser::focus(VIEW_TITLE_ID);
                }
                Some("download-all") => failed.set(true),
                Some("backup-not-now") => {
                    on_action.emit(Intent::DismissBackupReminder);
                    browser::focus(VIEW_TITLE_ID);
                }
                _ => {}
            }
        })
    };

    html! {
        <article class="results">
            <header>
                <h1 id={VIEW_TITLE_ID} tabindex="-1">{ fill(m.results_title(), &[("title", a.title())]) }</h1>
                { meta(m, a, true) }
                // Where the place stands, on the first screen.
                { Html::from_html_unchecked(AttrValue::from(reader::glance(m, &profile))) }
                // The action bar: sharing and printing within reach at the top.
                <p class="actions no-print">
                    if !props.shared {
                        <a class="button" href={Route::Plan { id: a.id.clone() }.href()}>{ m.action_plan() }</a>
                        if props.earlier {
                            <a class="button" href={Route::Progress { id: a.id.clone() }.href()}>{ m.action_progress() }</a>
                        }
                        <a class="button" href={Route::Reassess { id: a.id.clone() }.href()}>{ m.action_reassess() }</a>
                        <button type="button" class="button primary" onclick={Callback::from(|_: MouseEvent| browser::focus("share-title"))}>{ m.action_share() }</button>
                    }
                    <button type="button" class="button" onclick={print}>{ m.action_print() }</button>
                </p>
                if props.first_copy.is_some() {
                    // The same markup as Home's, its buttons handled here.
                    <div class="notice info backup-prompt no-print" data-notice="backup-prompt" onclick={first_copy}>
                        { Html::from_html_unchecked(AttrValue::from(home_markup::backup_prompt_inner(m, *copy_failed))) }
                    </div>
                }
            </header>
            // The body is the same markup as a link's reader sees
            // (`ui::reader`): one rendering of the results, and a lighter page.
            { Html::from_html_unchecked(AttrValue::from(reader::partial(m, &profile, (!props.shared).then_some(a.id.as_str())))) }
            { Html::from_html_unchecked(AttrValue::from(reader::body(m, a, &profile, (!props.shared).then_some(a.id.as_str())))) }
            if props.shared {
                // The printed report leads back to these results.
                <p class="print-only link-text">{ m.report_link() }{" "}<span>{ reader_address() }</span></p>
            } else {
                <SharePanel assessment={a.clone()} />
            }
            { Html::from_html_unchecked(AttrValue::from(reader::credit(m))) }
        </article>
    }
}

/// The address of the results a link carried, on the reader's page: what
/// the printed copy of a link's results leads back to.
fn reader_address() -> String {
    let route = match Route::parse(&browser::current_hash()) {
        Route::Keep { version, payload } => Route::Shared { version, payload },
        other => other,
    };
    format!(
        "{}{}",
        browser::page_address_of(Page::Reader.file()),
        route.href()
    )
}
