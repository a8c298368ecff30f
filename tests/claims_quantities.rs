//! The quantity parsing table, on invented sentences.

use factsieve::model::{Bound, Slot, Unit};
use factsieve::quantity::parse_quantities;

#[test]
fn quantity_parsing_table() {
    use Bound::*;
    use Slot::{Count as Reps, *};
    use Unit::{Count as N, *};
    let table: &[(&str, &str, f64, f64, Unit, Bound, Slot)] = &[
        (
            "Soak the foot for 15-20 minutes.",
            "15-20 minutes",
            15.0,
            20.0,
            Minute,
            Range,
            SessionLength,
        ),
        (
            "Soak the foot for 15-twenty minutes.",
            "15-twenty minutes",
            15.0,
            20.0,
            Minute,
            Range,
            SessionLength,
        ),
        (
            "Soak the foot for about 20 minutes.",
            "about 20 minutes",
            20.0,
            20.0,
            Minute,
            Approximate,
            SessionLength,
        ),
        (
            "Soak the foot for no more than 10 minutes.",
            "no more than 10 minutes",
            10.0,
            10.0,
            Minute,
            AtMost,
            SessionLength,
        ),
        (
            "Keep the splint on for 48 to 72 hours.",
            "48 to 72 hours",
            48.0,
            72.0,
            Hour,
            Range,
            PhaseLength,
        ),
        (
            "Only use cold in the first two days.",
            "two days",
            2.0,
            2.0,
            Day,
            Exact,
            PhaseLength,
        ),
        (
            "Use compression for the first 48 hours.",
            "48 hours",
            48.0,
            48.0,
            Hour,
            Exact,
            PhaseLength,
        ),
        (
            "Do it 2-3 times a day.",
            "2-3 times a day",
            2.0,
            3.0,
            PerDay,
            Range,
            Frequency,
        ),
        (
            "Re-apply every few hours.",
            "every few hours",
            4.0,
            8.0,
            PerDay,
            Approximate,
            Frequency,
        ),
        (
            "Re-apply several times a day.",
            "several times a day",
            3.0,
            7.0,
            PerDay,
            Approximate,
            Frequency,
        ),
        (
            "About 30% of runners get shin pain.",
            "About 30%",
            30.0,
            30.0,
            Percent,
            Approximate,
            Statistic,
        ),
        (
            "Adults need 310 to 420 mg of magnesium.",
            "310 to 420 mg",
            310.0,
            420.0,
            Milligram,
            Range,
            Dose,
        ),
        (
            "Do 12 reps on each side.",
            "12 reps",
            12.0,
            12.0,
            N,
            Exact,
            Reps,
        ),
        (
            "See a doctor after two weeks of numbness.",
            "two weeks",
            2.0,
            2.0,
            Week,
            AtLeast,
            Threshold,
        ),
        (
            "Do not take it for more than 10 days.",
            "more than 10 days",
            10.0,
            10.0,
            Day,
            AtMost,
            Threshold,
        ),
        (
            "Hold for 30 seconds, then relax.",
            "30 seconds",
            30.0,
            30.0,
            Second,
            Exact,
            HoldLength,
        ),
        (
            "Hold the stretch for one minute.",
            "one minute",
            1.0,
            1.0,
            Minute,
            Exact,
            HoldLength,
        ),
    ];
    for (text, qtext, low, high, unit, bound, slot) in table {
        let qs = parse_quantities(text);
        assert_eq!(qs.len(), 1, "{text}: {qs:?}");
        let q = &qs[0];
        assert_eq!(
            (q.text.as_str(), q.low, q.high, q.unit, q.bound, q.measures),
            (*qtext, *low, *high, *unit, *bound, *slot),
            "{text}"
        );
    }
}

#[test]
fn no_quantities_in_plain_text() {
    for text in [
        "Gentle movement speeds recovery.",
        "Published in 2019 by the clinic.",
        "It gets worse3 at night.",
        "Do this at a time that suits you.",
        "It interrupts daily life.",
    ] {
        assert!(parse_quantities(text).is_empty(), "{text}");
    }
}
