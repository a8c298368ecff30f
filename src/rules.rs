//! The rule registry. Every text edit names a rule code listed here; each stage
//! module declares its own rules (`pub const RULES: &[Rule]`) and `all()` joins them.
//! A rule whose fix is `Suggested` never edits text: it only reports.

use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fix {
    /// Applied automatically.
    Safe,
    /// Applied only with enough evidence (a confidence threshold, or inside a spun document).
    Guarded,
    /// Reported as a suggestion, never applied.
    Suggested,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub stage: &'static str,
    pub doc: &'static str,
    pub fix: Fix,
}

/// The registry, joined and sorted once: `get` is called for every edit in the reports.
static ALL: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let mut v: Vec<&'static Rule> = [
        crate::bidi::RULES,
        crate::repair::RULES,
        crate::clean::RULES,
        crate::spin::RULES,
        crate::conflicts::RULES,
    ]
    .iter()
    .flat_map(|r| r.iter())
    .collect();
    v.sort_by_key(|r| r.code);
    v
});

/// All rules of all stages, sorted by code.
pub fn all() -> Vec<&'static Rule> {
    ALL.clone()
}

/// Look up a rule by code.
pub fn get(code: &str) -> Option<&'static Rule> {
    ALL.binary_search_by_key(&code, |r| r.code)
        .ok()
        .map(|i| ALL[i])
}

/// Position of a rule in the sorted registry.
fn index_of(code: &str) -> Option<usize> {
    ALL.binary_search_by_key(&code, |r| r.code).ok()
}

/// Stages whose rules edit text (or suggest edits): the ones a [`RuleSet`] can switch off.
/// Conflict detection (`X...`) reports; it never edits a document.
const EDITING_STAGES: &[&str] = &["ingest", "repair", "clean", "spin"];

/// Why a rule list cannot be turned into a [`RuleSet`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleSetError {
    #[error("unknown rule code {0:?} (`factsieve rules` lists them)")]
    Unknown(String),
    #[error("{0} is a conflict-detection rule, not a text edit: it cannot be disabled")]
    NotAnEdit(String),
}

/// Which text-editing rules may fire: all by default. A small fixed bit set over the
/// registry (so [`crate::ingest::Limits`] stays `Copy` and cheap to pass per document).
/// [`crate::text::TrackedText::replace`] refuses an edit of a disabled rule, and the
/// pipeline drops its suggestions, so a disabled rule never fires anywhere.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub struct RuleSet {
    disabled: [u64; 4],
}

impl RuleSet {
    /// Rules the bit set can hold; a test checks the registry fits.
    pub const CAPACITY: usize = 256;

    /// Every rule enabled.
    pub fn all() -> RuleSet {
        RuleSet::default()
    }

    /// The rules a pattern names: a full code (`C019`) or a code prefix (`C`, `S00`), as
    /// ruff's `select` takes them. A pattern that names no rule is an error.
    fn matching(pattern: &str) -> Result<Vec<usize>, RuleSetError> {
        let p = pattern.trim().to_ascii_uppercase();
        let hits: Vec<usize> = ALL
            .iter()
            .enumerate()
            .filter(|(_, r)| !p.is_empty() && r.code.starts_with(&p))
            .map(|(i, _)| i)
            .collect();
        if hits.is_empty() {
            return Err(RuleSetError::Unknown(pattern.to_string()));
        }
        Ok(hits)
    }

    fn set(&mut self, i: usize, disabled: bool) {
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        if disabled {
            self.disabled[word] |= bit;
        } else {
            self.disabled[word] &= !bit;
        }
    }

    /// Ruff's semantics: `select` (default: every rule) replaces the enabled set, `enable`
    /// adds to it, `disable` removes from it, in that order. Each entry is a code or a
    /// code prefix. Only text-editing rules can be left out; naming a conflict rule in
    /// `disable` is an error, and `select` never turns conflict detection off.
    pub fn from_lists(
        select: Option<&[String]>,
        enable: &[String],
        disable: &[String],
    ) -> Result<RuleSet, RuleSetError> {
        let mut set = RuleSet::default();
        if let Some(select) = select {
            let mut chosen = vec![false; ALL.len()];
            for p in select {
                for i in Self::matching(p)? {
                    chosen[i] = true;
                }
            }
            for (i, r) in ALL.iter().enumerate() {
                if EDITING_STAGES.contains(&r.stage) && !chosen[i] {
                    set.set(i, true);
                }
            }
        }
        for p in enable {
            for i in Self::matching(p)? {
                set.set(i, false);
            }
        }
        for p in disable {
            let hits = Self::matching(p)?;
            for &i in &hits {
                let r = ALL[i];
                if !EDITING_STAGES.contains(&r.stage) {
                    // A prefix may sweep in conflict rules; a code naming one is a mistake.
                    if hits.len() == 1 {
                        return Err(RuleSetError::NotAnEdit(r.code.to_string()));
                    }
                    continue;
                }
                set.set(i, true);
            }
        }
        Ok(set)
    }

    /// Whether `code` may fire. Codes outside the registry (tests' own) are enabled.
    pub fn is_enabled(&self, code: &str) -> bool {
        if self.disabled == [0; 4] {
            return true;
        }
        index_of(code).is_none_or(|i| self.disabled[i / 64] & (1 << (i % 64)) == 0)
    }

    /// The disabled codes, sorted.
    pub fn disabled_codes(&self) -> Vec<&'static str> {
        ALL.iter()
            .map(|r| r.code)
            .filter(|c| !self.is_enabled(c))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_documented() {
        let rules = all();
        for w in rules.windows(2) {
            assert_ne!(w[0].code, w[1].code, "duplicate rule code");
        }
        for r in rules {
            assert!(
                !r.doc.is_empty() && !r.name.is_empty(),
                "{} lacks docs",
                r.code
            );
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}: rule names are kebab-case",
                r.code
            );
        }
    }

    #[test]
    fn the_registry_fits_the_rule_set() {
        assert!(all().len() <= RuleSet::CAPACITY);
    }

    #[test]
    fn select_enable_disable_follow_ruff() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let set = RuleSet::from_lists(None, &[], &s(&["C019", "s00"])).unwrap();
        assert!(!set.is_enabled("C019") && !set.is_enabled("S001") && set.is_enabled("C018"));
        assert!(
            set.is_enabled("T001"),
            "codes outside the registry are not filtered"
        );
        let only_c = RuleSet::from_lists(Some(&s(&["C"])), &s(&["E002"]), &s(&["C019"])).unwrap();
        assert!(only_c.is_enabled("C001") && only_c.is_enabled("E002"));
        assert!(!only_c.is_enabled("E001") && !only_c.is_enabled("C019"));
        assert!(
            only_c.is_enabled("X001"),
            "select never turns conflict detection off"
        );
        assert_eq!(
            RuleSet::from_lists(None, &[], &s(&["Z999"])),
            Err(RuleSetError::Unknown("Z999".into()))
        );
        assert_eq!(
            RuleSet::from_lists(None, &[], &s(&["X001"])),
            Err(RuleSetError::NotAnEdit("X001".into()))
        );
        assert_eq!(RuleSet::all().disabled_codes(), Vec::<&str>::new());
        assert_eq!(set.disabled_codes()[0], "C019");
    }
}
