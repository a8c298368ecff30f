//! The page of one document: a pure function of the document, so the runner can write it
//! while the document is in memory. The side-by-side rows pair each clean line with the raw
//! line it comes from through the edit log's alignment ([`line_pairs`]), never by position
//! in a text diff.

use super::paint::{clean_line_html, edit_key, paint_line, Paint, Painted, RawIndex};
use super::{assets, count, esc, rule_badge, short};
use crate::model::{Document, Encoding};
use crate::text::line_ranges;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::ops::Range;

/// Documents with more decoded text than this are shown with their repairs only.
const TEXT_MAX: usize = 4 * 1024 * 1024;

/// At most this many raw lines are marked as joined into one clean line.
const JOIN_SPAN_MAX: usize = 64;

/// One row of the side-by-side view: raw line and clean line indexes (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinePair {
    /// The clean line comes from this raw line.
    Pair { raw: usize, clean: usize },
    /// A raw line with no clean line of its own: dropped, or its text went into clean line
    /// `joined` (a line join), or it reappears later as clean line `moved`.
    Raw {
        raw: usize,
        joined: Option<usize>,
        moved: Option<usize>,
    },
    /// A clean line with no raw line in order: inserted, or moved here from raw line `moved`.
    Clean { clean: usize, moved: Option<usize> },
}

/// The raw line (index into `lines`) holding offset `p`; a line's newline belongs to it.
fn line_at(lines: &[Range<usize>], p: usize) -> usize {
    lines
        .partition_point(|r| r.end < p)
        .min(lines.len().saturating_sub(1))
}

/// Where each clean line comes from in the original, by the alignment: (raw line it starts
/// on, original span), or None for text that has no original (insertions).
fn homes(
    doc: &Document,
    orig_lines: &[Range<usize>],
    clean_lines: &[Range<usize>],
) -> Vec<Option<(usize, Range<usize>)>> {
    let original = doc.text.original();
    let bytes = original.as_bytes();
    let current_len = doc.text.text().len();
    clean_lines
        .iter()
        .map(|cl| {
            if orig_lines.is_empty() {
                return None;
            }
            if cl.is_empty() {
                // A blank clean line comes from a blank raw line through its newline.
                if cl.start >= current_len {
                    return None;
                }
                let o = doc.text.orig_span(cl.start..cl.start + 1);
                if o.len() != 1 || bytes.get(o.start) != Some(&b'\n') {
                    return None;
                }
                let l = line_at(orig_lines, o.start);
                return orig_lines[l].is_empty().then_some((l, o));
            }
            let o = doc.text.orig_span(cl.clone());
            let mut s = o.start;
            while s < o.end && bytes[s] == b'\n' {
                s += 1;
            }
            (s < o.end).then(|| (line_at(orig_lines, s), s..o.end))
        })
        .collect()
}

/// Indexes (into `keys`) of a longest strictly increasing subsequence of the `Some` keys;
/// ties go to the earliest, so the result is deterministic.
fn increasing(keys: &[Option<usize>]) -> Vec<usize> {
    // tails[k]: index of the smallest tail of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; keys.len()];
    for (j, k) in keys.iter().enumerate() {
        let Some(k) = *k else { continue };
        let pos = tails.partition_point(|&t| keys[t].is_some_and(|x| x < k));
        if pos > 0 {
            prev[j] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(j);
        } else if keys[tails[pos]] != Some(k) {
            tails[pos] = j;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(j) = cur {
        out.push(j);
        cur = prev[j];
    }
    out.reverse();
    out
}

/// The rows of the side-by-side view, in reading order: every raw line and every clean
/// line exactly once, each pair a raw line and the clean line its text became according to
/// the edit log. Pairs keep the order of both texts; a clean line whose raw line comes out
/// of order is shown as moved.
pub fn line_pairs(doc: &Document) -> Vec<LinePair> {
    let original = doc.text.original();
    let clean = crate::report::clean_file_text(doc);
    let orig_lines = line_ranges(original);
    let clean_lines = line_ranges(&clean);
    let homes = homes(doc, &orig_lines, &clean_lines);
    let keys: Vec<Option<usize>> = homes.iter().map(|h| h.as_ref().map(|h| h.0)).collect();
    let paired: BTreeSet<usize> = increasing(&keys).into_iter().collect();

    // Raw lines that another clean line took text from, and raw lines that moved.
    let mut joined: Vec<Option<usize>> = vec![None; orig_lines.len()];
    let mut moved: Vec<Option<usize>> = vec![None; orig_lines.len()];
    for (j, h) in homes.iter().enumerate() {
        let Some((l, span)) = h else { continue };
        if !paired.contains(&j) {
            moved[*l].get_or_insert(j);
        }
        let last = line_at(&orig_lines, span.end.saturating_sub(1).max(span.start));
        for (k, r) in orig_lines
            .iter()
            .enumerate()
            .take(last + 1)
            .skip(*l)
            .take(JOIN_SPAN_MAX)
        {
            if r.start < span.end && span.start < r.end {
                joined[k].get_or_insert(j);
            }
        }
    }

    let mut rows = Vec::with_capacity(orig_lines.len() + clean_lines.len());
    let mut next_raw = 0usize;
    let mut is_paired = vec![false; orig_lines.len()];
    for j in &paired {
        if let Some(Some((l, _))) = homes.get(*j) {
            is_paired[*l] = true;
        }
    }
    let raw_only = |i: usize| LinePair::Raw {
        raw: i,
        joined: joined[i],
        moved: moved[i],
    };
    for (j, h) in homes.iter().enumerate() {
        match h {
            Some((l, _)) if paired.contains(&j) => {
                for i in next_raw..*l {
                    rows.push(raw_only(i));
                }
                rows.push(LinePair::Pair { raw: *l, clean: j });
                next_raw = l + 1;
            }
            _ => rows.push(LinePair::Clean {
                clean: j,
                moved: h.as_ref().map(|h| h.0),
            }),
        }
    }
    for i in next_raw..orig_lines.len() {
        rows.push(raw_only(i));
    }
    mark_moves(
        &mut rows,
        |i| &original[orig_lines[i].clone()],
        |j| &clean[clean_lines[j].clone()],
    );
    debug_assert!(rows
        .iter()
        .all(|r| !matches!(r, LinePair::Raw { raw, .. } if is_paired[*raw])));
    rows
}

/// A dropped raw line and an inserted clean line with the same text are one line moved by
/// two edits (a deletion and an insertion): say so on both rows (they stay two rows).
fn mark_moves<'a>(
    rows: &mut [LinePair],
    raw_text: impl Fn(usize) -> &'a str,
    clean_text: impl Fn(usize) -> &'a str,
) {
    let mut dropped: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, r) in rows.iter().enumerate() {
        if let LinePair::Raw {
            raw,
            joined: None,
            moved: None,
        } = r
        {
            let t = raw_text(*raw).trim();
            if !t.is_empty() {
                dropped.entry(t).or_default().push(k);
            }
        }
    }
    for k in 0..rows.len() {
        let LinePair::Clean { clean, moved: None } = rows[k] else {
            continue;
        };
        let Some(list) = dropped.get_mut(clean_text(clean).trim()) else {
            continue;
        };
        if list.is_empty() {
            continue;
        }
        let from = list.remove(0);
        if let LinePair::Raw { raw, moved, .. } = &mut rows[from] {
            *moved = Some(clean);
            rows[k] = LinePair::Clean {
                clean,
                moved: Some(*raw),
            };
        }
    }
}

/// The side-by-side table, and which edits it painted.
fn side_by_side(doc: &Document, out: &mut String) -> BTreeSet<usize> {
    let original = doc.text.original();
    let clean = crate::report::clean_file_text(doc);
    let orig_lines = line_ranges(original);
    let clean_lines = line_ranges(&clean);
    let edits = doc.text.edits();
    let index = RawIndex::new(doc);
    let map = doc.text.raw_map();

    // What to paint: edits with content on a line; the others as points.
    let mut paints: Vec<Painted> = Vec::new();
    let mut points: Vec<(usize, Paint)> = Vec::new();
    let line_of = |p: usize| line_at(&orig_lines, p);
    let mut paint_lines: Vec<Vec<usize>> = vec![Vec::new(); orig_lines.len()];
    let mut point_lines: Vec<Vec<usize>> = vec![Vec::new(); orig_lines.len()];
    let mut add_paint = |range: Range<usize>, what: Paint, paints: &mut Vec<Painted>| -> bool {
        let mut any = false;
        for l in line_of(range.start)..orig_lines.len() {
            let r = &orig_lines[l];
            if r.start >= range.end {
                break;
            }
            if range.start < r.end && range.end > r.start {
                paint_lines[l].push(paints.len());
                any = true;
            }
        }
        paints.push(Painted { range, what });
        any
    };
    let mut add_point = |p: usize, what: Paint, points: &mut Vec<(usize, Paint)>| {
        let l = line_of(p);
        if let Some(r) = orig_lines.get(l) {
            point_lines[l].push(points.len());
            points.push((p.clamp(r.start, r.end), what));
        }
    };
    for (i, e) in edits.iter().enumerate() {
        // A pure insertion covers no raw text: it is shown as a point where it goes.
        if e.orig_start == e.orig_end
            || !add_paint(e.orig_start..e.orig_end, Paint::Edit(i), &mut paints)
        {
            add_point(e.orig_start, Paint::Edit(i), &mut points);
        }
    }
    for (i, s) in doc.suggestions.iter().enumerate() {
        if let Some(r) = index.orig_span(s.raw_start, s.raw_end) {
            add_paint(r, Paint::Suggestion(i), &mut paints);
        }
    }
    let mut painted = BTreeSet::new();
    for l in 0..orig_lines.len() {
        for w in paint_lines[l]
            .iter()
            .map(|&k| paints[k].what)
            .chain(point_lines[l].iter().map(|&k| points[k].1))
        {
            if let Paint::Edit(i) = w {
                painted.insert(i);
            }
        }
    }

    let mut first_seen = BTreeSet::new();
    let mut raw_cell = |l: usize| -> String {
        let r = orig_lines[l].clone();
        let inside: Vec<&Painted> = paint_lines[l].iter().map(|&k| &paints[k]).collect();
        let pts: Vec<&(usize, Paint)> = point_lines[l].iter().map(|&k| &points[k]).collect();
        let html = paint_line(doc, r.clone(), &inside, &pts, &mut first_seen);
        format!("data-r=\"{}\">{html}", map.to_raw(r.start))
    };
    let rules_of = |l: usize| -> String {
        let mut codes: Vec<&str> = paint_lines[l]
            .iter()
            .map(|&k| paints[k].what)
            .chain(point_lines[l].iter().map(|&k| points[k].1))
            .filter_map(|w| match w {
                Paint::Edit(i) => Some(edits[i].rule),
                _ => None,
            })
            .collect();
        codes.sort();
        codes.dedup();
        codes
            .iter()
            .map(|c| rule_badge(c))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let untouched = |l: usize| paint_lines[l].is_empty() && point_lines[l].is_empty();
    // How many raw bytes a character takes, for the page's script (citations by raw bytes).
    let enc = match doc.encoding {
        Some(Encoding::Windows1252) => "windows-1252",
        Some(Encoding::Utf16Le) => "utf-16le",
        Some(Encoding::Utf16Be) => "utf-16be",
        _ => "utf-8",
    };
    let _ = writeln!(
        out,
        "<table class=\"sbs\" data-enc=\"{}\"><thead><tr><th class=\"ln\">line, rules</th><th>raw (decoded)</th><th>clean</th></tr></thead><tbody>",
        enc
    );
    let raw_text = |l: usize| &original[orig_lines[l].clone()];
    let clean_text = |j: usize| &clean[clean_lines[j].clone()];
    for row in line_pairs(doc) {
        match row {
            LinePair::Pair { raw, clean }
                if untouched(raw) && raw_text(raw) == clean_text(clean) =>
            {
                let _ = writeln!(
                    out,
                    "<tr class=\"same\" data-raw=\"{raw}\" data-clean=\"{clean}\"><td class=\"ln\">{}</td><td class=\"both raw\" colspan=\"2\" {}</td></tr>",
                    raw + 1,
                    raw_cell(raw)
                );
            }
            LinePair::Pair { raw, clean } => {
                let _ = writeln!(
                    out,
                    "<tr class=\"chg\" data-raw=\"{raw}\" data-clean=\"{clean}\"><td class=\"ln\">{} {}</td><td class=\"raw\" {}</td><td class=\"clean\">{}</td></tr>",
                    raw + 1,
                    rules_of(raw),
                    raw_cell(raw),
                    clean_line_html(raw_text(raw), clean_text(clean))
                );
            }
            LinePair::Raw { raw, joined, moved } => {
                let (class, note) = match (moved, joined) {
                    (Some(j), _) => ("chg moved", format!("moved to clean line {}", j + 1)),
                    (None, Some(j)) => ("chg joined", format!("joined into clean line {}", j + 1)),
                    (None, None) => ("chg dropped", String::new()),
                };
                let _ = writeln!(
                    out,
                    "<tr class=\"{class}\" data-raw=\"{raw}\"><td class=\"ln\">{} {}</td><td class=\"raw\" {}</td><td class=\"clean\"><span class=\"note\">{note}</span></td></tr>",
                    raw + 1,
                    rules_of(raw),
                    raw_cell(raw),
                );
            }
            LinePair::Clean { clean, moved } => {
                let (class, note) = match moved {
                    Some(l) => ("chg moved", format!("moved from raw line {}", l + 1)),
                    None => ("chg added", String::new()),
                };
                let _ = writeln!(
                    out,
                    "<tr class=\"{class}\" data-clean=\"{clean}\"><td class=\"ln\"></td><td class=\"raw\"><span class=\"note\">{note}</span></td><td class=\"clean\"><ins>{}</ins></td></tr>",
                    esc(clean_text(clean))
                );
            }
        }
    }
    let _ = writeln!(out, "</tbody></table>");
    painted
}

fn repairs_table(doc: &Document, painted: &BTreeSet<usize>, out: &mut String) {
    let edits = doc.text.edits();
    if edits.is_empty() && doc.suggestions.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">No edits and no suggestions.</p>");
        return;
    }
    let _ = writeln!(
        out,
        "<h2 id=\"repairs\">Repairs and suggestions</h2><table class=\"repairs\"><thead><tr><th>status</th><th>rule</th><th>raw bytes</th><th>before</th><th>after</th><th>confidence</th><th>evidence</th></tr></thead><tbody>"
    );
    for r in crate::report::document_repair_rows(doc) {
        let (status, rs, re, conf) = (r.status, r.raw_start, r.raw_end, r.confidence);
        let span = match r.edit {
            Some(i) if painted.contains(&i) => {
                format!("<a href=\"#{}\">{rs}..{re}</a>", edit_key(i))
            }
            _ => format!("<a href=\"#raw={rs}-{re}\">{rs}..{re}</a>"),
        };
        let _ = writeln!(
            out,
            "<tr class=\"{status}\"><td>{status}</td><td>{}</td><td>{span}</td><td><code>{}</code></td><td><code>{}</code></td><td>{conf:.2}</td><td>{}</td></tr>",
            rule_badge(r.rule),
            esc(&short(&r.before, 200)),
            esc(&short(&r.after, 200)),
            esc(&short(&r.evidence, 300)),
        );
    }
    let _ = writeln!(out, "</tbody></table>");
}

/// The page of one document (`reports/` + [`super::document_page_path`]).
pub fn document_page(doc: &Document) -> String {
    let root = "../";
    let mut body = String::new();
    let title = format!(
        "{}{}",
        doc.doc_id,
        doc.title().map(|t| format!(": {t}")).unwrap_or_default()
    );
    if !doc.is_ok() {
        let _ = writeln!(
            body,
            "<article class=\"doc skipped\" data-doc-id=\"{}\"><p>Skipped: {}</p><p class=\"meta\">{}</p></article>",
            esc(&doc.doc_id),
            esc(doc.reason.as_deref().unwrap_or("")),
            esc(&doc.source),
        );
        let counts = count("count-edits", 0, "", "edits");
        return super::page(&title, root, &counts, &body, "");
    }
    let ledger = crate::report::ledger(doc);
    let mut meta = format!(
        "{} &middot; {} raw lines: {} kept, {} repaired, {} dropped &middot; <a href=\"{root}diffs/{}.diff\">unified diff</a>",
        esc(&doc.source),
        ledger.raw_lines,
        ledger.kept,
        ledger.repaired,
        ledger.dropped,
        esc(&doc.doc_id),
    );
    if let Some(e) = doc.encoding {
        let e = serde_json::to_string(&e).unwrap_or_default();
        let _ = write!(meta, " &middot; {}", esc(&e.replace('"', "")));
    }
    if let Some(r) = &doc.reason {
        let _ = write!(meta, " &middot; {}", esc(r));
    }
    if doc.spin.spun {
        let _ = write!(
            meta,
            " &middot; <b>spun</b> ({:.2}) {}",
            doc.spin.score,
            esc(&doc.spin.evidence)
        );
    }
    if let Some(o) = &doc.near_duplicate_of {
        let _ = write!(
            meta,
            " &middot; near-duplicate of <a href=\"{root}{}\">{}</a>",
            super::document_page_path(o),
            esc(o)
        );
    }
    let mut table = String::new();
    let shown = doc.text.original().len() <= TEXT_MAX;
    let painted = if shown {
        side_by_side(doc, &mut table)
    } else {
        let _ = writeln!(
            table,
            "<p class=\"none\">Text not shown: too large for one page. See the unified diff.</p>"
        );
        BTreeSet::new()
    };
    let _ = writeln!(
        body,
        "<article class=\"doc\" data-doc-id=\"{}\"><p class=\"meta\">{meta}</p>\
<label><input type=\"checkbox\" id=\"only-changed\"> only changed lines</label> \
<a href=\"#repairs\">repairs and suggestions</a>\n{table}",
        esc(&doc.doc_id),
    );
    repairs_table(doc, &painted, &mut body);
    let _ = writeln!(body, "</article>");
    let clean_lines = line_ranges(&crate::report::clean_file_text(doc)).len();
    let raw_lines = line_ranges(doc.text.original()).len();
    let (raw_sel, clean_sel) = if shown {
        ("table.sbs tr[data-raw]", "table.sbs tr[data-clean]")
    } else {
        ("", "")
    };
    let counts = [
        count("count-edits", doc.text.edits().len(), "", "edits"),
        format!(
            "(<span id=\"count-painted-edits\" data-count=\"{}\" data-sel=\"[data-e]\" data-distinct=\"data-e\">{}</span> painted)",
            painted.len(),
            painted.len()
        ),
        count(
            "count-suggestions",
            doc.suggestions.len(),
            "",
            "suggestions",
        ),
        count(
            "count-repair-rows",
            doc.text.edits().len() + doc.suggestions.len(),
            "table.repairs tbody tr",
            "repair rows",
        ),
        count("count-raw-lines", raw_lines, raw_sel, "raw lines"),
        count("count-clean-lines", clean_lines, clean_sel, "clean lines"),
    ]
    .join(" &middot; ");
    super::page(&title, root, &counts, &body, assets::JS_DOC)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Replacement;

    fn pairs_of(d: &Document) -> Vec<(Option<usize>, Option<usize>)> {
        line_pairs(d)
            .into_iter()
            .map(|p| match p {
                LinePair::Pair { raw, clean } => (Some(raw), Some(clean)),
                LinePair::Raw { raw, .. } => (Some(raw), None),
                LinePair::Clean { clean, .. } => (None, Some(clean)),
            })
            .collect()
    }

    #[test]
    fn a_dropped_blank_line_does_not_shift_the_pairs() {
        let mut d = Document::from_text(
            "a",
            "Cold packs\n\nheat for 15-20 min\ncold for 10-15 min\n",
        );
        // Drop the blank line (its newline), then edit the line after it.
        assert!(d.text.replace(Replacement::delete(10..11, "C001")));
        assert!(d.text.replace(Replacement::new(11..15, "Heat", "X1")));
        assert_eq!(
            pairs_of(&d),
            vec![
                (Some(0), Some(0)),
                (Some(1), None),
                (Some(2), Some(1)),
                (Some(3), Some(2))
            ]
        );
    }

    #[test]
    fn insertions_and_drops_are_rows_of_their_own() {
        let mut d = Document::from_text("a", "one\ntwo\nthree\n");
        // "three" is dropped at the end, "new" inserted at the start.
        assert!(d.text.replace(Replacement::delete(8..14, "M1")));
        assert!(d.text.replace(Replacement::new(0..0, "new\n", "M2")));
        let p = pairs_of(&d);
        assert_eq!(
            p,
            vec![
                (None, Some(0)),
                (Some(0), Some(1)),
                (Some(1), Some(2)),
                (Some(2), None)
            ]
        );
        let page = document_page(&d);
        assert!(page.contains("data-painted") || page.contains("count-painted-edits"));
        assert!(page.contains("class=\"chg added\""));
        assert!(page.contains("class=\"chg dropped\""));
    }

    #[test]
    fn a_line_whose_text_comes_back_out_of_order_is_moved() {
        let mut d = Document::from_text("a", "A\nB\nC\n");
        // Swap "A" and "C" as one edit of the whole text: every clean line maps to raw line 0.
        assert!(d.text.replace(Replacement::new(0..5, "C\nB\nA", "M")));
        let p = line_pairs(&d);
        assert!(matches!(p[0], LinePair::Pair { raw: 0, clean: 0 }));
        assert!(p
            .iter()
            .any(|r| matches!(r, LinePair::Clean { moved: Some(0), .. })));
    }

    #[test]
    fn a_line_deleted_and_inserted_elsewhere_is_shown_as_moved() {
        let mut d = Document::from_text("a", "one\ntwo\nthree\n");
        assert!(d.text.replace(Replacement::delete(8..14, "M1")));
        assert!(d.text.replace(Replacement::new(0..0, "three\n", "M2")));
        let p = line_pairs(&d);
        assert_eq!(
            p[0],
            LinePair::Clean {
                clean: 0,
                moved: Some(2)
            }
        );
        assert_eq!(
            p[3],
            LinePair::Raw {
                raw: 2,
                joined: None,
                moved: Some(0)
            }
        );
    }

    #[test]
    fn insertions_are_painted_as_points() {
        let mut d = Document::from_text("a", "Alpha beta\n");
        d.text.replace(Replacement::new(5..5, " |", "S004"));
        let page = document_page(&d);
        assert!(page.contains("data-e=\"e0\""), "insertion not drawn");
        assert!(page.contains("id=\"count-painted-edits\" data-count=\"1\""));
    }

    #[test]
    fn text_is_escaped_and_the_page_is_deterministic() {
        let d = crate::ingest::decode_document(
            "a",
            "raw/a.txt",
            b"Title <b>here</b>\r\nIt\x92s fine & \"good\".\r\n".to_vec(),
        );
        let d = crate::pipeline::process_documents(vec![d], &crate::pipeline::Quiet)
            .docs
            .remove(0);
        let page = document_page(&d);
        assert!(!page.contains("<b>here</b>"));
        assert!(page.contains("&lt;b&gt;here&lt;/b&gt;"));
        assert!(page.contains("data-enc=\"windows-1252\""));
        assert_eq!(page, document_page(&d));
    }
}
