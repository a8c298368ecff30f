//! Pass 2, scraping damage: parenthesised debris, split words, glued table cells.

use super::*;

/// A bracketed token without spaces: "(kkk>2)", "[x=1]".
pub(super) static PAREN_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^\s()\[\]]{1,40})\)|\[([^\s()\[\]]{1,40})\]").unwrap());
pub(super) static HTMLISH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]*/?>|&[a-z]+;|\{\{|\}\}").unwrap());

/// Parenthesised scraping debris: (confidence, evidence) for each candidate.
pub(super) fn garbage(text: &str, line: Range<usize>) -> Vec<(Range<usize>, f32, String)> {
    let s = &text[line.clone()];
    let mut out = Vec::new();
    for m in PAREN_TOKEN.captures_iter(s) {
        let (Some(whole), Some(inner)) = (m.get(0), m.get(1).or(m.get(2))) else {
            continue;
        };
        let inner = inner.as_str();
        if !inner.chars().any(|c| "<>={}[]\\^|~@#$&".contains(c)) {
            continue;
        }
        let mut conf: f32 = 0.5;
        let mut ev = vec!["symbols".to_string()];
        let runs: Vec<&str> = inner
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|r| r.len() >= 2)
            .collect();
        if runs
            .iter()
            .any(|r| r.chars().all(|c| c.is_ascii_lowercase()) && !lexicon::is_word(r))
        {
            conf += 0.3;
            ev.push("non-word letters".into());
        }
        let chars: Vec<char> = inner.chars().collect();
        if chars
            .windows(3)
            .any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_alphabetic())
        {
            conf += 0.2;
            ev.push("repeated letters".into());
        }
        if HTMLISH.is_match(inner) {
            conf += 0.3;
            ev.push("markup".into());
        }
        // Take one neighbouring space along so no double space is left; a line of
        // nothing else goes whole, newline included.
        let (mut a, mut b) = (line.start + whole.start(), line.start + whole.end());
        let rest = format!("{}{}", &s[..whole.start()], &s[whole.end()..]);
        if !rest.chars().any(char::is_alphanumeric) {
            a = line.start;
            b = (line.end + 1).min(text.len());
        } else if a > line.start && text.as_bytes()[a - 1] == b' ' {
            a -= 1;
        } else if b < line.end && text.as_bytes()[b] == b' ' {
            b += 1;
        }
        out.push((a..b, conf.min(1.0), ev.join(", ")));
    }
    out
}

/// Lower-case letter runs of the text with their counts.
pub(super) fn doc_word_counts(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
        if !w.is_empty() {
            *m.entry(w.to_ascii_lowercase()).or_insert(0) += 1;
        }
    }
    m
}

/// Words split by scraping: (range, merged, confidence, evidence).
pub(super) fn split_words(
    text: &str,
    line: Range<usize>,
    counts: &HashMap<String, usize>,
) -> Vec<(Range<usize>, String, f32, String)> {
    let s = &text[line.clone()];
    let mut runs: Vec<Range<usize>> = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphabetic() {
            let st = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            runs.push(st..i);
        } else {
            i += 1;
        }
    }
    let mut out = Vec::new();
    for k in 1..runs.len() {
        let (ra, rb) = (runs[k - 1].clone(), runs[k].clone());
        if rb.start != ra.end + 1 || b[ra.end] != b' ' {
            continue;
        }
        // Apostrophes and hyphens glue words: "don't", "knee-to".
        if ra.start > 0 && matches!(b[ra.start - 1], b'\'' | b'-') {
            continue;
        }
        if rb.end < b.len() && matches!(b[rb.end], b'\'' | b'-') {
            continue;
        }
        let (a, bw) = (&s[ra.clone()], &s[rb.clone()]);
        if a.len() < 2
            || bw.len() < 2
            || !a.bytes().all(|c| c.is_ascii_lowercase())
            || !bw.bytes().all(|c| c.is_ascii_lowercase())
        {
            continue;
        }
        if lexicon::bigram_count(a, bw) > 0 {
            continue;
        }
        let prev = (k >= 2 && runs[k - 2].end + 1 == ra.start)
            .then(|| s[runs[k - 2].clone()].to_ascii_lowercase());
        let next = (k + 1 < runs.len() && rb.end + 1 == runs[k + 1].start)
            .then(|| s[runs[k + 1].clone()].to_ascii_lowercase());
        let in_doc = |w: &str| counts.get(w).copied().unwrap_or(0);
        // A piece makes sense when it is a word that fits a neighbour or recurs.
        let sensible_a = lexicon::is_word(a)
            && (in_doc(a) >= 2
                || prev
                    .as_deref()
                    .is_some_and(|p| lexicon::bigram_count(p, a) > 0));
        let sensible_b = lexicon::is_word(bw)
            && (in_doc(bw) >= 2
                || next
                    .as_deref()
                    .is_some_and(|x| lexicon::bigram_count(bw, x) > 0));
        if sensible_a || sensible_b {
            continue;
        }
        let mut merges: Vec<String> = vec![format!("{a}{bw}")];
        for k in 1..a.len().min(bw.len()) {
            if a[a.len() - k..] == bw[..k] {
                merges.push(format!("{a}{}", &bw[k..]));
            }
        }
        let Some(m) = merges
            .into_iter()
            .filter(|m| lexicon::is_word(m) && m.len() >= 4)
            .max_by_key(|m| (in_doc(m), lexicon::word_count(m)))
        else {
            continue;
        };
        let elsewhere = in_doc(&m);
        let (conf, ev) = if elsewhere >= 1 {
            (
                0.9,
                format!("'{a} {bw}' fits no context; '{m}' occurs {elsewhere}x in the document"),
            )
        } else if (!lexicon::is_word(a) || !lexicon::is_word(bw))
            && lexicon::word_count(&m) >= 1_000_000
        {
            (
                0.5,
                format!("'{a} {bw}' fits no context; '{m}' is a frequent word"),
            )
        } else {
            continue;
        };
        out.push((line.start + ra.start..line.start + rb.end, m, conf, ev));
    }
    out
}

/// Glue points of table cells in a line: byte offsets where a lower-case letter is
/// followed by a capitalised word, both halves words, the glued token not.
pub(super) fn glue_points(text: &str, line: Range<usize>) -> Vec<usize> {
    let s = &text[line.clone()];
    let mut out = Vec::new();
    for (tok_start, tok) in s.split(' ').scan(0usize, |pos, t| {
        let st = *pos;
        *pos += t.len() + 1;
        Some((st, t))
    }) {
        let bare = tok.trim_matches(|c: char| !c.is_alphanumeric());
        if CAMEL_NAMES.contains(bare) {
            continue;
        }
        let tb = tok.as_bytes();
        for i in 1..tb.len().saturating_sub(1) {
            if !(tb[i - 1].is_ascii_lowercase()
                && tb[i].is_ascii_uppercase()
                && tb[i + 1].is_ascii_lowercase())
            {
                continue;
            }
            // The words on either side: "ExerciseSetsReps" at "Sets" is Exercise + Sets.
            let mut ls = i;
            while ls > 0 && tb[ls - 1].is_ascii_lowercase() {
                ls -= 1;
            }
            if ls > 0 && tb[ls - 1].is_ascii_uppercase() {
                ls -= 1;
            }
            let mut re = i + 1;
            while re < tb.len() && tb[re].is_ascii_lowercase() {
                re += 1;
            }
            let (left, right) = (&tok[ls..i], &tok[i..re]);
            if CAMEL_NAMES.contains(&tok[ls..re]) || left.len() < 2 || right.len() < 2 {
                continue;
            }
            let (l, r) = (left.to_ascii_lowercase(), right.to_ascii_lowercase());
            if lexicon::is_word(&l) && lexicon::is_word(&r) && !lexicon::is_word(&format!("{l}{r}"))
            {
                out.push(line.start + tok_start + i);
            }
        }
    }
    out
}

pub(super) fn table_like(line: &str) -> bool {
    word_count(line) <= 16 && !ends_sentence(line)
}
