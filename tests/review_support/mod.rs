//! Fixtures shared by the review tests: small invented articles, and facts and conflicts
//! built by hand on top of a processed corpus (the real stages may still produce none).
#![allow(dead_code)]

pub mod payloads;
pub mod sbs;

use factsieve::model::{Citation, Conflict, ConflictSide, Document, Fact};
use factsieve::pipeline::{process_documents, Corpus, Quiet};
use factsieve::text::Replacement;
use std::path::Path;

/// (file name, bytes) of the base corpus.
pub fn base_articles() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "alpha.txt",
            "Staying Hydrated On Warm Days\r\n\r\nDrink a glass of water every 2 hours when it\u{2019}s hot.\r\n\u{1F4A7} Keep a bottle nearby so you don\u{2019}t forget.\r\nSome sites claim <script>alert(\"x\")</script> & <img src=x onerror=alert(1)> work; they do not.\r\nThirst is a late signal:\u{a0}drink before you feel it.\r\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "beta.txt",
            b"Better Sleep Habits\n\nGo to bed at the same time every night.\nKeep the bedroom cool, around 18 degrees.\nAvoid screens for 1 hour before bed.\nDrink a glass of water every 3 hours when it's hot.\n".to_vec(),
        ),
        (
            "gamma.txt",
            b"Walking Basics\n\nWalk for 30 minutes a day\x97most days of the week.\nIt\x92s fine to split it into three 10-minute walks.\n".to_vec(),
        ),
        ("empty.txt", Vec::new()),
    ]
}

/// The article added in the acceptance test.
pub fn new_article() -> (&'static str, Vec<u8>) {
    (
        "delta.txt",
        b"Cooling Down After Exercise\n\nWalk slowly for 5 minutes after a run.\nDrink a glass of water every hour when it's hot.\nStretch your calves for 30 seconds each.\n".to_vec(),
    )
}

pub fn write_raw(dir: &Path, articles: &[(&str, Vec<u8>)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, bytes) in articles {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// The base corpus through the real stages.
pub fn processed_corpus() -> Corpus {
    let docs = base_articles()
        .into_iter()
        .map(|(name, bytes)| {
            let id = name.trim_end_matches(".txt");
            factsieve::ingest::decode_document(id, &format!("raw/{name}"), bytes)
        })
        .collect();
    process_documents(docs, &Quiet)
}

/// A citation of the first occurrence of `passage` (as raw bytes) in document `doc_id`.
pub fn cite(c: &Corpus, doc_id: &str, passage: &[u8]) -> Citation {
    let d = c.docs.iter().find(|d| d.doc_id == doc_id).unwrap();
    let start = d
        .raw
        .windows(passage.len())
        .position(|w| w == passage)
        .unwrap_or_else(|| panic!("passage not in {doc_id}"));
    let end = start + passage.len();
    let quote = d.raw_quote(start, end);
    Citation {
        doc_id: doc_id.into(),
        start,
        end,
        quote_clean: quote.replace('\u{2019}', "'").replace('\u{a0}', " "),
        quote,
    }
}

pub fn fact(id: &str, statement: &str, citations: Vec<Citation>) -> Fact {
    Fact {
        id: id.into(),
        statement: statement.into(),
        kind: "advice".into(),
        topic: Some("hydration".into()),
        quantities: vec![],
        negated: false,
        support: citations.len(),
        citations,
    }
}

/// The base corpus with hand-built facts and a conflict, sorted as the contract asks.
pub fn corpus_with_facts() -> Corpus {
    let mut c = processed_corpus();
    let water_alpha = cite(&c, "alpha", b"Drink a glass of water every 2 hours");
    let water_beta = cite(&c, "beta", b"Drink a glass of water every 3 hours");
    let thirst = cite(
        &c,
        "alpha",
        "Thirst is a late signal:\u{a0}drink".as_bytes(),
    );
    let walk = cite(&c, "gamma", b"Walk for 30 minutes a day\x97most days");
    let split = cite(&c, "gamma", b"It\x92s fine to split it");
    c.facts = vec![
        fact(
            "f_drink_2h",
            "Drink a glass of water every 2 hours when it's hot.",
            vec![water_alpha],
        ),
        fact(
            "f_drink_3h",
            "Drink a glass of water every 3 hours when it's hot.",
            vec![water_beta],
        ),
        fact(
            "f_thirst",
            "Thirst is a late signal: drink before you feel it <really>.",
            vec![thirst],
        ),
        fact(
            "f_walk",
            "Walk for 30 minutes a day, most days.",
            vec![walk, split],
        ),
    ];
    c.conflicts = vec![Conflict {
        id: "k_water_interval".into(),
        kind: "numeric_mismatch".into(),
        subject: "water in hot weather: frequency".into(),
        sides: vec![
            ConflictSide {
                value: "every 2 hours".into(),
                fact_ids: vec!["f_drink_2h".into()],
            },
            ConflictSide {
                value: "every 3 hours".into(),
                fact_ids: vec!["f_drink_3h".into()],
            },
        ],
        severity: "low".into(),
        rule: "numeric-range".into(),
        explanation: "2 hours vs 3 hours".into(),
        needs_review: true,
        within_document: false,
    }];
    c
}

/// An article for the side-by-side view through the real stages: blank lines between the
/// paragraphs (dropped by cleaning), two lines with numbers right after a blank line, site
/// chrome, mojibake and a Windows line ending.
pub fn side_by_side_article() -> Document {
    let raw = "Warm Or Cool For A Sore Knee?\r\n\
\r\n\
Share this article\r\n\
\r\n\
Use heat for 15-20 minutes when the knee feels stiff.\r\n\
Use cold for 10-15 minutes when it is swollen.\r\n\
\r\n\
\r\n\
Don\u{e2}\u{20ac}\u{2122}t  sleep with a heating pad switched on.\r\n\
Subscribe to our newsletter\r\n";
    let d = factsieve::ingest::decode_document("knee", "raw/knee.txt", raw.as_bytes().to_vec());
    process_documents(vec![d], &Quiet).docs.remove(0)
}

/// A document whose edit log holds what the real stages rarely make at once: blank lines
/// removed, a line moved (deleted, then inserted elsewhere), pure insertions of a line and
/// inside a line, two lines joined into one, and a line dropped.
pub fn side_by_side_edited() -> Document {
    let text = "Rest And Recovery\n\n\nSleep 7-9 hours a night.\n\nWalk for 20 minutes\na day after dinner.\nAdvertisement\n\nStretch gently each morning.\nSources: a list\n";
    let mut d = Document::from_text("edited", text);
    let at = |d: &Document, s: &str| d.text.text().find(s).unwrap();
    let edit = |d: &mut Document, r: std::ops::Range<usize>, after: &str, rule: &'static str| {
        assert!(
            d.text.replace(Replacement::new(r, after, rule)),
            "edit {rule} did nothing"
        );
    };
    // The sources line moves to the top (a deletion and an insertion).
    let s = at(&d, "Sources: a list\n");
    edit(&mut d, s..s + "Sources: a list\n".len(), "", "T1");
    edit(&mut d, 0..0, "Sources: a list\n", "T2");
    // Blank lines go (each its newline).
    while let Some(p) = d.text.text().find("\n\n") {
        edit(&mut d, p..p + 1, "", "T3");
    }
    // Two lines joined.
    let p = at(&d, "20 minutes\na day");
    edit(&mut d, p + 10..p + 11, " ", "T4");
    // A dropped line.
    let p = at(&d, "Advertisement\n");
    edit(&mut d, p..p + "Advertisement\n".len(), "", "T5");
    // A pure insertion of a line, and one inside a line.
    let p = at(&d, "Stretch");
    edit(&mut d, p..p, "Drink water first.\n", "T6");
    let p = at(&d, "gently");
    edit(&mut d, p..p, "very ", "T7");
    d
}
