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

/// Lines looked at above the main text for the article's date or byline.
const META_LOOKBACK: usize = 4;

/// A line of the article's metadata: a byline or date other rules moved to meta, or
/// a short non-sentence naming a date or time, dropped or not ("Posted by Jo | 6 Nov 2012 | 3
/// comments").
fn meta_line(l: &LineInfo, f: &Fate) -> bool {
    if f.rule() == Some("C010") {
        return true;
    }
    l.words <= 20 && !ends_sentence(&l.text) && (DATE.is_match(&l.text) || TIME.is_match(&l.text))
}

/// Lines looked at in the main text's first lines for its date or byline (a
/// sidebar's blurb just above the article can start the densest run of prose).
const META_LOOKAHEAD: usize = 6;

/// The title from the main text's start (line `start`): a headline of three words
/// or more right over the article's date or byline line (one subtitle may stand
/// between), within a few lines above the main text or among its first lines before
/// its first clear paragraph. Returns the title's line.
pub(super) fn title_over_meta(lines: &[LineInfo], fates: &[Fate], start: usize) -> Option<usize> {
    let above = (0..start)
        .rev()
        .filter(|&i| !lines[i].blank)
        .take(META_LOOKBACK)
        .last()
        .unwrap_or(start);
    let window_end = (start..lines.len())
        .filter(|&i| !lines[i].blank)
        .take(META_LOOKAHEAD)
        .find(|&i| !fates[i].is_drop() && is_prose(&lines[i].text) && !teaser_like(&lines[i]))
        .unwrap_or(start);
    let m = (above..window_end)
        .rev()
        .find(|&i| !lines[i].blank && meta_line(&lines[i], &fates[i]))?;
    (0..m)
        .rev()
        .filter(|&i| !lines[i].blank && !fates[i].is_drop())
        .take(2)
        .find(|&i| {
            let l = &lines[i];
            l.title_like
                && l.words >= 3
                && !meta_line(l, &fates[i])
                && !SECTION_HEADINGS.contains(&l.norm)
        })
}
