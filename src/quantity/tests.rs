//! Unit tests of quantity parsing.

use super::*;

fn one(text: &str) -> Quantity {
    let qs = parse_quantities(text);
    assert_eq!(qs.len(), 1, "{text}: {qs:?}");
    qs.into_iter().next().unwrap()
}

fn check(text: &str, low: f64, high: f64, unit: Unit, bound: Bound, slot: Slot) {
    let q = one(text);
    assert_eq!(
        (q.low, q.high, q.unit, q.bound, q.measures),
        (low, high, unit, bound, slot),
        "{text}"
    );
}

#[test]
fn quantity_table() {
    use Bound::*;
    use Slot::*;
    use Unit::*;
    let table: &[(&str, f64, f64, Unit, Bound, Slot)] = &[
        (
            "Soak for 15-20 minutes.",
            15.0,
            20.0,
            Minute,
            Range,
            SessionLength,
        ),
        (
            "Soak for 15 to 20 minutes.",
            15.0,
            20.0,
            Minute,
            Range,
            SessionLength,
        ),
        (
            "Soak for 15–20 min.",
            15.0,
            20.0,
            Minute,
            Range,
            SessionLength,
        ),
        (
            "Soak for 15-twenty minutes.",
            15.0,
            20.0,
            Minute,
            Range,
            SessionLength,
        ),
        (
            "Soak for fifteen to twenty minutes.",
            15.0,
            20.0,
            Minute,
            Range,
            SessionLength,
        ),
        (
            "Soak for about 20 minutes.",
            20.0,
            20.0,
            Minute,
            Approximate,
            SessionLength,
        ),
        (
            "Soak for about 15-20 minutes.",
            15.0,
            20.0,
            Minute,
            Approximate,
            SessionLength,
        ),
        (
            "Soak for no more than 10 minutes.",
            10.0,
            10.0,
            Minute,
            AtMost,
            SessionLength,
        ),
        (
            "Soak for at least 10 minutes.",
            10.0,
            10.0,
            Minute,
            AtLeast,
            SessionLength,
        ),
        (
            "Wear it for 10 minutes or more.",
            10.0,
            10.0,
            Minute,
            AtLeast,
            SessionLength,
        ),
        (
            "Use a compress 10 minutes at a time.",
            10.0,
            10.0,
            Minute,
            Exact,
            SessionLength,
        ),
        (
            "Swelling settles in 48 to 72 hours.",
            48.0,
            72.0,
            Hour,
            Range,
            Other,
        ),
        (
            "Use ice for 48 to 72 hours.",
            48.0,
            72.0,
            Hour,
            Range,
            PhaseLength,
        ),
        (
            "Wrap ice in a towel and hold it against the knee for 15 minutes.",
            15.0,
            15.0,
            Minute,
            Exact,
            SessionLength,
        ),
        (
            "Use ice for the first 48 hours.",
            48.0,
            48.0,
            Hour,
            Exact,
            PhaseLength,
        ),
        (
            "Use ice in the first two days.",
            2.0,
            2.0,
            Day,
            Exact,
            PhaseLength,
        ),
        (
            "Use ice during the initial 3 days.",
            3.0,
            3.0,
            Day,
            Exact,
            PhaseLength,
        ),
        (
            "If the strain is less than two days old, rest.",
            2.0,
            2.0,
            Day,
            AtMost,
            PhaseLength,
        ),
        ("Take it for 5 days.", 5.0, 5.0, Day, Exact, PhaseLength),
        (
            "Hold the pose for 30 seconds.",
            30.0,
            30.0,
            Second,
            Exact,
            HoldLength,
        ),
        ("Hold it for 1 minute.", 1.0, 1.0, Minute, Exact, HoldLength),
        (
            "See a doctor after two weeks.",
            2.0,
            2.0,
            Week,
            AtLeast,
            Threshold,
        ),
        (
            "Do not take them for more than ten days.",
            10.0,
            10.0,
            Day,
            AtMost,
            Threshold,
        ),
        (
            "See a doctor if pain lasts more than a week.",
            1.0,
            1.0,
            Week,
            AtLeast,
            Threshold,
        ),
        (
            "Cramps can last up to seven hours.",
            7.0,
            7.0,
            Hour,
            AtMost,
            Other,
        ),
        (
            "Repeat 2-3 times a day.",
            2.0,
            3.0,
            PerDay,
            Range,
            Frequency,
        ),
        (
            "Repeat two to three times per day.",
            2.0,
            3.0,
            PerDay,
            Range,
            Frequency,
        ),
        ("Repeat twice a day.", 2.0, 2.0, PerDay, Exact, Frequency),
        ("Repeat twice daily.", 2.0, 2.0, PerDay, Exact, Frequency),
        (
            "Repeat 3 times a week.",
            3.0,
            3.0,
            PerWeek,
            Exact,
            Frequency,
        ),
        (
            "Repeat several times a day.",
            3.0,
            7.0,
            PerDay,
            Approximate,
            Frequency,
        ),
        (
            "Repeat every few hours.",
            4.0,
            8.0,
            PerDay,
            Approximate,
            Frequency,
        ),
        (
            "Repeat every 2-3 hours.",
            8.0,
            12.0,
            PerDay,
            Range,
            Frequency,
        ),
        (
            "Stand up every half hour.",
            48.0,
            48.0,
            PerDay,
            Exact,
            Frequency,
        ),
        ("Repeat every day.", 1.0, 1.0, PerDay, Exact, Frequency),
        ("Walk daily, and rest.", 1.0, 1.0, PerDay, Exact, Frequency),
        (
            "Cramps can last a few days.",
            3.0,
            6.0,
            Day,
            Approximate,
            Other,
        ),
        (
            "Up to 20% of adults are affected.",
            20.0,
            20.0,
            Percent,
            AtMost,
            Statistic,
        ),
        (
            "About 46 percent of people recover.",
            46.0,
            46.0,
            Percent,
            Approximate,
            Statistic,
        ),
        ("Take 310 to 420 mg.", 310.0, 420.0, Milligram, Range, Dose),
        ("Take 1,000 mg.", 1000.0, 1000.0, Milligram, Exact, Dose),
        ("Take 2 g.", 2000.0, 2000.0, Milligram, Exact, Dose),
        (
            "Arch your back 10 times.",
            10.0,
            10.0,
            Unit::Count,
            Exact,
            Slot::Count,
        ),
        (
            "Take 5 to 10 deep breaths.",
            5.0,
            10.0,
            Unit::Count,
            Range,
            Slot::Count,
        ),
        ("Rest for an hour.", 1.0, 1.0, Hour, Exact, SessionLength),
        (
            "Rest for half an hour.",
            0.5,
            0.5,
            Hour,
            Exact,
            SessionLength,
        ),
    ];
    for (text, lo, hi, unit, bound, slot) in table {
        check(text, *lo, *hi, *unit, *bound, *slot);
    }
}

#[test]
fn sentences_with_several_quantities() {
    let qs =
        parse_quantities("Apply it for 15-20 minutes, 2-3 times a day, for the first 48 hours.");
    let slots: Vec<Slot> = qs.iter().map(|q| q.measures).collect();
    assert_eq!(
        slots,
        [Slot::SessionLength, Slot::Frequency, Slot::PhaseLength]
    );
    assert_eq!(qs[0].text, "15-20 minutes");
    assert_eq!(qs[1].text, "2-3 times a day");
}

#[test]
fn footnotes_years_and_articles_are_not_quantities() {
    assert!(parse_quantities("It gets worse1. A study in 2020 found this.").is_empty());
    assert!(parse_quantities("Put an ice pack on it at a time you like.").is_empty());
    assert!(parse_quantities("Walk with them at night10 free.").is_empty());
    assert!(parse_quantities("It disrupts daily activities.").is_empty());
}

#[test]
fn value_keys_compare_across_units() {
    let a = one("Rest for 2 hours.");
    let b = one("Rest for 120 minutes.");
    assert_eq!(value_key(&a), value_key(&b));
    let c = one("Rest for about 120 minutes.");
    assert_eq!(value_key(&a), value_key(&c));
    let d = one("Rest for at least 120 minutes.");
    assert_ne!(value_key(&a), value_key(&d));
}

#[test]
fn number_words_are_known() {
    assert!(is_number_word("fifteen"));
    assert!(is_number_word("several"));
    assert!(!is_number_word("a"));
    assert!(!is_number_word("ice"));
}
