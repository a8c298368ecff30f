//! Tracked text: the decoded original, the current text and an alignment between them.
//!
//! Every change to a document's text goes through [`TrackedText::replace`] (or
//! [`TrackedText::apply`] for a batch), which records an [`Edit`] with the rule code,
//! the raw byte span it replaced, the text before and after, and a confidence. The
//! alignment is a list of segments (as in huggingface tokenizers' `NormalizedString`,
//! but coarser): an untouched segment maps byte for byte onto the original, an edited
//! segment maps as a whole onto the original span it replaced. So any span of the
//! current text maps back to raw file bytes, and citations stay exact.

use serde::Serialize;
use std::ops::Range;

/// Maps byte offsets of the decoded original text to byte offsets in the raw file.
#[derive(Debug, Clone)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        }
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

    fn map_start(&self, a: usize) -> usize {
        // First non-empty segment that contains `a`; the end of text maps to the end.
        for s in &self.segments {
            if s.cur.0 <= a && a < s.cur.1 {
                return if s.edited {
                    s.orig.0
                } else {
                    s.orig.0 + (a - s.cur.0)
                };
            }
        }
        self.original.len()
    }

    fn map_end(&self, b: usize) -> usize {
        for s in &self.segments {
            if s.cur.0 < b && b <= s.cur.1 {
                return if s.edited {
                    s.orig.1
                } else {
                    s.orig.0 + (b - s.cur.0)
                };
            }
        }
        0
    }

    /// Replace `range` of the current text with `after`, recording the edit.
    /// Returns false (and changes nothing) for a no-op or an invalid range.
    pub fn replace(&mut self, r: Replacement) -> bool {
        let Replacement {
            range,
            after,
            rule,
            confidence,
            evidence,
        } = r;
        let (mut a, mut b) = (range.start, range.end);
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
        for s in &self.segments {
            if s.edited && s.cur.0 < a && a < s.cur.1 {
                a = s.cur.0;
            }
            if s.edited && s.cur.0 < b && b < s.cur.1 {
                b = s.cur.1;
            }
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
    /// replacements are resolved first-come (earlier start wins); the rest are
    /// applied right to left so earlier offsets stay valid. Returns how many applied.
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
        let mut n = 0;
        for r in kept.into_iter().rev() {
            n += self.replace(r) as usize;
        }
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

    #[test]
    fn lines_exclude_newlines() {
        assert_eq!(line_ranges("a\nbc\n"), vec![0..1, 2..4]);
        assert_eq!(line_ranges("a\n\nb"), vec![0..1, 2..2, 3..4]);
    }
}
