//! Candidates from general evidence, whatever thesaurus the spinner used: every content
//! word that does not fit its neighbours is compared with the words the broad thesaurus
//! (WordNet, read both ways) says the writer may have meant, in the observed inflection
//! and in others; a multiword lemma ("letter of the alphabet") is compared with its
//! synonyms as one swap; and a word is compared with its own other inflections
//! ("two death"), the agreement errors a spinner leaves when it drops inflection.

use super::broad::{self, BROAD};
use super::candidates::{is_content, match_case, Candidate, Segments};
use super::lm::{self, Scorer, END, START};
use super::tokens::Token;
use crate::lexicon;

/// Alternatives scored per site, the most frequent first (a writer's word is common).
const MAX_ALTS: usize = 16;
/// A word that fits neither neighbour is a likely swap when a synonym is this many times
/// more frequent; a word with a synonym this many times more frequent that fits more of
/// its neighbours is one too. (Measured on spun and clean real article bodies: clean
/// text has about 1 such word per 100 content words, thesaurus-spun text 3 to 8.)
const NOFIT_RATIO: u64 = 50;
const CONTEXT_RATIO: u64 = 200;

/// A word (or WordNet multiword lemma) that looks swapped: token span [first, last).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub first: usize,
    pub last: usize,
    pub multi: bool,
}

/// Whether `x y` is attested (general English or the clean articles); a sentence
/// boundary is not evidence either way and counts as not attested.
fn attested(sc: &Scorer, x: &str, y: &str) -> bool {
    x != START && y != END && (lm::general_bigram_p(x, y) > 0.0 || sc.bi(x, y) > 0)
}

fn sides(sc: &Scorer, a: &str, first: &str, last: &str, b: &str) -> usize {
    attested(sc, a, first) as usize + attested(sc, last, b) as usize
}

/// The document-level evidence every thesaurus spinner leaves, from word statistics
/// alone (no candidate is scored, so it is cheap): content words much rarer than a
/// synonym and foreign to their neighbours, and multiword lemmas where a single-word
/// synonym fits. Returns the hits and the number of content words.
pub fn swap_hits(toks: &[Token], segs: &Segments, sc: &Scorer) -> (Vec<Hit>, usize) {
    let mut hits = Vec::new();
    let mut content = 0;
    for seg in &segs.segs {
        let g: Vec<&str> = seg.iter().map(|&i| lm::gram(&toks[i])).collect();
        for p in 0..g.len() {
            let w = g[p];
            if !is_content(w) {
                continue;
            }
            content += 1;
            let a = if p > 0 { g[p - 1] } else { START };
            if let Some(&second) = g.get(p + 1) {
                for (lt, ltext) in BROAD.multiword(w, second) {
                    let n = lt.len();
                    if lt.iter().any(|t| t == "-")
                        || p + n > g.len()
                        || !lt.iter().zip(&g[p..p + n]).all(|(x, y)| x == y)
                    {
                        continue;
                    }
                    let b = g.get(p + n).copied().unwrap_or(END);
                    let fit = sides(sc, a, w, g[p + n - 1], b);
                    if fit < 2
                        && BROAD
                            .synonyms(ltext)
                            .iter()
                            .filter(|s| !s.contains(' '))
                            .any(|s| attested(sc, a, s) || attested(sc, s, b))
                    {
                        hits.push(Hit {
                            first: seg[p],
                            last: seg[p + n - 1] + 1,
                            multi: true,
                        });
                    }
                }
            }
            let counts = BROAD.synonym_counts(w);
            // Most words have no synonym frequent enough to matter: one lookup each.
            let cw = lexicon::word_count(w);
            if cw == 0 || counts.first().is_none_or(|&top| top <= NOFIT_RATIO * cw) {
                continue;
            }
            let b = g.get(p + 1).copied().unwrap_or(END);
            let fit = sides(sc, a, w, w, b);
            let mut hit = fit == 0;
            if !hit && counts[0] > CONTEXT_RATIO * cw {
                hit = BROAD
                    .synonyms(w)
                    .into_iter()
                    .filter(|s| !s.contains(' ') && lexicon::word_count(s) > CONTEXT_RATIO * cw)
                    .any(|s| sides(sc, a, s, s, b) > fit);
            }
            if hit {
                hits.push(Hit {
                    first: seg[p],
                    last: seg[p] + 1,
                    multi: false,
                });
            }
        }
    }
    (hits, content)
}

/// General-English count under which a content word is rare (about 1 in 100,000 words
/// of the unigram table's corpus).
const RARE_COUNT: u64 = 10_000_000;

/// Thesaurus-independent evidence: content words that are rare in general English, occur
/// once in the document, are lowercase inside their segment (not a name) and are attested
/// next to neither neighbour. A spinner's synonym of a random sense is such a word
/// whatever thesaurus it came from ("cairn", "quiddity", "forgather"); a writer's rare
/// word is usually a topic word that comes back, or a fixed phrase. Linear in the text.
pub fn rare_misfits(text: &str, toks: &[Token], segs: &Segments, sc: &Scorer) -> usize {
    let mut seen: rustc_hash::FxHashMap<&str, u32> = Default::default();
    for t in toks.iter().filter(|t| t.is_word) {
        *seen.entry(t.lower.as_str()).or_default() += 1;
    }
    let mut n = 0;
    for seg in &segs.segs {
        let g: Vec<&str> = seg.iter().map(|&i| lm::gram(&toks[i])).collect();
        for p in 1..g.len().saturating_sub(1) {
            let w = g[p];
            let t = &toks[seg[p]];
            if !is_content(w)
                || seen.get(w).copied().unwrap_or(0) > 1
                || lexicon::word_count(w) >= RARE_COUNT
                || text[t.range()]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            {
                continue;
            }
            if !attested(sc, g[p - 1], w) && !attested(sc, w, g[p + 1]) {
                n += 1;
            }
        }
    }
    n
}

fn phrase_count(p: &str) -> u64 {
    p.split([' ', '-'])
        .map(lexicon::word_count)
        .min()
        .unwrap_or(0)
}

fn push(
    out: &mut Vec<Candidate>,
    text: &str,
    toks: &[Token],
    span: (usize, usize),
    alts: Vec<String>,
    rule: &'static str,
    seen: &str,
) {
    let mut alts: Vec<(u64, String)> = alts
        .into_iter()
        .map(|a| (phrase_count(&a), a))
        .filter(|(n, _)| *n > 0)
        .collect();
    alts.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let orig = &text[toks[span.0].start..toks[span.1 - 1].end];
    for (_, alt) in alts.into_iter().take(MAX_ALTS) {
        let mut c = Candidate::new(toks, span.0, span.1, match_case(orig, &alt), rule);
        c.note = if rule == "P009" {
            format!("agreement: {seen} => {alt}")
        } else {
            format!("broad thesaurus: {seen} => {alt}")
        };
        // A single word's synonym is only suggested: context cannot tell the writer's
        // word among its synonyms well enough (measured: a third of such wins were at
        // words the spinner had not touched). A multiword lemma is applied when the
        // single word fits both neighbours (decided after scoring).
        c.suggest_only = span.1 - span.0 == 1;
        out.push(c);
    }
}

/// Particles that end a phrasal verb.
const PARTICLES: &[&str] = &[
    "up", "down", "out", "off", "in", "on", "at", "over", "away", "back", "around", "about",
    "through", "into", "along",
];

/// P008 (synonyms from the broad thesaurus) and P009 (other inflections of the word) at
/// the hits of `swap_hits`.
pub fn broad_candidates(text: &str, toks: &[Token], hits: &[Hit]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for h in hits {
        let span = (h.first, h.last);
        let seen = text[toks[h.first].start..toks[h.last - 1].end].to_lowercase();
        if h.multi {
            let lemma: Vec<&str> = toks[h.first..h.last]
                .iter()
                .filter(|t| t.is_word)
                .map(|t| t.lower.as_str())
                .collect();
            // A phrasal verb ("look at", "soak up") is as likely the writer's own
            // wording: its synonyms are only suggested.
            let phrasal = lemma.last().is_some_and(|w| PARTICLES.contains(w));
            let alts = BROAD
                .synonyms(&lemma.join(" "))
                .into_iter()
                .map(str::to_string)
                .collect();
            let from = out.len();
            push(&mut out, text, toks, span, alts, "P008", &seen);
            if phrasal {
                for c in &mut out[from..] {
                    c.suggest_only = true;
                }
            }
        } else {
            let w = &toks[h.first].lower;
            push(
                &mut out,
                text,
                toks,
                span,
                broad::alternatives(w),
                "P008",
                &seen,
            );
            push(
                &mut out,
                text,
                toks,
                span,
                broad::own_forms(w),
                "P009",
                &seen,
            );
        }
    }
    out
}

/// A single word's broad-thesaurus synonym is applied (not only suggested) when every
/// sign agrees: the observed word is at least `SINGLE_RATIO` times rarer in general
/// English than the synonym, fits at most one neighbour while the synonym fits both, the
/// synonym is a content word, wins by `BROAD_APPLY_MARGIN` and beats every other
/// alternative at the site by `SINGLE_GAP`; a capitalised word inside a sentence (a name)
/// is left alone. Measured on real article bodies spun with MyThes: about 4 of 5 such
/// wins restore the writer's word, 1 in 17 is at a word the spinner had not touched.
pub const SINGLE_RATIO: u64 = 100;
const SINGLE_GAP: f64 = 1.0;

pub fn promote_single_words(cands: &mut [Candidate], text: &str, toks: &[Token], margin: f64) {
    // Best and second-best margin per single-word site, over P008 and P009.
    let mut best: std::collections::BTreeMap<usize, (f64, f64)> = Default::default();
    for c in cands.iter() {
        if (c.rule == "P008" || c.rule == "P009") && c.last - c.first == 1 {
            let e = best
                .entry(c.first)
                .or_insert((f64::NEG_INFINITY, f64::NEG_INFINITY));
            if c.delta > e.0 {
                e.1 = e.0;
                e.0 = c.delta;
            } else if c.delta > e.1 {
                e.1 = c.delta;
            }
        }
    }
    for c in cands.iter_mut() {
        if c.rule != "P008" || c.last - c.first != 1 || !c.suggest_only {
            continue;
        }
        let Some(&(top, second)) = best.get(&c.first) else {
            continue;
        };
        let t = &toks[c.first];
        let orig = &text[t.range()];
        let after = c.after.to_lowercase();
        // Inside a sentence: after a word or a comma on the same line.
        let inside_sentence = c.first > 0 && {
            let p = &toks[c.first - 1];
            p.line == t.line && (p.is_word || p.lower == ",")
        };
        let named = orig.chars().next().is_some_and(char::is_uppercase) && inside_sentence;
        let ok = c.delta >= margin
            && c.delta >= top
            && top - second >= SINGLE_GAP
            && is_content(&after)
            && !named
            && c.fit_cand == (true, true)
            && (c.fit_orig.0 as u8 + c.fit_orig.1 as u8) <= 1
            && lexicon::word_count(&after) >= SINGLE_RATIO * lexicon::word_count(&t.lower).max(1);
        if ok {
            c.suggest_only = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn scored(text: &str) -> (Vec<Token>, Vec<Candidate>) {
        let toks = tokenize(text);
        let segs = Segments::new(&toks);
        let sc = Scorer::default();
        let (hits, _) = swap_hits(&toks, &segs, &sc);
        let mut c = broad_candidates(text, &toks, &hits);
        for x in &mut c {
            super::super::candidates::evaluate(x, &toks, &segs, &sc);
        }
        promote_single_words(&mut c, text, &toks, 4.0);
        (toks, c)
    }

    #[test]
    fn single_word_synonym_applies_when_every_sign_agrees() {
        let (_, c) = scored("Every winter the grippe season fills the clinics.");
        let applied: Vec<&str> = c
            .iter()
            .filter(|c| !c.suggest_only)
            .map(|c| c.after.as_str())
            .collect();
        assert_eq!(applied, ["flu"], "{c:?}");
        // A capitalised word inside a sentence may be a name: only suggested.
        let (_, c) = scored("Every winter the Grippe season fills the clinics.");
        assert!(c.iter().all(|c| c.suggest_only), "{c:?}");
    }

    #[test]
    fn rare_misfits_count_lone_rare_words_foreign_to_both_neighbours() {
        let count = |text: &str| {
            let toks = tokenize(text);
            rare_misfits(text, &toks, &Segments::new(&toks), &Scorer::default())
        };
        // "quiddity" fits neither "the" nor "of" in general English.
        assert_eq!(count("The report the quiddity of the crisis today."), 1);
        // A rare word the text comes back to is a topic word, and a capitalised one
        // inside a segment is a name: neither counts.
        assert_eq!(
            count("The report the quiddity of the crisis today. Its quiddity is clear."),
            0
        );
        assert_eq!(count("The report the Quiddity of the crisis today."), 0);
        assert_eq!(count("The report the cause of the crisis today."), 0);
    }

    #[test]
    fn phrasal_verbs_are_only_suggested() {
        let text = "Towels soak up the water quickly.";
        let toks = tokenize(text);
        let hit = Hit {
            first: 1,
            last: 3,
            multi: true,
        };
        assert_eq!(
            &text[toks[hit.first].start..toks[hit.last - 1].end],
            "soak up"
        );
        let c = broad_candidates(text, &toks, &[hit]);
        assert!(!c.is_empty() && c.iter().all(|c| c.suggest_only), "{c:?}");
    }

    #[test]
    fn multiword_and_inflection_candidates() {
        let text = "She wrote a letter of the alphabet to the editor about two death.";
        let toks = tokenize(text);
        let segs = Segments::new(&toks);
        let (hits, content) = swap_hits(&toks, &segs, &Scorer::default());
        assert!(content >= 5);
        assert!(hits.iter().any(|h| h.multi && h.last - h.first == 4));
        let c = broad_candidates(text, &toks, &hits);
        assert!(c
            .iter()
            .any(|c| c.after == "letter" && c.last - c.first == 4));
    }
}
