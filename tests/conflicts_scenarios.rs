//! End-to-end scenarios of the conflicts stage through its public API, on invented
//! articles: what must be flagged, what must never be, and the outputs' shape.

use factsieve::conflicts::{conflicts_markdown, find_conflicts};
use factsieve::model::{Bound, Citation, Conflict, Document, Fact, Quantity, Slot, Unit};

fn doc(id: &str, text: &str, copy_of: Option<&str>) -> Document {
    Document {
        near_duplicate_of: copy_of.map(Into::into),
        ..Document::from_text(id, text)
    }
}

fn q(text: &str, low: f64, high: f64, unit: Unit, bound: Bound, slot: Slot) -> Quantity {
    Quantity {
        text: text.into(),
        low,
        high,
        unit,
        bound,
        measures: slot,
    }
}

fn session(text: &str, low: f64, high: f64) -> Quantity {
    let bound = if low == high {
        Bound::Exact
    } else {
        Bound::Range
    };
    q(text, low, high, Unit::Minute, bound, Slot::SessionLength)
}

/// A fact whose citations are its statement, found in each document's text.
fn fact(id: &str, topic: &str, statement: &str, docs: &[&Document], qs: Vec<Quantity>) -> Fact {
    Fact {
        id: id.into(),
        statement: statement.into(),
        kind: "advice".into(),
        topic: Some(topic.into()),
        quantities: qs,
        negated: false,
        support: docs.len(),
        citations: docs
            .iter()
            .map(|d| {
                let start = d.text.text().find(statement).unwrap_or(0);
                Citation {
                    doc_id: d.doc_id.clone(),
                    start,
                    end: start + statement.len(),
                    quote: statement.into(),
                    quote_clean: statement.into(),
                }
            })
            .collect(),
    }
}

/// Whether some conflict puts fact `a` and fact `b` on opposite sides.
fn opposed(out: &[Conflict], a: &str, b: &str) -> bool {
    out.iter().any(|c| {
        let side_of = |id: &str| {
            c.sides
                .iter()
                .position(|s| s.fact_ids.iter().any(|f| f == id))
        };
        matches!((side_of(a), side_of(b)), (Some(i), Some(j)) if i != j)
    })
}

/// Four invented articles on a sore calf, and a syndicated copy of the first.
struct Corpus {
    docs: Vec<Document>,
    facts: Vec<Fact>,
}

fn corpus() -> Corpus {
    let a = doc(
        "a_calf",
        "Cool the calf with a bag of ice for 5-10 minutes. \
         Lay a heating pad over the calf for 25-30 minutes. \
         Squatting for 10 minutes can bring the cramp back.",
        None,
    );
    let b = doc(
        "b_calf",
        "Press a cold pack on the calf for 10-20 minutes each time. \
         Keep icing for the first three days. After that, use a heating pad.",
        None,
    );
    let c = doc(
        "c_calf",
        "Put an ice pack on the calf for 10-20 minutes. \
         Switch between heat packs and ice packs through the day.",
        None,
    );
    let d = doc(
        "d_calf",
        "Ice the calf for 10-20 minutes. A heating pad for 30 minutes is fine too.",
        None,
    );
    let e = doc(
        "e_calf_copy",
        // A damaged copy: its number differs from the original's only by damage.
        "Cool the calf with a bag of ice for 30 minutes. \
         Lay a heating pad over the calf for 25-30 minutes.",
        Some("a_calf"),
    );
    let days = q(
        "the first three days",
        3.0,
        3.0,
        Unit::Day,
        Bound::Exact,
        Slot::PhaseLength,
    );
    let facts = vec![
        fact(
            "ice_a",
            "cold therapy",
            "Cool the calf with a bag of ice for 5-10 minutes.",
            &[&a],
            vec![session("5-10 minutes", 5.0, 10.0)],
        ),
        fact(
            "heat_a",
            "heat therapy",
            "Lay a heating pad over the calf for 25-30 minutes.",
            &[&a],
            vec![session("25-30 minutes", 25.0, 30.0)],
        ),
        // The claims stage filed an activity under cold therapy: it names no cold treatment.
        fact(
            "squat_a",
            "cold therapy",
            "Squatting for 10 minutes can bring the cramp back.",
            &[&a],
            vec![session("10 minutes", 10.0, 10.0)],
        ),
        fact(
            "ice_b",
            "cold therapy",
            "Press a cold pack on the calf for 10-20 minutes each time.",
            &[&b],
            vec![session("10-20 minutes", 10.0, 20.0)],
        ),
        fact(
            "phase_b",
            "cold therapy",
            "Keep icing for the first three days.",
            &[&b],
            vec![days],
        ),
        fact(
            "ice_c",
            "cold therapy",
            "Put an ice pack on the calf for 10-20 minutes.",
            &[&c],
            vec![session("10-20 minutes", 10.0, 20.0)],
        ),
        fact(
            "alt_c",
            "heat therapy",
            "Switch between heat packs and ice packs through the day.",
            &[&c],
            vec![],
        ),
        fact(
            "ice_d",
            "cold therapy",
            "Ice the calf for 10-20 minutes.",
            &[&d],
            vec![session("10-20 minutes", 10.0, 20.0)],
        ),
        fact(
            "heat_d",
            "heat therapy",
            "A heating pad for 30 minutes is fine too.",
            &[&d],
            vec![session("30 minutes", 30.0, 30.0)],
        ),
        // Only in the copy: a copy never disagrees with its original.
        fact(
            "ice_e",
            "cold therapy",
            "Cool the calf with a bag of ice for 30 minutes.",
            &[&e],
            vec![session("30 minutes", 30.0, 30.0)],
        ),
    ];
    Corpus {
        docs: vec![a, b, c, d, e],
        facts,
    }
}

#[test]
fn one_article_against_three_is_one_conflict_with_grouped_sides() {
    let c = corpus();
    let out = find_conflicts(&c.facts, &c.docs);
    let session: Vec<&Conflict> = out
        .iter()
        .filter(|x| x.subject == "cold therapy: session length" && !x.within_document)
        .collect();
    let touching = session
        .iter()
        .find(|x| x.sides.iter().any(|s| s.value == "5-10 minutes"))
        .expect("5-10 against 10-20 is flagged");
    assert_eq!(touching.kind, "numeric_mismatch");
    assert_eq!(touching.severity, "minor");
    assert_eq!(touching.sides.len(), 2);
    assert_eq!(touching.sides[0].fact_ids, vec!["ice_a"]);
    assert_eq!(touching.sides[1].value, "10-20 minutes");
    assert_eq!(touching.sides[1].fact_ids, vec!["ice_b", "ice_c", "ice_d"]);
    assert!(touching.explanation.contains("5-10 minutes"));
}

#[test]
fn what_must_never_be_opposed() {
    let c = corpus();
    let out = find_conflicts(&c.facts, &c.docs);
    // Phase length against session length.
    assert!(!opposed(&out, "phase_b", "ice_c"));
    // Heat against cold.
    assert!(!opposed(&out, "heat_a", "ice_a"));
    // 30 minutes sits inside 25-30: heat agrees.
    assert!(!opposed(&out, "heat_a", "heat_d"));
    // An activity is not about ice.
    assert!(!opposed(&out, "squat_a", "ice_b"));
    // Equal values from different articles.
    assert!(!opposed(&out, "ice_b", "ice_c"));
    // The copy's own value never stands against its original's.
    assert!(!opposed(&out, "ice_e", "ice_a"));
    // But against an independent article it does (30 against 10-20 minutes).
    assert!(opposed(&out, "ice_e", "ice_c"));
}

#[test]
fn a_first_phase_then_a_switch_against_alternation() {
    let c = corpus();
    let out = find_conflicts(&c.facts, &c.docs);
    let seq = out
        .iter()
        .find(|x| x.kind == "sequence")
        .expect("sequence conflict");
    assert_eq!(seq.sides[0].value, "cold therapy first, then heat therapy");
    // The first phase is completed by the next sentence in the article.
    assert_eq!(seq.sides[0].fact_ids, vec!["phase_b"]);
    assert_eq!(seq.sides[1].fact_ids, vec!["alt_c"]);
}

#[test]
fn output_is_deterministic_and_sorted() {
    let c = corpus();
    let out = find_conflicts(&c.facts, &c.docs);
    let mut facts = c.facts.clone();
    facts.reverse();
    let mut docs = c.docs.clone();
    docs.reverse();
    assert_eq!(out, find_conflicts(&facts, &docs));
    assert!(out.windows(2).all(|w| w[0].id < w[1].id));
    for x in &out {
        assert!(x.sides.len() >= 2);
        assert!(x.sides.iter().all(|s| !s.fact_ids.is_empty()));
        assert!(!x.rule.is_empty() && !x.explanation.is_empty());
    }
}

#[test]
fn serialised_conflicts_carry_the_contract_fields() {
    let c = corpus();
    let out = find_conflicts(&c.facts, &c.docs);
    let v = serde_json::to_value(&out[0]).unwrap();
    for key in [
        "id",
        "kind",
        "subject",
        "sides",
        "severity",
        "rule",
        "explanation",
        "needs_review",
        "within_document",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert!(v["sides"][0]["value"].is_string());
    assert!(v["sides"][0]["fact_ids"].is_array());
}

#[test]
fn the_markdown_report_sets_sides_next_to_each_other() {
    let c = corpus();
    let out = find_conflicts(&c.facts, &c.docs);
    let md = conflicts_markdown(&out, &c.facts);
    assert!(md.contains("cold therapy: session length"));
    assert!(
        md.contains("| 5-10 minutes (1 fact, 1 document) | 10-20 minutes (3 facts, 3 documents) |"),
        "{md}"
    );
    assert!(
        md.contains("\"Cool the calf with a bag of ice for 5-10 minutes.\" (a_calf, fact `ice_a`)")
    );
}
