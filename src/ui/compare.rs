//! Assessments side by side: one subject over time (progress), or any few
//! chosen from saved ones and ones opened from links or files.

use super::pool::{chosen, label, use_choice, PoolViewProps};
use super::radar_chart::{Axis, OverlayChart, Series};
use super::{competency_name, meta, name_of, use_messages, VIEW_TITLE_ID};
use crate::domain::markup::radar::{coord, to_svg_points, trend};
use crate::domain::model::assessment::Assessment;
use crate::domain::model::compare::{lines, signed};
use crate::domain::model::rubric::builtin;
use crate::domain::model::rubric::Level;
use crate::domain::route::Route;
use crate::domain::storage::tab;
use crate::i18n::fill;
use crate::state::Intent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    /// In the order to show, oldest first for progress.
    pub list: Vec<Assessment>,
    /// Column headings, one per assessment.
    pub names: Vec<String>,
    pub caption: AttrValue,
}

/// The radar of up to four outlines, and the table of levels and changes.
#[component]
pub fn Comparison(props: &ComparisonProps) -> Html {
    let m = use_messages();
    let rubric = builtin();
    let refs: Vec<&Assessment> = props.list.iter().collect();
    let lines = lines(rubric, &refs);
    let axes: Vec<Axis> = rubric
        .competencies
        .iter()
        .map(|c| Axis {
            title: competency_name(m, c).to_string(),
            level: None,
            target: None,
        })
        .collect();
    let overlay: Vec<Series> = props
        .list
        .iter()
        .zip(&props.names)
        .map(|(a, name)| Series {
            label: name.clone(),
            levels: rubric.competencies.iter().map(|c| a.level(&c.id)).collect(),
        })
        .collect();
    let several = props.list.len() > 1;
    html! {
        <div class="comparison">
            <OverlayChart {axes} {overlay} />
            <div class="table-wrap" role="region" aria-labelledby="compare-caption" tabindex="0">
                <table role="table" class="compare-table stack">
                    <caption id="compare-caption">{ props.caption.clone() }</caption>
                    <thead role="rowgroup">
                        <tr role="row">
                            <th role="columnheader" scope="col">{ m.col_competency() }</th>
                            { for props.names.iter().map(|n| html! { <th role="columnheader" scope="col">{ n }</th> }) }
                            if several {
                                <th role="columnheader" scope="col">{ m.col_change() }</th>
                                <th role="columnheader" scope="col">{ m.col_trend() }</th>
                            }
                        </tr>
                    </thead>
                    <tbody role="rowgroup">
                        { for lines.iter().map(|line| html! {
                            <tr role="row">
                                <th role="rowheader" scope="row">{ name_of(m, &line.competency) }</th>
                                { for line.levels.iter().zip(&line.changes).zip(&props.names).map(|((l, c), n)| html! {
                                    <td role="cell" data-label={n.clone()}>
                                        { l.map_or_else(|| m.not_assessed().to_string(), |l| l.to_string()) }
                                        if let Some(c) = c { {" "}<span class="delta">{ format!("({})", signed(*c)) }</span> }
                                    </td>
                                }) }
                                if several {
                                    <td role="cell" data-label={m.col_change()} class={classes!("change", line.overall.map(|d| if d > 0 { "up" } else if d < 0 { "down" } else { "same" }))}>
                                        { line.overall.map_or_else(|| "—".to_string(), signed) }
                                    </td>
                                    <td role="cell" data-label={m.col_trend()} class="trend">{ sparkline(m, &name_of(m, &line.competency), &line.levels) }</td>
                                }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if several { <p class="small">{ m.compare_change_note() }</p> }
        </div>
    }
}

/// A small timeline of one competency's level across the columns: a dot per
/// assessed column, joined in order; a gap where one was not assessed.
fn sparkline(m: &'static crate::i18n::Messages, name: &str, levels: &[Option<Level>]) -> Html {
    const W: f64 = 120.0;
    const H: f64 = 44.0;
    let points = trend(levels, W, H, 6.0);
    let spoken = levels
        .iter()
        .map(|l| l.map_or_else(|| "—".to_string(), |l| l.to_string()))
        .collect::<Vec<_>>()
        .join(" → ");
    html! {
        <svg class="spark" viewBox={format!("0 0 {} {}", coord(W), coord(H))} width={coord(W)} height={coord(H)}
            role="img" aria-label={fill(m.trend_label(), &[("name", name), ("levels", &spoken)])}>
            <line class="base" x1="0" y1={coord(H - 6.0)} x2={coord(W)} y2={coord(H - 6.0)} />
            <polyline points={to_svg_points(&points)} />
            { for points.iter().map(|p| html! { <circle cx={coord(p.x)} cy={coord(p.y)} r="3.5" /> }) }
        </svg>
    }
}

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub assessment: Assessment,
    /// Every assessment of the same subject, oldest first.
    pub history: Vec<Assessment>,
    pub on_action: Callback<Intent>,
}

#[component]
pub fn ProgressView(props: &ProgressProps) -> Html {
    let m = use_messages();
    let a = &props.assessment;
    let names: Vec<String> = props
        .history
        .iter()
        .map(|h| m.date(h.date.as_str()))
        .collect();
    html! {
        <article class="progress">
            <header>
                <h1 id={VIEW_TITLE_ID} tabindex="-1">{ fill(m.progress_title(), &[("title", a.title())]) }</h1>
                { meta(m, a, true) }
            </header>
            <p>{ fill(m.progress_intro(), &[("n", &props.history.len().to_string())]) }</p>
            if props.history.len() < 2 {
                <p class="notice info">{ m.progress_only_one() }</p>
            } else {
                <Comparison list={props.history.clone()} {names} caption={m.progress_caption()} />
            }
            <p class="actions">
                <a class="button primary" href={Route::Reassess { id: a.id.clone() }.href()}>{ m.action_reassess() }</a>
                <a class="button" href={Route::Results { id: a.id.clone() }.href()}>{ m.plan_back() }</a>
            </p>
        </article>
    }
}

#[component]
pub fn CompareView(props: &PoolViewProps) -> Html {
    let m = use_messages();
    let (selected, choose) = use_choice(props, m.compare_pick(), tab::COMPARE_CHOICE_KEY);
    let mut chosen: Vec<Assessment> = chosen(props, &selected).into_iter().cloned().collect();
    crate::domain::order::sort_by(&mut chosen, |a, b| {
        a.date.cmp(&b.date).then(a.title().cmp(b.title()))
    });
    let names: Vec<String> = chosen.iter().map(|a| label(m, a)).collect();
    html! {
        <article class="compare">
            <h1 id={VIEW_TITLE_ID} tabindex="-1">{ m.compare_title() }</h1>
            <p>{ m.compare_intro() }</p>
            { choose }
            if chosen.len() < 2 {
                <p class="notice info">{ m.compare_pick_two() }</p>
            } else {
                <Comparison list={chosen} {names} caption={m.compare_caption()} />
            }
        </article>
    }
}
