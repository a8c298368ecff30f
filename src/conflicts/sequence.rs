//! Sequence conflicts: "ice for the first 48 hours, then switch to heat" against
//! "alternate between heat and cold", or one order against the opposite order.
//!
//! A fact states a regimen when it names two treatment families with an alternation
//! cue, or with a step cue ("then", "after that") and evidence of a first phase ("for
//! the first 2 days", "initially"). A fact naming one treatment with a first phase may
//! take its second step from the clause that follows it in the article (and a step
//! fact its first phase from the one before): claims often stop at a sentence end.

use super::words::{self, Token, CUES};
use super::{ids, rule_code, Candidate, Provenance, KIND_SEQUENCE};
use crate::model::{DocView, Fact, Slot};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Regimen {
    /// The first family, then the second.
    Ordered(&'static str, &'static str),
    /// Both families in turn (names sorted).
    Alternate(&'static str, &'static str),
}

impl Regimen {
    fn pair(&self) -> (&'static str, &'static str) {
        match *self {
            Regimen::Ordered(a, b) | Regimen::Alternate(a, b) => {
                if a <= b {
                    (a, b)
                } else {
                    (b, a)
                }
            }
        }
    }
    fn value(&self) -> String {
        match self {
            Regimen::Ordered(a, b) => format!("{a} first, then {b}"),
            Regimen::Alternate(a, b) => format!("alternate {a} and {b}"),
        }
    }
}

/// A negation within three words before token `at` ("do not alternate").
fn negated_before(toks: &[Token], at: usize) -> bool {
    let from = at.saturating_sub(3);
    CUES.find("negation", &toks[from..at])
        .into_iter()
        .next()
        .is_some()
}

fn distinct_families(mentions: &[(usize, &'static str)]) -> Vec<&'static str> {
    let mut v: Vec<&str> = Vec::new();
    for (_, f) in mentions {
        if !v.contains(f) {
            v.push(f);
        }
    }
    v
}

fn alternation(toks: &[Token], mentions: &[(usize, &'static str)]) -> Option<Regimen> {
    let fams = distinct_families(mentions);
    if fams.len() < 2 {
        return None;
    }
    // "Alternate" is also an adjective ("alternate treatments include ice"): as a
    // one-word cue it must take its object right away ("alternate ice and heat",
    // "alternate between", "alternating warmth with cold").
    let takes_object = |at: usize| {
        toks.get(at)
            .is_some_and(|t| matches!(t.word.as_str(), "between" | "with"))
            || mentions.iter().any(|(i, _)| *i == at || *i == at + 1)
    };
    let verb_like = |m: &words::Match| {
        m.len > 1
            || matches!(toks[m.at].word.as_str(), "alternately" | "alternation")
            || takes_object(m.at + m.len)
    };
    if !CUES
        .find("alternate", toks)
        .iter()
        .any(|m| verb_like(m) && !negated_before(toks, m.at))
    {
        return None;
    }
    let (a, b) = if fams[0] <= fams[1] {
        (fams[0], fams[1])
    } else {
        (fams[1], fams[0])
    };
    Some(Regimen::Alternate(a, b))
}

/// "A ..., then B" or "A ... at first, B ... later", given evidence of a first phase.
fn order(toks: &[Token], mentions: &[(usize, &'static str)], phase: bool) -> Option<Regimen> {
    if !phase || distinct_families(mentions).len() < 2 {
        return None;
    }
    for cue in CUES.find("then", toks) {
        let Some(&(_, first)) = mentions.iter().find(|(i, _)| *i < cue.at) else {
            continue;
        };
        let after = cue.at + cue.len;
        let second = mentions.iter().find(|(i, f)| *i >= after && *f != first);
        if let Some(&(at, second)) = second {
            if negated_before(toks, cue.at) || negated_before(toks, at) {
                return None;
            }
            return Some(Regimen::Ordered(first, second));
        }
    }
    // "ice at first, heat later" and "ice at first, and later heat".
    for cue in CUES.find("later", toks) {
        let Some(&(at, first)) = mentions.iter().find(|(i, _)| *i < cue.at) else {
            continue;
        };
        if let Some(&(_, second)) = mentions.iter().find(|(i, f)| *i > at && *f != first) {
            return Some(Regimen::Ordered(first, second));
        }
    }
    None
}

/// Whether a fact speaks of a first phase of treatment: a phase length, or a phase cue
/// ("first", "initially") in a statement that gives no session length. "First ice for
/// 10 minutes, then heat for 10" is one session's routine, not a phase order.
fn phase_evidence(fact: &Fact, toks: &[Token]) -> bool {
    let has = |slot: Slot| fact.quantities.iter().any(|q| q.measures == slot);
    has(Slot::PhaseLength) || (CUES.any("phase", toks) && !has(Slot::SessionLength))
}

/// A cue of `class` among the first three words.
fn starts_with_cue(class: &str, toks: &[Token]) -> bool {
    CUES.find(class, toks).iter().any(|m| m.at < 3)
}

/// The regimen a fact states, alone or with the clause next to it in its article.
fn regimen<D: DocView>(fact: &Fact, docs: &BTreeMap<&str, &D>) -> Option<Regimen> {
    if fact.negated {
        return None;
    }
    let toks = words::tokens(&fact.statement);
    let mentions = words::family_mentions(&toks);
    let alt = alternation(&toks, &mentions);
    let ord = order(&toks, &mentions, phase_evidence(fact, &toks));
    match (alt, ord) {
        (Some(r), None) | (None, Some(r)) => return Some(r),
        // Both in one statement: it is not clear which it recommends.
        (Some(_), Some(_)) => return None,
        (None, None) => {}
    }
    if distinct_families(&mentions).len() != 1 {
        return None;
    }
    let own_phase = phase_evidence(fact, &toks);
    let step_first = starts_with_cue("then", &toks);
    if !own_phase && !step_first {
        return None;
    }
    for c in &fact.citations {
        let Some((before, next)) = docs
            .get(c.doc_id.as_str())
            .and_then(|d| d.passage_context(&c.quote_clean))
        else {
            continue;
        };
        let mut windows = Vec::new();
        if own_phase && starts_with_cue("then", &words::tokens(&next)) {
            windows.push(format!("{} {next}", c.quote_clean));
        }
        if step_first {
            windows.push(format!("{before} {}", c.quote_clean));
        }
        for w in windows {
            let wt = words::tokens(&w);
            let wm = words::family_mentions(&wt);
            let phase = own_phase || CUES.any("phase", &wt);
            if alternation(&wt, &wm).is_none() {
                if let Some(r) = order(&wt, &wm, phase) {
                    return Some(r);
                }
            }
        }
    }
    None
}

pub(crate) fn find<D: DocView>(facts: &[Fact], docs: &[D], prov: &Provenance) -> Vec<Candidate> {
    let by_id: BTreeMap<&str, &D> = docs.iter().map(|d| (d.doc_id(), d)).collect();
    let mut by_regimen: BTreeMap<Regimen, Vec<&Fact>> = BTreeMap::new();
    for f in facts {
        if let Some(r) = regimen(f, &by_id) {
            by_regimen.entry(r).or_default().push(f);
        }
    }
    let regimens: Vec<(&Regimen, &Vec<&Fact>)> = by_regimen.iter().collect();
    let mut out = Vec::new();
    for (i, (ra, fa)) in regimens.iter().enumerate() {
        for (rb, fb) in &regimens[i + 1..] {
            if ra.pair() != rb.pair() {
                continue;
            }
            let (rule, severity, why) = match (ra, rb) {
                (Regimen::Ordered(..), Regimen::Ordered(..)) => (
                    "sequence-opposite-order",
                    "major",
                    "the sources put them in opposite order",
                ),
                _ => (
                    "sequence-vs-alternation",
                    "minor",
                    "some sources use one for a first phase and then the other, while others alternate between them",
                ),
            };
            // Ordered regimens first, so sides read "first, then" against "alternate".
            let (ra, fa, rb, fb) = if matches!(ra, Regimen::Alternate(..)) {
                (rb, fb, ra, fa)
            } else {
                (ra, fa, rb, fb)
            };
            let Some((ka, kb)) = prov.prune(fa, fb) else {
                continue;
            };
            let (x, y) = ra.pair();
            out.push(Candidate {
                kind: KIND_SEQUENCE,
                subject: format!("{x} and {y}: order"),
                sides: vec![(ra.value(), ids(&ka)), (rb.value(), ids(&kb))],
                severity,
                rule: rule_code(rule),
                explanation: format!(
                    "For {x} and {y}, {why}: \"{}\" against \"{}\".",
                    ra.value(),
                    rb.value()
                ),
                needs_review: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::find_conflicts;
    use super::super::fixtures::*;
    use super::*;
    use crate::model::{following, preceding, Bound, Document, Unit};

    fn regimen_of(statement: &str) -> Option<Regimen> {
        let f = fact("f", None, statement, &["d"], vec![]);
        regimen(&f, &BTreeMap::<&str, &Document>::new())
    }

    #[test]
    fn alternation_needs_a_cue_and_two_treatments() {
        let alt = Some(Regimen::Alternate("cold therapy", "heat therapy"));
        assert_eq!(
            regimen_of("Switch between a heat pack and an ice pack."),
            alt
        );
        assert_eq!(
            regimen_of("Alternating warmth with cold compresses soothes it."),
            alt
        );
        assert_eq!(regimen_of("Alternate your feet as you climb stairs."), None);
        assert_eq!(regimen_of("Use a heating pad or an ice pack."), None);
        assert_eq!(regimen_of("Do not alternate heat and ice."), None);
        assert_eq!(
            regimen_of("Alternate remedies include heat wraps and ice."),
            None
        );
        assert_eq!(regimen_of("Use heat and ice alternately."), alt);
        assert_eq!(regimen_of("Alternate hot and cold packs."), alt);
        assert_eq!(
            regimen_of("Alternate rest days on hot days with cold ones."),
            None
        );
    }

    #[test]
    fn order_needs_a_step_cue_and_a_first_phase() {
        let ord = Some(Regimen::Ordered("cold therapy", "heat therapy"));
        assert_eq!(
            regimen_of("Ice it for the first three days, then move to heat."),
            ord
        );
        assert_eq!(
            regimen_of("Initially use a cold pack; after that, a warm compress."),
            ord
        );
        assert_eq!(regimen_of("Ice helps early and heat helps later."), ord);
        assert_eq!(
            regimen_of("Start with heat, then follow with ice."),
            Some(Regimen::Ordered("heat therapy", "cold therapy"))
        );
        // A session routine (no first phase) is not a treatment order.
        assert_eq!(
            regimen_of("Apply ice for ten minutes, then heat for ten."),
            None
        );
        // A session routine with its minutes is not a phase order either.
        let routine = fact(
            "f",
            None,
            "First ice for 8 minutes, then heat for 8 minutes.",
            &["d"],
            vec![
                minutes("8 minutes", 8.0, 8.0),
                minutes("8 minutes", 8.0, 8.0),
            ],
        );
        assert_eq!(regimen(&routine, &BTreeMap::<&str, &Document>::new()), None);
        // A phase quantity is evidence of a first phase too.
        let q = qty(
            "3 days",
            3.0,
            3.0,
            Unit::Day,
            Bound::Exact,
            Slot::PhaseLength,
        );
        let f = fact("f", None, "Ice for 3 days, then use heat.", &["d"], vec![q]);
        assert_eq!(regimen(&f, &BTreeMap::<&str, &Document>::new()), ord);
    }

    #[test]
    fn negated_facts_state_no_regimen() {
        let mut f = fact("f", None, "Alternate between heat and ice.", &["d"], vec![]);
        f.negated = true;
        assert_eq!(regimen(&f, &BTreeMap::<&str, &Document>::new()), None);
    }

    #[test]
    fn the_next_sentence_completes_a_first_phase() {
        let text = "Cool the muscle with an ice pack during the first two days. \
                    After that, a heating pad helps it relax. Alternate ice and heat daily.";
        let d = doc("d", text, None);
        let docs: BTreeMap<&str, &Document> = [("d", &d)].into_iter().collect();
        let first = fact(
            "f1",
            None,
            "Cool the muscle with an ice pack during the first two days.",
            &["d"],
            vec![],
        );
        let ord = Some(Regimen::Ordered("cold therapy", "heat therapy"));
        assert_eq!(regimen(&first, &docs), ord);
        let step = fact(
            "f2",
            None,
            "After that, a heating pad helps it relax.",
            &["d"],
            vec![],
        );
        assert_eq!(regimen(&step, &docs), ord);
        // A sentence without a first phase does not borrow the alternation after it.
        let text2 = "Wrap the ice pack in cloth for 12 minutes. Alternate heat and ice daily.";
        let d2 = doc("d", text2, None);
        let docs2: BTreeMap<&str, &Document> = [("d", &d2)].into_iter().collect();
        let plain = fact(
            "f3",
            None,
            "Wrap the ice pack in cloth for 12 minutes.",
            &["d"],
            vec![],
        );
        assert_eq!(regimen(&plain, &docs2), None);
    }

    #[test]
    fn context_windows_stop_at_sentence_ends() {
        let t = "One thing. Two, then three. Four.";
        assert_eq!(following(t, 3), "thing");
        assert_eq!(following(t, 10), "Two, then three");
        assert_eq!(following(t, 14), ", then three");
        assert_eq!(preceding(t, 11), "One thing");
        assert_eq!(preceding(t, 14), " Two");
        assert_eq!(following(t, 999), "");
        assert_eq!(preceding(t, 999), "");
    }

    #[test]
    fn order_against_alternation_is_a_sequence_conflict() {
        let facts = vec![
            fact(
                "f1",
                Some("cold therapy"),
                "For the first two days use ice, then switch to a heating pad.",
                &["a"],
                vec![],
            ),
            fact(
                "f2",
                Some("heat therapy"),
                "Go back and forth between heat and cold packs.",
                &["b"],
                vec![],
            ),
            fact(
                "f3",
                Some("cold therapy"),
                "Wrap the ice in a cloth.",
                &["c"],
                vec![minutes("12 minutes", 12.0, 12.0)],
            ),
        ];
        let out = find_conflicts(&facts, &docs(&["a", "b", "c"]));
        assert_eq!(out.len(), 1, "{out:#?}");
        let c = &out[0];
        assert_eq!(c.kind, "sequence");
        assert_eq!(c.subject, "cold therapy and heat therapy: order");
        assert_eq!(c.sides[0].value, "cold therapy first, then heat therapy");
        assert_eq!(c.sides[0].fact_ids, vec!["f1"]);
        assert_eq!(c.sides[1].value, "alternate cold therapy and heat therapy");
        assert_eq!(c.sides[1].fact_ids, vec!["f2"]);
        assert_eq!(c.rule, "X005");
    }

    #[test]
    fn opposite_orders_conflict_and_same_orders_agree() {
        let facts = vec![
            fact(
                "f1",
                None,
                "Initially apply ice, then heat.",
                &["a"],
                vec![],
            ),
            fact(
                "f2",
                None,
                "At first use ice, and later heat.",
                &["b"],
                vec![],
            ),
            fact(
                "f3",
                None,
                "Begin with heat, then switch to ice.",
                &["c"],
                vec![],
            ),
        ];
        let out = find_conflicts(&facts, &docs(&["a", "b", "c"]));
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].rule, "X006");
        assert_eq!(out[0].severity, "major");
        assert_eq!(out[0].sides[0].fact_ids, vec!["f1", "f2"]);
    }

    #[test]
    fn one_article_ordering_and_alternating_is_within_document() {
        let facts = vec![
            fact(
                "f1",
                None,
                "Initially apply ice, then heat.",
                &["a"],
                vec![],
            ),
            fact("f2", None, "Alternate heat and ice.", &["a"], vec![]),
        ];
        let out = find_conflicts(&facts, &docs(&["a"]));
        assert_eq!(out.len(), 1);
        assert!(out[0].within_document);
    }
}
