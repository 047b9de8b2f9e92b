//! One small stable sort for the whole app. The standard library's sorts
//! are fast but large, and each element type and comparison gets its own
//! copy in the wasm; these lists are short (a device's assessments, a
//! record's fields), so one merge sort over positions, shared by all of
//! them, is the better trade.

use std::cmp::Ordering;

/// The positions `0..n` in the order `cmp` gives; equal ones keep their
/// order. O(n log n) comparisons, whatever the input.
pub fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = a.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut l, mut r) = (start, mid);
            for slot in &mut b[start..end] {
                // Take from the right only when strictly smaller: stable.
                let right = r < end && (l >= mid || cmp(a[r], a[l]) == Ordering::Less);
                if right {
                    *slot = a[r];
                    r += 1;
                } else {
                    *slot = a[l];
                    l += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Sorts `v` by `cmp`, stably.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let positions = order(v.len(), &|x, y| cmp(&v[x], &v[y]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(positions.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }
    }
}
