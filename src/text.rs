//! Tracked text: the decoded original, the current text and an alignment between them.
//!
//! Every change to a document's text goes through [`TrackedText::replace`] (or
//! [`TrackedText::apply`] for a batch), which records an [`Edit`] with the rule code,
//! the raw byte span it replaced, the text before and after, and a confidence. The
//! alignment is a list of segments (as in huggingface tokenizers' `NormalizedString`,
//! but coarser): an untouched segment maps byte for byte onto the original, an edited
//! segment maps as a whole onto the original span it replaced. So any span of the
//! current text maps back to raw file bytes, and citations stay exact.

use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Maps byte offsets of the decoded original text to byte offsets in the raw file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RawMap {
    /// The original is the raw file from `shift` on (UTF-8, after an optional BOM).
    Shifted { shift: usize },
    /// Explicit offsets: `offsets[i]` is the raw offset of original byte `i`;
    /// one entry past the end maps the end of text (single-byte legacy encodings).
    Table { offsets: Vec<u32> },
}

impl RawMap {
    pub fn to_raw(&self, orig: usize) -> usize {
        match self {
            RawMap::Shifted { shift } => orig + shift,
            RawMap::Table { offsets } => offsets[orig.min(offsets.len() - 1)] as usize,
        }
    }
}

/// One recorded change.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Edit {
    /// Rule code from the registry (see `rules`).
    pub rule: &'static str,
    /// Byte span in the raw file that this edit covers.
    pub raw_start: usize,
    pub raw_end: usize,
    /// Byte span in the decoded original.
    pub orig_start: usize,
    pub orig_end: usize,
    /// Current text replaced by this edit, and its replacement.
    pub before: String,
    pub after: String,
    pub confidence: f32,
    /// Free-form evidence for reviewers (scores, matched phrase); empty when obvious.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

/// A replacement requested by a rule, in current-text byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Replacement {
    pub range: Range<usize>,
    pub after: String,
    pub rule: &'static str,
    pub confidence: f32,
    pub evidence: String,
}

impl Replacement {
    pub fn new(range: Range<usize>, after: impl Into<String>, rule: &'static str) -> Self {
        Replacement {
            range,
            after: after.into(),
            rule,
            confidence: 1.0,
            evidence: String::new(),
        }
    }
    pub fn delete(range: Range<usize>, rule: &'static str) -> Self {
        Self::new(range, "", rule)
    }
    pub fn with_confidence(mut self, confidence: f32) -> Self {
        self.confidence = confidence;
        self
    }
    pub fn with_evidence(mut self, evidence: impl Into<String>) -> Self {
        self.evidence = evidence.into();
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Segment {
    cur: (usize, usize),
    orig: (usize, usize),
    edited: bool,
}

/// A document's text as the stages change it: the decoded original, the current text, the
/// alignment of every current span to original (and so raw) bytes, and the log of every
/// edit with its rule. All changes go through [`TrackedText::replace`] or
/// [`TrackedText::apply`], which keep the alignment and the log.
#[derive(Debug, Clone)]
pub struct TrackedText {
    original: String,
    raw_map: RawMap,
    current: String,
    segments: Vec<Segment>,
    edits: Vec<Edit>,
    /// The rules allowed to edit this text (the run's configuration).
    rules: RuleSet,
}

/// Everything a [`TrackedText`] holds, as a plain record: a cleaned document passes from
/// one pass to the next (or between machines) through it and comes back identical.
/// Rule codes are strings here and are looked up in the registry on the way back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackedTextRecord {
    original: String,
    raw_map: RawMap,
    current: String,
    segments: Vec<Segment>,
    edits: Vec<EditRecord>,
    rules: RuleSet,
}

/// An [`Edit`] with its rule code as a string.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct EditRecord {
    rule: String,
    raw_start: usize,
    raw_end: usize,
    orig_start: usize,
    orig_end: usize,
    before: String,
    after: String,
    confidence: f32,
    evidence: String,
}

/// The registry's own `&'static str` for a rule code read back from a record.
pub fn rule_code(code: &str) -> Result<&'static str, String> {
    crate::rules::get(code)
        .map(|r| r.code)
        .ok_or_else(|| format!("unknown rule code {code:?}"))
}

impl TrackedText {
    /// The text as a plain record ([`TrackedText::from_record`] gives it back).
    pub fn to_record(&self) -> TrackedTextRecord {
        TrackedTextRecord {
            original: self.original.clone(),
            raw_map: self.raw_map.clone(),
            current: self.current.clone(),
            segments: self.segments.clone(),
            edits: self
                .edits
                .iter()
                .map(|e| EditRecord {
                    rule: e.rule.to_string(),
                    raw_start: e.raw_start,
                    raw_end: e.raw_end,
                    orig_start: e.orig_start,
                    orig_end: e.orig_end,
                    before: e.before.clone(),
                    after: e.after.clone(),
                    confidence: e.confidence,
                    evidence: e.evidence.clone(),
                })
                .collect(),
            rules: self.rules,
        }
    }

    /// The text a record holds; an unknown rule code is an error.
    pub fn from_record(r: TrackedTextRecord) -> Result<Self, String> {
        let edits = r
            .edits
            .into_iter()
            .map(|e| {
                Ok(Edit {
                    rule: rule_code(&e.rule)?,
                    raw_start: e.raw_start,
                    raw_end: e.raw_end,
                    orig_start: e.orig_start,
                    orig_end: e.orig_end,
                    before: e.before,
                    after: e.after,
                    confidence: e.confidence,
                    evidence: e.evidence,
                })
            })
            .collect::<Result<Vec<Edit>, String>>()?;
        Ok(TrackedText {
            original: r.original,
            raw_map: r.raw_map,
            current: r.current,
            segments: r.segments,
            edits,
            rules: r.rules,
        })
    }
}

impl TrackedText {
    pub fn new(original: String, raw_map: RawMap) -> Self {
        let n = original.len();
        TrackedText {
            current: original.clone(),
            original,
            raw_map,
            segments: vec![Segment {
                cur: (0, n),
                orig: (0, n),
                edited: false,
            }],
            edits: Vec::new(),
            rules: RuleSet::all(),
        }
    }

    /// Allow only the rules of `rules` to edit this text from now on.
    pub fn set_rules(&mut self, rules: RuleSet) {
        self.rules = rules;
    }
    /// The rules allowed to edit this text.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// A tracked text whose original is the raw file itself (tests, UTF-8 input).
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(s: &str) -> Self {
        Self::new(s.to_string(), RawMap::Shifted { shift: 0 })
    }

    pub fn text(&self) -> &str {
        &self.current
    }
    pub fn original(&self) -> &str {
        &self.original
    }
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }
    pub fn raw_map(&self) -> &RawMap {
        &self.raw_map
    }

    /// Original byte span covered by a span of the current text. Edited segments
    /// are atomic: a span touching one covers the whole original span it replaced.
    pub fn orig_span(&self, range: Range<usize>) -> Range<usize> {
        let (a, b) = (range.start, range.end.max(range.start));
        let start = self.map_start(a);
        let end = if b == a { start } else { self.map_end(b) };
        start..end.max(start)
    }

    /// Raw file byte span of a span of the current text.
    pub fn raw_span(&self, range: Range<usize>) -> Range<usize> {
        let o = self.orig_span(range);
        self.raw_map.to_raw(o.start)..self.raw_map.to_raw(o.end)
    }

    /// Index of the first segment ending after `a`: the one containing `a` when `a` is
    /// inside the text (segments are in order, so their ends never decrease).
    fn segment_after(&self, a: usize) -> usize {
        self.segments.partition_point(|s| s.cur.1 <= a)
    }

    fn map_start(&self, a: usize) -> usize {
        // First non-empty segment that contains `a`; the end of text maps to the end.
        match self.segments.get(self.segment_after(a)) {
            Some(s) if s.cur.0 <= a && a < s.cur.1 => {
                if s.edited {
                    s.orig.0
                } else {
                    s.orig.0 + (a - s.cur.0)
                }
            }
            _ => self.original.len(),
        }
    }

    fn map_end(&self, b: usize) -> usize {
        // First segment with cur.0 < b <= cur.1 (zero-width ones at `b` do not count).
        let from = self.segments.partition_point(|s| s.cur.1 < b);
        for s in &self.segments[from..] {
            if s.cur.0 >= b {
                break;
            }
            if b <= s.cur.1 {
                return if s.edited {
                    s.orig.1
                } else {
                    s.orig.0 + (b - s.cur.0)
                };
            }
        }
        0
    }

    /// Whether an edit at `a` (a start or end offset) would split an edited segment.
    fn splits_edited(&self, a: usize) -> bool {
        self.segments
            .get(self.segment_after(a))
            .is_some_and(|s| s.edited && s.cur.0 < a && a < s.cur.1)
    }

    /// Replace `range` of the current text with `after`, recording the edit.
    /// Returns false (and changes nothing) for a no-op, an invalid range, or a rule the
    /// configuration disabled: this is the one place a disabled rule is stopped.
    pub fn replace(&mut self, r: Replacement) -> bool {
        let Replacement {
            range,
            after,
            rule,
            confidence,
            evidence,
        } = r;
        let (mut a, mut b) = (range.start, range.end);
        if !self.rules.is_enabled(rule) {
            return false;
        }
        if a > b
            || b > self.current.len()
            || !self.current.is_char_boundary(a)
            || !self.current.is_char_boundary(b)
        {
            return false;
        }
        if self.current[a..b] == after {
            return false;
        }
        // An edit may not split an earlier edited segment: widen to cover it whole.
        if self.splits_edited(a) {
            a = self.segments[self.segment_after(a)].cur.0;
        }
        if self.splits_edited(b) {
            b = self.segments[self.segment_after(b)].cur.1;
        }
        let after = format!(
            "{}{}{}",
            &self.current[a..range.start],
            after,
            &self.current[range.end..b]
        );
        let orig = if a == b {
            // Pure insertion: anchor at the original position of `a`.
            let p = if a == self.current.len() {
                self.original.len()
            } else {
                self.map_start(a)
            };
            p..p
        } else {
            self.orig_span(a..b)
        };
        let before = self.current[a..b].to_string();
        let delta = after.len() as isize - (b - a) as isize;

        let mut segs = Vec::with_capacity(self.segments.len() + 2);
        let mut inserted = false;
        let new_seg = Segment {
            cur: (a, a + after.len()),
            orig: (orig.start, orig.end),
            edited: true,
        };
        for s in &self.segments {
            let (s0, s1) = s.cur;
            let zero_width = s0 == s1;
            // Zero-width deletions at `a` stay before the new edit, those at `b` after it.
            let is_before = if zero_width { s0 <= a } else { s1 <= a };
            let is_after = if zero_width {
                s0 >= b && s0 > a
            } else {
                s0 >= b
            };
            if is_before {
                segs.push(*s);
                continue;
            }
            if is_after {
                if !inserted {
                    segs.push(new_seg);
                    inserted = true;
                }
                let shift = |x: usize| (x as isize + delta) as usize;
                segs.push(Segment {
                    cur: (shift(s0), shift(s1)),
                    ..*s
                });
                continue;
            }
            // Overlaps [a, b): keep the parts outside (only untouched segments can be cut).
            if s0 < a {
                segs.push(Segment {
                    cur: (s0, a),
                    orig: (s.orig.0, s.orig.0 + (a - s0)),
                    edited: false,
                });
            }
            if !inserted {
                segs.push(new_seg);
                inserted = true;
            }
            if s1 > b {
                let off = b - s0;
                segs.push(Segment {
                    cur: (a + after.len(), (s1 as isize + delta) as usize),
                    orig: (s.orig.0 + off, s.orig.1),
                    edited: false,
                });
            }
        }
        if !inserted {
            segs.push(new_seg);
        }
        segs.retain(|s| s.edited || s.cur.0 < s.cur.1);
        self.segments = segs;
        self.current.replace_range(a..b, &after);
        self.edits.push(Edit {
            rule,
            raw_start: self.raw_map.to_raw(orig.start),
            raw_end: self.raw_map.to_raw(orig.end),
            orig_start: orig.start,
            orig_end: orig.end,
            before,
            after,
            confidence,
            evidence,
        });
        true
    }

    /// Apply a batch of replacements given in current-text offsets. Overlapping
    /// replacements are resolved first-come (earlier start wins); the rest take effect
    /// as if applied right to left with [`TrackedText::replace`] (so earlier offsets stay
    /// valid), which is also the order of their edits. Returns how many applied.
    pub fn apply(&mut self, mut reps: Vec<Replacement>) -> usize {
        reps.sort_by(|x, y| {
            (x.range.start, x.range.end)
                .cmp(&(y.range.start, y.range.end))
                .then(x.after.cmp(&y.after))
        });
        let mut kept: Vec<Replacement> = Vec::with_capacity(reps.len());
        for r in reps {
            if let Some(last) = kept.last() {
                if r.range.start < last.range.end || r.range.start == last.range.start {
                    continue;
                }
            }
            kept.push(r);
        }
        if kept.len() > 1
            && kept
                .iter()
                .all(|r| !self.splits_edited(r.range.start) && !self.splits_edited(r.range.end))
        {
            // No replacement widens, so none sees another's result: invalid ranges and
            // no-ops are the same before the batch as in the middle of it.
            kept.retain(|r| {
                let (a, b) = (r.range.start, r.range.end);
                self.rules.is_enabled(r.rule)
                    && a <= b
                    && b <= self.current.len()
                    && self.current.is_char_boundary(a)
                    && self.current.is_char_boundary(b)
                    && self.current[a..b] != r.after
            });
            if kept.is_empty() {
                return 0;
            }
            return self.apply_disjoint(kept);
        }
        let mut n = 0;
        for r in kept.into_iter().rev() {
            n += self.replace(r) as usize;
        }
        n
    }

    /// One pass over text and segments for valid, sorted, non-overlapping replacements
    /// none of which splits an edited segment: the result of replacing them one by one
    /// from the right, in time linear in text, segments and replacements (one by one
    /// costs a copy of the text and of the segments per replacement).
    fn apply_disjoint(&mut self, kept: Vec<Replacement>) -> usize {
        let n = kept.len();
        let old = std::mem::take(&mut self.segments);
        let mut segs: Vec<Segment> = Vec::with_capacity(old.len() + 2 * n);
        let mut text = String::with_capacity(self.current.len());
        let mut edits: Vec<Edit> = Vec::with_capacity(n);
        let mut next = 0usize; // next segment of `old`
        let mut pending: Option<Segment> = None; // the uncut rest of a cut segment
        let mut delta: isize = 0; // shift of everything after the replacements so far
        let mut copied = 0usize; // bytes of `current` copied to `text`
        let shifted = |s: Segment, delta: isize| Segment {
            cur: (
                (s.cur.0 as isize + delta) as usize,
                (s.cur.1 as isize + delta) as usize,
            ),
            ..s
        };
        // Mapping reads the segments before the batch, which `self` no longer holds.
        let probe = TrackedText {
            original: String::new(),
            raw_map: RawMap::Shifted { shift: 0 },
            current: String::new(),
            segments: old,
            edits: Vec::new(),
            rules: RuleSet::all(),
        };
        let orig_len = self.original.len();
        let map_start = |a: usize| match probe.segments.get(probe.segment_after(a)) {
            Some(s) if s.cur.0 <= a && a < s.cur.1 => {
                if s.edited {
                    s.orig.0
                } else {
                    s.orig.0 + (a - s.cur.0)
                }
            }
            _ => orig_len,
        };
        for r in kept {
            let (a, b) = (r.range.start, r.range.end);
            let orig = if a == b {
                let p = if a == self.current.len() {
                    orig_len
                } else {
                    map_start(a)
                };
                p..p
            } else {
                let start = map_start(a);
                start..probe.map_end(b).max(start)
            };
            loop {
                let s = match pending.take() {
                    Some(s) => s,
                    None => match probe.segments.get(next) {
                        Some(s) => {
                            next += 1;
                            *s
                        }
                        None => break,
                    },
                };
                let (s0, s1) = s.cur;
                let zero_width = s0 == s1;
                let is_before = if zero_width { s0 <= a } else { s1 <= a };
                let is_after = if zero_width {
                    s0 >= b && s0 > a
                } else {
                    s0 >= b
                };
                if is_before {
                    segs.push(shifted(s, delta));
                    continue;
                }
                if is_after {
                    pending = Some(s);
                    break;
                }
                // Overlaps [a, b): keep the parts outside (only untouched ones are cut).
                if s0 < a {
                    segs.push(shifted(
                        Segment {
                            cur: (s0, a),
                            orig: (s.orig.0, s.orig.0 + (a - s0)),
                            edited: false,
                        },
                        delta,
                    ));
                }
                if s1 > b {
                    pending = Some(Segment {
                        cur: (b, s1),
                        orig: (s.orig.0 + (b - s0), s.orig.1),
                        edited: false,
                    });
                    break;
                }
            }
            let at = (a as isize + delta) as usize;
            segs.push(Segment {
                cur: (at, at + r.after.len()),
                orig: (orig.start, orig.end),
                edited: true,
            });
            text.push_str(&self.current[copied..a]);
            text.push_str(&r.after);
            copied = b;
            delta += r.after.len() as isize - (b - a) as isize;
            edits.push(Edit {
                rule: r.rule,
                raw_start: self.raw_map.to_raw(orig.start),
                raw_end: self.raw_map.to_raw(orig.end),
                orig_start: orig.start,
                orig_end: orig.end,
                before: self.current[a..b].to_string(),
                after: r.after,
                confidence: r.confidence,
                evidence: r.evidence,
            });
        }
        segs.extend(pending.map(|s| shifted(s, delta)));
        segs.extend(probe.segments[next..].iter().map(|&s| shifted(s, delta)));
        text.push_str(&self.current[copied..]);
        segs.retain(|s| s.edited || s.cur.0 < s.cur.1);
        self.segments = segs;
        self.current = text;
        // As if applied right to left.
        self.edits.extend(edits.into_iter().rev());
        n
    }

    /// Lines of the current text with their byte ranges (without the newline).
    pub fn lines(&self) -> Vec<Range<usize>> {
        line_ranges(&self.current)
    }
}

/// Byte ranges of the lines of `s`, newline excluded; a trailing newline adds no line.
pub fn line_ranges(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '\n' {
            out.push(start..i);
            start = i + 1;
        }
    }
    if start < s.len() {
        out.push(start..s.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw_of<'a>(t: &TrackedText, raw: &'a str, r: Range<usize>) -> &'a str {
        &raw[t.raw_span(r)]
    }

    #[test]
    fn untouched_text_maps_identically() {
        let t = TrackedText::from_str("hello world");
        assert_eq!(t.raw_span(6..11), 6..11);
    }

    #[test]
    fn replacement_maps_back_to_the_replaced_raw_span() {
        let raw = "Again spasms hurt. Ice helps.";
        let mut t = TrackedText::from_str(raw);
        assert!(t.replace(Replacement::new(0..5, "Back", "T001")));
        assert_eq!(t.text(), "Back spasms hurt. Ice helps.");
        // A span over the edited word and beyond maps to the raw passage.
        assert_eq!(raw_of(&t, raw, 0..16), "Again spasms hurt");
        // A span after the edit is shifted back correctly.
        let ice = t.text().find("Ice").unwrap();
        assert_eq!(raw_of(&t, raw, ice..ice + 3), "Ice");
        assert_eq!(t.edits()[0].before, "Again");
        assert_eq!(t.edits()[0].raw_start..t.edits()[0].raw_end, 0..5);
    }

    #[test]
    fn deletion_and_insertion_map_back() {
        let raw = "worse1. Then more2 text";
        let mut t = TrackedText::from_str(raw);
        t.apply(vec![
            Replacement::delete(5..6, "T002"),
            Replacement::delete(17..18, "T002"),
        ]);
        assert_eq!(t.text(), "worse. Then more text");
        let then = t.text().find("Then").unwrap();
        assert_eq!(raw_of(&t, raw, then..t.text().len()), "Then more2 text");
        t.replace(Replacement::new(0..0, ">> ", "T003"));
        assert_eq!(t.text(), ">> worse. Then more text");
        assert_eq!(raw_of(&t, raw, 3..8), "worse");
    }

    #[test]
    fn overlapping_edit_widens_to_whole_earlier_edit() {
        let raw = "abc def";
        let mut t = TrackedText::from_str(raw);
        t.replace(Replacement::new(0..3, "xyz", "T001"));
        // Edit inside the earlier edited segment: it is widened to the whole segment.
        t.replace(Replacement::new(1..2, "Y", "T002"));
        assert_eq!(t.text(), "xYz def");
        assert_eq!(t.edits()[1].before, "xyz");
        assert_eq!(raw_of(&t, raw, 1..2), "abc");
    }

    #[test]
    fn legacy_encoding_table_maps_to_raw_bytes() {
        // "Here’s" in cp1252: the apostrophe is one raw byte but three UTF-8 bytes.
        let original = "Here\u{2019}s it".to_string();
        let mut offsets = Vec::new();
        let mut raw_pos = 0u32;
        for (i, c) in original.char_indices() {
            for _ in 0..c.len_utf8() {
                offsets.push(raw_pos);
            }
            let _ = i;
            raw_pos += 1;
        }
        offsets.push(raw_pos);
        let t = TrackedText::new(original, RawMap::Table { offsets });
        let it = t.text().find("it").unwrap();
        assert_eq!(t.raw_span(it..it + 2), 7..9);
    }

    /// The batch applied one replacement at a time from the right (the reference).
    fn apply_one_by_one(t: &mut TrackedText, mut reps: Vec<Replacement>) {
        reps.sort_by(|x, y| {
            (x.range.start, x.range.end)
                .cmp(&(y.range.start, y.range.end))
                .then(x.after.cmp(&y.after))
        });
        let mut kept: Vec<Replacement> = Vec::new();
        for r in reps {
            if let Some(last) = kept.last() {
                if r.range.start < last.range.end || r.range.start == last.range.start {
                    continue;
                }
            }
            kept.push(r);
        }
        for r in kept.into_iter().rev() {
            t.replace(r);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        #[test]
        fn batch_equals_one_by_one(
            text in "[ab\\n é]{0,24}",
            batches in proptest::collection::vec(
                proptest::collection::vec((0usize..30, 0usize..6, "[xy]{0,3}"), 0..6),
                1..4,
            ),
        ) {
            let mut fast = TrackedText::from_str(&text);
            let mut slow = TrackedText::from_str(&text);
            for batch in batches {
                let reps: Vec<Replacement> = batch
                    .into_iter()
                    .map(|(a, len, after)| Replacement::new(a..a + len, after, "T"))
                    .collect();
                let na = fast.apply(reps.clone());
                let before = slow.edits().len();
                apply_one_by_one(&mut slow, reps);
                proptest::prop_assert_eq!(na, slow.edits().len() - before);
                proptest::prop_assert_eq!(fast.text(), slow.text());
                proptest::prop_assert_eq!(&fast.segments, &slow.segments);
                proptest::prop_assert_eq!(fast.edits(), slow.edits());
            }
        }
    }

    #[test]
    fn lines_exclude_newlines() {
        assert_eq!(line_ranges("a\nbc\n"), vec![0..1, 2..4]);
        assert_eq!(line_ranges("a\n\nb"), vec![0..1, 2..2, 3..4]);
    }

    #[test]
    fn a_disabled_rule_edits_nothing() {
        let mut t = TrackedText::from_str("Again spasms");
        let off = crate::rules::RuleSet::from_lists(None, &[], &["C019".to_string()]).unwrap();
        t.set_rules(off);
        assert!(!t.replace(Replacement::delete(0..6, "C019")));
        assert!(t.replace(Replacement::delete(0..6, "C018")));
        assert_eq!(t.text(), "spasms");
        assert_eq!(t.edits().len(), 1);
    }
}
