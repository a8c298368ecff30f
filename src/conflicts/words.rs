//! Words for the conflicts stage: a tokenizer, whole-word phrase matching, and the
//! lexicons in `data/conflicts_*.txt`.

use crate::lexicon::data_lines;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// A lowercase word and its byte span in the string it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub word: String,
    pub start: usize,
    pub end: usize,
}

/// Lowercase words: runs of letters and digits, with apostrophes inside a word kept
/// (curly ones made straight) so "don't" stays one word.
pub fn tokens(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let apostrophe = matches!(c, '\'' | '\u{2019}')
            && cur.is_some()
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || apostrophe {
            let (_, w) = cur.get_or_insert_with(|| (pos, String::new()));
            if apostrophe {
                w.push('\'');
            } else {
                w.extend(c.to_lowercase());
            }
        } else if let Some((start, word)) = cur.take() {
            out.push(Token {
                word,
                start,
                end: pos,
            });
        }
    }
    if let Some((start, word)) = cur {
        out.push(Token {
            word,
            start,
            end: s.len(),
        });
    }
    out
}

/// Light suffix stripping so that "reduces", "reduced" and "reduce" compare equal.
pub fn stem(word: &str) -> String {
    const SUFFIXES: [(&str, usize); 5] = [("ing", 4), ("ed", 4), ("es", 3), ("s", 3), ("e", 3)];
    for (suffix, min_stem) in SUFFIXES {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.chars().count() >= min_stem && !(suffix == "s" && base.ends_with('s')) {
                // "swimming" -> "swim", as Porter undoubles (but "rolling" keeps its l).
                let b = base.as_bytes();
                let n = b.len();
                let doubled = matches!(suffix, "ing" | "ed")
                    && n >= 2
                    && b[n - 1].is_ascii_alphabetic()
                    && b[n - 1] == b[n - 2]
                    && !matches!(b[n - 1], b'l' | b's' | b'z')
                    && !b"aeiou".contains(&b[n - 1]);
                return if doubled { &base[..n - 1] } else { base }.to_string();
            }
        }
    }
    word.to_string()
}

/// Where a phrase matched: token index, length in tokens, and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub at: usize,
    pub len: usize,
    pub label: usize,
}

/// A set of labelled phrases, matched on whole words, longest first.
#[derive(Debug, Default)]
pub struct Phrases {
    /// Each phrase as words, with the index of its label.
    phrases: Vec<(Vec<String>, usize)>,
    pub labels: Vec<String>,
}

impl Phrases {
    /// Add phrases under a label ("cold therapy", "negation").
    pub fn add(&mut self, label: &str, phrases: impl IntoIterator<Item = String>) {
        let idx = match self.labels.iter().position(|l| l == label) {
            Some(i) => i,
            None => {
                self.labels.push(label.to_string());
                self.labels.len() - 1
            }
        };
        for p in phrases {
            let words: Vec<String> = tokens(&p).into_iter().map(|t| t.word).collect();
            if !words.is_empty() {
                self.phrases.push((words, idx));
            }
        }
        // Longest phrases first, so "ice pack" wins over "ice".
        self.phrases
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    }

    pub fn label_index(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }

    /// Non-overlapping matches, left to right, the longest phrase at each position.
    pub fn find(&self, toks: &[Token]) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let hit = self.phrases.iter().find(|(words, _)| {
                toks.len() - i >= words.len()
                    && words.iter().zip(&toks[i..]).all(|(w, t)| *w == t.word)
            });
            match hit {
                Some((words, label)) => {
                    out.push(Match {
                        at: i,
                        len: words.len(),
                        label: *label,
                    });
                    i += words.len();
                }
                None => i += 1,
            }
        }
        out
    }
}

/// `label: a | b | c` lines into phrases.
fn parse_classes(text: &'static str) -> Phrases {
    let mut p = Phrases::default();
    for line in data_lines(text) {
        if let Some((label, rest)) = line.split_once(':') {
            p.add(
                label.trim(),
                rest.split('|')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
            );
        }
    }
    p
}

/// Label of the family phrases that name no treatment ("warm up").
pub const IGNORE_FAMILY: &str = "ignore";

/// Treatment families: label = topic name ("cold therapy"), phrases = its names.
pub static FAMILIES: LazyLock<Phrases> =
    LazyLock::new(|| parse_classes(include_str!("../../data/conflicts_families.txt")));

/// Cue phrases, one label per class of `data/conflicts_cues.txt`.
pub struct Cues {
    phrases: Phrases,
}

impl Cues {
    /// Matches of one cue class.
    pub fn find(&self, class: &str, toks: &[Token]) -> Vec<Match> {
        let Some(idx) = self.phrases.label_index(class) else {
            return Vec::new();
        };
        // Match all classes together so a longer cue of another class ("switch
        // between" against "switch to") takes precedence, then keep this class.
        self.phrases
            .find(toks)
            .into_iter()
            .filter(|m| m.label == idx)
            .collect()
    }

    pub fn any(&self, class: &str, toks: &[Token]) -> bool {
        !self.find(class, toks).is_empty()
    }
}

pub static CUES: LazyLock<Cues> = LazyLock::new(|| Cues {
    phrases: parse_classes(include_str!("../../data/conflicts_cues.txt")),
});

/// Function words that carry no content.
pub static STOPWORDS: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| {
    data_lines(include_str!("../../data/conflicts_stopwords.txt"))
        .flat_map(|l| l.split_whitespace())
        .collect()
});

/// Antonym groups: stem -> (group label, direction).
pub static ANTONYMS: LazyLock<Vec<(String, String, bool)>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for line in data_lines(include_str!("../../data/conflicts_antonyms.txt")) {
        let Some((label, rest)) = line.split_once(':') else {
            continue;
        };
        let (pos, neg) = rest.split_once('/').unwrap_or((rest, ""));
        for (side, words) in [(true, pos), (false, neg)] {
            for w in words.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                out.push((stem(w), label.trim().to_string(), side));
            }
        }
    }
    out.sort();
    out
});

/// The antonym group and direction of a word, if it has one.
pub fn antonym(word: &str) -> Option<(&'static str, bool)> {
    let s = stem(word);
    ANTONYMS
        .iter()
        .find(|(st, _, _)| *st == s)
        .map(|(_, label, dir)| (label.as_str(), *dir))
}

/// Treatment mentions in a token list: (token index, family label).
pub fn family_mentions(toks: &[Token]) -> Vec<(usize, &'static str)> {
    FAMILIES
        .find(toks)
        .into_iter()
        .filter_map(|m| {
            let label = FAMILIES.labels.get(m.label)?;
            (label != IGNORE_FAMILY).then_some((m.at, label.as_str()))
        })
        .collect()
}

/// The family a topic names ("ice" -> "cold therapy"), when it names exactly one.
pub fn topic_family(topic: &str) -> Option<&'static str> {
    let mut fams: Vec<&str> = family_mentions(&tokens(topic))
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    fams.sort_unstable();
    fams.dedup();
    match fams.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// Whether a topic names any treatment family ("heat and cold therapy" does).
pub fn topic_has_family(topic: &str) -> bool {
    !family_mentions(&tokens(topic)).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokens(s).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn tokenizer_keeps_contractions_and_splits_ranges() {
        assert_eq!(
            words("Don’t soak for 10-15 min."),
            vec!["don't", "soak", "for", "10", "15", "min"]
        );
        let t = tokens("Ab cd");
        assert_eq!((t[1].start, t[1].end), (3, 5));
        assert!(tokens("").is_empty());
        assert_eq!(words("'quoted'"), vec!["quoted"]);
    }

    #[test]
    fn stems_align_inflections() {
        assert_eq!(stem("reduces"), stem("reduce"));
        assert_eq!(stem("reduced"), stem("reducing"));
        assert_eq!(stem("loosens"), "loosen");
        assert_eq!(stem("stress"), "stress");
        assert_eq!(stem("swimming"), stem("swim"));
        assert_eq!(stem("rolling"), "roll");
        // Non-ASCII words are never cut inside a character.
        assert_eq!(stem("ééééing"), "éééé");
    }

    #[test]
    fn longest_family_phrase_wins_and_ignored_phrases_hide_terms() {
        let m = family_mentions(&tokens("Put a heating pad on, then an ice pack"));
        assert_eq!(m, vec![(2, "heat therapy"), (7, "cold therapy")]);
        assert!(family_mentions(&tokens("Warm up before you jog")).is_empty());
        assert_eq!(topic_family("ice"), Some("cold therapy"));
        assert_eq!(topic_family("heat and cold therapy"), None);
        assert!(topic_has_family("heat and cold therapy"));
        assert_eq!(topic_family("nsaids"), None);
    }

    #[test]
    fn cue_classes_prefer_the_longer_cue() {
        let t = tokens("switch between the two, then stop");
        assert_eq!(CUES.find("alternate", &t).len(), 1);
        // "switch between" is alternation, not the "switch to" step cue.
        assert_eq!(CUES.find("then", &t).len(), 1);
        assert!(CUES.any("negation", &tokens("never do that")));
        assert!(!CUES.any("negation", &tokens("nothing here")));
    }

    #[test]
    fn antonyms_know_direction() {
        assert_eq!(antonym("boosts"), Some(("more", true)));
        assert_eq!(antonym("reduces"), Some(("more", false)));
        assert_eq!(antonym("banana"), None);
    }
}
