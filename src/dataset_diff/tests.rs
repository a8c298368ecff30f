//! Tests of the dataset diff.
use super::*;
use serde_json::json;

fn ds(docs: &[Value], facts: &[Value], conflicts: &[Value]) -> Dataset {
    let lines = |v: &[Value]| v.iter().map(|x| format!("{x}\n")).collect::<String>();
    Dataset::from_parts(
        &lines(docs),
        &lines(facts),
        &lines(conflicts),
        Default::default(),
    )
}

fn doc(id: &str, status: &str) -> Value {
    json!({"doc_id": id, "status": status, "reason": null, "title": null})
}

fn cite(doc: &str, start: u64, end: u64, quote: &str) -> Value {
    json!({"doc_id": doc, "start": start, "end": end, "quote": quote, "quote_clean": quote})
}

fn fact(id: &str, statement: &str, cites: Vec<Value>) -> Value {
    json!({"id": id, "statement": statement, "kind": "advice", "citations": cites})
}

fn conflict(id: &str, subject: &str, a: &str, b: &str) -> Value {
    json!({"id": id, "kind": "numeric_mismatch", "subject": subject,
           "sides": [{"value": "5 min", "fact_ids": [a]}, {"value": "9 min", "fact_ids": [b]}]})
}

#[test]
fn identical_datasets_have_no_changes() {
    let a = ds(
        &[doc("d1", "ok")],
        &[fact(
            "f1",
            "Walk daily.",
            vec![cite("d1", 0, 11, "Walk daily.")],
        )],
        &[],
    );
    let d = diff(&a, &a.clone());
    assert!(d.is_empty());
    assert_eq!(render_text(&d), "no changes\n");
}

#[test]
fn added_removed_and_skipped_documents() {
    let old = ds(
        &[doc("a", "ok"), doc("b", "ok"), doc("c", "skipped")],
        &[],
        &[],
    );
    let new = ds(
        &[
            doc("a", "ok"),
            doc("b", "skipped"),
            doc("c", "ok"),
            doc("d", "ok"),
        ],
        &[],
        &[],
    );
    let d = diff(&old, &new);
    assert_eq!(d.documents.added[0].doc_id, "d");
    assert_eq!(d.documents.newly_skipped[0].doc_id, "b");
    assert_eq!(d.documents.no_longer_skipped[0].doc_id, "c");
    assert!(d.documents.removed.is_empty());
    let d2 = diff(&new, &old);
    assert_eq!(d2.documents.removed[0].doc_id, "d");
}

#[test]
fn clean_text_changes_are_counted_in_lines() {
    let mut old = ds(&[doc("a", "ok")], &[], &[]);
    let mut new = old.clone();
    old.clean.insert("a".into(), "one\ntwo\n".into());
    new.clean.insert("a".into(), "one\nthree\nfour\n".into());
    let d = diff(&old, &new);
    assert_eq!(d.documents.changed.len(), 1);
    assert_eq!(d.documents.changed[0].clean_lines_added, 2);
    assert_eq!(d.documents.changed[0].clean_lines_removed, 1);
}

#[test]
fn same_id_new_statement_is_reworded_with_citation_changes() {
    let old = ds(
        &[],
        &[fact(
            "f1",
            "Rest for a day.",
            vec![cite("a", 0, 10, "x"), cite("b", 5, 9, "y")],
        )],
        &[],
    );
    let new = ds(
        &[],
        &[fact(
            "f1",
            "Rest for one day.",
            vec![cite("a", 0, 10, "x"), cite("c", 1, 4, "z")],
        )],
        &[],
    );
    let d = diff(&old, &new);
    assert_eq!(d.counts.facts_reworded, 1);
    let c = &d.facts.changed[0];
    assert_eq!(c.matched_by, "id");
    assert_eq!(c.citations_gained[0].doc_id, "c");
    assert_eq!(c.citations_lost[0].doc_id, "b");
    let text = render_text(&d);
    assert!(text.contains("was: \"Rest for a day.\""), "{text}");
    assert!(text.contains("no longer cites b 5..9"), "{text}");
}

#[test]
fn new_id_sharing_most_citations_is_a_rewording_not_add_and_remove() {
    let old = ds(
        &[],
        &[
            fact(
                "f_old",
                "Ice helps.",
                vec![cite("a", 0, 10, "Ice helps."), cite("b", 0, 9, "Ice works")],
            ),
            fact(
                "f_gone",
                "Sleep more.",
                vec![cite("a", 50, 60, "Sleep more")],
            ),
        ],
        &[],
    );
    let new = ds(
        &[],
        &[
            // Passage in "b" moved (raw file edited) but has the same quote.
            fact(
                "f_new",
                "Ice can help.",
                vec![
                    cite("a", 0, 10, "Ice helps."),
                    cite("b", 4, 13, "Ice works"),
                ],
            ),
            fact(
                "f_added",
                "Drink water.",
                vec![cite("c", 0, 12, "Drink water.")],
            ),
        ],
        &[],
    );
    let d = diff(&old, &new);
    assert_eq!(d.facts.changed.len(), 1);
    let c = &d.facts.changed[0];
    assert_eq!(
        (c.old_id.as_str(), c.new_id.as_str(), c.matched_by),
        ("f_old", "f_new", "citations")
    );
    assert!(c.reworded);
    assert_eq!(d.facts.added[0].id, "f_added");
    assert_eq!(d.facts.removed[0].id, "f_gone");
}

#[test]
fn a_fact_that_grew_under_a_new_id_is_matched() {
    let old = ds(
        &[],
        &[fact(
            "f_a",
            "Ice helps.",
            vec![cite("a", 0, 10, "Ice helps.")],
        )],
        &[],
    );
    let new = ds(
        &[],
        &[fact(
            "f_b",
            "Ice helps.",
            vec![
                cite("a", 0, 10, "Ice helps."),
                cite("n", 0, 5, "Ice!"),
                cite("n", 9, 20, "Use ice."),
            ],
        )],
        &[],
    );
    let d = diff(&old, &new);
    assert!(
        d.facts.added.is_empty() && d.facts.removed.is_empty(),
        "{d:?}"
    );
    assert_eq!(d.facts.changed[0].citations_gained.len(), 2);
    assert!(!d.facts.changed[0].reworded);
}

#[test]
fn other_fact_fields_are_reported() {
    let mut f = fact("f1", "Stretch.", vec![cite("a", 0, 8, "Stretch.")]);
    let old = ds(&[], std::slice::from_ref(&f), &[]);
    f["support"] = json!(2);
    let new = ds(&[], &[f], &[]);
    let d = diff(&old, &new);
    assert_eq!(d.facts.changed[0].fields[0].field, "support");
    assert!(!d.is_empty());
}

#[test]
fn conflicts_new_resolved_and_changed() {
    let old = ds(
        &[],
        &[],
        &[
            conflict("c1", "ice: session length", "f1", "f2"),
            conflict("c2", "heat: session length", "f3", "f4"),
        ],
    );
    let new = ds(
        &[],
        &[],
        &[
            // c1 re-identified with a new id (same kind and subject), sides changed.
            conflict("c9", "ice: session length", "f1", "f5"),
            conflict("c3", "rest: days", "f6", "f7"),
        ],
    );
    let d = diff(&old, &new);
    assert_eq!(d.conflicts.new[0].id, "c3");
    assert_eq!(d.conflicts.resolved[0].id, "c2");
    assert_eq!(d.conflicts.changed[0].old_id, "c1");
    assert_eq!(d.conflicts.changed[0].new.id, "c9");
    let md = render_markdown(&d);
    assert!(md.contains("resolved c2"), "{md}");
}

#[test]
fn bad_lines_are_problems_not_panics() {
    let d = Dataset::from_parts(
        "{\"doc_id\":\"a\"}\nnot json\n{}\n",
        "",
        "",
        Default::default(),
    );
    assert_eq!(d.documents.len(), 1);
    assert_eq!(d.problems.len(), 2);
}

#[test]
fn unreadable_datasets_are_refused_not_read_as_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("documents.jsonl"), "{\"doc_id\":\"a\"}\n").unwrap();
    std::fs::write(dir.join("facts.jsonl"), b"{\"id\":\"f\xff\"}\n").unwrap();
    let e = Dataset::load(dir).unwrap_err();
    assert!(e.contains("facts.jsonl is not valid UTF-8"), "{e}");
    std::fs::write(dir.join("facts.jsonl"), "{\"id\":\"f1\"}\n{\"id\":\n").unwrap();
    assert!(Dataset::load(dir).is_ok());
    let e = Dataset::load_checked(dir).unwrap_err();
    assert!(e.contains("1 malformed line(s): facts.jsonl line 2"), "{e}");
}

#[test]
fn changes_file_is_kept_when_nothing_changed() {
    let a = ds(&[doc("a", "ok")], &[], &[]);
    let first = changes_markdown(None, None, &a);
    assert!(first.contains("First run"));
    // Re-run over the same dataset: the existing file is kept byte for byte.
    assert_eq!(changes_markdown(Some(&a), Some(&first), &a), first);
    // No existing file and nothing changed: a fixed text.
    let none = changes_markdown(Some(&a), None, &a);
    assert!(none.contains("nothing changed"));
    // A change replaces the file, whatever it said before.
    let b = ds(&[doc("a", "ok"), doc("b", "ok")], &[], &[]);
    let changed = changes_markdown(Some(&a), Some(&first), &b);
    assert!(changed.contains("added b (ok)"), "{changed}");
    assert_eq!(changed, changes_markdown(Some(&a), None, &b));
}

#[test]
fn markdown_escapes_markup() {
    assert_eq!(md_escape("a*b <i>"), "a\\*b \\<i\\>");
}

#[test]
fn short_cuts_on_char_boundaries() {
    assert_eq!(short("héllo wörld", 5), "héll\u{2026}");
    assert_eq!(short("a\n b", 10), "a b");
}

#[test]
fn the_pull_request_comment_is_a_summary_then_capped_details() {
    let facts: Vec<Value> = (0..400)
        .map(|i| {
            json!({"id": format!("f{i:04}"), "statement": format!("Fact <b>{i}</b> says a long thing about walking every single day."),
                   "citations": [{"doc_id": "a", "start": i, "end": i + 5, "quote": "walks", "quote_clean": "walks"}]})
        })
        .collect();
    let old = ds(&[], &[], &[]);
    let new = ds(&[json!({"doc_id": "a", "status": "ok"})], &facts, &[]);
    let d = diff(&old, &new);
    let md = render_pull_request(&d, 6_000);
    assert!(md.len() <= 6_000, "{}", md.len());
    assert!(md.starts_with("### factsieve: dataset changes\n\n- documents: 1 added"));
    let summary_end = md.find("<details>").unwrap();
    assert!(md[..summary_end].contains("facts: 400 added"));
    assert!(md.contains("<details><summary>Documents (1)</summary>"));
    assert!(md.contains("<details><summary>Facts (400)</summary>"));
    assert_eq!(
        md.matches("<details>").count(),
        md.matches("</details>").count()
    );
    assert!(md.contains("more lines left out"), "{md}");
    assert!(!md.contains("<b>"), "dataset text is escaped");
    let empty = render_pull_request(&diff(&new, &new), 6_000);
    assert!(empty.contains("No changes"));
}

#[test]
fn pull_request_comment_golden() {
    let old = ds(
        &[json!({"doc_id": "a", "status": "ok", "title": "Knee care"})],
        &[
            json!({"id": "f1", "statement": "Walking helps a sprained knee.", "citations": [{"doc_id": "a", "start": 0, "end": 30, "quote": "Walking helps a sprained knee.", "quote_clean": "Walking helps a sprained knee."}]}),
            json!({"id": "f2", "statement": "Rest for two days.", "citations": [{"doc_id": "a", "start": 31, "end": 49, "quote": "Rest for two days.", "quote_clean": "Rest for two days."}]}),
        ],
        &[],
    );
    let new = ds(
        &[
            json!({"doc_id": "a", "status": "ok", "title": "Knee care"}),
            json!({"doc_id": "b", "status": "skipped", "reason": "empty file"}),
        ],
        &[
            json!({"id": "f1", "statement": "Walking helps a sprained knee heal.", "citations": [{"doc_id": "a", "start": 0, "end": 35, "quote": "Walking helps a sprained knee heal.", "quote_clean": "Walking helps a sprained knee heal."}]}),
            json!({"id": "f3", "statement": "Ice eases *swelling* | fast.", "citations": [{"doc_id": "a", "start": 50, "end": 77, "quote": "Ice eases *swelling* | fast.", "quote_clean": "Ice eases *swelling* | fast."}]}),
        ],
        &[],
    );
    insta::assert_snapshot!(render_pull_request(
        &diff(&old, &new),
        PULL_REQUEST_MAX_CHARS
    ));
}

#[test]
fn compact_datasets_diff_like_full_ones() {
    let lines = |v: &[Value]| v.iter().map(|x| format!("{x}\n")).collect::<String>();
    let old_facts = [
        fact("f1", "Walk daily.", vec![cite("a", 0, 11, "Walk daily.")]),
        fact(
            "f2",
            "Rest well.",
            vec![
                cite("a", 20, 30, "Rest well."),
                cite("b", 5, 15, "Rest well."),
            ],
        ),
        fact("f3", "Ice helps.", vec![cite("b", 40, 50, "Ice helps.")]),
    ];
    let new_facts = [
        fact(
            "f1",
            "Walk every day.",
            vec![cite("a", 0, 15, "Walk every day.")],
        ),
        fact("f2", "Rest well.", vec![cite("a", 20, 30, "Rest well.")]),
        fact(
            "f4",
            "Ice helps a lot.",
            vec![cite("b", 40, 50, "Ice helps.")],
        ),
    ];
    let docs = lines(&[doc("a", "ok"), doc("b", "ok")]);
    let full = |f: &[Value]| Dataset::from_parts(&docs, &lines(f), "", Default::default());
    let compact =
        |f: &[Value]| Dataset::from_parts_compact(&docs, &lines(f), "", Default::default());
    let want = diff(&full(&old_facts), &full(&new_facts));
    assert!(!want.is_empty());
    assert_eq!(diff(&compact(&old_facts), &compact(&new_facts)), want);
    assert_eq!(diff(&full(&old_facts), &compact(&new_facts)), want);
    assert_eq!(
        render_markdown(&diff(&compact(&old_facts), &compact(&new_facts))),
        render_markdown(&want)
    );
}
