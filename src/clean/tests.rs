//! Unit tests of the clean stage, with fixtures of our own.

use super::*;
use crate::ingest::decode_document;
use crate::report::{line_fates, LineFate};

fn doc_of(id: &str, raw: &str) -> Document {
    let mut d = decode_document(id, &format!("raw/{id}.txt"), raw.as_bytes().to_vec());
    crate::repair::repair_document(&mut d);
    d
}

fn cleaned(raw: &str) -> Document {
    let mut d = doc_of("t", raw);
    clean_document(&mut d, &CorpusHints::default());
    d
}

fn lines(d: &Document) -> Vec<String> {
    d.text.text().lines().map(str::to_string).collect()
}

/// The fate of the first raw line equal to `line`.
fn fate_of(d: &Document, line: &str) -> LineFate {
    let i = d
        .text
        .original()
        .split('\n')
        .position(|l| l == line)
        .unwrap_or_else(|| panic!("no raw line {line:?}"));
    line_fates(d)[i]
}

fn clean_edits(d: &Document) -> Vec<&crate::text::Edit> {
    d.text
        .edits()
        .iter()
        .filter(|e| e.rule.starts_with('C') || e.rule.starts_with('S'))
        .collect()
}

const ARTICLE: &str = "Foot Care Journal
Home » Conditions » Foot Pain
Log In
Easing Heel Pain in the Morning

Easing Heel Pain in the Morning
By Dana Whitfield on March 3, 2022
Share Pin Email

Heel pain that is worst with the first steps of the day is often caused by a tight plantar fascia. A few minutes of preparation before getting out of bed can make those steps much easier.

Stretch Before Standing

Loop a towel around the ball of your foot and pull  gently toward you. Hold the stretch for 30 seconds and repeat it three times on each side.

  \u{2022} Keep your knee straight during the stretch
  \u{2022} Breathe slowly and do not bounce
* Switch feet after each hold
+

Conclusion

Most morning heel pain improves within a few months of daily stretching. See a podiatrist if the pain lasts longer than that.

You May Also Like
Choosing Shoes With Good Arch Support

Five Calf Stretches for Runners
Leave a Comment
Your email address will not be published. Required fields are marked *
Comment *
\u{a9} 2022 Foot Care Journal. All rights reserved.
We use cookies to give you the best experience on our site. Accept
";

#[test]
fn article_chrome_goes_and_body_stays() {
    let d = cleaned(ARTICLE);
    let l = lines(&d);
    assert_eq!(l[0], "Easing Heel Pain in the Morning");
    assert_eq!(
        d.title().as_deref(),
        Some("Easing Heel Pain in the Morning")
    );
    assert_eq!(d.line_kinds[0], LineKind::Title);
    assert_eq!(d.line_kinds.len(), l.len());
    let text = d.text.text();
    for gone in [
        "Foot Care Journal",
        "Log In",
        "Share",
        "Choosing Shoes",
        "Five Calf",
        "Leave a Comment",
        "Comment *",
        "cookies",
        "Dana",
        "\n+",
    ] {
        assert!(!text.contains(gone), "{gone:?} survived:\n{text}");
    }
    assert_eq!(text.matches("Easing Heel Pain").count(), 1);
    assert!(text.contains("\nStretch Before Standing\n"));
    assert!(text.contains("and pull gently toward you. Hold the stretch for 30 seconds"));
    assert!(text.contains("\nConclusion\nMost morning heel pain improves"));
    assert!(text.contains("\n- Keep your knee straight during the stretch\n"));
    assert!(text.contains("\n- Switch feet after each hold\n"));
    let kind = |s: &str| d.line_kinds[l.iter().position(|x| x == s).unwrap()];
    assert_eq!(kind("Conclusion"), LineKind::Heading);
    assert_eq!(
        kind("- Breathe slowly and do not bounce"),
        LineKind::ListItem
    );
    assert_eq!(d.meta.byline.as_deref(), Some("Dana Whitfield"));
    assert_eq!(d.meta.date.as_deref(), Some("March 3, 2022"));
    assert_eq!(d.meta.site.as_deref(), Some("Foot Care Journal"));
}

#[test]
fn every_dropped_line_has_its_reason() {
    let d = cleaned(ARTICLE);
    for (line, rule) in [
        ("Foot Care Journal", "C014"),
        ("Home » Conditions » Foot Pain", "C001"),
        ("Log In", "C002"),
        ("By Dana Whitfield on March 3, 2022", "C010"),
        ("Share Pin Email", "C004"),
        ("+", "C012"),
        ("You May Also Like", "C007"),
        ("Choosing Shoes With Good Arch Support", "C007"),
        ("Five Calf Stretches for Runners", "C007"),
        ("Leave a Comment", "C006"),
        ("Comment *", "C006"),
        (
            "\u{a9} 2022 Foot Care Journal. All rights reserved.",
            "C008",
        ),
        ("", "S001"),
    ] {
        assert_eq!(fate_of(&d, line), LineFate::Dropped(rule), "{line:?}");
    }
    assert_eq!(
        fate_of(&d, "Easing Heel Pain in the Morning"),
        LineFate::Dropped("C013")
    );
    assert_eq!(fate_of(&d, "Conclusion"), LineFate::Kept);
}

#[test]
fn cleaning_is_idempotent() {
    for raw in [ARTICLE, PLAIN, FOOTNOTED, TABLE] {
        let first = cleaned(raw);
        let again = cleaned(&crate::report::clean_file_text(&first));
        assert!(clean_edits(&again).is_empty(), "{:?}", clean_edits(&again));
        assert_eq!(again.line_kinds, first.line_kinds);
        assert_eq!(again.title(), first.title());
    }
}

const PLAIN: &str = "Gentle Care for a Back Spasm

When the spasm comes back again, slow down and breathe. Most people feel better within a few days.

Massage Therapy

A short massage can relax the muscle. Ask for light pressure at first.

Heat or Ice?

Use ice in the first two days, then heat. Keep each session to about 15 minutes.

Conclusion

Email your doctor a photo of the swelling if it grows. By Monday, most spasms ease on their own.
Print
Written by hand, a pain diary helps you notice what makes the spasm worse.
";

#[test]
fn correct_text_keeps_its_wording() {
    let d = cleaned(PLAIN);
    let expected: Vec<&str> = PLAIN.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines(&d), expected);
    assert!(clean_edits(&d).iter().all(|e| e.rule == "S001"));
    assert_eq!(d.title().as_deref(), Some("Gentle Care for a Back Spasm"));
    assert!(d.markers.is_empty() && d.suggestions.is_empty());
    assert_eq!(d.meta, DocMeta::default());
}

/// Body lines that look a little like chrome but are not.
const NEAR_MISSES: &str = "Living With Sciatica

Sciatica is pain that runs from the lower back down one leg, usually on one side only.
Share your concerns with your doctor, especially if the pain wakes you at night.
Contact Sports and Back Pain
Players in contact sports strain the lower back more often than swimmers do.
Home Remedies
Heat, gentle walks and short rests help most people within a few weeks.
Related conditions include piriformis syndrome and a slipped disc.
Sign language interpreters, who sit for long hours, report similar pain.
Advertisements for quick cures should be read with care.
Print out the exercise sheet and keep it near your bed.
Comments from readers often mention that swimming helped them.
Cookies and other sweets are fine in moderation, but watch your weight.
By the end of the second week, most people can walk without a limp.
Copyright rules do not apply to the exercises themselves.
Name the activity that triggers the pain and avoid it for a while.
Email reminders can help you keep up with the stretches.
Menu planning with more vegetables may ease inflammation.
Reply to your physiotherapist's questions honestly.
Next Steps
- Walk a little every day
- Sleep on your side with a pillow
- Keep a heating pad near the sofa
";

#[test]
fn near_miss_lines_stay() {
    let d = cleaned(NEAR_MISSES);
    let expected: Vec<&str> = NEAR_MISSES.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines(&d), expected);
    assert!(clean_edits(&d).iter().all(|e| e.rule == "S001"));
}

const FOOTNOTED: &str = "Ice Versus Heat

Cold packs calm swelling in the first day1. Heat relaxes tight muscle after that2. Alternate them if the pain moves3.
Rest for short periods only, because long rest weakens the back4. Gentle walking helps most people recover sooner567.
Stretch gently8,9. A trial in 202010, found the same.11 Sleep helps10 and rest helps11.
Side leg raise312
Vitamin B12 and omega3 are often discussed, as are CO2 lasers and COVID19 recovery.
";

#[test]
fn contents_author_box_and_bracket_references_go() {
    let raw = "Heel Pain Basics\n\nReviewed on May 1, 2023 by Ana Ruiz\n\nContents\nWhy It Hurts\nWhat Helps\n\nHeel pain usually comes from the tissue under the foot.[1] It often eases in weeks.[2][3]\n\nWhy It Hurts\nLong runs strain the tissue under the arch.\n\nWhat Helps\nRoll the foot over a frozen bottle for 10 minutes.\n\nAbout the Author\nAna Ruiz writes about running injuries and foot care for runners.\n";
    let d = cleaned(raw);
    assert_eq!(
        lines(&d),
        vec![
            "Heel Pain Basics",
            "Heel pain usually comes from the tissue under the foot. It often eases in weeks.",
            "Why It Hurts",
            "Long runs strain the tissue under the arch.",
            "What Helps",
            "Roll the foot over a frozen bottle for 10 minutes.",
        ]
    );
    let mut numbers: Vec<u32> = d.markers.iter().map(|m| m.number).collect();
    numbers.sort();
    assert_eq!(numbers, vec![1, 2, 3]);
    assert_eq!(d.title().as_deref(), Some("Heel Pain Basics"));
    // A title repeated before the body is no table of contents.
    let raw = "Heel Pain Basics\n\nHeel Pain Basics\n\nHeel pain usually comes from the tissue under the foot.\n\nHeel Pain Basics\nRest helps.\n";
    assert_eq!(lines(&cleaned(raw))[0], "Heel Pain Basics");
}

#[test]
fn headline_lists_after_the_body_go_whatever_their_header() {
    let raw = "Caring for Sore Feet\n\nSore feet often come from long walks in stiff shoes. Soaking them helps.\n\nMore on this\n\nBest Insoles for Flat Feet\nIs Barefoot Running Safe for Beginners?\n";
    let d = cleaned(raw);
    assert_eq!(
        lines(&d),
        vec![
            "Caring for Sore Feet",
            "Sore feet often come from long walks in stiff shoes. Soaking them helps."
        ]
    );
    // A closing heading with list items of advice is content, not a link list.
    let raw = "Caring for Sore Feet\n\nSore feet often come from long walks in stiff shoes. Soaking them helps.\n\nKey Points\n- Soak Your Feet Every Evening\n- Choose Shoes With Soft Soles\n";
    let d = cleaned(raw);
    assert_eq!(lines(&d).len(), 5, "{:?}", lines(&d));
}

#[test]
fn footnote_markers_are_lifted_out() {
    let d = cleaned(FOOTNOTED);
    let text = d.text.text();
    assert!(text.contains("in the first day. Heat relaxes tight muscle after that. Alternate"));
    assert!(text.contains("the pain moves.\n"));
    assert!(text.contains("weakens the back. Gentle walking helps most people recover sooner.\n"));
    assert!(text.contains(
        "Vitamin B12 and omega3 are often discussed, as are CO2 lasers and COVID19 recovery."
    ));
    assert!(text.contains(
        "\nStretch gently. A trial in 2020, found the same. Sleep helps and rest helps.\n"
    ));
    assert!(text.contains("\nSide leg raise312\n"));
    let mut numbers: Vec<u32> = d.markers.iter().map(|m| m.number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 11, 11]);
    for m in &d.markers {
        assert!(
            FOOTNOTED[m.raw_offset..].starts_with(&m.number.to_string()),
            "offset of {}",
            m.number
        );
    }
}

#[test]
fn lone_alphanumeric_names_are_not_markers() {
    for raw in [
        "Omega Oils\n\nFish oil gives omega3 fats. Some people with type2 diabetes take it daily.\n",
        "Kits\n\nThe version7 kit and the model9 kit both ship with a strap and a guide.\n",
    ] {
        let d = cleaned(raw);
        assert!(d.markers.is_empty(), "{raw}");
        assert_eq!(d.text.text(), raw.replace("\n\n", "\n"));
    }
}

#[test]
fn digit_runs_decompose_into_increasing_numbers() {
    let seen: BTreeSet<u32> = (1..=17).collect();
    let nums = |d: &str, limit| {
        decompose(d, limit, &seen).map(|p| p.into_iter().map(|(_, v)| v).collect::<Vec<_>>())
    };
    assert_eq!(nums("171819", 21), Some(vec![17, 18, 19]));
    assert_eq!(nums("1234", 19), Some(vec![1, 2, 3, 4]));
    assert_eq!(nums("12", 19), Some(vec![12]));
    assert_eq!(nums("9080", 19), None);
    assert_eq!(nums("0", 19), None);
}

#[test]
fn scrape_garbage_is_removed_but_statistics_stay() {
    let d = cleaned("Notes\n\nAsk your doctor (zqx>4) before you start. (qqqz<>)\n[vvv=0] Rest.\n");
    assert_eq!(
        d.text.text(),
        "Notes\nAsk your doctor before you start.\nRest.\n"
    );
    for ok in [
        "Pain fell in the treated group (p<0.05) over six weeks.",
        "A small trial (n=20) tested the stretch, and adults (BMI>30) joined it.",
    ] {
        let raw = format!("Trial Results\n\n{ok}\n");
        assert_eq!(cleaned(&raw).text.text(), format!("Trial Results\n{ok}\n"));
    }
}

#[test]
fn split_words_are_joined_when_the_document_knows_the_word() {
    let raw = "Stretching\n\nDaily stretches keep muscles loose. Try the stret ches twice, since swel ling eases with stretches and with muscles warm.\n";
    let d = cleaned(raw);
    assert!(d
        .text
        .text()
        .contains("Try the stretches twice, since swel ling eases"));
    // "swelling" never occurs elsewhere: a suggestion, not an edit.
    assert!(d
        .suggestions
        .iter()
        .any(|s| s.rule == "S007" && s.before == "swel ling" && s.after == "swelling"));
    let overlap = cleaned("Stretching\n\nThe stretches help. Do the stretc tches slowly.\n");
    assert!(overlap.text.text().contains("Do the stretches slowly."));
}

#[test]
fn ordinary_word_pairs_are_not_joined() {
    for s in [
        "The spasm comes back again after a long drive.",
        "Put the ice pack in to the freezer for some time, any more is too cold.",
        "Tai chi and light yoga keep the hamstrings loose.",
    ] {
        let raw = format!("Everyday Tips\n\n{s}\n");
        let d = cleaned(&raw);
        assert_eq!(d.text.text(), format!("Everyday Tips\n{s}\n"));
        assert!(d.suggestions.is_empty(), "{:?}", d.suggestions);
    }
}

const TABLE: &str = "Heel Stretch Plan

These stretches help most people within a few weeks of daily practice.

StretchHoldRounds
Towel pullThirty seconds
Calf raisesTen slow repetitions

Watch the demonstration on YouTube, or on an iPhone with the LinkedIn app.
";

#[test]
fn glued_table_cells_are_split() {
    let d = cleaned(TABLE);
    let l = lines(&d);
    assert_eq!(l[2], "Stretch | Hold | Rounds");
    assert_eq!(l[3], "Towel pull | Thirty seconds");
    assert_eq!(l[4], "Calf raises | Ten slow repetitions");
    assert_eq!(d.line_kinds[2..5], [LineKind::TableRow; 3]);
    assert_eq!(
        l[5],
        "Watch the demonstration on YouTube, or on an iPhone with the LinkedIn app."
    );
}

#[test]
fn a_glued_header_row_is_split_alone() {
    let d =
        cleaned("Plan\n\nFollow the plan below for two weeks.\n\nMoveSetsRepeats\nWall sit 3 10\n");
    assert!(d.text.text().contains("\nMove | Sets | Repeats\n"));
}

#[test]
fn a_lone_glued_word_is_only_suggested() {
    let raw = "Routine\n\nThe massageRelief routine is simple and takes ten minutes.\n";
    let d = cleaned(raw);
    assert!(d.text.text().contains("The massageRelief routine"));
    assert!(d
        .suggestions
        .iter()
        .any(|s| s.rule == "S004" && s.after == "massage | Relief"));
}

#[test]
fn rows_of_a_spaced_table_are_table_rows() {
    let raw = "Cold Packs\n\nCold packs help most in the first two days after a strain.\n\nMethod Time Effect\nIce pack Ten minutes Less swelling\nCold gel Five minutes Numb skin\nWhen to Switch to Heat\nAfter two days, heat relaxes the muscle better than cold does.\n";
    let d = cleaned(raw);
    use LineKind::*;
    assert_eq!(
        d.line_kinds,
        vec![Title, Paragraph, TableRow, TableRow, TableRow, Heading, Paragraph]
    );
}

#[test]
fn foreign_script_lines_go() {
    let raw = "Shiatsu at Home\n\nThe Japanese word shiatsu (\u{6307}\u{5727}) means finger pressure. Press each point for five seconds.\n\u{767c}\u{4f48}\u{7559}\u{8a00}\nen_US \u{7e41}\u{9ad4}\u{4e2d}\u{6587}\n";
    let d = cleaned(raw);
    assert_eq!(d.text.text().lines().count(), 2);
    assert!(d
        .text
        .text()
        .contains("(\u{6307}\u{5727}) means finger pressure"));
    assert_eq!(
        fate_of(&d, "\u{767c}\u{4f48}\u{7559}\u{8a00}"),
        LineFate::Dropped("C011")
    );
}

#[test]
fn toggle_glyphs_go_but_signed_numbers_stay() {
    let raw = "Questions\n\nIs heat safe?\n\u{2212}\nYes, for most people it is safe for short sessions.\n\u{25bc}\n+5 degrees above body heat is warm enough.\n";
    let d = cleaned(raw);
    assert!(!d.text.text().contains('\u{2212}') && !d.text.text().contains('\u{25bc}'));
    assert!(d.text.text().contains("+5 degrees above body heat"));
}

#[test]
fn title_choice() {
    // A heading under the title is not the title.
    let d = cleaned("Ways to Rest a Sore Neck\nIntroduction\n\nA sore neck usually settles with rest and a little heat over a few days.\n");
    assert_eq!(d.title().as_deref(), Some("Ways to Rest a Sore Neck"));
    assert!(d.text.text().contains("\nIntroduction\n"));
    // A location line over the title is masthead.
    let d = cleaned("Ontario\nHow to Sleep With a Stiff Neck\n\nA firm pillow keeps the neck in line with the spine through the night.\n");
    assert_eq!(d.title().as_deref(), Some("How to Sleep With a Stiff Neck"));
    assert_eq!(fate_of(&d, "Ontario"), LineFate::Dropped("C014"));
    // Site name, byline, then the title.
    let d = cleaned("Neck Health Daily\nPosted by admin in Neck Pain\n\nStiff Neck Remedies\n\nHeat and gentle movement ease most stiff necks within a week.\n");
    assert_eq!(d.title().as_deref(), Some("Stiff Neck Remedies"));
    assert_eq!(d.meta.byline.as_deref(), Some("admin"));
    // Without any running text nothing is taken for masthead.
    let d = cleaned("Shopping List\nIce packs\nHeating pad\n");
    assert_eq!(lines(&d), vec!["Shopping List", "Ice packs", "Heating pad"]);
}

#[test]
fn site_names_around_the_title() {
    let body = "Sciatica pain often eases when you keep walking a little every day.";
    // A site name right above the title is masthead.
    let d = cleaned(&format!(
        "Spine Care Weekly\nFive Ways to Ease Sciatica\n\n{body}\n"
    ));
    assert_eq!(d.title().as_deref(), Some("Five Ways to Ease Sciatica"));
    // The title repeated with a site suffix: kept once, without the suffix.
    let d = cleaned(&format!(
        "Five Ways to Ease Sciatica | Spine Daily\nFive Ways to Ease Sciatica\n\n{body}\n"
    ));
    assert_eq!(lines(&d), vec!["Five Ways to Ease Sciatica", body]);
    // A suffix naming the site of the copyright line is cut.
    let raw =
        format!("Five Ways to Ease Sciatica | Spine Daily\n\n{body}\n\u{a9} 2021 Spine Daily\n");
    let d = cleaned(&raw);
    assert_eq!(d.title().as_deref(), Some("Five Ways to Ease Sciatica"));
    assert!(d
        .text
        .edits()
        .iter()
        .any(|e| e.rule == "C016" && e.before == " | Spine Daily"));
    // Without evidence a dash in the title is the title's own.
    let raw = format!("Heat or Ice - Which Works Better\n\n{body}\n");
    assert_eq!(
        cleaned(&raw).title().as_deref(),
        Some("Heat or Ice - Which Works Better")
    );
}

#[test]
fn link_bars_comment_headers_and_labels() {
    let raw = "Sleep and Sciatica\nLog in \u{b7} Sign up\n\nA pillow between the knees keeps the hips level at night.\nRead more: Choosing a Mattress for Back Pain\nRest | Ice | Compress\nRelated conditions include piriformis syndrome and disc problems.\nMaria Lopez says:\nThis tip finally let me sleep through the night.\nReply\nAbout Us | Contact | Privacy Policy\n";
    let d = cleaned(raw);
    assert_eq!(
        fate_of(&d, "Log in \u{b7} Sign up"),
        LineFate::Dropped("C002")
    );
    assert_eq!(
        fate_of(&d, "Read more: Choosing a Mattress for Back Pain"),
        LineFate::Dropped("C007")
    );
    assert_eq!(fate_of(&d, "Maria Lopez says:"), LineFate::Dropped("C006"));
    assert_eq!(
        fate_of(&d, "This tip finally let me sleep through the night."),
        LineFate::Dropped("C006")
    );
    assert_eq!(
        fate_of(&d, "About Us | Contact | Privacy Policy"),
        LineFate::Dropped("C021")
    );
    assert_eq!(fate_of(&d, "Rest | Ice | Compress"), LineFate::Kept);
    assert!(d
        .text
        .text()
        .contains("\nRelated conditions include piriformis syndrome"));
}

#[test]
fn related_list_stops_at_a_heading_of_running_text() {
    let raw = "Knee Care\n\nStrong thighs take load off the knee joint during the day.\n\nRelated Posts\nKnee Braces Compared\nA Guide to Ice Packs\n\nWhen to See a Doctor\nSee a doctor if the knee locks, gives way or swells quickly.\n";
    let d = cleaned(raw);
    assert!(!d.text.text().contains("Braces") && !d.text.text().contains("Guide to Ice"));
    assert!(d
        .text
        .text()
        .contains("\nWhen to See a Doctor\nSee a doctor if the knee locks"));
}

#[test]
fn breadcrumb_needs_navigation_evidence() {
    assert!(breadcrumb("Home » Health » Back Pain", false).is_some());
    assert!(breadcrumb("Home / Health / Back Pain", true).is_some());
    assert!(breadcrumb("Exercise | Benefits", true).is_none());
    assert!(breadcrumb("News | Health | Fitness", false).is_none());
    assert!(breadcrumb("Keep the score > 7 | rest", true).is_none());
}

#[test]
fn social_lines_are_only_network_words() {
    assert!(social_line(&norm_phrase("Facebook Twitter LinkedIn Email Print"), false).is_some());
    assert!(social_line(&norm_phrase("Share This Post"), false).is_some());
    assert!(social_line(&norm_phrase("Pin"), false).is_none());
    assert!(social_line(&norm_phrase("Pin"), true).is_some());
    assert!(social_line(&norm_phrase("Email your doctor a photo"), true).is_none());
}

#[test]
fn bylines_and_dates() {
    let b =
        byline("Medically reviewed by Ana Ruiz, RN \u{2014} Written by Tom Hale on May 2, 2021")
            .unwrap();
    assert_eq!(b.byline.as_deref(), Some("Tom Hale"));
    assert_eq!(b.date.as_deref(), Some("May 2, 2021"));
    assert_eq!(
        byline("Updated: 4 June 2020").unwrap().date.as_deref(),
        Some("4 June 2020")
    );
    let b = byline("Updated on July 9, 2021 by Lee Park").unwrap();
    assert_eq!(b.byline.as_deref(), Some("Lee Park"));
    assert_eq!(b.date.as_deref(), Some("July 9, 2021"));
    assert!(byline("March 3, 2022 \u{b7} 4 min read").is_some());
    assert!(byline("By Kim Ode | Spine Health").is_some());
    for not in [
        "By Monday, most spasms ease on their own.",
        "Written by hand, a pain diary helps you.",
        "Reviewed by a physician.",
        "By stretching daily you lower the risk of another spasm and keep moving.",
    ] {
        assert_eq!(byline(not), None, "{not}");
    }
}

#[test]
fn copyright_gives_the_site() {
    assert_eq!(
        copyright("Copyright \u{a9} 2019-2023 Spine Weekly Media. All rights reserved."),
        Some(Some("Spine Weekly Media".into()))
    );
    assert_eq!(
        copyright("\u{a9} 2021 Calm Back Magazine"),
        Some(Some("Calm Back Magazine".into()))
    );
    assert_eq!(
        copyright("Copyright law protects the text of every leaflet."),
        None
    );
}

#[test]
fn phrase_normalisation() {
    assert_eq!(norm_phrase("Comments (12)"), "comments 0".replace('0', "#"));
    assert_eq!(norm_phrase("Name *"), "name *");
    assert_eq!(norm_phrase("Sign In  Register"), "sign in register");
    let hit = |t: &str, edge| phrase_match(t, &norm_phrase(t), word_count(t), edge);
    assert!(hit("34 Comments", false).is_some());
    assert!(hit("Menu", false).is_none());
    assert!(hit("Menu", true).is_some());
    assert!(hit("Related: Five Ways to Sleep Better", false).is_some());
    assert!(hit(
        "Related conditions include sciatica and disc problems.",
        false
    )
    .is_none());
}

#[test]
fn data_files_parse_completely() {
    let entries = data_lines(include_str!("../../data/chrome_phrases.txt")).count();
    assert_eq!(
        PHRASES.len(),
        entries,
        "an entry names an unknown rule or match"
    );
    let social = data_lines(include_str!("../../data/chrome_social.txt")).count();
    assert_eq!(SOCIAL.len(), social);
    assert!(CAMEL_NAMES.contains("YouTube") && ALNUM_STEMS.contains("omega"));
    assert!(SECTION_HEADINGS.contains("key takeaways") && STOPWORDS.contains("the"));
}

#[test]
fn corpus_repetition_is_evidence_for_short_tail_lines() {
    let a = "Ankle Sprains\n\nAn ankle sprain heals faster when you start moving it gently after two days of rest and ice.\nWellness Corner Picks\nOur editors pick every product here with care for you\n";
    let b = "Wrist Pain\n\nTyping all day strains the wrist, so short breaks every half hour help the tendons recover.\nWellness Corner Picks\nOur editors pick every product here with care for you\n";
    let mut docs = vec![doc_of("a", a), doc_of("b", b)];
    let hints = CorpusHints::build(&docs);
    assert_eq!(hints.groups_with("Wellness Corner Picks"), 2);
    for d in &mut docs {
        clean_document(d, &hints);
        assert!(!d.text.text().contains("Wellness Corner Picks"));
        // A longer repeated line is not dropped on repetition alone.
        assert!(d.text.text().contains("Our editors pick every product"));
    }
    // Copies of one article are one source: their shared lines are no evidence.
    let copy = a.replace("Ankle Sprains", "Sprained Ankles");
    let docs = vec![doc_of("a", a), doc_of("c", &copy)];
    let hints = CorpusHints::build(&docs);
    assert_eq!(hints.groups_with("Wellness Corner Picks"), 0);
}

#[test]
fn bad_input_does_not_panic() {
    for raw in [
        "",
        "\n\n\n",
        "   ",
        "+",
        "a1b2c3 999999999999",
        "(<>)",
        "\u{2022}",
        "x\u{a9}",
    ] {
        let d = cleaned(raw);
        assert_eq!(d.line_kinds.len(), d.text.lines().len());
    }
}

#[test]
fn a_line_counted_in_pass_one_is_known_after_in_line_edits() {
    // Cleaning may put a separator between glued words or change spacing; the line
    // is still the one pass 1 counted.
    let docs: Vec<Document> = ["a", "b", "c"]
        .iter()
        .map(|id| doc_of(id, &format!("GardenPlanner\nNotes on {id}.\n")))
        .collect();
    let hints = CorpusHints::build(&docs);
    assert_eq!(hints.groups_with("GardenPlanner"), 3);
    assert_eq!(hints.groups_with("Garden | Planner"), 3);
    assert_eq!(hints.groups_with("garden   planner"), 3);
    assert_eq!(hints.groups_with("Garden Planter"), 0);
}

#[test]
fn a_site_line_above_the_body_goes_and_does_not_start_it() {
    // Three unrelated articles under one site's masthead and tagline: the tagline
    // reads like a sentence but recurs on every page, so it neither starts the body
    // nor stays; each article's own headline becomes the title.
    let bodies = [
        (
            "Pruning Roses In Early Spring",
            "Cut each cane just above an outward bud, so that new growth opens the middle of the bush to light and air.",
        ),
        (
            "Storing Onions Over Winter",
            "Dry the bulbs for two weeks in a shaded spot, then keep them in mesh bags somewhere cool, dark and dry.",
        ),
        (
            "Sowing Beans Outdoors",
            "Wait until the soil is warm to the touch, because seeds sown into cold ground tend to rot before they sprout.",
        ),
    ];
    let raws: Vec<String> = bodies
        .iter()
        .map(|(title, body)| {
            format!("Greenhouse Weekly\nNews and advice from our growers for every garden in the valley\n{title}\n{body}\nThe second paragraph of this piece explains the reasons in more detail for the reader.\n")
        })
        .collect();
    let mut docs: Vec<Document> = raws
        .iter()
        .enumerate()
        .map(|(i, r)| doc_of(&format!("d{i}"), r))
        .collect();
    let hints = CorpusHints::build(&docs);
    for (d, (title, body)) in docs.iter_mut().zip(bodies) {
        clean_document(d, &hints);
        let text = d.text.text();
        assert!(!text.contains("News and advice from our growers"), "{text}");
        assert!(!text.contains("Greenhouse Weekly"), "{text}");
        assert!(text.contains(body), "{text}");
        assert_eq!(d.title().as_deref(), Some(title), "{text}");
        assert!(d.text.edits().iter().any(|e| e.rule == "C015"));
    }
    // In one document alone the same lines are no corpus evidence.
    let mut alone = doc_of("x", &raws[0]);
    let own = CorpusHints::build(std::slice::from_ref(&alone));
    clean_document(&mut alone, &own);
    assert!(alone.text.edits().iter().all(|e| e.rule != "C015"));
}

#[test]
fn a_comment_section_announced_with_its_count_goes_after_a_short_article() {
    // The article is shorter than the typical comment, which the header-run rule
    // alone would take for a forum; the count line says what follows.
    let raw = "Walking In The Rain\n\
        A short walk in light rain clears the head, and a good coat keeps the cold out of your shoulders and back on the way home.\n\
        A second thought on the same walk ends the piece here.\n\
        27 comments\n\
        Ana Torres March 3, 2019 at 8:14 am\n\
        I walk every evening, whatever the weather is doing outside, and it has done wonders for my sleep and my mood over the past few months of winter.\n\
        Reply\n\
        Ben Okafor March 3, 2019 at 9:40 am\n\
        Same here, although my dog disagrees about the rain and pulls me back home as soon as the first drops fall on the pavement in front of the house.\n\
        Reply\n\
        Chloe Martin March 4, 2019 at 7:02 pm\n\
        Good coat, yes, but good shoes matter more when the paths are muddy and slippery in the park near the river where I usually go.\n\
        Reply\n";
    let d = cleaned(raw);
    let text = d.text.text();
    assert!(text.contains("A short walk in light rain"), "{text}");
    assert!(text.contains("A second thought"), "{text}");
    assert!(!text.contains("27 comments"), "{text}");
    assert!(!text.contains("my dog disagrees"), "{text}");
    assert!(d.text.edits().iter().any(|e| e.rule == "C019"));
}

#[test]
fn count_lines_of_a_list_of_posts_announce_no_section() {
    // A blog's front page: each post ends with a footer linking to its comments.
    let post = |title: &str, body: &str, n: usize| {
        format!("{title}\n{body}\nposted by Dana at 10:48 PM | {n} comments\n")
    };
    let raw = [
        post("Fixing A Bike Chain", "A chain that skips under load is often worn rather than loose, and a cheap gauge tells you which in a minute.", 4),
        post("Cleaning The Gears", "Degrease the cassette with a brush and warm soapy water, then dry it before you put on any fresh oil at all.", 0),
        post("Choosing Tyres", "Wider tyres at lower pressure roll as fast on rough roads and are far more comfortable on long rides in the hills.", 12),
        post("Brake Pads", "Replace pads before the groove on their surface is gone, because the metal backing will scratch the rim or disc.", 2),
    ]
    .concat();
    let d = cleaned(&raw);
    let text = d.text.text();
    for body in [
        "A chain that skips",
        "Degrease the cassette",
        "Wider tyres",
        "Replace pads",
    ] {
        assert!(text.contains(body), "{text}");
    }
    assert!(d.text.edits().iter().all(|e| e.rule != "C019"));
}

#[test]
fn comment_count_lines() {
    for yes in [
        "69 comments",
        "Comments (12)",
        "{ 3 Kommentare }",
        "46 Responses to \"A Day Out\"",
        "Search 254 Comments Log In",
    ] {
        assert!(comment_count_line(&LineInfo::alone(yes)), "{yes}");
    }
    for no in [
        "Comments",
        "12 ways to cook rice",
        "posted by Jo at 10:48 PM | 4 comments",
        "We read all 40 comments you sent last week and answered each of them.",
    ] {
        assert!(!comment_count_line(&LineInfo::alone(no)), "{no}");
    }
}

#[test]
fn what_follows_the_end_of_the_article_goes() {
    let article = "How Bread Rises\n\
        Yeast feeds on the sugars in flour and gives off carbon dioxide, which the gluten in the dough traps as small bubbles.\n\
        A warm kitchen speeds this up, but a slow rise in the cold gives the loaf more flavour and a more open crumb.\n\
        Knead until the dough is smooth and springs back when you press it with a finger, then leave it covered.\n";
    let sidebar = "Share on Facebook Twitter Pinterest Email\n\
        Sourdough Starters\nBaking Tins\nFlour Types\nOven Thermometers\nProving Baskets\n\
        Our newsletter brings you a new recipe from the test kitchen every Friday morning.\n\
        The editors pick one reader's question each week.\n";
    let d = cleaned(&format!("{article}{sidebar}"));
    let text = d.text.text();
    assert!(text.contains("Knead until the dough is smooth"), "{text}");
    assert!(!text.contains("Our newsletter brings you"), "{text}");
    assert!(!text.contains("one reader's question"), "{text}");

    // A share bar in the middle of a long article: the rest of it stays.
    let rest = "The second half of the article explains shaping: fold the dough towards you, turn it, and fold again until the surface is taut.\n\
        Then the loaf proves once more in a basket dusted with flour, seam side up, before it goes into a very hot oven.\n\
        Steam in the first minutes keeps the crust soft long enough for the loaf to spring up before it sets and browns.\n";
    let d = cleaned(&format!(
        "{article}Share on Facebook Twitter Pinterest Email\n{rest}"
    ));
    let text = d.text.text();
    assert!(text.contains("Steam in the first minutes"), "{text}");
    assert!(text.contains("fold the dough towards you"), "{text}");
}

#[test]
fn a_form_field_label_is_capitalised_and_a_line_of_code_is_not_one() {
    assert!(FORM_FIELD.is_match("Name *"));
    assert!(FORM_FIELD.is_match("Email *"));
    // A line of a query or formula that ends with a multiplication.
    assert!(!FORM_FIELD.is_match("entries *"));
    let mut meta = DocMeta::default();
    let code = LineInfo::alone("      entries *");
    assert!(!chrome_anywhere(&code, &mut meta).is_drop());
}
