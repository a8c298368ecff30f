//! `reports/conflicts.md`: every conflict for a person to review, its sides next to
//! each other with the passages that state them.

use super::RULES;
use crate::model::{Conflict, Fact};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\\', "\\\\")
        .replace('|', "\\|")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// The passages a side rests on: `"quote" (doc_id)` per citation of each of its facts.
/// Conflicts written out in full in `conflicts.md` (major ones first); the rest are counted
/// and left to `conflicts.jsonl` and the review page, so the file stays readable at any
/// corpus size.
pub const MAX_CONFLICTS_SHOWN: usize = 200;
/// Passages shown per side of a conflict; the rest are counted.
pub const MAX_PASSAGES_SHOWN: usize = 12;

fn passages(fact_ids: &[String], facts: &BTreeMap<&str, &Fact>) -> Vec<String> {
    let mut out = passages_all(fact_ids, facts);
    if out.len() > MAX_PASSAGES_SHOWN {
        let more = out.len() - MAX_PASSAGES_SHOWN;
        out.truncate(MAX_PASSAGES_SHOWN);
        out.push(format!("... and {more} more passages"));
    }
    out
}

fn passages_all(fact_ids: &[String], facts: &BTreeMap<&str, &Fact>) -> Vec<String> {
    let mut out = Vec::new();
    for id in fact_ids {
        match facts.get(id.as_str()) {
            Some(f) if !f.citations.is_empty() => {
                for c in &f.citations {
                    let q = if c.quote_clean.trim().is_empty() {
                        &c.quote
                    } else {
                        &c.quote_clean
                    };
                    out.push(format!(
                        "\"{}\" ({}, fact `{}`)",
                        cell(q),
                        cell(&c.doc_id),
                        id
                    ));
                }
            }
            Some(f) => out.push(format!("\"{}\" (fact `{id}`)", cell(&f.statement))),
            None => out.push(format!("(fact `{id}` is not in the dataset)")),
        }
    }
    out
}

/// The Markdown report of conflicts: a summary, the rules, then each conflict with its
/// subject, kind, severity, rule, explanation and its sides side by side. Major ones
/// come first; the order is otherwise by subject and id, so the file is deterministic.
pub fn conflicts_markdown(conflicts: &[Conflict], facts: &[Fact]) -> String {
    let by_id: BTreeMap<&str, &Fact> = facts.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut s = String::new();
    let _ = writeln!(s, "# Conflicts between sources\n");
    let count = |p: &dyn Fn(&Conflict) -> bool| conflicts.iter().filter(|c| p(c)).count();
    let _ = writeln!(
        s,
        "{} conflicts: {} major, {} minor; {} need a person's review; {} inside one article.\n",
        conflicts.len(),
        count(&|c| c.severity == "major"),
        count(&|c| c.severity != "major"),
        count(&|c| c.needs_review),
        count(&|c| c.within_document),
    );
    if conflicts.is_empty() {
        let _ = writeln!(s, "No sources disagree.");
        return s;
    }
    let _ = writeln!(
        s,
        "Each conflict shows its sides next to each other: the value a side states, then every passage that states it, with its document. Sources that are copies of one another (near-duplicates) are never set against each other.\n"
    );
    let _ = writeln!(s, "| rule | name | flags |");
    let _ = writeln!(s, "|---|---|---|");
    for r in RULES {
        let _ = writeln!(s, "| {} | {} | {} |", r.code, r.name, cell(r.doc));
    }
    let mut order: Vec<&Conflict> = conflicts.iter().collect();
    order.sort_by(|a, b| {
        (a.severity != "major", &a.subject, &a.id).cmp(&(b.severity != "major", &b.subject, &b.id))
    });
    if order.len() > MAX_CONFLICTS_SHOWN {
        let _ = writeln!(
            s,
            "\nThe first {MAX_CONFLICTS_SHOWN} of {} conflicts follow (major first, then by subject); all of them are in `curated/conflicts.jsonl` and on the review page.",
            order.len()
        );
    }
    for (n, c) in order.iter().take(MAX_CONFLICTS_SHOWN).enumerate() {
        let rule_name = RULES
            .iter()
            .find(|r| r.code == c.rule)
            .map_or("", |r| r.name);
        let _ = writeln!(s, "\n## {}. {}\n", n + 1, c.subject);
        let _ = writeln!(
            s,
            "**{}**, {}, rule {} ({}) · id `{}` · needs review: {} · inside one article: {}\n",
            c.kind,
            c.severity,
            c.rule,
            rule_name,
            c.id,
            yes_no(c.needs_review),
            yes_no(c.within_document),
        );
        let _ = writeln!(s, "{}\n", c.explanation);
        let columns: Vec<Vec<String>> = c
            .sides
            .iter()
            .map(|side| passages(&side.fact_ids, &by_id))
            .collect();
        let header: Vec<String> = c
            .sides
            .iter()
            .map(|side| {
                let n = side.fact_ids.len();
                let docs: BTreeSet<&str> = side
                    .fact_ids
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()))
                    .flat_map(|f| f.citations.iter().map(|c| c.doc_id.as_str()))
                    .collect();
                format!(
                    "{} ({n} fact{}, {} document{})",
                    cell(&side.value),
                    plural(n),
                    docs.len(),
                    plural(docs.len())
                )
            })
            .collect();
        let _ = writeln!(s, "| {} |", header.join(" | "));
        let _ = writeln!(s, "|{}", "---|".repeat(header.len()));
        let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..rows {
            let row: Vec<&str> = columns
                .iter()
                .map(|col| col.get(i).map_or("", String::as_str))
                .collect();
            let _ = writeln!(s, "| {} |", row.join(" | "));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::model::ConflictSide;

    #[test]
    fn long_lists_are_cut_with_a_count() {
        let f = fact(
            "f1",
            None,
            "Ice for 10 minutes.",
            &["a"],
            vec![minutes("10 minutes", 10.0, 10.0)],
        );
        let cs: Vec<Conflict> = (0..MAX_CONFLICTS_SHOWN + 5)
            .map(|i| Conflict {
                id: format!("{i:016}"),
                ..conflict(vec![("10", vec!["f1"]), ("20", vec!["f1"])])
            })
            .collect();
        let md = conflicts_markdown(&cs, &[f]);
        assert!(md.contains(&format!("The first {MAX_CONFLICTS_SHOWN} of {}", cs.len())));
        assert_eq!(md.matches("\n## ").count(), MAX_CONFLICTS_SHOWN);
    }

    fn conflict(sides: Vec<(&str, Vec<&str>)>) -> Conflict {
        Conflict {
            id: "0123456789abcdef".into(),
            kind: "numeric_mismatch".into(),
            subject: "cold therapy: session length".into(),
            sides: sides
                .into_iter()
                .map(|(v, f)| ConflictSide {
                    value: v.into(),
                    fact_ids: f.into_iter().map(String::from).collect(),
                })
                .collect(),
            severity: "minor".into(),
            rule: "X001".into(),
            explanation: "Sources give it as 8-12 minutes against 12-25 minutes.".into(),
            needs_review: false,
            within_document: false,
        }
    }

    #[test]
    fn sides_stand_next_to_each_other_with_their_passages() {
        let facts = vec![
            fact(
                "f1",
                Some("cold therapy"),
                "Ice it | 8-12 minutes.",
                &["docA"],
                vec![],
            ),
            fact(
                "f2",
                Some("cold therapy"),
                "Ice it 12-25 minutes.",
                &["docB", "docC"],
                vec![],
            ),
        ];
        let md = conflicts_markdown(
            &[conflict(vec![
                ("8-12 minutes", vec!["f1"]),
                ("12-25 minutes", vec!["f2", "gone"]),
            ])],
            &facts,
        );
        assert!(md.contains("## 1. cold therapy: session length"));
        assert!(
            md.contains(
                "| 8-12 minutes (1 fact, 1 document) | 12-25 minutes (2 facts, 2 documents) |"
            ),
            "{md}"
        );
        assert!(md.contains("rule X001 (numeric-overlap)"));
        // Row 1 holds a passage of each side; a pipe in a passage is escaped.
        assert!(
            md.contains("| \"Ice it \\| 8-12 minutes.\" (docA, fact `f1`) | \"Ice it 12-25 minutes.\" (docB, fact `f2`) |"),
            "{md}"
        );
        assert!(
            md.contains("|  | \"Ice it 12-25 minutes.\" (docC, fact `f2`) |"),
            "{md}"
        );
        assert!(md.contains("(fact `gone` is not in the dataset)"));
    }

    #[test]
    fn an_empty_report_says_so() {
        let md = conflicts_markdown(&[], &[]);
        assert!(md.contains("0 conflicts") && md.contains("No sources disagree."));
    }
}
