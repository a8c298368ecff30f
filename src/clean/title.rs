//! The title: which line it is, and the site name after it.

use super::*;

/// The site name after the title ("How to Sleep | Spine Daily"), when the document
/// names that site elsewhere: in its masthead, copyright line or other dropped chrome.
/// Returns the current-text range to delete (separator included).
pub(super) fn site_suffix_cut(
    text: &str,
    lines: &[LineInfo],
    fates: &[Fate],
    t: usize,
    meta: &DocMeta,
) -> Option<Range<usize>> {
    let raw_line = &text[lines[t].range.clone()];
    let trimmed = raw_line.trim_end();
    let (pos, suffix) = title_suffix(trimmed)?;
    let want = format!(" {} ", norm_phrase(suffix));
    let named = |s: &str| format!(" {} ", norm_phrase(s)).contains(&want);
    let evidence = meta.site.as_deref().is_some_and(named)
        || lines
            .iter()
            .zip(fates)
            .any(|(l, f)| f.rule().is_some_and(|r| r.starts_with('C')) && named(&l.text));
    let start = lines[t].range.start;
    evidence.then(|| start + pos..start + trimmed.len())
}

/// Separators between a title and a site name ("How to Sleep | Spine Daily").
pub(super) const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " \u{2013} ", " \u{2014} ", " :: "];

/// A title's trailing segment that may be a site name: (byte offset of the separator
/// in `text`, the segment) when the head keeps three words or more.
pub(super) fn title_suffix(text: &str) -> Option<(usize, &str)> {
    let (pos, sep) = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|p| (p, *sep)))
        .max()?;
    let (head, tail) = (&text[..pos], &text[pos + sep.len()..]);
    (word_count(head) >= 3 && (1..=5).contains(&word_count(tail))).then_some((pos, tail))
}

/// What makes two title lines the same title: the text without a site suffix.
pub(super) fn title_key(l: &LineInfo) -> String {
    match title_suffix(&l.text) {
        Some((pos, _)) => norm_phrase(&l.text[..pos]),
        None => l.norm.clone(),
    }
}

/// The title: among title-like lines before the first body paragraph, a line
/// repeated there (its copy without a site suffix, else its last copy); else the
/// last one, unless it is a generic section heading ("Introduction"). Lines above it
/// are masthead: site name, location, category.
pub(super) fn choose_title(
    lines: &[LineInfo],
    fates: &[Fate],
    first_body: usize,
    hints: &CorpusHints,
) -> Option<usize> {
    let cands: Vec<usize> = (0..first_body)
        .filter(|&i| {
            !lines[i].blank
                && !fates[i].is_drop()
                && lines[i].title_like
                // A site name recurs on many pages; an original and its spun copy
                // may share a title, so two are no evidence.
                && hints.groups_with(&lines[i].text) < 3
        })
        .collect();
    let keys: BTreeMap<usize, String> = cands.iter().map(|&i| (i, title_key(&lines[i]))).collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for k in keys.values() {
        *counts.entry(k.as_str()).or_insert(0) += 1;
    }
    // The most repeated title (later ones win ties).
    let mut best: Option<(usize, &str)> = None;
    for &i in &cands {
        let c = counts[keys[&i].as_str()];
        if c >= 2 && best.is_none_or(|(bc, _)| c >= bc) {
            best = Some((c, keys[&i].as_str()));
        }
    }
    if let Some((_, key)) = best {
        let group: Vec<usize> = cands.iter().copied().filter(|i| keys[i] == key).collect();
        return group
            .iter()
            .rev()
            .find(|&&i| lines[i].norm == key)
            .or(group.last())
            .copied();
    }
    // A headline directly above its byline ("Updated ... by ...") is the title.
    let above_byline =
        cands.iter().rev().copied().find(|&i| {
            next_nonblank(lines, i + 1).is_some_and(|k| fates[k].rule() == Some("C010"))
        });
    above_byline.or_else(|| {
        cands
            .iter()
            .rev()
            .copied()
            .find(|&i| !SECTION_HEADINGS.contains(&lines[i].norm))
    })
}
