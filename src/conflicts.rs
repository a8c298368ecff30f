//! Inconsistencies between facts: where sources disagree, and never where they agree.
//!
//! Kinds follow de Marneffe, Rafferty & Manning (2008), "Finding Contradictions in
//! Text": numeric mismatches (`numeric`), negation and antonymy (`polarity`), and
//! sequence (`sequence`); an inconsistency inside one article is flagged
//! `within_document`. Only claims about the same thing can conflict: one subject (a
//! treatment, a medicine) and one measured slot (session length is not phase length).
//!
//! Every detector hands back `Candidate`s; `finish` drops pairs that are only copies
//! of each other (near-duplicate documents), adds the within-document views, and gives
//! each conflict a stable id. Nothing here edits text: the rules only report.

mod interval;
mod numeric;
mod polarity;
mod report;
mod sequence;
mod words;

pub use report::conflicts_markdown;

use crate::model::{Conflict, ConflictSide, DocView, Fact};
use crate::rules::{Fix, Rule};
use std::collections::{BTreeMap, BTreeSet};

pub const RULES: &[Rule] = &[
    Rule {
        code: "X001",
        name: "numeric-overlap",
        stage: "conflicts",
        doc: "Values for one subject and slot that touch or partly overlap (10-15 vs 15-20 minutes): minor.",
        fix: Fix::Suggested,
    },
    Rule {
        code: "X002",
        name: "numeric-disjoint",
        stage: "conflicts",
        doc: "Values for one subject and slot with nothing in common (10 vs 15-20 minutes): major.",
        fix: Fix::Suggested,
    },
    Rule {
        code: "X003",
        name: "numeric-limits-differ",
        stage: "conflicts",
        doc: "Limits of one direction that differ (at most 10 vs at most 20 minutes): minor.",
        fix: Fix::Suggested,
    },
    Rule {
        code: "X004",
        name: "numeric-vague",
        stage: "conflicts",
        doc: "A vague amount ('every few hours') with nothing in common with a precise one: needs review.",
        fix: Fix::Suggested,
    },
    Rule {
        code: "X005",
        name: "sequence-vs-alternation",
        stage: "conflicts",
        doc: "One treatment first and then another, against alternating between the two.",
        fix: Fix::Suggested,
    },
    Rule {
        code: "X006",
        name: "sequence-opposite-order",
        stage: "conflicts",
        doc: "Two treatments in one order against the opposite order.",
        fix: Fix::Suggested,
    },
    Rule {
        code: "X007",
        name: "negation",
        stage: "conflicts",
        doc: "The same statement about one subject, asserted and denied.",
        fix: Fix::Suggested,
    },
    Rule {
        code: "X008",
        name: "antonymy",
        stage: "conflicts",
        doc: "Opposite verbs on one object for one subject ('boosts' vs 'reduces blood flow').",
        fix: Fix::Suggested,
    },
    Rule {
        code: "X009",
        name: "scope-qualified",
        stage: "conflicts",
        doc: "Advice for a subject against a warning about a limited form of it ('rest' vs 'avoid prolonged bed rest'): needs review.",
        fix: Fix::Suggested,
    },
];

/// The code of a rule by name (names are the readable handle inside this module).
fn rule_code(name: &str) -> &'static str {
    RULES.iter().find(|r| r.name == name).map_or("", |r| r.code)
}

pub const KIND_NUMERIC: &str = "numeric_mismatch";
pub const KIND_CONTRADICTION: &str = "contradiction";
pub const KIND_SEQUENCE: &str = "sequence";

/// A conflict as a detector finds it, before ids and within-document views.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub kind: &'static str,
    pub subject: String,
    /// (value, facts), in the order to show them.
    pub sides: Vec<(String, Vec<String>)>,
    pub severity: &'static str,
    pub rule: &'static str,
    pub explanation: String,
    pub needs_review: bool,
}

/// Where each fact comes from, and which documents are copies of which.
pub(crate) struct Provenance<'a> {
    docs_of: BTreeMap<&'a str, BTreeSet<&'a str>>,
    /// Per fact, the one original all its sources are copies of (or are), if there is
    /// one: two facts can then disagree only through a shared source.
    one_root: BTreeMap<&'a str, Option<&'a str>>,
}

impl<'a> Provenance<'a> {
    pub fn new<D: DocView>(facts: &'a [Fact], docs: &'a [D]) -> Self {
        let parent: BTreeMap<&str, &str> = docs
            .iter()
            .filter_map(|d| Some((d.doc_id(), d.near_duplicate_of()?)))
            .collect();
        let mut root = BTreeMap::new();
        for d in docs {
            // Follow the copy chain to its original; a cycle stops after one lap. Near-
            // duplicate detection points copies at originals, so chains are one link long.
            let mut r = d.doc_id();
            for _ in 0..docs.len() {
                match parent.get(r) {
                    Some(p) if *p != d.doc_id() => r = p,
                    _ => break,
                }
            }
            root.insert(d.doc_id(), r);
        }
        let docs_of = facts
            .iter()
            .map(|f| {
                (
                    f.id.as_str(),
                    f.citations.iter().map(|c| c.doc_id.as_str()).collect(),
                )
            })
            .collect::<BTreeMap<&str, BTreeSet<&str>>>();
        let root_of = |d: &'a str| root.get(d).copied().unwrap_or(d);
        let one_root = docs_of
            .iter()
            .map(|(f, ds)| {
                let mut roots = ds.iter().map(|d| root_of(d));
                let first = roots.next();
                let one = first.filter(|r| roots.all(|x| x == *r));
                (*f, one)
            })
            .collect();
        Provenance { docs_of, one_root }
    }

    fn docs(&self, fact: &str) -> impl Iterator<Item = &&'a str> {
        self.docs_of.get(fact).into_iter().flatten()
    }

    /// Whether two facts are separate evidence that can disagree: some pair of their
    /// sources is one article (disagreeing with itself) or two articles that are not
    /// copies of each other. A syndicated copy never contradicts its original.
    ///
    /// That is: both have sources, and they share one, or their sources are not all
    /// copies of one original (then some pair has different originals).
    pub fn independent(&self, a: &str, b: &str) -> bool {
        if a == b {
            return false;
        }
        let (Some(da), Some(db)) = (self.docs_of.get(a), self.docs_of.get(b)) else {
            return false;
        };
        if da.is_empty() || db.is_empty() {
            return false;
        }
        match (self.one_root.get(a), self.one_root.get(b)) {
            (Some(Some(ra)), Some(Some(rb))) if ra == rb => da.intersection(db).next().is_some(),
            _ => true,
        }
    }

    /// Whether a fact cites a document.
    fn cites(&self, fact: &str, doc: &str) -> bool {
        self.docs_of.get(fact).is_some_and(|ds| ds.contains(doc))
    }

    /// Keep the facts of each side that have an independent partner on the other;
    /// None when a side is left empty.
    pub fn prune<'f>(
        &self,
        a: &[&'f Fact],
        b: &[&'f Fact],
    ) -> Option<(Vec<&'f Fact>, Vec<&'f Fact>)> {
        self.prune_if(a, b, |_, _| true)
    }

    /// As [`Self::prune`], where a partner must also pass `comparable`.
    pub fn prune_if<'f>(
        &self,
        a: &[&'f Fact],
        b: &[&'f Fact],
        comparable: impl Fn(&Fact, &Fact) -> bool,
    ) -> Option<(Vec<&'f Fact>, Vec<&'f Fact>)> {
        let keep = |xs: &[&'f Fact], ys: &[&'f Fact]| -> Vec<&'f Fact> {
            xs.iter()
                .filter(|x| {
                    ys.iter()
                        .any(|y| self.independent(&x.id, &y.id) && comparable(x, y))
                })
                .copied()
                .collect()
        };
        let (ka, kb) = (keep(a, b), keep(b, a));
        (!ka.is_empty() && !kb.is_empty()).then_some((ka, kb))
    }

    /// Documents cited by every one of the facts.
    fn common_docs(&self, facts: &[&str]) -> BTreeSet<&'a str> {
        let mut it = facts.iter();
        let Some(first) = it.next() else {
            return BTreeSet::new();
        };
        let mut common: BTreeSet<&'a str> = self.docs(first).copied().collect();
        for f in it {
            let d: BTreeSet<&'a str> = self.docs(f).copied().collect();
            common = common.intersection(&d).copied().collect();
        }
        common
    }
}

/// Fact ids of a side, sorted and without repeats.
pub(crate) fn ids(facts: &[&Fact]) -> Vec<String> {
    let mut v: Vec<String> = facts.iter().map(|f| f.id.clone()).collect();
    v.sort();
    v.dedup();
    v
}

/// Stable id: blake3 of the kind, the subject and the sorted fact ids of each side.
fn conflict_id(kind: &str, subject: &str, sides: &[ConflictSide]) -> String {
    let mut lists: Vec<Vec<&str>> = sides
        .iter()
        .map(|s| {
            let mut v: Vec<&str> = s.fact_ids.iter().map(String::as_str).collect();
            v.sort_unstable();
            v
        })
        .collect();
    lists.sort();
    let mut h = blake3::Hasher::new();
    h.update(kind.as_bytes());
    h.update(b"\n");
    h.update(subject.as_bytes());
    for l in lists {
        h.update(b"\n");
        h.update(l.join(",").as_bytes());
    }
    h.finalize().to_hex()[..16].to_string()
}

fn conflict(
    c: &Candidate,
    sides: Vec<ConflictSide>,
    explanation: String,
    within: bool,
) -> Conflict {
    Conflict {
        id: conflict_id(c.kind, &c.subject, &sides),
        kind: c.kind.to_string(),
        subject: c.subject.clone(),
        sides,
        severity: c.severity.to_string(),
        rule: c.rule.to_string(),
        explanation,
        needs_review: c.needs_review,
        within_document: within,
    }
}

/// Turn candidates into conflicts: within-document flags and views, ids, order.
fn finish(cands: Vec<Candidate>, prov: &Provenance) -> Vec<Conflict> {
    let mut out: BTreeMap<String, Conflict> = BTreeMap::new();
    for c in &cands {
        if c.sides.len() < 2 || c.sides.iter().any(|(_, f)| f.is_empty()) {
            continue;
        }
        let sides: Vec<ConflictSide> = c
            .sides
            .iter()
            .map(|(value, fact_ids)| ConflictSide {
                value: value.clone(),
                fact_ids: fact_ids.clone(),
            })
            .collect();
        let all: Vec<&str> = c
            .sides
            .iter()
            .flat_map(|(_, f)| f.iter().map(String::as_str))
            .collect();
        let within = !prov.common_docs(&all).is_empty();
        let whole = conflict(c, sides, c.explanation.clone(), within);
        out.entry(whole.id.clone()).or_insert(whole);
        if within {
            continue;
        }
        // An article that sits on both sides disagrees with itself: show that alone.
        let docs_per_side: Vec<BTreeSet<&str>> = c
            .sides
            .iter()
            .map(|(_, f)| f.iter().flat_map(|id| prov.docs(id).copied()).collect())
            .collect();
        let mut shared = docs_per_side[0].clone();
        for d in &docs_per_side[1..] {
            shared = shared.intersection(d).copied().collect();
        }
        for doc in shared {
            let sides: Vec<ConflictSide> = c
                .sides
                .iter()
                .map(|(value, f)| ConflictSide {
                    value: value.clone(),
                    fact_ids: f.iter().filter(|id| prov.cites(id, doc)).cloned().collect(),
                })
                .collect();
            let explanation = format!("{doc} says both. {}", c.explanation);
            let view = conflict(c, sides, explanation, true);
            out.entry(view.id.clone()).or_insert(view);
        }
    }
    out.into_values().collect()
}

/// Find every conflict among the facts. Deterministic: sorted by id.
pub fn find_conflicts<D: DocView>(facts: &[Fact], docs: &[D]) -> Vec<Conflict> {
    let prov = Provenance::new(facts, docs);
    let mut cands = numeric::find(facts, &prov);
    cands.extend(sequence::find(facts, docs, &prov));
    cands.extend(polarity::find(facts, &prov));
    finish(cands, &prov)
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Hand-built facts and documents for the tests of every detector.
    use crate::model::{Bound, Citation, Document, Fact, Quantity, Slot, Unit};

    pub fn doc(id: &str, text: &str, copy_of: Option<&str>) -> Document {
        Document {
            near_duplicate_of: copy_of.map(Into::into),
            ..Document::from_text(id, text)
        }
    }

    pub fn qty(text: &str, low: f64, high: f64, unit: Unit, bound: Bound, slot: Slot) -> Quantity {
        Quantity {
            text: text.into(),
            low,
            high,
            unit,
            bound,
            measures: slot,
        }
    }

    pub fn minutes(text: &str, low: f64, high: f64) -> Quantity {
        let bound = if low == high {
            Bound::Exact
        } else {
            Bound::Range
        };
        qty(text, low, high, Unit::Minute, bound, Slot::SessionLength)
    }

    /// A fact citing each document with the statement as its passage.
    pub fn fact(
        id: &str,
        topic: Option<&str>,
        statement: &str,
        docs: &[&str],
        q: Vec<Quantity>,
    ) -> Fact {
        Fact {
            id: id.into(),
            statement: statement.into(),
            kind: "advice".into(),
            topic: topic.map(Into::into),
            quantities: q,
            negated: false,
            support: docs.len(),
            citations: docs
                .iter()
                .map(|d| Citation {
                    doc_id: (*d).into(),
                    start: 0,
                    end: statement.len(),
                    quote: statement.into(),
                    quote_clean: statement.into(),
                })
                .collect(),
        }
    }

    pub fn docs(ids: &[&str]) -> Vec<Document> {
        ids.iter().map(|i| doc(i, "", None)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    fn cold(id: &str, doc: &str, text: &str, low: f64, high: f64) -> Fact {
        fact(
            id,
            Some("cold therapy"),
            &format!("Hold a bag of ice on the sore spot for {text}."),
            &[doc],
            vec![minutes(text, low, high)],
        )
    }

    #[test]
    fn rules_are_registered_and_report_only() {
        for r in RULES {
            assert_eq!(r.fix, Fix::Suggested, "{} must never edit text", r.code);
            assert_eq!(r.stage, "conflicts");
            assert!(
                crate::rules::get(r.code).is_some(),
                "{} not in registry",
                r.code
            );
        }
        assert_eq!(rule_code("numeric-overlap"), "X001");
    }

    #[test]
    fn sides_group_facts_by_value() {
        let facts = vec![
            cold("f1", "a", "8-12 minutes", 8.0, 12.0),
            cold("f2", "b", "8 to 12 minutes", 8.0, 12.0),
            cold("f3", "c", "12-25 minutes", 12.0, 25.0),
            cold("f4", "d", "12-25 min", 12.0, 25.0),
            cold("f5", "e", "twelve to twenty-five minutes", 12.0, 25.0),
        ];
        let out = find_conflicts(&facts, &docs(&["a", "b", "c", "d", "e"]));
        assert_eq!(out.len(), 1, "{out:#?}");
        let c = &out[0];
        assert_eq!(c.kind, KIND_NUMERIC);
        assert_eq!(c.subject, "cold therapy: session length");
        assert_eq!(c.sides.len(), 2);
        assert_eq!(c.sides[0].value, "8-12 minutes");
        assert_eq!(c.sides[0].fact_ids, vec!["f1", "f2"]);
        assert_eq!(c.sides[1].value, "12-25 minutes");
        assert_eq!(c.sides[1].fact_ids, vec!["f3", "f4", "f5"]);
        assert_eq!((c.severity.as_str(), c.rule.as_str()), ("minor", "X001"));
        assert!(!c.within_document && !c.needs_review);
        assert!(c.explanation.contains("8-12 minutes") && c.explanation.contains("12-25 minutes"));
    }

    #[test]
    fn ids_are_stable_and_output_is_sorted_and_order_free() {
        let facts = vec![
            cold("f1", "a", "5 minutes", 5.0, 5.0),
            cold("f2", "b", "12-25 minutes", 12.0, 25.0),
            cold("f3", "c", "25-40 minutes", 25.0, 40.0),
        ];
        let d = docs(&["a", "b", "c"]);
        let one = find_conflicts(&facts, &d);
        let mut rev = facts.clone();
        rev.reverse();
        assert_eq!(one, find_conflicts(&rev, &d));
        assert!(one.windows(2).all(|w| w[0].id < w[1].id));
        assert!(one.iter().all(|c| c.id.len() == 16));
        // The id depends on kind, subject and fact ids only.
        let c = &one[0];
        let mut sides = c.sides.clone();
        sides.reverse();
        assert_eq!(conflict_id(&c.kind, &c.subject, &sides), c.id);
        assert_ne!(conflict_id("sequence", &c.subject, &sides), c.id);
    }

    #[test]
    fn near_duplicate_copies_never_conflict_with_themselves() {
        let facts = vec![
            cold("f1", "orig", "8-12 minutes", 8.0, 12.0),
            cold("f2", "copy", "12-25 minutes", 12.0, 25.0),
        ];
        let d = vec![doc("orig", "", None), doc("copy", "", Some("orig"))];
        assert!(find_conflicts(&facts, &d).is_empty());
        // A copy of a copy is still the same article.
        let facts3 = vec![
            cold("f1", "orig", "8-12 minutes", 8.0, 12.0),
            cold("f3", "copy2", "12-25 minutes", 12.0, 25.0),
        ];
        let d3 = vec![
            doc("orig", "", None),
            doc("copy", "", Some("orig")),
            doc("copy2", "", Some("copy")),
        ];
        assert!(find_conflicts(&facts3, &d3).is_empty());
        // An independent third source still disagrees, and only it is opposed.
        let mut more = facts.clone();
        more.push(cold("f4", "other", "12-25 minutes", 12.0, 25.0));
        let mut d2 = d.clone();
        d2.push(doc("other", "", None));
        let out = find_conflicts(&more, &d2);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].sides[0].fact_ids, vec!["f1"]);
        assert_eq!(out[0].sides[1].fact_ids, vec!["f4"]);
    }

    #[test]
    fn copy_cycles_do_not_hang() {
        let facts = vec![
            cold("f1", "x", "8-12 minutes", 8.0, 12.0),
            cold("f2", "y", "12-25 minutes", 12.0, 25.0),
        ];
        let d = vec![doc("x", "", Some("y")), doc("y", "", Some("x"))];
        let _ = find_conflicts(&facts, &d);
    }

    #[test]
    fn one_article_against_itself_is_within_document() {
        let facts = vec![
            cold("f1", "a", "5 minutes", 5.0, 5.0),
            cold("f2", "a", "30 minutes", 30.0, 30.0),
        ];
        let out = find_conflicts(&facts, &docs(&["a"]));
        assert_eq!(out.len(), 1);
        assert!(out[0].within_document);
        assert_eq!(out[0].severity, "major");
    }

    #[test]
    fn an_article_on_both_sides_gets_its_own_view() {
        let mut f1 = cold("f1", "a", "5 minutes", 5.0, 5.0);
        let f2 = cold("f2", "a", "30 minutes", 30.0, 30.0);
        let f3 = cold("f3", "b", "30 minutes", 30.0, 30.0);
        f1.citations.push(f3.citations[0].clone());
        f1.citations[1].doc_id = "c".into();
        let out = find_conflicts(&[f1, f2, f3], &docs(&["a", "b", "c"]));
        assert_eq!(out.len(), 2, "{out:#?}");
        let whole = out.iter().find(|c| !c.within_document).unwrap();
        assert_eq!(whole.sides[1].fact_ids, vec!["f2", "f3"]);
        let view = out.iter().find(|c| c.within_document).unwrap();
        assert_eq!(view.sides[0].fact_ids, vec!["f1"]);
        assert_eq!(view.sides[1].fact_ids, vec!["f2"]);
        assert!(view.explanation.starts_with("a says both."));
    }

    #[test]
    fn nothing_in_nothing_out() {
        assert!(find_conflicts::<crate::model::Document>(&[], &[]).is_empty());
        // Facts without citations or topics are never a problem.
        let mut f = cold("f1", "a", "5 minutes", 5.0, 5.0);
        f.citations.clear();
        let g = fact("g", None, "", &[], vec![]);
        assert!(find_conflicts::<crate::model::Document>(&[f, g], &[]).is_empty());
    }
}
