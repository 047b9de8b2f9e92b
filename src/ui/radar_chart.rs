use super::use_messages;
use crate::domain::radar::{coord, to_svg_points, Point, Radar};
use crate::domain::rubric::{Level, LEVELS};
use crate::domain::scoring::Profile;
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
pub struct RadarChartProps {
    pub axes: Vec<Axis>,
    /// When given, these outlines are drawn instead of the axes' levels and
    /// targets, each with its own line style and marker shape (not colour
    /// alone), at most `compare::MAX_OVERLAY`.
    #[prop_or_default]
    pub overlay: Vec<Series>,
}

/// A marker of overlay series `k`: circle, square, diamond, triangle.
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
        1 => {
            html! { <rect {class} x={coord(x - 5.0)} y={coord(y - 5.0)} width="10" height="10" /> }
        }
        2 => poly(&[(0.0, -7.0), (7.0, 0.0), (0.0, 7.0), (-7.0, 0.0)]),
        _ => poly(&[(0.0, -7.0), (6.5, 5.0), (-6.5, 5.0)]),
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

// Wider than tall: the axis labels left and right need the room.
const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 430.0;
const CHART: Radar = Radar {
    center: Point {
        x: WIDTH / 2.0,
        y: HEIGHT / 2.0 + 5.0,
    },
    radius: 150.0,
};

/// Splits a label into at most two lines near the middle, since SVG text does not wrap.
fn label_lines(title: &str) -> Vec<String> {
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() < 2 || title.chars().count() <= 14 {
        return vec![title.to_string()];
    }
    let half = title.chars().count() / 2;
    let mut best = 1;
    let mut best_gap = usize::MAX;
    for cut in 1..words.len() {
        let left = words[..cut].join(" ").chars().count();
        let gap = left.abs_diff(half);
        if gap < best_gap {
            best_gap = gap;
            best = cut;
        }
    }
    vec![words[..best].join(" "), words[best..].join(" ")]
}

#[component]
pub fn RadarChart(props: &RadarChartProps) -> Html {
    let m = use_messages();
    if !props.overlay.is_empty() {
        return overlay_chart(m, props);
    }
    let levels: Vec<Option<Level>> = props.axes.iter().map(|a| a.level).collect();
    let targets: Vec<Option<Level>> = props.axes.iter().map(|a| a.target).collect();
    let current = CHART.outline(&levels);
    let target = CHART.outline(&targets);
    let any_target = !target.is_empty();
    let any_missing = levels.iter().any(Option::is_none);
    let summary = props
        .axes
        .iter()
        .map(|a| {
            let base = match a.level {
                Some(l) => fill(m.chart_item, &[("name", &a.title), ("n", &l.to_string())]),
                None => fill(m.chart_item_missing, &[("name", &a.title)]),
            };
            match a.target {
                Some(t) => format!(
                    "{base}, {}",
                    fill(m.chart_target_item, &[("n", &t.to_string())])
                ),
                None => base,
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let shape = |pts: &[Point], class: &'static str| match pts.len() {
        0 => html! {},
        1 | 2 => html! { <polyline class={class} points={to_svg_points(pts)} /> },
        _ => html! { <polygon class={class} points={to_svg_points(pts)} /> },
    };
    html! {
        <figure class="radar">
            <svg viewBox={format!("0 0 {} {}", coord(WIDTH), coord(HEIGHT))} role="img" aria-labelledby="radar-title radar-desc" width={coord(WIDTH)} height={coord(HEIGHT)}>
                <title id="radar-title">{ m.chart_title }</title>
                <desc id="radar-desc">{ format!("{} {summary}.", m.chart_desc) }</desc>
                { grid() }
                { shape(&current, "current") }
                { if any_target { shape(&target, "target") } else { html! {} } }
                { for current.iter().map(|p| html! { <circle class="dot" cx={coord(p.x)} cy={coord(p.y)} r="5" /> }) }
                // Squares mark targets, so a single target still shows, and not by colour alone.
                { for target.iter().map(|p| html! { <rect class="target-mark" x={coord(p.x - 5.0)} y={coord(p.y - 5.0)} width="10" height="10" /> }) }
                <g class="labels" aria-hidden="true">
                    { for props.axes.iter().enumerate().map(|(i, a)| {
                        let p = CHART.point(i, LEVELS as f64 + 0.45);
                        let dx = p.x - CHART.center.x;
                        let anchor = if dx.abs() < 1.0 { "middle" } else if dx > 0.0 { "start" } else { "end" };
                        let mut lines = label_lines(&a.title);
                        lines.push(match a.level {
                            Some(l) => l.to_string(),
                            None => m.not_assessed.to_string(),
                        });
                        let top = if p.y < CHART.center.y - 1.0 { p.y - 14.0 * (lines.len() - 1) as f64 } else { p.y };
                        html! {
                            <text x={coord(p.x)} y={coord(top)} text-anchor={anchor} class={classes!(a.level.is_none().then_some("missing"))}>
                                { for lines.iter().enumerate().map(|(k, line)| html! {
                                    <tspan x={coord(p.x)} dy={if k == 0 { "0".to_string() } else { "1.2em".to_string() }}
                                        class={classes!((k == lines.len() - 1).then_some("value"))}>{ line }</tspan>
                                }) }
                            </text>
                        }
                    }) }
                </g>
            </svg>
            <figcaption>
                <ul class="legend">
                    <li><span class="swatch current" aria-hidden="true"></span>{ m.legend_current }</li>
                    if any_target { <li><span class="swatch target" aria-hidden="true"></span><span class="square" aria-hidden="true"></span>{ m.legend_target }</li> }
                </ul>
                if any_missing { <p class="small">{ m.chart_missing_note }</p> }
                <p class="small">{ m.chart_desc }</p>
            </figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct MiniChartProps {
    pub axes: Vec<Axis>,
}

/// A thumbnail of the levels for lists; its text alternative names them all.
#[component]
pub fn MiniChart(props: &MiniChartProps) -> Html {
    const MINI: Radar = Radar {
        center: Point { x: 32.0, y: 32.0 },
        radius: 28.0,
    };
    let m = use_messages();
    let levels: Vec<Option<Level>> = props.axes.iter().map(|a| a.level).collect();
    let pts = MINI.outline(&levels);
    let summary = props
        .axes
        .iter()
        .map(|a| match a.level {
            Some(l) => fill(m.chart_item, &[("name", &a.title), ("n", &l.to_string())]),
            None => fill(m.chart_item_missing, &[("name", &a.title)]),
        })
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <svg class="mini-chart" viewBox="0 0 64 64" width="64" height="64" role="img" aria-label={fill(m.mini_chart_label, &[("levels", &summary)])}>
            <polygon class="ring" points={MINI.ring(Level::MAX)} />
            <polygon class="ring" points={MINI.ring(Level::MIN)} />
            if pts.len() > 2 {
                <polygon class="current" points={to_svg_points(&pts)} />
            } else {
                <polyline class="current" points={to_svg_points(&pts)} />
            }
        </svg>
    }
}

/// The grid, spokes and ring numbers every chart shares.
fn grid() -> Html {
    html! {
        <g class="grid" aria-hidden="true">
            { for Level::all().map(|l| html! { <polygon class="ring" points={CHART.ring(l)} /> }) }
            { for (0..Radar::AXES).map(|i| {
                let end = CHART.point(i, LEVELS as f64);
                html! { <line class="spoke" x1={coord(CHART.center.x)} y1={coord(CHART.center.y)} x2={coord(end.x)} y2={coord(end.y)} /> }
            }) }
            { for Level::all().map(|l| {
                let p = CHART.point(0, f64::from(l.get()));
                html! { <text class="ring-label" x={coord(p.x + 4.0)} y={coord(p.y - 3.0)}>{ l.to_string() }</text> }
            }) }
        </g>
    }
}

fn overlay_chart(m: &crate::i18n::Messages, props: &RadarChartProps) -> Html {
    let series = crate::domain::compare::overlay(&props.overlay);
    let summary = series
        .iter()
        .map(|s| {
            let items = props
                .axes
                .iter()
                .zip(&s.levels)
                .map(|(a, l)| match l {
                    Some(l) => fill(m.chart_item, &[("name", &a.title), ("n", &l.to_string())]),
                    None => fill(m.chart_item_missing, &[("name", &a.title)]),
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!("{}: {items}.", s.label)
        })
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        <figure class="radar overlay">
            <svg viewBox={format!("0 0 {} {}", coord(WIDTH), coord(HEIGHT))} role="img" aria-labelledby="overlay-title overlay-desc" width={coord(WIDTH)} height={coord(HEIGHT)}>
                <title id="overlay-title">{ m.overlay_title }</title>
                <desc id="overlay-desc">{ summary }</desc>
                { grid() }
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
                <g class="labels" aria-hidden="true">
                    { for props.axes.iter().enumerate().map(|(i, a)| {
                        let p = CHART.point(i, LEVELS as f64 + 0.45);
                        let dx = p.x - CHART.center.x;
                        let anchor = if dx.abs() < 1.0 { "middle" } else if dx > 0.0 { "start" } else { "end" };
                        let lines = label_lines(&a.title);
                        let top = if p.y < CHART.center.y - 1.0 { p.y - 14.0 * (lines.len() - 1) as f64 } else { p.y };
                        html! {
                            <text x={coord(p.x)} y={coord(top)} text-anchor={anchor}>
                                { for lines.iter().enumerate().map(|(k, line)| html! {
                                    <tspan x={coord(p.x)} dy={if k == 0 { "0" } else { "1.2em" }}>{ line }</tspan>
                                }) }
                            </text>
                        }
                    }) }
                </g>
            </svg>
            <figcaption>
                <ul class="legend">
                    { for series.iter().enumerate().map(|(k, s)| html! { <li>{ legend_key(k) }{ &s.label }</li> }) }
                </ul>
                if props.overlay.len() > series.len() {
                    <p class="small">{ fill(m.overlay_latest, &[("n", &series.len().to_string())]) }</p>
                }
            </figcaption>
        </figure>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::label_lines;

    #[test]
    fn long_labels_split_in_two_near_the_middle() {
        assert_eq!(label_lines("Analytics"), vec!["Analytics"]);
        assert_eq!(
            label_lines("Participation & Public Services"),
            vec!["Participation &", "Public Services"]
        );
    }
}
