//! A claim prepared for comparison: subjects, negation, value keys and weighted words.

use crate::claims::{self, vocab};
use crate::model::{Claim, Slot};
use crate::quantity::value_key;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub type ValueKey = (Slot, u8, i64, i64, u8);

/// A claim prepared for comparison.
#[derive(Debug, Clone)]
pub(super) struct Item<'a> {
    /// The first of the claims with this wording (in the canonical order).
    pub claim: &'a Claim,
    /// Every claim with this wording, the first included, in the canonical order: they
    /// are one node of the comparison and always end in one fact.
    pub copies: Vec<&'a Claim>,
    pub subjects: Vec<&'a str>,
    /// Distinct tokens with their weights.
    pub words: BTreeMap<String, f64>,
    /// The same tokens as ids (in the order of the token strings) with weights, sorted.
    pub ids: Vec<(u32, f64)>,
    pub total: f64,
    pub negated: bool,
    /// Value keys by slot.
    pub values: BTreeMap<Slot, BTreeSet<ValueKey>>,
    /// Number of `values` among all items (equal values, equal numbers), so
    /// comparing values costs one integer comparison.
    pub values_id: u32,
    /// Number of the word set among all items (equal words, equal numbers).
    pub class: u32,
    /// Number of the subject set among all items (the same subjects in any order,
    /// equal numbers).
    pub subject_set: u32,
    /// Normalised form, for ids and tie-breaks.
    pub key: String,
    /// Says only that its subject is good ("X can come in handy").
    pub generic: bool,
    /// Relates its subjects to each other ("alternate heat and ice").
    pub relational: bool,
    /// Its subjects are named as one list of alternatives (see `Features::coordinated`).
    pub coordinated: bool,
    /// From a document judged machine-spun: its wording is the last choice for a statement.
    pub spun: bool,
}

impl Item<'_> {
    /// How many claims this item stands for.
    pub fn weight(&self) -> usize {
        self.copies.len()
    }
}

/// What makes two claims one node: everything `item` reads of a claim.
pub(super) fn wording_key(
    c: &Claim,
    spun: bool,
) -> (&str, Option<&str>, &str, Vec<ValueKey>, bool) {
    let values = c.quantities.iter().map(value_key).collect();
    (
        c.text.as_str(),
        c.subject.as_deref(),
        c.kind.as_str(),
        values,
        spun,
    )
}

fn token_weight(t: &str) -> f64 {
    if t.starts_with('@') {
        vocab::SUBJECT_WEIGHT
    } else {
        vocab::weight(t)
    }
}

pub(super) fn item<'a>(claim: &'a Claim, copies: Vec<&'a Claim>, spun: bool) -> Item<'a> {
    let mut f = claims::features(&claim.text);
    // A claim that names no subject itself may have one from its section heading.
    if f.subjects.is_empty() {
        if let Some(s) = claim.subject.as_deref().and_then(vocab::canonical_subject) {
            f.subjects.push(s);
        }
    }
    let mut words = BTreeMap::new();
    for t in f.tokens {
        words.entry(t).or_insert_with_key(|t| token_weight(t));
    }
    let total = words.values().sum();
    let mut values: BTreeMap<Slot, BTreeSet<ValueKey>> = BTreeMap::new();
    for q in &claim.quantities {
        values.entry(q.measures).or_default().insert(value_key(q));
    }
    let key = format!(
        "{}|{}|{}|{}",
        f.subjects.join("+"),
        if f.negated { "not" } else { "" },
        words
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" "),
        values
            .values()
            .flatten()
            .map(|k| format!("{k:?}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let generic = !f.subjects.is_empty()
        && !f.negated
        && values.is_empty()
        && words
            .keys()
            .all(|w| vocab::is_generic_word(w) || vocab::is_topic_word(w));
    let relational = words.keys().any(|w| vocab::is_relational_word(w));
    Item {
        claim,
        copies,
        subjects: f.subjects,
        words,
        ids: Vec::new(),
        total,
        negated: f.negated,
        values,
        values_id: 0,
        class: 0,
        subject_set: 0,
        key,
        generic,
        relational,
        coordinated: f.coordinated,
        spun,
    }
}

/// Number the tokens of all items in the order of the token strings, so that
/// comparisons are merges of sorted id lists and the numbering is the same in every run;
/// and number the distinct value sets.
pub(super) fn intern(items: &mut [Item]) {
    let vocabulary: BTreeSet<&str> = items
        .iter()
        .flat_map(|it| it.words.keys().map(String::as_str))
        .collect();
    let id_of: HashMap<&str, u32> = vocabulary
        .into_iter()
        .enumerate()
        .map(|(i, w)| (w, i as u32))
        .collect();
    let ids: Vec<Vec<(u32, f64)>> = items
        .iter()
        .map(|it| {
            it.words
                .iter()
                .filter_map(|(w, x)| id_of.get(w.as_str()).map(|&i| (i, *x)))
                .collect()
        })
        .collect();
    let mut value_sets: BTreeMap<&BTreeMap<Slot, BTreeSet<ValueKey>>, u32> = BTreeMap::new();
    let value_ids: Vec<u32> = items
        .iter()
        .map(|it| {
            let next = value_sets.len() as u32;
            *value_sets.entry(&it.values).or_insert(next)
        })
        .collect();
    let mut word_sets: HashMap<Vec<u32>, u32> = HashMap::new();
    let classes: Vec<u32> = ids
        .iter()
        .map(|v| {
            let next = word_sets.len() as u32;
            *word_sets
                .entry(v.iter().map(|(i, _)| *i).collect())
                .or_insert(next)
        })
        .collect();
    let mut subject_sets: HashMap<Vec<&str>, u32> = HashMap::new();
    let subject_ids: Vec<u32> = items
        .iter()
        .map(|it| {
            let mut set = it.subjects.clone();
            set.sort_unstable();
            set.dedup();
            let next = subject_sets.len() as u32;
            *subject_sets.entry(set).or_insert(next)
        })
        .collect();
    let numbers = value_ids.into_iter().zip(classes).zip(subject_ids);
    for ((it, v), ((vid, class), sid)) in items.iter_mut().zip(ids).zip(numbers) {
        it.ids = v;
        it.values_id = vid;
        it.class = class;
        it.subject_set = sid;
    }
}
