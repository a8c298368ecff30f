//! Candidate restorations of a spun text, and their scoring in context.
//!
//! Generators propose a replacement for a span of tokens; `evaluate` scores the
//! original and the replacement in context with the language model, so a candidate
//! wins only by a margin of evidence (plus the prior its generator gives it).

use super::lm::{self, Scorer, END, START};
use super::thesaurus::{is_determiner, THESAURUS};
use super::tokens::{spelled_number, tokenize, Token};
use crate::lexicon;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Token span [first, last).
    pub first: usize,
    pub last: usize,
    /// Byte range of the text replaced (a deletion also takes the space before it).
    pub range: Range<usize>,
    /// Replacement text, cased like the original.
    pub after: String,
    pub rule: &'static str,
    /// Log-odds bonus (nats) from the generator.
    pub prior: f64,
    /// Judged by its rule alone (the language model cannot tell digits from words).
    pub fixed: bool,
    /// Purely mechanical: may apply in any document.
    pub mechanical: bool,
    /// Never applied, only reported (evidence without a synonym relation).
    pub suggest_only: bool,
    pub note: String,
    /// Filled by `evaluate`.
    pub lm_orig: f64,
    pub lm_cand: f64,
    pub delta: f64,
    /// Whether the original and the candidate are attested (general English or the
    /// clean articles) next to the left and the right neighbour; filled by `evaluate`.
    pub fit_orig: (bool, bool),
    pub fit_cand: (bool, bool),
}

impl Candidate {
    pub(super) fn new(
        toks: &[Token],
        first: usize,
        last: usize,
        after: String,
        rule: &'static str,
    ) -> Self {
        let range = if after.is_empty() {
            // Take the space before a deleted span with it.
            let from = if first > 0 {
                toks[first - 1].end
            } else {
                toks[first].start
            };
            from..toks[last - 1].end
        } else {
            toks[first].start..toks[last - 1].end
        };
        Candidate {
            first,
            last,
            range,
            after,
            rule,
            prior: 0.0,
            fixed: false,
            mechanical: false,
            suggest_only: false,
            note: String::new(),
            lm_orig: 0.0,
            lm_cand: 0.0,
            delta: 0.0,
            fit_orig: (false, false),
            fit_cand: (false, false),
        }
    }
}

/// Function words: never the target of a content-word substitution or deletion.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
    "those", "you", "your", "we", "our", "they", "their", "he", "she", "his", "her", "i", "my",
    "me", "not", "no", "can", "may", "will", "do", "does", "did", "have", "has", "had", "so",
    "than", "then", "there", "which", "who", "what", "when", "how", "into", "about", "up", "out",
    "also", "more", "most", "very", "any", "some", "all", "each", "every", "other", "such",
    "should", "could", "would", "must", "might", "while", "over", "under", "after", "before",
    "between", "without", "within", "during", "through", "because", "just", "only", "even",
    "never", "always", "often",
];

static STOPWORD_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());

pub fn is_stopword(w: &str) -> bool {
    w.len() <= 7 && STOPWORD_SET.contains(w)
}

pub fn is_content(w: &str) -> bool {
    w.len() >= 3 && w.chars().all(|c| c.is_alphabetic() || c == '\'') && !is_stopword(w)
}

const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "as",
];

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Case `repl` (lowercase) like `orig`: ALL CAPS, Title Case, or a capital first letter.
pub fn match_case(orig: &str, repl: &str) -> String {
    let words: Vec<&str> = orig
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let upper_first = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if orig.chars().filter(|c| c.is_alphabetic()).count() > 1
        && orig
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        return repl.to_uppercase();
    }
    let significant: Vec<&&str> = words
        .iter()
        .filter(|w| !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    let title = significant.len() >= 2 && significant.iter().all(|w| upper_first(w));
    if title {
        let mut out = String::new();
        let mut first = true;
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String, first: &mut bool| {
            if !word.is_empty() {
                if *first || !SMALL_WORDS.contains(&word.as_str()) {
                    out.push_str(&capitalize(word));
                } else {
                    out.push_str(word);
                }
                *first = false;
                word.clear();
            }
        };
        for c in repl.chars() {
            if c == ' ' || c == '-' {
                flush(&mut word, &mut out, &mut first);
                out.push(c);
            } else {
                word.push(c);
            }
        }
        flush(&mut word, &mut out, &mut first);
        return out;
    }
    if words.first().is_some_and(|w| upper_first(w)) {
        return capitalize(repl);
    }
    repl.to_string()
}

/// Thesaurus candidates, and pairs of adjacent ones joined (so "Again ache" can become
/// "Back pain" when neither word alone has enough context).
pub fn thesaurus(text: &str, toks: &[Token]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        for (e, n) in THESAURUS.matches_at(toks, i) {
            let orig = &text[toks[i].start..toks[i + n - 1].end];
            let mut c = Candidate::new(toks, i, i + n, match_case(orig, &e.original), "P001");
            c.prior = e.prior;
            c.note = format!("{} => {}", e.spun.join(" "), e.original);
            out.push(c);
        }
    }
    let mut pairs = Vec::new();
    // `out` is in order of first token: the followers of `a` are found by bisection.
    for a in &out {
        let from = out.partition_point(|b| b.first < a.last);
        for b in out[from..].iter().take_while(|b| b.first == a.last) {
            let gap = &text[a.range.end..b.range.start];
            if gap.chars().all(|c| c == ' ' || c == '-') && !gap.is_empty() {
                let mut c = Candidate::new(
                    toks,
                    a.first,
                    b.last,
                    format!("{}{}{}", a.after, gap, b.after),
                    "P001",
                );
                c.prior = a.prior + b.prior;
                c.note = format!("{} + {}", a.note, b.note);
                pairs.push(c);
            }
        }
    }
    out.extend(pairs);
    out
}

/// P002: a spelled-out number joined to a digit ("15-twenty", "fifteen-20", "2 to five").
pub fn number_ranges(toks: &[Token]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let joins = |t: &Token| t.is_joiner() || t.lower == "to" || t.lower == "\u{2013}";
    for i in 0..toks.len() {
        let Some((value, n)) = spelled_number(toks, i) else {
            continue;
        };
        let before = i >= 2 && toks[i - 2].is_digits() && joins(&toks[i - 1]);
        let after =
            toks.get(i + n).is_some_and(joins) && toks.get(i + n + 1).is_some_and(Token::is_digits);
        let same_line = toks[i.saturating_sub(2)..(i + n + 2).min(toks.len())]
            .iter()
            .all(|t| t.line == toks[i].line);
        if (before || after) && same_line {
            let mut c = Candidate::new(toks, i, i + n, value.to_string(), "P002");
            c.fixed = true;
            // "15-twenty" is garbled anywhere; "2 to five" is only odd style, so it is
            // repaired in spun documents only.
            let hyphen = if before { &toks[i - 1] } else { &toks[i + n] };
            c.mechanical = hyphen.is_joiner();
            c.prior = 8.0;
            c.note = "number word joined to a digit".into();
            out.push(c);
        }
    }
    out
}

/// Lines that start "N." or "N)" followed by a capitalised word: (line, value, token
/// index of the number, spelled out).
fn numbered_lines(text: &str, toks: &[Token]) -> Vec<(usize, u32, usize, bool)> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if i > 0 && toks[i - 1].line == toks[i].line {
            continue;
        }
        let (value, n, spelled) = if toks[i].is_digits() {
            match toks[i].lower.parse::<u32>() {
                Ok(v) => (v, 1, false),
                Err(_) => continue,
            }
        } else {
            match spelled_number(toks, i) {
                Some((v, n)) => (v, n, true),
                None => continue,
            }
        };
        let (Some(p), Some(w)) = (toks.get(i + n), toks.get(i + n + 1)) else {
            continue;
        };
        let capital_next = text[w.start..w.end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if (p.lower == "." || p.lower == ")")
            && p.line == toks[i].line
            && w.line == toks[i].line
            && capital_next
        {
            out.push((toks[i].line, value, i, spelled));
        }
    }
    out
}

/// P003: a spelled-out number heading in a list numbered with digits ("three." between
/// "2." and "4.").
pub fn numbered_headings(text: &str, toks: &[Token]) -> Vec<Candidate> {
    let lines = numbered_lines(text, toks);
    let mut out = Vec::new();
    let digits_used = lines.iter().any(|l| !l.3);
    for (k, &(_, value, i, spelled)) in lines.iter().enumerate() {
        if !spelled {
            continue;
        }
        let prev_fits = k > 0 && lines[k - 1].1 + 1 == value;
        let next_fits = lines.get(k + 1).is_some_and(|l| l.1 == value + 1);
        if digits_used && (prev_fits || next_fits) {
            let n = spelled_number(toks, i).map_or(1, |(_, n)| n);
            let mut c = Candidate::new(toks, i, i + n, value.to_string(), "P003");
            c.fixed = true;
            c.mechanical = true;
            c.prior = 8.0;
            c.note = "numbered heading in a digit-numbered list".into();
            out.push(c);
        }
    }
    out
}

const UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "percent",
    "mg",
    "milligrams",
    "grams",
    "pounds",
    "kg",
    "times",
    "repetitions",
    "reps",
    "breaths",
    "glasses",
    "cups",
    "servings",
    "steps",
];

/// P004: a spelled-out quantity ("fifteen minutes") in a spun document, where spinners
/// turn digits into words: restored when it is 10 or more (style guides spell out only
/// one to nine) or when the document writes the same unit with digits elsewhere.
pub fn spelled_quantities(toks: &[Token]) -> Vec<Candidate> {
    let unit_at = |j: usize| -> Option<&str> {
        let t = toks.get(j)?;
        if t.is_joiner() {
            let u = toks.get(j + 1)?;
            UNITS
                .contains(&format!("{}s", u.lower).as_str())
                .then_some(u.lower.as_str())
        } else {
            UNITS
                .contains(&t.lower.as_str())
                .then_some(t.lower.as_str())
        }
    };
    let digit_units: std::collections::BTreeSet<&str> = (0..toks.len())
        .filter(|&i| toks[i].is_digits())
        .filter_map(|i| unit_at(i + 1))
        .collect();
    let mut out = Vec::new();
    for i in 0..toks.len() {
        let Some((value, n)) = spelled_number(toks, i) else {
            continue;
        };
        let Some(unit) = unit_at(i + n) else {
            continue;
        };
        if value >= 10 || digit_units.contains(&unit) {
            let mut c = Candidate::new(toks, i, i + n, value.to_string(), "P004");
            c.fixed = true;
            c.prior = 3.0;
            c.note = format!("spelled-out quantity before '{unit}'");
            out.push(c);
        }
    }
    out
}

/// P007: "times" used as a duration ("for more than 10 times", "the first 2 times,"):
/// spinners take "day" in its "time" sense. A count of times follows a verb or precedes
/// "a day"; a count after "for", "than", "first", "within" measures time.
pub fn duration_times(toks: &[Token]) -> Vec<Candidate> {
    const DURATION_BEFORE: &[&str] = &[
        "for", "than", "first", "within", "next", "past", "last", "after", "over", "about",
    ];
    const FREQUENCY_AFTER: &[&str] = &[
        "a", "an", "per", "each", "every", "daily", "weekly", "as", "more", "the", "over", "in",
        "that", "when", "you", "i",
    ];
    let mut out = Vec::new();
    for i in 2..toks.len() {
        let t = &toks[i];
        if t.lower != "times" || t.line != toks[i - 2].line {
            continue;
        }
        let number = &toks[i - 1];
        let is_number = number.is_digits() || super::tokens::number_word(&number.lower).is_some();
        let duration = DURATION_BEFORE.contains(&toks[i - 2].lower.as_str());
        let frequency = toks
            .get(i + 1)
            .is_some_and(|n| n.line == t.line && FREQUENCY_AFTER.contains(&n.lower.as_str()));
        if is_number && duration && !frequency {
            let mut c = Candidate::new(toks, i, i + 1, "days".to_string(), "P007");
            c.after = match_case(&t.lower, "days");
            c.fixed = true;
            c.prior = 3.0;
            c.note = format!(
                "'{} {} times' measures time",
                toks[i - 2].lower,
                number.lower
            );
            out.push(c);
        }
    }
    out
}

/// Word tokens of each segment, and for each token its (segment, position).
pub struct Segments {
    pub segs: Vec<Vec<usize>>,
    pub pos: Vec<Option<(usize, usize)>>,
}

impl Segments {
    pub fn new(toks: &[Token]) -> Self {
        let segs = lm::segments(toks);
        let mut pos = vec![None; toks.len()];
        for (s, seg) in segs.iter().enumerate() {
            for (p, &i) in seg.iter().enumerate() {
                pos[i] = Some((s, p));
            }
        }
        Segments { segs, pos }
    }
}

/// P005: a content word unseen next to both neighbours in the domain corpus and rare
/// there in general English, where the clean articles put another word between the same
/// neighbours ("loosen taut muscles" when they say "loosen tight muscles"). (Dropping
/// such a word when the clean articles join its neighbours was tried and removed: it
/// deleted real words, "slowly arch and round".)
pub fn corpus_slots(text: &str, toks: &[Token], segs: &Segments, sc: &Scorer) -> Vec<Candidate> {
    let text_of = |toks: &[Token], i: usize| text[toks[i].range()].to_string();
    let mut out = Vec::new();
    // A word's broad-thesaurus synonyms, looked up once per distinct word: a long text
    // with no corpus around it has a slot at most of its content words.
    let mut synonyms: HashMap<&str, Vec<String>> = HashMap::new();
    for seg in &segs.segs {
        let g: Vec<&str> = seg.iter().map(|&i| lm::gram(&toks[i])).collect();
        for p in 0..g.len() {
            let w = g[p];
            if !is_content(w) {
                continue;
            }
            let a = if p > 0 { g[p - 1] } else { START };
            let b = g.get(p + 1).copied().unwrap_or(END);
            if sc.bi(a, w) > 0 || sc.bi(w, b) > 0 {
                continue;
            }
            let general_left = lm::general_bigram_p(a, w) > 0.0;
            let general_right = lm::general_bigram_p(w, b) > 0.0;
            if general_left && general_right {
                continue;
            }
            // Both neighbours must be real context, and one of them a content word, so
            // the slot is specific ("between _ and" is not).
            if a == START || b == END || (!is_content(a) && !is_content(b)) {
                continue;
            }
            let i = seg[p];
            let rarity = lexicon::word_count(w);
            // A rare word is the writer's own (see SPINNER_WORD_MIN_COUNT), and a word the
            // clean articles use is not foreign to them.
            if rarity < SPINNER_WORD_MIN_COUNT || sc.uni(w) > 0 {
                continue;
            }
            // The writer's word is a synonym of the spun one (broad thesaurus, both ways)
            // that the clean articles put between the same neighbours.
            let alts: Vec<(String, u32)> = synonyms
                .entry(w)
                .or_insert_with(|| super::broad::alternatives(w))
                .iter()
                .filter(|alt| !alt.contains(' '))
                .map(|alt| {
                    let n = sc.tri(a, alt, b);
                    (alt.clone(), n)
                })
                .filter(|(alt, n)| {
                    // The clean articles say "a alt b"; spinners pick the rarer synonym of
                    // the same inflection.
                    alt != w
                        && is_content(alt)
                        && *n > 0
                        && lexicon::word_count(alt) >= rarity
                        && inflection(alt) == inflection(w)
                })
                .collect();
            // Applied only when the evidence is unambiguous: one wording, said at least
            // twice in the clean articles, the spun word foreign to them and to both of
            // its neighbours in general English. Otherwise context cannot tell a synonym
            // from an antonym ("reduce" / "encourage"), so it is only reported.
            let strict = alts.len() == 1
                && alts[0].1 >= 2
                && sc.uni(w) == 0
                && lexicon::word_count(w) >= SPINNER_WORD_MIN_COUNT
                && !general_left
                && !general_right;
            for (alt, n) in alts {
                let mut c = Candidate::new(toks, i, i + 1, alt.clone(), "P005");
                c.range = toks[i].range();
                c.after = match_case(&text_of(toks, i), &alt);
                c.prior = if strict { -3.0 } else { -4.0 };
                c.suggest_only = !strict;
                c.note = format!("'{a} {alt} {b}' in clean articles ({n}x), not '{w}'");
                out.push(c);
            }
        }
    }
    out
}

/// Spinners draw on a thesaurus of ordinary words; a rare word ("hyperirritable") is the
/// writer's own.
const SPINNER_WORD_MIN_COUNT: u64 = 100_000;

/// A coarse inflection class, so a verb form is not replaced by another form.
fn inflection(w: &str) -> &'static str {
    if w.ends_with("ing") {
        "ing"
    } else if w.ends_with("ed") {
        "ed"
    } else if w.ends_with("ly") {
        "ly"
    } else if w.ends_with('s') && !w.ends_with("ss") {
        "s"
    } else {
        ""
    }
}

/// P006: an inserted link-spam phrase: two to four words that fit neither neighbour,
/// whose removal joins two words that belong together ("never <phrase> to").
pub fn link_spam(toks: &[Token], segs: &Segments, sc: &Scorer) -> Vec<Candidate> {
    let mut out = Vec::new();
    let questions = question_lines(toks);
    for seg in &segs.segs {
        let g: Vec<&str> = seg.iter().map(|&i| lm::gram(&toks[i])).collect();
        for k in 1..g.len() {
            for len in 2..=4 {
                if k + len >= g.len() {
                    break;
                }
                let (a, first, last, b) = (g[k - 1], g[k], g[k + len - 1], g[k + len]);
                // The tests are pure and are made cheapest-first: each `continue` below is
                // one conjunct of the rule failing.
                if !VERB_EXPECTING.contains(&a) {
                    continue;
                }
                if !is_content(first) || !is_content(last) {
                    continue;
                }
                if !g[k..k + len].iter().all(|w| lexicon::is_word(w)) {
                    continue;
                }
                // The phrase fits its own words but not the word before it, and that word
                // (a function word) belongs with the word after it.
                let cut_in = sc.bi(a, first) == 0 && lm::general_bigram_p(a, first) == 0.0;
                if !cut_in || !(lm::general_bigram_p(a, b) >= 0.005 || sc.bi(a, b) >= 2) {
                    continue;
                }
                // Anchor texts are bare noun compounds ("knee braces for runners"): no
                // determiner inside, and not the first half of a coordination.
                let bare = g[k..k + len].iter().all(|w| !is_determiner(w));
                let coordinated = matches!(b, "and" | "or" | "but" | "nor");
                if !bare || coordinated {
                    continue;
                }
                // A verb may follow a modal; a noun may not. A word seen after "to" or
                // "will" in general English can be a verb; one seen after "the" is a noun.
                let verb_like = ["to", "will", "can"]
                    .iter()
                    .any(|m| lm::general_bigram_p(m, first) > 0.0);
                let noun_like = ["the", "a", "your"]
                    .iter()
                    .any(|d| lm::general_bigram_p(d, first) > 0.0 || sc.bi(d, first) > 0);
                // "How can dietary changes help?": a question inverts modal and subject.
                let question = questions.get(toks[seg[k]].line).copied().unwrap_or(false);
                if !verb_like && noun_like && !question {
                    // Judged at the two junctions: the phrase's own words are not at issue.
                    let before = if k >= 2 { g[k - 2] } else { START };
                    let junction = sc.logp(before, a, b)
                        - sc.logp(before, a, first)
                        - sc.logp(g[k + len - 2], last, b);
                    let mut c =
                        Candidate::new(toks, seg[k], seg[k + len - 1] + 1, String::new(), "P006");
                    c.fixed = true;
                    c.prior = junction - 4.0;
                    c.note = format!(
                        "'{}' breaks '{a} {b}' (junction gain {junction:.2}, less 4)",
                        g[k..k + len].join(" ")
                    );
                    out.push(c);
                }
            }
        }
    }
    out
}

/// For each line number, whether the line is a question (contains "?"), in one pass.
fn question_lines(toks: &[Token]) -> Vec<bool> {
    let mut out = vec![false; toks.last().map_or(0, |t| t.line + 1)];
    for t in toks.iter().filter(|t| t.lower == "?") {
        out[t.line] = true;
    }
    out
}

/// Words after which a verb, adverb or "to" must come, never a bare noun phrase.
const VERB_EXPECTING: &[&str] = &[
    "never", "not", "to", "will", "can", "cannot", "should", "must", "may", "might", "could",
    "would", "always", "don't", "doesn't", "didn't", "won't",
];

/// Score a candidate against the original in context; sets lm_orig, lm_cand, delta.
pub fn evaluate(c: &mut Candidate, toks: &[Token], segs: &Segments, sc: &Scorer) {
    if c.fixed {
        c.delta = c.prior;
        return;
    }
    let Some((s, p0)) = segs.pos.get(c.first).copied().flatten() else {
        c.delta = f64::NEG_INFINITY;
        return;
    };
    let seg = &segs.segs[s];
    // Word tokens of the span (joiners are not words).
    let p1 = (c.first..c.last)
        .filter_map(|i| segs.pos[i])
        .filter(|(ss, _)| *ss == s)
        .map(|(_, p)| p + 1)
        .max()
        .unwrap_or(p0 + 1);
    let word = |p: usize| lm::gram(&toks[seg[p]]);
    let mut left: Vec<&str> = vec![START, START];
    left.extend((p0.saturating_sub(2)..p0).map(word));
    let left = left[left.len() - 2..].to_vec();
    let mut right: Vec<&str> = (p1..(p1 + 2).min(seg.len())).map(word).collect();
    if right.len() < 2 {
        right.push(END);
    }
    let orig: Vec<&str> = (p0..p1).map(word).collect();
    let cand_toks = tokenize(&c.after);
    let cand: Vec<&str> = cand_toks
        .iter()
        .filter(|t| t.is_word)
        .map(lm::gram)
        .collect();
    fn seq<'a>(left: &[&'a str], mid: &[&'a str], right: &[&'a str]) -> Vec<&'a str> {
        let mut v = left.to_vec();
        v.extend_from_slice(mid);
        v.extend_from_slice(right);
        v
    }
    c.lm_orig = sc.score(&seq(&left, &orig, &right), 2, orig.len());
    c.lm_cand = sc.score(&seq(&left, &cand, &right), 2, cand.len());
    let attested = |a: &str, b: &str| {
        a == START || b == END || lm::general_bigram_p(a, b) > 0.0 || sc.bi(a, b) > 0
    };
    let fit = |mid: &[&str]| match (mid.first(), mid.last()) {
        (Some(f), Some(l)) => (attested(left[1], f), attested(l, right[0])),
        _ => (attested(left[1], right[0]), attested(left[1], right[0])),
    };
    c.fit_orig = fit(&orig);
    c.fit_cand = fit(&cand);
    c.delta = c.lm_cand - c.lm_orig + c.prior;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_follows_the_original() {
        assert_eq!(
            match_case("Above-the-Counter", "over-the-counter"),
            "Over-the-Counter"
        );
        assert_eq!(match_case("Again", "back"), "Back");
        assert_eq!(match_case("Therapeutic massage", "massage"), "Massage");
        assert_eq!(match_case("Baby's Pose", "child's pose"), "Child's Pose");
        assert_eq!(match_case("pores and skin", "skin"), "skin");
        assert_eq!(match_case("AGONY", "pain"), "PAIN");
    }

    #[test]
    fn number_words_next_to_digits() {
        let text = "Ice for 15-twenty minutes, or two to three times.";
        let toks = tokenize(text);
        let c = number_ranges(&toks);
        assert_eq!(c.len(), 1);
        assert_eq!(
            (&text[c[0].range.clone()], c[0].after.as_str()),
            ("twenty", "20")
        );
    }

    #[test]
    fn numbered_heading_in_digit_list() {
        let text = "2. Stretch\nGently.\nthree. Heat Helps\n4. Rest\nThree. Is not a list item";
        let toks = tokenize(text);
        let c = numbered_headings(text, &toks);
        assert_eq!(c.len(), 1);
        assert_eq!(&text[c[0].range.clone()], "three");
        assert_eq!(c[0].after, "3");
    }

    #[test]
    fn times_as_a_duration() {
        let toks =
            tokenize("Rest for more than 10 times. Repeat 10 times a day. For 3 times a week.");
        let c = duration_times(&toks);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].after, "days");
    }

    #[test]
    fn spelled_quantities_ten_and_up() {
        let toks = tokenize("Hold for fifteen minutes, then rest two days.");
        let c = spelled_quantities(&toks);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].after, "15");
        let toks = tokenize("Rest two days. Then 3 days more.");
        assert_eq!(spelled_quantities(&toks).len(), 1);
    }
}
