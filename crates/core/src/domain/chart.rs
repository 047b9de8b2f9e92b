//! The radar chart as SVG markup, written here once: the results page, the
//! card on a portal, the thumbnails of the list and the downloaded file all
//! show this markup. Plain text building, tested natively; a Yew tree of
//! the same elements cost every page several kilobytes of wasm.

use super::embed::escape_attr;
use super::radar::{coord, to_svg_points, Point, Radar};
use super::rubric::{Level, LEVELS};

/// One axis: a competency's name in the reader's language, its level and
/// target.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartAxis {
    pub title: String,
    pub level: Option<Level>,
    pub target: Option<Level>,
}

/// The words a chart needs, in the reader's language.
pub struct ChartWords<'a> {
    pub title: &'a str,
    /// Said before the summary of every axis, e.g. "The levels:".
    pub desc: &'a str,
    /// The summary of the axes, e.g. "Open Data: level 2; …".
    pub summary: &'a str,
    /// Under the axis of a competency not assessed.
    pub not_assessed: &'a str,
}

// Wider than tall: the axis labels left and right need the room.
pub const WIDTH: f64 = 600.0;
pub const HEIGHT: f64 = 430.0;
pub const CHART: Radar = Radar {
    center: Point {
        x: WIDTH / 2.0,
        y: HEIGHT / 2.0 + 5.0,
    },
    radius: 150.0,
};

/// Text for an SVG text node or attribute value.
fn esc(text: &str) -> String {
    escape_attr(text)
}

/// Splits a label into at most two lines near the middle, since SVG text
/// does not wrap.
pub fn label_lines(title: &str) -> Vec<String> {
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

/// An outline: a polygon, or a polyline when it has fewer than three points.
fn shape(out: &mut String, pts: &[Point], class: &str) {
    match pts.len() {
        0 => {}
        1 | 2 => out.push_str(&format!(
            "<polyline class=\"{class}\" points=\"{}\"></polyline>",
            to_svg_points(pts)
        )),
        _ => out.push_str(&format!(
            "<polygon class=\"{class}\" points=\"{}\"></polygon>",
            to_svg_points(pts)
        )),
    }
}

/// The grid, spokes and ring numbers every full-size chart shares.
pub fn grid(out: &mut String) {
    out.push_str("<g class=\"grid\" aria-hidden=\"true\">");
    for l in Level::all() {
        out.push_str(&format!(
            "<polygon class=\"ring\" points=\"{}\"></polygon>",
            CHART.ring(l)
        ));
    }
    for i in 0..Radar::AXES {
        let end = CHART.point(i, LEVELS as f64);
        out.push_str(&format!(
            "<line class=\"spoke\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"></line>",
            coord(CHART.center.x),
            coord(CHART.center.y),
            coord(end.x),
            coord(end.y)
        ));
    }
    for l in Level::all() {
        let p = CHART.point(0, f64::from(l.get()));
        out.push_str(&format!(
            "<text class=\"ring-label\" x=\"{}\" y=\"{}\">{l}</text>",
            coord(p.x + 4.0),
            coord(p.y - 3.0)
        ));
    }
    out.push_str("</g>");
}

/// The full chart of one assessment: levels as a filled outline with dots,
/// targets as a dashed outline with squares (not by colour alone), each
/// axis named with its level. Its title and description carry the same in
/// words, for screen readers.
pub fn radar_svg(axes: &[ChartAxis], words: &ChartWords) -> String {
    let levels: Vec<Option<Level>> = axes.iter().map(|a| a.level).collect();
    let targets: Vec<Option<Level>> = axes.iter().map(|a| a.target).collect();
    let current = CHART.outline(&levels);
    let target = CHART.outline(&targets);
    let mut out = format!(
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"radar-title radar-desc\" width=\"{w}\" height=\"{h}\"><title id=\"radar-title\">{}</title><desc id=\"radar-desc\">{} {}.</desc>",
        esc(words.title),
        esc(words.desc),
        esc(words.summary),
        w = coord(WIDTH),
        h = coord(HEIGHT),
    );
    grid(&mut out);
    shape(&mut out, &current, "current");
    shape(&mut out, &target, "target");
    for p in &current {
        out.push_str(&format!(
            "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"5\"></circle>",
            coord(p.x),
            coord(p.y)
        ));
    }
    for p in &target {
        out.push_str(&format!(
            "<rect class=\"target-mark\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\"></rect>",
            coord(p.x - 5.0),
            coord(p.y - 5.0)
        ));
    }
    out.push_str("<g class=\"labels\" aria-hidden=\"true\">");
    for (i, a) in axes.iter().enumerate() {
        let p = CHART.point(i, LEVELS as f64 + 0.45);
        let dx = p.x - CHART.center.x;
        let anchor = if dx.abs() < 1.0 {
            "middle"
        } else if dx > 0.0 {
            "start"
        } else {
            "end"
        };
        let mut lines = label_lines(&a.title);
        lines.push(match a.level {
            Some(l) => l.to_string(),
            None => words.not_assessed.to_string(),
        });
        let top = if p.y < CHART.center.y - 1.0 {
            p.y - 14.0 * (lines.len() - 1) as f64
        } else {
            p.y
        };
        let class = if a.level.is_none() {
            " class=\"missing\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\"{class}>",
            coord(p.x),
            coord(top)
        ));
        for (k, line) in lines.iter().enumerate() {
            out.push_str(&format!(
                "<tspan x=\"{}\" dy=\"{}\"{}>{}</tspan>",
                coord(p.x),
                if k == 0 { "0" } else { "1.2em" },
                if k == lines.len() - 1 {
                    " class=\"value\""
                } else {
                    ""
                },
                esc(line)
            ));
        }
        out.push_str("</text>");
    }
    out.push_str("</g></svg>");
    out
}

/// The words around a chart, in the reader's language.
pub struct FigureWords<'a> {
    pub chart: ChartWords<'a>,
    pub legend_current: &'a str,
    pub legend_target: &'a str,
    /// Said when a competency was not assessed.
    pub missing_note: &'a str,
}

/// The chart with its legend (targets only when there are any) and its
/// notes, as the results page and the card show it.
pub fn figure_html(axes: &[ChartAxis], words: &FigureWords) -> String {
    let any_target = axes.iter().any(|a| a.target.is_some());
    let any_missing = axes.iter().any(|a| a.level.is_none());
    let mut out = String::from("<figure class=\"radar\">");
    out.push_str(&radar_svg(axes, &words.chart));
    out.push_str(&format!(
        "<figcaption><ul class=\"legend\"><li><span class=\"swatch current\" aria-hidden=\"true\"></span>{}</li>",
        esc(words.legend_current)
    ));
    if any_target {
        out.push_str(&format!(
            "<li><span class=\"swatch target\" aria-hidden=\"true\"></span><span class=\"square\" aria-hidden=\"true\"></span>{}</li>",
            esc(words.legend_target)
        ));
    }
    out.push_str("</ul>");
    if any_missing {
        out.push_str(&format!(
            "<p class=\"small\">{}</p>",
            esc(words.missing_note)
        ));
    }
    out.push_str(&format!(
        "<p class=\"small\">{}</p></figcaption></figure>",
        esc(words.chart.desc)
    ));
    out
}

/// A thumbnail of the levels for lists, named in full by `label`.
pub fn mini_svg(levels: &[Option<Level>], label: &str) -> String {
    const MINI: Radar = Radar {
        center: Point { x: 32.0, y: 32.0 },
        radius: 28.0,
    };
    let pts = MINI.outline(levels);
    let mut out = format!(
        "<svg class=\"mini-chart\" viewBox=\"0 0 64 64\" width=\"64\" height=\"64\" role=\"img\" aria-label=\"{}\"><polygon class=\"ring\" points=\"{}\"></polygon><polygon class=\"ring\" points=\"{}\"></polygon>",
        esc(label),
        MINI.ring(Level::MAX),
        MINI.ring(Level::MIN)
    );
    let kind = if pts.len() > 2 { "polygon" } else { "polyline" };
    out.push_str(&format!(
        "<{kind} class=\"current\" points=\"{}\"></{kind}></svg>",
        to_svg_points(&pts)
    ));
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn axes(levels: [Option<u8>; 5]) -> Vec<ChartAxis> {
        levels
            .iter()
            .enumerate()
            .map(|(i, l)| ChartAxis {
                title: format!("Competency <{i}> & more words"),
                level: l.and_then(Level::new),
                target: (i == 2).then(|| Level::new(5)).flatten(),
            })
            .collect()
    }

    const WORDS: ChartWords = ChartWords {
        title: "Levels",
        desc: "The chart:",
        summary: "a \"quoted\" summary",
        not_assessed: "Not assessed",
    };

    #[test]
    fn a_full_chart_has_its_parts_and_escapes_its_text() {
        let svg = radar_svg(&axes([Some(2), Some(3), None, Some(1), Some(5)]), &WORDS);
        assert!(svg.starts_with("<svg viewBox=\"0 0 600 430\" role=\"img\""));
        assert!(svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<polygon class=\"ring\"").count(), 5);
        assert_eq!(svg.matches("class=\"current\"").count(), 1);
        assert_eq!(svg.matches("<circle class=\"dot\"").count(), 4);
        assert_eq!(svg.matches("<rect class=\"target-mark\"").count(), 1);
        assert_eq!(
            svg.matches("<polyline class=\"target\"").count(),
            1,
            "one target: a line"
        );
        assert!(svg.contains("class=\"missing\""));
        assert!(svg.contains("Not assessed"));
        assert!(svg.contains("&lt;0&gt;") && svg.contains("&amp; more"));
        assert!(svg.contains("a &quot;quoted&quot; summary"));
        assert!(!svg.contains("<0>"));
    }

    #[test]
    fn a_thumbnail_names_its_levels() {
        let all: Vec<Option<Level>> = Level::all().map(Some).collect();
        let svg = mini_svg(&all, "A <b>");
        assert!(svg.contains("aria-label=\"A &lt;b&gt;\""));
        assert!(svg.contains("<polygon class=\"current\""));
        let one = mini_svg(&[Level::new(1), None, None, None, None], "x");
        assert!(one.contains("<polyline class=\"current\""));
    }

    #[test]
    fn long_labels_break_near_the_middle() {
        assert_eq!(label_lines("Open Data"), ["Open Data"]);
        assert_eq!(
            label_lines("Participation & Public Services"),
            ["Participation &", "Public Services"]
        );
    }
}
