//! The page's tail: what stands after the main text when most of it is not prose.
//!
//! After the main region (the densest run of prose), a page that goes on with link
//! lists, teasers and widgets has most of its tail words in short lines that are not
//! sentences. Such a tail goes, except the paragraphs in it that are clearly content:
//! running text of two sentences or more (or 30 words), and short headings over them.
//! A tail that is mostly prose is the article going on (after a table or a list in
//! its middle) and is left alone, and so is a tail four times longer than the main
//! text (the lists are then the page's content).

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

/// A paragraph that is content wherever it stands: running text longer than a teaser.
fn clearly_content(l: &LineInfo) -> bool {
    is_prose(&l.text) && !teaser_like(l)
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
