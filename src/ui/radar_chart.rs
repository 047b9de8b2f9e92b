use super::use_messages;
use crate::domain::markup::radar::{coord, to_svg_points, Point};
use crate::domain::model::rubric::Level;
use crate::domain::model::scoring::Profile;
use crate::i18n::fill;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Axis {
    pub title: String,
    pub level: Option<Level>,
    pub target: Option<Level>,
}

impl Axis {
    /// One axis per competency of a profile, in rubric order.
    pub fn all(m: &'static crate::i18n::Messages, profile: &Profile) -> Vec<Axis> {
        profile
            .rows
            .iter()
            .map(|r| Axis {
                title: super::competency_name(m, r.competency).to_string(),
                level: r.level,
                target: r.target,
            })
            .collect()
    }
}

/// One assessment drawn over others on the same chart.
#[derive(Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub levels: Vec<Option<Level>>,
}

#[derive(Properties, PartialEq)]
pub struct OverlayChartProps {
    pub axes: Vec<Axis>,
    /// The outlines drawn, each with its own line style and marker shape
    /// (not colour alone), at most `compare::MAX_OVERLAY`.
    pub overlay: Vec<Series>,
}

/// A marker of overlay series `k`: circle, diamond, triangle, square.
/// Squares last: on the results a square marks the target.
fn marker(k: usize, p: Point, class: String) -> Html {
    let (x, y) = (p.x, p.y);
    let poly = |pts: &[(f64, f64)]| {
        let pts: Vec<Point> = pts
            .iter()
            .map(|(dx, dy)| Point {
                x: x + dx,
                y: y + dy,
            })
            .collect();
        html! { <polygon class={class.clone()} points={to_svg_points(&pts)} /> }
    };
    match k % 4 {
        0 => html! { <circle {class} cx={coord(x)} cy={coord(y)} r="5" /> },
        1 => poly(&[(0.0, -7.0), (7.0, 0.0), (0.0, 7.0), (-7.0, 0.0)]),
        2 => poly(&[(0.0, -7.0), (6.5, 5.0), (-6.5, 5.0)]),
        _ => {
            html! { <rect {class} x={coord(x - 5.0)} y={coord(y - 5.0)} width="10" height="10" /> }
        }
    }
}

/// The legend key of overlay series `k`: its line and marker, drawn small.
fn legend_key(k: usize) -> Html {
    html! {
        <svg class="key" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true">
            <line class={format!("s{k}")} x1="0" y1="8" x2="40" y2="8" />
            { marker(k, Point { x: 20.0, y: 8.0 }, format!("mark s{k}")) }
        </svg>
    }
}

use crate::domain::markup::chart::{
    self, ChartAxis, ChartWords, FigureWords, CHART, HEIGHT, WIDTH,
};

/// SVG markup made by `domain::markup::chart` (escaped there), as a node.
fn raw(markup: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(markup))
}

/// The chart of one assessment with its legend, as markup (the card uses
/// it too, without Yew).
pub fn figure(m: &crate::i18n::Messages, axes: &[Axis]) -> String {
    let items: Vec<String> = axes
        .iter()
        .map(|a| {
            let base = match a.level {
                Some(l) => fill(m.chart_item(), &[("name", &a.title), ("n", &l.to_string())]),
                None => fill(m.chart_item_missing(), &[("name", &a.title)]),
            };
            match a.target {
                Some(t) => format!(
                    "{base}, {}",
                    fill(m.chart_target_item(), &[("n", &t.to_string())])
                ),
                None => base,
            }
        })
        .collect();
    let summary = items.join("; ");
    chart::figure_html(
        &chart_axes(axes),
        &FigureWords {
            chart: ChartWords {
                title: m.chart_title(),
                desc: m.chart_desc(),
                summary: &summary,
                not_assessed: m.not_assessed(),
            },
            legend_current: m.legend_current(),
            legend_target: m.legend_target(),
            missing_note: m.chart_missing_note(),
            key: &items,
        },
    )
}

fn chart_axes(axes: &[Axis]) -> Vec<ChartAxis> {
    axes.iter()
        .map(|a| ChartAxis {
            title: a.title.clone(),
            level: a.level,
            target: a.target,
        })
        .collect()
}

/// The chart as a file of its own: the full chart with its legend, the
/// assessment's title and date, and the full credit of the model.
pub fn download(m: &crate::i18n::Messages, axes: &[Axis], caption: &str) -> String {
    chart::download_svg(
        &chart_axes(axes),
        &chart::DownloadWords {
            title: m.chart_title(),
            not_assessed: m.not_assessed(),
            legend_current: m.legend_current(),
            legend_target: m.legend_target(),
            caption,
            credit: &[m.footer_source(), m.footer_licence()],
        },
    )
}

/// The chart of one assessment with its legend, as a node. Plain
/// functions rather than components here and below: markup made once,
/// without the code a component costs every page.
pub fn radar_chart(m: &crate::i18n::Messages, axes: &[Axis]) -> Html {
    raw(figure(m, axes))
}

/// A thumbnail of the levels for lists; its text alternative names them all.
pub fn mini_chart(m: &crate::i18n::Messages, axes: &[Axis]) -> Html {
    let levels: Vec<Option<Level>> = axes.iter().map(|a| a.level).collect();
    let summary = axes
        .iter()
        .map(|a| match a.level {
            Some(l) => fill(m.chart_item(), &[("name", &a.title), ("n", &l.to_string())]),
            None => fill(m.chart_item_missing(), &[("name", &a.title)]),
        })
        .collect::<Vec<_>>()
        .join(", ");
    raw(chart::mini_svg(
        &levels,
        &fill(m.mini_chart_label(), &[("levels", &summary)]),
    ))
}

/// The grid and spokes every chart shares, or (`on_top`) its ring numbers,
/// drawn last so that no outline hides one.
fn grid(on_top: bool) -> Html {
    let mut out = String::new();
    if on_top {
        chart::ring_labels(&mut out);
    } else {
        chart::grid(&mut out);
    }
    // A <g> on its own: wrapped so the browser parses it as SVG.
    raw(format!("<svg x=\"0\" y=\"0\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" overflow=\"visible\">{out}</svg>", coord(WIDTH), coord(HEIGHT)))
}

/// Several assessments on one chart (progress, comparing): a component of
/// its own, so pages that show one assessment carry none of it.
#[component]
pub fn OverlayChart(props: &OverlayChartProps) -> Html {
    let m = use_messages();
    let series = crate::domain::model::compare::overlay(&props.overlay);
    let summary = series
        .iter()
        .map(|s| {
            let items = props
                .axes
                .iter()
                .zip(&s.levels)
                .map(|(a, l)| match l {
                    Some(l) => fill(m.chart_item(), &[("name", &a.title), ("n", &l.to_string())]),
                    None => fill(m.chart_item_missing(), &[("name", &a.title)]),
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!("{}: {items}.", s.label)
        })
        .collect::<Vec<_>>()
        .join(" ");
    let names: Vec<Vec<String>> = props
        .axes
        .iter()
        .map(|a| chart::label_lines(&a.title))
        .collect();
    let letters = chart::axis_letters(props.axes.len());
    let outlines = html! {
        { for series.iter().enumerate().map(|(k, s)| {
            let pts = CHART.outline(&s.levels);
            let class = format!("s{k}");
            html! {
                <g class="series">
                    if pts.len() > 2 {
                        <polygon class={class.clone()} points={to_svg_points(&pts)} />
                    } else {
                        <polyline class={class.clone()} points={to_svg_points(&pts)} />
                    }
                    { for pts.iter().map(|p| marker(k, *p, format!("mark {class}"))) }
                </g>
            }
        }) }
    };
    // The full chart names its axes; the narrow one (phones, print) letters
    // them, with the names in a key, so its text stays large.
    let chart = |class: &'static str, labels: &[Vec<String>], reach: f64, suffix: &'static str| {
        let frame = chart::frame(&CHART, labels, reach);
        let (title_id, desc_id) = (
            format!("overlay-title{suffix}"),
            format!("overlay-desc{suffix}"),
        );
        html! {
            <svg class={class} viewBox={frame.view_box()} role="img" aria-labelledby={format!("{title_id} {desc_id}")} width={coord(frame.w)} height={coord(frame.h)}>
                <title id={title_id}>{ m.overlay_title() }</title>
                <desc id={desc_id}>{ summary.clone() }</desc>
                { grid(false) }
                { outlines.clone() }
                { grid(true) }
                <g class="labels" aria-hidden="true">
                    { for labels.iter().enumerate().map(|(i, lines)| {
                        let (p, anchor, top) = chart::label_place(&CHART, i, lines.len(), reach);
                        html! {
                            <text x={coord(p.x)} y={coord(top)} text-anchor={anchor}>
                                { for lines.iter().enumerate().map(|(k, line)| html! {
                                    <tspan x={coord(p.x)} dy={if k == 0 { "0" } else { "1.2em" }}>{ line.clone() }</tspan>
                                }) }
                            </text>
                        }
                    }) }
                </g>
            </svg>
        }
    };
    html! {
        <figure class="radar overlay">
            { chart("wide", &names, chart::NAME_REACH, "") }
            { chart("narrow", &letters, chart::LETTER_REACH, "-n") }
            <ol class="radar-key" type="A" aria-hidden="true">
                { for props.axes.iter().map(|a| html! { <li>{ a.title.clone() }</li> }) }
            </ol>
            <figcaption>
                <ul class="legend">
                    { for series.iter().enumerate().map(|(k, s)| html! { <li>{ legend_key(k) }{ &s.label }</li> }) }
                </ul>
                if props.overlay.len() > series.len() {
                    <p class="small">{ fill(m.overlay_latest(), &[("n", &series.len().to_string())]) }</p>
                }
            </figcaption>
        </figure>
    }
}
