//! Bad input never panics, and whatever the input, every claim's quote is the decoded
//! raw bytes of its span.

use factsieve::ingest::decode_document;
use factsieve::pipeline::{process_documents, Quiet};
use proptest::prelude::*;

/// Pieces that stress sentence splitting, quantities and encodings.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Apply ice for 15-20 minutes, 2-3 times a day. ".to_string()),
        Just("Heat relaxes muscles, while ice numbs pain. ".to_string()),
        Just("Do not take it for more than ten days!".to_string()),
        Just("every few hours ".to_string()),
        Just("e.g. Dr. J. 2.5 mg... ".to_string()),
        Just("\u{2022} ".to_string()),
        Just("1. ".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("it\u{e2}\u{20ac}\u{2122}s ".to_string()),
        Just("caf\u{e9} \u{1F600} \u{200B}".to_string()),
        Just("worse1. ".to_string()),
        Just("?".to_string()),
        Just(";, so ".to_string()),
        "[a-zA-Z0-9 .,;:!?'\"()\\-\u{2013}\u{00e9}]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn extraction_never_panics_and_quotes_resolve(parts in prop::collection::vec(piece(), 0..24), latin1 in any::<bool>()) {
        let text: String = parts.concat();
        let bytes: Vec<u8> = if latin1 {
            // A legacy-encoded file: replace non-ASCII by a Windows-1252 byte.
            text.chars().map(|c| if c.is_ascii() { c as u8 } else { 0xE9 }).collect()
        } else {
            text.into_bytes()
        };
        let docs = vec![decode_document("p", "raw/p.txt", bytes)];
        let corpus = process_documents(docs, &Quiet);
        let d = &corpus.docs[0];
        for c in &corpus.claims {
            prop_assert!(c.raw_start < c.raw_end && c.raw_end <= d.raw.len());
            prop_assert_eq!(&d.raw_quote(c.raw_start, c.raw_end), &c.quote);
            prop_assert_eq!(&d.text.text()[c.clean_start..c.clean_end], c.quote_clean.as_str());
        }
        for f in &corpus.facts {
            prop_assert!(!f.citations.is_empty());
            prop_assert!(f.support >= 1);
        }
    }
}
