//! Painting one line of a document's decoded original: its edits (spans, or points for pure
//! insertions) and suggestions, each with its rule code; and the character-level highlight
//! of what a clean line adds to its raw line.

use super::{esc, rule_label, short};
use crate::model::Document;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::ops::Range;

/// Lines longer than this get no character-level highlighting on the clean side.
const INLINE_DIFF_MAX: usize = 20_000;

/// Maps raw file offsets to offsets of the decoded original (char boundaries).
pub(super) struct RawIndex {
    /// (raw offset, original offset) for every char boundary, raw offsets non-decreasing.
    points: Vec<(usize, usize)>,
}

impl RawIndex {
    pub(super) fn new(doc: &Document) -> Self {
        let original = doc.text.original();
        let map = doc.text.raw_map();
        let mut points: Vec<(usize, usize)> = original
            .char_indices()
            .map(|(i, _)| (map.to_raw(i), i))
            .collect();
        points.push((map.to_raw(original.len()), original.len()));
        RawIndex { points }
    }

    /// Original span of a raw span, if the raw span lies in the text.
    pub(super) fn orig_span(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let first = self.points.partition_point(|p| p.0 < start);
        let a = self.points.get(first)?.1;
        let last = self.points.partition_point(|p| p.0 <= end);
        let b = self.points.get(last.checked_sub(1)?)?.1;
        (a < b || (a == b && start == end)).then_some(a..b)
    }
}

/// Something painted onto the raw text: an edit or a suggestion, by index.
#[derive(Clone, Copy)]
pub(super) enum Paint {
    Edit(usize),
    Suggestion(usize),
}

pub(super) struct Painted {
    pub range: Range<usize>,
    pub what: Paint,
}

/// Element id of edit `i` of the page's document.
pub(super) fn edit_key(i: usize) -> String {
    format!("e{i}")
}

/// An empty anchor for the first appearance of `key`.
fn anchor_once(key: &str, first_seen: &mut BTreeSet<String>, out: &mut String) {
    if first_seen.insert(key.to_string()) {
        let _ = write!(out, "<a class=\"anchor\" id=\"{key}\"></a>");
    }
}

fn edit_title(doc: &Document, i: usize, with_evidence: bool) -> String {
    let e = &doc.text.edits()[i];
    format!(
        "{}: {:?} -> {:?}{}",
        rule_label(e.rule),
        short(&e.before, 80),
        short(&e.after, 80),
        if with_evidence && !e.evidence.is_empty() {
            format!(" ({})", short(&e.evidence, 120))
        } else {
            String::new()
        }
    )
}

/// Render one line of the original (`line`), with the paints and points on it, into HTML.
/// Only the line's own characters are text; insertion points are `.pt` marks.
pub(super) fn paint_line(
    doc: &Document,
    line: Range<usize>,
    inside: &[&Painted],
    line_points: &[&(usize, Paint)],
    first_seen: &mut BTreeSet<String>,
) -> String {
    let original = doc.text.original();
    let mut bounds: BTreeSet<usize> = [line.start, line.end].into();
    for p in inside {
        bounds.insert(p.range.start.clamp(line.start, line.end));
        bounds.insert(p.range.end.clamp(line.start, line.end));
    }
    for (p, _) in line_points {
        bounds.insert(*p);
    }
    let bounds: Vec<usize> = bounds.into_iter().collect();
    let mut out = String::new();
    let edits = doc.text.edits();
    for (k, &a) in bounds.iter().enumerate() {
        for (p, what) in line_points {
            if *p != a {
                continue;
            }
            if let Paint::Edit(i) = what {
                let key = edit_key(*i);
                anchor_once(&key, first_seen, &mut out);
                let _ = write!(
                    out,
                    "<span class=\"pt edit\" data-e=\"{key}\" data-rule=\"{}\" title=\"{}\">\u{2038}</span>",
                    esc(edits[*i].rule),
                    esc(&edit_title(doc, *i, false))
                );
            }
        }
        let Some(&b) = bounds.get(k + 1) else { break };
        let Some(text) = original.get(a..b) else {
            continue;
        };
        let covering: Vec<&&Painted> = inside
            .iter()
            .filter(|p| p.range.start <= a && p.range.end >= b)
            .collect();
        if covering.is_empty() {
            out.push_str(&esc(text));
            continue;
        }
        let (mut e_keys, mut rules, mut titles, mut s_keys) = (vec![], vec![], vec![], vec![]);
        for p in &covering {
            match p.what {
                Paint::Edit(i) => {
                    let key = edit_key(i);
                    anchor_once(&key, first_seen, &mut out);
                    e_keys.push(key);
                    rules.push(edits[i].rule.to_string());
                    titles.push(edit_title(doc, i, true));
                }
                Paint::Suggestion(i) => {
                    let s = &doc.suggestions[i];
                    s_keys.push(format!("s{i}"));
                    titles.push(format!(
                        "suggested {}: {:?} -> {:?} ({:.2})",
                        rule_label(s.rule),
                        short(&s.before, 80),
                        short(&s.after, 80),
                        s.confidence
                    ));
                }
            }
        }
        let mut classes = Vec::new();
        if !e_keys.is_empty() {
            classes.push("edit");
        }
        if !s_keys.is_empty() {
            classes.push("sugg");
        }
        rules.sort();
        rules.dedup();
        let _ = write!(out, "<span class=\"{}\"", classes.join(" "));
        if !e_keys.is_empty() {
            let _ = write!(
                out,
                " data-e=\"{}\" data-rule=\"{}\"",
                e_keys.join(" "),
                esc(&rules.join(" "))
            );
        }
        if !s_keys.is_empty() {
            let _ = write!(out, " data-s=\"{}\"", s_keys.join(" "));
        }
        let _ = write!(
            out,
            " title=\"{}\">{}</span>",
            esc(&titles.join("\n")),
            esc(text)
        );
    }
    out
}

/// Character-level highlight of what the clean line adds to the raw line.
pub(super) fn clean_line_html(raw_line: &str, clean_line: &str) -> String {
    if raw_line.len() > INLINE_DIFF_MAX || clean_line.len() > INLINE_DIFF_MAX {
        return format!("<ins>{}</ins>", esc(clean_line));
    }
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_chars(raw_line, clean_line);
    let mut out = String::new();
    let mut pending_ins = String::new();
    let flush = |out: &mut String, p: &mut String| {
        if !p.is_empty() {
            let _ = write!(out, "<ins>{}</ins>", esc(p));
            p.clear();
        }
    };
    for c in diff.iter_all_changes() {
        match c.tag() {
            similar::ChangeTag::Insert => pending_ins.push_str(c.value()),
            similar::ChangeTag::Equal => {
                flush(&mut out, &mut pending_ins);
                out.push_str(&esc(c.value()));
            }
            similar::ChangeTag::Delete => {}
        }
    }
    flush(&mut out, &mut pending_ins);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_index_maps_legacy_bytes() {
        let d = crate::ingest::decode_document("w", "raw/w", b"Here\x92s it".to_vec());
        let ix = RawIndex::new(&d);
        // Raw bytes 4..6 ("\x92s") are original bytes 4..8 ("\u{2019}s").
        assert_eq!(ix.orig_span(4, 6), Some(4..8));
        assert_eq!(ix.orig_span(50, 60), None);
    }

    #[test]
    fn clean_side_marks_only_what_it_adds() {
        assert_eq!(clean_line_html("a  b", "a b"), "a b");
        assert_eq!(clean_line_html("ab", "a<b"), "a<ins>&lt;</ins>b");
    }
}
