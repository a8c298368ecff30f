//! Clauses: where a sentence splits into claims about different subjects, a clause as
//! a statement, and sentences that only continue the one before them.

use super::features::{features, subjects_in};
use super::vocab::{self, TokKind};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static STRONG_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:,\s+(?:while|whereas|though|although|but|yet|so)\s+|;\s+|\s+whereas\s+)")
        .unwrap()
});
static AND_SPLIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i),?\s+and\s+").unwrap());

pub(super) fn is_verb_like(lower: &str) -> bool {
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
pub(super) fn split_clauses(sentence: &str) -> Vec<Range<usize>> {
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
pub(super) fn clause_text(clause: &str) -> String {
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
pub(super) fn is_continuation(sentence: &str) -> bool {
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
