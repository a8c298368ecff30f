//! Numeric mismatches: facts about one subject that give different values for one
//! measured slot ("ice for 10-15 minutes" against "ice for 15-20 minutes").
//!
//! Values are grouped first (facts stating the same value form one side), then every
//! two groups are compared as intervals: equal or nested values agree; touching or
//! partly overlapping ones are a minor conflict; disjoint ones a major one.

use super::interval::{self, Dim, Relation, Span};
use super::words::{self, CUES, STOPWORDS};
use super::{ids, rule_code, Candidate, Provenance, KIND_NUMERIC};
use crate::model::{Fact, Quantity, Slot, Unit};
use std::collections::{BTreeMap, BTreeSet};

/// Slots whose values are compared. Doses, counts and statistics are left out: one
/// topic ("nsaids") covers medicines with different doses, counts depend on the
/// exercise, and statistics come from different studies.
const COMPARED: [Slot; 5] = [
    Slot::SessionLength,
    Slot::PhaseLength,
    Slot::Frequency,
    Slot::Threshold,
    Slot::HoldLength,
];

/// Disjoint values further apart than this factor measure different things (48 hours
/// against 20 minutes is a phase against a session, whatever slot they were filed under).
const MAX_SEPARATION: f64 = 30.0;

/// The same for a vague amount against another: "several" or "a few" is never more
/// than a few times off its range, so farther apart the two are not about one action.
const MAX_VAGUE_SEPARATION: f64 = 4.0;

/// How many words after a quantity its subject may be named ("10 minutes of walking").
const AFTER_WINDOW: usize = 3;

fn slot_label(slot: Slot) -> &'static str {
    match slot {
        Slot::SessionLength => "session length",
        Slot::PhaseLength => "phase length",
        Slot::Frequency => "frequency",
        Slot::Threshold => "threshold",
        Slot::Dose => "dose",
        Slot::Statistic => "statistic",
        Slot::HoldLength => "hold length",
        Slot::Count => "count",
        Slot::Other => "other",
    }
}

/// What one fact says for one subject and slot.
struct Entry<'a> {
    fact: &'a Fact,
    span: Span,
    display: Unit,
    text: String,
    converted: bool,
    vague: bool,
}

/// Facts stating one value.
struct Group<'a> {
    span: Span,
    display: Unit,
    facts: Vec<&'a Fact>,
    /// Source wording of the first fact, for converted values.
    text: String,
    converted: bool,
    /// Every fact states it vaguely ("every few hours").
    vague: bool,
}

impl Group<'_> {
    fn value(&self) -> String {
        let v = interval::describe(&self.span, self.display);
        if self.converted {
            format!("{} (about {v})", self.text)
        } else {
            v
        }
    }
}

/// The token index where a quantity's words start in a statement.
fn position(statement: &[words::Token], q: &Quantity) -> Option<usize> {
    let qt: Vec<String> = words::tokens(&q.text).into_iter().map(|t| t.word).collect();
    if qt.is_empty() || qt.len() > statement.len() {
        return None;
    }
    (0..=statement.len() - qt.len())
        .find(|&i| qt.iter().zip(&statement[i..]).all(|(a, b)| *a == b.word))
}

/// The subject a quantity is about. A fact filed under a treatment must name one, and
/// when it names two, the quantity belongs to the one named closest before it
/// ("heat for 20 minutes, ice for 10": 10 minutes is about ice).
///
/// Any other topic is taken as given, except that when the statement names it, the
/// quantity must stand by the name: before it in the statement, or at most
/// [`AFTER_WINDOW`] words after it ("10 minutes of walking"). "Moving around every half
/// hour and going for short walks" gives no frequency for walking.
fn subject_of(fact: &Fact, topic: &str, q: &Quantity) -> Option<String> {
    let toks = words::tokens(&fact.statement);
    if !words::topic_has_family(topic) {
        let names: BTreeSet<String> = words::tokens(topic)
            .iter()
            .filter(|t| !STOPWORDS.contains(t.word.as_str()))
            .map(|t| words::stem(&t.word))
            .collect();
        let named: Vec<usize> = (0..toks.len())
            .filter(|&i| names.contains(&words::stem(&toks[i].word)))
            .collect();
        let qlen = words::tokens(&q.text).len();
        return match position(&toks, q) {
            Some(at) if !named.is_empty() => named
                .iter()
                .any(|&i| i < at || (i >= at + qlen && i < at + qlen + AFTER_WINDOW))
                .then(|| topic.to_string()),
            _ => Some(topic.to_string()),
        };
    }
    let mentions = words::family_mentions(&toks);
    let first = mentions.first()?;
    let family = match position(&toks, q) {
        Some(at) => mentions
            .iter()
            .rev()
            .find(|(i, _)| *i < at)
            .or_else(|| mentions.iter().find(|(i, _)| *i > at))
            .map_or(first.1, |m| m.1),
        None if mentions.iter().all(|m| m.1 == first.1) => first.1,
        None => words::topic_family(topic)?,
    };
    Some(family.to_string())
}

/// Share of words two instructions need in common to be about one exercise.
const SAME_EXERCISE: f64 = 0.4;

/// The words of an instruction that name the exercise (not numbers, units, "hold").
fn exercise_words(statement: &str) -> BTreeSet<String> {
    let toks = words::tokens(statement);
    let mut skip = vec![false; toks.len()];
    for m in CUES.find("generic", &toks) {
        for s in skip.iter_mut().skip(m.at).take(m.len) {
            *s = true;
        }
    }
    toks.iter()
        .zip(skip)
        .filter(|(t, skipped)| {
            !skipped
                && !STOPWORDS.contains(t.word.as_str())
                && !t.word.chars().all(|c| c.is_ascii_digit())
        })
        .map(|(t, _)| words::stem(&t.word))
        .collect()
}

/// Hold lengths belong to one exercise: "stretching" covers many, each held differently,
/// so two holds compare only when the instructions name the same movement.
fn same_exercise(a: &Fact, b: &Fact) -> bool {
    let (x, y) = (exercise_words(&a.statement), exercise_words(&b.statement));
    let union = x.union(&y).count();
    union > 0 && x.intersection(&y).count() as f64 / union as f64 >= SAME_EXERCISE
}

/// "every day", "daily": at least that often.
fn is_habitual(q: &Quantity) -> bool {
    CUES.any("habitual", &words::tokens(&q.text))
}

fn is_vague(q: &Quantity) -> bool {
    CUES.any("vague", &words::tokens(&q.text))
}

/// Entries by (subject, slot, dimension); one entry per fact and key (a fact stating
/// two values for one slot counts as the span covering both).
fn entries(facts: &[Fact]) -> BTreeMap<(String, Slot, Dim), Vec<Entry<'_>>> {
    let mut out: BTreeMap<(String, Slot, Dim), Vec<Entry>> = BTreeMap::new();
    for f in facts {
        let Some(topic) = f.topic.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        for q in f
            .quantities
            .iter()
            .filter(|q| COMPARED.contains(&q.measures))
        {
            let (Some(mut r), Some(subject)) = (interval::reading(q), subject_of(f, topic, q))
            else {
                continue;
            };
            if q.measures == Slot::Frequency && is_habitual(q) {
                r.span = r.span.at_least();
            }
            let list = out.entry((subject, q.measures, r.dim)).or_default();
            match list.iter_mut().find(|e| e.fact.id == f.id) {
                Some(e) => {
                    e.span = e.span.hull(&r.span);
                    e.vague &= is_vague(q);
                }
                None => list.push(Entry {
                    fact: f,
                    span: r.span,
                    display: r.display,
                    text: q.text.trim().to_string(),
                    converted: r.converted,
                    vague: is_vague(q),
                }),
            }
        }
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| a.fact.id.cmp(&b.fact.id));
    }
    out
}

fn groups<'a>(list: Vec<Entry<'a>>) -> Vec<Group<'a>> {
    let mut by_value: BTreeMap<_, Group> = BTreeMap::new();
    for e in list {
        let g = by_value.entry(e.span.key()).or_insert_with(|| Group {
            span: e.span,
            display: e.display,
            facts: Vec::new(),
            text: e.text.clone(),
            converted: e.converted,
            vague: true,
        });
        g.facts.push(e.fact);
        g.vague &= e.vague;
    }
    // Smallest value first, so sides read in order.
    let mut v: Vec<Group> = by_value.into_values().collect();
    v.sort_by(|a, b| {
        let (x, y) = (a.span.effective(), b.span.effective());
        x.0.total_cmp(&y.0)
            .then(x.1.total_cmp(&y.1))
            .then(a.span.key().cmp(&b.span.key()))
    });
    v
}

/// The verdict on two values: (rule name, severity, needs review), or None.
fn judge(a: &Group, b: &Group) -> Option<(&'static str, &'static str, bool)> {
    let vague = a.vague || b.vague;
    // A vague amount, or a period turned into a rate with a waking-day margin, that
    // reaches the other value is not a disagreement: its ends are not meant exactly.
    let soft = vague || a.converted || b.converted;
    match interval::relate(&a.span, &b.span) {
        Relation::Equal | Relation::Nested => None,
        Relation::Touching | Relation::Overlap if soft => None,
        Relation::Touching | Relation::Overlap => Some(("numeric-overlap", "minor", false)),
        Relation::LimitsDiffer => Some(("numeric-limits-differ", "minor", vague)),
        Relation::Disjoint if interval::separation(&a.span, &b.span) > MAX_SEPARATION => None,
        Relation::Disjoint
            if vague && interval::separation(&a.span, &b.span) > MAX_VAGUE_SEPARATION =>
        {
            None
        }
        Relation::Disjoint if vague => Some(("numeric-vague", "minor", true)),
        Relation::Disjoint => Some(("numeric-disjoint", "major", false)),
    }
}

/// One sentence built from the values: "Sources disagree on the session length of cold
/// therapy: 10-15 minutes against 15-20 minutes, which share only 15 minutes."
fn explain(what: &str, rule: &str, a: &Group, b: &Group) -> String {
    let (va, vb) = (a.value(), b.value());
    let ((alo, ahi), (blo, bhi)) = (a.span.effective(), b.span.effective());
    let (start, end) = (alo.max(blo), ahi.min(bhi));
    let shared = |lo: f64, hi: f64| {
        let s = Span {
            lo,
            hi,
            shape: interval::Shape::Closed,
        };
        interval::describe(&s, a.display)
    };
    let head = format!("Sources disagree on {what}: {va} against {vb}");
    match rule {
        "numeric-overlap" if (end - start).abs() <= 1e-9 * end.abs().max(1.0) => {
            format!("{head}, which share only {}.", shared(start, start))
        }
        "numeric-overlap" => format!("{head}, which agree only on {}.", shared(start, end)),
        "numeric-limits-differ" => format!("{head}, two different limits."),
        "numeric-vague" => {
            format!("{head}, with no value in common; one is vague, so a person should check.")
        }
        _ => format!("{head}, with no value in common."),
    }
}

pub(crate) fn find(facts: &[Fact], prov: &Provenance) -> Vec<Candidate> {
    let mut out = Vec::new();
    for ((topic, slot, _), list) in entries(facts) {
        let subject = format!("{topic}: {}", slot_label(slot));
        let what = format!("the {} of {topic}", slot_label(slot));
        let gs = groups(list);
        for (i, a) in gs.iter().enumerate() {
            for b in &gs[i + 1..] {
                let Some((rule, severity, needs_review)) = judge(a, b) else {
                    continue;
                };
                let pruned = if slot == Slot::HoldLength {
                    prov.prune_if(&a.facts, &b.facts, same_exercise)
                } else {
                    prov.prune(&a.facts, &b.facts)
                };
                let Some((fa, fb)) = pruned else {
                    continue;
                };
                let explanation = explain(&what, rule, a, b);
                out.push(Candidate {
                    kind: KIND_NUMERIC,
                    subject: subject.clone(),
                    sides: vec![(a.value(), ids(&fa)), (b.value(), ids(&fb))],
                    severity,
                    rule: rule_code(rule),
                    explanation,
                    needs_review,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::find_conflicts;
    use super::super::fixtures::*;
    use crate::model::{Bound, Conflict, Slot, Unit};

    fn ice(id: &str, doc: &str, q: crate::model::Quantity) -> crate::model::Fact {
        let s = format!("Press an ice pack to the area for {}.", q.text);
        fact(id, Some("cold therapy"), &s, &[doc], vec![q])
    }
    fn run(facts: &[crate::model::Fact]) -> Vec<Conflict> {
        let mut ids: Vec<String> = facts
            .iter()
            .flat_map(|f| f.citations.iter().map(|c| c.doc_id.clone()))
            .collect();
        ids.sort();
        ids.dedup();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        find_conflicts(facts, &docs(&refs))
    }

    #[test]
    fn equal_values_agree() {
        let out = run(&[
            ice("a", "d1", minutes("12-18 minutes", 12.0, 18.0)),
            ice("b", "d2", minutes("12 to 18 minutes", 12.0, 18.0)),
        ]);
        assert!(out.is_empty(), "{out:#?}");
    }

    #[test]
    fn nested_values_agree_in_both_directions() {
        // A point at the top of a range, and a point at the bottom of another.
        let out = run(&[
            ice("a", "d1", minutes("25 minutes", 25.0, 25.0)),
            ice("b", "d2", minutes("18-25 minutes", 18.0, 25.0)),
        ]);
        assert!(out.is_empty(), "{out:#?}");
        let out = run(&[
            ice("a", "d1", minutes("6-9 minutes", 6.0, 9.0)),
            ice("b", "d2", minutes("9 minutes", 9.0, 9.0)),
        ]);
        assert!(out.is_empty(), "{out:#?}");
    }

    #[test]
    fn touching_ranges_are_a_minor_conflict() {
        let out = run(&[
            ice("a", "d1", minutes("6-9 minutes", 6.0, 9.0)),
            ice("b", "d2", minutes("9-14 minutes", 9.0, 14.0)),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].severity.as_str(), out[0].rule.as_str()),
            ("minor", "X001")
        );
        assert!(
            out[0].explanation.contains("which share only 9 minutes"),
            "{}",
            out[0].explanation
        );
    }

    #[test]
    fn partial_overlap_is_a_minor_conflict() {
        let out = run(&[
            ice("a", "d1", minutes("6-12 minutes", 6.0, 12.0)),
            ice("b", "d2", minutes("9-14 minutes", 9.0, 14.0)),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity, "minor");
        assert!(
            out[0].explanation.contains("agree only on 9-12 minutes"),
            "{}",
            out[0].explanation
        );
    }

    #[test]
    fn disjoint_values_are_a_major_conflict() {
        let out = run(&[
            ice("a", "d1", minutes("7 minutes", 7.0, 7.0)),
            ice("b", "d2", minutes("18-25 minutes", 18.0, 25.0)),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].severity.as_str(), out[0].rule.as_str()),
            ("major", "X002")
        );
        assert_eq!(out[0].sides[0].value, "7 minutes");
        assert_eq!(out[0].sides[1].value, "18-25 minutes");
    }

    #[test]
    fn bounds_compare_as_intervals() {
        let at_most = |n: f64| {
            qty(
                &format!("no more than {n} minutes"),
                n,
                n,
                Unit::Minute,
                Bound::AtMost,
                Slot::SessionLength,
            )
        };
        // "No more than 8" against 18-25: disjoint.
        let out = run(&[
            ice("a", "d1", at_most(8.0)),
            ice("b", "d2", minutes("18-25 minutes", 18.0, 25.0)),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity, "major");
        assert_eq!(out[0].sides[0].value, "at most 8 minutes");
        // "No more than 25" allows 18-25: no conflict.
        let out = run(&[
            ice("a", "d1", at_most(25.0)),
            ice("b", "d2", minutes("18-25 minutes", 18.0, 25.0)),
        ]);
        assert!(out.is_empty(), "{out:#?}");
        // Two limits that differ.
        let out = run(&[ice("a", "d1", at_most(8.0)), ice("b", "d2", at_most(25.0))]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rule, "X003");
    }

    #[test]
    fn session_length_never_meets_phase_length() {
        let phase = qty(
            "the first 3 days",
            3.0,
            3.0,
            Unit::Day,
            Bound::Exact,
            Slot::PhaseLength,
        );
        let f1 = fact(
            "a",
            Some("cold therapy"),
            "Keep icing for the first 3 days.",
            &["d1"],
            vec![phase],
        );
        let f2 = ice("b", "d2", minutes("12-18 minutes", 12.0, 18.0));
        assert!(run(&[f1, f2]).is_empty());
    }

    #[test]
    fn hold_length_never_meets_session_length() {
        let hold = qty(
            "40 seconds",
            40.0,
            40.0,
            Unit::Second,
            Bound::Exact,
            Slot::HoldLength,
        );
        let f1 = fact(
            "a",
            Some("cold therapy"),
            "While the ice pack is on, hold each stretch for 40 seconds.",
            &["d1"],
            vec![hold],
        );
        let f2 = ice("b", "d2", minutes("12-18 minutes", 12.0, 18.0));
        assert!(run(&[f1, f2]).is_empty());
    }

    #[test]
    fn slot_mislabels_far_apart_are_ignored() {
        // A phase filed as a session length is not a disagreement with a real session.
        let wrong = qty(
            "72 hours",
            72.0,
            72.0,
            Unit::Hour,
            Bound::Exact,
            Slot::SessionLength,
        );
        let out = run(&[
            ice("a", "d1", wrong),
            ice("b", "d2", minutes("12-18 minutes", 12.0, 18.0)),
        ]);
        assert!(out.is_empty(), "{out:#?}");
    }

    #[test]
    fn different_subjects_never_conflict() {
        let heat = fact(
            "a",
            Some("heat therapy"),
            "Lay a heating pad on the muscle for 25-30 minutes.",
            &["d1"],
            vec![minutes("25-30 minutes", 25.0, 30.0)],
        );
        let cold = ice("b", "d2", minutes("6-9 minutes", 6.0, 9.0));
        let walk = fact(
            "c",
            Some("walking"),
            "Take a brisk walk for 45 minutes.",
            &["d3"],
            vec![minutes("45 minutes", 45.0, 45.0)],
        );
        assert!(run(&[heat, cold, walk]).is_empty());
    }

    #[test]
    fn an_activity_filed_under_a_treatment_is_not_about_it() {
        // The claims stage put a sitting advice under cold therapy; it names no
        // cold treatment, so its number is not about ice.
        let sitting = fact(
            "a",
            Some("cold therapy"),
            "Sitting hunched over a desk for 40 minutes can strain the back.",
            &["d1"],
            vec![minutes("40 minutes", 40.0, 40.0)],
        );
        let cold = ice("b", "d2", minutes("6-9 minutes", 6.0, 9.0));
        assert!(run(&[sitting, cold]).is_empty());
    }

    #[test]
    fn a_quantity_belongs_to_the_treatment_named_before_it() {
        // One sentence, two treatments: 6 minutes is about ice, 25 about heat.
        let both = fact(
            "a",
            Some("heat therapy"),
            "Use a hot water bottle for 25 minutes, and ice for 6 minutes.",
            &["d1"],
            vec![
                minutes("25 minutes", 25.0, 25.0),
                minutes("6 minutes", 6.0, 6.0),
            ],
        );
        let heat = fact(
            "b",
            Some("heat therapy"),
            "A heating pad for 25 minutes relaxes the muscle.",
            &["d2"],
            vec![minutes("25 minutes", 25.0, 25.0)],
        );
        let cold = ice("c", "d3", minutes("18-22 minutes", 18.0, 22.0));
        let out = run(&[both, heat, cold]);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].subject, "cold therapy: session length");
        assert_eq!(out[0].sides[0].fact_ids, vec!["a"]);
        assert_eq!(out[0].sides[1].fact_ids, vec!["c"]);
    }

    #[test]
    fn frequencies_compare_per_day() {
        let times = qty(
            "2-3 times a day",
            2.0,
            3.0,
            Unit::PerDay,
            Bound::Range,
            Slot::Frequency,
        );
        let every_hour = qty(
            "every hour",
            1.0,
            1.0,
            Unit::Hour,
            Bound::Exact,
            Slot::Frequency,
        );
        let every_8 = qty(
            "every 8 hours",
            8.0,
            8.0,
            Unit::Hour,
            Bound::Exact,
            Slot::Frequency,
        );
        let out = run(&[
            ice("a", "d1", times.clone()),
            ice("b", "d2", every_hour),
            ice("c", "d3", every_8),
        ]);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].subject, "cold therapy: frequency");
        // Every 8 hours is 2-3 times a day: one side with both.
        assert_eq!(out[0].sides[0].fact_ids, vec!["a", "c"]);
        assert_eq!(out[0].sides[0].value, "2-3 times a day");
        // Every 12 hours reaches twice a day: no disagreement with 2-3 times a day.
        let every_12 = qty(
            "every 12 hours",
            12.0,
            12.0,
            Unit::Hour,
            Bound::Exact,
            Slot::Frequency,
        );
        assert!(run(&[ice("a", "d1", times), ice("d", "d4", every_12)]).is_empty());
        assert_eq!(
            out[0].sides[1].value,
            "every hour (about 16-24 times a day)"
        );
    }

    #[test]
    fn vague_amounts_need_review_and_only_when_disjoint() {
        let times = qty(
            "2-3 times a day",
            2.0,
            3.0,
            Unit::PerDay,
            Bound::Range,
            Slot::Frequency,
        );
        let few_hours = qty(
            "every few hours",
            2.0,
            4.0,
            Unit::Hour,
            Bound::Approximate,
            Slot::Frequency,
        );
        let out = run(&[ice("a", "d1", times), ice("b", "d2", few_hours)]);
        assert_eq!(out.len(), 1);
        assert!(out[0].needs_review);
        assert_eq!(out[0].rule, "X004");
        // A vague amount that reaches the other value is left alone.
        let few_min = minutes("a few minutes", 3.0, 6.0);
        let out = run(&[
            ice("a", "d1", few_min),
            ice("b", "d2", minutes("6-10 minutes", 6.0, 10.0)),
        ]);
        assert!(out.is_empty(), "{out:#?}");
    }

    #[test]
    fn every_day_means_at_least_daily() {
        let freq =
            |text: &str, n: f64| qty(text, n, n, Unit::PerDay, Bound::Exact, Slot::Frequency);
        let jog = |id: &str, doc: &str, q: crate::model::Quantity| {
            let s = format!("Go for a gentle jog {}.", q.text);
            fact(id, Some("jogging"), &s, &[doc], vec![q])
        };
        let out = run(&[
            jog("a", "d1", freq("every day", 1.0)),
            jog("b", "d2", freq("twice a day", 2.0)),
        ]);
        assert!(out.is_empty(), "{out:#?}");
        // "Once a day" is exact, and does disagree with twice a day.
        let out = run(&[
            jog("a", "d1", freq("once a day", 1.0)),
            jog("b", "d2", freq("twice a day", 2.0)),
        ]);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn hold_lengths_compare_only_within_one_exercise() {
        let hold = |n: f64| {
            qty(
                &format!("{n} seconds"),
                n,
                n,
                Unit::Second,
                Bound::Exact,
                Slot::HoldLength,
            )
        };
        let bridge = fact(
            "a",
            Some("stretching"),
            "Raise your hips into a bridge and hold for 5 seconds.",
            &["d1"],
            vec![hold(5.0)],
        );
        let cobra = fact(
            "b",
            Some("stretching"),
            "Push up into the cobra pose and hold for 45 seconds.",
            &["d2"],
            vec![hold(45.0)],
        );
        assert!(run(&[bridge.clone(), cobra]).is_empty());
        let bridge2 = fact(
            "c",
            Some("stretching"),
            "Lift your hips into a bridge, then hold it for 45 seconds.",
            &["d3"],
            vec![hold(45.0)],
        );
        let out = run(&[bridge, bridge2]);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].subject, "stretching: hold length");
    }

    #[test]
    fn a_quantity_away_from_its_subject_is_not_about_it() {
        let freq = |text: &str, lo: f64, hi: f64| {
            qty(text, lo, hi, Unit::PerDay, Bound::Range, Slot::Frequency)
        };
        // The rate belongs to "stand up", not to the swim named after it.
        let far = fact(
            "a",
            Some("swimming"),
            "Stand up every 20 minutes and then go for an easy swim in the evening.",
            &["d1"],
            vec![freq("every 20 minutes", 48.0, 48.0)],
        );
        let near = fact(
            "b",
            Some("swimming"),
            "Swim twice a day.",
            &["d2"],
            vec![freq("twice a day", 2.0, 2.0)],
        );
        assert!(run(&[far, near.clone()]).is_empty());
        // Named right after the amount, it is about the subject.
        let after = fact(
            "c",
            Some("swimming"),
            "Do 4-5 sessions of swimming a day.",
            &["d3"],
            vec![freq("4-5 sessions", 4.0, 5.0)],
        );
        assert_eq!(run(&[after, near]).len(), 1);
    }

    #[test]
    fn vague_amounts_far_from_a_value_are_about_something_else() {
        let several = qty(
            "several times a day",
            3.0,
            7.0,
            Unit::PerDay,
            Bound::Approximate,
            Slot::Frequency,
        );
        let hourly = qty(
            "every half hour",
            48.0,
            48.0,
            Unit::PerDay,
            Bound::Exact,
            Slot::Frequency,
        );
        assert!(run(&[ice("a", "d1", several), ice("b", "d2", hourly)]).is_empty());
    }

    #[test]
    fn three_values_are_compared_pair_by_pair() {
        // 9 sits inside 6-9 and touches 9-14, while 6-9 and 9-14 touch: the nested
        // pair is never opposed.
        let out = run(&[
            ice("a", "d1", minutes("6-9 minutes", 6.0, 9.0)),
            ice("b", "d2", minutes("9 minutes", 9.0, 9.0)),
            ice("c", "d3", minutes("9-14 minutes", 9.0, 14.0)),
        ]);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].sides[0].fact_ids, vec!["a"]);
        assert_eq!(out[0].sides[1].fact_ids, vec!["c"]);
    }
}
