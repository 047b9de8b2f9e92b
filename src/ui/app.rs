use super::about::About;
use super::assess::Assess;
use super::compare::{CompareView, ProgressView};
use super::details_form::DetailsForm;
use super::embed::EmbedCard;
use super::guide::Guide;
use super::home::Home;
use super::merge::MergeView;
use super::notices::Notices;
use super::plan::PlanView;
use super::results::Results;
use super::shared::Shared;
use super::{use_messages, VIEW_TITLE_ID};
use crate::domain::assessment::{Details, Subject};
use crate::domain::backup::Backup;
use crate::domain::compare::history;
use crate::domain::route::{GuidePage, Route};
use crate::domain::rubric::builtin;
use crate::domain::share;
use crate::domain::store::{BACKUP_KEY, LANG_KEY, NOTICE_KEY, PERSIST_KEY};
use crate::i18n::{self, Messages, EN};
use crate::platform::browser::{self, WindowListener};
use crate::platform::storage::{read_setting, write_setting, Persistence};
use crate::state::{Action, AppState, Intent, Stamp, SyncReport};
use yew::prelude::*;

const UPDATE_READY: &str = "budmm-update-ready";
const UPDATE_FLAG: &str = "budmmUpdateReady";
/// Heard by static/sw-register.js, which then switches to the new version.
pub const UPDATE_ACCEPT: &str = "budmm-update-accept";

/// Yew's reducer hook over the core's state (the core knows nothing of Yew).
#[derive(PartialEq)]
pub struct Model(std::rc::Rc<AppState>);

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: std::rc::Rc<Self>, action: Action) -> std::rc::Rc<Self> {
        let next = self.0.clone().reduce(action);
        if std::rc::Rc::ptr_eq(&next, &self.0) {
            self
        } else {
            std::rc::Rc::new(Model(next))
        }
    }
}

impl std::ops::Deref for Model {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.0
    }
}

#[component]
pub fn App() -> Html {
    // The embedded card never touches storage, not even to read it.
    let boot = use_memo((), |_| match Route::parse(&browser::current_hash()) {
        Route::Embed { .. } => Persistence::detached(),
        _ => Persistence::open(browser::now_ms()),
    });
    let booted_embedded = matches!(Route::parse(&browser::current_hash()), Route::Embed { .. });
    let state = use_reducer({
        let boot = boot.clone();
        move || {
            let route = Route::parse(&browser::current_hash());
            let embedded = matches!(route, Route::Embed { .. });
            let mut s = AppState::new(route, boot.store.clone(), boot.status.clone());
            s.backup = boot.backup.clone();
            // A remembered choice first, then the browser's languages. The
            // embedded card reads no storage, so it follows the browser.
            let saved = (!embedded).then(|| read_setting(LANG_KEY)).flatten();
            let preferred = browser::preferred_languages();
            s.lang = i18n::negotiate(saved.iter().chain(&preferred).map(String::as_str)).lang;
            s.descriptors_notice_seen = embedded || read_setting(NOTICE_KEY).is_some();
            Model(std::rc::Rc::new(s))
        }
    });
    let messages: &'static Messages = i18n::for_tag(state.lang).unwrap_or(&EN);
    let embedded = matches!(state.route, Route::Embed { .. });

    {
        // Only a choice the user made is remembered; the first render just
        // follows the browser.
        let first = use_mut_ref(|| true);
        use_effect_with(state.lang, move |lang| {
            browser::set_document_lang(lang);
            if !std::mem::replace(&mut *first.borrow_mut(), false) && !embedded {
                write_setting(LANG_KEY, lang);
            }
        });
    }
    use_effect_with(state.descriptors_notice_seen, move |seen| {
        if *seen && !embedded {
            write_setting(NOTICE_KEY, "1");
        }
    });

    {
        let dispatcher = state.dispatcher();
        let boot = boot.clone();
        use_effect_with((), move |_| {
            let navigate = dispatcher.clone();
            let hash = WindowListener::new("hashchange", move || {
                let route = Route::parse(&browser::current_hash());
                // The card runs without storage; the app must not. Leaving
                // the card's view starts the app afresh, with its storage.
                if booted_embedded && !matches!(route, Route::Embed { .. }) {
                    browser::reload();
                    return;
                }
                navigate.dispatch(stamp(Intent::Navigate(route)))
            });
            // Another tab wrote: merge what it wrote into this tab's state.
            let heard = dispatcher.clone();
            let storage = browser::StorageListener::new(move |key, value| {
                if let Some(action) =
                    boot.persistence
                        .heard(key.as_deref(), value.as_deref(), browser::now_ms())
                {
                    heard.dispatch(action);
                }
            });
            // static/sw-register.js announces a waiting new version; it may
            // have done so before the app started, hence the flag too.
            let ready = move || dispatcher.dispatch(Action::UpdateReady);
            if browser::window_flag(UPDATE_FLAG) {
                ready();
            }
            let update = WindowListener::new(UPDATE_READY, ready);
            move || drop((hash, storage, update))
        });
    }

    {
        // The reducer can change the view (after creating or deleting); keep
        // the address bar in step, and move focus as a page load would.
        let first = use_mut_ref(|| true);
        let title = view_title(messages, &state);
        use_effect_with((state.route.clone(), title), move |(route, title)| {
            if Route::parse(&browser::current_hash()) != *route {
                browser::set_hash(&route.href());
            }
            browser::set_title(title);
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                browser::focus(VIEW_TITLE_ID);
            }
        });
    }

    {
        // Every change made here is written at once, merged with whatever
        // another tab wrote meanwhile; what storage then holds comes back.
        let boot = boot.clone();
        let state = state.clone();
        use_effect_with(state.revision, move |_| {
            if !state.pending.is_empty() {
                let report = boot
                    .persistence
                    .sync(&state.pending, &state.store, browser::now_ms());
                if report != SyncReport::default() {
                    state.dispatch(Action::Synced(report));
                }
            }
        });
    }

    {
        // The new version loads once the user asked and no form is open.
        let reload = state.reload_now();
        use_effect_with(reload, |reload| {
            if *reload {
                browser::signal(UPDATE_ACCEPT);
            }
        });
    }

    {
        let backup = state.backup.clone();
        use_effect_with(backup, move |backup| {
            if !embedded && *backup != Backup::default() {
                write_setting(BACKUP_KEY, &backup.encode());
            }
        });
    }

    {
        // Ask the browser to keep this site's data once there is data to
        // keep; and check the space left whenever assessments come or go.
        let count = state.store.len();
        let boot = boot.clone();
        let dispatcher = state.dispatcher();
        use_effect_with(count, move |count| {
            if *count > 0 && !embedded && read_setting(PERSIST_KEY).is_none() {
                browser::request_persistence(|answer| write_setting(PERSIST_KEY, answer));
            }
            if !embedded {
                let local = boot.persistence.fill_ratio();
                browser::storage_estimate(move |browser_ratio| {
                    let low = [local, browser_ratio]
                        .into_iter()
                        .flatten()
                        .any(|r| r > SPACE_LOW_RATIO);
                    dispatcher.dispatch(Action::SpaceLow(low));
                });
            }
        });
    }

    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |i: Intent| dispatcher.dispatch(stamp(i)))
    };
    let on_remove_set_aside = {
        let boot = boot.clone();
        let state = state.clone();
        Callback::from(move |index: usize| {
            if let Some(key) = state
                .storage
                .set_aside
                .get(index)
                .and_then(|s| s.key.clone())
            {
                boot.persistence.remove(&key);
            }
            state.dispatch(stamp(Intent::ForgetSetAside { index }));
        })
    };
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        browser::focus("main");
    });

    if let Route::Embed { version, payload } = &state.route {
        return html! {
            <ContextProvider<&'static Messages> context={messages}>
                <EmbedCard version={version.clone()} payload={payload.clone()} />
            </ContextProvider<&'static Messages>>
        };
    }

    let reminder = matches!(state.route, Route::Home | Route::Results { .. })
        .then(|| {
            state
                .backup
                .reminder(browser::now_ms(), !state.store.is_empty())
        })
        .flatten();
    html! {
        <ContextProvider<&'static Messages> context={messages}>
            <a class="skip-link" href="#main" onclick={skip}>{ messages.skip_to_content }</a>
            <header class="site-header">
                <div class="wrap header-row">
                    <a class="brand" href="#/">{ messages.app_name }</a>
                    <LanguagePicker lang={state.lang} on_action={on_action.clone()} />
                    <nav aria-label={messages.nav_label}>
                        <ul class="nav-list">
                            <li><a href="#/" aria-current={(state.route == Route::Home).then_some("page")}>{ messages.nav_assessments }</a></li>
                            <li><a href="#/compare" aria-current={(state.route == Route::Compare).then_some("page")}>{ messages.nav_compare }</a></li>
                            <li><a href="#/merge" aria-current={(state.route == Route::Merge).then_some("page")}>{ messages.nav_merge }</a></li>
                            <li><a href="#/about" aria-current={(state.route == Route::About).then_some("page")}>{ messages.nav_about }</a></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <Notices status={state.storage.clone()} flash={state.flash.clone()} update={state.update}
                forms_open={!state.open_forms.is_empty()} elsewhere={state.elsewhere.clone()}
                space_low={state.space_low} {reminder} assessments={state.store.assessments().to_vec()}
                descriptors_notice={messages.lang != EN.lang && !state.descriptors_notice_seen && crate::domain::translation::for_language(messages.lang).is_none()}
                saved={state.revision} on_action={on_action.clone()} on_remove={on_remove_set_aside} />
            <main id="main" tabindex="-1" class="wrap" data-view={rendered_view(&state)}>
                { view(&state, on_action) }
            </main>
            <footer class="site-footer">
                <div class="wrap">
                    <p>{ messages.footer_source }</p>
                    <p>{ messages.footer_licence }</p>
                    <p>{ messages.footer_privacy }</p>
                </div>
            </footer>
        </ContextProvider<&'static Messages>>
    }
}

/// Above this share of a storage quota in use, the user is told before a
/// write fails.
const SPACE_LOW_RATIO: f64 = 0.9;

/// The edge where an intent meets the world: the time, today's date, and
/// the fresh ids it needs, read once, here.
fn stamp(intent: Intent) -> Action {
    let fresh = (0..intent.ids_needed())
        .map(|_| browser::new_id())
        .collect();
    Action::Do(
        intent,
        Stamp {
            now_ms: browser::now_ms(),
            today: browser::today_iso(),
            fresh,
        },
    )
}

fn view_title(m: &Messages, state: &AppState) -> String {
    let view = match &state.route {
        Route::Home => return m.app_name.to_string(),
        Route::New => m.new_title,
        Route::About => m.about_title,
        Route::Compare => m.compare_title,
        Route::Merge => m.merge_title,
        Route::Guide(GuidePage::Process) => m.guide_process_title,
        Route::Guide(GuidePage::Institutions) => m.guide_institutions_title,
        Route::NotFound => m.not_found_title,
        Route::Shared { .. } | Route::Embed { .. } => m.shared_banner_title,
        _ => match state.current() {
            Some(a) => a.title(),
            None => m.missing_assessment_title,
        },
    };
    format!("{view} – {}", m.app_name)
}

/// The name of what `view` shows: the route's view, or "missing" when the
/// assessment it names is not on this device.
fn rendered_view(state: &AppState) -> &'static str {
    match (state.route.assessment_id(), &state.route) {
        (Some(_), _) if state.current().is_none() => "missing",
        (_, Route::Step { competency, .. }) if builtin().competency(competency).is_none() => {
            "not-found"
        }
        (_, route) => route.view_name(),
    }
}

fn view(state: &AppState, on_action: Callback<Intent>) -> Html {
    let missing = || html! { <Missing assessment=true /> };
    match &state.route {
        Route::Home => {
            html! { <Home assessments={state.store.listed().into_iter().cloned().collect::<Vec<_>>()} backup={state.backup.clone()} {on_action} /> }
        }
        Route::New => {
            let initial = Details {
                subject: Subject::City,
                place: String::new(),
                date: browser::today_iso(),
                assessor: String::new(),
            };
            html! { <DetailsForm {initial} existing_id={None::<String>} {on_action} /> }
        }
        Route::About => html! { <About /> },
        Route::Details { id } => match state.store.get(id) {
            Some(a) => {
                html! { <DetailsForm initial={a.details()} existing_id={Some(a.id.clone())} {on_action} /> }
            }
            None => missing(),
        },
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
                html! { <Results assessment={a.clone()} {earlier} on_action={Some(on_action)} /> }
            }
            None => missing(),
        },
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
            <CompareView saved={state.store.listed().into_iter().cloned().collect::<Vec<_>>()} opened={state.opened.clone()} {on_action} />
        },
        Route::Merge => html! {
            <MergeView saved={state.store.listed().into_iter().cloned().collect::<Vec<_>>()} opened={state.opened.clone()} {on_action} />
        },
        Route::Guide(page) => html! { <Guide page={*page} /> },
        Route::Shared { version, payload } => {
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
            html! { <Shared {decoded} {same_id} {similar} {on_action} /> }
        }
        // Rendered by App itself, without the app's chrome.
        Route::Embed { .. } | Route::NotFound => html! { <Missing assessment=false /> },
    }
}

#[derive(Properties, PartialEq)]
struct MissingProps {
    assessment: bool,
}

#[component]
fn Missing(props: &MissingProps) -> Html {
    let m = use_messages();
    let (title, text) = if props.assessment {
        (m.missing_assessment_title, m.missing_assessment_text)
    } else {
        (m.not_found_title, m.not_found_text)
    };
    html! {
        <section class="panel">
            <h1 id={VIEW_TITLE_ID} tabindex="-1">{ title }</h1>
            <p>{ text }</p>
            <p><a class="button" href="#/">{ m.back_home }</a></p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LanguagePickerProps {
    lang: &'static str,
    on_action: Callback<Intent>,
}

/// Every language, each named in itself; on every view, in the header.
#[component]
fn LanguagePicker(props: &LanguagePickerProps) -> Html {
    let m = use_messages();
    let onchange = props.on_action.reform(|e: Event| {
        let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
        Intent::SetLanguage(select.value())
    });
    html! {
        <p class="lang-picker">
            <label for="lang-select">{ m.lang_label }</label>
            <select id="lang-select" {onchange}>
                { for i18n::CATALOGS.iter().map(|c| html! {
                    <option value={c.lang} lang={c.lang} selected={c.lang == props.lang}>{ c.lang_name }</option>
                }) }
            </select>
        </p>
    }
}
