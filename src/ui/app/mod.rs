mod hooks;

use super::notices::Notices;
use super::views::Views;
use super::{use_messages, VIEW_TITLE_ID};
use crate::domain::model::rubric::builtin;
use crate::domain::route::{GuidePage, Route};
use crate::domain::storage::store::LANG_KEY;
use crate::i18n::{self, fill, Messages, EN};
use crate::platform::browser;
use crate::platform::storage::{self, read_setting, Persistence};
use crate::platform::{catalogs, takeover};
use crate::state::{Action, AppState, Flash, Intent, Journal, Stamp};
use std::marker::PhantomData;
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

/// The language to start in: a remembered choice first, then the browser's.
pub fn preferred_language() -> &'static str {
    let saved = read_setting(LANG_KEY);
    let preferred = browser::preferred_languages();
    i18n::negotiate(saved.iter().chain(&preferred).map(String::as_str))
}

/// Starts an entry point: fetches the user's language first when it is not
/// compiled in (the loading message, in that language, stays until then),
/// then renders the app with the views `V` this page carries.
pub fn start<V: Views>() {
    wasm_bindgen_futures::spawn_local(async {
        let wanted = preferred_language();
        let (lang, unavailable) = match catalogs::load(wanted).await {
            Ok(m) => (m.lang, None),
            Err(_) => (EN.lang, Some(wanted)),
        };
        let arrived = browser::remove_boot_message();
        yew::Renderer::<App<V>>::with_props(AppProps {
            lang,
            unavailable,
            arrived,
            views: PhantomData,
        })
        .render();
    });
}

/// The same for index.html's app, which comes after the page's first paint
/// (`ui::first_paint`): it renders beside it, then takes the page over
/// (`takeover::finish`, in its first effect). Without a first paint (another
/// view, or storage that needs the app's decisions), as `start`.
pub fn start_after_first_paint<V: Views>() {
    wasm_bindgen_futures::spawn_local(async {
        let wanted = preferred_language();
        let (lang, unavailable) = match catalogs::load_shared(wanted).await {
            Ok(m) => (m.lang, None),
            Err(_) => (EN.lang, Some(wanted)),
        };
        let root = takeover::app_root();
        let arrived = match root {
            // The first paint hid the loading message and kept it for
            // sw-register.js; the app runs, so it goes.
            Some(_) => {
                browser::remove_boot_message();
                takeover::navigated()
            }
            None => browser::remove_boot_message(),
        };
        let props = AppProps {
            lang,
            unavailable,
            arrived,
            views: PhantomData,
        };
        match root {
            Some(root) => yew::Renderer::<App<V>>::with_root_and_props(root, props).render(),
            None => yew::Renderer::<App<V>>::with_props(props).render(),
        };
    });
}

#[derive(Properties)]
pub struct AppProps<V: Views> {
    /// The language to show, its catalog loaded.
    pub lang: &'static str,
    /// The language the user prefers, when it could not be loaded.
    pub unavailable: Option<&'static str>,
    /// Sent here from another page of the app: the first view gets focus,
    /// as after any navigation within a page.
    pub arrived: bool,
    pub views: PhantomData<V>,
}

impl<V: Views> PartialEq for AppProps<V> {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.unavailable == other.unavailable
            && self.arrived == other.arrived
    }
}

#[component]
pub fn App<V: Views>(props: &AppProps<V>) -> Html {
    // The card (in the offline edition, or an old snippet's address on its
    // way to embed.html) leaves storage alone, its host's and its own.
    let detached = matches!(Route::parse(&browser::current_hash()), Route::Embed { .. });
    let boot = use_memo((), move |_| {
        if detached {
            Persistence::detached()
        } else {
            storage::open(browser::now_ms())
        }
    });
    let state = hooks::use_model::<V>(boot.clone(), props.lang, props.unavailable, detached);
    let messages: &'static Messages = catalogs::get(state.lang).unwrap_or(&EN);
    hooks::use_remembered_choices(state.lang, state.descriptors_notice_seen);
    hooks::use_outside_world(state.dispatcher(), boot.clone(), detached);
    hooks::use_address(
        state.route.clone(),
        view_title(messages, &state),
        props.arrived,
    );
    hooks::use_saving(boot.clone(), state.clone());
    hooks::use_backup_record(state.backup.clone());
    hooks::use_storage_health(state.store.len(), boot.clone(), state.dispatcher());

    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |i: Intent| dispatcher.dispatch(stamp(i)))
    };
    // `None`: another page carries this route, and takes over.
    let body = V::PAGES.contains(&state.route.page()).then(|| {
        V::view(&state, &on_action).unwrap_or_else(|| html! { <super::Missing assessment=false /> })
    });
    hooks::use_update_reload(state.reload_now() && body.is_some());
    hooks::use_journal(if detached {
        Journal::Keep
    } else {
        state.journal()
    });
    hooks::use_leave_guard(!detached && state.held_only_here() > 0);
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

    let reminder = matches!(state.route, Route::Home | Route::Results { .. })
        .then(|| {
            state.backup.reminder(
                browser::now_ms(),
                !state.store.is_empty(),
                super::home_markup::any_complete(state.store.assessments()),
                state.keeping,
            )
        })
        .flatten();
    html! {
        <ContextProvider<&'static Messages> context={messages}>
            // Only index.html's app has it (other pages carry none of it).
            if V::TAKES_OVER { <TakeOver /> }
            <a class="skip-link" href="#main" onclick={skip}>{ messages.skip_to_content() }</a>
            <header class="site-header">
                <div class="wrap header-row">
                    <a class="brand" href="#/">{ messages.app_name() }</a>
                    <LanguagePicker lang={state.lang} dispatcher={state.dispatcher()} />
                    // Plain markup: the same on every page, and lighter than components.
                    { Html::from_html_unchecked(AttrValue::from(nav_html(messages, &state.route))) }
                </div>
            </header>
            <Notices status={state.storage.clone()} flash={state.flash.clone().filter(|f| !shown_in_view(&state.route, f))} update={state.update}
                forms_open={!state.open_forms.is_empty()} elsewhere={state.elsewhere.clone()}
                space_low={state.space_low} {reminder} lang_unavailable={state.lang_unavailable} assessments={state.store.assessments().to_vec()}
                descriptors_notice={messages.lang != EN.lang && !state.descriptors_notice_seen && crate::domain::model::translation::for_language(messages.lang).is_none()}
                saved={state.revision} on_action={on_action.clone()} on_remove={on_remove_set_aside} />
            <main id="main" tabindex="-1" class="wrap" data-view={if body.is_some() { rendered_view(&state) } else { "leaving" }}>
                { body.unwrap_or_else(|| html! {
                    <Leaving route={state.route.clone()} heading={view_heading(messages, &state)}
                        carry={state.carry(&state.route.href()).map(AttrValue::from)} />
                }) }
            </main>
            { Html::from_html_unchecked(AttrValue::from(super::reader::footer(messages))) }
        </ContextProvider<&'static Messages>>
    }
}

/// Renders nothing: once the app is drawn (its effect runs before the
/// shell's, which move focus), the app takes the page over from index.html's
/// first paint (`takeover::finish`).
#[component]
fn TakeOver() -> Html {
    use_effect_with((), |_| takeover::finish());
    Html::default()
}

/// A message the view shows itself, beside what it is about, rather than
/// at the top: on Home, what an import did, by the import box.
pub fn shown_in_view(route: &Route, flash: &Flash) -> bool {
    *route == Route::Home && matches!(flash, Flash::Imported(_) | Flash::ImportFailed { .. })
}

/// The site's navigation, the current view marked.
pub fn nav_html(m: &Messages, route: &Route) -> String {
    use crate::domain::markup::embed::escape_attr as e;
    let mut out = format!(
        "<nav aria-label=\"{}\"><ul class=\"nav-list\">",
        e(m.nav_label())
    );
    for (to, text) in [
        (Route::Home, m.nav_assessments()),
        (Route::Compare, m.nav_compare()),
        (Route::Merge, m.nav_merge()),
        (Route::Region, m.nav_region()),
        (Route::About, m.nav_about()),
    ] {
        out.push_str(&format!(
            "<li><a href=\"{}\"{}>{}</a></li>",
            to.href(),
            if *route == to {
                " aria-current=\"page\""
            } else {
                ""
            },
            e(text)
        ));
    }
    out.push_str("</ul></nav>");
    out
}

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
        Route::Home => return m.app_name().to_string(),
        Route::New => m.new_title(),
        Route::About => m.about_title(),
        Route::Compare => m.compare_title(),
        Route::Merge => m.merge_title(),
        Route::Region => m.region_title(),
        Route::Guide(GuidePage::Process) => m.guide_process_title(),
        Route::Guide(GuidePage::Institutions) => m.guide_institutions_title(),
        Route::NotFound => m.not_found_title(),
        Route::Shared { .. }
        | Route::Keep { .. }
        | Route::Embed { .. }
        | Route::RegionCard { .. } => m.shared_banner_title(),
        _ => match state.current() {
            Some(a) => a.title(),
            None => m.missing_assessment_title(),
        },
    };
    format!("{view} – {}", m.app_name())
}

/// The heading of a view another page carries, shown while that page loads.
fn view_heading(m: &Messages, state: &AppState) -> String {
    let title = state.current().map(|a| a.title()).unwrap_or_default();
    match &state.route {
        Route::Plan { .. } => fill(m.plan_title(), &[("title", title)]),
        Route::Progress { .. } => fill(m.progress_title(), &[("title", title)]),
        Route::Publish { .. } => fill(m.publish_title(), &[("title", title)]),
        Route::Compare => m.compare_title().to_string(),
        Route::Merge => m.merge_title().to_string(),
        Route::Region => m.region_title().to_string(),
        Route::Guide(GuidePage::Process) => m.guide_process_title().to_string(),
        Route::Guide(GuidePage::Institutions) => m.guide_institutions_title().to_string(),
        Route::Embed { .. }
        | Route::Shared { .. }
        | Route::Keep { .. }
        | Route::RegionCard { .. } => m.shared_banner_title().to_string(),
        _ => m.app_name().to_string(),
    }
}

#[derive(Properties, PartialEq)]
struct LeavingProps {
    route: Route,
    heading: String,
    /// Changes not yet saved (storage full, refused or stopped), for the
    /// next page to take over.
    carry: Option<AttrValue>,
}

/// A view this page does not carry: its heading and a loading line, while
/// the page that carries it loads (in place of this one in the history, so
/// Back returns to where the user was).
#[component]
fn Leaving(props: &LeavingProps) -> Html {
    let m = use_messages();
    use_effect_with(
        (
            props.route.clone(),
            props.heading.clone(),
            m.lang,
            props.carry.clone(),
        ),
        |(route, heading, lang, carry)| {
            browser::go_to_page(
                &format!("{}{}", route.page().file(), route.href()),
                heading,
                lang,
                carry.as_deref(),
            );
        },
    );
    html! {
        <section class="panel">
            <h1 id={VIEW_TITLE_ID} tabindex="-1">{ &props.heading }</h1>
            <p role="status">{ m.boot_loading() }</p>
        </section>
    }
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

#[derive(Properties, PartialEq)]
struct LanguagePickerProps {
    lang: &'static str,
    dispatcher: UseReducerDispatcher<Model>,
}

/// Every language, each named in itself; on every view, in the header. A
/// language not yet here is fetched first; if that fails (offline, never
/// fetched), the app stays in the current one and says so.
#[component]
fn LanguagePicker(props: &LanguagePickerProps) -> Html {
    let m = use_messages();
    let onchange = {
        let (dispatcher, current) = (props.dispatcher.clone(), props.lang);
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
            let Some(code) = i18n::language_of(&select.value()) else {
                return;
            };
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match catalogs::load(code).await {
                    Ok(_) => dispatcher.dispatch(stamp(Intent::SetLanguage(code.to_string()))),
                    Err(_) => {
                        // The list shows the language still in use.
                        select.set_value(current);
                        dispatcher.dispatch(Action::LanguageUnavailable(code));
                    }
                }
            });
        })
    };
    html! {
        <p class="lang-picker">
            <label for="lang-select">{ m.lang_label() }</label>
            <select id="lang-select" {onchange}>
                { for i18n::LANGUAGES.iter().map(|(code, name)| html! {
                    <option value={*code} lang={*code} selected={*code == props.lang}>{ *name }</option>
                }) }
            </select>
        </p>
    }
}
