fn main() {
    // index.html shows a static message until the wasm has loaded.
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-message"))
    {
        el.remove();
    }
    yew::Renderer::<budmm::ui::app::App>::new().render();
}
