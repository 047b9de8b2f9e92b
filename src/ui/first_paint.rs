//! index.html's first paint: Home as markup (`home_markup`), read from
//! storage without writing, with no Yew, so that a first visit on a slow
//! line shows the list and "Start a new assessment" as soon as a card
//! would. Then it loads the app, which renders the same markup and takes
//! the page over (`platform::takeover`). Until then links work as links;
//! what needs the app (a button, a form, a file) is noted and done again
//! once it is there. Anything that needs a decision about storage
//! (migrating, setting aside, a newer version) is left to the app.

use super::app::{nav_html, preferred_language};
use super::home_markup::{self, PAGE};
use super::reader::{footer, picker};
use super::VIEW_TITLE_ID;
use crate::domain::markup::embed::escape_attr as e;
use crate::domain::model::compare::subjects_with_history;
use crate::domain::route::{Page, Route};
use crate::domain::storage::backup::{Backup, Keeping};
use crate::domain::storage::store::{Store, LANG_KEY, NOTICE_KEY, PERSIST_KEY};
use crate::i18n::{self, Messages, EN};
use crate::platform::storage::{peek, read_setting, write_setting};
use crate::platform::takeover::{self, FIRST_PAINT_ID, NAVIGATED};
use crate::platform::{browser, catalogs};
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;

thread_local! {
    static SHOWN: Cell<&'static Messages> = const { Cell::new(&EN) };
    static SAVED: RefCell<Option<(Store, Backup)>> = const { RefCell::new(None) };
}

pub fn start() {
    // As the app does first: a window name of ours left by another site
    // is dropped unread (`browser::forget_stray_name`).
    browser::forget_stray_name();
    if Route::parse(&browser::current_hash()) != Route::Home {
        // Another view: the app shows it, as before there was a first paint.
        load_app();
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let m = catalogs::load_shared(preferred_language())
            .await
            .unwrap_or(&EN);
        let Some(saved) = peek(browser::now_ms()) else {
            load_app();
            return;
        };
        let arrived = browser::hide_boot_message();
        SAVED.with(|s| *s.borrow_mut() = Some(saved));
        paint(m);
        if arrived {
            if let Some(root) = takeover::first_paint() {
                let _ = root.set_attribute(NAVIGATED, "");
            }
            browser::focus(VIEW_TITLE_ID);
        }
        listen();
        load_app();
    });
}

/// The app's code, named by the build on `<html data-app>` (its start-up
/// module, scripts/assemble.mjs).
fn load_app() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(src) = document
        .document_element()
        .and_then(|h| h.get_attribute("data-app"))
    else {
        return;
    };
    let Ok(script) = document.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("type", "module");
    let _ = script.set_attribute("src", &src);
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}

fn paint(m: &'static Messages) {
    SHOWN.with(|s| s.set(m));
    browser::set_document_lang(m.lang);
    browser::set_title(m.app_name());
    // What the browser promises about the data, as the app will read it.
    let keeping = browser::keeping(read_setting(PERSIST_KEY).as_deref());
    let main = SAVED.with(|s| match &*s.borrow() {
        Some((store, backup)) => home(m, store, backup, keeping),
        None => String::new(),
    });
    let notices = SAVED.with(|s| match &*s.borrow() {
        Some((store, backup)) => notices(m, store, backup, keeping),
        None => String::new(),
    });
    let html = format!(
        "<a class=\"skip-link\" href=\"#main\">{}</a><header class=\"site-header\"><div class=\"wrap header-row\"><a class=\"brand\" href=\"#/\">{}</a>{}{}</div></header>\
         <div class=\"notices wrap\" role=\"status\" aria-live=\"polite\">{notices}</div>\
         <main id=\"main\" tabindex=\"-1\" class=\"wrap\" data-view=\"home\">{main}</main>{}",
        e(m.skip_to_content()),
        e(m.app_name()),
        picker(m),
        nav_html(m, &Route::Home),
        footer(m),
    );
    if let Some(root) = takeover::first_paint().or_else(|| {
        let document = web_sys::window()?.document()?;
        let root = document.create_element("div").ok()?;
        root.set_id(FIRST_PAINT_ID);
        root.set_class_name("root");
        document.body()?.append_child(&root).ok()?;
        Some(root)
    }) {
        root.set_inner_html(&html);
    }
}

/// The notices the app shows on Home at once, in its order.
fn notices(m: &'static Messages, store: &Store, backup: &Backup, keeping: Keeping) -> String {
    let mut out = String::new();
    if m.lang != EN.lang
        && crate::domain::model::translation::for_language(m.lang).is_none()
        && read_setting(NOTICE_KEY).is_none()
    {
        out.push_str(&format!(
            "<p class=\"notice info\" data-notice=\"descriptors\">{} <button type=\"button\" class=\"button subtle small-button\">{}</button></p>",
            e(m.descriptors_notice()),
            e(m.descriptors_notice_ok())
        ));
    }
    let complete = home_markup::any_complete(store.assessments());
    if let Some(r) = backup.reminder(browser::now_ms(), !store.is_empty(), complete, keeping) {
        out.push_str(&home_markup::reminder(m, r));
    }
    out
}

fn home(m: &'static Messages, store: &Store, backup: &Backup, keeping: Keeping) -> String {
    let list: Vec<_> = store.listed().into_iter().cloned().collect();
    let mut out = home_markup::intro(m);
    if list.is_empty() {
        out.push_str("<div class=\"empty-state\">");
        out.push_str(&home_markup::empty(m));
        out.push_str("</div>");
    } else {
        let prompt = backup.first_copy_prompt(home_markup::any_complete(&list));
        out.push_str(&format!(
            "<div class=\"backup\">{}</div><ul class=\"card-list\">",
            home_markup::backup_block(m, backup, prompt, false, keeping)
        ));
        let with_history = subjects_with_history(&list);
        for (a, earlier) in list.iter().zip(&with_history).take(PAGE) {
            out.push_str("<li>");
            out.push_str(&home_markup::card(m, a, *earlier, false));
            out.push_str("</li>");
        }
        out.push_str("</ul>");
        if list.len() > PAGE {
            out.push_str(&format!(
                "<p class=\"actions\">{}</p>",
                home_markup::more(m, PAGE, list.len())
            ));
        }
        out.push_str(&home_markup::list_links(m));
    }
    out.push_str(&home_markup::open_link(m));
    out.push_str(&home_markup::import_box(m));
    out.push_str(&home_markup::offline(m));
    out
}

/// Until the app takes over (then the first paint is gone and these do
/// nothing): the language list and the skip link work here; buttons,
/// forms and files are noted for the app; leaving Home says it is loading.
fn listen() {
    let mine =
        |el: &web_sys::Element| takeover::first_paint().is_some_and(|r| r.contains(Some(el)));
    browser::on_every_event("click", move |event, el| {
        if !mine(el) {
            return;
        }
        if el.closest(".skip-link").ok().flatten().is_some() {
            event.prevent_default();
            browser::focus("main");
        } else if let Some(button) = el.closest("[data-action=\"restore\"]").ok().flatten() {
            // Opens the file picker now, while the click is the user's:
            // what is picked goes to the app (`takeover`).
            event.prevent_default();
            let input = button
                .owner_document()
                .and_then(|d| d.get_element_by_id("import-file"))
                .and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(input) = input {
                input.click();
            }
        } else if let Some(button) = el.closest("button").ok().flatten() {
            // A submit button is noted by the form's submit event.
            if button.get_attribute("type").as_deref() != Some("submit") {
                event.prevent_default();
                takeover::remember("click", &button);
            }
        }
    });
    browser::on_every_event("submit", move |event, el| {
        if mine(el) {
            event.prevent_default();
            takeover::remember("submit", el);
        }
    });
    browser::on_every_event("change", move |_, el| {
        if !mine(el) {
            return;
        }
        if el.id() == "import-file" {
            takeover::remember("files", el);
        } else if el.id() == "lang-select" {
            let Some(code) = el
                .dyn_ref::<web_sys::HtmlSelectElement>()
                .and_then(|s| i18n::language_of(&s.value()))
            else {
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(m) = catalogs::load_shared(code).await {
                    write_setting(LANG_KEY, m.lang);
                    if takeover::first_paint().is_some() {
                        paint(m);
                    }
                }
                browser::focus("lang-select");
            });
        }
    });
    browser::on_every_event("dragover", move |event, el| {
        if mine(el) && el.closest(".import").ok().flatten().is_some() {
            event.prevent_default();
        }
    });
    browser::on_every_event("drop", move |event, el| {
        if !mine(el) || el.closest(".import").ok().flatten().is_none() {
            return;
        }
        event.prevent_default();
        let files = event
            .dyn_ref::<web_sys::DragEvent>()
            .and_then(|d| d.data_transfer())
            .and_then(|d| d.files());
        let input = takeover::first_paint()
            .and_then(|r| r.query_selector("#import-file").ok().flatten())
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let (Some(files), Some(input)) = (files, input) {
            input.set_files(Some(&files));
            takeover::remember("files", &input);
        }
    });
    std::mem::forget(browser::WindowListener::new("hashchange", || {
        let Some(root) = takeover::first_paint() else {
            return;
        };
        let _ = root.set_attribute(NAVIGATED, "");
        let m = SHOWN.with(Cell::get);
        let route = Route::parse(&browser::current_hash());
        if route == Route::Home {
            paint(m);
            browser::focus(VIEW_TITLE_ID);
        } else if route.page() != Page::App {
            // Another page carries it: there at once, without the app. Its
            // heading meanwhile is the assessment's title, when it names one.
            let heading = SAVED.with(|s| {
                s.borrow()
                    .as_ref()
                    .and_then(|(store, _)| store.get(route.assessment_id()?))
                    .map(|a| a.title().to_string())
            });
            browser::go_to_page(
                &format!("{}{}", route.page().file(), route.href()),
                &heading.unwrap_or_else(|| m.app_name().to_string()),
                m.lang,
                None,
            );
        } else if let Ok(Some(main)) = root.query_selector("main") {
            // The app is on its way and shows the view when it comes.
            main.set_inner_html(&format!(
                "<p class=\"boot\" role=\"status\">{}</p>",
                e(m.boot_loading())
            ));
            let _ = main.set_attribute("data-view", "leaving");
        }
    }));
}
