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
    pub fn all(profile: &Profile) -> Vec<Axis> {
        profile
            .rows
            .iter()
            .map(|r| Axis {
                title: r.competency.title.clone(),
                level: r.level,
                target: r.target,
            })
            .collect()
    }
}

#[derive(Properties, PartialEq)]
pub struct RadarChartProps {
    pub axes: Vec<Axis>,
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
