//! The single-file offline edition: every view and every language in one
//! wasm (built with the `all-languages` feature), for use from `file://`
//! with no network at all.

fn main() {
    budmm::ui::app::start::<budmm::ui::views::AllViews>();
}
