//! Fact ids are hashes of what a fact says: they do not change when an unrelated article
//! is added, when the documents come in another order, or from run to run.

use factsieve::ingest::decode_document;
use factsieve::model::{Document, Fact};
use factsieve::pipeline::{process_documents, Quiet};
use std::collections::BTreeMap;

const ANKLE: &str = "Treating a Sprained Ankle\n\n\
    Rest the ankle and keep weight off it for 2-3 days.\n\
    An ice pack reduces swelling and numbs the ankle.\n\
    Apply ice for 15-20 minutes every 2 hours.\n\
    Compression wraps limit swelling, while elevation drains fluid.\n";
const KNEE: &str = "Knee Sprains at Home\n\n\
    Cold packs lower swelling and numb the sore knee.\n\
    Apply ice for 10-15 minutes every 2 hours.\n\
    Ibuprofen can ease pain and swelling after a sprain.\n";
const UNRELATED: &str = "Sun Safety\n\n\
    Sunscreen protects the skin from sunburn on cloudy days.\n\
    Reapply sunscreen every 2 hours at the beach.\n\
    Wide-brimmed hats shade the face and neck.\n";

fn docs(list: &[(&str, &str)]) -> Vec<Document> {
    list.iter()
        .map(|(id, t)| decode_document(id, &format!("raw/{id}.txt"), t.as_bytes().to_vec()))
        .collect()
}

fn facts(list: &[(&str, &str)]) -> Vec<Fact> {
    process_documents(docs(list), &Quiet).facts
}

/// Fact id by the sorted passages it cites.
fn by_passages(facts: &[Fact]) -> BTreeMap<Vec<(String, usize, usize)>, String> {
    facts
        .iter()
        .map(|f| {
            let key = f
                .citations
                .iter()
                .map(|c| (c.doc_id.clone(), c.start, c.end))
                .collect();
            (key, f.id.clone())
        })
        .collect()
}

#[test]
fn ids_do_not_change_when_an_unrelated_article_is_added() {
    let before = facts(&[("ankle", ANKLE), ("knee", KNEE)]);
    let after = facts(&[("ankle", ANKLE), ("knee", KNEE), ("sun", UNRELATED)]);
    assert!(before.len() >= 4);
    assert!(after.len() > before.len());
    let after_ids = by_passages(&after);
    for (passages, id) in by_passages(&before) {
        assert_eq!(after_ids.get(&passages), Some(&id), "{passages:?}");
    }
}

#[test]
fn ids_do_not_depend_on_document_order_or_position() {
    let a = facts(&[("ankle", ANKLE), ("knee", KNEE)]);
    let b = facts(&[("knee", KNEE), ("ankle", ANKLE)]);
    assert_eq!(a, b);
    assert!(a.windows(2).all(|w| w[0].id < w[1].id), "sorted by id");
    let ids: std::collections::BTreeSet<&str> = a.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids.len(), a.len(), "ids are unique");
}

#[test]
fn paraphrases_merge_and_different_values_stay_apart() {
    let f = facts(&[("ankle", ANKLE), ("knee", KNEE)]);
    let cited = |doc: &str, needle: &str| -> Vec<&Fact> {
        f.iter()
            .filter(|x| {
                x.citations
                    .iter()
                    .any(|c| c.doc_id == doc && c.quote.contains(needle))
            })
            .collect()
    };
    let swelling_a = cited("ankle", "reduces swelling and numbs");
    let swelling_k = cited("knee", "lower swelling and numb");
    assert_eq!(swelling_a.len(), 1);
    assert_eq!(
        swelling_a[0].id, swelling_k[0].id,
        "paraphrases are one fact"
    );
    assert_eq!(swelling_a[0].support, 2);
    let time_a = cited("ankle", "15-20 minutes");
    let time_k = cited("knee", "10-15 minutes");
    assert_ne!(
        time_a[0].id, time_k[0].id,
        "different session lengths are different facts"
    );
}
