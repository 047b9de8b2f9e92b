//! Clock, ids, the URL fragment, focus and downloads.

use wasm_bindgen::JsCast;

pub fn now_ms() -> u64 {
    // Date.now() is a non-negative whole number of milliseconds.
    js_sys::Date::now().max(0.0) as u64
}

/// Today's date in the user's time zone, as `YYYY-MM-DD`.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The date of a moment in the user's time zone, as `YYYY-MM-DD`.
pub fn iso_date_of(ms: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// A new assessment id: time plus randomness, in lowercase base 36, so it is
/// unique on this device and safe in a URL.
pub fn new_id() -> String {
    let random = (js_sys::Math::random() * 36f64.powi(6)) as u64;
    format!("a{}{}", base36(now_ms()), base36(random))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The user's preferred languages, most preferred first (`navigator.languages`).
pub fn preferred_languages() -> Vec<String> {
    let Some(w) = web_sys::window() else {
        return Vec::new();
    };
    let list: Vec<String> = w
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        w.navigator().language().into_iter().collect()
    } else {
        list
    }
}

/// Sets `<html lang>`, so screen readers and hyphenation use the UI language.
pub fn set_document_lang(lang: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang);
    }
}

pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

pub fn set_hash(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// Moves keyboard and screen-reader focus to an element, e.g. the new view's
/// heading after navigation, as a page load would.
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The browser refused to start a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the browser refused the download")]
pub struct DownloadRefused;

/// Offers `content` as a file download.
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), DownloadRefused> {
    let refused = |_| DownloadRefused;
    let window = web_sys::window().ok_or(DownloadRefused)?;
    let document = window.document().ok_or(DownloadRefused)?;
    let parts = js_sys::Array::of1(&content.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(refused)?
        .dyn_into()
        .map_err(|_| DownloadRefused)?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Opens the browser's print dialog (the print stylesheet makes the report).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Goes to another page of the app in place of this one in the history.
pub fn replace_location(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(url);
    }
}

/// Where `go_to_page` leaves the heading for the next page of this tab;
/// static/sw-register.js reads it (and removes it) before that page's app
/// starts.
const ARRIVING_KEY: &str = "budmm.arriving";

/// The tab's handover to its next page, and its journal of unsaved work
/// (`domain::storage::handoff`), in `session_*`.
pub const CARRY_KEY: &str = "budmm.carry";
pub const JOURNAL_KEY: &str = "budmm.unsaved";
/// The payload of the results the reader asked results.html to keep, set
/// by that page's button in this tab only: a link alone saves nothing.
pub const KEEP_KEY: &str = "budmm.keep";

/// Whether results.html in this tab asked to save a copy of these results;
/// the request is used once.
pub fn take_keep_request(payload: &str) -> bool {
    // Session storage itself, never the window-name fallback: a window's
    // name can be set by whoever opened it.
    let Some(session) = session_storage() else {
        return false;
    };
    let asked = session.get_item(KEEP_KEY).ok().flatten();
    if asked.is_some() {
        let _ = session.remove_item(KEEP_KEY);
    }
    asked.as_deref() == Some(payload)
}

/// Where a page that may not use session storage at all (a sandboxed
/// frame) keeps the tab's session values: the window's name, which the
/// frame keeps across its pages. Read only on such a page, so that no
/// other site can hand a page of ours values by naming the window it
/// opens.
const NAME_PREFIX: &str = "budmm.session:";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn name_values() -> Vec<(String, String)> {
    let Some(name) = web_sys::window().and_then(|w| w.name().ok()) else {
        return Vec::new();
    };
    let Some(json) = name.strip_prefix(NAME_PREFIX) else {
        return Vec::new();
    };
    let Ok(v) = crate::domain::formats::json::parse(json) else {
        return Vec::new();
    };
    v.members()
        .unwrap_or_default()
        .iter()
        .filter_map(|(k, v)| Some((k.to_string(), v.str()?.to_string())))
        .collect()
}

fn set_name_values(values: &[(String, String)]) {
    let Some(w) = web_sys::window() else { return };
    if values.is_empty() {
        let _ = w.set_name("");
        return;
    }
    let mut json = String::new();
    let mut o = crate::domain::formats::json::ObjWriter::new(&mut json);
    for (k, v) in values {
        o.str(k, v);
    }
    o.end();
    let _ = w.set_name(&format!("{NAME_PREFIX}{json}"));
}

/// The tab's session value at `key` (see `NAME_PREFIX`).
pub fn session_get(key: &str) -> Option<String> {
    match session_storage() {
        Some(s) => s.get_item(key).ok().flatten(),
        None => name_values()
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v),
    }
}

/// Sets the tab's session value at `key`; false when it could not be kept
/// (session storage full).
pub fn session_set(key: &str, value: &str) -> bool {
    match session_storage() {
        Some(s) => s.set_item(key, value).is_ok(),
        None => {
            let mut values = name_values();
            values.retain(|(k, _)| k != key);
            values.push((key.to_string(), value.to_string()));
            set_name_values(&values);
            true
        }
    }
}

/// Sets a value that matters more than the tab's snapshots (the journal,
/// the handover): when session storage is full, they make room for it.
fn session_set_first(key: &str, value: &str) -> bool {
    session_set(key, value) || {
        for snapshot in crate::domain::storage::tab::KEYS {
            session_remove(snapshot);
        }
        session_set(key, value)
    }
}

/// Keeps a page's snapshot for the rest of the tab (`domain::storage::tab`); false
/// when it is not kept (too large, or session storage full or missing).
/// Session storage only: a window's name is no place for megabytes.
pub fn keep_in_tab(key: &str, snapshot: &crate::domain::storage::tab::Snapshot) -> bool {
    use crate::domain::storage::tab::Snapshot;
    let Some(session) = session_storage() else {
        // Nothing to keep is kept, wherever the tab cannot keep anything.
        return matches!(snapshot, Snapshot::Empty);
    };
    match snapshot {
        Snapshot::Write(text) => {
            let kept = session.set_item(key, text).is_ok();
            if !kept {
                // Not an older snapshot in its place: that would come back.
                let _ = session.remove_item(key);
            }
            kept
        }
        Snapshot::Empty | Snapshot::TooLarge => {
            let _ = session.remove_item(key);
            matches!(snapshot, Snapshot::Empty)
        }
    }
}

/// The page's snapshot kept in this tab, if any.
pub fn kept_in_tab(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

pub fn session_remove(key: &str) {
    match session_storage() {
        Some(s) => {
            let _ = s.remove_item(key);
        }
        None => {
            let mut values = name_values();
            let before = values.len();
            values.retain(|(k, _)| k != key);
            if values.len() != before {
                set_name_values(&values);
            }
        }
    }
}

/// A window name of ours on a page that has session storage was not
/// written by this app (or is left from a frame's earlier life): dropped
/// unread, so it neither reaches the app nor lingers for other sites.
pub fn forget_stray_name() {
    if session_storage().is_some() && !name_values().is_empty() {
        set_name_values(&[]);
    }
}

/// Goes to another page of the app (in place of this one in the history).
/// `heading` and `lang` are for its loading line: while its code loads,
/// that page shows the view's heading instead of a bare "Loading…".
/// `carry` is the handover (`domain::storage::handoff`): unsaved changes, a
/// message, a pending reload.
pub fn go_to_page(url: &str, heading: &str, lang: &str, carry: Option<&str>) {
    let Some(w) = web_sys::window() else { return };
    if let Some(carry) = carry {
        // Not kept (session storage full): the journal still holds any
        // unsaved work; only the message is lost.
        session_set_first(CARRY_KEY, carry);
    }
    if let Some(session) = session_storage() {
        let hash = url.find('#').map(|i| &url[i..]).unwrap_or_default();
        let mut note = String::new();
        let mut o = crate::domain::formats::json::ObjWriter::new(&mut note);
        o.str("hash", hash)
            .str("heading", heading)
            .str("lang", lang);
        o.end();
        // Without it the next page shows its plain loading line.
        let _ = session.set_item(ARRIVING_KEY, &note);
    }
    let _ = w.location().replace(url);
}

/// Replaces the page's body with `html` (the card, which has no component tree).
pub fn set_body_html(html: &str) {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        body.set_inner_html(html);
    }
}

/// Removes index.html's loading message once the app renders.
/// Removes the loading message; true when it was the heading another page
/// of the app left for this one (`go_to_page`): then the user came here by
/// navigating within the app, not by opening the page.
pub fn remove_boot_message() -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-message"))
    else {
        return false;
    };
    let arrived = el.class_list().contains("boot-arriving");
    el.remove();
    arrived
}

/// Hides the loading message, keeping it in the page: index.html's first
/// paint, whose app is still to come. static/sw-register.js still watches
/// the start while it is there, and shows its failed-start message in its
/// place should the app's files fail; the app removes it. True as for
/// `remove_boot_message`.
pub fn hide_boot_message() -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-message"))
    else {
        return false;
    };
    let _ = el.set_attribute("hidden", "");
    el.class_list().contains("boot-arriving")
}

/// Loads the page again from the start.
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Calls `f(key, new value)` whenever another tab of this origin changes
/// localStorage (the `storage` event); stops when dropped.
pub struct StorageListener {
    // Listening while kept; removed when dropped.
    _listening: Option<Listener>,
}

impl StorageListener {
    pub fn new(f: impl Fn(Option<String>, Option<String>) + 'static) -> StorageListener {
        StorageListener {
            _listening: on_window("storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                // Only localStorage: sessionStorage is this tab's own.
                let local = web_sys::window()
                    .and_then(|w| w.local_storage().ok().flatten())
                    .zip(e.storage_area())
                    .is_some_and(|(a, b)| a == b);
                if local {
                    f(e.key(), e.new_value());
                }
            }),
        }
    }
}

/// Calls `f` on every `event` of `target` while kept; removed when
/// dropped. Not passive, so `f` may cancel the event. The one listener of
/// the app's edges; gloo-events' `EventListener` does the same, but its
/// options object per listener measured 0.2 KB more (gzip) on the card and
/// 0.7 KB on the app.
pub struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    callback: wasm_bindgen::closure::Closure<dyn Fn(web_sys::Event)>,
}

impl Listener {
    pub fn new(
        target: &web_sys::EventTarget,
        event: &'static str,
        f: impl Fn(&web_sys::Event) + 'static,
    ) -> Listener {
        let callback = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(
            move |e: web_sys::Event| f(&e),
        );
        let _ = target.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            event,
            callback,
        }
    }

    /// Listens for the page's life.
    pub fn forget(self) {
        std::mem::forget(self);
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(
            self.event,
            self.callback.as_ref().unchecked_ref(),
        );
    }
}

/// `f` on every `event` of the window, while kept; `None` without a window.
fn on_window(event: &'static str, f: impl Fn(&web_sys::Event) + 'static) -> Option<Listener> {
    let window = web_sys::window()?;
    Some(Listener::new(&window, event, f))
}

/// `navigator.storage`, where the browser has it (not in old browsers,
/// nor on pages from `file://` in some).
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let has = js_sys::Reflect::get(&navigator, &"storage".into())
        .map(|s| !s.is_undefined() && !s.is_null())
        .unwrap_or(false);
    has.then(|| navigator.storage())
}

/// Asks the browser to keep this site's data even when space runs low, and
/// hands its answer ("granted", "denied", or "unsupported") to `done`.
pub fn request_persistence(done: impl FnOnce(&str) + 'static) {
    let Some(manager) = storage_manager() else {
        return done("unsupported");
    };
    let Ok(promise) = manager.persist() else {
        return done("unsupported");
    };
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(v) if v.is_truthy() => done("granted"),
            Ok(_) => done("denied"),
            Err(_) => done("unsupported"),
        }
    });
}

/// What this browser promises about keeping the app's data, from its own
/// description and the remembered answer to the app's request to keep it.
pub fn keeping(persist_answer: Option<&str>) -> crate::domain::storage::backup::Keeping {
    let Some(window) = web_sys::window() else {
        return Default::default();
    };
    let navigator = window.navigator();
    // iOS marks a page opened from the Home Screen.
    let home_screen =
        js_sys::Reflect::get(&navigator, &"standalone".into()).is_ok_and(|v| v.is_truthy());
    crate::domain::storage::backup::Keeping::of(
        &navigator.user_agent().unwrap_or_default(),
        u32::try_from(navigator.max_touch_points()).unwrap_or(0),
        home_screen,
        persist_answer,
    )
}

/// Whether the browser has promised to keep this site's data: `Some(true)`
/// or `Some(false)`, or `None` where it does not say.
pub fn persisted(done: impl FnOnce(Option<bool>) + 'static) {
    let Some(promise) = storage_manager().and_then(|m| m.persisted().ok()) else {
        return done(None);
    };
    wasm_bindgen_futures::spawn_local(async move {
        let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
        done(answer.ok().map(|v| v.is_truthy()));
    });
}

/// The share of the browser's storage quota in use (0 to 1), from
/// `navigator.storage.estimate()`, or `None` where it does not say.
pub fn storage_estimate(done: impl FnOnce(Option<f64>) + 'static) {
    let Some(promise) = storage_manager().and_then(|m| m.estimate().ok()) else {
        return done(None);
    };
    wasm_bindgen_futures::spawn_local(async move {
        let ratio = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|e| {
                let get = |k: &str| js_sys::Reflect::get(&e, &k.into()).ok()?.as_f64();
                let (usage, quota) = (get("usage")?, get("quota")?);
                (quota > 0.0).then(|| usage / quota)
            });
        done(ratio);
    });
}

/// Calls `f` on every `event` of the window; stops when dropped.
pub struct WindowListener {
    // Listening while kept; removed when dropped.
    _listening: Option<Listener>,
}

impl WindowListener {
    pub fn new(event: &'static str, f: impl Fn() + 'static) -> WindowListener {
        WindowListener {
            _listening: on_window(event, move |_| f()),
        }
    }
}

/// For the page's life, calls `f` with the element each `event` (a click,
/// a change) reaches, from one listener on the document: for markup written
/// as text (results.html), whose elements come and go with each rendering.
pub fn on_every(event: &'static str, f: impl Fn(&web_sys::Element) + 'static) {
    on_every_event(event, move |_, el| f(el));
}

/// The same with the event itself, which `f` may cancel.
pub fn on_every_event(
    event: &'static str,
    f: impl Fn(&web_sys::Event, &web_sys::Element) + 'static,
) {
    let Some(d) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    Listener::new(&d, event, move |event| {
        if let Some(el) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            f(event, &el);
        }
    })
    .forget();
}

thread_local! {
    /// Whether the tab's journal holds every unsaved change (its last write
    /// worked), so that the next page of this tab takes them over.
    static JOURNAL_HELD: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Writes the tab's journal of unsaved work; false when session storage
/// refused it (full), and then leaving the page would lose that work.
pub fn write_journal(text: &str) -> bool {
    let held = session_set_first(JOURNAL_KEY, text);
    JOURNAL_HELD.with(|h| h.set(held));
    held
}

pub fn clear_journal() {
    session_remove(JOURNAL_KEY);
    JOURNAL_HELD.with(|h| h.set(true));
}

/// While held, leaving the page asks the user first when the changes held
/// only in this tab are not in its journal either (session storage full):
/// then a reload, Back or another page of the app would lose them too.
/// While the journal holds them, those keep them and nothing asks.
pub struct LeaveGuard {
    // Listening while kept; removed when dropped.
    _listening: Option<Listener>,
}

impl LeaveGuard {
    pub fn hold() -> LeaveGuard {
        LeaveGuard {
            _listening: on_window("beforeunload", |e| {
                if !JOURNAL_HELD.with(|h| h.get()) {
                    e.prevent_default();
                    if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                        e.set_return_value("unsaved");
                    }
                }
            }),
        }
    }
}

/// While held, a file dropped anywhere on the page is not opened by the
/// browser in place of the page (which would lose what the page holds):
/// only the drop zones the page has take files.
pub struct FileDropGuard {
    // Listening while kept; removed when dropped.
    _listening: Vec<Listener>,
}

impl FileDropGuard {
    pub fn hold() -> FileDropGuard {
        FileDropGuard {
            _listening: ["dragover", "drop"]
                .into_iter()
                .filter_map(|event| on_window(event, |e| e.prevent_default()))
                .collect(),
        }
    }
}

/// A flag a page script set on `window` (e.g. before the app had started).
pub fn window_flag(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &name.into()).ok())
        .is_some_and(|v| v.is_truthy())
}

/// Sends a plain event on `window`, for page scripts to hear.
pub fn signal(event: &str) {
    if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new(event)) {
        let _ = w.dispatch_event(&e);
    }
}

/// The page's address without its fragment: the base of share links. Works
/// from any folder of any host, and from `file://`.
pub fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_string(),
        None => href,
    }
}

/// The address of another page of the app, beside this one (`report.html`,
/// which opens shared results; `embed.html`, the card); from a single file
/// (the offline edition), the file itself, which carries every view.
pub fn page_address_of(file: &str) -> String {
    let page = page_address();
    if page.starts_with("file:") {
        return page;
    }
    let path_end = page.split(['?']).next().unwrap_or(&page).len();
    match page[..path_end].rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{file}"),
        None => page,
    }
}

/// The value of `name` in the page's query (`?lang=es`), if any: plain
/// letters and dashes only, so nothing else can be smuggled in.
/// The address's query, `?…` or empty: a card handing over to the other
/// card keeps the language it names.
pub fn current_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

pub fn query_value(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 16
                && v.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
        })
        .map(str::to_string)
}

/// The app's public address, which the release build writes on the
/// offline edition's `<html data-public-url>` (`BUDMM_PUBLIC_URL`,
/// docs/deploy.md), with one trailing slash.
pub fn public_address() -> Option<String> {
    let url = web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute("data-public-url")?;
    let url = url.trim();
    let plain = !url.contains(['#', '?', '"', '<', '>', ' ']);
    ((url.starts_with("https://") || url.starts_with("http://")) && plain)
        .then(|| format!("{}/", url.trim_end_matches('/')))
}

/// The address of another page of the app for a link that people send to
/// others: beside this page; from a file on disk (the offline edition),
/// on the app's public address, or `None` when the build was given none,
/// since a file's address opens only on the device that made it.
pub fn link_address_of(file: &str) -> Option<String> {
    let page = page_address();
    // file:, and content: where Android opens a downloaded file.
    if !(page.starts_with("https:") || page.starts_with("http:")) {
        return public_address().map(|base| format!("{base}{file}"));
    }
    Some(page_address_of(file))
}

/// A `mailto:` address that opens the user's mail program with this
/// subject and text, addressed to no one yet.
pub fn mailto(subject: &str, body: &str) -> String {
    let enc = |t: &str| String::from(js_sys::encode_uri_component(t));
    // Mail programs want CRLF between lines of a mailto body (RFC 6068).
    format!(
        "mailto:?subject={}&body={}",
        enc(subject),
        enc(&body.replace('\n', "\r\n"))
    )
}

/// Copies with the Clipboard API; `false` where it is missing or refused
/// (pages from `file://` or plain http, embedded frames, old browsers).
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let available = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !available {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The older way: select the text of an input and ask the browser to copy it.
/// The text stays selected either way, so the user can press Ctrl+C.
pub fn select_and_copy(input_id: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(field) = document.get_element_by_id(input_id) else {
        return false;
    };
    match field.dyn_into::<web_sys::HtmlInputElement>() {
        Ok(input) => input.select(),
        Err(other) => match other.dyn_into::<web_sys::HtmlTextAreaElement>() {
            Ok(area) => area.select(),
            Err(_) => return false,
        },
    }
    document
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false)
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadFailed {
    TooLarge,
    Refused,
}

/// Reads a file the user picked or dropped, refusing anything over `max`
/// bytes before reading it.
pub async fn read_file(file: &web_sys::File, max: usize) -> Result<Vec<u8>, ReadFailed> {
    if file.size() > max as f64 {
        return Err(ReadFailed::TooLarge);
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ReadFailed::Refused)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Marks the page as the embedded card (its own, lighter style).
pub fn set_body_class(class: &str) {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.class_list().add_1(class);
    }
}

/// The markup of the first element matching `selector`, e.g. the chart.
pub fn outer_html(selector: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()??
        .outer_html()
        .into()
}

/// Tells the host page (when framed) the document's height whenever it
/// changes, as `{type: message_type, height}`; stops when dropped.
pub struct HeightReporter {
    observer: Option<web_sys::ResizeObserver>,
    _callback: wasm_bindgen::closure::Closure<dyn Fn()>,
}

impl HeightReporter {
    pub fn new(message_type: &'static str) -> HeightReporter {
        let post = move || {
            let Some(window) = web_sys::window() else {
                return;
            };
            // The body's own height: the document's scroll height never
            // drops below the frame's, so a card that got shorter (its
            // frame widened) would keep the height it had.
            let Some(body) = window.document().and_then(|d| d.body()) else {
                return;
            };
            let parent = match window.parent() {
                Ok(Some(p)) if p != window => p,
                _ => return,
            };
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &message_type.into());
            let height = f64::from(body.offset_height());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            // "*": the card's height is not a secret, and any portal may host it.
            let _ = parent.post_message(&message, "*");
        };
        post();
        let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(post);
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
        if let (Some(observer), Some(body)) = (
            &observer,
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body()),
        ) {
            observer.observe(&body);
        }
        HeightReporter {
            observer,
            _callback: callback,
        }
    }
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
    }
}
