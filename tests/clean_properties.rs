//! Properties of the cleaning stage on generated articles: body text survives word
//! for word, chrome goes with a reason, every raw line is accounted for, cleaning
//! clean text changes nothing, and arbitrary input never panics.

use factsieve::clean::{clean_document, CorpusHints};
use factsieve::ingest::decode_document;
use factsieve::model::{Document, LineKind};
use factsieve::repair::repair_document;
use factsieve::report::{clean_file_text, ledger, line_fates, LineFate};
use proptest::prelude::*;

fn cleaned(raw: &str) -> Document {
    let mut d = decode_document("p", "raw/p.txt", raw.as_bytes().to_vec());
    if d.is_ok() {
        repair_document(&mut d);
        clean_document(&mut d, &CorpusHints::default());
    }
    d
}

const TITLES: &[&str] = &[
    "Easing a Stiff Lower Back",
    "How Cold Packs Calm a Sprain",
    "Seven Habits for Healthier Knees",
];

const PARAGRAPHS: &[&str] = &[
    "A stiff back often loosens after a warm shower and a short walk around the house.",
    "Cold packs narrow the blood vessels, which keeps swelling down in the first day or two.",
    "Hold each stretch for about thirty seconds and breathe out slowly as you lean in.",
    "If the pain spreads down one leg or you feel numbness, call your doctor the same day.",
    "Most people need two to three weeks before a strained muscle feels normal again.",
];

const HEADINGS: &[&str] = &[
    "Why It Happens",
    "Massage Therapy",
    "Conclusion",
    "When to Rest",
];

const ITEMS: &[&str] = &[
    "Sleep on your side with a pillow between the knees",
    "Take short breaks from sitting every half hour",
    "Keep a heating pad near your desk",
];

/// Chrome that goes wherever it stands.
const CHROME_ANYWHERE: &[&str] = &[
    "Advertisement",
    "Back to top",
    "Cookie Settings",
    "Home \u{bb} Health \u{bb} Joints",
];

/// Chrome that also says the article is over (share bars, comment forms, copyright
/// lines): it goes wherever it stands, and when it stands after most of the article
/// the short lines after it go too. A page may open with a share bar.
const END_MARKERS: &[&str] = &[
    "Share on Facebook",
    "Leave a Reply",
    "Copyright \u{a9} 2020 Joint Health Weekly. All rights reserved.",
];

/// What pages put after the end of the article: teaser headlines and link columns.
const TAIL_CHROME: &[&str] = &[
    "Five Foods for Strong Bones",
    "Running Shoes Compared",
    "Our Editorial Team",
    "Stretching at Your Desk: A Guide",
];

#[derive(Debug, Clone)]
enum Block {
    Paragraph(usize),
    Heading(usize),
    List(Vec<usize>, char),
    Chrome(usize),
    Blank,
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        4 => (0..PARAGRAPHS.len()).prop_map(Block::Paragraph),
        2 => (0..HEADINGS.len()).prop_map(Block::Heading),
        1 => (prop::collection::vec(0..ITEMS.len(), 1..4), prop::sample::select(vec!['\u{2022}', '*', '-']))
            .prop_map(|(v, c)| Block::List(v, c)),
        2 => (0..CHROME_ANYWHERE.len()).prop_map(Block::Chrome),
        2 => Just(Block::Blank),
    ]
}

/// An article: its title, an optional share bar above the body, the body's blocks,
/// and an optional end marker with the page's closing chrome after it.
#[derive(Debug, Clone)]
struct Page {
    title: usize,
    top_marker: Option<usize>,
    blocks: Vec<Block>,
    end: Option<(usize, Vec<usize>)>,
}

fn article() -> impl Strategy<Value = Page> {
    (
        0..TITLES.len(),
        prop::option::of(0..END_MARKERS.len()),
        prop::collection::vec(block(), 1..14),
        prop::option::of((
            0..END_MARKERS.len(),
            prop::collection::vec(0..TAIL_CHROME.len(), 2..6),
        )),
    )
        .prop_map(|(title, top_marker, blocks, end)| Page {
            title,
            top_marker,
            blocks,
            end,
        })
}

fn render(page: &Page) -> String {
    let mut s = format!("{}\n\n", TITLES[page.title]);
    if let Some(m) = page.top_marker {
        s.push_str(&format!("{}\n", END_MARKERS[m]));
    }
    s.push_str(&format!("{}\n", PARAGRAPHS[0]));
    for b in &page.blocks {
        match b {
            Block::Paragraph(i) => s.push_str(&format!("{}\n", PARAGRAPHS[*i])),
            Block::Heading(i) => s.push_str(&format!("{}\n", HEADINGS[*i])),
            Block::List(v, c) => {
                for i in v {
                    s.push_str(&format!("  {c} {}\n", ITEMS[*i]));
                }
            }
            Block::Chrome(i) => s.push_str(&format!("{}\n", CHROME_ANYWHERE[*i])),
            Block::Blank => s.push('\n'),
        }
    }
    if let Some((m, tail)) = &page.end {
        s.push_str(&format!("{}\n", END_MARKERS[*m]));
        for i in tail {
            s.push_str(&format!("{}\n", TAIL_CHROME[*i]));
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn body_survives_and_chrome_goes(page in article()) {
        let raw = render(&page);
        let (title, blocks) = (page.title, &page.blocks);
        let d = cleaned(&raw);
        let text = d.text.text();
        let got_title = d.title();
        prop_assert_eq!(got_title.as_deref(), Some(TITLES[title]));
        prop_assert_eq!(d.line_kinds.len(), d.text.lines().len());
        prop_assert_eq!(d.line_kinds[0], LineKind::Title);
        for b in blocks {
            match b {
                Block::Paragraph(i) => {
                    let want = format!("\n{}\n", PARAGRAPHS[*i]);
                    prop_assert!(text.contains(&want), "lost {:?}", want);
                }
                Block::List(v, _) => {
                    for i in v {
                        let want = format!("\n- {}\n", ITEMS[*i]);
                        prop_assert!(text.contains(&want), "lost {:?}", want);
                    }
                }
                Block::Chrome(i) => prop_assert!(!text.contains(CHROME_ANYWHERE[*i])),
                _ => {}
            }
        }
        if let Some((_, tail)) = &page.end {
            for i in tail {
                prop_assert!(!text.contains(TAIL_CHROME[*i]), "kept {:?}", TAIL_CHROME[*i]);
            }
        }
        prop_assert!(!text.contains("\n\n"));
        // Every raw line is kept, repaired or dropped; chrome lines are dropped.
        let l = ledger(&d);
        prop_assert_eq!(l.raw_lines, l.kept + l.repaired + l.dropped);
        let fates = line_fates(&d);
        for (line, fate) in raw.split('\n').zip(&fates) {
            if CHROME_ANYWHERE.contains(&line) || END_MARKERS.contains(&line) {
                prop_assert!(matches!(fate, LineFate::Dropped(r) if r.starts_with('C')), "{line}: {fate:?}");
            }
        }
    }

    #[test]
    fn cleaning_clean_text_changes_nothing(page in article()) {
        let first = cleaned(&render(&page));
        let again = cleaned(&clean_file_text(&first));
        prop_assert!(again.text.edits().is_empty(), "{:?}", again.text.edits());
        prop_assert_eq!(&again.line_kinds, &first.line_kinds);
    }

    #[test]
    fn arbitrary_input_never_panics(raw in "(?s).{0,300}") {
        let d = cleaned(&raw);
        prop_assert_eq!(d.line_kinds.len(), if d.is_ok() { d.text.lines().len() } else { 0 });
    }

    #[test]
    fn arbitrary_lines_clean_idempotently(lines in prop::collection::vec("[ a-zA-Z0-9.,*()<>=+|\u{bb}\u{a9}\u{4e2d}-]{0,40}", 0..12)) {
        let first = cleaned(&lines.join("\n"));
        prop_assume!(first.is_ok());
        prop_assert_eq!(first.line_kinds.len(), first.text.lines().len());
        let again = cleaned(&clean_file_text(&first));
        prop_assume!(again.is_ok());
        prop_assert!(again.text.edits().is_empty(), "{:?}", again.text.edits());
    }
}

/// Tokens that exercise every rule: words, chrome words, glued numbers and cells,
/// bullets, separators, other scripts, garbage.
const SOUP: &[&str] = &[
    "the",
    "muscle",
    "spasm",
    "Heat",
    "helps",
    "pain.",
    "back",
    "Share",
    "Email",
    "Pin",
    "Related",
    "Posts",
    "Comments",
    "12",
    "Leave",
    "a",
    "Reply",
    "\u{2022}",
    "*",
    "-",
    "+",
    "\u{bb}",
    "|",
    ">",
    "Home",
    "worse1.",
    "hours2.",
    "plan345.",
    "B12",
    "omega3",
    "(kkk>2)",
    "spas",
    "sms",
    "spasms",
    "ExerciseBenefits",
    "Pelvic",
    "tiltsRelaxes",
    "\u{a9}",
    "2023",
    "Copyright",
    "By",
    "Written",
    "by",
    "Sam",
    "on",
    "June",
    "3,",
    "\u{767c}\u{4f48}",
    "zh_TW",
    "Advertisement",
    "cookies",
    "We",
    "use",
    "Title",
    "Conclusion",
    "?",
    "Massage",
    "Therapy",
    "It",
    "is",
    "good",
    "to",
    "rest.",
    "Name",
    "Back",
    "top",
    "  ",
    "YouTube",
];

fn soup_doc() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec(prop::sample::select(SOUP), 0..12),
        0..14,
    )
    .prop_map(|lines| {
        lines
            .iter()
            .map(|l| l.join(" "))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn token_soup_cleans_idempotently(raw in soup_doc()) {
        let first = cleaned(&raw);
        prop_assume!(first.is_ok());
        prop_assert_eq!(first.line_kinds.len(), first.text.lines().len());
        let again = cleaned(&clean_file_text(&first));
        prop_assume!(again.is_ok());
        prop_assert!(
            again.text.edits().is_empty(),
            "{:?}\n{:?}",
            clean_file_text(&first),
            again.text.edits()
        );
    }
}
