//! Leave-one-out check of spin restoration: two clean articles written for this test are
//! spun by a tiny spinner with substitutions the reverse thesaurus does NOT contain, put in
//! a corpus of other clean articles (also written for this test), and repaired. The
//! originals are never shown to the model. We count restored substitutions and correct
//! words that were changed, and hold them to a floor.
//!
//! What the generic mechanisms can restore without the thesaurus: number words next to
//! digits, spelled-out numbered headings and quantities, inserted link-spam phrases, and a
//! foreign word where the clean articles use one unambiguous wording in the same context.
//! Ordinary-English swaps outside the thesaurus are expected to stay (precision first).

use factsieve::model::Document;
use factsieve::spin::{respin_assuming_spun, respin_document, thesaurus_knows, LanguageModel};

/// Clean articles of the same topic (the corpus the language model learns from).
const CORPUS: &[&str] = &[
    "Treating a Sore Knee at Home\n\
     A sore knee after exercise usually settles with a few days of rest. Put an ice pack on the knee for 15 minutes, three times a day, to reduce swelling and pain.\n\
     Gentle stretches loosen tight muscles around the joint. Stretch your quadriceps and hamstrings after every walk.\n\
     See a doctor if the knee locks, gives way or swells quickly.",
    "Shin Splints: What Helps\n\
     Shin splints cause pain along the inner edge of the shin bone. Cut back on running for two weeks and switch to swimming or cycling.\n\
     Put an ice pack on the shin after exercise to reduce swelling and ease the pain. Massage can loosen tight muscles in the calf.\n\
     Running shoes with good support and a slow return to training help prevent a relapse.",
    "Morning Neck Stiffness\n\
     Neck stiffness in the morning often comes from a poor sleeping position. A firm pillow keeps the neck in line with the spine.\n\
     A warm shower and slow neck rolls loosen tight muscles. Heat helps more than ice for stiffness without swelling.\n\
     Avoid looking down at your phone for long periods.",
    "Easing Calf Cramps\n\
     Calf cramps often strike at night. Stretch the calf by pulling your toes toward you and hold for 30 seconds.\n\
     Drinking enough water during the day can reduce cramps. A warm bath before bed can loosen tight muscles.\n\
     If cramps wake you every night, talk to your doctor about your medicines.",
];

/// The hidden originals.
const ORIGINAL_A: &str = "Runner's Knee: A Simple Plan\n\
     Runner's knee is a dull pain around the kneecap. Most runners recover in 4-6 weeks with the right plan.\n\
     1. Reduce Your Mileage\n\
     Cut your weekly distance in half and avoid hills until the pain fades.\n\
     2. Cool the Knee\n\
     Put an ice pack on the knee for 10-15 minutes after each run to reduce swelling and soreness.\n\
     3. Strengthen Your Hips\n\
     Weak hip muscles let the knee drift inward. Do side leg raises for 20 minutes, three days a week.\n\
     4. Get Your Form Checked\n\
     A physical therapist can check your running form and loosen tight muscles in the thigh.";

const ORIGINAL_B: &str = "Desk Work and a Stiff Neck\n\
     Long hours at a desk strain the neck. Small changes to your setup help within a week.\n\
     1. Raise Your Screen\n\
     The top of the screen should sit at eye level, about an arm's length away.\n\
     2. Move Often\n\
     Stand up and roll your shoulders 2-3 times an hour. Be careful not to crane your neck toward the screen.\n\
     3. Stretch Slowly\n\
     Tilt your ear toward your shoulder and hold for thirty seconds. Slow stretches loosen tight muscles.";

/// The spinner: (original phrase, spun phrase), applied once each, in text order.
const SPIN_A: &[(&str, &str)] = &[
    ("dull pain", "dull hurt"),
    ("4-6 weeks", "4-six weeks"),
    ("Reduce Your Mileage", "Decrease Your Distance Covered"),
    ("avoid hills", "avoid inclines"),
    ("Cool the Knee", "Cool the Knee Joint"),
    ("ice pack on", "ice bundle on"),
    ("10-15 minutes", "10-fifteen minutes"),
    (
        "reduce swelling and soreness",
        "reduce puffiness and soreness",
    ),
    ("3. Strengthen", "three. Strengthen"),
    ("drift inward", "wander inward"),
    ("for 20 minutes", "for twenty minutes"),
    ("can check", "can knee sleeves for runners check"),
    ("loosen tight muscles", "loosen taut muscles"),
];

const SPIN_B: &[(&str, &str)] = &[
    ("Stiff Neck", "Rigid Neck"),
    ("strain the neck", "tension the neck"),
    ("Raise Your Screen", "Elevate Your Display"),
    ("eye level", "eye stage"),
    ("2. Move", "two. Move"),
    ("2-3 times", "2-three times"),
    ("not to crane", "not neck pillow deals to crane"),
    ("for thirty seconds", "for thirty secs"),
    ("loosen tight muscles", "loosen stiff muscles"),
];

struct Spun {
    text: String,
    /// Byte ranges of each substitution in the original text.
    sites: Vec<std::ops::Range<usize>>,
}

fn spin(original: &str, subs: &[(&str, &str)]) -> Spun {
    let mut text = String::new();
    let mut sites = Vec::new();
    let mut cursor = 0;
    for (orig, spun) in subs {
        let at = cursor
            + original[cursor..]
                .find(orig)
                .unwrap_or_else(|| panic!("{orig:?} not in order in the original"));
        text.push_str(&original[cursor..at]);
        text.push_str(spun);
        sites.push(at..at + orig.len());
        cursor = at + orig.len();
    }
    text.push_str(&original[cursor..]);
    Spun { text, sites }
}

fn doc(id: &str, text: &str) -> Document {
    Document::from_text(id, text)
}

/// Words with their byte offsets.
fn words(s: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let part = c.is_alphanumeric() || c == '\'';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((b, s[b..i].to_string()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// (restored sites, correct words changed) of `repaired` against `original`.
fn measure(original: &str, sites: &[std::ops::Range<usize>], repaired: &str) -> (usize, usize) {
    let ow = words(original);
    let rw = words(repaired);
    let o: Vec<&str> = ow.iter().map(|(_, w)| w.as_str()).collect();
    let r: Vec<&str> = rw.iter().map(|(_, w)| w.as_str()).collect();
    let mut kept = vec![false; o.len()];
    // Words added to the text, by the original word index they stand before.
    let mut added: Vec<usize> = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &o, &r) {
        match op {
            similar::DiffOp::Equal { old_index, len, .. } => {
                kept[old_index..old_index + len].fill(true);
            }
            similar::DiffOp::Insert {
                old_index, new_len, ..
            } => added.extend(std::iter::repeat_n(old_index, new_len)),
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_len,
                ..
            } => {
                // A replaced word is counted once, as the original word lost; only the
                // words beyond it count as added.
                added.extend(std::iter::repeat_n(
                    old_index + old_len,
                    new_len.saturating_sub(old_len),
                ))
            }
            similar::DiffOp::Delete { .. } => {}
        }
    }
    // Word index range [first, end) of a byte range of the original.
    let word_span = |s: &std::ops::Range<usize>| {
        let first = ow.iter().position(|(p, _)| s.contains(p)).unwrap_or(0);
        let end = ow
            .iter()
            .rposition(|(p, _)| s.contains(p))
            .map_or(first, |k| k + 1);
        (first, end)
    };
    let in_site = |pos: usize| sites.iter().any(|s| s.contains(&pos));
    let restored = sites
        .iter()
        .filter(|s| {
            let (first, end) = word_span(s);
            let ok =
                (first..end).all(|k| kept[k]) && !added.iter().any(|&k| (first..=end).contains(&k));
            println!(
                "  {} {:?}",
                if ok { "restored" } else { "missed  " },
                &original[(*s).clone()]
            );
            ok
        })
        .count();
    let in_site_word = |k: usize| {
        sites.iter().any(|s| {
            let (first, end) = word_span(s);
            (first..=end).contains(&k)
        })
    };
    let damaged = ow
        .iter()
        .enumerate()
        .filter(|(k, (p, _))| !in_site(*p) && !kept[*k])
        .count()
        + added.iter().filter(|&&k| !in_site_word(k)).count();
    (restored, damaged)
}

fn run() -> Vec<(usize, usize, usize, String)> {
    for (_, spun) in SPIN_A.iter().chain(SPIN_B) {
        // Single spun words of a multi-word substitution may be known on their own
        // ("decrease"), but no substitution as a whole is in the thesaurus.
        assert!(!thesaurus_knows(spun), "{spun:?} is in the thesaurus");
    }
    let a = spin(ORIGINAL_A, SPIN_A);
    let b = spin(ORIGINAL_B, SPIN_B);
    let mut docs: Vec<Document> = CORPUS
        .iter()
        .enumerate()
        .map(|(i, t)| doc(&format!("c{i}"), t))
        .collect();
    docs.push(doc("spun_a", &a.text));
    docs.push(doc("spun_b", &b.text));
    let lm = LanguageModel::build(&docs);
    for d in &mut docs {
        respin_document(d, &lm);
    }
    for d in &docs[..CORPUS.len()] {
        assert!(
            !d.spin.spun,
            "clean corpus article judged spun: {:?}",
            d.spin
        );
        assert!(
            d.text.edits().is_empty(),
            "clean article edited: {:?}",
            d.text.edits()
        );
    }
    let mut out = Vec::new();
    for (d, (orig, s)) in docs[CORPUS.len()..]
        .iter()
        .zip([(ORIGINAL_A, &a), (ORIGINAL_B, &b)])
    {
        assert!(d.spin.spun, "{} not judged spun: {:?}", d.doc_id, d.spin);
        let (restored, damaged) = measure(orig, &s.sites, d.text.text());
        out.push((restored, s.sites.len(), damaged, d.text.text().to_string()));
    }
    out
}

/// Floors measured when this test was written: of 22 substitutions, 11 restored (6 by the
/// number rules, 2 link-spam removals, 3 from the clean articles' wording); no correct
/// word changed.
const MIN_RESTORED: usize = 11;
const MAX_DAMAGED: usize = 0;

fn within_floor(restored: usize, damaged: usize) -> Result<(), String> {
    if restored < MIN_RESTORED {
        return Err(format!("restored only {restored} (floor {MIN_RESTORED})"));
    }
    if damaged > MAX_DAMAGED {
        return Err(format!(
            "{damaged} correct words changed (at most {MAX_DAMAGED})"
        ));
    }
    Ok(())
}

#[test]
fn leave_one_out_restoration_floor() {
    let results = run();
    let restored: usize = results.iter().map(|r| r.0).sum();
    let total: usize = results.iter().map(|r| r.1).sum();
    let damaged: usize = results.iter().map(|r| r.2).sum();
    for r in &results {
        println!("restored {}/{} damaged {}\n{}\n", r.0, r.1, r.2, r.3);
    }
    println!("leave-one-out: restored {restored}/{total}, correct words changed {damaged}");
    if let Err(e) = within_floor(restored, damaged) {
        panic!("{e} of {total} substitutions");
    }
}

#[test]
fn measure_counts_sites_and_damage() {
    let s = spin("the cold pack helps a lot", &[("cold", "chilly")]);
    assert_eq!(s.text, "the chilly pack helps a lot");
    assert_eq!(
        measure(
            "the cold pack helps a lot",
            &s.sites,
            "the cold pack helps a lot"
        ),
        (1, 0)
    );
    assert_eq!(
        measure(
            "the cold pack helps a lot",
            &s.sites,
            "the chilly pack aids a lot"
        ),
        (0, 1)
    );
    // A word left inserted in the site is not a restoration; one added elsewhere is damage.
    assert_eq!(
        measure(
            "the cold pack helps a lot",
            &s.sites,
            "the cold ice pack helps a lot"
        ),
        (0, 0)
    );
    assert_eq!(
        measure(
            "the cold pack helps a lot",
            &s.sites,
            "the cold pack helps a lot now"
        ),
        (1, 1)
    );
}

#[test]
fn clean_articles_repaired_as_if_spun_keep_their_words() {
    let mut docs: Vec<Document> = CORPUS
        .iter()
        .enumerate()
        .map(|(i, t)| doc(&format!("c{i}"), t))
        .collect();
    let lm = LanguageModel::build(&docs);
    let mut edits = Vec::new();
    for d in &mut docs {
        respin_assuming_spun(d, &lm);
        edits.extend(
            d.text
                .edits()
                .iter()
                .map(|e| (e.before.clone(), e.after.clone())),
        );
    }
    // Clean text repaired as if it were spun: any edit is damage (none when written).
    assert!(edits.is_empty(), "{edits:?}");
}
