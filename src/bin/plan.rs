//! plan.html: the action plan, progress over time, comparing and combining
//! assessments, and the guides (`ui::views::PlanningViews`), loaded only
//! when someone opens one of them.

fn main() {
    budmm::ui::app::start::<budmm::ui::views::PlanningViews>();
}
