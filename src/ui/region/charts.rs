//! The group in figures: places per level, the band on the radar, the
//! same as a table, one place's standing in words, and the choice of it.

use crate::domain::markup::chart::{self, BandAxis, BandWords, ChartWords, DistRow};
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::builtin;
use crate::domain::region::cohort::{self, Said};
use crate::i18n::{fill, Messages};
use crate::ui::{competency_name, halves, level_label, use_messages};
use std::rc::Rc;
use yew::prelude::*;

/// Names joined as a list: "a, b and c".
pub(super) fn list(m: &Messages, names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{}{}{last}", rest.join(", "), m.region_and()),
    }
}

pub(super) fn distribution(m: &'static Messages, rows: &[cohort::Row]) -> Html {
    let rubric = builtin();
    let dist: Vec<DistRow> = rows
        .iter()
        .zip(&rubric.competencies)
        .map(|(r, c)| DistRow {
            name: competency_name(m, c).to_string(),
            at: r.distribution.at,
            missing: r.distribution.missing,
            median: r.spread.map_or("–".to_string(), |s| halves(m, s.median)),
        })
        .collect();
    Html::from_html_unchecked(AttrValue::from(crate::ui::distribution_markup(m, &dist)))
}

pub(super) fn band(m: &'static Messages, rows: &[cohort::Row], place: Option<&Assessment>) -> Html {
    let rubric = builtin();
    let axes: Vec<BandAxis> = rows
        .iter()
        .zip(&rubric.competencies)
        .map(|(r, c)| BandAxis {
            title: competency_name(m, c).to_string(),
            band: r.spread.map(|s| (s.q1.0, s.median.0, s.q3.0)),
            place: place.and_then(|a| a.level(&c.id)),
        })
        .collect();
    let items: Vec<String> = rows
        .iter()
        .zip(&axes)
        .map(|(r, axis)| {
            let mut item = match r.spread {
                Some(s) => fill(
                    m.region_chart_item(),
                    &[
                        ("name", &axis.title),
                        ("median", &halves(m, s.median)),
                        ("q1", &halves(m, s.q1)),
                        ("q3", &halves(m, s.q3)),
                    ],
                ),
                None => fill(m.chart_item_missing(), &[("name", &axis.title)]),
            };
            if let (Some(a), Some(l)) = (place, axis.place) {
                item.push_str(", ");
                item.push_str(&fill(
                    m.region_chart_place(),
                    &[("place", a.title()), ("n", &l.to_string())],
                ));
            }
            item
        })
        .collect();
    let summary = format!("{}.", items.join("; "));
    Html::from_html_unchecked(AttrValue::from(chart::band_figure_html(
        &axes,
        &BandWords {
            chart: ChartWords {
                title: m.region_chart_title(),
                desc: m.region_chart_desc(),
                summary: &summary,
                not_assessed: m.not_assessed(),
            },
            legend_band: m.region_legend_band(),
            legend_median: m.region_col_median(),
            legend_place: place.map(Assessment::title),
            key: &items,
        },
    )))
}

/// The same as the chart, as a table: each competency's spread, and the
/// chosen place's level.
pub(super) fn spread_table(
    m: &'static Messages,
    rows: &[cohort::Row],
    place: Option<&Assessment>,
) -> Html {
    let rubric = builtin();
    let heads = [
        m.region_col_min(),
        m.region_col_q1(),
        m.region_col_median(),
        m.region_col_q3(),
        m.region_col_max(),
        m.region_col_n(),
    ];
    html! {
        <div class="table-wrap" role="region" aria-labelledby="spread-caption" tabindex="0">
            <table role="table" class="stack spread">
                <caption id="spread-caption">{ m.region_spread_caption() }</caption>
                <thead role="rowgroup">
                    <tr role="row">
                        <th role="columnheader" scope="col">{ m.col_competency() }</th>
                        { for heads.iter().map(|h| html! { <th role="columnheader" scope="col">{ *h }</th> }) }
                        if let Some(a) = place { <th role="columnheader" scope="col">{ a.title().to_string() }</th> }
                    </tr>
                </thead>
                <tbody role="rowgroup">
                    { for rows.iter().zip(&rubric.competencies).map(|(r, c)| {
                        let values: Vec<String> = match r.spread {
                            Some(s) => vec![
                                s.min.to_string(), halves(m, s.q1), halves(m, s.median),
                                halves(m, s.q3), s.max.to_string(), s.n.to_string(),
                            ],
                            None => vec!["–".to_string(); 5].into_iter().chain(["0".to_string()]).collect(),
                        };
                        html! {
                            <tr role="row">
                                <th role="rowheader" scope="row">{ competency_name(m, c) }</th>
                                { for heads.iter().zip(values).map(|(h, v)| html! { <td role="cell" data-label={*h}>{ v }</td> }) }
                                if let Some(a) = place {
                                    <td role="cell" data-label={a.title().to_string()}>{ a.level(&c.id).map_or_else(|| m.not_assessed().to_string(), |l| level_label(m, l)) }</td>
                                }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Where a place stands, in words: "Where Quito stands: above the median
/// in analytics; in the lowest quarter in open data."
pub(super) fn standing_words(m: &'static Messages, a: &Assessment, rows: &[cohort::Row]) -> String {
    let rubric = builtin();
    let name = |id: &str| {
        rubric
            .competency(id)
            .map_or(id.to_string(), |c| competency_name(m, c).to_string())
    };
    let parts: Vec<(&str, Vec<String>)> = cohort::standing_groups(a, rows)
        .into_iter()
        .map(|(said, ids)| {
            let template = match said {
                Said::HighestQuarter => m.region_top_quarter(),
                Said::AboveMedian => m.region_above(),
                Said::AtMedian => m.region_at_median(),
                Said::BelowMedian => m.region_below(),
                Said::LowestQuarter => m.region_bottom_quarter(),
                Said::NotAssessed => m.region_not_assessed_in(),
            };
            (template, ids.into_iter().map(name).collect())
        })
        .collect();
    let said: Vec<String> = parts
        .into_iter()
        .map(|(template, names)| {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            fill(template, &[("list", &list(m, &names))])
        })
        .collect();
    format!(
        "{} {}.",
        // Which of the place's assessments: the group may hold several.
        fill(
            m.region_standing_intro(),
            &[("place", a.title()), ("date", &m.date(a.date.as_str()))]
        ),
        said.join(m.region_clause_sep())
    )
}

#[derive(Properties)]
pub(super) struct PlaceChoiceProps {
    pub(super) group: Rc<Vec<Assessment>>,
    /// Indexes into `group`, by place.
    pub(super) places: Rc<Vec<usize>>,
    pub(super) chosen: String,
    pub(super) on_choose: Callback<Event>,
}

impl PartialEq for PlaceChoiceProps {
    fn eq(&self, other: &Self) -> bool {
        // By identity: a thousand options are drawn again only for a new
        // group or a new selection, not for each change elsewhere.
        Rc::ptr_eq(&self.group, &other.group)
            && Rc::ptr_eq(&self.places, &other.places)
            && self.chosen == other.chosen
    }
}

/// The place to set against the group.
#[component]
pub(super) fn PlaceChoice(props: &PlaceChoiceProps) -> Html {
    let m = use_messages();
    html! {
        <p class="field">
            <label for="region-place">{ m.region_place_label() }</label>
            <select id="region-place" onchange={props.on_choose.clone()}>
                <option value="" selected={props.chosen.is_empty()}>{ m.region_place_none() }</option>
                { for props.places.iter().map(|&i| {
                    let a = &props.group[i];
                    let key = cohort::place_key(a);
                    html! { <option selected={props.chosen == key} value={key.clone()}>{ a.title().to_string() }</option> }
                }) }
            </select>
        </p>
    }
}
