//! The landscape table: markup made in one go (a thousand rows cost one
//! string), its sort buttons named so the view can hear them.

use crate::domain::markup::embed::escape_attr;
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::builtin;
use crate::domain::region::cohort::SortKey;
use crate::i18n::Messages;
use crate::ui::competency_name;

/// A sort button's name for a column, and back.
pub(super) fn sort_name(key: SortKey) -> String {
    match key {
        SortKey::Place => "place".into(),
        SortKey::Date => "date".into(),
        SortKey::Competency(i) => format!("c{i}"),
    }
}

pub(super) fn sort_key(name: &str) -> Option<SortKey> {
    match name {
        "place" => Some(SortKey::Place),
        "date" => Some(SortKey::Date),
        c => c
            .strip_prefix('c')?
            .parse()
            .ok()
            .filter(|i| *i < builtin().competencies.len())
            .map(SortKey::Competency),
    }
}

/// The landscape: a header cell per place, then its date and each
/// competency's level as digit and name (shaded by level, not by colour
/// alone). Each column heading is a button that sorts by it.
pub(super) fn table_html<'a>(
    m: &'static Messages,
    rows: impl Iterator<Item = &'a Assessment>,
    (sorted_by, descending): (SortKey, bool),
) -> String {
    let rubric = builtin();
    let names: Vec<String> = rubric
        .competencies
        .iter()
        .map(|c| escape_attr(competency_name(m, c)))
        .collect();
    let date_label = escape_attr(m.region_col_date());
    let not_assessed = escape_attr(m.not_assessed());
    // On a phone the headings are a row of sort buttons, which the
    // stylesheet introduces with this label.
    let mut out = format!(
        "<table role=\"table\" class=\"stack landscape\" id=\"landscape\"><caption id=\"landscape-caption\">{}</caption><thead role=\"rowgroup\"><tr role=\"row\" data-sort-label=\"{}\">",
        escape_attr(m.region_table_caption()),
        escape_attr(m.region_sort_by())
    );
    let columns = [
        (SortKey::Place, escape_attr(m.region_col_place())),
        (SortKey::Date, date_label.clone()),
    ]
    .into_iter()
    .chain(
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (SortKey::Competency(i), n.clone())),
    );
    for (key, label) in columns {
        let (aria, mark) = match (key == sorted_by, descending) {
            (true, true) => (" aria-sort=\"descending\"", "▼"),
            (true, false) => (" aria-sort=\"ascending\"", "▲"),
            _ => ("", "↕"),
        };
        let name = sort_name(key);
        out.push_str(&format!(
            "<th role=\"columnheader\" scope=\"col\"{aria}><button type=\"button\" class=\"sort\" id=\"sort-{name}\" data-sort=\"{name}\">{label}<span class=\"sort-mark\" aria-hidden=\"true\">{mark}</span></button></th>"
        ));
    }
    out.push_str("</tr></thead><tbody role=\"rowgroup\">");
    for a in rows {
        out.push_str(&format!(
            "<tr role=\"row\"><th role=\"rowheader\" scope=\"row\">{}</th><td role=\"cell\" data-label=\"{date_label}\">{}</td>",
            escape_attr(a.title()),
            escape_attr(&m.date(a.date.as_str()))
        ));
        for (c, name) in rubric.competencies.iter().zip(&names) {
            match a.level(&c.id) {
                Some(l) => out.push_str(&format!(
                    "<td role=\"cell\" class=\"lv lv{l}\" data-label=\"{name}\"><span class=\"digit\">{l}</span> {}</td>",
                    escape_attr(crate::ui::level_name(m, l))
                )),
                None => out.push_str(&format!(
                    "<td role=\"cell\" class=\"lv missing\" data-label=\"{name}\">{not_assessed}</td>"
                )),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}
