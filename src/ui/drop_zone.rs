//! A panel that takes dropped files: the same hook for Home's import box
//! and the regional view's loader.

use yew::prelude::*;

/// The files of a file input or a drop, in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map_or_else(Vec::new, |files| {
        (0..files.length()).filter_map(|i| files.get(i)).collect()
    })
}

/// What a drop zone's element takes: whether files are being dragged over
/// it (to show it), and its three handlers.
pub struct DropZone {
    pub over: bool,
    pub ondragover: Callback<DragEvent>,
    pub ondragleave: Callback<DragEvent>,
    pub ondrop: Callback<DragEvent>,
}

/// Dropped files go to `on_files`; the browser never opens them in place
/// of the page.
#[hook]
pub fn use_drop_zone(on_files: Callback<web_sys::FileList>) -> DropZone {
    // `_eq`: dragover fires many times a second while the files hover.
    let over = use_state_eq(|| false);
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                on_files.emit(files);
            }
        })
    };
    DropZone {
        over: *over,
        ondragover,
        ondragleave,
        ondrop,
    }
}
