//! Golden outputs for our own fixture articles (tests/fixtures/articles), reviewed as
//! diffs with insta: the clean text, the document record and the per-document diff.
//! After an intended change: `INSTA_UPDATE=always cargo test --test golden`, then review
//! the `.snap` changes in `git diff` like code.

use factsieve::ingest::decode_document;
use factsieve::pipeline::{process_documents, Quiet};
use factsieve::{output, report};
use std::path::Path;

fn fixture_corpus() -> factsieve::pipeline::Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let docs = files
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            decode_document(&id, &format!("raw/{name}"), std::fs::read(p).unwrap())
        })
        .collect();
    process_documents(docs, &Quiet)
}

#[test]
fn fixture_articles_clean_as_reviewed() {
    let corpus = fixture_corpus();
    for (d, summary) in corpus.docs.iter().zip(&corpus.summaries) {
        let record = serde_json::to_string_pretty(&output::document_record(summary)).unwrap();
        insta::assert_snapshot!(format!("{}_clean", d.doc_id), report::clean_file_text(d));
        insta::assert_snapshot!(format!("{}_record", d.doc_id), record);
        insta::assert_snapshot!(format!("{}_diff", d.doc_id), report::document_diff(d));
    }
}
