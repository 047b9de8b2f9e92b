//! Message catalogs at run time: English is compiled into every entry
//! point; another language is fetched from the same origin the first time
//! it is needed (`i18n/<page>/<lang>.json`, written by the release build
//! with the strings this page can show), checked
//! against this build's catalog version, and kept for the page's life. The
//! service worker precaches the files, so this works offline after one visit.

use crate::i18n::{self, CatalogError, Messages, CATALOG_VERSION};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// Catalogs fetched in this page; each is read once and lives as long.
    static LOADED: RefCell<Vec<&'static Messages>> = const { RefCell::new(Vec::new()) };
}

/// The catalog of language `code`, if it is compiled in or already loaded.
pub fn get(code: &str) -> Option<&'static Messages> {
    i18n::for_tag(code)
        .or_else(|| LOADED.with(|l| l.borrow().iter().copied().find(|m| m.lang == code)))
}

/// Why a language could not be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadError {
    /// Not fetched (offline and never cached, or the server refused).
    Unreachable,
    /// Fetched, but not a catalog of this build.
    Wrong(CatalogError),
}

/// The catalog of language `code`, fetched if needed.
pub async fn load(code: &str) -> Result<&'static Messages, LoadError> {
    if let Some(m) = get(code) {
        return Ok(m);
    }
    let Some(code) = i18n::language_of(code) else {
        return Err(LoadError::Wrong(CatalogError::OtherLanguage));
    };
    // The version in the query: an HTTP cache can never hand a catalog of
    // another build to this one (and the file says its version too).
    let url = format!("i18n/{}/{code}.json?v={CATALOG_VERSION}", page());

    let text = fetch_text(&url).await.ok_or(LoadError::Unreachable)?;
    let m = i18n::read_flat(code, &text).map_err(LoadError::Wrong)?;
    let m: &'static Messages = Box::leak(Box::new(m));
    LOADED.with(|l| l.borrow_mut().push(m));
    Ok(m)
}

/// The same for index.html's first paint and its app, two wasm in one
/// window: the one that fetched a table leaves its text there, and the
/// other reads it from there instead of fetching it again.
pub async fn load_shared(code: &str) -> Result<&'static Messages, LoadError> {
    if let Some(m) = get(code) {
        return Ok(m);
    }
    let Some(code) = i18n::language_of(code) else {
        return Err(LoadError::Wrong(CatalogError::OtherLanguage));
    };
    let window = web_sys::window().ok_or(LoadError::Unreachable)?;
    let key = wasm_bindgen::JsValue::from_str(&format!("budmmCatalog-{code}"));
    let text = match js_sys::Reflect::get(&window, &key)
        .ok()
        .and_then(|v| v.as_string())
    {
        Some(text) => text,
        None => {
            let url = format!("i18n/{}/{code}.json?v={CATALOG_VERSION}", page());
            let text = fetch_text(&url).await.ok_or(LoadError::Unreachable)?;
            let _ = js_sys::Reflect::set(&window, &key, &wasm_bindgen::JsValue::from_str(&text));
            text
        }
    };
    let m = i18n::read_flat(code, &text).map_err(LoadError::Wrong)?;
    let m: &'static Messages = Box::leak(Box::new(m));
    LOADED.with(|l| l.borrow_mut().push(m));
    Ok(m)
}

/// Which page this is (`data-page` on `<html>`, put there by the build):
/// each has its own tables.
fn page() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-page"))
        .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .unwrap_or_else(|| "index".into())
}

/// A text file of this site; `None` when it cannot be had.
pub async fn fetch_text(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}
