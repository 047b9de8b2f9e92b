//! Geometry of the radar chart, kept apart from rendering so it can be tested
//! natively. Axis 0 points straight up; axes go clockwise in rubric order.

use super::rubric::{Level, LEVELS};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Radar {
    pub center: Point,
    pub radius: f64,
    pub axes: usize,
}

impl Radar {
    /// Where `value` (0 = centre, LEVELS = rim) sits on axis `axis`.
    pub fn point(&self, axis: usize, value: f64) -> Point {
        let angle = std::f64::consts::TAU * axis as f64 / self.axes.max(1) as f64;
        let r = self.radius * value / LEVELS as f64;
        Point {
            x: round2(self.center.x + r * angle.sin()),
            y: round2(self.center.y - r * angle.cos()),
        }
    }

    /// A ring of the grid at one level, as SVG `points`.
    pub fn ring(&self, level: Level) -> String {
        let pts: Vec<Point> = (0..self.axes)
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

pub fn to_svg_points(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ")
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const R: Radar = Radar {
        center: Point { x: 100.0, y: 100.0 },
        radius: 50.0,
        axes: 5,
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

    proptest! {
        #[test]
        fn points_lie_at_the_level_distance(axis in 0usize..5, level in 1u8..=5) {
            let p = R.point(axis, f64::from(level));
            let d = ((p.x - 100.0).powi(2) + (p.y - 100.0).powi(2)).sqrt();
            prop_assert!((d - 10.0 * f64::from(level)).abs() < 0.05);
        }
    }
}
