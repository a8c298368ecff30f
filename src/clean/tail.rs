//! The page's tail: what stands after the main text when most of it is not prose.
//!
//! After the main region (the densest run of prose), a page that goes on with link
//! lists, teasers and widgets has most of its tail words in short lines that are not
//! sentences. Such a tail goes, except the paragraphs in it that are clearly content:
//! running text of two sentences or more (or 30 words), and short headings over them.
//! A tail that is mostly prose is the article going on (after a table or a list in
//! its middle) and is left alone, and so is a tail four times longer than the main
//! text (the lists are then the page's content).
//!
//! Past the article's end ([`past_article_end`]): once a line that closes an article
//! (share bar, comment form, copyright, post links) stands in the last third of the
//! running text, what follows goes unless it is mostly sentences; a line that never
//! stands inside an article (comment form, copyright, author bio, comment thread,
//! tags and footer links) ends it already in the second half.

use super::*;

/// Share of a tail's words in sentences or bulleted items (in percent) below which
/// the tail is link lists and widgets rather than more of the article.
const TAIL_PROSE_PERCENT: usize = 40;

/// The main text's running words must be at least this share (in percent) of the
/// tail's words: a page whose prose is short beside long lists of headlines or lines
/// of verse is a list page (a portal, lyrics), and its lists are its content.
const TAIL_REGION_PERCENT: usize = 25;

/// Fewest kept lines in a tail for its shape to be judged.
const TAIL_MIN_LINES: usize = 4;

/// A line the page's author typed a bullet for (browsers render a page's own lists
/// without one).
pub(super) fn typed_bullet(l: &LineInfo) -> bool {
    let t = l.text.trim_start();
    let mut chars = t.chars();
    matches!(chars.next(), Some('\u{2022}' | '*' | '-' | '\u{2013}')) && chars.next() == Some(' ')
}

/// A paragraph that is content wherever it stands: running text longer than a teaser,
/// or a row of a data table.
fn clearly_content(l: &LineInfo) -> bool {
    (is_prose(&l.text) && !teaser_like(l)) || l.data_row
}

/// Drops the kept lines after the main region's last line `end` when the tail is
/// mostly not prose, keeping clear paragraphs and the short headings over them.
pub(super) fn link_tail(lines: &[LineInfo], region: (usize, usize), fates: &mut [Fate]) {
    let end = region.1;
    let region_words: usize = (region.0..=end)
        .filter(|&i| !lines[i].blank && !fates[i].is_drop() && is_prose(&lines[i].text))
        .map(|i| lines[i].words)
        .sum();
    let rest: Vec<usize> = (end + 1..lines.len())
        .filter(|&i| !lines[i].blank && !fates[i].is_drop())
        .collect();
    if rest.len() < TAIL_MIN_LINES {
        return;
    }
    let words: usize = rest.iter().map(|&i| lines[i].words).sum();
    let prose_words: usize = rest
        .iter()
        .filter(|&&i| is_prose(&lines[i].text) || typed_bullet(&lines[i]))
        .map(|&i| lines[i].words)
        .sum();
    if prose_words * 100 >= words * TAIL_PROSE_PERCENT {
        return;
    }
    if region_words * 100 < words * TAIL_REGION_PERCENT {
        return;
    }
    for (k, &i) in rest.iter().enumerate() {
        let l = &lines[i];
        let heads_content = l.title_like
            && l.words <= 8
            && rest.get(k + 1).is_some_and(|&n| clearly_content(&lines[n]));
        if clearly_content(l) || heads_content {
            continue;
        }
        fates[i] = Fate::drop(
            "C022",
            0.6,
            "in a tail of links and teasers after the main text",
        );
    }
}

/// Rules whose lines say the article is over: share bars, comment forms,
/// "Related posts" headers, copyright lines, post navigation and tags, author bios,
/// comment threads.
const END_MARKERS: &[&str] = &["C004", "C006", "C007", "C008", "C018", "C019", "C021"];

/// End markers that end the article already in the second half of its running text:
/// rules whose lines do not stand inside an article.
const HALF_END_MARKERS: &[&str] = &["C006", "C008", "C018", "C019", "C021"];

/// Past the article's end: after the main region, once a line of an end-marking rule
/// has gone in the last third of the running text (from the main region's start), or
/// a line of [`HALF_END_MARKERS`] in its second half, what is left of the page goes
/// too (sidebars, teasers, widgets), unless 85% of the words after the marker are
/// sentences or bulleted items (the article may go on after a share bar in its middle).
pub(super) fn past_article_end(
    lines: &[LineInfo],
    region: (usize, usize),
    hints: &CorpusHints,
    fates: &mut [Fate],
) {
    let n = lines.len();
    let start = region.0;
    let kept = |i: usize, fates: &[Fate]| !lines[i].blank && !fates[i].is_drop();
    let prose = |i: usize, fates: &[Fate]| kept(i, fates) && is_prose(&lines[i].text);
    let total: usize = (start..n)
        .filter(|&i| prose(i, fates))
        .map(|i| lines[i].words)
        .sum();
    // A comment counter ends the article, unless the page has one per post (a
    // list of posts).
    let counter = |i: usize| {
        fates[i].rule() == Some("C006") && lines[i].text.contains(|c: char| c.is_ascii_digit())
            || comment_count_line(&lines[i])
    };
    let per_post_counters = (0..n).filter(|&i| counter(i)).count() >= 2;
    // The first marker with at least twice as much running text above it (from the
    // main region's start) as below it.
    // A kept line that would close an article at the page's edge (tags, "Comments are
    // closed", a share bar's words) closes it here too when a sidebar's prose follows.
    let edge_marker = |i: usize, fates: &[Fate]| {
        if !kept(i, fates) || is_prose(&lines[i].text) {
            return None;
        }
        chrome_at_edge(&lines[i], false, Some(hints))
            .filter(|f| f.rule().is_some_and(|r| END_MARKERS.contains(&r)))
    };
    let mut above = 0usize;
    let mut marker = None;
    for i in start..n {
        if prose(i, fates) {
            above += lines[i].words;
        }
        // Cheapest test first: the phrase rules run only on lines in the last third;
        // in the second half only lines already dropped by a rule that never stands
        // inside an article (a comment form, a copyright line, an author bio, a
        // comment thread, tags) end it, not a related-links box or a share bar.
        if (total - above) > above {
            continue;
        }
        let last_third = (total - above) * 2 < above;
        let edge = if last_third {
            edge_marker(i, fates)
        } else {
            None
        };
        let markers = if last_third {
            END_MARKERS
        } else {
            HALF_END_MARKERS
        };
        let ends = (fates[i].rule().is_some_and(|r| markers.contains(&r)) || edge.is_some())
            && !(per_post_counters && counter(i));
        if ends {
            marker = Some((i, edge));
            break;
        }
    }
    let Some((marker, edge)) = marker else {
        return;
    };
    // What follows a share bar in the middle of an article is mostly paragraphs (and
    // the headings and lists between them); what follows the end of one (teasers,
    // link columns, widgets) has many words in short lines that are not sentences.
    // A line with a typed bullet is the author's list.
    let bulleted = |i: usize| typed_bullet(&lines[i]);
    let tail = (marker + 1..n).filter(|&i| kept(i, fates));
    let tail_words: usize = tail.clone().map(|i| lines[i].words).sum();
    let tail_prose_words: usize = tail
        .filter(|&i| prose(i, fates) || bulleted(i))
        .map(|i| lines[i].words)
        .sum();
    // The article goes on when at least 85% of the words after the marker are in
    // sentences or bulleted items.
    if tail_prose_words * 20 >= tail_words * 17 {
        return;
    }
    if let Some(f) = edge {
        fates[marker] = f;
    }
    for i in marker + 1..n {
        if kept(i, fates) {
            fates[i] = Fate::drop("C020", 0.6, "past the end of the article");
        }
    }
}
