//! Every citation of every fact slices the raw file to exactly its quote, whatever the
//! encoding and damage of the raw file. Invented fixtures, through the whole pipeline.

use factsieve::ingest::decode_document;
use factsieve::model::{Document, Encoding};
use factsieve::pipeline::{process_documents, Quiet};

fn cp1252(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '\u{2019}' => 0x92,
            '\u{2013}' => 0x96,
            '\u{00e9}' => 0xe9,
            c if c.is_ascii() => c as u8,
            _ => b'?',
        })
        .collect()
}

/// Python's and our decoding of a raw span (UTF-8, else Windows-1252).
fn decode_span(d: &Document, start: usize, end: usize) -> String {
    let bytes = &d.raw[start..end];
    match d.encoding {
        Some(Encoding::Windows1252) => factsieve::ingest::decode_windows_1252(bytes),
        _ => String::from_utf8(bytes.to_vec()).expect("span is valid UTF-8"),
    }
}

fn fixtures() -> Vec<Document> {
    let mojibake = "Itâ€™s wise to ice a sprained ankle for 15â€“20 minutes to limit swelling.\n\
                    A compression wrap reduces swelling in the first two days.\n";
    let crlf = "Knee Care\r\n\r\nAn ice pack limits swelling after a knee sprain.\r\n\
                \u{2022} Rest the knee for 2-3 days and avoid running.\r\n\
                Ice packs reduce swelling after a knee sprain.\r\n";
    let bom = "\u{feff}Gentle stretching eases tight calves after a run.4 \
               Stretching should never hurt.\n";
    // Enough words of its own that the near-duplicate stage sees another source, not a
    // copy of the mojibake article.
    let legacy = cp1252("It\u{2019}s smart to ice a sprained ankle for 15\u{2013}20 minutes to limit swelling.\nCaf\u{e9} owners stand all day and often end the week with sore feet and aching calves.\n");
    vec![
        decode_document(
            "a_mojibake",
            "raw/a_mojibake.txt",
            mojibake.as_bytes().to_vec(),
        ),
        decode_document("b_crlf", "raw/b_crlf.txt", crlf.as_bytes().to_vec()),
        decode_document("c_bom", "raw/c_bom.txt", bom.as_bytes().to_vec()),
        decode_document("d_cp1252", "raw/d_cp1252.txt", legacy),
        decode_document("e_empty", "raw/e_empty.txt", Vec::new()),
    ]
}

#[test]
fn every_citation_slices_the_raw_file_to_its_quote() {
    let corpus = process_documents(fixtures(), &Quiet);
    assert!(!corpus.facts.is_empty());
    let mut n = 0;
    for f in &corpus.facts {
        assert!(!f.citations.is_empty(), "{} has no citation", f.id);
        for c in &f.citations {
            let d = corpus
                .docs
                .iter()
                .find(|d| d.doc_id == c.doc_id)
                .expect("cited document");
            assert!(c.start < c.end && c.end <= d.raw.len(), "{c:?}");
            assert_eq!(decode_span(d, c.start, c.end), c.quote, "{}", c.doc_id);
            assert!(!c.quote_clean.is_empty());
            n += 1;
        }
    }
    assert!(n >= 8, "only {n} citations");
}

#[test]
fn citations_are_sorted_and_repairs_show_only_in_the_clean_quote() {
    let corpus = process_documents(fixtures(), &Quiet);
    for f in &corpus.facts {
        let keys: Vec<(&str, usize)> = f
            .citations
            .iter()
            .map(|c| (c.doc_id.as_str(), c.start))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }
    let c = corpus
        .facts
        .iter()
        .flat_map(|f| &f.citations)
        .find(|c| c.doc_id == "a_mojibake" && c.quote.contains("ankle"))
        .expect("the mojibake passage is cited");
    assert!(
        c.quote.contains("Itâ€™s"),
        "raw bytes as stored: {}",
        c.quote
    );
    assert!(
        c.quote_clean.contains("It's"),
        "repaired: {}",
        c.quote_clean
    );
}

#[test]
fn same_claims_across_encodings_merge_and_count_each_source() {
    let corpus = process_documents(fixtures(), &Quiet);
    let f = corpus
        .facts
        .iter()
        .find(|f| f.citations.iter().any(|c| c.doc_id == "d_cp1252"))
        .expect("cp1252 passage cited");
    let docs: Vec<&str> = f.citations.iter().map(|c| c.doc_id.as_str()).collect();
    assert_eq!(docs, ["a_mojibake", "d_cp1252"], "{f:#?}");
    assert_eq!(f.support, 2);
    assert_eq!(f.topic.as_deref(), Some("cold therapy"));
    assert!(f.quantities.iter().any(|q| q.low == 15.0 && q.high == 20.0));
}
