//! Sentence classification: filter phrases (questions, rhetoric, calls to action,
//! furniture), claim cues by kind, imperatives, and lines that read as headings. The
//! phrase lists are indexed by their first word, so a sentence is scanned once instead
//! of once per phrase.

use super::clauses::is_verb_like;
use super::features::features;
use super::vocab::{self, Word};
use super::DROP_REASONS;
use crate::lexicon::data_lines;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// A filter phrase: reason, anchored at the start, soft (only without a subject), words.
type Filter = (&'static str, bool, bool, Vec<String>);

static FILTERS: LazyLock<Vec<Filter>> = LazyLock::new(|| {
    data_lines(include_str!("../../data/claims_filters.txt"))
        .filter_map(|l| {
            let (reason, phrase) = l.split_once(':')?;
            let soft = reason.trim().ends_with('?');
            let reason: &'static str = DROP_REASONS
                .iter()
                .find(|(r, _)| *r == reason.trim().trim_end_matches('?'))
                .map(|(r, _)| *r)?;
            let phrase = phrase.trim();
            let anchored = phrase.starts_with('^');
            let words = vocab::words(phrase.trim_start_matches('^'))
                .into_iter()
                .map(|w| w.lower)
                .collect::<Vec<_>>();
            // Phrases of symbols only ("©") match as text.
            let words = if words.is_empty() {
                vec![phrase.to_string()]
            } else {
                words
            };
            Some((reason, anchored, soft, words))
        })
        .collect()
});

const KINDS: &[&str] = &[
    "warning",
    "advice",
    "statistic",
    "risk",
    "cause",
    "effect",
    "definition",
];

static CUES: LazyLock<Vec<(&'static str, Vec<String>)>> = LazyLock::new(|| {
    data_lines(include_str!("../../data/claims_cues.txt"))
        .filter_map(|l| {
            let (kind, phrase) = l.split_once(':')?;
            let kind = KINDS.iter().find(|k| **k == kind.trim())?;
            let stems: Vec<String> = vocab::words(phrase)
                .iter()
                .map(|w| vocab::stem(&w.lower))
                .collect();
            (!stems.is_empty()).then_some((*kind, stems))
        })
        .collect()
});

/// A cue phrase: the index of its kind in `KINDS`, and its stems.
type Cue = (usize, &'static [String]);

/// Cue phrases by their first stem.
static CUES_BY_FIRST: LazyLock<HashMap<&'static str, Vec<Cue>>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, Vec<Cue>> = HashMap::default();
    for (kind, stems) in CUES.iter() {
        let k = KINDS.iter().position(|x| x == kind).unwrap_or(0);
        m.entry(stems[0].as_str()).or_default().push((k, stems));
    }
    m
});

/// Word filter phrases by their first word (indices into `FILTERS`), and the filters
/// of symbols only, which match as text.
type FilterIndex = (HashMap<&'static str, Vec<usize>>, Vec<usize>);

static FILTER_INDEX: LazyLock<FilterIndex> = LazyLock::new(|| {
    let mut by_first: HashMap<&'static str, Vec<usize>> = HashMap::default();
    let mut symbols = Vec::new();
    for (i, (_, _, _, phrase)) in FILTERS.iter().enumerate() {
        if is_symbol_phrase(phrase) {
            symbols.push(i);
        } else if let Some(first) = phrase.first() {
            by_first.entry(first.as_str()).or_default().push(i);
        }
    }
    (by_first, symbols)
});

fn is_symbol_phrase(phrase: &[String]) -> bool {
    phrase.len() == 1 && !phrase[0].chars().any(char::is_alphanumeric)
}

/// Imperative verbs (a trailing `?` marks a word that is also a noun: "Ice reduces
/// swelling" is not an imperative), and the adverbs that may come before them.
/// Imperative verbs with whether each is also a noun, and the adverbs before them.
type ImperativeLexicon = (Vec<(&'static str, bool)>, HashSet<&'static str>);

static IMPERATIVES: LazyLock<ImperativeLexicon> = LazyLock::new(|| {
    let text = include_str!("../../data/claims_imperatives.txt");
    let mut verbs = Vec::new();
    let mut adverbs = HashSet::default();
    let mut in_adverbs = false;
    for l in data_lines(text) {
        if l == "--" {
            in_adverbs = true;
        } else if in_adverbs {
            adverbs.insert(l);
        } else {
            let ambiguous = l.ends_with('?');
            verbs.push((l.trim_end_matches('?'), ambiguous));
        }
    }
    (verbs, adverbs)
});

static IMPERATIVE_VERBS: LazyLock<HashMap<&'static str, bool>> = LazyLock::new(|| {
    let mut m = HashMap::default();
    for (v, ambiguous) in &IMPERATIVES.0 {
        // The first line of a verb counts, as in a search of the list.
        m.entry(*v).or_insert(*ambiguous);
    }
    m
});

fn imperative_verb(lower: &str) -> Option<bool> {
    IMPERATIVE_VERBS.get(lower).copied()
}

/// Words that open a leading subordinate or prepositional phrase ("If ..., see a doctor").
pub(super) const LEADERS: &[&str] = &[
    "if", "when", "whenever", "before", "after", "once", "unless", "although", "though", "since",
    "because", "while", "for", "during", "to", "in", "at", "on", "with", "by", "as", "despite",
    "until", "instead", "whether", "whatever",
];

/// Words that open a trailing condition of a main clause ("see a doctor if it persists").
pub(super) const TRAILING_CONDITIONS: &[&str] =
    &["if", "unless", "when", "because", "until", "whenever"];

// ---------------------------------------------------------------------------
// Sentence classification.

/// Whether `phrase` stands in `words` at `at`.
fn phrase_at(words: &[String], at: usize, phrase: &[String]) -> bool {
    words.len() - at >= phrase.len() && words[at..at + phrase.len()] == phrase[..]
}

/// The reason a sentence is not a claim, if it is not one: the first filter phrase (in
/// file order) that stands in it, then the fragment test.
pub(super) fn filter_reason(sentence: &str, lower_words: &[String]) -> Option<&'static str> {
    let trimmed = sentence
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '"' | '\'' | ')' | ']'));
    if trimmed.ends_with('?') {
        return Some("question");
    }
    let (by_first, symbols) = &*FILTER_INDEX;
    let mut hits: Vec<usize> = symbols
        .iter()
        .copied()
        .filter(|&i| sentence.contains(FILTERS[i].3[0].as_str()))
        .collect();
    for (at, w) in lower_words.iter().enumerate() {
        for &i in by_first.get(w.as_str()).into_iter().flatten() {
            let (_, anchored, _, phrase) = &FILTERS[i];
            if (!*anchored || at == 0) && phrase_at(lower_words, at, phrase) {
                hits.push(i);
            }
        }
    }
    hits.sort_unstable();
    hits.dedup();
    let mut names_subject: Option<bool> = None;
    for i in hits {
        let (reason, _, soft, _) = &FILTERS[i];
        // A soft phrase does not drop a sentence that names a subject.
        if !*soft || !*names_subject.get_or_insert_with(|| !features(sentence).subjects.is_empty())
        {
            return Some(reason);
        }
    }
    if lower_words.len() < 4 {
        return Some("fragment");
    }
    None
}

/// Start positions (word indices) where an imperative verb may stand: the start, after
/// a short label ("Cold packs: apply ..."), after a leading subordinate phrase.
fn clause_starts(text: &str, ws: &[Word]) -> Vec<usize> {
    let mut starts = vec![0];
    if let Some(colon) = text.find(':') {
        let k = ws
            .iter()
            .position(|w| w.range.start > colon)
            .unwrap_or(ws.len());
        if k <= 5 {
            starts.push(k);
        }
    }
    if ws
        .first()
        .is_some_and(|w| LEADERS.contains(&w.lower.as_str()))
    {
        if let Some(comma) = top_level_comma(text) {
            starts.push(
                ws.iter()
                    .position(|w| w.range.start > comma)
                    .unwrap_or(ws.len()),
            );
        }
    }
    starts
}

fn is_imperative(text: &str, ws: &[Word]) -> bool {
    let adverbs = &IMPERATIVES.1;
    clause_starts(text, ws).into_iter().any(|mut k| {
        while ws
            .get(k)
            .is_some_and(|w| adverbs.contains(w.lower.as_str()))
        {
            k += 1;
        }
        let Some(w) = ws.get(k) else { return false };
        match imperative_verb(&w.lower) {
            None => false,
            Some(false) => true,
            // "Ice reduces", "Exercise is", "Ice packs reduce": a noun, not a verb.
            Some(true) => ws.get(k + 1).is_none_or(|n| {
                let l = n.lower.as_str();
                let verb_like = (l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us"))
                    || matches!(
                        l,
                        "is" | "are"
                            | "can"
                            | "may"
                            | "might"
                            | "will"
                            | "could"
                            | "should"
                            | "would"
                            | "has"
                            | "have"
                            | "was"
                            | "were"
                            | "therapy"
                    );
                !verb_like
            }),
        }
    })
}

/// The kind of claim a text states, or `None` when it has no claim cue.
pub fn claim_kind(text: &str) -> Option<&'static str> {
    let ws = vocab::words(text);
    let stems: Vec<String> = ws.iter().map(|w| vocab::stem_memo(&w.lower)).collect();
    let imperative = is_imperative(text, &ws);
    // Which kinds have a cue phrase in the text.
    let mut cued = [false; KINDS.len()];
    for (at, s) in stems.iter().enumerate() {
        for (k, phrase) in CUES_BY_FIRST.get(s.as_str()).into_iter().flatten() {
            if !cued[*k] && phrase_at(&stems, at, phrase) {
                cued[*k] = true;
            }
        }
    }
    for (k, kind) in KINDS.iter().enumerate() {
        if *kind == "advice" && imperative {
            return Some("advice");
        }
        if *kind == "statistic" && (text.contains('%') || text.contains(" percent")) {
            return Some("statistic");
        }
        if cued[k] {
            return Some(kind);
        }
    }
    // "An ice pack limits swelling": a named subject and a verb state an effect.
    let has_verb = ws.iter().skip(1).any(|w| is_verb_like(&w.lower));
    (has_verb && !features(text).subjects.is_empty()).then_some("effect")
}

/// A line that reads as a heading: no closing stop, and short and mostly title case
/// ("Heat and Cold Therapy", "2. Apply Heat or Cold Therapy"), or very short with no
/// claim cue ("3. Cat-cow stretch").
pub(super) fn looks_like_heading(body: &str) -> bool {
    let t = body
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '"' | '\'' | ')' | ']'));
    if t.ends_with(['.', '!', '?', ':', ';', ',']) {
        return false;
    }
    let ws = vocab::words(t);
    if ws.is_empty() || ws.len() > 12 {
        return false;
    }
    if ws.len() <= 5 && claim_kind(t).is_none() {
        return true;
    }
    let long: Vec<&Word> = ws
        .iter()
        .filter(|w| w.lower.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    if long.is_empty() {
        return ws.len() <= 3;
    }
    let capitalised = long
        .iter()
        .filter(|w| t[w.range.clone()].starts_with(char::is_uppercase))
        .count();
    capitalised * 5 >= long.len() * 3
}

/// Byte offset of the first comma outside brackets.
pub(super) fn top_level_comma(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth <= 0 => return Some(i),
            _ => {}
        }
    }
    None
}
