//! Which views an entry point carries. Each web page of the app is its own
//! wasm: `index.html` carries what a first visit needs (the list of
//! assessments, importing, and the form that starts one); `report.html`
//! rating, results, results that arrive in a link, and about the model;
//! `plan.html` the planning and comparison views and the guides, loaded
//! only when someone opens one; `region.html` the regional view, for those
//! who look at many places; the single-file offline edition carries all of
//! them. A page's `App` is
//! generic over its `Views`, so the compiler leaves out every view a page
//! does not carry. Which page carries a route is said once, by
//! `Route::page`; a page names the pages it stands for (`PAGES`), and a
//! route of another page is handed over to it (`ui::app::Leaving`).

use super::about::About;
use super::assess::Assess;
use super::compare::{CompareView, ProgressView};
use super::details_form::{DetailsForm, FormMode};
use super::embed::{EmbedCard, RegionCard};
use super::guide::Guide;
use super::home::Home;
use super::merge::MergeView;
use super::plan::PlanView;
use super::region::{PublishOne, RegionView};
use super::results::Results;
use super::shared::Shared;
use super::Missing;
use crate::domain::formats::share;
use crate::domain::model::assessment::{Details, Subject};
use crate::domain::model::compare::history;
use crate::domain::model::rubric::builtin;
use crate::domain::route::{Page, Route};
use crate::state::{AppState, Intent};
use yew::prelude::*;

/// The views an entry point carries: what each of its routes shows, or
/// `None` for a route it does not carry.
pub trait Views: 'static {
    /// The pages (`Route::page`) whose routes this entry point shows. A
    /// route of one of them with no view here is a route not found, never
    /// a handover to this same page (which would reload for ever).
    const PAGES: &'static [Page];
    fn view(state: &AppState, on_action: &Callback<Intent>) -> Option<Html>;
    /// Whether the page paints first without the app, which then takes
    /// over (`platform::takeover`): index.html. The other pages carry none
    /// of that code.
    const TAKES_OVER: bool = false;
    /// Whether the page compares and merges, and so keeps what was opened
    /// for that for the rest of the tab (`domain::storage::tab`).
    const COMPARES: bool = false;
}

/// `index.html`: the first page.
pub struct CoreViews;
/// `report.html`: rating, results, results carried in a link, about.
pub struct ReportViews;
/// `plan.html`: planning and comparison.
pub struct PlanningViews;
/// `region.html`: many places at once.
pub struct RegionViews;
/// The offline edition: everything in one file.
pub struct AllViews;

impl Views for CoreViews {
    const PAGES: &'static [Page] = &[Page::App];
    fn view(state: &AppState, on_action: &Callback<Intent>) -> Option<Html> {
        core(state, on_action.clone())
    }
    const TAKES_OVER: bool = true;
}

impl Views for ReportViews {
    const PAGES: &'static [Page] = &[Page::Report];
    fn view(state: &AppState, on_action: &Callback<Intent>) -> Option<Html> {
        report(state, on_action.clone())
    }
}

impl Views for PlanningViews {
    const PAGES: &'static [Page] = &[Page::Planning];
    fn view(state: &AppState, on_action: &Callback<Intent>) -> Option<Html> {
        planning(state, on_action.clone())
    }
    const COMPARES: bool = true;
}

impl Views for RegionViews {
    const PAGES: &'static [Page] = &[Page::Region];
    fn view(state: &AppState, on_action: &Callback<Intent>) -> Option<Html> {
        region(state, on_action.clone())
    }
}

impl Views for AllViews {
    const PAGES: &'static [Page] = &[
        Page::App,
        Page::Report,
        Page::Reader,
        Page::Planning,
        Page::Card,
        Page::Region,
        Page::RegionCard,
    ];
    fn view(state: &AppState, on_action: &Callback<Intent>) -> Option<Html> {
        core(state, on_action.clone())
            .or_else(|| report(state, on_action.clone()))
            .or_else(|| planning(state, on_action.clone()))
            .or_else(|| region(state, on_action.clone()))
            .or_else(|| match &state.route {
                // On the web, results.html (`ui::reader`).
                Route::Shared { version, payload } => {
                    Some(shared(state, version, payload, on_action.clone()))
                }
                _ => None,
            })
            .or_else(|| card(&state.route))
    }
    const COMPARES: bool = true;
}

fn missing() -> Html {
    html! { <Missing assessment=true /> }
}

fn listed(state: &AppState) -> Vec<std::rc::Rc<crate::domain::model::assessment::Assessment>> {
    state.store.listed().into_iter().cloned().collect()
}

fn core(state: &AppState, on_action: Callback<Intent>) -> Option<Html> {
    Some(match &state.route {
        Route::Home => {
            let flash = state
                .flash
                .clone()
                .filter(|f| super::app::shown_in_view(&state.route, f));
            html! { <Home assessments={listed(state)} backup={state.backup.clone()} keeping={state.keeping} {flash} {on_action} /> }
        }
        Route::New => {
            let initial = Details {
                subject: Subject::City,
                place: String::new(),
                date: state.today.clone(),
                assessor: String::new(),
            };
            html! { <DetailsForm {initial} mode={FormMode::New} {on_action} /> }
        }
        // Deleted meanwhile in another tab: the form stays, with its text,
        // until the user brings the assessment back or leaves.
        Route::Details { id } => match state.store.get(id).or(state.deleted_elsewhere(id)) {
            Some(a) => {
                html! { <DetailsForm initial={a.details()} mode={FormMode::Edit { id: a.id.clone() }} {on_action} /> }
            }
            None => missing(),
        },
        Route::Reassess { id } => match state.store.get(id).or(state.deleted_elsewhere(id)) {
            Some(a) => {
                // Keyed: a form for another assessment starts afresh.
                let initial = Details {
                    date: state.today.clone(),
                    ..a.details()
                };
                let mode = FormMode::Reassess {
                    from: a.id.clone(),
                    title: a.title().to_string(),
                    date: a.date.as_str().to_string(),
                };
                html! { <DetailsForm key={a.id.clone()} {initial} {mode} {on_action} /> }
            }
            None => missing(),
        },
        Route::NotFound => html! { <Missing assessment=false /> },
        _ => return None,
    })
}

fn report(state: &AppState, on_action: Callback<Intent>) -> Option<Html> {
    Some(match &state.route {
        Route::About => html! { <About keeping={state.keeping} /> },
        Route::Step { id, competency } => {
            match (state.store.get(id), builtin().competency(competency)) {
                (Some(a), Some(c)) => {
                    html! { <Assess assessment={a.clone()} competency={c.id.clone()} {on_action} /> }
                }
                (None, _) => missing(),
                (Some(_), None) => html! { <Missing assessment=false /> },
            }
        }
        Route::Results { id } => match state.store.get(id) {
            Some(a) => {
                let earlier = history(state.store.assessments(), a).len() > 1;
                let all = state.store.assessments();
                let first_copy = state
                    .backup
                    .first_copy_prompt(super::home_markup::any_complete(all))
                    .then(|| all.to_vec());
                html! { <Results assessment={a.clone()} {earlier} on_action={Some(on_action)} {first_copy} /> }
            }
            None => missing(),
        },
        // Results from a link, where the reader asked to save a copy
        // (results.html shows them read-only, with no storage).
        Route::Keep { version, payload } => shared(state, version, payload, on_action),
        _ => return None,
    })
}

/// Results from a link, with the way to save a copy of them.
fn shared(state: &AppState, version: &str, payload: &str, on_action: Callback<Intent>) -> Html {
    let decoded = share::decode(version, payload, builtin());
    let same_id = decoded
        .as_ref()
        .ok()
        .and_then(|a| state.store.find_same_content(a))
        .map(|a| a.id.clone());
    let similar = decoded
        .as_ref()
        .ok()
        .and_then(|a| state.store.find_same_subject_and_date(a))
        .cloned();
    let payload = AttrValue::from(payload.to_string());
    html! { <Shared {decoded} {same_id} {similar} {payload} {on_action} /> }
}

fn planning(state: &AppState, on_action: Callback<Intent>) -> Option<Html> {
    Some(match &state.route {
        Route::Plan { id } => match state.store.get(id) {
            Some(a) => html! { <PlanView assessment={a.clone()} {on_action} /> },
            None => missing(),
        },
        Route::Progress { id } => match state.store.get(id) {
            Some(a) => {
                let history: Vec<_> = history(state.store.assessments(), a)
                    .into_iter()
                    .cloned()
                    .collect();
                html! { <ProgressView assessment={a.clone()} {history} {on_action} /> }
            }
            None => missing(),
        },
        Route::Compare => html! {
            <CompareView saved={listed(state)} opened={state.opened.clone()} {on_action} />
        },
        Route::Merge => html! {
            <MergeView saved={listed(state)} opened={state.opened.clone()} {on_action} />
        },
        Route::Guide(page) => html! { <Guide page={*page} /> },
        _ => return None,
    })
}

fn region(state: &AppState, on_action: Callback<Intent>) -> Option<Html> {
    match &state.route {
        Route::Region => Some(html! {
            <RegionView saved={listed(state)} {on_action} />
        }),
        Route::Publish { id } => Some(match state.store.get(id) {
            Some(a) => html! { <PublishOne assessment={a.clone()} /> },
            None => missing(),
        }),
        _ => None,
    }
}

/// The card, for the offline edition (on the web it is its own page).
fn card(route: &Route) -> Option<Html> {
    match route {
        Route::Embed { version, payload } => Some(html! {
            <EmbedCard version={version.clone()} payload={payload.clone()} />
        }),
        Route::RegionCard { version, payload } => Some(html! {
            <RegionCard version={version.clone()} payload={payload.clone()} />
        }),
        _ => None,
    }
}
