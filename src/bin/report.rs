//! report.html: rating an assessment, its results, results that arrive in
//! a link, and about the model (`ui::views::ReportViews`).

fn main() {
    budmm::ui::app::start::<budmm::ui::views::ReportViews>();
}
