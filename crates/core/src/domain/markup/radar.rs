//! Geometry of the radar chart, kept apart from rendering so it can be tested
//! natively. Axis 0 points straight up; axes go clockwise in rubric order.
//!
//! Coordinates are whole tenths and printed with integer arithmetic: pulling
//! in float formatting and trigonometry would cost about 15 KB of wasm.

use crate::domain::model::rubric::{Level, COMPETENCIES, LEVELS};

/// (sin, cos) of each axis angle, 360°/5 apart: the model always has five
/// competencies (the rubric validation enforces it).
const UNIT: [(f64, f64); COMPETENCIES] = [
    (0.0, 1.0),
    (0.951_056_516_295_153_5, 0.309_016_994_374_947_45),
    (0.587_785_252_292_473_1, -0.809_016_994_374_947_5),
    (-0.587_785_252_292_473_1, -0.809_016_994_374_947_5),
    (-0.951_056_516_295_153_5, 0.309_016_994_374_947_45),
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Radar {
    pub center: Point,
    pub radius: f64,
}

impl Radar {
    pub const AXES: usize = COMPETENCIES;

    /// Where `value` (0 = centre, LEVELS = rim) sits on axis `axis`.
    pub fn point(&self, axis: usize, value: f64) -> Point {
        let (sin, cos) = UNIT[axis % Self::AXES];
        let r = self.radius * value / LEVELS as f64;
        Point {
            x: tenths(self.center.x + r * sin),
            y: tenths(self.center.y - r * cos),
        }
    }

    /// A ring of the grid at one level, as SVG `points`.
    pub fn ring(&self, level: Level) -> String {
        let pts: Vec<Point> = (0..Self::AXES)
            .map(|i| self.point(i, f64::from(level.get())))
            .collect();
        to_svg_points(&pts)
    }

    /// The outline of a profile, skipping competencies without a level: a
    /// missing value is left out, never drawn as zero.
    pub fn outline(&self, levels: &[Option<Level>]) -> Vec<Point> {
        levels
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.map(|l| self.point(i, f64::from(l.get()))))
            .collect()
    }
}

/// A trend line of levels across columns, in a `width` × `height` box with
/// `margin` all round: level 1 at the bottom, 5 at the top, columns evenly
/// spaced; a column without a level has no point.
pub fn trend(levels: &[Option<Level>], width: f64, height: f64, margin: f64) -> Vec<Point> {
    let step = match levels.len() {
        0 | 1 => 0.0,
        n => (width - 2.0 * margin) / (n - 1) as f64,
    };
    let rise = (height - 2.0 * margin) / (LEVELS - 1) as f64;
    levels
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            l.map(|l| Point {
                x: tenths(margin + step * i as f64),
                y: tenths(height - margin - f64::from(l.get() - 1) * rise),
            })
        })
        .collect()
}

pub fn to_svg_points(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", coord(p.x), coord(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn tenths(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// An SVG coordinate with one decimal, e.g. `-12.5`, without float formatting.
pub fn coord(v: f64) -> String {
    let t = (v * 10.0).round() as i64;
    let sign = if t < 0 { "-" } else { "" };
    let (whole, frac) = (t.abs() / 10, t.abs() % 10);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn trend_puts_level_one_at_the_bottom_and_skips_gaps() {
        let l = Level::new;
        let pts = trend(&[l(1), None, l(5)], 120.0, 44.0, 6.0);
        assert_eq!(pts, [Point { x: 6.0, y: 38.0 }, Point { x: 114.0, y: 6.0 }]);
        assert_eq!(
            trend(&[l(3)], 120.0, 44.0, 6.0),
            [Point { x: 6.0, y: 22.0 }]
        );
        assert!(trend(&[None, None], 120.0, 44.0, 6.0).is_empty());
    }
    use proptest::prelude::*;

    const R: Radar = Radar {
        center: Point { x: 100.0, y: 100.0 },
        radius: 50.0,
    };

    #[test]
    fn first_axis_points_up_and_rim_is_level_five() {
        assert_eq!(R.point(0, 5.0), Point { x: 100.0, y: 50.0 });
        assert_eq!(R.point(0, 0.0), R.center);
    }

    #[test]
    fn missing_levels_are_left_out_not_drawn_at_zero() {
        let pts = R.outline(&[Level::new(5), None, Level::new(5), None, None]);
        assert_eq!(pts.len(), 2);
        assert!(!pts.contains(&R.center));
    }

    #[test]
    fn unit_vectors_are_the_five_axis_angles() {
        for (i, (sin, cos)) in UNIT.iter().enumerate() {
            let angle = std::f64::consts::TAU * i as f64 / 5.0;
            assert!((angle.sin() - sin).abs() < 1e-12 && (angle.cos() - cos).abs() < 1e-12);
        }
    }

    #[test]
    fn coordinates_print_with_one_decimal() {
        assert_eq!(coord(12.0), "12");
        assert_eq!(coord(12.34), "12.3");
        assert_eq!(coord(-0.06), "-0.1");
        assert_eq!(coord(-3.0), "-3");
        assert_eq!(coord(0.04), "0");
    }

    proptest! {
        #[test]
        fn coord_parses_back_to_the_rounded_value(v in -10_000.0f64..10_000.0) {
            let parsed: f64 = coord(v).parse().unwrap();
            prop_assert!((parsed - v).abs() <= 0.05 + 1e-9);
        }

        #[test]
        fn points_lie_at_the_level_distance(axis in 0usize..5, level in 1u8..=5) {
            let p = R.point(axis, f64::from(level));
            let d = ((p.x - 100.0).powi(2) + (p.y - 100.0).powi(2)).sqrt();
            // Each coordinate is rounded to a tenth: off by at most 0.05·√2.
            prop_assert!((d - 10.0 * f64::from(level)).abs() <= 0.0708);
        }
    }
}
