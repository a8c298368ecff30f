//! `reports/index.html`: one self-contained review page (inline CSS and JS, no network).
//! Per document the raw and the clean text side by side, every edit highlighted on the raw
//! side with its rule code, the repairs and suggestions with their evidence, the facts with
//! their citations (a click jumps to the passage in the raw text and highlights it), and the
//! conflicts with their sides next to each other.
//!
//! All text is escaped. The page checks itself when it loads: it counts what it rendered
//! against the counts written into it (`#count-*` elements, `data-count`), checks that every
//! in-page link has a target, catches script errors, and writes the verdict into
//! `#selfcheck[data-status]`, which a headless browser test reads.

use crate::model::{Conflict, Document, Fact};
use crate::pipeline::Corpus;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::ops::Range;

/// Past this many bytes of raw text, documents are listed with their repairs but without
/// the side-by-side text, so the page stays loadable for large corpora.
const TEXT_BUDGET: usize = 8 * 1024 * 1024;

/// Lines longer than this get no character-level highlighting on the clean side.
const INLINE_DIFF_MAX: usize = 20_000;

/// Escape text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in HTML.
            // Control characters other than tab and newline are not allowed in HTML: show
            // C0 controls as their Unicode control pictures ("\r" as U+240D), others as U+FFFD.
            c if c.is_control() && c != '\t' && c != '\n' => {
                let shown = match c as u32 {
                    u @ 0..0x20 => 0x2400 + u,
                    0x7F => 0x2421,
                    _ => 0xFFFD,
                };
                let _ = write!(out, "&#x{shown:x};");
            }
            c => out.push(c),
        }
    }
    out
}

/// An element id from any string: safe characters kept, a hash added when anything was
/// replaced so two different strings never share an id.
pub fn html_id(prefix: &str, s: &str) -> String {
    let safe: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe == s && !s.is_empty() {
        format!("{prefix}{safe}")
    } else {
        let h = blake3::hash(s.as_bytes()).to_hex();
        format!("{prefix}{safe}-{}", &h.as_str()[..8])
    }
}

/// Maps raw file offsets to offsets of the decoded original (char boundaries).
struct RawIndex {
    /// (raw offset, original offset) for every char boundary, raw offsets non-decreasing.
    points: Vec<(usize, usize)>,
}

impl RawIndex {
    fn new(doc: &Document) -> Self {
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
    fn orig_span(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let first = self.points.partition_point(|p| p.0 < start);
        let a = self.points.get(first)?.1;
        let last = self.points.partition_point(|p| p.0 <= end);
        let b = self.points.get(last.checked_sub(1)?)?.1;
        (a < b || (a == b && start == end)).then_some(a..b)
    }
}

/// Something painted onto the raw text.
#[derive(Clone)]
enum Paint {
    Edit(usize),
    Suggestion(usize),
    Citation(usize),
}

struct Painted {
    range: Range<usize>,
    what: Paint,
}

/// Everything the page needs to know about one document's citations.
struct DocCitations {
    /// (global citation number, original span)
    placed: Vec<(usize, Range<usize>)>,
}

fn rule_label(code: &str) -> String {
    match crate::rules::get(code) {
        Some(r) => format!("{code} {}", r.name),
        None => code.to_string(),
    }
}

fn short(s: &str, max: usize) -> String {
    crate::dataset_diff::short(s, max)
}

/// An empty anchor for the first appearance of `key` (an edit or a citation).
fn anchor_once(key: String, first_seen: &mut BTreeSet<String>, out: &mut String) {
    if first_seen.insert(key.clone()) {
        let _ = write!(out, "<a class=\"anchor\" id=\"{key}\"></a>");
    }
}

/// Render one line of the original (`line`), with the paints and points on it, into HTML.
#[allow(clippy::too_many_arguments)]
fn paint_line(
    original: &str,
    line: Range<usize>,
    inside: &[&Painted],
    line_points: &[&(usize, Paint)],
    doc: &Document,
    doc_idx: usize,
    first_seen: &mut BTreeSet<String>,
) -> String {
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
        // Anchors and insertion points at `a`.
        for (p, what) in line_points {
            if *p != a {
                continue;
            }
            match what {
                Paint::Edit(i) => {
                    let e = &edits[*i];
                    let key = format!("d{doc_idx}e{i}");
                    anchor_once(key.clone(), first_seen, &mut out);
                    let _ = write!(
                        out,
                        "<span class=\"pt edit\" data-e=\"{key}\" data-rule=\"{}\" title=\"{}\">\u{2038}</span>",
                        esc(e.rule),
                        esc(&format!(
                            "{}: {:?} -> {:?}",
                            rule_label(e.rule),
                            short(&e.before, 80),
                            short(&e.after, 80)
                        ))
                    );
                }
                Paint::Citation(n) => anchor_once(format!("cite-{n}"), first_seen, &mut out),
                Paint::Suggestion(_) => {}
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
        let mut classes = Vec::new();
        let (mut e_keys, mut rules, mut c_keys, mut titles, mut s_keys) =
            (vec![], vec![], vec![], vec![], vec![]);
        for p in &covering {
            match p.what {
                Paint::Edit(i) => {
                    let e = &edits[i];
                    let key = format!("d{doc_idx}e{i}");
                    anchor_once(key.clone(), first_seen, &mut out);
                    e_keys.push(key);
                    rules.push(e.rule.to_string());
                    titles.push(format!(
                        "{}: {:?} -> {:?}{}",
                        rule_label(e.rule),
                        short(&e.before, 80),
                        short(&e.after, 80),
                        if e.evidence.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", short(&e.evidence, 120))
                        }
                    ));
                }
                Paint::Suggestion(i) => {
                    let s = &doc.suggestions[i];
                    s_keys.push(format!("d{doc_idx}s{i}"));
                    titles.push(format!(
                        "suggested {}: {:?} -> {:?} ({:.2})",
                        rule_label(s.rule),
                        short(&s.before, 80),
                        short(&s.after, 80),
                        s.confidence
                    ));
                }
                Paint::Citation(n) => c_keys.push(n.to_string()),
            }
        }
        if !e_keys.is_empty() {
            classes.push("edit");
        }
        if !s_keys.is_empty() {
            classes.push("sugg");
        }
        if !c_keys.is_empty() {
            classes.push("cite");
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
        if !c_keys.is_empty() {
            let _ = write!(out, " data-c=\"{}\"", c_keys.join(" "));
        }
        if !titles.is_empty() {
            let _ = write!(out, " title=\"{}\"", esc(&titles.join("\n")));
        }
        let _ = write!(out, ">{}</span>", esc(text));
    }
    out
}

/// Character-level highlight of what the clean line adds to the raw line.
fn clean_line_html(raw_line: &str, clean_line: &str) -> String {
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

/// The side-by-side table of one document, and how many distinct edits it painted.
fn side_by_side(
    doc: &Document,
    doc_idx: usize,
    cites: &DocCitations,
    out: &mut String,
) -> BTreeSet<usize> {
    let original = doc.text.original();
    let clean = crate::report::clean_file_text(doc);
    let orig_lines = crate::text::line_ranges(original);
    let clean_lines = crate::text::line_ranges(&clean);
    let edits = doc.text.edits();
    let index = RawIndex::new(doc);

    // What to paint: edits with content on a line; the others as points.
    let mut paints = Vec::new();
    let mut points: Vec<(usize, Paint)> = Vec::new();
    // The line holding offset `p` (its newline counts as part of it).
    let line_of = |p: usize| -> usize {
        orig_lines
            .partition_point(|r| r.end < p)
            .min(orig_lines.len().saturating_sub(1))
    };
    // Lines whose content overlaps `r`.
    let lines_over = |r: &Range<usize>| -> Vec<usize> {
        (line_of(r.start)..orig_lines.len())
            .take_while(|&l| orig_lines[l].start < r.end)
            .filter(|&l| r.start < orig_lines[l].end && r.end > orig_lines[l].start)
            .collect()
    };
    let point_at = |p: usize| -> (usize, usize) {
        let l = line_of(p);
        let at = orig_lines.get(l).map_or(0, |r| p.clamp(r.start, r.end));
        (l, at)
    };
    let mut paint_lines: Vec<Vec<usize>> = vec![Vec::new(); orig_lines.len()];
    let mut point_lines: Vec<Vec<usize>> = vec![Vec::new(); orig_lines.len()];
    let mut add_paint = |range: Range<usize>, what: Paint, paints: &mut Vec<Painted>| -> bool {
        let ls = lines_over(&range);
        for &l in &ls {
            paint_lines[l].push(paints.len());
        }
        paints.push(Painted { range, what });
        !ls.is_empty()
    };
    let mut add_point = |p: usize, what: Paint, points: &mut Vec<(usize, Paint)>| {
        let (l, at) = point_at(p);
        if let Some(b) = point_lines.get_mut(l) {
            b.push(points.len());
        }
        points.push((at, what));
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
    for (n, r) in &cites.placed {
        add_paint(r.clone(), Paint::Citation(*n), &mut paints);
        add_point(r.start, Paint::Citation(*n), &mut points);
    }
    let mut painted_edits = BTreeSet::new();
    for l in 0..orig_lines.len() {
        for &k in paint_lines[l].iter() {
            if let Paint::Edit(i) = paints[k].what {
                painted_edits.insert(i);
            }
        }
        for &k in point_lines[l].iter() {
            if let Paint::Edit(i) = points[k].1 {
                painted_edits.insert(i);
            }
        }
    }

    let mut first_seen = BTreeSet::new();
    let raw_html = |l: usize, first_seen: &mut BTreeSet<String>| -> String {
        let Some(r) = orig_lines.get(l) else {
            return String::new();
        };
        let inside: Vec<&Painted> = paint_lines[l].iter().map(|&k| &paints[k]).collect();
        let pts: Vec<&(usize, Paint)> = point_lines[l].iter().map(|&k| &points[k]).collect();
        paint_line(original, r.clone(), &inside, &pts, doc, doc_idx, first_seen)
    };
    let rules_of = |l: usize| -> String {
        let mut codes: Vec<&str> = paint_lines[l]
            .iter()
            .map(|&k| &paints[k].what)
            .chain(point_lines[l].iter().map(|&k| &points[k].1))
            .filter_map(|w| match w {
                Paint::Edit(i) => Some(edits[*i].rule),
                _ => None,
            })
            .collect();
        codes.sort();
        codes.dedup();
        codes
            .iter()
            .map(|c| {
                format!(
                    "<span class=\"rule\" title=\"{}\">{}</span>",
                    esc(&rule_label(c)),
                    esc(c)
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    };

    let orig_texts: Vec<&str> = orig_lines.iter().map(|r| &original[r.clone()]).collect();
    let clean_texts: Vec<&str> = clean_lines.iter().map(|r| &clean[r.clone()]).collect();
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_slices(&orig_texts, &clean_texts);
    let _ = writeln!(
        out,
        "<table class=\"sbs\"><thead><tr><th class=\"ln\">rules</th><th>raw (decoded)</th><th>clean</th></tr></thead><tbody>"
    );
    for op in diff.ops() {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            for l in old {
                let _ = writeln!(
                    out,
                    "<tr class=\"same\"><td class=\"ln\">{}</td><td class=\"both\" colspan=\"2\">{}</td></tr>",
                    l + 1,
                    raw_html(l, &mut first_seen)
                );
            }
            continue;
        }
        let n = old.len().max(new.len());
        for k in 0..n {
            let ol = old.start + k;
            let nl = new.start + k;
            let has_old = k < old.len();
            let has_new = k < new.len();
            let raw_cell = if has_old {
                raw_html(ol, &mut first_seen)
            } else {
                String::new()
            };
            let clean_cell = match (has_old, has_new) {
                (true, true) => clean_line_html(orig_texts[ol], clean_texts[nl]),
                (false, true) => format!("<ins>{}</ins>", esc(clean_texts[nl])),
                _ => String::new(),
            };
            let class = match (has_old, has_new) {
                (true, true) => "chg",
                (true, false) => "chg dropped",
                _ => "chg added",
            };
            let rules = if has_old { rules_of(ol) } else { String::new() };
            let _ = writeln!(
                out,
                "<tr class=\"{class}\"><td class=\"ln\">{}{rules}</td><td class=\"raw\">{raw_cell}</td><td class=\"clean\">{clean_cell}</td></tr>",
                if has_old { format!("{} ", ol + 1) } else { String::new() },
            );
        }
    }
    let _ = writeln!(out, "</tbody></table>");
    painted_edits
}

fn repairs_table(doc: &Document, doc_idx: usize, painted: &BTreeSet<usize>, out: &mut String) {
    let edits = doc.text.edits();
    if edits.is_empty() && doc.suggestions.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">No edits and no suggestions.</p>");
        return;
    }
    let _ = writeln!(
        out,
        "<details class=\"repairs\"><summary>{} edits, {} suggestions</summary><table class=\"repairs\"><thead><tr><th>status</th><th>rule</th><th>raw bytes</th><th>before</th><th>after</th><th>confidence</th><th>evidence</th></tr></thead><tbody>",
        edits.len(),
        doc.suggestions.len()
    );
    for r in crate::report::document_repair_rows(doc) {
        let (status, rule, rs, re, conf) = (r.status, r.rule, r.raw_start, r.raw_end, r.confidence);
        let (before, after, ev) = (&r.before, &r.after, &r.evidence);
        let span = match r.edit {
            Some(i) if painted.contains(&i) => {
                format!("<a href=\"#d{doc_idx}e{i}\">{rs}..{re}</a>")
            }
            _ => format!("{rs}..{re}"),
        };
        let _ = writeln!(
            out,
            "<tr class=\"{status}\"><td>{status}</td><td><span class=\"rule\" title=\"{}\">{}</span></td><td>{span}</td><td><code>{}</code></td><td><code>{}</code></td><td>{conf:.2}</td><td>{}</td></tr>",
            esc(&rule_label(rule)),
            esc(rule),
            esc(&short(before, 200)),
            esc(&short(after, 200)),
            esc(&short(ev, 300)),
        );
    }
    let _ = writeln!(out, "</tbody></table></details>");
}

/// Fields of a serialised record that the page does not show otherwise.
fn extra_fields<T: serde::Serialize>(record: &T, shown: &[&str]) -> String {
    let Ok(serde_json::Value::Object(m)) = serde_json::to_value(record) else {
        return String::new();
    };
    let mut out = String::new();
    for (k, v) in m {
        if shown.contains(&k.as_str()) {
            continue;
        }
        let text = match &v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => continue,
            serde_json::Value::Array(a) if a.is_empty() => continue,
            other => other.to_string(),
        };
        let _ = write!(
            out,
            " <span class=\"kv\"><b>{}</b> {}</span>",
            esc(&k),
            esc(&short(&text, 200))
        );
    }
    out
}

fn fact_html(f: &Fact, cite_base: usize, placed: &BTreeSet<usize>, out: &mut String) {
    let _ = writeln!(
        out,
        "<article class=\"fact\" id=\"{}\" data-id=\"{}\"><p class=\"statement\">{}</p><p class=\"meta\">{}</p><ol class=\"citations\">",
        html_id("fact-", &f.id),
        esc(&f.id),
        esc(&f.statement),
        extra_fields(f, &["statement", "citations"]),
    );
    for (k, c) in f.citations.iter().enumerate() {
        let n = cite_base + k;
        let target = if placed.contains(&n) {
            format!(
                "<a class=\"cite-link\" href=\"#cite-{n}\" data-cite=\"{n}\">{} {}..{}</a>",
                esc(&c.doc_id),
                c.start,
                c.end
            )
        } else {
            format!(
                "<span class=\"cite-missing\" title=\"the passage is not in the raw text shown here\">{} {}..{} (not found)</span>",
                esc(&c.doc_id),
                c.start,
                c.end
            )
        };
        let clean = if c.quote_clean != c.quote {
            format!(
                "<br><span class=\"qc\">clean: {}</span>",
                esc(&c.quote_clean)
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<li class=\"citation\">{target} <q>{}</q>{clean}</li>",
            esc(&c.quote)
        );
    }
    let _ = writeln!(out, "</ol></article>");
}

fn conflict_html(c: &Conflict, facts: &BTreeMap<&str, &Fact>, out: &mut String) {
    let _ = writeln!(
        out,
        "<article class=\"conflict{}\" id=\"{}\" data-id=\"{}\"><h3>{}: {}</h3><p class=\"meta\">{}</p><div class=\"sides\">",
        if c.needs_review { " review" } else { "" },
        html_id("conflict-", &c.id),
        esc(&c.id),
        esc(&c.kind),
        esc(&c.subject),
        extra_fields(c, &["kind", "subject", "sides"]),
    );
    for s in &c.sides {
        let _ = write!(out, "<div class=\"side\"><h4>{}</h4><ul>", esc(&s.value));
        for id in &s.fact_ids {
            match facts.get(id.as_str()) {
                Some(f) => {
                    let docs: BTreeSet<&str> =
                        f.citations.iter().map(|c| c.doc_id.as_str()).collect();
                    let _ = write!(
                        out,
                        "<li><a href=\"#{}\">{}</a> <span class=\"src\">{}</span></li>",
                        html_id("fact-", id),
                        esc(&f.statement),
                        esc(&docs.into_iter().collect::<Vec<_>>().join(", "))
                    );
                }
                None => {
                    let _ = write!(out, "<li class=\"missing\">{} (unknown fact)</li>", esc(id));
                }
            }
        }
        let _ = writeln!(out, "</ul></div>");
    }
    let _ = writeln!(out, "</div></article>");
}

const CSS: &str = r#"
:root{--bg:#fff;--fg:#1d1d1f;--mute:#666;--line:#ddd;--del:#ffd7d5;--ins:#cff5d2;--cite:#1a5fb4;--hl:#fff3a3}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--fg);background:var(--bg)}
header{position:sticky;top:0;background:#f6f6f8;border-bottom:1px solid var(--line);padding:.5em 1em;z-index:2}
header h1{font-size:1.2em;margin:0 0 .2em}
main{padding:0 1em 4em}
.counts span[id]{font-weight:600}
#selfcheck{display:inline-block;font-size:.85em;padding:0 .4em;border-radius:3px;background:#eee}
#selfcheck[data-status=ok]{background:var(--ins)}
#selfcheck[data-status=fail]{background:var(--del)}
#js-errors{white-space:pre-wrap;color:#a00}
nav{font-size:.9em;max-height:6em;overflow:auto}
nav a{margin-right:.8em}
h2{border-bottom:2px solid var(--line);margin-top:1.5em}
article{border:1px solid var(--line);border-radius:4px;padding:.5em .8em;margin:.8em 0}
.meta,.src,.none{color:var(--mute);font-size:.9em}
.kv{margin-right:.8em}
table.sbs{width:100%;border-collapse:collapse;table-layout:fixed;font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
table.sbs td,table.sbs th{border-top:1px solid #f0f0f0;vertical-align:top;padding:1px 4px;white-space:pre-wrap;overflow-wrap:anywhere}
table.sbs th.ln,table.sbs td.ln{width:7em;color:var(--mute);font-size:.85em}
tr.chg td.raw{background:#fff8f7}
tr.chg td.clean{background:#f5fff6}
tr.dropped td.raw{text-decoration:line-through;text-decoration-color:#c00}
body.only-changed tr.same{display:none}
.edit{background:var(--del);border-bottom:1px solid #c00}
.pt{color:#c00;font-weight:bold}
.sugg{outline:1px dashed #b58900}
.cite{border-bottom:2px dotted var(--cite)}
.cite.hl,.hl{background:var(--hl)}
ins{background:var(--ins);text-decoration:none}
.rule{display:inline-block;font:11px ui-monospace,monospace;background:#eef;border:1px solid #ccd;border-radius:3px;padding:0 3px;margin:1px}
table.repairs{border-collapse:collapse;font-size:.9em;margin:.4em 0}
table.repairs td,table.repairs th{border:1px solid var(--line);padding:2px 5px;vertical-align:top}
tr.suggested{background:#fffbe6}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(16em,1fr));gap:.6em}
.side{border:1px solid var(--line);border-radius:4px;padding:.3em .6em;background:#fafafa}
.side h4{margin:.2em 0}
.conflict.review h3::after{content:" (needs review)";color:#b58900;font-size:.8em}
.statement{font-weight:600;margin:.2em 0}
q{quotes:"\201C" "\201D"}
.qc{color:var(--mute)}
.cite-missing,.missing{color:#a00}
a.anchor{scroll-margin-top:9em}
.edit,.pt{scroll-margin-top:9em}
"#;

/// Runs first: catches every script error and console error into the page.
const JS_HEAD: &str = r#"
(function(){
  var errors=[];
  function show(){var e=document.getElementById('js-errors');if(e){e.setAttribute('data-count',String(errors.length));e.textContent=errors.join('\n');}}
  window.fsReport=function(msg){errors.push(String(msg));show();var s=document.getElementById('selfcheck');if(s){s.setAttribute('data-status','fail');}};
  window.fsErrors=function(){return errors.slice();};
  window.onerror=function(m,src,line,col){window.fsReport('error: '+m+' at '+line+':'+col);};
  window.addEventListener('unhandledrejection',function(ev){window.fsReport('unhandled rejection: '+ev.reason);});
  var ce=console.error;console.error=function(){window.fsReport('console.error: '+Array.prototype.join.call(arguments,' '));return ce.apply(console,arguments);};
  document.addEventListener('DOMContentLoaded',show);
})();
"#;

/// Runs at the end of the body: interactivity, then the self-check.
const JS_BODY: &str = r##"
(function(){
  function highlight(){
    var old=document.querySelectorAll('.hl');
    for(var i=0;i<old.length;i++){old[i].classList.remove('hl');}
    var m=/^#cite-(\d+)$/.exec(location.hash);
    if(!m){return;}
    var segs=document.querySelectorAll('[data-c~="'+m[1]+'"]');
    for(var j=0;j<segs.length;j++){segs[j].classList.add('hl');}
  }
  window.addEventListener('hashchange',highlight);
  highlight();
  var only=document.getElementById('only-changed');
  if(only){only.addEventListener('change',function(){document.body.classList.toggle('only-changed',only.checked);});}

  var problems=[];
  function expect(id,got){
    var el=document.getElementById(id);
    if(!el){problems.push('missing #'+id);return;}
    var want=Number(el.getAttribute('data-count'));
    el.setAttribute('data-rendered',String(got));
    if(want!==got){problems.push(id+': '+got+' rendered, '+want+' expected');}
  }
  function distinct(sel,attr){
    var seen={},n=0,els=document.querySelectorAll(sel);
    for(var i=0;i<els.length;i++){
      var keys=(els[i].getAttribute(attr)||'').split(' ');
      for(var k=0;k<keys.length;k++){if(keys[k]&&!seen[keys[k]]){seen[keys[k]]=1;n++;}}
    }
    return n;
  }
  expect('count-documents',document.querySelectorAll('article.doc').length);
  expect('count-skipped',document.querySelectorAll('article.doc.skipped').length);
  expect('count-facts',document.querySelectorAll('article.fact').length);
  expect('count-citations',document.querySelectorAll('li.citation').length);
  expect('count-conflicts',document.querySelectorAll('article.conflict').length);
  expect('count-painted-edits',distinct('[data-e]','data-e'));
  expect('count-repair-rows',document.querySelectorAll('table.repairs tbody tr').length);
  var docs=document.querySelectorAll('article.doc[data-painted]');
  for(var d=0;d<docs.length;d++){
    var want=Number(docs[d].getAttribute('data-painted'));
    var seen={},n=0,els=docs[d].querySelectorAll('[data-e]');
    for(var i=0;i<els.length;i++){var ks=els[i].getAttribute('data-e').split(' ');for(var k=0;k<ks.length;k++){if(!seen[ks[k]]){seen[ks[k]]=1;n++;}}}
    if(n!==want){problems.push(docs[d].id+': '+n+' edits painted, '+want+' expected');}
  }
  var links=document.querySelectorAll('a[href^="#"]'),broken=0;
  for(var l=0;l<links.length;l++){
    var t=decodeURIComponent(links[l].getAttribute('href').slice(1));
    if(t&&!document.getElementById(t)){broken++;if(broken<5){problems.push('broken link #'+t);}}
  }
  var bl=document.getElementById('count-broken-links');
  if(bl){bl.setAttribute('data-count',String(broken));bl.textContent=String(broken);}
  var errs=window.fsErrors?window.fsErrors():[];
  var s=document.getElementById('selfcheck');
  var status=(problems.length||errs.length)?'fail':'ok';
  s.setAttribute('data-status',status);
  s.setAttribute('data-problems',String(problems.length+errs.length));
  s.textContent=status==='ok'?'self-check ok':'self-check failed: '+problems.concat(errs).join('; ');
})();
"##;

fn count(id: &str, n: usize, label: &str) -> String {
    format!("<span id=\"{id}\" data-count=\"{n}\">{n}</span> {label}")
}

/// The whole page.
pub fn render(corpus: &Corpus) -> String {
    render_with_budget(corpus, TEXT_BUDGET)
}

/// The whole page, showing the text of documents until `text_budget` raw bytes are shown.
fn render_with_budget(corpus: &Corpus, text_budget: usize) -> String {
    let docs = &corpus.docs;
    let facts_by_id: BTreeMap<&str, &Fact> =
        corpus.facts.iter().map(|f| (f.id.as_str(), f)).collect();
    let doc_index: BTreeMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.doc_id.as_str(), i))
        .collect();

    // Which documents get their text shown (the budget keeps the page loadable).
    let mut budget = text_budget;
    let shown: Vec<bool> = docs
        .iter()
        .map(|d| {
            let n = d.text.original().len();
            if d.is_ok() && n <= budget {
                budget -= n;
                true
            } else {
                false
            }
        })
        .collect();

    // Citations: a global number each, placed in their document's raw text when possible.
    let mut per_doc: Vec<DocCitations> = docs
        .iter()
        .map(|_| DocCitations { placed: Vec::new() })
        .collect();
    let indexes: BTreeMap<usize, RawIndex> = BTreeMap::new();
    let mut indexes = indexes;
    let mut placed = BTreeSet::new();
    let mut cite_bases = Vec::with_capacity(corpus.facts.len());
    let mut n = 0usize;
    for f in &corpus.facts {
        cite_bases.push(n);
        for c in &f.citations {
            if let Some(&di) = doc_index.get(c.doc_id.as_str()) {
                if shown[di] {
                    let ix = indexes
                        .entry(di)
                        .or_insert_with(|| RawIndex::new(&docs[di]));
                    if let Some(r) = ix.orig_span(c.start, c.end) {
                        per_doc[di].placed.push((n, r));
                        placed.insert(n);
                    }
                }
            }
            n += 1;
        }
    }
    let total_citations = n;
    let total_edits: usize = docs.iter().map(|d| d.text.edits().len()).sum();
    let total_suggestions: usize = docs.iter().map(|d| d.suggestions.len()).sum();
    let skipped = docs.iter().filter(|d| !d.is_ok()).count();

    let mut body = String::new();
    let mut painted_total = 0usize;
    let _ = writeln!(body, "<section id=\"documents\"><h2>Documents</h2>");
    for (di, d) in docs.iter().enumerate() {
        let doc_html_id = format!("doc-{di}");
        if !d.is_ok() {
            let _ = writeln!(
                body,
                "<article class=\"doc skipped\" id=\"{doc_html_id}\" data-doc-id=\"{}\"><h3>{} <span class=\"meta\">skipped</span></h3><p>{}</p><p class=\"meta\">{}</p></article>",
                esc(&d.doc_id),
                esc(&d.doc_id),
                esc(d.reason.as_deref().unwrap_or("")),
                esc(&d.source),
            );
            continue;
        }
        let ledger = crate::report::ledger(d);
        let mut meta = format!(
            "{} &middot; {} raw lines: {} kept, {} repaired, {} dropped",
            esc(&d.source),
            ledger.raw_lines,
            ledger.kept,
            ledger.repaired,
            ledger.dropped
        );
        if let Some(e) = d.encoding {
            let _ = write!(
                meta,
                " &middot; {}",
                esc(&serde_json::to_string(&e)
                    .unwrap_or_default()
                    .replace('"', ""))
            );
        }
        if let Some(r) = &d.reason {
            let _ = write!(meta, " &middot; {}", esc(r));
        }
        if d.spin.spun {
            let _ = write!(
                meta,
                " &middot; <b>spun</b> ({:.2}) {}",
                d.spin.score,
                esc(&d.spin.evidence)
            );
        }
        if let Some(o) = &d.near_duplicate_of {
            match doc_index.get(o.as_str()) {
                Some(oi) => {
                    let _ = write!(
                        meta,
                        " &middot; near-duplicate of <a href=\"#doc-{oi}\">{}</a>",
                        esc(o)
                    );
                }
                None => {
                    let _ = write!(meta, " &middot; near-duplicate of {}", esc(o));
                }
            }
        }
        let mut section = String::new();
        let painted = if shown[di] {
            side_by_side(d, di, &per_doc[di], &mut section)
        } else {
            let _ = writeln!(
                section,
                "<p class=\"none\">Text not shown: the page has reached its size budget. See reports/diffs/.</p>"
            );
            BTreeSet::new()
        };
        painted_total += painted.len();
        let _ = writeln!(
            body,
            "<article class=\"doc\" id=\"{doc_html_id}\" data-doc-id=\"{}\" data-painted=\"{}\"><h3>{} <span class=\"title\">{}</span></h3><p class=\"meta\">{meta}</p>",
            esc(&d.doc_id),
            painted.len(),
            esc(&d.doc_id),
            esc(&d.title().unwrap_or_default()),
        );
        body.push_str(&section);
        repairs_table(d, di, &painted, &mut body);
        let citing: Vec<&Fact> = corpus
            .facts
            .iter()
            .filter(|f| f.citations.iter().any(|c| c.doc_id == d.doc_id))
            .collect();
        if !citing.is_empty() {
            let _ = writeln!(
                body,
                "<details class=\"doc-facts\"><summary>{} {} this document</summary><ul>",
                citing.len(),
                if citing.len() == 1 {
                    "fact cites"
                } else {
                    "facts cite"
                }
            );
            for f in citing {
                let _ = writeln!(
                    body,
                    "<li><a href=\"#{}\">{}</a></li>",
                    html_id("fact-", &f.id),
                    esc(&short(&f.statement, 160))
                );
            }
            let _ = writeln!(body, "</ul></details>");
        }
        let _ = writeln!(body, "</article>");
    }
    let _ = writeln!(body, "</section>");

    let mut facts_html = String::new();
    let _ = writeln!(facts_html, "<section id=\"facts\"><h2>Facts</h2>");
    if corpus.facts.is_empty() {
        let _ = writeln!(facts_html, "<p class=\"none\">No facts.</p>");
    }
    for (f, base) in corpus.facts.iter().zip(&cite_bases) {
        fact_html(f, *base, &placed, &mut facts_html);
    }
    let _ = writeln!(facts_html, "</section>");

    let mut conflicts_html = String::new();
    let _ = writeln!(
        conflicts_html,
        "<section id=\"conflicts\"><h2>Conflicts</h2>"
    );
    if corpus.conflicts.is_empty() {
        let _ = writeln!(conflicts_html, "<p class=\"none\">No conflicts.</p>");
    }
    for c in &corpus.conflicts {
        conflict_html(c, &facts_by_id, &mut conflicts_html);
    }
    let _ = writeln!(conflicts_html, "</section>");

    let mut nav = String::new();
    let _ = write!(
        nav,
        "<a href=\"#conflicts\">Conflicts</a><a href=\"#facts\">Facts</a><a href=\"#documents\">Documents</a>|"
    );
    for (di, d) in docs.iter().enumerate() {
        let _ = write!(
            nav,
            " <a href=\"#doc-{di}\"{}>{}</a>",
            if d.is_ok() { "" } else { " class=\"missing\"" },
            esc(&d.doc_id)
        );
    }

    let repair_rows = total_edits + total_suggestions;
    let mut page = String::with_capacity(body.len() + facts_html.len() + 16_384);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>factsieve review</title><style>{CSS}</style><script>{JS_HEAD}</script></head>\n<body>\n\
<header><h1>factsieve review</h1><p class=\"counts\">{} ({} skipped) &middot; {} &middot; {} &middot; {} &middot; {} &middot; {} &middot; <span id=\"count-broken-links\" data-count=\"0\">?</span> broken links \
<span id=\"selfcheck\" data-status=\"pending\">self-check pending (needs JavaScript)</span></p>\
<span hidden>{} {}</span>\
<nav>{nav}</nav><label><input type=\"checkbox\" id=\"only-changed\"> only changed lines</label>\
<pre id=\"js-errors\" data-count=\"0\"></pre></header>\n<main>\n{conflicts_html}{facts_html}{body}</main>\n<script>{JS_BODY}</script>\n</body></html>\n",
        count("count-documents", docs.len(), "documents"),
        count("count-skipped", skipped, ""),
        count("count-facts", corpus.facts.len(), "facts"),
        count("count-citations", total_citations, "citations"),
        count("count-conflicts", corpus.conflicts.len(), "conflicts"),
        count("count-edits", total_edits, "edits"),
        count("count-suggestions", total_suggestions, "suggestions"),
        count("count-painted-edits", painted_total, "edits painted"),
        count("count-repair-rows", repair_rows, "repair rows"),
    );
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Citation, ConflictSide};
    use crate::pipeline::{process_documents, Quiet};

    fn corpus() -> Corpus {
        let docs = vec![
            crate::ingest::decode_document(
                "a",
                "raw/a.txt",
                "Title <b>here</b>\r\nIt\u{2019}s fine & \"good\".\r\n\r\nRest\u{a0}well.\r\n"
                    .as_bytes()
                    .to_vec(),
            ),
            crate::ingest::decode_document("empty", "raw/empty.txt", Vec::new()),
        ];
        let mut c = process_documents(docs, &Quiet);
        let raw = &c.docs[0].raw;
        let find = |s: &str| {
            let p = raw
                .windows(s.len())
                .position(|w| w == s.as_bytes())
                .unwrap();
            (p, p + s.len())
        };
        let (s, e) = find("Rest\u{a0}well.");
        let (s2, e2) = find("fine");
        c.facts = vec![
            Fact {
                id: "f1".into(),
                statement: "Rest well.".into(),
                kind: "advice".into(),
                topic: None,
                quantities: vec![],
                negated: false,
                support: 1,
                citations: vec![Citation {
                    doc_id: "a".into(),
                    start: s,
                    end: e,
                    quote: "Rest\u{a0}well.".into(),
                    quote_clean: "Rest well.".into(),
                }],
            },
            Fact {
                id: "f 2".into(),
                statement: "It is <fine>.".into(),
                kind: "advice".into(),
                topic: Some("x".into()),
                quantities: vec![],
                negated: false,
                support: 1,
                citations: vec![
                    Citation {
                        doc_id: "a".into(),
                        start: s2,
                        end: e2,
                        quote: "fine".into(),
                        quote_clean: "fine".into(),
                    },
                    Citation {
                        doc_id: "gone".into(),
                        start: 0,
                        end: 3,
                        quote: "abc".into(),
                        quote_clean: "abc".into(),
                    },
                ],
            },
        ];
        c.conflicts = vec![Conflict {
            id: "c1".into(),
            kind: "contradiction".into(),
            subject: "rest".into(),
            sides: vec![
                ConflictSide {
                    value: "yes".into(),
                    fact_ids: vec!["f1".into()],
                },
                ConflictSide {
                    value: "<no>".into(),
                    fact_ids: vec!["f 2".into(), "unknown".into()],
                },
            ],
            severity: "low".into(),
            rule: "X".into(),
            explanation: "because".into(),
            needs_review: true,
            within_document: true,
        }];
        c
    }

    #[test]
    fn insertions_are_painted_as_points() {
        let mut d = crate::model::Document::from_text("a", "Alpha beta\n");
        d.text
            .replace(crate::text::Replacement::new(5..5, " |", "S004"));
        let c = Corpus {
            docs: vec![d],
            claims: vec![],
            claim_counts: Default::default(),
            facts: vec![],
            conflicts: vec![],
            summaries: vec![],
        };
        let page = render(&c);
        assert!(page.contains("data-e=\"d0e0\""), "insertion not drawn");
        assert!(page.contains("data-painted=\"1\""));
    }

    #[test]
    fn text_is_escaped() {
        let page = render(&corpus());
        assert!(!page.contains("<b>here</b>"));
        assert!(page.contains("&lt;b&gt;here&lt;/b&gt;"));
        assert!(page.contains("It is &lt;fine&gt;."));
        assert!(page.contains("<h4>&lt;no&gt;</h4>"));
    }

    #[test]
    fn counts_and_anchors_are_written() {
        let c = corpus();
        let page = render(&c);
        assert!(page.contains("id=\"count-documents\" data-count=\"2\""));
        assert!(page.contains("id=\"count-facts\" data-count=\"2\""));
        assert!(page.contains("id=\"count-citations\" data-count=\"3\""));
        assert!(page.contains("id=\"count-conflicts\" data-count=\"1\""));
        // Placed citations get anchors; the one into a missing document is marked.
        assert!(page.contains("id=\"cite-0\""));
        assert!(page.contains("id=\"cite-1\""));
        assert!(!page.contains("id=\"cite-2\""));
        assert!(page.contains("(not found)"));
        // Every edit of the document is painted.
        let edits = c.docs[0].text.edits().len();
        assert!(edits > 0);
        assert!(page.contains(&format!("data-painted=\"{edits}\"")));
        // An id with a space gets a safe, unique element id.
        assert!(page.contains(&format!("id=\"{}\"", html_id("fact-", "f 2"))));
    }

    #[test]
    fn documents_past_the_budget_are_listed_without_text() {
        let c = corpus();
        let page = render_with_budget(&c, 10);
        assert!(page.contains("size budget"));
        assert!(page.contains("data-painted=\"0\""));
        assert!(page.contains("id=\"count-painted-edits\" data-count=\"0\""));
        // No anchors, so no links to them: every citation is marked as not shown.
        assert!(!page.contains("href=\"#cite-"));
        assert_eq!(page.matches("(not found)").count(), 3);
    }

    #[test]
    fn page_is_deterministic() {
        assert_eq!(render(&corpus()), render(&corpus()));
    }

    #[test]
    fn raw_index_maps_legacy_bytes() {
        let d = crate::ingest::decode_document("w", "raw/w", b"Here\x92s it".to_vec());
        let ix = RawIndex::new(&d);
        // Raw bytes 4..6 ("\x92s") are original bytes 4..8 ("\u{2019}s").
        assert_eq!(ix.orig_span(4, 6), Some(4..8));
        assert_eq!(ix.orig_span(50, 60), None);
    }

    #[test]
    fn control_characters_become_visible_symbols() {
        assert_eq!(
            esc("a\rb\u{7f}\u{85}\t\n"),
            "a&#x240d;b&#x2421;&#xfffd;\t\n"
        );
        assert_eq!(esc("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");
    }

    #[test]
    fn ids_are_safe_and_distinct() {
        assert_eq!(html_id("f-", "abc"), "f-abc");
        assert_ne!(html_id("f-", "a b"), html_id("f-", "a_b"));
        assert!(html_id("f-", "a\"b").chars().all(|c| c != '"'));
    }
}
