//! Claims: the sentences and clauses of clean text that state advice, causes, effects,
//! risks, statistics or warnings, each with its exact source passage.
//!
//! Per line of clean text (paragraph, list item; titles, headings and table rows are not
//! claims): split into sentences ([`sentences`]), drop what is not a claim with a counted
//! reason (questions, the author's rhetoric, calls to action, page furniture, fragments,
//! sentences with no claim cue), then split a sentence into clauses when it speaks of two
//! different subjects ("Heat relaxes muscles, while ice numbs pain"). A sentence that only
//! continues the one before it ("These reduce swelling.") is attached to it.
//!
//! A claim's passage is the whole sentence (or list item) it came from: `quote` is the
//! decoded raw bytes of that passage, `quote_clean` its clean text; `text` may be a clause.
//! Subjects are normalised with `data/synonyms_subjects.txt` ([`vocab`]); quantities are
//! typed by [`crate::quantity`].

pub mod sentences;
pub mod vocab;

use crate::lexicon::data_lines;
use crate::model::{Claim, Document, LineKind, Quantity, Slot};
use crate::quantity;
use regex::Regex;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;
use vocab::{TokKind, Word};

/// Why a sentence or line was not kept as a claim.
pub const DROP_REASONS: &[(&str, &str)] = &[
    ("title", "the article's title"),
    (
        "heading",
        "a heading (marked by cleaning, or short title-case text without a stop)",
    ),
    ("table-row", "a row of a table"),
    ("question", "a question"),
    (
        "rhetoric",
        "the author's voice: \"In this article, we will explore\"",
    ),
    (
        "call-to-action",
        "a call to action: share, subscribe, comment",
    ),
    ("chrome", "page furniture left in the text"),
    ("fragment", "fewer than four words"),
    (
        "no-claim-cue",
        "no advice, cause, effect, risk, statistic or warning cue",
    ),
    ("unmappable", "the passage does not map back to raw bytes"),
];

/// The claims of one document and what was left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    /// Sentences (or lines) dropped, by reason (see [`DROP_REASONS`]).
    pub dropped: BTreeMap<&'static str, usize>,
    /// Sentences attached to the claim before them ("These reduce swelling.").
    pub attached: usize,
    /// Sentences split into several claims about different subjects.
    pub split: usize,
}

/// Counts of one or more extractions, for the run summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExtractionCounts {
    pub claims: usize,
    pub dropped: BTreeMap<&'static str, usize>,
    pub attached: usize,
    pub split: usize,
}

/// Footnote marker numbers that stood inside a raw span, sorted and distinct.
fn markers_in(doc: &Document, raw: &Range<usize>) -> Vec<u32> {
    let mut markers: Vec<u32> = doc
        .markers
        .iter()
        .filter(|m| raw.contains(&m.raw_offset))
        .map(|m| m.number)
        .collect();
    markers.sort_unstable();
    markers.dedup();
    markers
}

/// The claims of a document, without the counts of what was left out.
pub fn extract_claims(doc: &Document) -> Vec<Claim> {
    extract(doc).claims
}

impl ExtractionCounts {
    /// Add one document's extraction to the counts.
    pub fn add(&mut self, e: &Extraction) {
        self.claims += e.claims.len();
        self.attached += e.attached;
        self.split += e.split;
        for (k, v) in &e.dropped {
            *self.dropped.entry(k).or_default() += v;
        }
    }
}

/// Claim counts over documents: kept, dropped by reason, attached, split.
pub fn extraction_counts(docs: &[Document]) -> ExtractionCounts {
    let mut c = ExtractionCounts::default();
    for d in docs.iter().filter(|d| d.is_ok()) {
        c.add(&extract(d));
    }
    c
}

// ---------------------------------------------------------------------------
// Lexicons.

/// A filter phrase: reason, anchored at the start, soft (only without a subject), words.
type Filter = (&'static str, bool, bool, Vec<String>);

static FILTERS: LazyLock<Vec<Filter>> = LazyLock::new(|| {
    data_lines(include_str!("../data/claims_filters.txt"))
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
    data_lines(include_str!("../data/claims_cues.txt"))
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

/// Imperative verbs (a trailing `?` marks a word that is also a noun: "Ice reduces
/// swelling" is not an imperative), and the adverbs that may come before them.
/// Imperative verbs with whether each is also a noun, and the adverbs before them.
type ImperativeLexicon = (Vec<(&'static str, bool)>, HashSet<&'static str>);

static IMPERATIVES: LazyLock<ImperativeLexicon> = LazyLock::new(|| {
    let text = include_str!("../data/claims_imperatives.txt");
    let mut verbs = Vec::new();
    let mut adverbs = HashSet::new();
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

fn imperative_verb(lower: &str) -> Option<bool> {
    IMPERATIVES
        .0
        .iter()
        .find(|(v, _)| *v == lower)
        .map(|(_, a)| *a)
}

/// Words that open a leading subordinate or prepositional phrase ("If ..., see a doctor").
const LEADERS: &[&str] = &[
    "if", "when", "whenever", "before", "after", "once", "unless", "although", "though", "since",
    "because", "while", "for", "during", "to", "in", "at", "on", "with", "by", "as", "despite",
    "until", "instead", "whether", "whatever",
];

/// Words that open a trailing condition of a main clause ("see a doctor if it persists").
const TRAILING_CONDITIONS: &[&str] = &["if", "unless", "when", "because", "until", "whenever"];

// ---------------------------------------------------------------------------
// Sentence classification.

fn has_phrase(words: &[String], phrase: &[String], anchored: bool) -> bool {
    if phrase.is_empty() || words.len() < phrase.len() {
        return false;
    }
    if anchored {
        return words[..phrase.len()] == phrase[..];
    }
    words.windows(phrase.len()).any(|w| w == phrase)
}

/// The reason a sentence is not a claim, if it is not one.
fn filter_reason(sentence: &str, lower_words: &[String]) -> Option<&'static str> {
    let trimmed = sentence
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '"' | '\'' | ')' | ']'));
    if trimmed.ends_with('?') {
        return Some("question");
    }
    for (reason, anchored, soft, phrase) in FILTERS.iter() {
        let hit = if phrase.len() == 1 && !phrase[0].chars().any(char::is_alphanumeric) {
            sentence.contains(phrase[0].as_str())
        } else {
            has_phrase(lower_words, phrase, *anchored)
        };
        // A soft phrase does not drop a sentence that names a subject.
        if hit && (!*soft || features(sentence).subjects.is_empty()) {
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
    let stems: Vec<String> = ws.iter().map(|w| vocab::stem(&w.lower)).collect();
    let imperative = is_imperative(text, &ws);
    for kind in KINDS {
        if *kind == "advice" && imperative {
            return Some("advice");
        }
        if *kind == "statistic" && (text.contains('%') || text.contains(" percent")) {
            return Some("statistic");
        }
        let cue = CUES
            .iter()
            .any(|(k, stems_of_cue)| k == kind && has_phrase(&stems, stems_of_cue, false));
        if cue {
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
fn looks_like_heading(body: &str) -> bool {
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
fn top_level_comma(text: &str) -> Option<usize> {
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

// ---------------------------------------------------------------------------
// Subjects, clauses, features.

/// What a clause says, normalised for comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    /// Subjects of the main clause (or of the whole text when the main clause has none),
    /// in order of mention, without repeats.
    pub subjects: Vec<&'static str>,
    /// Content stems (synonym-normalised, quantities masked), other subjects ("@heat
    /// therapy") and "not" for a negation outside the main clause, in order, with repeats.
    pub tokens: Vec<String>,
    /// The main clause is negated ("Ice does not help", "Do not take it for long").
    pub negated: bool,
    /// The subjects are named together, as alternatives or a list ("ibuprofen or
    /// paracetamol", "heat and ice"), not one as the object of another ("massage
    /// reduces stress"). True for one subject.
    pub coordinated: bool,
}

fn subjects_in(toks: &[vocab::Tok], range: Range<usize>) -> Vec<&'static str> {
    let mut out = Vec::new();
    for t in toks {
        if let TokKind::Subject(s) = t.kind {
            if t.range.start >= range.start && t.range.end <= range.end && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Byte range of the main clause: after a leading subordinate phrase, before a
/// trailing condition.
fn main_clause(text: &str) -> Range<usize> {
    let ws = vocab::words(text);
    let mut start = 0;
    if ws
        .first()
        .is_some_and(|w| LEADERS.contains(&w.lower.as_str()))
    {
        if let Some(c) = top_level_comma(text) {
            start = c + 1;
        }
    }
    let end = ws
        .iter()
        .skip(1)
        .find(|w| w.range.start > start && TRAILING_CONDITIONS.contains(&w.lower.as_str()))
        .map_or(text.len(), |w| w.range.start);
    start..end.max(start)
}

/// Features of a claim text (used by extraction and, on the claim's `text`, by
/// consolidation, so both see the same subjects).
pub fn features(text: &str) -> Features {
    let toks = vocab::analyse(text);
    let main = main_clause(text);
    let mut subjects = subjects_in(&toks, main.clone());
    let mut scope = main.clone();
    if subjects.is_empty() {
        subjects = subjects_in(&toks, 0..text.len());
        scope = 0..text.len();
    }
    let coordinated = subjects.len() <= 1 || subjects_coordinated(text, &toks, scope);
    let masked: Vec<Range<usize>> = quantity::parse_quantity_spans(text)
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    let describing = subject_kind_words(&toks);
    let mut tokens = Vec::new();
    let mut negated = false;
    for (i, t) in toks.iter().enumerate() {
        if describing.contains(&i)
            || masked
                .iter()
                .any(|m| m.start <= t.range.start && t.range.end <= m.end)
        {
            continue;
        }
        match &t.kind {
            // "If it does not improve, see a doctor" is not a negated claim: a negation
            // outside the main clause is only one more word of it.
            TokKind::Negation if t.range.start >= main.start && t.range.end <= main.end => {
                negated = true
            }
            TokKind::Negation => tokens.push("not".to_string()),
            TokKind::Content(s) => tokens.push(s.clone()),
            TokKind::Subject(s) if !subjects.contains(s) => tokens.push(format!("@{s}")),
            _ => {}
        }
    }
    Features {
        subjects,
        tokens,
        negated,
        coordinated,
    }
}

/// Tokens that say what kind of thing a mentioned subject is ("OTC pain medications such
/// as ibuprofen", "naproxen is a drug"): kind words reaching a subject mention over
/// function words, topic words and other kind words only. They describe the subject, so
/// two claims about it are compared on what they say it does.
fn subject_kind_words(toks: &[vocab::Tok]) -> HashSet<usize> {
    let is_kind = |t: &vocab::Tok| matches!(&t.kind, TokKind::Content(c) if vocab::is_kind_word(c));
    let passes = |t: &vocab::Tok| match &t.kind {
        TokKind::Other => true,
        TokKind::Content(c) => vocab::is_kind_word(c) || vocab::is_topic_word(c),
        _ => false,
    };
    let reaches_subject = |steps: &mut dyn Iterator<Item = &vocab::Tok>| {
        for t in steps {
            if matches!(t.kind, TokKind::Subject(_)) {
                return true;
            }
            if !passes(t) {
                return false;
            }
        }
        false
    };
    (0..toks.len())
        .filter(|&i| {
            is_kind(&toks[i])
                && (reaches_subject(&mut toks[..i].iter().rev())
                    || reaches_subject(&mut toks[i + 1..].iter()))
        })
        .collect()
}

/// Whether the subject mentions in `scope` are separated only by function words,
/// punctuation and generic head words ("acetaminophen or anti-inflammatory medicine
/// (NSAIDs) like ibuprofen"), so they form one list of alternatives.
fn subjects_coordinated(text: &str, toks: &[vocab::Tok], scope: Range<usize>) -> bool {
    let mentions: Vec<&vocab::Tok> = toks
        .iter()
        .filter(|t| {
            matches!(t.kind, TokKind::Subject(_))
                && t.range.start >= scope.start
                && t.range.end <= scope.end
        })
        .collect();
    mentions.windows(2).all(|w| {
        let gap = &text[w[0].range.end..w[1].range.start.max(w[0].range.end)];
        vocab::analyse(gap).iter().all(|t| match &t.kind {
            TokKind::Other => true,
            TokKind::Content(c) => vocab::is_generic_word(c),
            _ => false,
        })
    })
}

static STRONG_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:,\s+(?:while|whereas|though|although|but|yet|so)\s+|;\s+|\s+whereas\s+)")
        .unwrap()
});
static AND_SPLIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i),?\s+and\s+").unwrap());

fn is_verb_like(lower: &str) -> bool {
    matches!(
        lower,
        "can"
            | "may"
            | "might"
            | "will"
            | "could"
            | "should"
            | "would"
            | "is"
            | "are"
            | "was"
            | "were"
            | "helps"
            | "works"
            | "has"
            | "have"
    ) || (lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && lower.len() > 3)
}

/// Whether `left` has a verb after its first subject ("Ice reduces pain", not
/// "Alternating between heat").
fn has_subject_then_verb(left: &str) -> bool {
    let toks = vocab::analyse(left);
    let Some(first) = toks.iter().find(|t| matches!(t.kind, TokKind::Subject(_))) else {
        return false;
    };
    vocab::words(&left[first.range.end..])
        .iter()
        .any(|w| is_verb_like(&w.lower))
}

/// Whether `right` starts with a subject followed by a verb ("heat eases ...").
fn starts_with_subject_clause(right: &str) -> bool {
    let toks = vocab::analyse(right);
    let mut it = toks.iter().skip_while(|t| {
        t.kind == TokKind::Other
            && matches!(
                right[t.range.clone()].to_lowercase().as_str(),
                "the" | "a" | "an" | "your" | "its" | "their"
            )
    });
    match it.next() {
        Some(t) if matches!(t.kind, TokKind::Subject(_)) => {
            let rest = &right[t.range.end..];
            let next = vocab::words(rest).into_iter().next();
            next.is_some_and(|w| is_verb_like(&w.lower))
        }
        _ => false,
    }
}

/// Clause ranges of a sentence (relative): split only where two sides speak of
/// different subjects.
fn split_clauses(sentence: &str) -> Vec<Range<usize>> {
    let toks = vocab::analyse(sentence);
    // (cut start, cut end, whether the text before the cut is a claim of its own)
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    let mut cands: Vec<(Range<usize>, bool)> = STRONG_SPLIT
        .find_iter(sentence)
        .map(|m| (m.range(), true))
        .chain(AND_SPLIT.find_iter(sentence).map(|m| (m.range(), false)))
        .collect();
    cands.sort_by_key(|(r, _)| r.start);
    let word_count = |r: Range<usize>| vocab::words(&sentence[r]).len();
    let mut left_start = 0;
    for (i, (m, strong)) in cands.iter().enumerate() {
        if m.start < left_start {
            continue;
        }
        let right_end = cands
            .get(i + 1..)
            .and_then(|rest| rest.iter().find(|(r, s)| *s && r.start > m.end))
            .map_or(sentence.len(), |(r, _)| r.start);
        let left = left_start..m.start;
        let right = m.end..right_end;
        if word_count(left.clone()) < 3 || word_count(right.clone()) < 3 {
            continue;
        }
        let ls = subjects_in(&toks, left.clone());
        let rs = subjects_in(&toks, right.clone());
        let differ = !ls.is_empty() && !rs.is_empty() && ls.iter().all(|s| !rs.contains(s));
        // ", so X helps": the claim is the result clause; what comes before is context.
        let result = *strong
            && sentence[m.clone()]
                .trim()
                .trim_start_matches(',')
                .trim()
                .eq_ignore_ascii_case("so")
            && ls.is_empty()
            && !rs.is_empty();
        let ok = if *strong {
            differ || result
        } else {
            differ
                && has_subject_then_verb(&sentence[left.clone()])
                && starts_with_subject_clause(&sentence[right.clone()])
        };
        if ok {
            cuts.push((m.start, m.end, !result));
            left_start = m.end;
        }
    }
    let mut out = Vec::new();
    let mut from = 0;
    for (a, b, keep_left) in cuts {
        if keep_left {
            out.push(from..a);
        }
        from = b;
    }
    out.push(from..sentence.len());
    out
}

/// A clause as a statement: connective words and trailing commas off, capitalised.
fn clause_text(clause: &str) -> String {
    let t = clause.trim().trim_end_matches([',', ';']).trim_end();
    let mut s = t.to_string();
    if let Some(c) = s.chars().next() {
        if c.is_lowercase() {
            let upper: String = c.to_uppercase().collect();
            s.replace_range(..c.len_utf8(), &upper);
        }
    }
    s
}

/// A sentence that only continues the one before it: it opens with a pronoun
/// ("These reduce swelling.") and names no subject of its own.
fn is_continuation(sentence: &str) -> bool {
    let ws = vocab::words(sentence);
    let opens = ws.first().is_some_and(|w| {
        matches!(
            w.lower.as_str(),
            "these" | "they" | "those" | "this" | "both" | "it"
        )
    });
    if !opens {
        return false;
    }
    // "It is important to ..." and "This article ..." are not continuations.
    let second = ws.get(1).map(|w| w.lower.as_str()).unwrap_or("");
    if ws[0].lower == "it" && matches!(second, "is" | "was" | "s" | "'s" | "may" | "can") {
        return false;
    }
    if ws[0].lower == "it's" {
        return false;
    }
    features(sentence).subjects.is_empty()
}

/// Quantities of a claim, with durations of causes and risks not taken for sessions
/// ("bending for 20 minutes can cause spasms" is an exposure, not a treatment time).
fn claim_quantities(text: &str, kind: &str) -> Vec<Quantity> {
    quantity::parse_quantities(text)
        .into_iter()
        .map(|mut q| {
            if q.measures == Slot::SessionLength && matches!(kind, "cause" | "risk" | "statistic") {
                q.measures = Slot::Other;
            }
            q
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Extraction.

struct Builder<'a> {
    doc: &'a Document,
    out: Extraction,
}

impl Builder<'_> {
    fn drop(&mut self, reason: &'static str) {
        *self.out.dropped.entry(reason).or_default() += 1;
    }

    /// A claim for `clause` (clean byte range) of the sentence `passage`; a claim that
    /// names no subject takes the subject of its section heading, if that names one.
    fn claim(
        &mut self,
        passage: Range<usize>,
        clause: Range<usize>,
        kind: &'static str,
        section: Option<&'static str>,
    ) -> Option<Claim> {
        let doc = self.doc;
        let text = doc.text.text();
        let raw = doc.text.raw_span(passage.clone());
        if raw.end <= raw.start {
            return None;
        }
        let statement = clause_text(&text[clause]);
        let kind = claim_kind(&statement).unwrap_or(kind);
        let f = features(&statement);
        let markers = markers_in(doc, &raw);
        Some(Claim {
            doc_id: doc.doc_id.clone(),
            clean_start: passage.start,
            clean_end: passage.end,
            raw_start: raw.start,
            raw_end: raw.end,
            quote: doc.raw_quote(raw.start, raw.end),
            quote_clean: text[passage].to_string(),
            quantities: claim_quantities(&statement, kind),
            text: statement,
            kind: kind.to_string(),
            subject: f.subjects.first().copied().or(section).map(str::to_string),
            negated: f.negated,
            markers,
        })
    }

    /// Extend the claims at `idx` over the continuation sentence `next`.
    fn attach(&mut self, idx: &[usize], next: Range<usize>) -> bool {
        let doc = self.doc;
        let text = doc.text.text();
        let mut changed = false;
        for &i in idx {
            let Some(c) = self.out.claims.get(i) else {
                continue;
            };
            let passage = c.clean_start..next.end;
            let raw = doc.text.raw_span(passage.clone());
            if raw.end <= raw.start {
                continue;
            }
            let statement = format!("{} {}", c.text, &text[next.clone()]);
            let kind = c.kind.clone();
            let quantities = claim_quantities(&statement, &kind);
            let f = features(&statement);
            let markers = markers_in(doc, &raw);
            let c = &mut self.out.claims[i];
            c.clean_end = passage.end;
            c.raw_start = raw.start;
            c.raw_end = raw.end;
            c.quote = doc.raw_quote(raw.start, raw.end);
            c.quote_clean = text[passage].to_string();
            c.text = statement;
            c.quantities = quantities;
            c.negated = f.negated;
            c.markers = markers;
            changed = true;
        }
        changed
    }
}

/// The subject of a section heading when it names exactly one.
fn section_subject(heading: &str) -> Option<&'static str> {
    match features(heading).subjects[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// Extract the claims of a document, with counts of what was dropped and why.
pub fn extract(doc: &Document) -> Extraction {
    let mut b = Builder {
        doc,
        out: Extraction::default(),
    };
    if !doc.is_ok() {
        return b.out;
    }
    let text = doc.text.text();
    // The one subject the current section heading names ("3. Massage Therapy").
    let mut section: Option<&'static str> = None;
    for (li, lr) in doc.text.lines().into_iter().enumerate() {
        let line = &text[lr.clone()];
        if line.trim().is_empty() {
            continue;
        }
        let marker = sentences::list_marker_len(line);
        let body_start = lr.start + marker;
        let body = &text[body_start..lr.end];
        match doc
            .line_kinds
            .get(li)
            .copied()
            .unwrap_or(LineKind::Paragraph)
        {
            LineKind::Title => {
                b.drop("title");
                continue;
            }
            LineKind::TableRow => {
                b.drop("table-row");
                continue;
            }
            LineKind::Heading => {
                b.drop("heading");
                section = section_subject(body);
                continue;
            }
            LineKind::ListItem | LineKind::Paragraph => {}
        }
        if looks_like_heading(body) {
            // Page furniture that looks like a heading ("Share this article") counts as such.
            let lower_words: Vec<String> =
                vocab::words(body).into_iter().map(|w| w.lower).collect();
            match filter_reason(body, &lower_words) {
                Some(reason @ ("chrome" | "call-to-action")) => b.drop(reason),
                _ => {
                    b.drop("heading");
                    section = section_subject(body);
                }
            }
            continue;
        }
        let mut previous: Vec<usize> = Vec::new();
        for s in sentences::split_sentences(body) {
            let sent_range = body_start + s.start..body_start + s.end;
            let sentence = &text[sent_range.clone()];
            let lower_words: Vec<String> = vocab::words(sentence)
                .into_iter()
                .map(|w| w.lower)
                .collect();
            if let Some(reason) = filter_reason(sentence, &lower_words) {
                b.drop(reason);
                previous.clear();
                continue;
            }
            let Some(kind) = claim_kind(sentence) else {
                b.drop("no-claim-cue");
                previous.clear();
                continue;
            };
            if !previous.is_empty()
                && is_continuation(sentence)
                && b.attach(&previous, sent_range.clone())
            {
                b.out.attached += 1;
                continue;
            }
            let clauses = split_clauses(sentence);
            if clauses.len() > 1 {
                b.out.split += 1;
            }
            previous.clear();
            for c in clauses {
                let clause = sent_range.start + c.start..sent_range.start + c.end;
                match b.claim(sent_range.clone(), clause, kind, section) {
                    Some(claim) => {
                        previous.push(b.out.claims.len());
                        b.out.claims.push(claim);
                    }
                    None => b.drop("unmappable"),
                }
            }
        }
    }
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TrackedText;

    fn doc(text: &str) -> Document {
        let mut d = crate::ingest::decode_document("t", "raw/t.txt", text.as_bytes().to_vec());
        d.line_kinds = vec![LineKind::Paragraph; d.text.lines().len()];
        d
    }

    fn texts(d: &Document) -> Vec<String> {
        extract(d).claims.into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn two_subjects_in_one_sentence_make_two_claims() {
        let d = doc("Warm baths can loosen stiff joints, while an ice pack can calm swelling and dull pain.\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 2);
        assert_eq!(e.claims[0].subject.as_deref(), Some("heat therapy"));
        assert_eq!(e.claims[1].subject.as_deref(), Some("cold therapy"));
        assert_eq!(
            e.claims[1].text,
            "An ice pack can calm swelling and dull pain."
        );
        // Both keep the whole sentence as their passage.
        assert_eq!(e.claims[0].quote, e.claims[1].quote);
        assert!(e.claims[0].quote.starts_with("Warm baths"));
        assert_eq!(e.split, 1);
    }

    #[test]
    fn and_splits_only_before_a_new_subject_with_a_verb() {
        let d = doc("Ice dulls pain early and heat relaxes tight muscles later.\nAlternate between heat and ice packs to calm the spasm.\n");
        let t = texts(&d);
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!(t[1], "Heat relaxes tight muscles later.");
        assert_eq!(
            t[2],
            "Alternate between heat and ice packs to calm the spasm."
        );
    }

    #[test]
    fn no_split_without_a_verb_after_the_first_subject() {
        let d = doc("Switching between heat and cold packs can also help calm the spasm.\n");
        assert_eq!(texts(&d).len(), 1);
    }

    #[test]
    fn result_clause_after_context_is_the_claim() {
        let d = doc("When the back locks up it is hard to rest, so anti-inflammatory pills like naproxen can help a lot.\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        assert_eq!(
            e.claims[0].text,
            "Anti-inflammatory pills like naproxen can help a lot."
        );
        assert!(e.claims[0].quote.starts_with("When the back"));
    }

    #[test]
    fn claims_without_a_subject_take_their_section_heading_subject() {
        let d = doc("3. Massage\nIt relaxes knotted muscles within minutes.\nHeat and Ice\nIt helps many people feel calmer at night.\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 2);
        assert_eq!(e.claims[0].subject.as_deref(), Some("massage"));
        assert_eq!(
            e.claims[1].subject, None,
            "a heading with two subjects gives none"
        );
    }

    #[test]
    fn soft_rhetoric_keeps_sentences_that_name_a_subject() {
        let d = doc("Here's the rule: ice the ankle for 15 minutes.\nHere are some tips that really work.\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        assert_eq!(e.dropped.get("rhetoric"), Some(&1));
    }

    #[test]
    fn non_claims_are_dropped_with_reasons() {
        let d = doc(concat!(
            "Heat and Cold Therapy\n",
            "In this guide, we will explore ways to soothe a sore neck.\n",
            "What causes a stiff neck?\n",
            "Share this article with friends.\n",
            "Rest the neck and apply a cold pack to reduce swelling.\n",
            "The sky was grey that morning.\n",
        ));
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        assert_eq!(e.claims[0].kind, "advice");
        let want: BTreeMap<&str, usize> = [
            ("heading", 1),
            ("rhetoric", 1),
            ("question", 1),
            ("call-to-action", 1),
            ("no-claim-cue", 1),
        ]
        .into_iter()
        .collect();
        assert_eq!(e.dropped, want);
    }

    #[test]
    fn continuation_sentences_attach_to_their_antecedent() {
        let d = doc("Relief may come from tablets like naproxen. These lower swelling too. Drink plenty of water daily.\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 2);
        assert_eq!(e.claims[0].subject.as_deref(), Some("nsaids"));
        assert!(e.claims[0].quote.ends_with("These lower swelling too."));
        assert_eq!(e.attached, 1);
    }

    #[test]
    fn list_markers_are_not_part_of_the_passage() {
        let d = doc("  • Apply a heat wrap for 15-20 minutes, 2-3 times a day\n");
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        let c = &e.claims[0];
        assert_eq!(
            c.quote,
            "Apply a heat wrap for 15-20 minutes, 2-3 times a day"
        );
        assert_eq!(c.subject.as_deref(), Some("heat therapy"));
        let slots: Vec<Slot> = c.quantities.iter().map(|q| q.measures).collect();
        assert_eq!(slots, [Slot::SessionLength, Slot::Frequency]);
    }

    #[test]
    fn quotes_are_exact_raw_bytes_after_repairs() {
        let raw = "It\u{e2}\u{20ac}\u{2122}s wise to use an ice pack for 15\u{e2}\u{20ac}\u{201c}20 minutes to ease swelling.\n";
        let mut d = crate::ingest::decode_document("m", "raw/m.txt", raw.as_bytes().to_vec());
        crate::repair::repair_document(&mut d);
        d.line_kinds = vec![LineKind::Paragraph; d.text.lines().len()];
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        let c = &e.claims[0];
        assert_eq!(c.quote, raw.trim_end());
        assert_eq!(
            c.quote_clean,
            "It's wise to use an ice pack for 15\u{2013}20 minutes to ease swelling."
        );
        assert_eq!(
            String::from_utf8_lossy(&d.raw[c.raw_start..c.raw_end]),
            c.quote
        );
        assert_eq!(c.quantities[0].low, 15.0);
        assert_eq!(c.quantities[0].high, 20.0);
    }

    #[test]
    fn negation_subject_and_main_clause() {
        let f = features("If ibuprofen does not help, try paracetamol instead.");
        assert_eq!(f.subjects, ["acetaminophen"]);
        assert!(!f.negated, "the negation is in the condition");
        assert!(f.tokens.contains(&"not".to_string()));
        assert!(features("Do not take ibuprofen if you have an ulcer.").negated);
        let f = features("See a doctor if the pain lasts more than a week.");
        assert_eq!(f.subjects, ["doctor"]);
        assert!(!f.negated);
        // Quantities are masked out of the compared words.
        let f = features("Use a cold pack for 10 minutes.");
        assert!(!f.tokens.iter().any(|t| t.contains("minut")));
        assert!(features("Ibuprofen or paracetamol (pain medicines) can ease it.").coordinated);
        assert!(features("Heat, massage and yoga ease it.").coordinated);
        assert!(!features("Massage reduces stress.").coordinated);
    }

    #[test]
    fn words_naming_a_subjects_kind_are_not_what_is_said() {
        let stems = |t: &str| features(t).tokens;
        let kinds = ["otc", "medic", "medicin", "drug", "tablet"];
        for t in [
            "Over-the-counter pain medications such as naproxen ease sore joints.",
            "Naproxen tablets ease sore joints.",
            "Naproxen is a medicine that eases sore joints.",
        ] {
            let toks = stems(t);
            assert!(
                !toks.iter().any(|w| kinds.contains(&w.as_str())),
                "{t}: {toks:?}"
            );
            assert!(toks.iter().any(|w| w.starts_with("joint")), "{t}: {toks:?}");
        }
        // Not next to a subject, a kind word is part of the claim.
        let toks = stems("Heat lowers the need for pain medication.");
        assert!(toks.iter().any(|w| w.starts_with("medic")), "{toks:?}");
        let toks = stems("Some medicines cause muscle cramps.");
        assert!(toks.iter().any(|w| w.starts_with("medicin")), "{toks:?}");
    }

    #[test]
    fn cause_durations_are_not_sessions() {
        let d = doc("Sitting hunched for 40 minutes can cause neck cramps.\n");
        let e = extract(&d);
        assert_eq!(e.claims[0].kind, "cause");
        assert_eq!(e.claims[0].quantities[0].measures, Slot::Other);
    }

    #[test]
    fn skipped_and_marked_lines_make_no_claims() {
        let mut d = doc("A Title Line\nA heading line here\nIce reduces swelling in sprains.\n");
        d.line_kinds = vec![LineKind::Title, LineKind::Heading, LineKind::Paragraph];
        let e = extract(&d);
        assert_eq!(e.claims.len(), 1);
        assert_eq!(e.dropped.get("title"), Some(&1));
        assert_eq!(e.dropped.get("heading"), Some(&1));
        let mut empty = doc("x");
        empty.status = crate::model::Status::Skipped;
        empty.text = TrackedText::from_str("");
        assert!(extract(&empty).claims.is_empty());
    }
}
