//! Negation is never merged away: "does not reduce" is a different fact from "reduces".

use factsieve::ingest::decode_document;
use factsieve::pipeline::{process_documents, Quiet};

#[test]
fn negated_claims_never_merge_with_affirmed_ones() {
    let docs = vec![
        decode_document(
            "yes",
            "raw/yes.txt",
            b"Static stretching reduces soreness after a long run.\n".to_vec(),
        ),
        decode_document(
            "no",
            "raw/no.txt",
            b"Static stretching does not reduce soreness after a long run.\n".to_vec(),
        ),
        decode_document(
            "never",
            "raw/never.txt",
            b"Static stretching never reduces soreness after a long run.\n".to_vec(),
        ),
        decode_document(
            "yes2",
            "raw/yes2.txt",
            b"Static stretching lessens soreness after a long run.\n".to_vec(),
        ),
    ];
    let facts = process_documents(docs, &Quiet).facts;
    let fact_of = |doc: &str| {
        facts
            .iter()
            .find(|f| f.citations.iter().any(|c| c.doc_id == doc))
            .expect("cited")
    };
    assert_eq!(fact_of("yes").id, fact_of("yes2").id, "synonyms merge");
    assert_eq!(fact_of("no").id, fact_of("never").id, "both negated");
    assert_ne!(fact_of("yes").id, fact_of("no").id);
    assert!(fact_of("no").negated && !fact_of("yes").negated);
    assert_eq!(facts.len(), 2);
}
