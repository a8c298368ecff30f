//! Pass 1, lines and fates: every line is kept or dropped with a rule and a reason.

use super::*;

// ---------------------------------------------------------------------------------
// Pass 1: the line plan

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Fate {
    Keep,
    Drop {
        rule: &'static str,
        confidence: f32,
        evidence: String,
    },
}

impl Fate {
    pub(super) fn drop(rule: &'static str, confidence: f32, evidence: impl Into<String>) -> Self {
        Fate::Drop {
            rule,
            confidence,
            evidence: evidence.into(),
        }
    }
    pub(super) fn is_drop(&self) -> bool {
        matches!(self, Fate::Drop { .. })
    }
    pub(super) fn rule(&self) -> Option<&'static str> {
        match self {
            Fate::Drop { rule, .. } => Some(rule),
            Fate::Keep => None,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct LineInfo {
    pub(super) range: Range<usize>,
    pub(super) text: String,
    pub(super) norm: String,
    pub(super) words: usize,
    pub(super) blank: bool,
    pub(super) title_like: bool,
    /// A row of a data table: a name and its figures.
    pub(super) data_row: bool,
}

/// What pass 1 decided for a text.
#[derive(Debug, Clone, Default)]
pub(super) struct Plan {
    pub(super) fates: Vec<Fate>,
    pub(super) lines: Vec<LineInfo>,
    pub(super) title: Option<usize>,
    /// A site-name suffix of the title line to cut (current-text range).
    pub(super) title_cut: Option<Range<usize>>,
    pub(super) meta: DocMeta,
}

impl LineInfo {
    /// The features of a line's text (`range` is where it stands in the current text);
    /// phrases ignore a leading bullet.
    pub(super) fn new(range: Range<usize>, text: String) -> LineInfo {
        LineInfo {
            norm: norm_phrase(&BULLET_PREFIX.replace(&text, "")),
            words: word_count(&text),
            blank: text.trim().is_empty(),
            title_like: is_title_like(&text),
            data_row: data_row(&text),
            text,
            range,
        }
    }

    /// A line on its own, at offset 0 (tests).
    #[cfg(test)]
    pub(super) fn alone(text: &str) -> LineInfo {
        LineInfo::new(0..text.len(), text.to_string())
    }
}

/// Lines on their own, every one kept so far (tests of the passes over a plan).
#[cfg(test)]
pub(super) fn kept_lines(texts: &[&str]) -> (Vec<LineInfo>, Vec<Fate>) {
    let lines: Vec<LineInfo> = texts.iter().map(|t| LineInfo::alone(t)).collect();
    let fates = vec![Fate::Keep; lines.len()];
    (lines, fates)
}

pub(super) fn next_nonblank(lines: &[LineInfo], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !lines[j].blank)
}

pub(super) fn plan_lines(text: &str, hints: &CorpusHints) -> Plan {
    let lines: Vec<LineInfo> = line_ranges(text)
        .into_iter()
        .map(|r| {
            // Features of the line as layout will leave it (single spaces), so that
            // cleaning clean text decides the same; phrases ignore the bullet.
            let t = text[r.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            LineInfo::new(r, t)
        })
        .collect();
    let n = lines.len();
    let mut fates = vec![Fate::Keep; n];
    let mut meta = DocMeta::default();

    // Zone-independent chrome.
    for (i, l) in lines.iter().enumerate() {
        if l.blank {
            fates[i] = Fate::drop("S001", 1.0, "");
            continue;
        }
        fates[i] = chrome_anywhere(l, &mut meta);
    }

    comment_texts(&lines, &mut fates);
    comment_thread(&lines, &mut fates);

    // The body: from the first to the last paragraph of running text. A short line
    // that recurs in many unrelated documents (a site's tagline or notice) is not
    // the article's own text, however much it reads like a sentence.
    let prose: Vec<bool> = (0..n)
        .map(|i| {
            !lines[i].blank
                && !fates[i].is_drop()
                && is_prose(&lines[i].text)
                && hints.groups_with(&lines[i].text) < SITE_LINE_GROUPS
        })
        .collect();
    let first_body = prose.iter().position(|p| *p);
    let last_body = prose.iter().rposition(|p| *p);

    if let (Some(first), Some(last)) = (first_body, last_body) {
        for i in (0..first).chain(last + 1..n) {
            if fates[i] != Fate::Keep {
                continue;
            }
            let head = i < first;
            if let Some(f) = chrome_at_edge(&lines[i], head, Some(hints)) {
                fates[i] = f;
            }
        }
    }

    related_lists(&lines, &prose, &mut fates);
    author_bio(&lines, &mut fates);
    if let Some(first) = first_body {
        table_of_contents(&lines, first, &mut fates);
    }
    if let Some(last) = last_body {
        tail_link_list(&lines, last, &mut fates);
    }
    // Site lines after the last paragraph of the article's own prose go before the
    // main region is measured, so that they do not extend it.
    if let Some(last) = last_body {
        site_repeats(&lines, last, hints, &mut fates);
    }
    let region = main_region(&lines, &fates);
    if let Some((_, end)) = region {
        edge_after_region(&lines, end, &mut fates);
        after_main_region(&lines, end, &mut fates);
    }
    if let Some(r) = region {
        past_article_end(&lines, r, hints, &mut fates);
        link_tail(&lines, r, &mut fates);
        site_repeats(&lines, r.1, hints, &mut fates);
        chrome_context(&lines, r.1, &mut fates);
    }

    // The title is looked for above the main text when a link column stands between
    // the first prose and the main text (a sidebar's blurb before the article does
    // not end the search); running text above it stays.
    let limit = match (first_body, region) {
        (Some(first), Some((start, _))) if link_column_between(&lines, &fates, first, start) => {
            Some(start)
        }
        (first, _) => first,
    };
    let mut title = limit.and_then(|lim| choose_title(&lines, &fates, lim, hints));
    // A headline over the date line just above the main text is the title, however
    // many blurbs and widgets stand above it.
    let mut limit = limit;
    if let Some((start, _)) = region {
        if let Some(t) = title_over_meta(&lines, &fates, start) {
            // A line chosen below the headline is its subtitle or date line.
            title = Some(t);
            limit = Some(start.max(t + 1));
        }
    }
    let mut title_cut = None;
    if let (Some(t), Some(lim)) = (title, limit) {
        let key = title_key(&lines[t]);
        for i in 0..lim {
            if i == t || lines[i].blank || fates[i].is_drop() {
                continue;
            }
            if lines[i].title_like && title_key(&lines[i]) == key {
                fates[i] = Fate::drop("C013", 1.0, "repeat of the title");
            } else if i < t {
                if prose[i] && !teaser_like(&lines[i]) {
                    continue;
                }
                if meta.site.is_none() && lines[i].title_like && lines[i].words <= 6 {
                    meta.site = Some(lines[i].text.clone());
                }
                fates[i] = Fate::drop("C014", 0.8, "before the title");
            }
        }
        title_cut = site_suffix_cut(text, &lines, &fates, t, &meta);
    }
    // Lines in another script than the article's, judged against the lines kept so
    // far (so that cleaning clean text judges alike).
    let kept: Vec<&str> = (0..n)
        .filter(|&i| !fates[i].is_drop())
        .map(|i| lines[i].text.as_str())
        .collect();
    if let Some(main) = majority_script(&kept.join("\n")) {
        for i in 0..n {
            if fates[i].is_drop() || Some(i) == title {
                continue;
            }
            let (share, foreign) = foreign_share(&lines[i].text, main);
            if share >= 0.4 && foreign >= 2 {
                fates[i] = Fate::drop(
                    "C011",
                    0.9,
                    format!("{:.0}% of letters in another script", share * 100.0),
                );
            }
        }
    }

    Plan {
        fates,
        lines,
        title,
        title_cut,
        meta,
    }
}

/// Posted comments: the lines between a "Jane Doe says:" header and the comment
/// form's next line ("Reply", the next header, the reply form) or the end.
pub(super) fn comment_texts(lines: &[LineInfo], fates: &mut [Fate]) {
    for h in 0..lines.len() {
        if !COMMENT_HEADER.is_match(&lines[h].text) {
            continue;
        }
        let mut body = Vec::new();
        let mut end = None;
        for j in h + 1..lines.len() {
            if lines[j].blank {
                continue;
            }
            if fates[j].is_drop() {
                end = Some(j);
                break;
            }
            body.push(j);
        }
        let closed = end.is_none_or(|k| fates[k].rule() == Some("C006"));
        if closed && (1..=8).contains(&body.len()) {
            for j in body {
                fates[j] = Fate::drop("C006", 0.8, "text of a posted comment");
            }
        }
    }
}

/// Chrome recognisable wherever the line stands.
pub(super) fn chrome_anywhere(l: &LineInfo, meta: &mut DocMeta) -> Fate {
    let t = l.text.as_str();
    if glyph_only(t) {
        return Fate::drop("C012", 1.0, "no letters");
    }
    if let Some(site) = copyright(t) {
        if meta.site.is_none() {
            meta.site = site;
        }
        return Fate::drop("C008", 1.0, "copyright notice");
    }
    if let Some(b) = byline(t) {
        if meta.byline.is_none() {
            meta.byline = b.byline;
        }
        if meta.date.is_none() {
            meta.date = b.date;
        }
        return Fate::drop("C010", 0.9, "byline or date, moved to meta");
    }
    if l.words <= 3 && FORM_FIELD.is_match(t) {
        return Fate::drop("C006", 1.0, "form field");
    }
    if COMMENT_HEADER.is_match(t) {
        return Fate::drop("C006", 0.9, "comment header");
    }
    if let Some((rule, ev)) = short_chrome(t, &l.norm, l.words, false) {
        return Fate::drop(rule, 1.0, ev);
    }
    if let Some(ev) = breadcrumb(t, false) {
        return Fate::drop("C001", 0.9, ev);
    }
    if let Some((rule, ev)) = link_bar(t, false) {
        return Fate::drop(rule, 0.9, ev);
    }
    Fate::Keep
}

/// Chrome recognisable only before the first or after the last body paragraph. Without
/// `hints`, repetition across documents is left out (and no question is asked of the
/// corpus, so an incremental run's record of cleaning's questions stays exact).
pub(super) fn chrome_at_edge(
    l: &LineInfo,
    head: bool,
    hints: Option<&CorpusHints>,
) -> Option<Fate> {
    if let Some((rule, ev)) = short_chrome(&l.text, &l.norm, l.words, true) {
        return Some(Fate::drop(rule, 0.9, format!("{ev} outside the body")));
    }
    if let Some(ev) = breadcrumb(&l.text, head) {
        return Some(Fate::drop("C001", 0.8, ev));
    }
    if let Some((rule, ev)) = link_bar(&l.text, true) {
        return Some(Fate::drop(rule, 0.8, format!("{ev} outside the body")));
    }
    // Repetition across unrelated documents is evidence, not proof: for short
    // non-sentences after the body, and above the body for lines in more documents
    // (a title shared by an original and its spun copy is in two).
    let groups = hints.map_or(0, |h| h.groups_with(&l.text));
    if !head && groups >= 2 && l.words <= 8 && !ends_sentence(&l.text) {
        return Some(Fate::drop(
            "C015",
            0.7,
            format!("short line after the body, in {groups} unrelated documents"),
        ));
    }
    if head && groups >= SITE_LINE_GROUPS {
        return Some(Fate::drop(
            "C015",
            0.7,
            format!("short line above the body, in {groups} unrelated documents"),
        ));
    }
    None
}

/// Unrelated documents a short line must recur in to count as the site's, not the
/// article's, wherever it stands.
pub(super) const SITE_LINE_GROUPS: usize = 3;

/// A line that can be an entry of a "related" list: a short title, maybe bulleted.
pub(super) fn related_entry(l: &LineInfo) -> bool {
    let t = BULLET_PREFIX.replace(&l.text, "");
    let words = word_count(&t);
    (1..=16).contains(&words) && !ends_sentence(&t) && t.chars().any(|c| c.is_alphabetic())
}

pub(super) static BULLET_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[•·▪◦●○■□‣⁃∙*–—-]\s+").unwrap());

/// Under a "related" header, the short title lines go with it, up to the first line
/// that is running text, a heading of running text, or other chrome.
pub(super) fn related_lists(lines: &[LineInfo], prose: &[bool], fates: &mut [Fate]) {
    let n = lines.len();
    for h in 0..n {
        if fates[h].rule() != Some("C007") {
            continue;
        }
        let mut j = h + 1;
        while j < n {
            if lines[j].blank {
                j += 1;
                continue;
            }
            match fates[j].rule() {
                // Dates and ads inside the list do not end it.
                Some("C010" | "C003" | "S001") => {
                    j += 1;
                    continue;
                }
                Some(_) => break,
                None => {}
            }
            if prose[j] || !related_entry(&lines[j]) {
                break;
            }
            // A heading introduces running text; a list entry does not.
            if next_nonblank(lines, j + 1).is_some_and(|k| prose[k]) {
                break;
            }
            fates[j] = Fate::drop("C007", 0.8, "entry of a related-links list");
            j += 1;
        }
    }
}

/// Under an "About the author" header, the paragraph that follows (up to the next
/// blank line, at most three lines) goes with it.
pub(super) fn author_bio(lines: &[LineInfo], fates: &mut [Fate]) {
    for h in 0..lines.len() {
        if fates[h].rule() != Some("C018") {
            continue;
        }
        let block: Vec<usize> = (h + 1..lines.len())
            .skip_while(|&j| lines[j].blank)
            .take_while(|&j| !lines[j].blank)
            .collect();
        let words: usize = block.iter().map(|&j| lines[j].words).sum();
        if block.len() <= 3 && words <= 120 {
            for j in block {
                fates[j] = Fate::drop("C018", 0.8, "paragraph under an author-bio header");
            }
        }
    }
}

/// A table of contents: a run of two or more distinct short lines before the first
/// body paragraph, each of which recurs as a line after it (the headings it links to).
pub(super) fn table_of_contents(lines: &[LineInfo], first_body: usize, fates: &mut [Fate]) {
    let later: HashSet<&str> = lines[first_body..]
        .iter()
        .filter(|l| !l.blank)
        .map(|l| l.norm.as_str())
        .collect();
    let entry: Vec<bool> = (0..first_body)
        .map(|i| {
            let l = &lines[i];
            !l.blank
                && !fates[i].is_drop()
                && (1..=10).contains(&l.words)
                && !ends_with_stop(&l.text)
                && later.contains(l.norm.as_str())
        })
        .collect();
    let mut i = 0;
    while i < first_body {
        if !entry[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < first_body && entry[i] {
            i += 1;
        }
        let distinct: HashSet<&str> = (start..i).map(|k| lines[k].norm.as_str()).collect();
        if distinct.len() >= 2 {
            for fate in &mut fates[start..i] {
                *fate = Fate::drop("C017", 0.8, "contents entry that recurs as a heading");
            }
        }
    }
}

/// Ends with sentence or clause punctuation (a headline or header does not).
pub(super) fn ends_with_stop(s: &str) -> bool {
    matches!(
        sentence_end(s),
        Some('.' | '!' | '?' | '…' | ',' | ';' | ':')
    )
}

/// A headline of another article: Title Case, three to fourteen words, no end stop.
pub(super) fn headline_like(l: &LineInfo) -> bool {
    // Headlines may be questions ("Is Walking Good for Sciatica?").
    let stop = matches!(
        sentence_end(&l.text),
        Some('.' | '!' | '…' | ',' | ';' | ':')
    );
    if !l.title_like || !(3..=14).contains(&l.words) || stop {
        return false;
    }
    let long: Vec<&str> = l
        .text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    !long.is_empty() && capitalised * 10 >= long.len() * 8
}

/// After the last paragraph of running text, a short header followed by nothing but
/// two or more headlines (and chrome) to the end is a list of links to other articles,
/// whatever words its header uses ("You might also enjoy", "More on this").
pub(super) fn tail_link_list(lines: &[LineInfo], last_body: usize, fates: &mut [Fate]) {
    let rest: Vec<usize> = (last_body + 1..lines.len())
        .filter(|&i| !lines[i].blank && !fates[i].is_drop())
        .collect();
    let Some((&header, entries)) = rest.split_first() else {
        return;
    };
    let h = &lines[header];
    let header_ok = h.title_like && (1..=6).contains(&h.words) && !ends_with_stop(&h.text);
    if !header_ok || entries.len() < 2 || !entries.iter().all(|&i| headline_like(&lines[i])) {
        return;
    }
    for &i in &rest {
        fates[i] = Fate::drop("C007", 0.6, "header and list of headlines after the body");
    }
}
