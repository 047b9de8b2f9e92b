//! The radar chart as SVG markup, written here once: the results page, the
//! card on a portal, the thumbnails of the list and the downloaded file all
//! show this markup. Plain text building, tested natively; a Yew tree of
//! the same elements cost every page several kilobytes of wasm.

use crate::domain::markup::embed::escape_attr;
use crate::domain::markup::radar::{coord, to_svg_points, Point, Radar};
use crate::domain::model::rubric::{Level, LEVELS};

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

/// Font size of the axis labels, in the chart's units (the stylesheets say
/// the same); ring numbers are a little smaller.
pub const LABEL_SIZE: f64 = 13.0;
pub const RING_SIZE: f64 = 12.0;
const LINE: f64 = LABEL_SIZE * 1.2;

/// The width of `text` at `size`, estimated from the shape of its letters:
/// SVG text does not wrap and the core cannot measure it, so it errs wide
/// (the widest common sans fonts, bold), and the chart's frame grows to
/// hold the longest label of the language rather than cutting it.
pub fn text_width(text: &str, size: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | '\'' | '’' | '|' | '!' | ':' | ';' | 'í' | 'ì' | 'ï'
            | 'î' => 0.32,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' => 0.42,
            'm' | 'w' | 'M' | 'W' | '&' => 0.95,
            'A'..='Z' | 'À'..='Ý' => 0.74,
            _ => 0.64,
        })
        .sum();
    ems * size
}

/// The part of the plane a drawing covers: x, y, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Frame {
    fn around(boxes: impl IntoIterator<Item = (f64, f64, f64, f64)>, margin: f64) -> Frame {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (a, b, c, d) in boxes {
            x0 = x0.min(a);
            y0 = y0.min(b);
            x1 = x1.max(c);
            y1 = y1.max(d);
        }
        Frame {
            x: (x0 - margin).floor(),
            y: (y0 - margin).floor(),
            w: (x1 - x0 + 2.0 * margin).ceil(),
            h: (y1 - y0 + 2.0 * margin).ceil(),
        }
    }

    pub fn view_box(&self) -> String {
        format!(
            "{} {} {} {}",
            coord(self.x),
            coord(self.y),
            coord(self.w),
            coord(self.h)
        )
    }

    /// `viewBox`, `width` and `height` of an `<svg>` showing this frame.
    pub fn attrs(&self) -> String {
        format!(
            "viewBox=\"{}\" width=\"{}\" height=\"{}\"",
            self.view_box(),
            coord(self.w),
            coord(self.h)
        )
    }
}

/// How far past the outer ring a label starts, in levels: names close to
/// it; the narrow chart's large letters further out, clear of the ring
/// numbers.
pub const NAME_REACH: f64 = 0.45;
pub const LETTER_REACH: f64 = 0.9;

/// Where the label of axis `i` goes, `reach` levels past the outer ring:
/// its anchor point, `text-anchor`, and the baseline of its first line for
/// `lines` lines (labels above the centre grow upwards).
pub fn label_place(
    radar: &Radar,
    i: usize,
    lines: usize,
    reach: f64,
) -> (Point, &'static str, f64) {
    let p = radar.point(i, LEVELS as f64 + reach);
    let dx = p.x - radar.center.x;
    let anchor = if dx.abs() < 1.0 {
        "middle"
    } else if dx > 0.0 {
        "start"
    } else {
        "end"
    };
    let top = if p.y < radar.center.y - 1.0 {
        p.y - LINE * (lines.saturating_sub(1)) as f64
    } else {
        p.y
    };
    (p, anchor, top)
}

/// The frame that holds a radar and its labels, each label given as its
/// lines: nothing is cut, whatever the language.
pub fn frame(radar: &Radar, labels: &[Vec<String>], reach: f64) -> Frame {
    let r = radar.radius;
    let c = radar.center;
    let mut boxes = vec![(c.x - r, c.y - r, c.x + r, c.y + r)];
    for (i, lines) in labels.iter().enumerate() {
        let (p, anchor, top) = label_place(radar, i, lines.len(), reach);
        let w = lines
            .iter()
            .map(|l| text_width(l, LABEL_SIZE))
            .fold(0.0, f64::max);
        let (x0, x1) = match anchor {
            "start" => (p.x, p.x + w),
            "end" => (p.x - w, p.x),
            _ => (p.x - w / 2.0, p.x + w / 2.0),
        };
        let y0 = top - LABEL_SIZE;
        let y1 = top + LINE * (lines.len().saturating_sub(1)) as f64 + LABEL_SIZE * 0.3;
        boxes.push((x0, y0, x1, y1));
    }
    Frame::around(boxes, 6.0)
}

/// The lines of each axis label of the full chart: the name, then the
/// level (or "not assessed").
fn full_labels(axes: &[ChartAxis], not_assessed: &str) -> Vec<Vec<String>> {
    axes.iter()
        .map(|a| {
            let mut lines = label_lines(&a.title);
            lines.push(match a.level {
                Some(l) => l.to_string(),
                None => not_assessed.to_string(),
            });
            lines
        })
        .collect()
}

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

/// The grid and spokes every full-size chart shares (its ring numbers go
/// on top: `ring_labels`).
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
    out.push_str("</g>");
}

/// The ring numbers, drawn after everything else with a halo (`.ring-label`
/// in the styles), so that no outline or marker hides one.
pub fn ring_labels(out: &mut String) {
    out.push_str("<g class=\"grid\" aria-hidden=\"true\">");
    // Left of the first axis: clear of the dots and target squares on it.
    for l in Level::all() {
        let p = CHART.point(0, f64::from(l.get()));
        out.push_str(&format!(
            "<text class=\"ring-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{l}</text>",
            coord(p.x - 7.0),
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
    let labels = full_labels(axes, words.not_assessed);
    let mut out = format!(
        "<svg class=\"wide\" {} role=\"img\" aria-labelledby=\"radar-title radar-desc\"><title id=\"radar-title\">{}</title><desc id=\"radar-desc\">{} {}.</desc>",
        frame(&CHART, &labels, NAME_REACH).attrs(),
        esc(words.title),
        esc(words.desc),
        esc(words.summary),
    );
    plot(&mut out, axes);
    out.push_str("<g class=\"labels\" aria-hidden=\"true\">");
    axis_labels(&mut out, axes, &labels);
    out.push_str("</g></svg>");
    out
}

/// Each axis's label: its lines, the last (the level) in bold.
fn axis_labels(out: &mut String, axes: &[ChartAxis], labels: &[Vec<String>]) {
    let missing: Vec<bool> = axes.iter().map(|a| a.level.is_none()).collect();
    write_labels(out, labels, NAME_REACH, &|i| missing[i], true);
}

/// Axis labels as SVG text, `reach` levels past the outer ring, one
/// `tspan` per line; `missing(i)` marks an axis not assessed, and
/// `value_last` sets the last line (the level) apart.
fn write_labels(
    out: &mut String,
    labels: &[Vec<String>],
    reach: f64,
    missing: &dyn Fn(usize) -> bool,
    value_last: bool,
) {
    for (i, lines) in labels.iter().enumerate() {
        let (p, anchor, top) = label_place(&CHART, i, lines.len(), reach);
        let class = if missing(i) { " class=\"missing\"" } else { "" };
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
                if value_last && k == lines.len() - 1 {
                    " class=\"value\""
                } else {
                    ""
                },
                esc(line)
            ));
        }
        out.push_str("</text>");
    }
}

/// The targets' dashed outline: whole when every competency has a target;
/// otherwise only the sides between neighbouring competencies that both
/// have one, so that no line crosses the chart between two targets as if
/// the ones between them lay on it (a lone target is its square alone).
fn target_sides(out: &mut String, targets: &[Option<Level>]) {
    let n = targets.len();
    if n == 0 {
        return;
    }
    if targets.iter().all(Option::is_some) {
        shape(out, &CHART.outline(targets), "target");
        return;
    }
    for i in 0..n {
        let j = (i + 1) % n;
        if j == i {
            continue;
        }
        if let (Some(a), Some(b)) = (targets[i], targets[j]) {
            let (p, q) = (
                CHART.point(i, f64::from(a.get())),
                CHART.point(j, f64::from(b.get())),
            );
            out.push_str(&format!(
                "<line class=\"target\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"></line>",
                coord(p.x),
                coord(p.y),
                coord(q.x),
                coord(q.y)
            ));
        }
    }
}

/// The grid, the levels (filled outline, dots) and the targets (dashed
/// outline, squares: not told apart by colour alone).
fn plot(out: &mut String, axes: &[ChartAxis]) {
    let levels: Vec<Option<Level>> = axes.iter().map(|a| a.level).collect();
    let targets: Vec<Option<Level>> = axes.iter().map(|a| a.target).collect();
    let current = CHART.outline(&levels);
    let target = CHART.outline(&targets);
    grid(out);
    shape(out, &current, "current");
    target_sides(out, &targets);
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
    ring_labels(out);
}

/// The axes of the narrow chart: letters, never to be taken for levels.
pub fn axis_letters(n: usize) -> Vec<Vec<String>> {
    ('A'..='Z').take(n).map(|c| vec![c.to_string()]).collect()
}

/// The chart for narrow screens (phones, a small card, print): the same
/// plot with each axis lettered, so its text stays large on a small
/// screen; the names and levels go in a lettered key under it
/// (`figure_html`).
pub fn narrow_svg(axes: &[ChartAxis], words: &ChartWords) -> String {
    let labels = axis_letters(axes.len());
    let mut out = format!(
        "<svg class=\"narrow\" {} role=\"img\" aria-labelledby=\"radar-title-n radar-desc-n\"><title id=\"radar-title-n\">{}</title><desc id=\"radar-desc-n\">{} {}.</desc>",
        frame(&CHART, &labels, LETTER_REACH).attrs(),
        esc(words.title),
        esc(words.desc),
        esc(words.summary),
    );
    plot(&mut out, axes);
    out.push_str("<g class=\"labels\" aria-hidden=\"true\">");
    for (i, lines) in labels.iter().enumerate() {
        let (p, anchor, top) = label_place(&CHART, i, 1, LETTER_REACH);
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" class=\"value\">{}</text>",
            coord(p.x),
            coord(top),
            esc(&lines[0])
        ));
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
    /// Each axis in words ("Open Data: level 2"), numbered as the narrow
    /// chart letters its axes.
    pub key: &'a [String],
}

/// The chart with its legend (targets only when there are any) and its
/// notes, as the results page and the card show it.
pub fn figure_html(axes: &[ChartAxis], words: &FigureWords) -> String {
    let any_target = axes.iter().any(|a| a.target.is_some());
    let any_missing = axes.iter().any(|a| a.level.is_none());
    let mut out = String::from("<figure class=\"radar\">");
    out.push_str(&radar_svg(axes, &words.chart));
    out.push_str(&narrow_svg(axes, &words.chart));
    // The narrow chart's key; screen readers have the same in its description.
    out.push_str("<ol class=\"radar-key\" type=\"A\" aria-hidden=\"true\">");
    for item in words.key {
        out.push_str(&format!("<li>{}</li>", esc(item)));
    }
    out.push_str("</ol>");
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

/// The words of a downloaded chart, in the reader's language.
pub struct DownloadWords<'a> {
    pub title: &'a str,
    pub not_assessed: &'a str,
    pub legend_current: &'a str,
    pub legend_target: &'a str,
    /// The assessment: title, date.
    pub caption: &'a str,
    /// The model's full credit and licence, one paragraph each.
    pub credit: &'a [&'a str],
}

/// The style a chart needs once it has left the page.
const FILE_STYLE: &str = "text{font-family:Arial,Helvetica,sans-serif;font-size:13px;fill:#1b1f24}.ring-label{font-size:12px;fill:#4a525c;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}.ring,.spoke{fill:none;stroke:#c9ced6}.current{fill:rgba(11,79,138,.18);stroke:#0b4f8a;stroke-width:3}polyline.current,line.current{fill:none}.target{fill:none;stroke:#8a3b00;stroke-width:2.5;stroke-dasharray:7 5}.dot{fill:#0b4f8a}.target-mark{fill:#fff;stroke:#8a3b00;stroke-width:2.5}.value{font-weight:700}.missing .value{font-weight:400;font-style:italic;fill:#4a525c}.credit{font-size:12px;fill:#4a525c}";

/// Greedy word wrap to `width` at `size`, by `text_width`.
pub fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The full chart as an SVG file that stands alone: its style inside, the
/// legend under the chart, the assessment's caption and the model's full
/// credit, wrapped to the chart's width so nothing is cut.
pub fn download_svg(axes: &[ChartAxis], words: &DownloadWords) -> String {
    let labels = full_labels(axes, words.not_assessed);
    let chart = frame(&CHART, &labels, NAME_REACH);
    let width = chart.w.max(560.0);
    let x0 = chart.x - (width - chart.w) / 2.0;
    let left = x0 + 8.0;
    let mut y = chart.y + chart.h + 12.0;
    let mut below = String::new();
    // The legend: the same line and marker styles as the chart.
    let key = |below: &mut String, y: f64, class: &str, mark: String, text: &str| {
        below.push_str(&format!(
            "<line class=\"{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"></line>{mark}<text x=\"{}\" y=\"{}\">{}</text>",
            coord(left),
            coord(y - 4.0),
            coord(left + 32.0),
            coord(y - 4.0),
            coord(left + 42.0),
            coord(y),
            esc(text)
        ));
    };
    key(
        &mut below,
        y,
        "current",
        format!(
            "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"5\"></circle>",
            coord(left + 16.0),
            coord(y - 4.0)
        ),
        words.legend_current,
    );
    if axes.iter().any(|a| a.target.is_some()) {
        y += 22.0;
        key(
            &mut below,
            y,
            "target",
            format!(
                "<rect class=\"target-mark\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\"></rect>",
                coord(left + 11.0),
                coord(y - 9.0)
            ),
            words.legend_target,
        );
    }
    y += 28.0;
    for line in wrap(words.caption, width - 16.0, LABEL_SIZE) {
        below.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" class=\"value\">{}</text>",
            coord(left),
            coord(y),
            esc(&line)
        ));
        y += LINE;
    }
    for paragraph in words.credit {
        y += 4.0;
        for line in wrap(paragraph, width - 16.0, RING_SIZE) {
            below.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" class=\"credit\">{}</text>",
                coord(left),
                coord(y),
                esc(&line)
            ));
            y += RING_SIZE * 1.3;
        }
    }
    let whole = Frame {
        x: x0,
        y: chart.y,
        w: width,
        h: (y - chart.y + 6.0).ceil(),
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" {} role=\"img\"><title>{}</title><style>{FILE_STYLE}</style><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fff\"></rect>",
        whole.attrs(),
        esc(words.title),
        coord(whole.x),
        coord(whole.y),
        coord(whole.w),
        coord(whole.h),
    );
    plot(&mut out, axes);
    out.push_str("<g class=\"labels\">");
    axis_labels(&mut out, axes, &labels);
    out.push_str("</g>");
    out.push_str(&below);
    out.push_str("</svg>\n");
    out
}

/// One axis of the group's chart: a competency's name, the middle half of
/// the group on it (lower quartile, median, upper quartile, in halves of a
/// level) and the chosen place's level.
#[derive(Debug, Clone, PartialEq)]
pub struct BandAxis {
    pub title: String,
    pub band: Option<(u8, u8, u8)>,
    pub place: Option<Level>,
}

/// The words of the group's chart, in the reader's language.
pub struct BandWords<'a> {
    pub chart: ChartWords<'a>,
    pub legend_band: &'a str,
    pub legend_median: &'a str,
    /// The chosen place's name, when one is chosen.
    pub legend_place: Option<&'a str>,
    pub key: &'a [String],
}

/// The group's chart: the middle half as a shaded ring between the
/// quartiles, the median as a dashed outline with diamonds, and the chosen
/// place as a solid outline with dots (told apart by shape, not colour).
pub fn band_figure_html(axes: &[BandAxis], words: &BandWords) -> String {
    let names: Vec<Vec<String>> = axes.iter().map(|a| label_lines(&a.title)).collect();
    let mut plot = String::new();
    grid(&mut plot);
    let at = |pick: fn((u8, u8, u8)) -> u8| -> Vec<Point> {
        axes.iter()
            .enumerate()
            .filter_map(|(i, a)| a.band.map(|b| CHART.point(i, f64::from(pick(b)) / 2.0)))
            .collect()
    };
    let (q1, median, q3) = (at(|b| b.0), at(|b| b.1), at(|b| b.2));
    if q3.len() > 2 {
        // Outer minus inner: the even-odd rule leaves the middle half.
        plot.push_str(&format!(
            "<path class=\"band\" fill-rule=\"evenodd\" d=\"M{}Z M{}Z\"></path>",
            to_svg_points(&q3).replace(' ', " L"),
            to_svg_points(&q1).replace(' ', " L")
        ));
    }
    shape(&mut plot, &median, "median");
    for p in &median {
        plot.push_str(&format!(
            "<polygon class=\"median-mark\" points=\"{},{} {},{} {},{} {},{}\"></polygon>",
            coord(p.x),
            coord(p.y - 6.0),
            coord(p.x + 6.0),
            coord(p.y),
            coord(p.x),
            coord(p.y + 6.0),
            coord(p.x - 6.0),
            coord(p.y)
        ));
    }
    let levels: Vec<Option<Level>> = axes.iter().map(|a| a.place).collect();
    let place = CHART.outline(&levels);
    shape(&mut plot, &place, "current");
    for p in &place {
        plot.push_str(&format!(
            "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"5\"></circle>",
            coord(p.x),
            coord(p.y)
        ));
    }
    ring_labels(&mut plot);
    let w = &words.chart;
    let svg = |class: &str, labels: &[Vec<String>], reach: f64, suffix: &str| {
        let mut out = format!(
            "<svg class=\"{class}\" {} role=\"img\" aria-labelledby=\"band-title{suffix} band-desc{suffix}\"><title id=\"band-title{suffix}\">{}</title><desc id=\"band-desc{suffix}\">{} {}</desc>{plot}<g class=\"labels\" aria-hidden=\"true\">",
            frame(&CHART, labels, reach).attrs(),
            esc(w.title),
            esc(w.desc),
            esc(w.summary),
        );
        write_labels(&mut out, labels, reach, &|_| false, false);
        out.push_str("</g></svg>");
        out
    };
    let mut out = String::from("<figure class=\"radar band-chart\">");
    out.push_str(&svg("wide", &names, NAME_REACH, ""));
    out.push_str(&svg(
        "narrow",
        &axis_letters(axes.len()),
        LETTER_REACH,
        "-n",
    ));
    out.push_str("<ol class=\"radar-key\" type=\"A\" aria-hidden=\"true\">");
    for item in words.key {
        out.push_str(&format!("<li>{}</li>", esc(item)));
    }
    out.push_str(&format!(
        "</ol><figcaption><ul class=\"legend\"><li><span class=\"swatch band\" aria-hidden=\"true\"></span>{}</li><li><span class=\"swatch median\" aria-hidden=\"true\"></span><span class=\"diamond\" aria-hidden=\"true\"></span>{}</li>",
        esc(words.legend_band),
        esc(words.legend_median)
    ));
    if let Some(name) = words.legend_place {
        out.push_str(&format!(
            "<li><span class=\"swatch current\" aria-hidden=\"true\"></span>{}</li>",
            esc(name)
        ));
    }
    out.push_str("</ul></figcaption></figure>");
    out
}

/// One competency of a group's distribution, its words in the reader's
/// language.
pub struct DistRow {
    pub name: String,
    /// Places at each level, 1 to 5.
    pub at: [usize; LEVELS],
    pub missing: usize,
    /// The median in words ("3.5"), or a dash when no place was assessed.
    pub median: String,
}

/// The words of a distribution.
pub struct DistWords<'a> {
    pub caption: &'a str,
    pub competency: &'a str,
    /// Each level's column header ("1 · Ad hoc").
    pub levels: &'a [String],
    pub missing: &'a str,
    pub median: &'a str,
}

/// How many places sit at each level of each competency: a stacked bar
/// per competency (each part carries its level's digit, not colour alone;
/// hidden from screen readers, which have the table) and the same counts
/// as a table.
pub fn distribution_html(rows: &[DistRow], words: &DistWords) -> String {
    let mut out = String::from("<div class=\"dist\" aria-hidden=\"true\">");
    for r in rows {
        let total: usize = r.at.iter().sum::<usize>() + r.missing;
        out.push_str(&format!(
            "<div class=\"dist-row\"><span class=\"dist-name\">{}</span><svg class=\"dist-bar\" width=\"100%\" height=\"26\" focusable=\"false\">",
            esc(&r.name)
        ));
        // Percentages of the bar in tenths, without float formatting.
        let mut x = 0usize;
        let parts =
            r.at.iter()
                .enumerate()
                .map(|(i, n)| (format!("l{}", i + 1), (i + 1).to_string(), *n));
        for (class, digit, n) in parts.chain(std::iter::once((
            "none".to_string(),
            String::new(),
            r.missing,
        ))) {
            if n == 0 || total == 0 {
                continue;
            }
            let w = n * 1000 / total;
            let pct = |t: usize| format!("{}.{}%", t / 10, t % 10);
            out.push_str(&format!(
                "<rect class=\"seg {class}\" x=\"{}\" y=\"0\" width=\"{}\" height=\"26\"></rect>",
                pct(x),
                pct(w)
            ));
            if w >= 40 && !digit.is_empty() {
                out.push_str(&format!(
                    "<text x=\"{}\" y=\"18\" text-anchor=\"middle\">{digit}</text>",
                    pct(x + w / 2)
                ));
            }
            x += w;
        }
        out.push_str("</svg></div>");
    }
    out.push_str(&format!(
        "</div><div class=\"table-wrap\" role=\"region\" aria-label=\"{0}\" tabindex=\"0\"><table role=\"table\" class=\"stack dist-table\"><caption>{0}</caption><thead role=\"rowgroup\"><tr role=\"row\"><th role=\"columnheader\" scope=\"col\">{1}</th>",
        esc(words.caption),
        esc(words.competency)
    ));
    for h in words
        .levels
        .iter()
        .map(String::as_str)
        .chain([words.missing, words.median])
    {
        out.push_str(&format!(
            "<th role=\"columnheader\" scope=\"col\">{}</th>",
            esc(h)
        ));
    }
    out.push_str("</tr></thead><tbody role=\"rowgroup\">");
    for r in rows {
        out.push_str(&format!(
            "<tr role=\"row\"><th role=\"rowheader\" scope=\"row\">{}</th>",
            esc(&r.name)
        ));
        let counts =
            r.at.iter()
                .map(|n| n.to_string())
                .chain([r.missing.to_string(), r.median.clone()]);
        let labels = words
            .levels
            .iter()
            .map(String::as_str)
            .chain([words.missing, words.median]);
        for (label, value) in labels.zip(counts) {
            out.push_str(&format!(
                "<td role=\"cell\" data-label=\"{}\">{}</td>",
                esc(label),
                esc(&value)
            ));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
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
    fn a_distribution_has_a_bar_and_a_table_row_per_competency() {
        let rows = [
            DistRow {
                name: "Open <data>".into(),
                at: [1, 0, 2, 0, 1],
                missing: 1,
                median: "3".into(),
            },
            DistRow {
                name: "Analytics".into(),
                at: [0; 5],
                missing: 0,
                median: "–".into(),
            },
        ];
        let levels: Vec<String> = (1..=5).map(|i| format!("{i} · L")).collect();
        let html = distribution_html(
            &rows,
            &DistWords {
                caption: "Places per level",
                competency: "Competency",
                levels: &levels,
                missing: "Not assessed",
                median: "Median",
            },
        );
        assert_eq!(html.matches("class=\"dist-row\"").count(), 2);
        assert_eq!(
            html.matches("<rect").count(),
            4,
            "no part for a level no place holds"
        );
        assert!(
            html.contains("x=\"0.0%\" y=\"0\" width=\"20.0%\""),
            "{html}"
        );
        assert!(html.contains("x=\"20.0%\" y=\"0\" width=\"40.0%\""));
        assert_eq!(html.matches("<tr role=\"row\">").count(), 3);
        assert!(html.contains("Open &lt;data&gt;") && !html.contains("<data>"));
    }

    #[test]
    fn the_group_chart_draws_band_median_and_place() {
        let axes: Vec<BandAxis> = (0..5)
            .map(|i| BandAxis {
                title: format!("Name <{i}>"),
                band: (i != 3).then_some((3, 5, 8)),
                place: Level::new(2),
            })
            .collect();
        let key = vec!["A <b>".to_string()];
        let words = BandWords {
            chart: WORDS,
            legend_band: "Middle half",
            legend_median: "Median",
            legend_place: Some("Quito & co"),
            key: &key,
        };
        let html = band_figure_html(&axes, &words);
        assert_eq!(
            html.matches("<path class=\"band\"").count(),
            2,
            "wide and narrow"
        );
        assert_eq!(
            html.matches("class=\"median-mark\"").count(),
            8,
            "4 axes with a band, twice"
        );
        assert_eq!(html.matches("<circle class=\"dot\"").count(), 10);
        assert!(html.contains("Quito &amp; co") && html.contains("A &lt;b&gt;"));
        assert!(!html.contains("<b>") && !html.contains("Name <"));
        let none = band_figure_html(
            &axes
                .iter()
                .map(|a| BandAxis {
                    place: None,
                    ..a.clone()
                })
                .collect::<Vec<_>>(),
            &BandWords {
                legend_place: None,
                ..words
            },
        );
        assert!(!none.contains("class=\"dot\"") && !none.contains("swatch current"));
    }

    #[test]
    fn partial_targets_join_only_neighbours_never_across_the_chart() {
        let with = |targets: [Option<u8>; 5]| {
            let axes: Vec<ChartAxis> = targets
                .iter()
                .enumerate()
                .map(|(i, t)| ChartAxis {
                    title: format!("C{i}"),
                    level: Level::new(2),
                    target: t.and_then(Level::new),
                })
                .collect();
            radar_svg(&axes, &WORDS)
        };
        // Targets on the first and third: no side joins them.
        let apart = with([Some(4), None, Some(3), None, None]);
        assert_eq!(apart.matches("<line class=\"target\"").count(), 0);
        assert_eq!(apart.matches("<rect class=\"target-mark\"").count(), 2);
        // On neighbours (the last and the first are neighbours too).
        let next = with([Some(4), Some(3), None, None, Some(5)]);
        assert_eq!(next.matches("<line class=\"target\"").count(), 2);
        // All five: the whole outline.
        let all = with([Some(4); 5]);
        assert_eq!(all.matches("<polygon class=\"target\"").count(), 1);
        assert_eq!(all.matches("<line class=\"target\"").count(), 0);
    }

    #[test]
    fn a_full_chart_has_its_parts_and_escapes_its_text() {
        let svg = radar_svg(&axes([Some(2), Some(3), None, Some(1), Some(5)]), &WORDS);
        assert!(svg.starts_with("<svg class=\"wide\" viewBox=\""));
        assert!(svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<polygon class=\"ring\"").count(), 5);
        assert_eq!(svg.matches("class=\"current\"").count(), 1);
        assert_eq!(svg.matches("<circle class=\"dot\"").count(), 4);
        assert_eq!(svg.matches("<rect class=\"target-mark\"").count(), 1);
        assert!(
            !svg.contains("<polyline class=\"target\"") && !svg.contains("<line class=\"target\""),
            "a lone target: its square, no line"
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
    fn the_frame_grows_with_the_labels_and_always_holds_the_chart() {
        let short = frame(&CHART, &full_labels(&axes([Some(1); 5]), "-"), NAME_REACH);
        let long_axes: Vec<ChartAxis> = ["Cultiver des écosystèmes de données"; 5]
            .iter()
            .map(|t| ChartAxis {
                title: t.to_string(),
                level: None,
                target: None,
            })
            .collect();
        let long = frame(&CHART, &full_labels(&long_axes, "Non évaluée"), NAME_REACH);
        assert!(long.w > short.w && long.x < short.x);
        for f in [short, long] {
            assert!(
                f.x < CHART.center.x - CHART.radius && f.x + f.w > CHART.center.x + CHART.radius
            );
            assert!(
                f.y < CHART.center.y - CHART.radius && f.y + f.h > CHART.center.y + CHART.radius
            );
        }
        // Whether real text fits is measured in the browser, every language
        // and width (tests/e2e/people.test.mjs).
    }

    #[test]
    fn the_narrow_chart_letters_its_axes_with_ids_of_its_own() {
        let svg = narrow_svg(&axes([Some(2), None, Some(3), Some(1), Some(5)]), &WORDS);
        assert!(svg.starts_with("<svg class=\"narrow\" viewBox=\""));
        assert!(svg.contains("id=\"radar-title-n\"") && !svg.contains("id=\"radar-title\""));
        for letter in ["A", "B", "C", "D", "E"] {
            assert!(svg.contains(&format!(">{letter}</text>")));
        }
        assert!(
            !svg.contains("Competency"),
            "names are in the key, not the chart"
        );
    }

    #[test]
    fn a_downloaded_chart_has_its_legend_caption_and_whole_credit() {
        let credit = "Model: Anthony Townsend and Patricio Zambrano-Barragán, “Big Urban Data: A Strategic Guide for Cities”, Inter-American Development Bank (IDB), Technical Note IDB-TN-1655, October 2019.";
        let words = DownloadWords {
            title: "Levels",
            not_assessed: "Not assessed",
            legend_current: "Current level",
            legend_target: "Target",
            caption: "Quito · 3 May 2027",
            credit: &[credit, "Quoted under CC-IGO 3.0 BY-NC-ND."],
        };
        let with_target = download_svg(&axes([Some(2), Some(3), None, Some(1), Some(5)]), &words);
        assert!(with_target.starts_with("<?xml"));
        assert!(with_target.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(with_target.contains("<style>"));
        assert!(
            with_target.contains(">Current level</text>") && with_target.contains(">Target</text>")
        );
        assert!(with_target.contains(">Quito · 3 May 2027</text>"));
        let text: Vec<&str> = with_target
            .split("class=\"credit\">")
            .skip(1)
            .map(|t| t.split("</text>").next().unwrap_or(""))
            .collect();
        assert!(text.len() > 2, "the credit is wrapped: {text:?}");
        let joined = text.join(" ");
        assert!(
            joined.contains("Technical Note IDB-TN-1655, October 2019.")
                && joined.contains("CC-IGO 3.0 BY-NC-ND.")
        );
        let no_target = download_svg(
            &axes([Some(2); 5])
                .into_iter()
                .map(|a| ChartAxis { target: None, ..a })
                .collect::<Vec<_>>(),
            &words,
        );
        assert!(!no_target.contains(">Target</text>"));
    }

    proptest::proptest! {
        #[test]
        fn wrapping_keeps_every_word_and_the_width(text in "[a-zé ]{0,200}", width in 40.0f64..400.0) {
            let lines = wrap(&text, width, 12.0);
            proptest::prop_assert_eq!(lines.join(" "), text.split_whitespace().collect::<Vec<_>>().join(" "));
            for l in &lines {
                proptest::prop_assert!(!l.contains(' ') || text_width(l, 12.0) <= width);
            }
        }
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
