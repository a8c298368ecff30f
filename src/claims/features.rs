//! What a claim text says, normalised for comparison: its subjects (of the main
//! clause), content stems, negation, and whether its subjects are named together.

use super::classify::{top_level_comma, LEADERS, TRAILING_CONDITIONS};
use super::vocab::{self, TokKind};
use crate::quantity;
use rustc_hash::FxHashSet as HashSet;
use std::cell::RefCell;
use std::ops::Range;

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

pub(super) fn subjects_in(toks: &[vocab::Tok], range: Range<usize>) -> Vec<&'static str> {
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

/// How many recent texts keep their features per thread: extraction asks for the
/// features of one sentence several times (filters, kind, continuation, the claim).
const RECENT: usize = 4;

thread_local! {
    static RECENT_FEATURES: RefCell<Vec<(String, Features)>> = const { RefCell::new(Vec::new()) };
}

/// Features of a claim text (used by extraction and, on the claim's `text`, by
/// consolidation, so both see the same subjects).
pub fn features(text: &str) -> Features {
    if let Some(f) = RECENT_FEATURES.with(|r| {
        r.borrow()
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, f)| f.clone())
    }) {
        return f;
    }
    let f = compute_features(text);
    RECENT_FEATURES.with(|r| {
        let mut r = r.borrow_mut();
        if r.len() >= RECENT {
            r.remove(0);
        }
        r.push((text.to_string(), f.clone()));
    });
    f
}

fn compute_features(text: &str) -> Features {
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
