//! The line diff of a document (decoded raw text against clean text) read off its
//! alignment instead of searched for: every clean line knows the original lines it came
//! from, so the diff costs one pass over the lines, whatever was dropped or changed. A
//! diff search (Myers) costs lines x differences, which is quadratic on a long page
//! with many dropped lines (a 9 MB article: 67% of its run time).

use crate::text::TrackedText;
use similar::DiffOp;
use std::ops::Range;

/// The byte spans of the lines of `s`, each with its `\n` (the last one may have none):
/// the lines of a unified diff and of `patch`.
pub fn line_spans(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in s.split_inclusive('\n') {
        out.push(start..start + line.len());
        start += line.len();
    }
    out
}

/// A document's line diff: the lines of the original and of the clean file (see
/// [`line_spans`]) and the operations between them, by line index.
pub struct LineDiff {
    pub old: Vec<Range<usize>>,
    pub new: Vec<Range<usize>>,
    pub ops: Vec<DiffOp>,
}

/// Operations turning the original's lines into `clean`'s lines, where `clean` is the
/// tracked text's current text with at most its trailing newlines changed (the clean
/// file). A clean line is equal to the original line it came from when it alone came from
/// that line and its bytes (line ending included) are the same; original lines no clean
/// line came from are deleted; the rest are replaced, each run of them by the clean lines
/// made from it. Adjacent changes are one operation, as a diff search would report them.
pub fn line_diff(text: &TrackedText, clean: &str) -> LineDiff {
    let original = text.original();
    let old = line_spans(original);
    let new = line_spans(clean);
    let current_len = text.text().len();
    // The original lines each clean line came from, as blocks: a run of clean lines
    // sharing original lines is one block [old lines, new lines].
    let mut blocks: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for (k, span) in new.iter().enumerate() {
        // Content without its newline, clamped to the current text (the clean file may
        // end with a newline the current text lacks).
        let mut end = span.end;
        if clean[..end].ends_with('\n') {
            end -= 1;
        }
        let content = span.start.min(current_len)..end.min(current_len);
        let orig = text.orig_span(content);
        let first = line_at(&old, orig.start);
        let last = if orig.end > orig.start {
            line_at(&old, orig.end - 1)
        } else {
            first
        };
        let lines = first..last + 1;
        match blocks.last_mut() {
            // Clean lines never map before an earlier one; a line that shares an original
            // line with the block before joins it.
            Some((o, n)) if lines.start < o.end => {
                o.end = o.end.max(lines.end);
                n.end = k + 1;
            }
            _ => blocks.push((lines, k..k + 1)),
        }
    }
    let mut ops = Ops::default();
    let mut i = 0;
    for (o, n) in blocks {
        // Blocks follow each other (a block starts where none before it reached); only
        // an empty original needs the clamp.
        let o = o.start.min(old.len())..o.end.min(old.len());
        ops.change(i..o.start, n.start..n.start);
        let same = o.len() == 1
            && n.len() == 1
            && original[old[o.start].clone()] == clean[new[n.start].clone()];
        if same {
            ops.equal(o.start, n.start);
        } else {
            ops.change(o.clone(), n);
        }
        i = o.end;
    }
    ops.change(i..old.len(), new.len()..new.len());
    LineDiff {
        old,
        new,
        ops: ops.0,
    }
}

/// The index of the line holding byte `pos` (the last line for the end of the text).
fn line_at(lines: &[Range<usize>], pos: usize) -> usize {
    lines
        .partition_point(|r| r.end <= pos)
        .min(lines.len().saturating_sub(1))
}

/// Diff operations built in order, merging neighbours of one kind.
#[derive(Default)]
struct Ops(Vec<DiffOp>);

impl Ops {
    fn equal(&mut self, old: usize, new: usize) {
        if let Some(DiffOp::Equal {
            old_index,
            new_index,
            len,
        }) = self.0.last_mut()
        {
            if *old_index + *len == old && *new_index + *len == new {
                *len += 1;
                return;
            }
        }
        self.0.push(DiffOp::Equal {
            old_index: old,
            new_index: new,
            len: 1,
        });
    }

    fn change(&mut self, old: Range<usize>, new: Range<usize>) {
        if old.is_empty() && new.is_empty() {
            return;
        }
        let (mut old, mut new) = (old, new);
        if let Some(last) = self.0.last() {
            if !matches!(last, DiffOp::Equal { .. }) {
                old.start = last.old_range().start;
                new.start = last.new_range().start;
                self.0.pop();
            }
        }
        self.0.push(match (old.is_empty(), new.is_empty()) {
            (false, true) => DiffOp::Delete {
                old_index: old.start,
                old_len: old.len(),
                new_index: new.start,
            },
            (true, false) => DiffOp::Insert {
                old_index: old.start,
                new_index: new.start,
                new_len: new.len(),
            },
            _ => DiffOp::Replace {
                old_index: old.start,
                old_len: old.len(),
                new_index: new.start,
                new_len: new.len(),
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Replacement;
    use proptest::prelude::*;

    /// Applies `ops` to the original's lines: the clean lines must come out.
    fn apply(original: &str, clean: &str, diff: &LineDiff) -> String {
        let old: Vec<&str> = diff.old.iter().map(|r| &original[r.clone()]).collect();
        let new: Vec<&str> = diff.new.iter().map(|r| &clean[r.clone()]).collect();
        let ops = &diff.ops;
        let mut out = String::new();
        let mut next_old = 0;
        for op in ops {
            assert_eq!(
                op.old_range().start,
                next_old,
                "ops cover the original in order"
            );
            match *op {
                DiffOp::Equal { old_index, len, .. } => {
                    out.extend(old[old_index..old_index + len].iter().copied())
                }
                _ => out.extend(new[op.new_range()].iter().copied()),
            }
            next_old = op.old_range().end;
        }
        assert_eq!(next_old, old.len(), "ops cover every original line");
        out
    }

    fn tracked(original: &str, edits: &[(Range<usize>, &str)]) -> TrackedText {
        let mut t = TrackedText::from_str(original);
        // Right to left, so every range is one of the original.
        let mut edits = edits.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
        for (r, after) in edits {
            t.replace(Replacement::new(r, after, "C001"));
        }
        t
    }

    #[test]
    fn dropped_repaired_and_kept_lines() {
        let original = "Menu\nTitle\nIce helps1.\nShare\nEnd";
        // Drop "Menu\n", repair the footnote, drop "Share\n".
        let t = tracked(original, &[(0..5, ""), (20..21, ""), (23..29, "")]);
        let clean = format!("{}\n", t.text());
        assert_eq!(clean, "Title\nIce helps.\nEnd\n");
        let diff = line_diff(&t, &clean);
        assert_eq!(apply(original, &clean, &diff), clean);
        assert_eq!(
            diff.ops,
            vec![
                DiffOp::Delete {
                    old_index: 0,
                    old_len: 1,
                    new_index: 0
                },
                DiffOp::Equal {
                    old_index: 1,
                    new_index: 0,
                    len: 1
                },
                DiffOp::Replace {
                    old_index: 2,
                    old_len: 3,
                    new_index: 1,
                    new_len: 2
                },
            ]
        );
    }

    #[test]
    fn a_duplicate_line_is_matched_where_it_came_from() {
        // The first "Share" is dropped, the second kept: the diff says so, where a
        // search could pair either.
        let original = "Share\nText\nShare\n";
        let t = tracked(original, &[(0..6, "")]);
        let clean = t.text().to_string();
        let diff = line_diff(&t, &clean);
        assert_eq!(diff.ops[0].old_range(), 0..1);
        assert!(matches!(diff.ops[1], DiffOp::Equal { len: 2, .. }));
        assert_eq!(apply(original, &clean, &diff), clean);
    }

    #[test]
    fn empty_texts() {
        let t = tracked("", &[]);
        assert!(line_diff(&t, "").ops.is_empty());
        let t = tracked("Only chrome\n", &[(0..12, "")]);
        let diff = line_diff(&t, "");
        assert_eq!(apply("Only chrome\n", "", &diff), "");
    }

    proptest! {
        /// Whatever edits were made, applying the ops gives the clean file.
        #[test]
        fn ops_turn_the_original_into_the_clean_file(
            lines in prop::collection::vec("[a-c ]{0,6}", 0..30),
            cuts in prop::collection::vec((0usize..200, 0usize..8, "[a-c\n]{0,3}"), 0..12),
            final_newline in any::<bool>(),
        ) {
            let mut original = lines.join("\n");
            if final_newline {
                original.push('\n');
            }
            let mut t = TrackedText::from_str(&original);
            for (at, len, after) in cuts {
                let len_now = t.text().len();
                let start = at.min(len_now);
                let end = (start + len).min(len_now);
                t.replace(Replacement::new(start..end, after, "C001"));
            }
            let body = t.text().trim_end_matches('\n');
            let clean = if body.is_empty() { String::new() } else { format!("{body}\n") };
            let diff = line_diff(&t, &clean);
            prop_assert_eq!(apply(&original, &clean, &diff), clean);
        }
    }
}
