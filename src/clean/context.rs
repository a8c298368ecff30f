//! Context: a line judged with its neighbours, as jusText's context-sensitive pass
//! does.
//!
//! A line that is not clearly content by itself (a one-sentence teaser, a short
//! label, a line of numbers) takes the class of the lines around it. After the main
//! text, a run of such lines standing between lines that other rules dropped as
//! chrome (or between such a line and the end of the page) is chrome too: a widget's
//! label and teaser between a share bar and a footer, a newsletter box between two
//! link columns. Clear paragraphs of running text stop a run, so the article going
//! on after a chrome line in its middle is never inside one.

use super::*;

/// Most words of a run that is followed by clear content further down: a run
/// between two chrome lines in the middle of what may be more article (an
/// advertisement above and below a short list) is only dropped when it is small.
const MID_RUN_MAX_WORDS: usize = 12;

/// Most lines of a run that takes the class of the chrome around it: a widget's label
/// and a line or two under it. A longer run between chrome (a list of headlines) is
/// judged by the rules on lists and tails, not by its neighbours.
const CONTEXT_MAX_LINES: usize = 3;

/// A kept line that is content by itself: running text longer than a teaser, a row
/// of a data table, or an item of a list the author typed bullets for.
fn clear_content(l: &LineInfo) -> bool {
    (is_prose(&l.text) && !teaser_like(l)) || l.data_row || typed_bullet(l)
}

/// Rules whose lines say the article is over (share bars, comment forms, related
/// links, copyright, author bios, comment threads, closing links). Chrome that also
/// stands inside articles (an advertisement label, "Back to top", a cookie button)
/// is no evidence about its neighbours, nor is a line dropped for its shape after
/// the main text or for a short line's repetition in a few other documents.
const ANCHOR_RULES: &[&str] = &["C004", "C006", "C007", "C008", "C018", "C019", "C021"];

/// Whether a dropped line is evidence of chrome around it.
fn chrome_anchor(f: &Fate) -> bool {
    f.rule().is_some_and(|r| ANCHOR_RULES.contains(&r))
}

/// After the main region's last line `end`: runs of kept lines that are not clearly
/// content, bounded on both sides by chrome dropped by other rules (or the page's
/// end), go with rule C023.
pub(super) fn chrome_context(lines: &[LineInfo], end: usize, fates: &mut [Fate]) {
    let n = lines.len();
    // The last line of clear content on the page: runs after it are in the page's tail.
    let last_clear = (0..n)
        .rev()
        .find(|&i| !lines[i].blank && !fates[i].is_drop() && clear_content(&lines[i]));
    let mut i = end + 1;
    while i < n {
        if lines[i].blank || fates[i].is_drop() || clear_content(&lines[i]) {
            i += 1;
            continue;
        }
        // A run of kept lines that are not clear content, from `i`.
        let before = (end + 1..i).rev().find(|&k| !lines[k].blank);
        let mut j = i;
        let mut run = Vec::new();
        while j < n {
            if lines[j].blank {
                j += 1;
                continue;
            }
            if fates[j].is_drop() || clear_content(&lines[j]) {
                break;
            }
            run.push(j);
            j += 1;
        }
        let after = (j < n).then_some(j);
        let bounded_before = before.is_some_and(|k| chrome_anchor(&fates[k]));
        let bounded_after = after.is_none_or(|k| chrome_anchor(&fates[k]));
        let words: usize = run.iter().map(|&k| lines[k].words).sum();
        let in_tail = last_clear.is_none_or(|c| i > c);
        let short_run = run.len() <= CONTEXT_MAX_LINES;
        if bounded_before && bounded_after && short_run && (in_tail || words <= MID_RUN_MAX_WORDS) {
            for &k in &run {
                fates[k] = Fate::drop("C023", 0.6, "between chrome lines after the main text");
            }
        }
        i = j;
    }
}

/// After the main region's last line `end`, chrome named by its words counts as at
/// the page's edge even when a sidebar's prose stands further down (tags, "Most read",
/// a comment form's labels): the edge of the article is the main text's end, not
/// the last sentence on the page. Repetition across the corpus is left out here: a
/// heading of the article's second half (after a long table) may recur elsewhere.
pub(super) fn edge_after_region(lines: &[LineInfo], end: usize, fates: &mut [Fate]) {
    for (i, l) in lines.iter().enumerate().skip(end + 1) {
        if l.blank || fates[i].is_drop() {
            continue;
        }
        if let Some(f) = chrome_at_edge(l, false, None) {
            fates[i] = f;
        }
    }
}

/// After line `end` (the last paragraph of prose not repeated elsewhere, or the main
/// region's last line): a kept line that recurs in
/// [`SITE_LINE_GROUPS`] or more unrelated documents of the corpus is the site's
/// (a tagline, a newsletter blurb, a widget's sentence), whatever its shape: one
/// article's own text is not repeated by unrelated articles. (Above the main text a
/// headline may recur in other pages' teaser lists: the title rules judge there.)
pub(super) fn site_repeats(
    lines: &[LineInfo],
    end: usize,
    hints: &CorpusHints,
    fates: &mut [Fate],
) {
    for (i, l) in lines.iter().enumerate().skip(end + 1) {
        if l.blank || fates[i].is_drop() {
            continue;
        }
        let groups = hints.groups_with(&l.text);
        if groups >= SITE_LINE_GROUPS {
            fates[i] = Fate::drop(
                "C015",
                0.7,
                format!("outside the main text, in {groups} unrelated documents"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[&str] = &[
        "Tomatoes need six hours of sun a day, and they grow best in soil that drains well after rain.",
        "Water them at the base in the morning, so that the leaves stay dry and do not catch a mould.",
    ];

    #[test]
    fn a_box_between_two_chrome_lines_goes() {
        let mut l: Vec<&str> = BODY.to_vec();
        l.extend([
            "Share this",
            "Garden Letter",
            "Our best tips, sent every Friday.",
            "Sign up",
            "Terms of use",
        ]);
        let (lines, mut fates) = kept_lines(&l);
        fates[2] = Fate::drop("C004", 1.0, "share");
        fates[6] = Fate::drop("C021", 1.0, "terms");
        chrome_context(&lines, 1, &mut fates);
        assert!(fates[..2].iter().all(|f| !f.is_drop()));
        assert!(fates[3..6].iter().all(|f| f.rule() == Some("C023")));
    }

    #[test]
    fn a_teaser_next_to_a_paragraph_stays() {
        let mut l: Vec<&str> = BODY.to_vec();
        l.extend([
            "Share this",
            "Pick them when they are fully red.",
            "Ripe fruit keeps for a week on a cool shelf. Take it out of the fridge an hour before eating, as it tastes best warm.",
            "Terms of use",
        ]);
        let (lines, mut fates) = kept_lines(&l);
        fates[2] = Fate::drop("C004", 1.0, "share");
        fates[5] = Fate::drop("C021", 1.0, "terms");
        chrome_context(&lines, 1, &mut fates);
        assert!(!fates[3].is_drop() && !fates[4].is_drop());
    }

    #[test]
    fn a_long_run_before_more_article_stays() {
        let mut l: Vec<&str> = BODY.to_vec();
        l.extend([
            "Share this",
            "Cherry tomatoes for pots and hanging baskets",
            "Beefsteak tomatoes for slicing and sandwiches",
            "Plum tomatoes for sauces and for drying",
            "Share this",
            "Whichever kind you grow, feed the plants every two weeks once the first flowers open. Tie the stems to a cane as they grow.",
        ]);
        let (lines, mut fates) = kept_lines(&l);
        fates[2] = Fate::drop("C004", 1.0, "share");
        fates[6] = Fate::drop("C004", 1.0, "share");
        chrome_context(&lines, 1, &mut fates);
        assert!(fates[3..6].iter().all(|f| !f.is_drop()));
    }
}

#[cfg(test)]
mod anchor_tests {
    use super::*;

    #[test]
    fn an_advertisement_label_is_no_evidence_about_its_neighbours() {
        let l: Vec<LineInfo> = [
            "A stiff back often loosens after a warm shower and a short walk around the house.",
            "Advertisement",
            "- Sleep on your side with a pillow between the knees",
            "When to Rest",
        ]
        .iter()
        .map(|t| LineInfo::alone(t))
        .collect();
        let mut fates = vec![Fate::Keep; l.len()];
        fates[1] = Fate::drop("C003", 1.0, "ad");
        chrome_context(&l, 0, &mut fates);
        assert!(!fates[2].is_drop() && !fates[3].is_drop());
        // A share bar does end the article, but a typed list item is the author's, and
        // the heading after it has content above it.
        fates[1] = Fate::drop("C004", 1.0, "share");
        chrome_context(&l, 0, &mut fates);
        assert!(!fates[2].is_drop() && !fates[3].is_drop());
    }
}
