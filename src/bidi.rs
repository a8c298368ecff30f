//! Bidirectional override and isolate controls (U+202A-U+202E, U+2066-U+2069) reorder
//! how text is displayed without changing what it says: in scraped text they only serve
//! to make a passage look different from what it is ("Trojan Source"). They are removed
//! right after decoding by rule `I001`, one recorded edit per run of controls, so clean
//! text, facts, CSVs and the review page never carry them. Marks that only set the
//! direction of neutral characters (U+200E, U+200F, U+061C) are left to the repair stage.

use crate::rules::{Fix, Rule};
use crate::text::{Replacement, TrackedText};

pub const RULES: &[Rule] = &[Rule {
    code: "I001",
    name: "bidi-control",
    stage: "ingest",
    doc: "Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) are removed: they change how text displays, not what it says.",
    fix: Fix::Safe,
}];

/// Most bidi controls a document may hold; ingest skips a document with more (each run
/// is one edit, and a text built of thousands of them is not an article).
pub const MAX_BIDI_CONTROLS: usize = 256;

pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Remove every bidi control from the current text, one edit per run of them.
pub fn strip_bidi_controls(t: &mut TrackedText) {
    let text = t.text();
    if !text.contains(is_bidi_control) {
        return;
    }
    let mut reps = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for (i, c) in text.char_indices() {
        if is_bidi_control(c) {
            let end = i + c.len_utf8();
            run = Some(run.map_or((i, end), |(s, _)| (s, end)));
        } else if let Some((s, e)) = run.take() {
            reps.push(Replacement::delete(s..e, "I001"));
        }
    }
    if let Some((s, e)) = run {
        reps.push(Replacement::delete(s..e, "I001"));
    }
    t.apply(reps);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_are_removed_and_map_back() {
        let raw = "Take \u{202E}01 sgnirps\u{202C} daily.\u{2066}\u{2069}";
        let mut t = TrackedText::from_str(raw);
        strip_bidi_controls(&mut t);
        assert_eq!(t.text(), "Take 01 sgnirps daily.");
        assert_eq!(t.edits().len(), 3);
        for e in t.edits() {
            assert_eq!(e.rule, "I001");
            assert_eq!(&raw[e.raw_start..e.raw_end], e.before);
        }
        let d = t.text().find("daily").unwrap();
        assert_eq!(&raw[t.raw_span(d..d + 5)], "daily");
    }

    #[test]
    fn text_without_controls_is_untouched() {
        let mut t = TrackedText::from_str("plain \u{200F} text");
        strip_bidi_controls(&mut t);
        assert!(t.edits().is_empty());
    }
}
