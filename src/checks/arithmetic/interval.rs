//! Closed intervals of reals with open ends at infinity, for arithmetic on figures whose
//! written precision and hedges leave a range of true values.
//!
//! Every operation returns an interval that contains every result of the operation on
//! values of its operands, so a check that fires only when intervals are disjoint never
//! fires on rounding. Whenever a bound cannot be computed (infinity times zero), the
//! result is the whole line: unknown, never a false certainty.

use crate::claim::Interval;

/// `[lo, hi]`; `lo` may be -inf, `hi` may be +inf.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Iv {
    pub lo: f64,
    pub hi: f64,
}

impl Iv {
    pub const ALL: Iv = Iv {
        lo: f64::NEG_INFINITY,
        hi: f64::INFINITY,
    };

    /// The interval between two bounds, in either order; a NaN bound makes it the whole line.
    pub fn new(a: f64, b: f64) -> Iv {
        if a.is_nan() || b.is_nan() {
            return Iv::ALL;
        }
        Iv {
            lo: a.min(b),
            hi: a.max(b),
        }
    }

    pub fn point(v: f64) -> Iv {
        Iv::new(v, v)
    }

    /// A claim's interval (`None` ends are open).
    pub fn of(i: &Interval) -> Iv {
        Iv::new(
            i.low.unwrap_or(f64::NEG_INFINITY),
            i.high.unwrap_or(f64::INFINITY),
        )
    }

    pub fn is_point(&self) -> bool {
        self.lo == self.hi
    }

    pub fn is_bounded(&self) -> bool {
        self.lo.is_finite() && self.hi.is_finite()
    }

    /// Half the width (infinite for an open interval).
    pub fn half_width(&self) -> f64 {
        (self.hi - self.lo) / 2.0
    }

    /// Wider by `by` on each side (a negative or NaN `by` leaves it as it is).
    pub fn widen(self, by: f64) -> Iv {
        if by.is_nan() || by <= 0.0 {
            return self;
        }
        Iv::new(self.lo - by, self.hi + by)
    }

    /// `[v - half, v + half]` when that lies inside `self`, else `self`: a tighter reading
    /// of a bounded interval around its centre.
    pub fn narrow_to(self, v: f64, half: f64) -> Iv {
        let n = Iv::new(v - half, v + half);
        if self.is_bounded() && n.lo >= self.lo && n.hi <= self.hi {
            n
        } else {
            self
        }
    }

    pub fn negated(self) -> Iv {
        Iv::new(-self.hi, -self.lo)
    }

    pub fn plus(self, o: Iv) -> Iv {
        Iv::new(self.lo + o.lo, self.hi + o.hi)
    }

    pub fn minus(self, o: Iv) -> Iv {
        self.plus(o.negated())
    }

    pub fn times(self, o: Iv) -> Iv {
        let p = [
            self.lo * o.lo,
            self.lo * o.hi,
            self.hi * o.lo,
            self.hi * o.hi,
        ];
        hull(&p)
    }

    /// `self / o`, or `None` when `o` contains zero (the quotient is unbounded).
    pub fn over(self, o: Iv) -> Option<Iv> {
        if o.lo <= 0.0 && o.hi >= 0.0 {
            return None;
        }
        let p = [
            self.lo / o.lo,
            self.lo / o.hi,
            self.hi / o.lo,
            self.hi / o.hi,
        ];
        Some(hull(&p))
    }

    pub fn scale(self, k: f64) -> Iv {
        self.times(Iv::point(k))
    }

    pub fn shift(self, k: f64) -> Iv {
        self.plus(Iv::point(k))
    }

    /// Whether the two share a value.
    pub fn overlaps(&self, o: &Iv) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }

    /// Every value of `self` is below every value of `o`.
    pub fn below(&self, o: &Iv) -> bool {
        self.hi < o.lo
    }

    /// No value of `self` is below any value of `o` (`self` is at least `o` for sure).
    pub fn not_below(&self, o: &Iv) -> bool {
        self.lo >= o.hi
    }

    /// The sum of several intervals (`[0, 0]` for none).
    pub fn sum<I: IntoIterator<Item = Iv>>(items: I) -> Iv {
        items.into_iter().fold(Iv::point(0.0), Iv::plus)
    }
}

/// The smallest interval holding all of `p`; the whole line if one is NaN.
fn hull(p: &[f64]) -> Iv {
    if p.iter().any(|v| v.is_nan()) {
        return Iv::ALL;
    }
    let lo = p.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Iv::new(lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn sum_of_written_precisions() {
        // 36,6 + 1,2: each within 0,05
        let s = Iv::new(36.55, 36.65).plus(Iv::new(1.15, 1.25));
        assert!(close(s.lo, 37.7) && close(s.hi, 37.9));
        assert!(s.overlaps(&Iv::point(37.8)));
        assert!(!s.overlaps(&Iv::point(38.0)));
    }

    #[test]
    fn sum_of_exact_counts_misses_a_wrong_total() {
        let parts = Iv::sum([Iv::point(6.0), Iv::point(12.0), Iv::point(12.0)]);
        assert_eq!(parts, Iv::point(30.0));
        assert!(!parts.overlaps(&Iv::point(32.0)));
        assert!(parts.overlaps(&Iv::point(30.0)));
    }

    #[test]
    fn open_hedge_overlaps_anything_above() {
        // `hơn 40` is (40, +inf): a sum with it reaches any larger total
        let s = Iv::new(40.0, f64::INFINITY).plus(Iv::point(10.0));
        assert!(s.overlaps(&Iv::point(1000.0)));
        assert!(!s.overlaps(&Iv::point(45.0)));
        assert!(s.lo == 50.0 && s.hi.is_infinite());
    }

    #[test]
    fn quotient_of_rounded_values_brackets_the_change() {
        // 2,5 -> 3,0 (each within 0,05): the change is within about 16% .. 24%, not 25%
        let a = Iv::new(2.45, 2.55);
        let b = Iv::new(2.95, 3.05);
        let change = b.over(a).expect("a > 0").shift(-1.0).scale(100.0);
        assert!(change.lo > 15.6 && change.lo < 15.8, "{change:?}");
        assert!(change.hi > 24.4 && change.hi < 24.6, "{change:?}");
        assert!(change.overlaps(&Iv::point(20.0)));
        assert!(!change.overlaps(&Iv::new(24.95, 25.05)));
    }

    #[test]
    fn division_by_an_interval_holding_zero_is_unknown() {
        assert!(Iv::point(3.0).over(Iv::new(-1.0, 1.0)).is_none());
        assert!(Iv::point(3.0).over(Iv::point(0.0)).is_none());
        let q = Iv::point(3.0).over(Iv::new(1.0, 2.0)).expect("positive");
        assert!(close(q.lo, 1.5) && close(q.hi, 3.0));
    }

    #[test]
    fn infinity_times_zero_is_the_whole_line() {
        let m = Iv::new(0.0, 0.0).times(Iv::new(1.0, f64::INFINITY));
        assert_eq!(m, Iv::ALL);
        assert_eq!(Iv::new(f64::NAN, 1.0), Iv::ALL);
    }

    #[test]
    fn order_tests_are_strict_about_touching_ends() {
        let a = Iv::new(2.25, 2.35);
        assert!(!a.not_below(&a), "equal readings are not a contradiction");
        assert!(Iv::point(40.0).not_below(&Iv::point(40.0)));
        assert!(Iv::new(1.65, 1.75).below(&Iv::new(2.25, 2.35)));
        assert!(!Iv::new(1.65, 2.3).below(&Iv::new(2.25, 2.35)));
    }

    #[test]
    fn narrowing_stays_inside() {
        let wide = Iv::new(2.5, 3.5);
        assert_eq!(wide.narrow_to(3.0, 0.05), Iv::new(2.95, 3.05));
        // a tighter reading that would leave the interval is refused
        assert_eq!(wide.narrow_to(4.0, 0.05), wide);
        let open = Iv::new(3.0, f64::INFINITY);
        assert_eq!(open.narrow_to(3.0, 0.05), open);
    }

    #[test]
    fn widen_ignores_bad_amounts() {
        let a = Iv::point(1.0);
        assert_eq!(a.widen(-1.0), a);
        assert_eq!(a.widen(f64::NAN), a);
        assert_eq!(a.widen(0.5), Iv::new(0.5, 1.5));
    }
}
