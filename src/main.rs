//! index.html: the first page, with the views most visits need
//! (`ui::views::CoreViews`); the others are handed to their own page.

fn main() {
    budmm::ui::app::start::<budmm::ui::views::CoreViews>();
}
