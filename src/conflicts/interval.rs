//! Quantities as intervals in base units, and how two intervals relate.
//!
//! Time is compared in seconds, rates in occurrences per day. A bound ("no more than 10
//! minutes") is the half-open interval it allows, except against another bound of the
//! same direction, where the two limits themselves are compared.

use crate::model::{Bound, Quantity, Slot, Unit};

/// What kind of amount a unit measures; only amounts of one dimension compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dim {
    Time,
    Rate,
    Percent,
    Mass,
    Count,
}

pub fn dim(unit: Unit) -> Dim {
    match unit {
        Unit::Second
        | Unit::Minute
        | Unit::Hour
        | Unit::Day
        | Unit::Week
        | Unit::Month
        | Unit::Year => Dim::Time,
        Unit::PerDay | Unit::PerWeek => Dim::Rate,
        Unit::Percent => Dim::Percent,
        Unit::Milligram => Dim::Mass,
        Unit::Count => Dim::Count,
    }
}

/// Size of one `unit` in the base unit of its dimension.
fn factor(unit: Unit) -> f64 {
    match unit {
        Unit::Second => 1.0,
        Unit::Minute => 60.0,
        Unit::Hour => 3600.0,
        Unit::Day => 86_400.0,
        Unit::Week => 7.0 * 86_400.0,
        Unit::Month => 30.0 * 86_400.0,
        Unit::Year => 365.0 * 86_400.0,
        Unit::PerDay => 1.0,
        Unit::PerWeek => 1.0 / 7.0,
        Unit::Percent | Unit::Milligram | Unit::Count => 1.0,
    }
}

/// Hours of a day in which advice like "every few hours" is followed: a period of p
/// hours means between 16/p (waking hours only) and 24/p applications a day.
const WAKING_HOURS: f64 = 16.0;
const DAY_HOURS: f64 = 24.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shape {
    Closed,
    AtMost,
    AtLeast,
}

/// An interval in base units. For `AtMost` the limit is `hi`, for `AtLeast` it is `lo`;
/// `effective()` gives the interval a bound allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub lo: f64,
    pub hi: f64,
    pub shape: Shape,
}

/// A quantity made comparable.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub dim: Dim,
    pub span: Span,
    /// Unit to show values in.
    pub display: Unit,
    /// True when a period ("every 2 hours") was turned into a rate per day.
    pub converted: bool,
}

/// The comparable form of a quantity, or None when it is malformed or cannot be
/// compared (negative, not finite, a frequency in plain counts).
pub fn reading(q: &Quantity) -> Option<Reading> {
    if !q.low.is_finite() || !q.high.is_finite() || q.low < 0.0 || q.high < 0.0 {
        return None;
    }
    let (lo, hi) = (q.low.min(q.high), q.low.max(q.high));
    let shape = match q.bound {
        Bound::AtMost => Shape::AtMost,
        Bound::AtLeast => Shape::AtLeast,
        Bound::Exact | Bound::Range | Bound::Approximate => Shape::Closed,
    };
    let d = dim(q.unit);
    if q.measures == Slot::Frequency && d == Dim::Time {
        // A period: "every 2-4 hours" -> 4-12 times a day.
        let (plo, phi) = (lo * factor(q.unit) / 3600.0, hi * factor(q.unit) / 3600.0);
        if plo <= 0.0 {
            return None;
        }
        let per_day_low = if phi < DAY_HOURS {
            WAKING_HOURS / phi
        } else {
            DAY_HOURS / phi
        };
        let per_day_high = DAY_HOURS / plo;
        // A longer period is a lower rate: the bound turns round.
        let shape = match shape {
            Shape::AtMost => Shape::AtLeast,
            Shape::AtLeast => Shape::AtMost,
            Shape::Closed => Shape::Closed,
        };
        return Some(Reading {
            dim: Dim::Rate,
            span: Span {
                lo: per_day_low,
                hi: per_day_high,
                shape,
            },
            display: Unit::PerDay,
            converted: true,
        });
    }
    if q.measures == Slot::Frequency && d != Dim::Rate {
        return None;
    }
    let f = factor(q.unit);
    Some(Reading {
        dim: d,
        span: Span {
            lo: lo * f,
            hi: hi * f,
            shape,
        },
        display: q.unit,
        converted: false,
    })
}

impl Span {
    /// The interval a value allows: a bound is open on its far side.
    pub fn effective(&self) -> (f64, f64) {
        match self.shape {
            Shape::Closed => (self.lo, self.hi),
            Shape::AtMost => (0.0, self.hi),
            Shape::AtLeast => (self.lo, f64::INFINITY),
        }
    }

    /// The limit of a bound, or the interval of a closed span.
    fn limits(&self) -> (f64, f64) {
        match self.shape {
            Shape::Closed => (self.lo, self.hi),
            Shape::AtMost => (self.hi, self.hi),
            Shape::AtLeast => (self.lo, self.lo),
        }
    }

    /// A key that is equal for equal spans (rounded, so 48 hours == 2 days).
    pub fn key(&self) -> (Shape, i64, i64) {
        let (lo, hi) = self.limits();
        (self.shape, round_key(lo), round_key(hi))
    }

    /// The span from this one's low end up, with no upper limit ("every day" means
    /// at least once a day).
    pub fn at_least(&self) -> Span {
        Span {
            lo: self.lo,
            hi: self.lo,
            shape: Shape::AtLeast,
        }
    }

    /// The smallest span holding both (a fact stating two values for one slot).
    pub fn hull(&self, other: &Span) -> Span {
        if self.shape == other.shape && self.shape != Shape::Closed {
            return Span {
                lo: self.lo.min(other.lo),
                hi: self.hi.max(other.hi),
                shape: self.shape,
            };
        }
        let (a, b) = (self.effective(), other.effective());
        let (lo, hi) = (a.0.min(b.0), a.1.max(b.1));
        if hi.is_infinite() {
            Span {
                lo,
                hi: lo,
                shape: Shape::AtLeast,
            }
        } else {
            Span {
                lo,
                hi,
                shape: Shape::Closed,
            }
        }
    }
}

fn round_key(x: f64) -> i64 {
    if x.is_infinite() {
        i64::MAX
    } else {
        (x * 1000.0).round() as i64
    }
}

fn close(a: f64, b: f64) -> bool {
    if a.is_infinite() || b.is_infinite() {
        return a == b;
    }
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// How two values relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same interval.
    Equal,
    /// One lies inside the other (20 within 15-20): compatible.
    Nested,
    /// They share exactly one end point (10-15 and 15-20).
    Touching,
    /// They share part of their length, neither holding the other (10-20 and 15-25).
    Overlap,
    /// No value in common (10 and 15-20).
    Disjoint,
    /// Two bounds of one direction with different limits (at most 10 vs at most 20).
    LimitsDiffer,
}

pub fn relate(a: &Span, b: &Span) -> Relation {
    if a.shape == b.shape && a.shape != Shape::Closed {
        let (la, lb) = (a.limits().0, b.limits().0);
        return if close(la, lb) {
            Relation::Equal
        } else {
            Relation::LimitsDiffer
        };
    }
    let ((alo, ahi), (blo, bhi)) = (a.effective(), b.effective());
    if close(alo, blo) && close(ahi, bhi) {
        return Relation::Equal;
    }
    let within = |xlo: f64, xhi: f64, ylo: f64, yhi: f64| {
        (ylo < xlo || close(xlo, ylo)) && (xhi < yhi || close(xhi, yhi))
    };
    if within(alo, ahi, blo, bhi) || within(blo, bhi, alo, ahi) {
        return Relation::Nested;
    }
    let (start, end) = (alo.max(blo), ahi.min(bhi));
    if close(start, end) {
        Relation::Touching
    } else if start < end {
        Relation::Overlap
    } else {
        Relation::Disjoint
    }
}

/// How far apart two disjoint spans are, as the ratio of the larger start to the
/// smaller end; 1.0 when they meet. A huge ratio (48 hours against 20 minutes) means
/// the two numbers measure different things, whatever slot they were filed under.
pub fn separation(a: &Span, b: &Span) -> f64 {
    let ((alo, ahi), (blo, bhi)) = (a.effective(), b.effective());
    let (start, end) = (alo.max(blo), ahi.min(bhi));
    if start <= end {
        1.0
    } else if end <= 0.0 {
        f64::INFINITY
    } else {
        start / end
    }
}

fn number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-6 {
        format!("{}", x.round() as i64)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn unit_words(unit: Unit, plural: bool) -> &'static str {
    match (unit, plural) {
        (Unit::Second, false) => "second",
        (Unit::Second, true) => "seconds",
        (Unit::Minute, false) => "minute",
        (Unit::Minute, true) => "minutes",
        (Unit::Hour, false) => "hour",
        (Unit::Hour, true) => "hours",
        (Unit::Day, false) => "day",
        (Unit::Day, true) => "days",
        (Unit::Week, false) => "week",
        (Unit::Week, true) => "weeks",
        (Unit::Month, false) => "month",
        (Unit::Month, true) => "months",
        (Unit::Year, false) => "year",
        (Unit::Year, true) => "years",
        (Unit::PerDay, false) => "time a day",
        (Unit::PerDay, true) => "times a day",
        (Unit::PerWeek, false) => "time a week",
        (Unit::PerWeek, true) => "times a week",
        (Unit::Percent, _) => "%",
        (Unit::Milligram, _) => "mg",
        (Unit::Count, _) => "",
    }
}

/// A span in words, in the given unit: "10-15 minutes", "at most 10 minutes".
pub fn describe(span: &Span, unit: Unit) -> String {
    let f = factor(unit);
    let (lo, hi) = (span.lo / f, span.hi / f);
    let (prefix, text, last) = match span.shape {
        Shape::Closed if close(lo, hi) => ("", number(lo), lo),
        Shape::Closed => ("", format!("{}-{}", number(lo), number(hi)), hi),
        Shape::AtMost => ("at most ", number(hi), hi),
        Shape::AtLeast => ("at least ", number(lo), lo),
    };
    let words = unit_words(unit, !close(last, 1.0) || text.contains('-'));
    let sep = match unit {
        Unit::Percent => "",
        _ if words.is_empty() => "",
        _ => " ",
    };
    format!("{prefix}{text}{sep}{words}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(low: f64, high: f64, unit: Unit, bound: Bound) -> Quantity {
        Quantity {
            text: String::new(),
            low,
            high,
            unit,
            bound,
            measures: Slot::SessionLength,
        }
    }
    fn span(low: f64, high: f64, bound: Bound) -> Span {
        reading(&q(low, high, Unit::Minute, bound)).unwrap().span
    }
    fn closed(low: f64, high: f64) -> Span {
        span(low, high, Bound::Range)
    }

    #[test]
    fn equal_intervals_agree_across_units() {
        assert_eq!(
            relate(&closed(15.0, 20.0), &closed(15.0, 20.0)),
            Relation::Equal
        );
        let hours = reading(&q(48.0, 48.0, Unit::Hour, Bound::Exact)).unwrap();
        let days = reading(&q(2.0, 2.0, Unit::Day, Bound::Exact)).unwrap();
        assert_eq!(relate(&hours.span, &days.span), Relation::Equal);
        assert_eq!(hours.span.key(), days.span.key());
    }

    #[test]
    fn nested_both_ways_is_compatible() {
        // A point inside a range, at either end, in either order.
        assert_eq!(
            relate(&closed(20.0, 20.0), &closed(15.0, 20.0)),
            Relation::Nested
        );
        assert_eq!(
            relate(&closed(10.0, 15.0), &closed(15.0, 15.0)),
            Relation::Nested
        );
        assert_eq!(
            relate(&closed(5.0, 30.0), &closed(10.0, 12.0)),
            Relation::Nested
        );
        assert_eq!(
            relate(&closed(10.0, 12.0), &closed(5.0, 30.0)),
            Relation::Nested
        );
    }

    #[test]
    fn touching_ranges_meet_in_one_point() {
        assert_eq!(
            relate(&closed(10.0, 15.0), &closed(15.0, 20.0)),
            Relation::Touching
        );
        assert_eq!(
            relate(&closed(15.0, 20.0), &closed(10.0, 15.0)),
            Relation::Touching
        );
    }

    #[test]
    fn partial_overlap_and_disjoint() {
        assert_eq!(
            relate(&closed(10.0, 20.0), &closed(15.0, 25.0)),
            Relation::Overlap
        );
        assert_eq!(
            relate(&closed(10.0, 10.0), &closed(15.0, 20.0)),
            Relation::Disjoint
        );
        assert_eq!(
            relate(&closed(30.0, 40.0), &closed(15.0, 20.0)),
            Relation::Disjoint
        );
    }

    #[test]
    fn bounds_are_intervals_against_ranges() {
        let at_most_10 = span(10.0, 10.0, Bound::AtMost);
        let at_most_20 = span(20.0, 20.0, Bound::AtMost);
        let at_least_15 = span(15.0, 15.0, Bound::AtLeast);
        // "no more than 10" against 15-20: nothing allowed in common.
        assert_eq!(relate(&at_most_10, &closed(15.0, 20.0)), Relation::Disjoint);
        // "no more than 20" allows all of 15-20 and all of 10-15.
        assert_eq!(relate(&at_most_20, &closed(15.0, 20.0)), Relation::Nested);
        assert_eq!(relate(&closed(10.0, 15.0), &at_most_20), Relation::Nested);
        // "no more than 15" against 15-20 meets only at 15.
        let at_most_15 = span(15.0, 15.0, Bound::AtMost);
        assert_eq!(relate(&at_most_15, &closed(15.0, 20.0)), Relation::Touching);
        // "at least 15" against 10-20 shares 15-20 only.
        assert_eq!(relate(&at_least_15, &closed(10.0, 20.0)), Relation::Overlap);
        assert_eq!(relate(&at_least_15, &at_most_10), Relation::Disjoint);
    }

    #[test]
    fn bounds_of_one_direction_compare_their_limits() {
        let a = span(10.0, 10.0, Bound::AtMost);
        let b = span(20.0, 20.0, Bound::AtMost);
        assert_eq!(relate(&a, &b), Relation::LimitsDiffer);
        assert_eq!(relate(&a, &a), Relation::Equal);
        let c = span(2.0, 2.0, Bound::AtLeast);
        let d = span(6.0, 6.0, Bound::AtLeast);
        assert_eq!(relate(&c, &d), Relation::LimitsDiffer);
    }

    #[test]
    fn periods_become_rates_per_day() {
        let mut every = q(2.0, 4.0, Unit::Hour, Bound::Approximate);
        every.measures = Slot::Frequency;
        let r = reading(&every).unwrap();
        assert_eq!(r.dim, Dim::Rate);
        assert!(r.converted);
        assert!((r.span.lo - 4.0).abs() < 1e-9 && (r.span.hi - 12.0).abs() < 1e-9);
        let mut times = q(2.0, 3.0, Unit::PerDay, Bound::Range);
        times.measures = Slot::Frequency;
        let t = reading(&times).unwrap();
        assert_eq!(relate(&r.span, &t.span), Relation::Disjoint);
        // Every 8 hours is 2 (waking day) to 3 times a day: the same as 2-3 a day.
        let mut eight = q(8.0, 8.0, Unit::Hour, Bound::Exact);
        eight.measures = Slot::Frequency;
        assert_eq!(
            relate(&reading(&eight).unwrap().span, &t.span),
            Relation::Equal
        );
        // Every 12 hours (1.33-2 a day) touches 2-3 a day.
        let mut twelve = q(12.0, 12.0, Unit::Hour, Bound::Exact);
        twelve.measures = Slot::Frequency;
        assert_eq!(
            relate(&reading(&twelve).unwrap().span, &t.span),
            Relation::Touching
        );
        // Twice a week against three times a day: rates in one base unit.
        let mut weekly = q(2.0, 2.0, Unit::PerWeek, Bound::Exact);
        weekly.measures = Slot::Frequency;
        assert_eq!(
            relate(&reading(&weekly).unwrap().span, &t.span),
            Relation::Disjoint
        );
    }

    #[test]
    fn malformed_quantities_are_not_read() {
        assert!(reading(&q(f64::NAN, 1.0, Unit::Minute, Bound::Exact)).is_none());
        assert!(reading(&q(-1.0, 1.0, Unit::Minute, Bound::Exact)).is_none());
        let mut zero = q(0.0, 0.0, Unit::Hour, Bound::Exact);
        zero.measures = Slot::Frequency;
        assert!(reading(&zero).is_none());
        let mut count = q(3.0, 3.0, Unit::Count, Bound::Exact);
        count.measures = Slot::Frequency;
        assert!(reading(&count).is_none());
        // Reversed ends are put in order.
        let r = reading(&q(20.0, 15.0, Unit::Minute, Bound::Range)).unwrap();
        assert!(r.span.lo < r.span.hi);
    }

    #[test]
    fn separation_measures_disjoint_distance() {
        let hours = reading(&q(48.0, 48.0, Unit::Hour, Bound::Exact))
            .unwrap()
            .span;
        assert!(separation(&hours, &closed(15.0, 20.0)) > 100.0);
        assert!((separation(&closed(10.0, 10.0), &closed(15.0, 20.0)) - 1.5).abs() < 1e-9);
        assert_eq!(separation(&closed(10.0, 15.0), &closed(15.0, 20.0)), 1.0);
    }

    #[test]
    fn descriptions_read_naturally() {
        assert_eq!(describe(&closed(10.0, 15.0), Unit::Minute), "10-15 minutes");
        assert_eq!(describe(&closed(1.0, 1.0), Unit::Minute), "1 minute");
        assert_eq!(
            describe(&span(10.0, 10.0, Bound::AtMost), Unit::Minute),
            "at most 10 minutes"
        );
        let hours = reading(&q(48.0, 48.0, Unit::Hour, Bound::Exact)).unwrap();
        assert_eq!(describe(&hours.span, Unit::Day), "2 days");
        let pct = Span {
            lo: 46.0,
            hi: 46.0,
            shape: Shape::Closed,
        };
        assert_eq!(describe(&pct, Unit::Percent), "46%");
        let rate = Span {
            lo: 2.5,
            hi: 12.0,
            shape: Shape::Closed,
        };
        assert_eq!(describe(&rate, Unit::PerDay), "2.5-12 times a day");
    }

    #[test]
    fn hull_covers_both() {
        let h = closed(10.0, 15.0).hull(&closed(15.0, 20.0));
        assert_eq!((h.lo, h.hi, h.shape), (600.0, 1200.0, Shape::Closed));
        let b = span(10.0, 10.0, Bound::AtMost).hull(&span(20.0, 20.0, Bound::AtMost));
        assert_eq!(b.shape, Shape::AtMost);
        assert_eq!(b.hi, 1200.0);
    }
}
