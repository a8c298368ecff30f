//! Raw files as explain reads them: listed and opened by the ingest's own rules
//! ([`crate::ingest::list_raw`], [`crate::ingest::load_with`]), so a symlink out of the raw
//! folder, a FIFO or a device is never read here either; and passages in their context.

use crate::ingest::{self, Limits, RawFile};
use crate::model::Document;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The raw folder's listing, each document decoded once when first asked for (by the
/// ingest's rules and the run's limits).
pub struct RawFiles {
    files: Vec<RawFile>,
    limits: Limits,
    listing_error: Option<String>,
    cache: BTreeMap<String, Result<Document, String>>,
}

impl RawFiles {
    pub fn new(dir: &Path, limits: Limits) -> RawFiles {
        let (files, listing_error) = match ingest::list_raw(dir) {
            Ok(f) => (f, None),
            Err(e) => (Vec::new(), Some(e.to_string())),
        };
        RawFiles {
            files,
            limits,
            listing_error,
            cache: BTreeMap::new(),
        }
    }

    /// doc_ids of the listing, in order.
    pub(super) fn doc_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.files.iter().map(|f| f.doc_id.clone()).collect();
        ids.dedup();
        ids
    }

    /// The document as the pipeline decodes it, or why it cannot be read (skipped by the
    /// ingest's rules, or not in the raw folder).
    pub(super) fn load(&mut self, doc_id: &str) -> &Result<Document, String> {
        if !self.cache.contains_key(doc_id) {
            let doc = match self.files.iter().position(|f| f.doc_id == doc_id) {
                None => Err(match &self.listing_error {
                    Some(e) => format!("raw file of {doc_id} not found ({e})"),
                    None => format!("raw file of {doc_id} not found"),
                }),
                Some(i) => Ok(ingest::load_with(&self.files, i, &self.limits)),
            };
            self.cache.insert(doc_id.to_string(), doc);
        }
        &self.cache[doc_id]
    }
}

/// The original-text span of a raw byte span (char boundaries), if it lies in the text.
pub(super) fn orig_span(doc: &Document, start: usize, end: usize) -> Option<(usize, usize)> {
    let original = doc.text.original();
    let map = doc.text.raw_map();
    let mut a = None;
    let mut b = None;
    for i in original
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(original.len()))
    {
        let r = map.to_raw(i);
        if a.is_none() && r >= start {
            a = Some(i);
        }
        if r <= end {
            b = Some(i);
        } else {
            break;
        }
    }
    match (a, b) {
        (Some(a), Some(b)) if a <= b => Some((a, b)),
        _ => None,
    }
}

/// Up to `n` characters of `s` before byte `at` / after byte `at`, on char boundaries.
pub(super) fn chars_before(s: &str, at: usize, n: usize) -> &str {
    let start = s[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..at]
}

pub(super) fn chars_after(s: &str, at: usize, n: usize) -> &str {
    let end = s[at..]
        .char_indices()
        .nth(n)
        .map_or(s.len(), |(i, _)| at + i);
    &s[at..end]
}

pub(super) fn visible(s: &str) -> String {
    s.replace("\r\n", "\n").replace(['\n', '\r'], " \u{23CE} ")
}

/// A passage in its raw context.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Context {
    /// Line number (1-based) of the passage's start in the decoded raw text.
    pub line: Option<usize>,
    pub before: String,
    pub passage: String,
    pub after: String,
    /// Whether the raw text goes on before / after what is shown.
    #[serde(skip)]
    pub more: (bool, bool),
    /// Why there is no context, or a warning (the raw file no longer has the quote).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The passage `start..end` of `doc_id`'s raw file with `ctx` characters on each side.
pub fn context(
    raw: &mut RawFiles,
    doc_id: &str,
    start: usize,
    end: usize,
    quote: Option<&str>,
    ctx: usize,
) -> Context {
    let none = |note: String| Context {
        note: Some(note),
        ..Context::default()
    };
    let doc = match raw.load(doc_id) {
        Err(e) => return none(format!("({e})")),
        Ok(d) if !d.is_ok() => {
            return none(format!(
                "(raw file of {doc_id} is not read: {})",
                d.reason.as_deref().unwrap_or("skipped")
            ))
        }
        Ok(d) => d,
    };
    let Some((a, b)) = orig_span(doc, start, end) else {
        return none(format!(
            "(bytes {start}..{end} are outside the raw file of {doc_id}, {} bytes)",
            doc.raw.len()
        ));
    };
    let original = doc.text.original();
    let mut note = None;
    if let Some(q) = quote {
        let now = doc.raw_quote(start, end);
        if now != q {
            note = Some(format!(
                "warning: the raw file no longer has the quoted passage here (it has {:?})",
                crate::dataset_diff::short(&now, 80)
            ));
        }
    }
    let (before, after) = (
        chars_before(original, a, ctx),
        chars_after(original, b, ctx),
    );
    Context {
        line: Some(original[..a].matches('\n').count() + 1),
        more: (before.len() < a, b + after.len() < original.len()),
        before: before.to_string(),
        passage: original[a..b].to_string(),
        after: after.to_string(),
        note,
    }
}

/// A passage in its raw context: line number and `…before «passage» after…`.
pub(super) fn context_lines(
    raw: &mut RawFiles,
    doc_id: &str,
    start: usize,
    end: usize,
    quote: Option<&str>,
    ctx: usize,
) -> Vec<String> {
    let c = context(raw, doc_id, start, end, quote, ctx);
    let Some(line) = c.line else {
        return c.note.into_iter().collect();
    };
    let mut out = vec![format!(
        "line {line}: {}{}\u{ab}{}\u{bb}{}{}",
        if c.more.0 { "\u{2026}" } else { "" },
        visible(&c.before),
        visible(&c.passage),
        visible(&c.after),
        if c.more.1 { "\u{2026}" } else { "" },
    )];
    out.extend(c.note);
    out
}
