//! Block-level evidence: comment threads and the main content region.
//!
//! Both work on the whole line plan, in one or two linear scans:
//! - A comment thread is a run of comment headers (author and a date or time, or
//!   "Jane says:") that recur with the same shape after the article, each followed by
//!   a short text. From its first header to the end of the page everything goes.
//! - The main content region is the densest run of prose (a maximum-sum segment
//!   over line scores: running text counts for, short non-sentences against). After
//!   it, short lines and one-sentence teasers go; long running text stays.

use super::*;

/// A time of day or a relative age: "3:56 pm", "10:02PM", "3 hours ago", "3H ago".
pub(super) static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\b\.?)?|\b\d+\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)\s+ago\b",
    )
    .unwrap()
});

/// Words a comment header may carry besides the author and the date.
const COMMENT_WORDS: &[&str] = &[
    "at",
    "on",
    "by",
    "says",
    "said",
    "wrote",
    "posted",
    "comment",
    "reply",
    "replied",
    "pm",
    "am",
    "ago",
    "edt",
    "est",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "cet",
    "permalink",
    "link",
    "report",
];

/// Whether a line has the shape of a comment's header: a short non-sentence naming a
/// date or time ("Jane Doe July 3, 2012 at 4:54 pm", "Comment #4 - Posted by: Drew at
/// ..."), or "Jane says:". Returns the shape key that headers of one thread share.
pub(super) fn comment_header_shape(l: &LineInfo) -> Option<String> {
    if l.blank || l.words > 16 || ends_sentence(&l.text) || cites_a_title(&l.text) {
        return None;
    }
    let dated = DATE.is_match(&l.text) || TIME.is_match(&l.text);
    let says = COMMENT_HEADER.is_match(&l.text);
    if !dated && !says {
        return None;
    }
    let (shape, names) = header_shape(&l.text);
    // The words of a line that end up as a name ("N") may not dominate a date line:
    // a header names one author, not a sentence.
    let name_words = header_name(&l.text).split(' ').count();
    ((1..=2).contains(&names) && name_words <= 5).then(|| shape.join(" "))
}

/// A line that quotes a title between double quotes: an entry of a reference list
/// ("Doe, Jane (3 May 2014). \"A Review\""), not a comment's header.
pub(super) fn cites_a_title(t: &str) -> bool {
    let straight = t.matches('"').count() >= 2;
    let curly = t.contains('\u{201c}') && t.contains('\u{201d}');
    straight || curly
}

/// How the shape of a header split over two lines starts.
const SPLIT_SHAPE: &str = "N / ";

/// Most words of a name line over a comment's date line.
const NAME_LINE_MAX_WORDS: usize = 4;

/// A comment header split over two lines: the author's name alone on a line, then a
/// line of nothing but the date or time ("Kim" / "August 9, 2012 at 2:07 pm"). Returns
/// the shape the headers of one thread share.
pub(super) fn split_header_shape(name: &LineInfo, date: &LineInfo) -> Option<String> {
    let name_ok = !name.blank
        && (1..=NAME_LINE_MAX_WORDS).contains(&name.words)
        && !ends_with_stop(&name.text)
        && !DATE.is_match(&name.text)
        && !TIME.is_match(&name.text);
    if !name_ok || date.blank || date.words > 10 || ends_sentence(&date.text) {
        return None;
    }
    if !(DATE.is_match(&date.text) || TIME.is_match(&date.text)) {
        return None;
    }
    let (shape, names) = header_shape(&date.text);
    (names == 0).then(|| format!("{SPLIT_SHAPE}{}", shape.join(" ")))
}

/// The shape of a header line (names, numbers, dates and times folded) and how many
/// name runs it has.
fn header_shape(text: &str) -> (Vec<String>, usize) {
    // The shape: the line with names, numbers and dates folded, so that the headers
    // of one thread compare equal whoever wrote them.
    let folded = TIME.replace_all(text, " T ");
    let folded = DATE.replace_all(&folded, " D ");
    let mut shape: Vec<String> = Vec::new();
    for w in folded.split_whitespace() {
        let lw = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let tok = if w == "T" || w == "D" {
            w.to_string()
        } else if COMMENT_WORDS.contains(&lw.as_str()) {
            lw
        } else if lw.chars().all(|c| c.is_ascii_digit()) && !lw.is_empty() {
            "#".to_string()
        } else if lw.is_empty() {
            w.chars().filter(|c| !c.is_whitespace()).take(1).collect()
        } else {
            "N".to_string()
        };
        if tok == "N" && shape.last().is_some_and(|s| s == "N") {
            continue;
        }
        shape.push(tok);
    }
    let names = shape.iter().filter(|s| *s == "N").count();
    (shape, names)
}

/// Headers of a thread one under another with nothing between them, at most one in
/// this many (a schedule or a log has them in a row).
const THREAD_MAX_ADJACENT_SHARE: usize = 3;

/// Headers of one shape needed to call a run a comment thread.
const THREAD_MIN_HEADERS: usize = 3;
/// Most words between two headers of one thread (a long comment).
const THREAD_MAX_GAP: usize = 1000;
/// Most words of a thread's typical (median) comment.
const THREAD_MAX_MEDIAN: usize = 400;
/// Fewest words of running text above a thread (a forum's first post has its own
/// header, so the text above a forum thread is short).
const THREAD_MIN_ARTICLE: usize = 40;
/// The article above a thread is longer than this many typical comments (on a forum page
/// or a blog's list of posts the entries are the content and the text above is short).
const THREAD_ARTICLE_PER_COMMENT: usize = 2;

/// The name part of a comment header: the line without dates, times, numbers and
/// the header's own words, lower case.
fn header_name(t: &str) -> String {
    let folded = TIME.replace_all(t, " ");
    let folded = DATE.replace_all(&folded, " ");
    folded
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| {
            !w.is_empty()
                && !COMMENT_WORDS.contains(&w.as_str())
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A line that reads as a remark: running text, or a line ending a sentence, clause
/// or question, that names no date (the entries of a reference list or the rows of a
/// log table are dated between their dated headers; a comment's text is not).
fn says_something(l: &LineInfo) -> bool {
    (is_prose(&l.text) || ends_with_stop(&l.text) || sentence_end(&l.text) == Some('?'))
        && !DATE.is_match(&l.text)
        && !TIME.is_match(&l.text)
}

/// Whether a run of headers of one shape is a comment thread: three or more,
/// written by several people, over texts shorter than the article above them.
fn thread_run(
    lines: &[LineInfo],
    heads: &[usize],
    kept: &dyn Fn(usize) -> bool,
    gap_words: &dyn Fn(usize, usize) -> usize,
) -> bool {
    if heads.len() < THREAD_MIN_HEADERS {
        return false;
    }
    // Comments are written by many people; a blog's list of posts names one author.
    let mut names: HashMap<String, usize> = HashMap::new();
    for &h in heads {
        *names.entry(header_name(&lines[h].text)).or_insert(0) += 1;
    }
    // A site's list of news posts is written by a few staff, a thread by many: a
    // name for every three headers at least.
    if names.values().any(|&c| c * 2 > heads.len()) || names.len() * 3 < heads.len() {
        return false;
    }
    // Comments say something: most headers stand over a sentence, not over a
    // headline (a box of teasers with author and date lines has that shape too), a
    // dated line (a reference list) or the next header (the rows of a dated table).
    let said = heads
        .iter()
        .enumerate()
        .filter(|&(k, &h)| {
            let end = heads.get(k + 1).copied().unwrap_or(lines.len());
            (h + 1..end).any(|j| kept(j) && says_something(&lines[j]))
        })
        .count();
    if said * 2 < heads.len() {
        return false;
    }
    // A schedule or a log has its dated lines one under another ("6:30 Drinks" /
    // "7:00 Talk"); comments stand between the headers of a thread.
    let next_kept = |h: usize| (h + 1..lines.len()).find(|&j| kept(j));
    let adjacent = heads
        .windows(2)
        .filter(|w| next_kept(w[0]) == Some(w[1]))
        .count();
    if adjacent * THREAD_MAX_ADJACENT_SHARE > heads.len() {
        return false;
    }
    let mut gaps: Vec<usize> = heads.windows(2).map(|w| gap_words(w[0], w[1])).collect();
    gaps.sort_unstable();
    let median = gaps.get(gaps.len() / 2).copied().unwrap_or(0);
    let article: usize = (0..heads[0])
        .filter(|&j| kept(j) && is_prose(&lines[j].text))
        .map(|j| lines[j].words)
        .sum();
    article >= THREAD_MIN_ARTICLE.max(THREAD_ARTICLE_PER_COMMENT * median)
        && median <= THREAD_MAX_MEDIAN
}

/// Nouns that name posted comments (data file, several languages).
static COMMENT_NOUNS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    data_lines(include_str!("../../data/clean_comment_nouns.txt"))
        .map(|w| w.to_lowercase())
        .collect()
});

/// A word with a count in brackets right after it: "Comments (12)", "Replies [4]".
static BRACKET_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{L}+)\s*[\[(]\s*\d+\s*[\])]").unwrap());

/// Most words before the count in a sentence that announces a comment section.
const COUNT_LEAD_WORDS: usize = 2;

/// Most words of a line that announces a comment section.
const COMMENT_COUNT_MAX_WORDS: usize = 12;

/// Whether a line announces a page's comment section with a count: a short
/// non-sentence where a number stands next to a noun naming comments ("69 comments…",
/// "Comments (12)", "46 Responses to ...", "Search 254 Comments").
pub(super) fn comment_count_line(l: &LineInfo) -> bool {
    if l.blank || l.words > COMMENT_COUNT_MAX_WORDS {
        return false;
    }
    // A post's footer on a blog's front page ("posted by Jo @ 10:48 PM | 4 comments")
    // links to its comments; it announces no section below it.
    if DATE.is_match(&l.text) || TIME.is_match(&l.text) {
        return false;
    }
    let toks: Vec<String> = l
        .text
        .split(|c: char| c.is_whitespace() || "(){}[]:,.…|".contains(c))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let number = |w: &str| w.chars().all(|c| c.is_ascii_digit());
    // A count after its noun labels a section only at the line's start ("Comments
    // (12)", "Reader comments 12"); deeper in the line it is a comment's own rating or
    // vote tally ("Please rate this comment: 3 1"), one per comment.
    // A count in brackets right after the noun ("Add/View Comments [10]") is a
    // counter wherever it stands.
    let bracketed = BRACKET_COUNT
        .captures_iter(&l.text)
        .any(|c| COMMENT_NOUNS.contains(&c[1].to_lowercase()));
    let count_at = toks.windows(2).enumerate().position(|(k, p)| {
        (number(&p[0]) && COMMENT_NOUNS.contains(&p[1]))
            || ((k < COUNT_LEAD_WORDS || bracketed)
                && COMMENT_NOUNS.contains(&p[0])
                && number(&p[1]))
    });
    // A sentence may announce them too ("There are 27 comments."), or name the post
    // it is about ('46 Comments on "Why ...?"'), when the count comes first.
    // A count of one is a reply's note ("1 reply beneath your threshold."), not a section.
    count_at.is_some_and(|k| {
        let many = toks[k..k + 2]
            .iter()
            .any(|w| w.parse::<u32>().is_ok_and(|v| v >= 2));
        !ends_sentence(&l.text) || (k <= COUNT_LEAD_WORDS && many)
    })
}

/// Lines after an announced comment section that show its structure: comment
/// headers of one shape, or short reply links.
const COUNTED_THREAD_MIN_MARKS: usize = 3;
/// Fewest words of running text above an announced comment section.
const COUNTED_THREAD_MIN_ARTICLE: usize = 30;

/// A short line about replying to, rating or flagging a comment ("Reply", "Login to
/// reply", "Flag this comment", "Please rate this comment").
fn reply_line(l: &LineInfo) -> bool {
    l.words <= 8
        && l.norm.split(' ').any(|w| {
            matches!(
                w,
                "reply" | "antworten" | "répondre" | "responder" | "rispondi"
            ) || (l.words >= 2 && COMMENT_NOUNS.contains(w))
        })
}

/// Where an announced comment section starts: the first line after some running text
/// that announces comments with a count, when at least three comment headers of one
/// shape or reply links follow it before the next such line (on a list of posts,
/// each post's count line is followed by one post, not by comments).
fn counted_thread_start(lines: &[LineInfo], kept: &dyn Fn(usize) -> bool) -> Option<usize> {
    let n = lines.len();
    // Other rules may have dropped the count line and the reply links already
    // (chrome words): they are evidence all the same.
    let counts: Vec<usize> = (0..n).filter(|&i| comment_count_line(&lines[i])).collect();
    let mut article = 0usize;
    let mut next_count = 0usize;
    for i in 0..n {
        if counts.get(next_count) == Some(&i) {
            next_count += 1;
            let end = counts.get(next_count).copied().unwrap_or(n);
            if article >= COUNTED_THREAD_MIN_ARTICLE && comment_structure(lines, i + 1..end) {
                return Some(i);
            }
        }
        if kept(i) && is_prose(&lines[i].text) {
            article += lines[i].words;
        }
    }
    None
}

/// Whether the kept lines of `range` show comments: three or more short dated lines
/// (each comment's date) or short lines about replying, rating or flagging a comment.
fn comment_structure(lines: &[LineInfo], range: Range<usize>) -> bool {
    let mut dated = 0;
    let mut replies = 0;
    let (range_start, range_end) = (range.start, range.end);
    for i in range {
        let l = &lines[i];
        if l.blank || l.words > COMMENT_MARK_MAX_WORDS || ends_sentence(&l.text) {
            continue;
        }
        if reply_line(l) {
            replies += 1;
        }
        // A comment's date stands next to what it says (above or below it); a row of
        // a dated table or a byline over a heading does not.
        // (The author's name may stand between them.)
        let near = (range_start..i)
            .rev()
            .filter(|&j| !lines[j].blank)
            .take(2)
            .chain((i + 1..range_end).filter(|&j| !lines[j].blank).take(2))
            .any(|j| says_something(&lines[j]));
        // A row of a dated table is no comment's date (a date alone on its line may
        // look like a row: a name and figures).
        let row = l.data_row && !DATE_LINE.is_match(&l.text);
        if (DATE.is_match(&l.text) || TIME.is_match(&l.text)) && near && !row {
            dated += 1;
        }
    }
    dated >= COUNTED_THREAD_MIN_MARKS || replies >= COUNTED_THREAD_MIN_MARKS
}

/// Most words of a comment's date line or reply link.
const COMMENT_MARK_MAX_WORDS: usize = 20;

/// Comment threads after the article: drops from the thread's first header (and a
/// short header line above it, "12 comments") to the end of the page. The article
/// before it must be longer than a typical comment, so that a forum page or a blog's
/// list of posts, where every entry has the same header, is left alone.
pub(super) fn comment_thread(lines: &[LineInfo], fates: &mut [Fate]) {
    let n = lines.len();
    let kept = |i: usize| !lines[i].blank && !fates[i].is_drop();
    let candidate =
        |i: usize| kept(i) || fates[i].rule() == Some("C006") || fates[i].rule() == Some("C010");
    let mut shapes: Vec<Option<String>> = (0..n)
        .map(|i| {
            candidate(i)
                .then(|| comment_header_shape(&lines[i]))
                .flatten()
        })
        .collect();
    // Headers split over a name line and a date line stand at the name line.
    let mut prev: Option<usize> = None;
    for i in 0..n {
        if lines[i].blank {
            continue;
        }
        if let Some(p) = prev.filter(|&p| shapes[p].is_none() && shapes[i].is_none()) {
            if candidate(i) && kept(p) {
                shapes[p] = split_header_shape(&lines[p], &lines[i]);
            }
        }
        prev = Some(i);
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in shapes.iter().flatten() {
        *counts.entry(s.as_str()).or_insert(0) += 1;
    }
    // No header shape at all leaves only the announced section to look for (a
    // header shape is never empty, so no line matches "").
    let shape = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(s, _)| s.to_string())
        .unwrap_or_default();
    let all_heads: Vec<usize> = (0..n)
        .filter(|&i| shapes[i].as_deref() == Some(shape.as_str()))
        .collect();
    let gap_words = |a: usize, b: usize| -> usize {
        (a + 1..b)
            .filter(|&j| kept(j))
            .map(|j| lines[j].words)
            .sum()
    };
    // Headers closer than a long comment form one run; the thread is the run with
    // the most headers (the later one on a tie).
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for &h in &all_heads {
        match runs.last_mut() {
            Some(run) if gap_words(*run.last().unwrap_or(&h), h) <= THREAD_MAX_GAP => run.push(h),
            _ => runs.push(vec![h]),
        }
    }
    // The thread starts at the first run that passes as one.
    let thread = runs
        .iter()
        .find(|r| thread_run(lines, r, &kept, &gap_words))
        .map(|heads| {
            let start = heads[0];
            // A short header line right above the first comment ("12 Responses").
            let mut from = start;
            if let Some(k) = (0..start).rev().find(|&k| kept(k)) {
                let l = &lines[k];
                if l.words <= 8
                    && !ends_with_stop(&l.text)
                    && l.text.chars().any(|c| c.is_ascii_digit())
                {
                    from = k;
                }
            }
            (
                from,
                format!(
                    "inside a comment thread ({} headers of one shape)",
                    heads.len()
                ),
            )
        });
    // A section announced with its count ("69 comments") needs less article above
    // it: the announcement says what follows are comments, not a forum's posts.
    let counted = counted_thread_start(lines, &kept).map(|i| {
        (
            i,
            "inside a comment section announced with its count".to_string(),
        )
    });
    let Some((from, why)) = [thread, counted].into_iter().flatten().min_by_key(|t| t.0) else {
        return;
    };
    let keep: Vec<bool> = (0..n).map(kept).collect();
    for j in from..n {
        if keep[j] {
            fates[j] = Fate::drop("C019", 0.8, why.clone());
        }
    }
}

/// A short non-sentence that reads like a link, label or headline rather than a line
/// of verse or a list item in running words: three words at most, or Title Case.
pub(super) fn chrome_shaped(l: &LineInfo) -> bool {
    if l.words <= 3 {
        return true;
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

/// A long line in Title Case that ends no sentence: a headline or a teaser's link
/// ("Legends of the Hidden Valley Is the Best Example of a Quiet Game"), however
/// many function words it has.
pub(super) fn headline_shaped(l: &LineInfo) -> bool {
    !ends_with_stop(&l.text) && sentence_end(&l.text) != Some('?') && chrome_shaped(l)
}

/// How much a kept line counts for the main region: running text for, short
/// non-sentences against.
fn region_score(l: &LineInfo) -> i64 {
    let w = l.words as i64;
    // A long headline (Title Case, no sentence end) has the function words of running
    // text but is a link to another page: a list of them is no main text.
    if is_prose(&l.text) && !headline_shaped(l) {
        w.min(120)
    } else if chrome_shaped(l) {
        -(w.clamp(3, 12))
    } else {
        // A short line in running words (verse, a list item) is neutral.
        0
    }
}

/// A later run of prose must score this many times the first one's to be the main
/// text instead (the article comes before its comments and sidebars).
const REGION_LATER_FACTOR: i64 = 2;

/// The main content region: a segment of kept lines with a large score sum, found in
/// one linear scan (Kadane's, restarting where the running sum falls to zero). Each
/// restart begins a candidate; the first candidate wins unless a later one scores
/// more than twice as much. Returns the first and last line of it.
pub(super) fn main_region(lines: &[LineInfo], fates: &[Fate]) -> Option<(usize, usize)> {
    // Candidates: (best prefix sum, start, end) per restart.
    let mut cands: Vec<(i64, usize, usize)> = Vec::new();
    let mut cur = 0i64;
    for (i, l) in lines.iter().enumerate() {
        if l.blank || fates[i].is_drop() {
            continue;
        }
        let s = region_score(l);
        if cur <= 0 {
            if s <= 0 {
                continue;
            }
            cur = s;
            cands.push((s, i, i));
        } else {
            cur += s;
        }
        if let Some(c) = cands.last_mut() {
            if cur > c.0 {
                c.0 = cur;
                c.2 = i;
            }
        }
    }
    let mut chosen: Option<(i64, usize, usize)> = None;
    for c in cands {
        if chosen.is_none_or(|b| c.0 > b.0 * REGION_LATER_FACTOR) {
            chosen = Some(c);
        }
    }
    chosen.map(|(_, a, b)| (a, b))
}

/// Short link-like lines in a row before the main text that show the prose above
/// them is a sidebar, not the article's start.
const HEAD_LINK_RUN: usize = 4;

/// Whether a run of short link-like lines (a menu, an archive widget) stands
/// between line `from` and line `to`.
pub(super) fn link_column_between(
    lines: &[LineInfo],
    fates: &[Fate],
    from: usize,
    to: usize,
) -> bool {
    let mut run = 0;
    for i in from..to.min(lines.len()) {
        let l = &lines[i];
        if l.blank || fates[i].is_drop() {
            continue;
        }
        if !is_prose(&l.text) && l.words <= 16 && !ends_with_stop(&l.text) && chrome_shaped(l) {
            run += 1;
            if run >= HEAD_LINK_RUN {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// A teaser: one sentence of under 30 words (a summary under a headline).
pub(super) fn teaser_like(l: &LineInfo) -> bool {
    l.words < 30 && !two_sentences(&l.text)
}

/// A list item's number alone on a line: "1.", "12)", "#3".
pub(super) fn list_number(t: &str) -> bool {
    let t = t.trim();
    let digits = t.trim_start_matches('#').trim_end_matches(['.', ')']);
    (1..=3).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

/// Short link-like lines in a row that make a link column.
const LINK_RUN: usize = 4;

/// After the main region: short non-sentences that read like links or labels go
/// (link columns, "Most read" lists, widget labels), unless they head text that
/// stays; runs of three or more teaser pairs (a headline over a one-sentence summary)
/// go whole. Running text stays.
pub(super) fn after_main_region(lines: &[LineInfo], end: usize, fates: &mut [Fate]) {
    let rest: Vec<usize> = (end + 1..lines.len())
        .filter(|&i| !lines[i].blank && !fates[i].is_drop())
        .collect();
    // A list's number alone on its line ("1.", "2)") is part of the list it numbers.
    let short = |i: usize| {
        let l = &lines[i];
        (!is_prose(&l.text)
            && l.words <= 16
            && !ends_with_stop(&l.text)
            && chrome_shaped(l)
            && !l.data_row)
            || list_number(&l.text)
    };
    let teaser = |i: usize| is_prose(&lines[i].text) && teaser_like(&lines[i]);
    let boundary = (end + 1..lines.len())
        .find(|&i| fates[i].rule().is_some_and(|r| r.starts_with('C')))
        .unwrap_or(usize::MAX);
    let mut drop = vec![false; rest.len()];
    // Teaser pairs: headline then summary, three or more in a row.
    let mut k = 0;
    while k + 1 < rest.len() {
        let mut j = k;
        while j + 1 < rest.len() && short(rest[j]) && teaser(rest[j + 1]) {
            j += 2;
        }
        if j - k >= 6 {
            drop[k..j].iter_mut().for_each(|d| *d = true);
            k = j;
        } else {
            k += 1;
        }
    }
    // Short link-like lines go past a boundary of chrome (a line another rule
    // dropped after the main text: a share bar, a comment form, a copyright line) or
    // in a run of four or more (a link column); a short table or list stays.
    // A short heading over running text is no link.
    let heading = |k: usize| {
        let l = &lines[rest[k]];
        l.title_like
            && l.words <= 8
            && rest
                .get(k + 1)
                .is_some_and(|&n| is_prose(&lines[n].text) && !teaser(n))
    };
    let mut in_run = vec![false; rest.len()];
    let mut k = 0;
    while k < rest.len() {
        let mut j = k;
        while j < rest.len() && short(rest[j]) && !heading(j) {
            j += 1;
        }
        if j - k >= LINK_RUN {
            in_run[k..j].iter_mut().for_each(|r| *r = true);
        }
        k = j.max(k + 1);
    }
    // From the end up: a short line that heads kept text stays.
    let mut next_kept_text = false;
    for k in (0..rest.len()).rev() {
        let i = rest[k];
        let evidence = in_run[k] || i > boundary;
        if !drop[k]
            && short(i)
            && evidence
            && !(next_kept_text && lines[i].title_like && lines[i].words <= 8)
        {
            drop[k] = true;
        }
        if !drop[k] {
            next_kept_text = !short(i);
        }
    }
    for (k, &i) in rest.iter().enumerate() {
        if drop[k] {
            let why = if short(i) {
                "short link-like line after the main text"
            } else {
                "teaser after the main text"
            };
            fates[i] = Fate::drop("C020", 0.7, why);
        }
    }
}
