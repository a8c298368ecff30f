//! Reviewed decisions on suggestions: `curated/decisions.toml`, written by
//! `factsieve review` (or by hand) and honoured by every later run.
//!
//! A suggestion is a repair the pipeline did not apply (`status = suggested` in
//! `reports/repairs.csv`). A reviewer accepts or rejects it by its key, a hash of what the
//! suggestion is (rule, raw byte span, before, after), so the key stays valid across runs
//! as long as the raw file and the suggestion stay the same. An accepted suggestion is
//! applied as an edit, through [`crate::text::TrackedText::replace`] with its own rule code
//! and confidence, its evidence saying it was accepted by review; a rejected one is no
//! longer listed. A decision whose suggestion is no longer made does nothing.
//!
//! Decisions are per-document data: the runner hands each document only its own
//! ([`Decisions::for_doc`]), and [`apply`] is a pure function of the document and them.

use crate::model::{Document, Suggestion};
use crate::text::Replacement;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name under `curated/`.
pub const FILE_NAME: &str = "decisions.toml";

/// Evidence prefix of an edit applied because a reviewer accepted its suggestion.
pub const ACCEPTED: &str = "accepted by review (decisions.toml)";

#[derive(Debug, thiserror::Error)]
pub enum DecisionsError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
}

/// What a reviewer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Accept,
    Reject,
}

/// One reviewed suggestion.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub doc_id: String,
    pub rule: String,
    /// [`key`] of the suggestion.
    pub key: String,
    pub decision: Verdict,
    /// The suggestion's text, for people reading the file; not used to match.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub before: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub after: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    #[serde(default, rename = "decision")]
    decisions: Vec<Decision>,
}

/// The stable key of a suggestion: 16 hex digits of a BLAKE3 hash of its rule, raw byte
/// span, before and after text.
pub fn key(rule: &str, raw_start: usize, raw_end: usize, before: &str, after: &str) -> String {
    let mut h = blake3::Hasher::new();
    for part in [
        rule,
        &raw_start.to_string(),
        &raw_end.to_string(),
        before,
        after,
    ] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    h.finalize().to_hex()[..16].to_string()
}

/// [`key`] of a suggestion.
pub fn suggestion_key(s: &Suggestion) -> String {
    key(s.rule, s.raw_start, s.raw_end, &s.before, &s.after)
}

/// Every decision, by doc_id, and the file's text as read (a run copies it into the new
/// `curated/` unchanged).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decisions {
    by_doc: BTreeMap<String, Vec<Decision>>,
    text: Option<String>,
}

impl Decisions {
    /// Read `curated/decisions.toml`; no file is no decisions. A file that does not parse
    /// (or has unknown keys) is an error naming the file.
    pub fn load(curated: &Path) -> Result<Decisions, DecisionsError> {
        let path = curated.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Decisions::default()),
            Err(source) => return Err(DecisionsError::Read { path, source }),
        };
        Decisions::parse(&text).map_err(|message| DecisionsError::Parse { path, message })
    }

    /// Parse the file's text.
    pub fn parse(text: &str) -> Result<Decisions, String> {
        let file: FileFormat = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut d = Decisions::from_list(file.decisions);
        d.text = Some(text.to_string());
        Ok(d)
    }

    /// Decisions given in memory (tests, library use).
    pub fn from_list(list: Vec<Decision>) -> Decisions {
        let mut by_doc: BTreeMap<String, Vec<Decision>> = BTreeMap::new();
        for d in list {
            by_doc.entry(d.doc_id.clone()).or_default().push(d);
        }
        Decisions { by_doc, text: None }
    }

    /// The decisions about one document.
    pub fn for_doc(&self, doc_id: &str) -> &[Decision] {
        self.by_doc.get(doc_id).map_or(&[], Vec::as_slice)
    }

    pub fn is_empty(&self) -> bool {
        self.by_doc.is_empty()
    }

    /// Whether a run writes `decisions.toml` into the new `curated/`: there was a file, or
    /// decisions were given.
    pub fn to_write(&self) -> bool {
        self.text.is_some() || !self.by_doc.is_empty()
    }

    /// Every decision, sorted by doc_id, then in file order.
    pub fn iter(&self) -> impl Iterator<Item = &Decision> {
        self.by_doc.values().flatten()
    }

    /// Record `d`, replacing an earlier decision on the same suggestion.
    pub fn set(&mut self, d: Decision) {
        let list = self.by_doc.entry(d.doc_id.clone()).or_default();
        list.retain(|x| x.key != d.key);
        list.push(d);
        self.text = None;
    }

    /// The decision on the suggestion with this key in this document.
    pub fn get(&self, doc_id: &str, key: &str) -> Option<&Decision> {
        self.for_doc(doc_id).iter().find(|d| d.key == key)
    }

    /// The file's text: as read when unchanged, else freshly written (sorted by doc_id and
    /// key, so the same decisions always give the same file).
    pub fn to_toml(&self) -> String {
        if let Some(t) = &self.text {
            return t.clone();
        }
        let mut decisions: Vec<Decision> = self.iter().cloned().collect();
        decisions.sort_by(|a, b| (&a.doc_id, &a.key).cmp(&(&b.doc_id, &b.key)));
        let body = toml::to_string(&FileFormat { decisions }).unwrap_or_default();
        format!(
            "# Reviewed suggestions (`factsieve review`): later runs apply the accepted ones\n\
             # and no longer list the rejected ones. key = the suggestion's hash.\n\n{body}"
        )
    }
}

/// What [`apply`] did to a document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub accepted: usize,
    pub rejected: usize,
}

/// The current-text range of a suggestion: where its `before` text stands over its raw
/// span. None when the text there has changed since (or the suggestion inserts only).
fn current_range(doc: &Document, s: &Suggestion) -> Option<std::ops::Range<usize>> {
    if s.before.is_empty() {
        return None;
    }
    let text = doc.text.text();
    text.match_indices(s.before.as_str())
        .map(|(i, m)| i..i + m.len())
        .find(|r| doc.text.raw_span(r.clone()) == (s.raw_start..s.raw_end))
}

/// Apply one document's decisions: accepted suggestions become edits (a suggestion that
/// would add or remove a line, or whose text has changed, stays pending), rejected ones
/// are removed from the document's suggestions, and suggestions overlapping an accepted
/// one are dropped as moot.
pub fn apply(doc: &mut Document, decisions: &[Decision]) -> Applied {
    let mut done = Applied::default();
    if decisions.is_empty() || doc.suggestions.is_empty() {
        return done;
    }
    let verdict = |s: &Suggestion| {
        let k = suggestion_key(s);
        decisions
            .iter()
            .find(|d| d.key == k && d.rule == s.rule)
            .map(|d| d.decision)
    };
    let suggestions = std::mem::take(&mut doc.suggestions);
    let mut kept = Vec::with_capacity(suggestions.len());
    let mut accepted_spans: Vec<(usize, usize)> = Vec::new();
    for s in suggestions {
        match verdict(&s) {
            Some(Verdict::Reject) => done.rejected += 1,
            Some(Verdict::Accept) if !s.before.contains('\n') && !s.after.contains('\n') => {
                let applied = current_range(doc, &s).is_some_and(|range| {
                    let evidence = if s.evidence.is_empty() {
                        ACCEPTED.to_string()
                    } else {
                        format!("{ACCEPTED}; {}", s.evidence)
                    };
                    doc.text.replace(
                        Replacement::new(range, s.after.clone(), s.rule)
                            .with_confidence(s.confidence)
                            .with_evidence(evidence),
                    )
                });
                if applied {
                    done.accepted += 1;
                    accepted_spans.push((s.raw_start, s.raw_end));
                } else {
                    kept.push(s);
                }
            }
            _ => kept.push(s),
        }
    }
    kept.retain(|s| {
        !accepted_spans
            .iter()
            .any(|&(a, b)| s.raw_start < b && a < s.raw_end)
    });
    doc.suggestions = kept;
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_with_suggestion() -> Document {
        let mut d = Document::from_text("d1", "Rest helps the sore back heal.\n");
        d.suggestions.push(Suggestion {
            rule: "P001",
            raw_start: 15,
            raw_end: 19,
            before: "sore".into(),
            after: "aching".into(),
            confidence: 0.4,
            evidence: "sore => aching".into(),
        });
        d.suggestions.push(Suggestion {
            rule: "P001",
            raw_start: 25,
            raw_end: 29,
            before: "heal".into(),
            after: "mend".into(),
            confidence: 0.3,
            evidence: String::new(),
        });
        d
    }

    fn decision(d: &Document, i: usize, v: Verdict) -> Decision {
        Decision {
            doc_id: d.doc_id.clone(),
            rule: d.suggestions[i].rule.into(),
            key: suggestion_key(&d.suggestions[i]),
            decision: v,
            before: String::new(),
            after: String::new(),
        }
    }

    #[test]
    fn accepted_is_an_edit_with_its_rule_and_rejected_is_gone() {
        let mut d = doc_with_suggestion();
        let ds = vec![
            decision(&d, 0, Verdict::Accept),
            decision(&d, 1, Verdict::Reject),
        ];
        let done = apply(&mut d, &ds);
        assert_eq!(
            done,
            Applied {
                accepted: 1,
                rejected: 1
            }
        );
        assert_eq!(d.text.text(), "Rest helps the aching back heal.\n");
        let e = &d.text.edits()[0];
        assert_eq!((e.rule, e.raw_start, e.raw_end), ("P001", 15, 19));
        assert!(e.evidence.starts_with(ACCEPTED), "{}", e.evidence);
        assert!((e.confidence - 0.4).abs() < 1e-6);
        assert!(d.suggestions.is_empty());
    }

    #[test]
    fn a_decision_on_another_suggestion_changes_nothing() {
        let mut d = doc_with_suggestion();
        let mut other = decision(&d, 0, Verdict::Accept);
        other.key = key("P001", 15, 19, "sore", "painful");
        assert_eq!(apply(&mut d, &[other]), Applied::default());
        assert_eq!(d.suggestions.len(), 2);
        assert!(d.text.edits().is_empty());
    }

    #[test]
    fn the_file_round_trips_and_rejects_unknown_keys() {
        let d = doc_with_suggestion();
        let ds = Decisions::from_list(vec![
            decision(&d, 1, Verdict::Reject),
            decision(&d, 0, Verdict::Accept),
        ]);
        let text = ds.to_toml();
        let back = Decisions::parse(&text).unwrap();
        assert_eq!(back.for_doc("d1").len(), 2);
        assert_eq!(
            back.get("d1", &suggestion_key(&d.suggestions[0]))
                .unwrap()
                .decision,
            Verdict::Accept
        );
        let err = Decisions::parse("[[decision]]\ndoc_id = \"a\"\nrule = \"P001\"\nkey = \"k\"\ndecision = \"accept\"\nnote = 1\n")
            .unwrap_err();
        assert!(err.contains("note"), "{err}");
    }
}
