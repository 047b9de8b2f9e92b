//! index.html in two steps: a first paint of Home, written as markup by a
//! small wasm with no Yew (`ui::first_paint`), then the app, which renders
//! the same markup and takes the page over. What the user did meanwhile
//! is kept: where focus was and what was typed, the scroll, a file that
//! was picked or dropped, and the buttons pressed, which are pressed again
//! on the app's elements (found at the same place in the same markup).

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

/// The first paint's root, and the app's.
pub const FIRST_PAINT_ID: &str = "first-paint";
const APP_ROOT_ID: &str = "app-root";
/// On the first paint's root: what to do again once the app is there
/// (`click:<path>`, `submit:<path>`, `files:<path>`, separated by spaces).
const PENDING: &str = "data-pending";
/// On the first paint's root: the user came from another page of the app,
/// or left Home before the app came; the app moves focus as after any
/// navigation.
pub const NAVIGATED: &str = "data-navigated";

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

pub fn first_paint() -> Option<Element> {
    document()?.get_element_by_id(FIRST_PAINT_ID)
}

/// Where the element sits under `root`: the index of each element among
/// its parent's elements, from `root` down.
fn path_of(root: &Element, el: &Element) -> Option<String> {
    let mut steps = Vec::new();
    let mut at = el.clone();
    while !at.is_same_node(Some(root)) {
        let parent = at.parent_element()?;
        let children = parent.children();
        let index = (0..children.length())
            .find(|&i| children.item(i).is_some_and(|c| c.is_same_node(Some(&at))))?;
        steps.push(index.to_string());
        at = parent;
    }
    steps.reverse();
    Some(steps.join("."))
}

fn at_path(root: &Element, path: &str) -> Option<Element> {
    let mut at = root.clone();
    for step in path.split('.').filter(|s| !s.is_empty()) {
        at = at.children().item(step.parse().ok()?)?;
    }
    Some(at)
}

/// Notes that `what` (`click`, `submit`, `files`) happened to `el` of the
/// first paint, to be done again on the app's element.
pub fn remember(what: &str, el: &Element) {
    let Some(root) = first_paint() else { return };
    let Some(path) = path_of(&root, el) else {
        return;
    };
    let mut pending = root.get_attribute(PENDING).unwrap_or_default();
    if !pending.is_empty() {
        pending.push(' ');
    }
    pending.push_str(&format!("{what}:{path}"));
    let _ = root.set_attribute(PENDING, &pending);
}

/// For the app on index.html: an empty, hidden root to render into, placed
/// before the first paint, when there is one.
pub fn app_root() -> Option<Element> {
    let first = first_paint()?;
    let document = document()?;
    let root = document.create_element("div").ok()?;
    root.set_id(APP_ROOT_ID);
    let _ = root.set_attribute("hidden", "");
    first.before_with_node_1(&root).ok()?;
    Some(root)
}

/// Whether the first paint asks the app to move focus as after a navigation.
pub fn navigated() -> bool {
    first_paint().is_some_and(|f| f.has_attribute(NAVIGATED))
}

fn bubbling(name: &str) -> Option<web_sys::Event> {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict(name, &init).ok()
}

/// Once the app has rendered into its root: shows it in place of the first
/// paint, with what was typed, the focus, the scroll, then does again what
/// the user did meanwhile. Nothing when there was no first paint.
pub fn finish() {
    let (Some(document), Some(first)) = (document(), first_paint()) else {
        return;
    };
    let Some(app) = document.get_element_by_id(APP_ROOT_ID) else {
        return;
    };
    // The same view in both (the user did not leave Home meanwhile): then
    // the same markup, and what was done on one belongs on the other.
    let home = |root: &Element| {
        root.query_selector("main[data-view=\"home\"]")
            .ok()
            .flatten()
            .is_some()
    };
    if !home(&first) || !home(&app) {
        let _ = app.remove_attribute("hidden");
        app.set_class_name("root");
        first.remove();
        return;
    }
    let window = web_sys::window();
    let scroll = window
        .as_ref()
        .map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)));
    // Typed text, by place.
    let mut typed = Vec::new();
    if let Ok(inputs) = first.query_selector_all("input") {
        for i in 0..inputs.length() {
            let Some(input) = inputs
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            else {
                continue;
            };
            if let Some(path) = path_of(&first, &input) {
                typed.push((path, input));
            }
        }
    }
    let focused = document
        .active_element()
        .filter(|a| first.contains(Some(a)))
        .and_then(|a| path_of(&first, &a));
    let pending = first.get_attribute(PENDING).unwrap_or_default();

    let _ = app.remove_attribute("hidden");
    app.set_class_name("root");
    first.remove();

    for (path, from) in &typed {
        let Some(to) = at_path(&app, path).and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        else {
            continue;
        };
        if from.type_() == "file" {
            if from.files().is_some_and(|f| f.length() > 0) {
                to.set_files(from.files().as_ref());
            }
            // The browser's file dialog may still be open on the first
            // paint's input: what is picked there goes to the app's.
            let (from_input, to_input) = (from.clone(), to.clone());
            let forward = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                to_input.set_files(from_input.files().as_ref());
                if let Some(event) = bubbling("change") {
                    let _ = to_input.dispatch_event(&event);
                }
            });
            let _ =
                from.add_event_listener_with_callback("change", forward.as_ref().unchecked_ref());
            forward.forget();
        } else if !from.value().is_empty() && to.value() != from.value() {
            to.set_value(&from.value());
            if let Some(event) = bubbling("input") {
                let _ = to.dispatch_event(&event);
            }
        }
    }
    if let (Some(w), Some((x, y))) = (window, scroll) {
        w.scroll_to_with_x_and_y(x, y);
    }
    if let Some(el) = focused
        .and_then(|p| at_path(&app, &p))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
    // Once the app has drawn what was typed (the input events above),
    // in a task of its own: the buttons, forms and files of meanwhile.
    let replay = wasm_bindgen::closure::Closure::once_into_js(move || replay(&app, &pending));
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback(replay.unchecked_ref());
    }
}

/// Does again, on the app's elements, what was noted on the first paint's.
fn replay(app: &Element, pending: &str) {
    for item in pending.split(' ').filter(|s| !s.is_empty()) {
        let Some((what, path)) = item.split_once(':') else {
            continue;
        };
        let Some(el) = at_path(app, path) else {
            continue;
        };
        match what {
            "click" => {
                if let Some(el) = el.dyn_ref::<HtmlElement>() {
                    el.click();
                }
            }
            "submit" => {
                if let Some(form) = el.dyn_ref::<web_sys::HtmlFormElement>() {
                    let _ = form.request_submit();
                }
            }
            "files" => {
                if let Some(event) = bubbling("change") {
                    let _ = el.dispatch_event(&event);
                }
            }
            _ => {}
        }
    }
}
