//! index.html's app, with the views most visits need
//! (`ui::views::CoreViews`; the others are handed to their own page). It
//! loads after the page's first paint (src/bin/home.rs) and takes over.

fn main() {
    budmm::ui::app::start_after_first_paint::<budmm::ui::views::CoreViews>();
}
