//! region.html: the regional view (`ui::views::RegionViews`), loaded only
//! when someone opens it.

fn main() {
    budmm::ui::app::start::<budmm::ui::views::RegionViews>();
}
