//! Property: whatever rules `factsieve.toml` disables, none of them edits a document or
//! suggests anything, and the line ledger still adds up.

use factsieve::ingest::{decode_document_with, Limits};
use factsieve::pipeline::{process_documents, Quiet};
use factsieve::rules::{self, RuleSet};
use proptest::prelude::*;

mod cli_support;

/// Fragments of our own articles with chrome, mojibake, a glued word and a footnote.
const PIECES: &[&str] = &[
    cli_support::KNEE,
    cli_support::BACK,
    cli_support::BRACE,
    "It\u{e2}\u{20ac}\u{2122}s fine to walk every day, doctors say.\n",
    "Rest helps the back heal faster1 than bed rest alone.\n",
    "Advertisement\n",
];

fn editing_codes() -> Vec<&'static str> {
    rules::all()
        .into_iter()
        .filter(|r| r.stage != "conflicts")
        .map(|r| r.code)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn a_disabled_rule_never_fires(
        picks in proptest::collection::vec(0..PIECES.len(), 1..5),
        off in proptest::collection::vec(any::<bool>(), editing_codes().len()),
    ) {
        let codes = editing_codes();
        let disabled: Vec<String> = codes
            .iter()
            .zip(&off)
            .filter(|(_, &o)| o)
            .map(|(c, _)| c.to_string())
            .collect();
        let set = RuleSet::from_lists(None, &[], &disabled).unwrap();
        let text: String = picks.iter().map(|&i| PIECES[i]).collect();
        let limits = Limits { rules: set, ..Limits::default() };
        let doc = decode_document_with("d", "raw/d.txt", text.into_bytes(), &limits);
        let corpus = process_documents(vec![doc], &Quiet);
        let d = &corpus.docs[0];
        for e in d.text.edits() {
            prop_assert!(set.is_enabled(e.rule), "disabled {} edited: {:?}", e.rule, e);
        }
        for s in &d.suggestions {
            prop_assert!(set.is_enabled(s.rule), "disabled {} suggested", s.rule);
        }
        prop_assert_eq!(corpus.summaries[0].lines.raw_lines, corpus.summaries[0].lines.kept
            + corpus.summaries[0].lines.repaired + corpus.summaries[0].lines.dropped);
    }
}

#[test]
fn an_empty_select_edits_nothing_and_the_default_edits() {
    let text: String = PIECES.concat();
    let nothing = Limits {
        rules: RuleSet::from_lists(Some(&[]), &[], &[]).unwrap(),
        ..Limits::default()
    };
    let off = process_documents(
        vec![decode_document_with(
            "d",
            "raw/d.txt",
            text.clone().into_bytes(),
            &nothing,
        )],
        &Quiet,
    );
    assert!(
        off.docs[0].text.edits().is_empty(),
        "{:?}",
        off.docs[0].text.edits()
    );
    assert!(off.docs[0].suggestions.is_empty());
    assert_eq!(off.docs[0].text.text(), text, "the text is left as decoded");
    let on = process_documents(
        vec![decode_document_with(
            "d",
            "raw/d.txt",
            text.into_bytes(),
            &Limits::default(),
        )],
        &Quiet,
    );
    assert!(on.docs[0].text.edits().iter().any(|e| e.rule == "C004"));
}
