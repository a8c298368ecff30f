//! The review site under `reports/`: an index page with counts and the top items, pages of
//! list rows (documents, facts, conflicts, repairs and suggestions) and one page per document.
//! No page embeds the corpus, so the index stays small however many articles there are.
//!
//! - [`document_page`]: a pure function of one document (raw and clean text side by side,
//!   every edit highlighted on the raw side with its rule code, the repairs and suggestions
//!   with their evidence), written to [`document_page_path`] while the document is processed.
//! - [`ReviewRow::of`]: the small summary of one document that the index and the list pages
//!   need (ids, title, status, counts, and at most [`REPAIRS_PER_DOC`] repair rows).
//! - [`site`]: the index and the list pages, from the rows, the facts and the conflicts
//!   ([`site_each`] hands each page over as it is rendered, for writers that stream).
//!
//! Everything is plain HTML with inline CSS and JS, links between files (so the pages work
//! from `file://`, where Chromium blocks `fetch`), and no network. All text goes through
//! [`esc`]. Each page checks itself when it loads: every `#count-*` element names what it
//! counts (`data-sel`) and how many there should be (`data-count`); the page counts what it
//! rendered, checks its in-page links, catches script errors, and writes the verdict into
//! `#selfcheck[data-status]`, which a headless browser test reads.

mod assets;
mod document;
mod paint;
mod rows;
mod site;

pub use document::{document_page, line_pairs, LinePair};
pub use rows::{RepairItem, ReviewRow, REPAIRS_PER_DOC};
pub use site::{site, site_each, ROWS_PER_PAGE};

use std::fmt::Write as _;

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

/// An element id (or file name) from any string: safe characters kept, a hash added when
/// anything was replaced so two different strings never share an id.
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
    if safe == s && !s.is_empty() && !s.starts_with('.') {
        format!("{prefix}{safe}")
    } else {
        let h = blake3::hash(s.as_bytes()).to_hex();
        format!("{prefix}{safe}-{}", &h.as_str()[..8])
    }
}

/// Where the page of a document goes, relative to `reports/`.
pub fn document_page_path(doc_id: &str) -> String {
    format!("docs/{}.html", html_id("", doc_id))
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

/// A count the page declares and checks: `sel` selects what it counts once loaded
/// (empty: not checked).
fn count(id: &str, n: usize, sel: &str, label: &str) -> String {
    let sel = if sel.is_empty() {
        String::new()
    } else {
        format!(" data-sel=\"{}\"", esc(sel))
    };
    format!("<span id=\"{id}\" data-count=\"{n}\"{sel}>{n}</span> {label}")
}

/// A rule code as a badge with its name as title.
fn rule_badge(code: &str) -> String {
    format!(
        "<span class=\"rule\" title=\"{}\">{}</span>",
        esc(&rule_label(code)),
        esc(code)
    )
}

/// A whole page: `root` is the way back to `reports/` ("" or "../"), `body` the content.
fn page(title: &str, root: &str, counts: &str, body: &str, extra_js: &str) -> String {
    let mut p = String::with_capacity(body.len() + 12_000);
    let _ = write!(
        p,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{}</title><style>{}</style><script>{}</script></head>\n<body>\n\
<header><h1>{}</h1><nav class=\"top\"><a href=\"{root}index.html\">Index</a>\
<a href=\"{root}list/documents-1.html\">Documents</a><a href=\"{root}list/facts-1.html\">Facts</a>\
<a href=\"{root}list/conflicts-1.html\">Conflicts</a><a href=\"{root}list/repairs.html\">Repairs</a>\
<a href=\"{root}changes.html\">Changes since the last run</a></nav>\
<p class=\"counts\">{counts} <span id=\"count-broken-links\" data-count=\"0\">?</span> broken links \
<span id=\"selfcheck\" data-status=\"pending\">self-check pending (needs JavaScript)</span></p>\
<pre id=\"js-errors\" data-count=\"0\"></pre></header>\n<main>\n{body}</main>\n<script>{extra_js}{}</script>\n</body></html>\n",
        esc(title),
        assets::CSS,
        assets::JS_HEAD,
        esc(title),
        assets::JS_CHECK,
    );
    p
}

/// A page showing a text file of `reports/` (`changes.md`), escaped, as it is.
pub fn text_page(title: &str, text: &str) -> String {
    let body = format!("<pre class=\"text\">{}</pre>\n", esc(text));
    page(title, "", "", &body, "")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_ne!(document_page_path(".."), "docs/...html");
        assert_eq!(document_page_path("000073"), "docs/000073.html");
    }
}
