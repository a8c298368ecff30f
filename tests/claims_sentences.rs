//! Sentence splitting and claim selection on invented fixtures, through the public API.

use factsieve::claims::{self, sentences::split_sentences};
use factsieve::ingest::decode_document;
use factsieve::model::{Document, LineKind};

fn split(s: &str) -> Vec<&str> {
    split_sentences(s).into_iter().map(|r| &s[r]).collect()
}

fn doc(text: &str) -> Document {
    let mut d = decode_document("fixture", "raw/fixture.txt", text.as_bytes().to_vec());
    d.line_kinds = vec![LineKind::Paragraph; d.text.lines().len()];
    d
}

#[test]
fn splitting_edge_cases() {
    let cases: &[(&str, &[&str])] = &[
        // Plain stops, exclamation, question.
        (
            "Rest the ankle. Raise it on a pillow! Does it throb?",
            &["Rest the ankle.", "Raise it on a pillow!", "Does it throb?"],
        ),
        // Ranges, frequencies and decimals never end a sentence.
        (
            "Ice it 2-3 times a day for 15-20 minutes. Take 2.5 ml after meals.",
            &[
                "Ice it 2-3 times a day for 15-20 minutes.",
                "Take 2.5 ml after meals.",
            ],
        ),
        // Abbreviations and initials.
        (
            "Ask Dr. Osei or Prof. M. Tan, e.g. at the clinic. Then rest.",
            &[
                "Ask Dr. Osei or Prof. M. Tan, e.g. at the clinic.",
                "Then rest.",
            ],
        ),
        // A stop before a lowercase word is not a boundary.
        (
            "Use a brace etc. when walking.",
            &["Use a brace etc. when walking."],
        ),
        // Footnote digits after the stop stay with their sentence.
        (
            "Compression limits swelling.4 Elevation helps too.",
            &["Compression limits swelling.4", "Elevation helps too."],
        ),
        // A closing quote belongs to the sentence it closes.
        (
            "Coaches say \"never train through pain.\" Most agree.",
            &["Coaches say \"never train through pain.\"", "Most agree."],
        ),
        // Ellipsis, and text without a final stop.
        (
            "It may ache... Keep moving anyway",
            &["It may ache...", "Keep moving anyway"],
        ),
    ];
    for (input, want) in cases {
        assert_eq!(split(input), *want, "{input}");
    }
}

#[test]
fn list_items_headings_and_numbers() {
    let d = doc(concat!(
        "Caring for a Sprained Wrist\n",
        "1. Protect the Joint\n",
        "  • Wear a soft splint for 2-3 days after the fall\n",
        "  - Elevate the wrist above the heart to limit swelling\n",
        "three. Cold Packs\n",
        "Apply a cold pack for 10 to 15 minutes every 2 hours.\n",
    ));
    let e = claims::extract(&d);
    let texts: Vec<&str> = e.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Wear a soft splint for 2-3 days after the fall",
            "Elevate the wrist above the heart to limit swelling",
            "Apply a cold pack for 10 to 15 minutes every 2 hours.",
        ]
    );
    assert_eq!(e.dropped.get("heading"), Some(&3));
    // The bullet is not part of the passage.
    assert_eq!(
        e.claims[0].quote,
        "Wear a soft splint for 2-3 days after the fall"
    );
}

#[test]
fn rhetoric_questions_and_calls_to_action_are_counted() {
    let d = doc(concat!(
        "In this post, we will explore how to calm a stiff neck.\n",
        "Why does my neck crack?\n",
        "Subscribe to our newsletter for weekly tips.\n",
        "A warm compress can loosen stiff neck muscles.\n",
        "Here are five easy tips.\n",
    ));
    let e = claims::extract(&d);
    assert_eq!(e.claims.len(), 1);
    assert_eq!(e.dropped.get("rhetoric"), Some(&2));
    assert_eq!(e.dropped.get("question"), Some(&1));
    assert_eq!(e.dropped.get("call-to-action"), Some(&1));
    let counts = claims::extraction_counts(&[d]);
    assert_eq!(counts.claims, 1);
    assert_eq!(counts.dropped.values().sum::<usize>(), 4);
}

#[test]
fn one_sentence_two_subjects_two_claims_same_passage() {
    let d =
        doc("A heating pad eases morning stiffness, whereas an ice pack numbs a fresh bruise.\n");
    let e = claims::extract(&d);
    assert_eq!(e.claims.len(), 2);
    let subjects: Vec<Option<&str>> = e.claims.iter().map(|c| c.subject.as_deref()).collect();
    assert_eq!(subjects, [Some("heat therapy"), Some("cold therapy")]);
    assert_eq!(e.claims[0].quote_clean, e.claims[1].quote_clean);
    assert_eq!(e.claims[1].text, "An ice pack numbs a fresh bruise.");
}
