//! The index and the list pages: built from the per-document [`ReviewRow`]s, the facts and
//! the conflicts. Every list that grows with the corpus is cut into pages of
//! [`ROWS_PER_PAGE`] rows, so no page grows with it; the index shows counts and the top
//! items and links to the rest.

use super::rows::{RepairItem, ReviewRow};
use super::{assets, count, document_page_path, esc, html_id, rule_badge, short};
use crate::model::{Conflict, Fact};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Rows (documents, facts, conflicts, repairs) per list page.
pub const ROWS_PER_PAGE: usize = 250;

/// Items in each "top" table of the index.
const TOP: usize = 20;

/// Facts listed on one side of a conflict.
const SIDE_FACTS_SHOWN: usize = 10;

/// Documents named for a fact on a conflict's side.
const SOURCES_SHOWN: usize = 4;

/// Conflict severities from the most to the least severe; others sort after, by name.
const SEVERITIES: [&str; 2] = ["major", "minor"];

fn severity_rank(s: &str) -> usize {
    SEVERITIES
        .iter()
        .position(|x| *x == s)
        .unwrap_or(SEVERITIES.len())
}

/// Conflicts most in need of a reviewer first: severity, then needs_review, then id.
fn conflict_order(conflicts: &[Conflict]) -> Vec<&Conflict> {
    let mut v: Vec<&Conflict> = conflicts.iter().collect();
    v.sort_by(|a, b| {
        (
            severity_rank(&a.severity),
            &a.severity,
            !a.needs_review,
            &a.id,
        )
            .cmp(&(
                severity_rank(&b.severity),
                &b.severity,
                !b.needs_review,
                &b.id,
            ))
    });
    v
}

fn page_name(list: &str, n: usize) -> String {
    format!("list/{list}-{n}.html")
}

fn pages_of(rows: usize) -> usize {
    rows.div_ceil(ROWS_PER_PAGE).max(1)
}

/// Links to the pages of a list: first, last and the neighbours of the current one.
fn pager(list: &str, current: usize, pages: usize) -> String {
    if pages <= 1 {
        return String::new();
    }
    let mut out = format!("<p class=\"pages\">page {current} of {pages}: ");
    let mut last_shown = 0;
    for n in 1..=pages {
        let near = n == 1 || n == pages || n.abs_diff(current) <= 5;
        if !near {
            continue;
        }
        if n > last_shown + 1 {
            out.push_str("&hellip; ");
        }
        last_shown = n;
        if n == current {
            let _ = write!(out, "<b>{n}</b>");
        } else {
            let _ = write!(out, "<a href=\"{list}-{n}.html\">{n}</a>");
        }
    }
    out.push_str("</p>");
    out
}

/// Cut `items` into pages; `render` writes the rows of one page, `head` and `tail` wrap them.
#[allow(clippy::too_many_arguments)]
fn paginate<T>(
    emit: &mut dyn FnMut(String, String),
    list: &str,
    title: &str,
    items: &[T],
    intro: &str,
    head: &str,
    tail: &str,
    row_sel: &str,
    extra_js: &str,
    mut render: impl FnMut(&T, &mut String),
) {
    let pages = pages_of(items.len());
    for n in 1..=pages {
        let chunk = items
            .chunks(ROWS_PER_PAGE)
            .nth(n - 1)
            .unwrap_or(&items[..0]);
        let mut body = String::new();
        let nav = pager(list, n, pages);
        let _ = writeln!(body, "{intro}{nav}{head}");
        for it in chunk {
            render(it, &mut body);
        }
        let _ = writeln!(body, "{tail}{nav}");
        let first = (n - 1) * ROWS_PER_PAGE;
        let counts = format!(
            "{} of {} (rows {}&ndash;{})",
            count("count-rows", chunk.len(), row_sel, "shown"),
            items.len(),
            (first + 1).min(items.len()),
            first + chunk.len()
        );
        let t = if pages > 1 {
            format!("{title} (page {n} of {pages})")
        } else {
            title.to_string()
        };
        emit(
            page_name(list, n),
            super::page(&t, "../", &counts, &body, extra_js),
        );
    }
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

/// Where a page is: in `reports/` (the index) or in `reports/list/`.
#[derive(Clone, Copy)]
enum At {
    Index,
    List,
}

impl At {
    /// The way to `reports/`.
    fn root(self) -> &'static str {
        match self {
            At::Index => "",
            At::List => "../",
        }
    }
    /// The way to `reports/list/`.
    fn list(self) -> &'static str {
        match self {
            At::Index => "list/",
            At::List => "",
        }
    }
}

fn doc_link(at: At, doc_id: &str, anchor: &str, text: &str) -> String {
    format!(
        "<a href=\"{}{}{anchor}\">{}</a>",
        at.root(),
        document_page_path(doc_id),
        esc(text)
    )
}

struct Ctx<'a> {
    docs: BTreeMap<&'a str, &'a ReviewRow>,
    /// Fact id -> (fact, page of the facts list).
    facts: BTreeMap<&'a str, (&'a Fact, usize)>,
}

impl Ctx<'_> {
    fn fact_link(&self, at: At, id: &str) -> String {
        match self.facts.get(id) {
            Some((f, n)) => format!(
                "<a href=\"{}facts-{n}.html#{}\">{}</a>",
                at.list(),
                html_id("fact-", id),
                esc(&f.statement)
            ),
            None => format!("<span class=\"missing\">{} (unknown fact)</span>", esc(id)),
        }
    }
}

/// Citations shown with a fact in the facts list; a fact with more gets a page of its own.
const CITATIONS_SHOWN: usize = 3;

/// Citations on the page of one fact.
const CITATIONS_LISTED: usize = 50;

fn fact_citations_list(id: &str) -> String {
    format!("fact-{}", html_id("", id))
}

fn citation_html(ctx: &Ctx, c: &crate::model::Citation, out: &mut String) {
    let target = match ctx.docs.get(c.doc_id.as_str()) {
        Some(d) if d.ok => format!(
            "<a class=\"cite-link\" href=\"../{}#raw={}-{}\">{} {}..{}</a>",
            document_page_path(&c.doc_id),
            c.start,
            c.end,
            esc(&c.doc_id),
            c.start,
            c.end
        ),
        _ => format!(
            "<span class=\"cite-missing\" title=\"no such document in this run\">{} {}..{} (not found)</span>",
            esc(&c.doc_id),
            c.start,
            c.end
        ),
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

fn fact_html(ctx: &Ctx, f: &Fact, out: &mut String) {
    let _ = writeln!(
        out,
        "<article class=\"fact\" id=\"{}\" data-id=\"{}\"><p class=\"statement\">{}</p><p class=\"meta\">{}</p><ol class=\"citations\">",
        html_id("fact-", &f.id),
        esc(&f.id),
        esc(&f.statement),
        extra_fields(f, &["statement", "citations"]),
    );
    for c in f.citations.iter().take(CITATIONS_SHOWN) {
        citation_html(ctx, c, out);
    }
    let _ = writeln!(out, "</ol>");
    if f.citations.len() > CITATIONS_SHOWN {
        let _ = writeln!(
            out,
            "<p><a href=\"{}-1.html\">{} citations</a></p>",
            fact_citations_list(&f.id),
            f.citations.len()
        );
    }
    let _ = writeln!(out, "</article>");
}

/// The page of the citations of one fact with more than the facts list shows: the first
/// [`CITATIONS_LISTED`] (a fact of near-copies can have thousands; all are in
/// `curated/citations.csv`).
fn fact_citation_pages(emit: &mut dyn FnMut(String, String), ctx: &Ctx, f: &Fact, page: usize) {
    let listed = &f.citations[..f.citations.len().min(CITATIONS_LISTED)];
    let rest = if listed.len() < f.citations.len() {
        format!(
            "<p class=\"meta\">The first {} of {} citations; all are in <code>curated/citations.csv</code>.</p>",
            listed.len(),
            f.citations.len()
        )
    } else {
        String::new()
    };
    let intro = format!(
        "<p class=\"statement\">{}</p><p><a href=\"facts-{page}.html#{}\">Back to the fact</a></p>{rest}",
        esc(&f.statement),
        html_id("fact-", &f.id)
    );
    paginate(
        emit,
        &fact_citations_list(&f.id),
        &format!("Citations of {}", f.id),
        listed,
        &intro,
        "<ol class=\"citations\">",
        "</ol>",
        "li.citation",
        "",
        |c, s| citation_html(ctx, c, s),
    );
}

const CONFLICT_HEAD: &str = "<table class=\"list conflicts\"><thead><tr><th data-sort=\"sev\" data-num>severity</th><th data-sort=\"review\">needs review</th><th data-sort=\"kind\">kind</th><th data-sort=\"subject\">subject</th><th>sides</th><th>rule, explanation</th></tr></thead><tbody>";

const CONFLICT_FILTERS: &str = "<div class=\"filters\"><label>severity <select id=\"f-severity\"><option value=\"\">any</option><option>major</option><option>minor</option></select></label><label><input type=\"checkbox\" id=\"f-review\"> needs review only</label> <span id=\"shown\"></span> shown; click a column title to sort this page.</div>";

fn conflict_row(ctx: &Ctx, at: At, c: &Conflict, out: &mut String) {
    let _ = write!(
        out,
        "<tr class=\"conflict\" id=\"{}\" data-sev=\"{}\" data-severity=\"{}\" data-review=\"{}\" data-kind=\"{}\" data-subject=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><div class=\"sides\">",
        html_id("conflict-", &c.id),
        severity_rank(&c.severity),
        esc(&c.severity),
        c.needs_review,
        esc(&c.kind),
        esc(&c.subject),
        esc(&c.severity),
        if c.needs_review {
            "<span class=\"review-flag\">yes</span>"
        } else {
            "no"
        },
        esc(&c.kind),
        esc(&c.subject),
    );
    for s in &c.sides {
        let _ = write!(out, "<div class=\"side\"><h4>{}</h4><ul>", esc(&s.value));
        for id in s.fact_ids.iter().take(SIDE_FACTS_SHOWN) {
            let src = ctx.facts.get(id.as_str()).map(|(f, _)| {
                let docs: BTreeSet<&str> = f.citations.iter().map(|c| c.doc_id.as_str()).collect();
                let mut shown: Vec<&str> = docs.iter().copied().take(SOURCES_SHOWN).collect();
                let more = docs.len().saturating_sub(SOURCES_SHOWN);
                let more = format!("and {more} more");
                if docs.len() > SOURCES_SHOWN {
                    shown.push(&more);
                }
                shown.join(", ")
            });
            let _ = write!(
                out,
                "<li>{} <span class=\"src\">{}</span></li>",
                ctx.fact_link(at, id),
                esc(&src.unwrap_or_default())
            );
        }
        if s.fact_ids.len() > SIDE_FACTS_SHOWN {
            let _ = write!(
                out,
                "<li class=\"meta\">and {} more facts (conflicts.jsonl)</li>",
                s.fact_ids.len() - SIDE_FACTS_SHOWN
            );
        }
        let _ = write!(out, "</ul></div>");
    }
    let _ = writeln!(
        out,
        "</div></td><td>{} {}{}</td></tr>",
        esc(&c.rule),
        esc(&c.explanation),
        if c.within_document {
            " <span class=\"meta\">(within one document)</span>"
        } else {
            ""
        }
    );
}

const DOC_HEAD: &str = "<table class=\"list docs\"><thead><tr><th data-sort=\"id\">doc_id</th><th>title</th><th>status</th><th class=\"num\" data-sort=\"raw\" data-num>raw lines</th><th class=\"num\">kept</th><th class=\"num\" data-sort=\"repaired\" data-num>repaired</th><th class=\"num\" data-sort=\"dropped\" data-num>dropped</th><th class=\"num\" data-sort=\"edits\" data-num>edits</th><th class=\"num\" data-sort=\"sugg\" data-num>suggestions</th><th>spun</th><th>near-duplicate of</th><th>note</th></tr></thead><tbody>";

fn doc_row(at: At, r: &ReviewRow, out: &mut String) {
    let _ = writeln!(
        out,
        "<tr data-id=\"{}\" data-raw=\"{}\" data-repaired=\"{}\" data-dropped=\"{}\" data-edits=\"{}\" data-sugg=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        esc(&r.doc_id),
        r.raw_lines,
        r.repaired,
        r.dropped,
        r.edits,
        r.suggestions,
        doc_link(at, &r.doc_id, "", &r.doc_id),
        esc(r.title.as_deref().unwrap_or("")),
        if r.ok { "ok" } else { "skipped" },
        r.raw_lines,
        r.kept,
        r.repaired,
        r.dropped,
        r.edits,
        r.suggestions,
        if r.spun {
            format!("yes ({:.2})", r.spin_score)
        } else {
            String::new()
        },
        r.near_duplicate_of
            .as_deref()
            .map(|o| doc_link(at, o, "", o))
            .unwrap_or_default(),
        esc(r.reason.as_deref().unwrap_or("")),
    );
}

const REPAIR_HEAD: &str = "<table class=\"list repairs\"><thead><tr><th data-sort=\"doc\">document</th><th data-sort=\"status\">status</th><th>rule</th><th>raw bytes</th><th>before</th><th>after</th><th class=\"num\" data-sort=\"conf\" data-num>confidence</th><th>evidence</th></tr></thead><tbody>";

const REPAIR_FILTERS: &str = "<div class=\"filters\"><label>status <select id=\"f-status\"><option value=\"\">any</option><option>applied</option><option>suggested</option></select></label><label>confidence from <input id=\"f-cmin\" type=\"number\" min=\"0\" max=\"1\" step=\"0.05\"></label><label>to <input id=\"f-cmax\" type=\"number\" min=\"0\" max=\"1\" step=\"0.05\"></label> <span id=\"shown\"></span> shown; click a column title to sort this page.</div>";

fn repair_row(doc: &ReviewRow, r: &RepairItem, out: &mut String) {
    let anchor = match r.edit {
        Some(i) => format!("#e{i}"),
        None => format!("#raw={}-{}", r.raw_start, r.raw_end),
    };
    let _ = writeln!(
        out,
        "<tr class=\"{}\" data-doc=\"{}\" data-status=\"{}\" data-conf=\"{:.2}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td class=\"num\">{:.2}</td><td>{}</td></tr>",
        r.status,
        esc(&doc.doc_id),
        r.status,
        r.confidence,
        doc_link(At::List, &doc.doc_id, "", &doc.doc_id),
        r.status,
        rule_badge(r.rule),
        doc_link(
            At::List,
            &doc.doc_id,
            &anchor,
            &format!("{}..{}", r.raw_start, r.raw_end)
        ),
        esc(&r.before),
        esc(&r.after),
        r.confidence,
        esc(&r.evidence),
    );
}

/// The index and list pages: (path relative to `reports/`, contents), sorted by path.
pub fn site(rows: &[ReviewRow], facts: &[Fact], conflicts: &[Conflict]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    site_each(rows, facts, conflicts, &mut |path, text| {
        out.push((path, text))
    });
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The pages of [`site`], each handed to `emit` (path relative to `reports/`, contents) as
/// soon as it is rendered, so a writer need not hold them all (about 300 MB at 20,000
/// documents). Always the same pages in the same order for the same input.
pub fn site_each(
    rows: &[ReviewRow],
    facts: &[Fact],
    conflicts: &[Conflict],
    emit: &mut dyn FnMut(String, String),
) {
    let mut rows_sorted: Vec<&ReviewRow> = rows.iter().collect();
    rows_sorted.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
    let ctx = Ctx {
        docs: rows_sorted
            .iter()
            .map(|r| (r.doc_id.as_str(), *r))
            .collect(),
        facts: facts
            .iter()
            .enumerate()
            .map(|(k, f)| (f.id.as_str(), (f, k / ROWS_PER_PAGE + 1)))
            .collect(),
    };
    // Documents.
    paginate(
        emit,
        "documents",
        "Documents",
        &rows_sorted,
        "",
        DOC_HEAD,
        "</tbody></table>",
        "table.list tbody tr",
        assets::JS_LIST,
        |r, s| doc_row(At::List, r, s),
    );

    // Facts.
    paginate(
        emit,
        "facts",
        "Facts",
        facts,
        if facts.is_empty() {
            "<p class=\"none\">No facts.</p>"
        } else {
            ""
        },
        "",
        "",
        "article.fact",
        "",
        |f, s| fact_html(&ctx, f, s),
    );

    for (k, f) in facts.iter().enumerate() {
        if f.citations.len() > CITATIONS_SHOWN {
            fact_citation_pages(emit, &ctx, f, k / ROWS_PER_PAGE + 1);
        }
    }

    // Conflicts, most severe first; and the ones flagged for review.
    let ordered = conflict_order(conflicts);
    let review: Vec<&Conflict> = ordered.iter().copied().filter(|c| c.needs_review).collect();
    let conflicts_intro = format!(
        "<p>Most severe first, then those that need review. <a href=\"conflicts-review-1.html\">Only the {} that need review</a>.</p>{CONFLICT_FILTERS}",
        review.len()
    );
    paginate(
        emit,
        "conflicts",
        "Conflicts",
        &ordered,
        &conflicts_intro,
        CONFLICT_HEAD,
        "</tbody></table>",
        "table.list tbody tr",
        assets::JS_LIST,
        |c, s| conflict_row(&ctx, At::List, c, s),
    );
    let review_intro = format!(
        "<p>Conflicts flagged <code>needs_review</code>, most severe first. <a href=\"conflicts-1.html\">All {} conflicts</a>.</p>{CONFLICT_FILTERS}",
        conflicts.len()
    );
    paginate(
        emit,
        "conflicts-review",
        "Conflicts that need review",
        &review,
        &review_intro,
        CONFLICT_HEAD,
        "</tbody></table>",
        "table.list tbody tr",
        assets::JS_LIST,
        |c, s| conflict_row(&ctx, At::List, c, s),
    );

    // Repairs and suggestions: one list per rule, least confident first; and the suggestions.
    let mut by_rule: BTreeMap<&str, Vec<(&ReviewRow, &RepairItem)>> = BTreeMap::new();
    let mut totals: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut suggested: Vec<(&ReviewRow, &RepairItem)> = Vec::new();
    for d in &rows_sorted {
        for (rule, n) in &d.edits_by_rule {
            totals.entry(rule).or_default().0 += n;
        }
        for (rule, n) in &d.suggestions_by_rule {
            totals.entry(rule).or_default().1 += n;
        }
        for r in &d.repairs {
            by_rule.entry(r.rule).or_default().push((d, r));
            if r.status == "suggested" {
                suggested.push((d, r));
            }
        }
    }
    let by_conf = |a: &(&ReviewRow, &RepairItem), b: &(&ReviewRow, &RepairItem)| {
        a.1.confidence
            .total_cmp(&b.1.confidence)
            .then(a.0.doc_id.cmp(&b.0.doc_id))
            .then((a.1.raw_start, a.1.raw_end).cmp(&(b.1.raw_start, b.1.raw_end)))
    };
    for list in by_rule.values_mut() {
        list.sort_by(by_conf);
    }
    suggested.sort_by(|a, b| a.1.rule.cmp(b.1.rule).then(by_conf(a, b)));
    let left_out: usize = rows.iter().map(ReviewRow::repairs_not_listed).sum();
    let note = format!(
        "<p class=\"meta\">Lists show at most {} rows per document (its suggestions, then its least confident edits); {left_out} more rows are on the document pages and in <a href=\"../repairs.csv\">repairs.csv</a>.</p>",
        super::REPAIRS_PER_DOC
    );
    let mut rules_table = format!(
        "<h2>Repairs and suggestions by rule</h2>{note}<p><a href=\"suggestions-1.html\">All {} listed suggestions</a></p><table class=\"list rules\"><thead><tr><th>rule</th><th>stage</th><th>name</th><th class=\"num\">edits</th><th class=\"num\">suggestions</th><th class=\"num\">listed</th></tr></thead><tbody>\n",
        suggested.len()
    );
    for (rule, (edits, suggestions)) in &totals {
        let r = crate::rules::get(rule);
        let listed = by_rule.get(rule).map_or(0, Vec::len);
        let link = if listed > 0 {
            format!(
                "<a href=\"repairs-{}-1.html\">{listed}</a>",
                html_id("", rule)
            )
        } else {
            "0".into()
        };
        let _ = writeln!(
            rules_table,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{edits}</td><td class=\"num\">{suggestions}</td><td class=\"num\">{link}</td></tr>",
            rule_badge(rule),
            esc(r.map_or("", |r| r.stage)),
            esc(r.map_or("", |r| r.name)),
        );
    }
    rules_table.push_str("</tbody></table>\n");
    let n_rules = totals.len();
    emit(
        "list/repairs.html".into(),
        super::page(
            "Repairs and suggestions",
            "../",
            &count("count-rules", n_rules, "table.rules tbody tr", "rules"),
            &rules_table,
            "",
        ),
    );
    for (rule, list) in &by_rule {
        let intro = format!(
            "<p>Rule {} {}, least confident first. <a href=\"repairs.html\">All rules</a>.</p>{note}{REPAIR_FILTERS}",
            rule_badge(rule),
            esc(crate::rules::get(rule).map_or("", |r| r.name)),
        );
        paginate(
            emit,
            &format!("repairs-{}", html_id("", rule)),
            &format!("Repairs: {rule}"),
            list,
            &intro,
            REPAIR_HEAD,
            "</tbody></table>",
            "table.list tbody tr",
            assets::JS_LIST,
            |(d, r), s| repair_row(d, r, s),
        );
    }
    let intro = format!(
        "<p>Suggestions (repairs not applied), by rule, least confident first. <a href=\"repairs.html\">All rules</a>.</p>{note}{REPAIR_FILTERS}"
    );
    paginate(
        emit,
        "suggestions",
        "Suggestions",
        &suggested,
        &intro,
        REPAIR_HEAD,
        "</tbody></table>",
        "table.list tbody tr",
        assets::JS_LIST,
        |(d, r), s| repair_row(d, r, s),
    );

    emit(
        "index.html".into(),
        index_page(&ctx, &rows_sorted, facts, &ordered, &totals),
    );
}

fn index_page(
    ctx: &Ctx,
    rows: &[&ReviewRow],
    facts: &[Fact],
    conflicts: &[&Conflict],
    totals: &BTreeMap<&str, (usize, usize)>,
) -> String {
    let skipped = rows.iter().filter(|r| !r.ok).count();
    let edits: usize = rows.iter().map(|r| r.edits).sum();
    let suggestions: usize = rows.iter().map(|r| r.suggestions).sum();
    let citations: usize = facts.iter().map(|f| f.citations.len()).sum();
    let review = conflicts.iter().filter(|c| c.needs_review).count();
    let counts = [
        count("count-documents", rows.len(), "", "documents"),
        format!("({} skipped)", count("count-skipped", skipped, "", "")),
        count("count-facts", facts.len(), "", "facts"),
        count("count-citations", citations, "", "citations"),
        count("count-conflicts", conflicts.len(), "", "conflicts"),
        format!(
            "({} need review)",
            count("count-needs-review", review, "", "")
        ),
        count("count-edits", edits, "", "edits"),
        count("count-suggestions", suggestions, "", "suggestions"),
    ]
    .join(" &middot; ");

    let mut body = String::new();
    let _ = writeln!(
        body,
        "<section id=\"lists\"><h2>Lists</h2><ul>\
<li><a href=\"list/documents-1.html\">All {} documents</a>, with their line counts; each links to its page (raw and clean text side by side, every edit with its rule).</li>\
<li><a href=\"list/facts-1.html\">All {} facts</a> with their citations (a citation opens its passage in the raw text).</li>\
<li><a href=\"list/conflicts-1.html\">All {} conflicts</a>, most severe first, or <a href=\"list/conflicts-review-1.html\">the {review} that need review</a>.</li>\
<li><a href=\"list/repairs.html\">Repairs and suggestions by rule</a>, with filters by status and confidence; <a href=\"list/suggestions-1.html\">suggestions</a>.</li>\
<li><a href=\"changes.html\">What changed since the last run</a> (<a href=\"changes.md\">changes.md</a>), <a href=\"summary.md\">summary.md</a>, <a href=\"conflicts.md\">conflicts.md</a>, <a href=\"repairs.csv\">repairs.csv</a>, <a href=\"diffs/\">unified diffs</a>.</li>\
</ul></section>",
        rows.len(),
        facts.len(),
        conflicts.len(),
    );

    // Top conflicts.
    let top: Vec<&&Conflict> = conflicts.iter().take(TOP).collect();
    let _ = writeln!(
        body,
        "<section id=\"top-conflicts\"><h2>Conflicts: the {} most severe</h2>",
        top.len()
    );
    if top.is_empty() {
        let _ = writeln!(body, "<p class=\"none\">No conflicts.</p>");
    } else {
        let _ = writeln!(
            body,
            "{}",
            CONFLICT_HEAD
                .replace("class=\"list conflicts\"", "class=\"list conflicts top\"")
                .replace(" data-sort=\"sev\" data-num", "")
                .replace(" data-sort=\"review\"", "")
                .replace(" data-sort=\"kind\"", "")
                .replace(" data-sort=\"subject\"", "")
        );
        for c in &top {
            conflict_row(ctx, At::Index, c, &mut body);
        }
        let _ = writeln!(body, "</tbody></table>");
        if conflicts.len() > top.len() {
            let _ = writeln!(
                body,
                "<p><a href=\"list/conflicts-1.html\">{} more conflicts</a></p>",
                conflicts.len() - top.len()
            );
        }
    }
    let _ = writeln!(body, "</section>");

    // Rules.
    let mut rules: Vec<(&&str, &(usize, usize))> = totals.iter().collect();
    rules.sort_by(|a, b| (b.1 .0 + b.1 .1).cmp(&(a.1 .0 + a.1 .1)).then(a.0.cmp(b.0)));
    let _ = writeln!(
        body,
        "<section id=\"top-rules\"><h2>Rules by edits and suggestions</h2><table class=\"list top-rules\"><thead><tr><th>rule</th><th>name</th><th class=\"num\">edits</th><th class=\"num\">suggestions</th></tr></thead><tbody>"
    );
    for (rule, (e, s)) in rules.iter().take(TOP) {
        let _ = writeln!(
            body,
            "<tr><td><a href=\"list/repairs-{}-1.html\">{}</a></td><td>{}</td><td class=\"num\">{e}</td><td class=\"num\">{s}</td></tr>",
            html_id("", rule),
            esc(rule),
            esc(crate::rules::get(rule).map_or("", |r| r.name)),
        );
    }
    let _ = writeln!(body, "</tbody></table>");
    if rules.len() > TOP {
        let _ = writeln!(
            body,
            "<p><a href=\"list/repairs.html\">All {} rules</a></p>",
            rules.len()
        );
    }
    let _ = writeln!(body, "</section>");

    // Documents with the most changed lines.
    let mut changed: Vec<&&ReviewRow> = rows.iter().filter(|r| r.ok).collect();
    changed.sort_by(|a, b| {
        (b.dropped + b.repaired)
            .cmp(&(a.dropped + a.repaired))
            .then(a.doc_id.cmp(&b.doc_id))
    });
    let _ = writeln!(
        body,
        "<section id=\"top-documents\"><h2>Documents with the most changed lines</h2>{}",
        DOC_HEAD.replace("class=\"list docs\"", "class=\"list docs top\"")
    );
    for r in changed.iter().take(TOP) {
        doc_row(At::Index, r, &mut body);
    }
    let _ = writeln!(
        body,
        "</tbody></table><p><a href=\"list/documents-1.html\">All {} documents</a></p></section>",
        rows.len()
    );
    let skipped_rows: Vec<&&ReviewRow> = rows.iter().filter(|r| !r.ok).take(TOP).collect();
    if !skipped_rows.is_empty() {
        let _ = writeln!(body, "<section id=\"skipped\"><h2>Skipped files</h2><ul>");
        for r in &skipped_rows {
            let _ = writeln!(
                body,
                "<li><a href=\"{}\">{}</a>: {}</li>",
                document_page_path(&r.doc_id),
                esc(&r.doc_id),
                esc(r.reason.as_deref().unwrap_or(""))
            );
        }
        if skipped > skipped_rows.len() {
            let _ = writeln!(
                body,
                "<li>{} more in the <a href=\"list/documents-1.html\">documents list</a></li>",
                skipped - skipped_rows.len()
            );
        }
        let _ = writeln!(body, "</ul></section>");
    }
    super::page("factsieve review", "", &counts, &body, assets::JS_LIST)
}
