//! Word tokens of a text, with byte spans, for phrase matching and n-gram scoring.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the text the tokens were taken from.
    pub start: usize,
    pub end: usize,
    /// Lowercase form (apostrophes normalised to ').
    pub lower: String,
    /// Letters or digits (a word); otherwise one punctuation character.
    pub is_word: bool,
    /// Line number (0-based) the token is on.
    pub line: usize,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    pub fn is_digits(&self) -> bool {
        self.is_word && self.lower.bytes().all(|b| b.is_ascii_digit())
    }
    /// A hyphen (or dash) token that joins two words without spaces ("over-the-counter").
    pub fn is_joiner(&self) -> bool {
        !self.is_word && matches!(self.lower.as_str(), "-" | "\u{2010}" | "\u{2011}")
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Tokenize `s`: words (letters/digits, with inner apostrophes) and single punctuation
/// characters; whitespace separates tokens and newlines advance the line number.
pub fn tokenize(s: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut line = 0;
    let mut space_before = true;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c == '\n' {
            line += 1;
            space_before = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            space_before = true;
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                let inner_apostrophe = is_apostrophe(cj)
                    && chars.get(j + 1).is_some_and(|(_, n)| n.is_alphabetic())
                    && chars[j - 1].1.is_alphabetic();
                if cj.is_alphanumeric() || inner_apostrophe {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(s.len(), |(p, _)| *p);
            let word = &s[pos..end];
            // ASCII (most words): the same lowercase without per-character case mapping.
            let lower: String = if word.is_ascii() {
                word.to_ascii_lowercase()
            } else {
                word.chars()
                    .map(|c| if is_apostrophe(c) { '\'' } else { c })
                    .flat_map(char::to_lowercase)
                    .collect()
            };
            out.push(Token {
                start: pos,
                end,
                lower,
                is_word: true,
                line,
                space_before,
            });
            i = j;
        } else {
            let end = pos + c.len_utf8();
            out.push(Token {
                start: pos,
                end,
                lower: c.to_string(),
                is_word: false,
                line,
                space_before,
            });
            i += 1;
        }
        space_before = false;
    }
    out
}

/// Lowercase words of a phrase as written in a data file ("over-the-counter" gives
/// over, -, the, -, counter).
pub fn phrase_tokens(s: &str) -> Vec<String> {
    tokenize(s).into_iter().map(|t| t.lower).collect()
}

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
];

/// Value of a spelled-out cardinal word ("fifteen" -> 15).
pub fn number_word(w: &str) -> Option<u32> {
    NUMBER_WORDS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v)
}

/// Value of a spelled-out number of one or two tokens starting at `i`: "twenty",
/// "twenty - five" (hyphenated compound). Returns (value, tokens used).
pub fn spelled_number(toks: &[Token], i: usize) -> Option<(u32, usize)> {
    let first = number_word(&toks.get(i)?.lower)?;
    if (20..=90).contains(&first) && first % 10 == 0 {
        if let (Some(h), Some(u)) = (toks.get(i + 1), toks.get(i + 2)) {
            if h.is_joiner() && !h.space_before && !u.space_before {
                if let Some(unit) = number_word(&u.lower).filter(|v| (1..=9).contains(v)) {
                    return Some((first + unit, 3));
                }
            }
        }
    }
    Some((first, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_punctuation_and_lines() {
        let t = tokenize("Child’s Pose: 15-twenty\nmins.");
        let l: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            l,
            ["child's", "pose", ":", "15", "-", "twenty", "mins", "."]
        );
        assert_eq!(t[6].line, 1);
        assert!(t[4].is_joiner() && !t[4].space_before && t[1].space_before);
        assert_eq!(&"Child’s Pose"[t[0].range()], "Child’s");
    }

    #[test]
    fn spelled_numbers() {
        let t = tokenize("twenty-five and ten");
        assert_eq!(spelled_number(&t, 0), Some((25, 3)));
        assert_eq!(spelled_number(&t, 4), Some((10, 1)));
        assert_eq!(spelled_number(&t, 3), None);
    }
}
