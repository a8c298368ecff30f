//! Typed quantities: every duration, frequency, percentage, dose and count of a claim as
//! an interval `[low, high]` with a unit, a bound kind and what it measures.
//!
//! "about 15-20 minutes" is minutes [15, 20], approximate, a session length; "2-3 times a
//! day" is [2, 3] per day, a frequency; "every few hours" is [4, 8] per day (a few = 3 to
//! 6, `data/claims_numbers.txt`); "for the first 48 hours" is a phase length; "do not take
//! for more than 10 days" is a threshold of at most 10 days; "hold for 30 seconds" is a
//! hold length. Number words (one .. twenty, few, several) and spun mixes ("15-twenty")
//! are read. Parsing is on ASCII-lowercased text, so byte offsets are those of the input.

use crate::lexicon::data_lines;
use crate::model::{Bound, Quantity, Slot, Unit};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Number words with their value interval.
static NUMBER_WORDS: LazyLock<Vec<(&'static str, f64, f64)>> = LazyLock::new(|| {
    let mut v: Vec<(&'static str, f64, f64)> =
        data_lines(include_str!("../../data/claims_numbers.txt"))
            .filter_map(|l| {
                // The word may hold spaces ("a couple of"): values are the trailing fields.
                let fields: Vec<&str> = l.split_whitespace().collect();
                let nums: Vec<f64> = fields.iter().rev().map_while(|f| f.parse().ok()).collect();
                let n = nums.len();
                if n == 0 || n > 2 || n == fields.len() {
                    return None;
                }
                let word_end = l.len() - fields[fields.len() - n..].join(" ").len();
                let word = l[..word_end].trim();
                let (lo, hi) = if n == 2 {
                    (nums[1], nums[0])
                } else {
                    (nums[0], nums[0])
                };
                Some((word, lo, hi))
            })
            .collect();
    v.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
    v
});

/// Unit aliases.
static UNITS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    let mut v: Vec<(&'static str, &'static str)> =
        data_lines(include_str!("../../data/claims_units.txt"))
            .filter_map(|l| {
                let (alias, unit) = l.rsplit_once(' ')?;
                Some((alias.trim(), unit.trim()))
            })
            .collect();
    v.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
    v
});

static UNIT_OF: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| UNITS.iter().copied().collect());

/// Whether a lowercase single word is a number word ("three", "few", "several").
pub fn is_number_word(w: &str) -> bool {
    NUMBER_WORDS
        .iter()
        .any(|(n, _, _)| *n == w && !matches!(*n, "a" | "an"))
        || matches!(w, "once" | "twice" | "thrice" | "half" | "couple" | "dozen")
}

fn alternation<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|s| regex::escape(s).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// A number: digits (with thousands commas or decimals) or number words.
fn num_pattern() -> String {
    let words = alternation(
        NUMBER_WORDS
            .iter()
            .map(|(w, _, _)| *w)
            .filter(|w| !matches!(*w, "a" | "an")),
    );
    format!(r"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{words})\b)")
}

const MODIFIERS: &str = r"just\s+about|about|around|approximately|approx\.?|roughly|nearly|almost|some|~|up\s+to|no\s+more\s+than|not\s+more\s+than|at\s+most|a\s+maximum\s+of|maximum\s+of|a\s+max\s+of|less\s+than|fewer\s+than|under|within|no\s+longer\s+than|at\s+least|more\s+than|over|longer\s+than|a\s+minimum\s+of|minimum\s+of|upwards\s+of|between";

/// Before "every": "moving around every hour" is not an approximation.
const EVERY_MODIFIERS: &str =
    r"just\s+about|about|approximately|roughly|nearly|almost|at\s+least|up\s+to";

const RANGE_SEP: &str = r"\s*(?:-|–|—|to|or|and)\s*";

static FREQ_TIMES: LazyLock<Regex> = LazyLock::new(|| {
    let num = num_pattern();
    Regex::new(&format!(
        r"\b(?:(?P<pre>{MODIFIERS})\s+)?(?P<a>{num}|once|twice|thrice)(?:{RANGE_SEP}(?P<b>{num}))?(?:\s+times?)?\s+(?:(?:a|an|per|each|every)|in\s+(?:a|the|your|one))\s+(?P<per>day|week|month|hour)s?\b"
    ))
    .unwrap()
});

static FREQ_ADVERB: LazyLock<Regex> = LazyLock::new(|| {
    let num = num_pattern();
    Regex::new(&format!(
        r"\b(?:(?P<pre>{MODIFIERS})\s+)?(?P<a>{num}|once|twice|thrice)(?:{RANGE_SEP}(?P<b>{num}))?(?:\s+times)?\s+(?P<per>daily|weekly|hourly|monthly)\b"
    ))
    .unwrap()
});

static FREQ_EVERY: LazyLock<Regex> = LazyLock::new(|| {
    let num = num_pattern();
    Regex::new(&format!(
        r"\b(?:(?P<pre>{EVERY_MODIFIERS})\s+)?(?:every|each)\s+(?:(?P<other>other)\s+|(?P<half>half(?:\s+an?)?)\s+|(?P<a>{num})(?:{RANGE_SEP}(?P<b>{num}))?\s+)?(?P<unit>hours?|hrs?|minutes?|mins?|days?|weeks?|months?|morning|night|evening)\b"
    ))
    .unwrap()
});

static FREQ_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?P<w>daily|nightly|hourly|weekly)\b").unwrap());

/// Value + unit: "15-20 minutes", "about 20 min", "10%", "310 to 420 mg", "an hour".
static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    let num = num_pattern();
    let units = alternation(UNITS.iter().filter(|(_, u)| *u != "count").map(|(a, _)| *a));
    Regex::new(&format!(
        r"(?:\b(?P<pre>{MODIFIERS})\s+)?(?:\b(?P<a>{num})(?:{RANGE_SEP}(?P<b>{num}))?|\b(?P<art>an?)\s+)\s*-?\s*(?P<unit>{units})(?:\d{{1,2}})?(?:\b|$|[^\w])(?P<post>\s+(?:or\s+more|or\s+longer|or\s+less|or\s+fewer|or\s+so))?"
    ))
    .unwrap()
});

/// Counts: "10 times", "5 to 10 deep breaths", "3 sets".
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let num = num_pattern();
    let units = alternation(UNITS.iter().filter(|(_, u)| *u == "count").map(|(a, _)| *a));
    Regex::new(&format!(
        r"(?:\b(?P<pre>{MODIFIERS})\s+)?\b(?P<a>{num})(?:{RANGE_SEP}(?P<b>{num}))?\s+(?:[a-z]+\s+)?(?P<unit>{units})\b(?P<post>\s+(?:or\s+more|or\s+fewer|or\s+less))?"
    ))
    .unwrap()
});

fn number_value(s: &str) -> Option<(f64, f64)> {
    let s = s.trim();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return s.replace(',', "").parse::<f64>().ok().map(|v| (v, v));
    }
    let norm: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    NUMBER_WORDS
        .iter()
        .find(|(w, _, _)| *w == norm)
        .map(|(_, lo, hi)| (*lo, *hi))
        .or(match norm.as_str() {
            "once" => Some((1.0, 1.0)),
            "twice" => Some((2.0, 2.0)),
            "thrice" => Some((3.0, 3.0)),
            "a" | "an" => Some((1.0, 1.0)),
            _ => None,
        })
}

fn is_vague(s: &str) -> bool {
    number_value(s).is_some_and(|(lo, hi)| lo != hi)
}

fn modifier_bound(pre: Option<&str>, post: Option<&str>) -> Option<Bound> {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(p) = post.map(norm) {
        if p == "or more" || p == "or longer" {
            return Some(Bound::AtLeast);
        }
        if p == "or less" || p == "or fewer" {
            return Some(Bound::AtMost);
        }
        if p == "or so" {
            return Some(Bound::Approximate);
        }
    }
    match pre.map(norm).as_deref() {
        Some(
            "about" | "around" | "approximately" | "approx" | "approx." | "roughly" | "nearly"
            | "almost" | "some" | "~" | "just about",
        ) => Some(Bound::Approximate),
        Some(
            "up to" | "no more than" | "not more than" | "at most" | "a maximum of" | "maximum of"
            | "a max of" | "less than" | "fewer than" | "under" | "within" | "no longer than",
        ) => Some(Bound::AtMost),
        Some(
            "at least" | "more than" | "over" | "longer than" | "a minimum of" | "minimum of"
            | "upwards of",
        ) => Some(Bound::AtLeast),
        _ => None,
    }
}

fn interval(a: &str, b: Option<&str>) -> Option<(f64, f64, bool)> {
    let (alo, ahi) = number_value(a)?;
    let vague = is_vague(a) || b.is_some_and(is_vague);
    match b.and_then(number_value) {
        Some((blo, bhi)) => Some((alo.min(blo), ahi.max(bhi), vague)),
        None => Some((alo, ahi, vague)),
    }
}

fn default_bound(lo: f64, hi: f64, vague: bool) -> Bound {
    if vague {
        Bound::Approximate
    } else if lo < hi {
        Bound::Range
    } else {
        Bound::Exact
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The text before byte `at`, at most `n` bytes, on a char boundary.
fn before(s: &str, at: usize, n: usize) -> &str {
    let mut from = at.saturating_sub(n);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..at]
}

fn after(s: &str, at: usize, n: usize) -> &str {
    let mut to = (at + n).min(s.len());
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    &s[at..to]
}

static PHASE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:the|these|those|your|its)\s+(?:first|initial|1st|next|past|last)\s+$")
        .unwrap()
});
static OLD_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s+old\b").unwrap());
static HOLD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bhold(?:s|ing)?(?:\s+(?:it|this|that|them|the|each|every|your)(?:\s+[a-z]+)?)?\s+(?:for\s+)?$").unwrap()
});
static LAST_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:last(?:s|ing|ed)?|persist(?:s|ing|ed)?|take[sn]?|takes?)\s+(?:for\s+)?$")
        .unwrap()
});
static AFTER_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:after|beyond|past)\s+$").unwrap());
static FOR_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:for|lasting)\s+$").unwrap());
static NEGATION_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:not|never|no)\b|n't\b").unwrap());
static ACT_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:doctor|physician|medical|professional|gp|emergency|if|persist\w*|last\w*|stop|do not|don't|never|unless|seek|consult)\b").unwrap()
});

/// Classify a duration by its context.
fn duration_slot(
    lower: &str,
    start: usize,
    value_start: usize,
    end: usize,
    unit: Unit,
    pre: Option<&str>,
) -> (Slot, Option<Bound>) {
    let pre_text = before(lower, start, 60);
    let post_text = after(lower, end, 30);
    let bound_words = pre.map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "));
    let more_than = matches!(
        bound_words.as_deref(),
        Some("more than" | "longer than" | "over" | "at least" | "beyond")
    );
    if PHASE_BEFORE.is_match(before(lower, value_start, 40)) {
        return (Slot::PhaseLength, None);
    }
    if OLD_AFTER.is_match(post_text) {
        return (Slot::PhaseLength, None);
    }
    if unit == Unit::Second || HOLD_BEFORE.is_match(pre_text) {
        return (Slot::HoldLength, None);
    }
    if LAST_BEFORE.is_match(pre_text) && !more_than {
        return (Slot::Other, None);
    }
    let clause_start = pre_text.rfind(['.', ';', '!', '?']).map_or(0, |p| p + 1);
    let clause = &pre_text[clause_start..];
    if (AFTER_BEFORE.is_match(pre_text) || more_than) && ACT_CONTEXT.is_match(lower) {
        // "do not take for more than 10 days": a limit, at most.
        let negated = more_than && NEGATION_BEFORE.is_match(clause);
        let bound = if negated {
            Bound::AtMost
        } else {
            Bound::AtLeast
        };
        return (Slot::Threshold, Some(bound));
    }
    if post_text.trim_start().starts_with("at a time") {
        return (Slot::SessionLength, None);
    }
    let long_hours = unit == Unit::Hour && {
        // 12 hours and more is a phase ("for 48 hours"), not one application.
        let digits: String = after(lower, value_start, 8)
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits.parse::<u32>().is_ok_and(|h| h >= 12)
    };
    match unit {
        Unit::Hour if long_hours => {
            if FOR_BEFORE.is_match(pre_text) {
                (Slot::PhaseLength, None)
            } else {
                (Slot::Other, None)
            }
        }
        Unit::Minute | Unit::Hour => (Slot::SessionLength, None),
        Unit::Day | Unit::Week | Unit::Month | Unit::Year if FOR_BEFORE.is_match(pre_text) => {
            (Slot::PhaseLength, None)
        }
        _ => (Slot::Other, None),
    }
}

fn unit_of(alias: &str) -> Option<(Unit, f64)> {
    let norm: String = alias.split_whitespace().collect::<Vec<_>>().join(" ");
    let u = UNIT_OF.get(norm.as_str())?;
    Some(match *u {
        "second" => (Unit::Second, 1.0),
        "minute" => (Unit::Minute, 1.0),
        "hour" => (Unit::Hour, 1.0),
        "day" => (Unit::Day, 1.0),
        "week" => (Unit::Week, 1.0),
        "month" => (Unit::Month, 1.0),
        "year" => (Unit::Year, 1.0),
        "percent" => (Unit::Percent, 1.0),
        "milligram" => (Unit::Milligram, 1.0),
        "gram" => (Unit::Milligram, 1000.0),
        "microgram" => (Unit::Milligram, 0.001),
        _ => (Unit::Count, 1.0),
    })
}

/// How many recent texts keep their quantities per thread: a claim's text is parsed for
/// its features and for its quantities.
const RECENT: usize = 4;

type Spans = Vec<(Range<usize>, Quantity)>;

thread_local! {
    static RECENT_SPANS: std::cell::RefCell<Vec<(String, Spans)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Every quantity of `text`, with its byte range, in text order.
pub fn parse_quantity_spans(text: &str) -> Vec<(Range<usize>, Quantity)> {
    if let Some(found) = RECENT_SPANS.with(|r| {
        r.borrow()
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, f)| f.clone())
    }) {
        return found;
    }
    let found = compute_quantity_spans(text);
    RECENT_SPANS.with(|r| {
        let mut r = r.borrow_mut();
        if r.len() >= RECENT {
            r.remove(0);
        }
        r.push((text.to_string(), found.clone()));
    });
    found
}

fn compute_quantity_spans(text: &str) -> Vec<(Range<usize>, Quantity)> {
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<(Range<usize>, Quantity)> = Vec::new();
    let taken = |found: &[(Range<usize>, Quantity)], r: &Range<usize>| {
        found
            .iter()
            .any(|(f, _)| f.start < r.end && r.start < f.end)
    };
    let mk =
        |r: &Range<usize>, low: f64, high: f64, unit: Unit, bound: Bound, slot: Slot| Quantity {
            text: text[r.clone()].trim().to_string(),
            low: round3(low),
            high: round3(high),
            unit,
            bound,
            measures: slot,
        };

    // Frequencies first: "a day" in "twice a day" is not a duration.
    for re in [&*FREQ_TIMES, &*FREQ_ADVERB] {
        for c in re.captures_iter(&lower) {
            let (Some(m), Some(a), Some(per)) = (c.get(0), c.name("a"), c.name("per")) else {
                continue;
            };
            let r = m.range();
            let has_times = lower[r.clone()].contains("time");
            let multiplicative = matches!(a.as_str(), "once" | "twice" | "thrice");
            if (!has_times && !multiplicative) || taken(&found, &r) {
                continue;
            }
            let Some((lo, hi, vague)) = interval(a.as_str(), c.name("b").map(|b| b.as_str()))
            else {
                continue;
            };
            let (unit, scale) = match per.as_str() {
                "week" | "weekly" => (Unit::PerWeek, 1.0),
                "month" | "monthly" => (Unit::PerDay, 1.0 / 30.0),
                "hour" | "hourly" => (Unit::PerDay, 24.0),
                _ => (Unit::PerDay, 1.0),
            };
            let bound = modifier_bound(c.name("pre").map(|p| p.as_str()), None)
                .unwrap_or(default_bound(lo, hi, vague));
            found.push((
                r.clone(),
                mk(&r, lo * scale, hi * scale, unit, bound, Slot::Frequency),
            ));
        }
    }
    for c in FREQ_EVERY.captures_iter(&lower) {
        let (Some(m), Some(unit)) = (c.get(0), c.name("unit")) else {
            continue;
        };
        let r = m.range();
        if taken(&found, &r) {
            continue;
        }
        let (lo, hi, vague) = if c.name("other").is_some() {
            (2.0, 2.0, false)
        } else if c.name("half").is_some() {
            (0.5, 0.5, false)
        } else if let Some(a) = c.name("a") {
            match interval(a.as_str(), c.name("b").map(|b| b.as_str())) {
                Some(v) => v,
                None => continue,
            }
        } else {
            (1.0, 1.0, false)
        };
        if lo <= 0.0 {
            continue;
        }
        let u = unit.as_str().trim_end_matches('s');
        let (per_unit, out_unit) = match u {
            "hour" | "hr" => (24.0, Unit::PerDay),
            "minute" | "min" => (1440.0, Unit::PerDay),
            "week" => (1.0, Unit::PerWeek),
            "month" => (1.0 / 30.0, Unit::PerDay),
            _ => (1.0, Unit::PerDay),
        };
        // Every [lo, hi] units is [per/hi, per/lo] times per day.
        let bound = modifier_bound(c.name("pre").map(|p| p.as_str()), None)
            .unwrap_or(default_bound(lo, hi, vague));
        found.push((
            r.clone(),
            mk(
                &r,
                per_unit / hi,
                per_unit / lo,
                out_unit,
                bound,
                Slot::Frequency,
            ),
        ));
    }
    for c in FREQ_WORD.captures_iter(&lower) {
        let Some(m) = c.get(0) else { continue };
        let r = m.range();
        // "daily tasks", "weekly meeting": an adjective, not how often.
        let next = lower[r.end..].split_whitespace().next().unwrap_or("");
        let adjective = next.starts_with(|c: char| c.is_ascii_alphabetic())
            && !matches!(
                next.trim_end_matches(|c: char| !c.is_ascii_alphabetic()),
                "for"
                    | "and"
                    | "or"
                    | "to"
                    | "until"
                    | "at"
                    | "in"
                    | "with"
                    | "if"
                    | "as"
                    | "after"
                    | "before"
                    | "during"
                    | "while"
                    | "over"
                    | "from"
                    | "unless"
                    | "when"
            );
        if taken(&found, &r) || adjective {
            continue;
        }
        let (v, unit) = match m.as_str() {
            "hourly" => (24.0, Unit::PerDay),
            "weekly" => (1.0, Unit::PerWeek),
            _ => (1.0, Unit::PerDay),
        };
        found.push((r.clone(), mk(&r, v, v, unit, Bound::Exact, Slot::Frequency)));
    }

    // Durations, percentages, doses.
    for c in MEASURE.captures_iter(&lower) {
        let (Some(unit_m), Some(m)) = (c.name("unit"), c.get(0)) else {
            continue;
        };
        let Some((unit, scale)) = unit_of(unit_m.as_str()) else {
            continue;
        };
        let value_start = c
            .name("a")
            .or(c.name("art"))
            .map_or(m.start(), |v| v.start());
        let start = c.name("pre").map_or(value_start, |p| p.start());
        let end = c.name("post").map_or(unit_m.end(), |p| p.end());
        let r = start..end;
        if taken(&found, &r) {
            continue;
        }
        let (lo, hi, vague) = match (c.name("a"), c.name("art")) {
            (Some(a), _) => match interval(a.as_str(), c.name("b").map(|b| b.as_str())) {
                Some(v) => v,
                None => continue,
            },
            // "an hour", "a week": only for time units.
            (None, Some(_)) if unit < Unit::PerDay => (1.0, 1.0, false),
            _ => continue,
        };
        // Years written as numbers ("in 2020") are not quantities without a unit;
        // with one ("2020 days") they are rare enough to keep.
        let pre = c.name("pre").map(|p| p.as_str());
        let post = c.name("post").map(|p| p.as_str());
        let mut bound = modifier_bound(pre, post).unwrap_or(default_bound(lo, hi, vague));
        if pre.is_some_and(|p| p.starts_with("between")) {
            bound = default_bound(lo, hi, vague);
        }
        let slot = match unit {
            Unit::Percent => Slot::Statistic,
            Unit::Milligram => Slot::Dose,
            Unit::Count => Slot::Count,
            _ => {
                let (slot, b) = duration_slot(&lower, start, value_start, end, unit, pre);
                if let Some(b) = b {
                    bound = b;
                }
                slot
            }
        };
        found.push((r.clone(), mk(&r, lo * scale, hi * scale, unit, bound, slot)));
    }
    for c in COUNT.captures_iter(&lower) {
        let (Some(m), Some(a)) = (c.get(0), c.name("a")) else {
            continue;
        };
        let r = m.range();
        if taken(&found, &r) {
            continue;
        }
        let Some((lo, hi, vague)) = interval(a.as_str(), c.name("b").map(|b| b.as_str())) else {
            continue;
        };
        let bound = modifier_bound(
            c.name("pre").map(|p| p.as_str()),
            c.name("post").map(|p| p.as_str()),
        )
        .unwrap_or(default_bound(lo, hi, vague));
        found.push((r.clone(), mk(&r, lo, hi, Unit::Count, bound, Slot::Count)));
    }
    found.sort_by_key(|(r, _)| (r.start, r.end));
    found
}

/// Every quantity of `text`, in text order.
pub fn parse_quantities(text: &str) -> Vec<Quantity> {
    parse_quantity_spans(text)
        .into_iter()
        .map(|(_, q)| q)
        .collect()
}

/// Bound kinds that state a value ("15-20", "about 15-20", "15") rather than a limit.
fn bound_class(b: Bound) -> u8 {
    match b {
        Bound::Exact | Bound::Range | Bound::Approximate => 0,
        Bound::AtMost => 1,
        Bound::AtLeast => 2,
    }
}

/// A comparable form: slot, unit family, interval in base units (seconds, per day,
/// milligrams), bound class. Two quantities with equal keys say the same value.
pub fn value_key(q: &Quantity) -> (Slot, u8, i64, i64, u8) {
    let (family, scale) = match q.unit {
        Unit::Second => (0, 1.0),
        Unit::Minute => (0, 60.0),
        Unit::Hour => (0, 3600.0),
        Unit::Day => (0, 86400.0),
        Unit::Week => (0, 604800.0),
        Unit::Month => (0, 2_629_800.0),
        Unit::Year => (0, 31_557_600.0),
        Unit::PerDay => (1, 1.0),
        Unit::PerWeek => (1, 1.0 / 7.0),
        Unit::Percent => (2, 1.0),
        Unit::Milligram => (3, 1.0),
        Unit::Count => (4, 1.0),
    };
    let fix = |x: f64| (x * scale * 1000.0).round() as i64;
    (
        q.measures,
        family,
        fix(q.low),
        fix(q.high),
        bound_class(q.bound),
    )
}

#[cfg(test)]
mod tests;
