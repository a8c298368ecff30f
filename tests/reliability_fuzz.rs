//! Fuzzing of the per-document stages (decode, repair, clean, spin, claims) with a stable
//! harness: proptest, a fixed number of cases in `cargo test`, more by hand:
//!
//!     FACTSIEVE_FUZZ_CASES=20000 cargo test --release --test reliability_fuzz
//!
//! Inputs are hostile byte soups: fragments of article text mixed with the failure modes
//! of scraped pages (mojibake, legacy bytes, BOMs, CR/CRLF, NULs, bidi controls, combining
//! marks, zero-width characters, footnote markers, number words) and raw random bytes.
//! Properties: no panic; every edit's raw span decodes to the original text it replaced;
//! every citation's raw span decodes to its quote; the line ledger adds up. A crash found
//! is kept in `reliability_fuzz.proptest-regressions` and as a test below.

use factsieve::ingest::decode_document;
use factsieve::model::Document;
use factsieve::pipeline::{process_documents, Quiet};
use factsieve::report;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FACTSIEVE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

const FRAGMENTS: &[&[u8]] = &[
    b"Back spasms often ease within a few days. ",
    b"Apply ice for 15-20 minutes, 2-3 times a day. ",
    b"Do not apply heat for more than 20 minutes.\n",
    b"Again spasms can be painful1. ",
    b"Stretch gently every morning.\n",
    b"\n\n## How to ease a spasm\n\n",
    b"- Walk for ten minutes\n",
    b"1. Rest\n2. Ice\n",
    b"Related posts\n",
    b"Share this: Facebook Twitter\n",
    b"\xC2\xA9 2024 Example Health. All rights reserved.\n",
    b"It\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s worse\xC3\xA2\xE2\x82\xAC\xC2\x9D ",
    b"Here\x92s how \x93it\x94 works ",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\r\n",
    b"\r",
    b"\0",
    b"\t",
    b"\xE2\x80\xAE",
    b"\xE2\x81\xA6",
    b"\xE2\x80\x8B",
    b"\xCC\x81\xCC\x81\xCC\x81",
    b"e\xCC\x81",
    b"caf\xC3\xA9 ",
    b"fifteen-twenty minutes ",
    b"\xE2\x80\x9Cquoted\xE2\x80\x9D ",
    b"\xC2\xA0\xE2\x80\x89",
    b"<script>alert(1)</script>",
    b"=HYPERLINK(\"x\") ",
    b"https://example.com/a?b=c ",
    b"\xF0\x9F\x98\x80 ",
    b"\xED\xA0\x80",
    b"\xC0\xAF",
];

/// A hostile byte soup: fragments and random bytes, concatenated.
fn soup() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => prop::sample::select(FRAGMENTS).prop_map(|f| f.to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..24),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|ps| ps.concat())
}

fn check(docs: &[Document], facts: &[factsieve::model::Fact]) {
    for d in docs {
        for e in d.text.edits() {
            assert!(
                e.raw_start <= e.raw_end && e.raw_end <= d.raw.len(),
                "{e:?}"
            );
            assert_eq!(
                d.raw_quote(e.raw_start, e.raw_end),
                &d.text.original()[e.orig_start..e.orig_end],
                "{} {e:?}",
                d.doc_id
            );
        }
        let l = report::ledger(d);
        assert_eq!(l.kept + l.repaired + l.dropped, l.raw_lines, "{}", d.doc_id);
    }
    for f in facts {
        for c in &f.citations {
            let d = docs.iter().find(|d| d.doc_id == c.doc_id).unwrap();
            assert_eq!(d.raw_quote(c.start, c.end), c.quote, "{c:?}");
        }
    }
}

fn run(inputs: Vec<Vec<u8>>) {
    let docs: Vec<Document> = inputs
        .into_iter()
        .enumerate()
        .map(|(i, b)| decode_document(&format!("d{i}"), &format!("raw/d{i}.txt"), b))
        .collect();
    let corpus = process_documents(docs, &Quiet);
    check(&corpus.docs, &corpus.facts);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn hostile_soup_never_panics_and_stays_exact(a in soup()) {
        run(vec![a]);
    }

    #[test]
    fn hostile_soups_in_one_corpus_cite_exactly(a in soup(), b in soup()) {
        // Two documents, so facts can merge citations across them.
        let mut b = b;
        b.extend_from_slice(FRAGMENTS[1]);
        run(vec![a.clone(), b, a]);
    }
}

/// Inputs that once broke a stage, kept as regression tests.
#[test]
fn regressions() {
    for input in [
        // UTF-16 guess on a soup of NULs and text: must decode or skip, never split a char.
        &b"\0a\0b\0c\0d\0e\0f\xFF\xFE\0\0"[..],
        &b"\xE2\x80\xAE\r\n\xE2\x80\xAE"[..],
        &b"e\xCC\x81\xCC\x81\xE2\x80\xAE\xCC\x81 Back spasms1."[..],
    ] {
        run(vec![input.to_vec()]);
    }
}
