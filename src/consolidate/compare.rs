//! Whether two prepared claims may be one fact, and how similar their words are.

use super::item::Item;
use super::{CONTAIN, CONTAIN_JACCARD, JOIN, JOIN_NO_SUBJECT};

/// Weighted Jaccard and containment (shared weight over the smaller side).
pub(super) fn similarity(a: &Item, b: &Item) -> (f64, f64) {
    let (mut i, mut j, mut shared) = (0, 0, 0.0);
    while i < a.ids.len() && j < b.ids.len() {
        match a.ids[i].0.cmp(&b.ids[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += a.ids[i].1;
                i += 1;
                j += 1;
            }
        }
    }
    from_shared(a.total, b.total, shared)
}

/// Weighted Jaccard and containment of two claims that share `shared` weight (the sum,
/// in ascending word id, of the weights of the words they share).
pub(super) fn from_shared(a_total: f64, b_total: f64, shared: f64) -> (f64, f64) {
    let union = a_total + b_total - shared;
    let jaccard = if union > 0.0 { shared / union } else { 0.0 };
    let smaller = a_total.min(b_total);
    let contain = if smaller > 0.0 { shared / smaller } else { 0.0 };
    (jaccard, contain)
}

/// Claims are about the same thing when they name the same subjects, or when one names
/// a subject of the other among at most two alternatives ("ibuprofen or paracetamol").
/// A list of three or more subjects, or subjects related to each other ("alternate heat
/// and ice"), is a claim about the list, the same only as a claim about the same list;
/// and a subject named as an object ("massage reduces stress") is part of what is said.
pub(super) fn subjects_agree(a: &Item, b: &Item) -> bool {
    if a.subject_set == b.subject_set {
        return true;
    }
    let same = |x: &Item, y: &Item| x.subjects.iter().all(|s| y.subjects.contains(s));
    if same(a, b) && same(b, a) {
        return true;
    }
    let shared = a.subjects.iter().any(|s| b.subjects.contains(s));
    shared && names_alternatives(a) && names_alternatives(b)
}

/// Whether a claim's subjects are one subject or one pair of alternatives, the claims
/// that [`subjects_agree`] lets agree with a claim of other subjects they share one with.
pub(super) fn names_alternatives(x: &Item) -> bool {
    x.subjects.len() <= 1 || (x.subjects.len() == 2 && !x.relational && x.coordinated)
}

/// Claims are one fact only when they state the same quantities: the same measured
/// slots with the same values. "Ice for 10-15 minutes, 2-3 times a day" is not "ice for
/// 10-15 minutes" (the fact would claim a frequency the second never states), and "use
/// ice for 10 minutes" is not "ice eases pain". Claims without quantities merge only with
/// each other. (Items of one `intern` call number equal value sets alike.)
pub(super) fn values_match(a: &Item, b: &Item) -> bool {
    a.values_id == b.values_id
}

/// Whether two claims may be one fact: same negation, the same values, a shared subject.
pub(super) fn compatible(a: &Item, b: &Item) -> bool {
    a.negated == b.negated && values_match(a, b) && subjects_agree(a, b)
}

/// Whether two claims with this weighted Jaccard and containment say the same thing:
/// most of their weighted words are shared, or the words of one are nearly all in the
/// other. `a` is the earlier claim.
pub(super) fn similar_at(a: &Item, jaccard: f64, contain: f64) -> bool {
    joins(!a.subjects.is_empty(), jaccard, contain)
}

/// [`similar_at`] for an earlier claim that names a subject or not.
pub(super) fn joins(subject: bool, jaccard: f64, contain: f64) -> bool {
    if !subject {
        return jaccard >= JOIN_NO_SUBJECT;
    }
    jaccard >= JOIN || (contain >= CONTAIN && jaccard >= CONTAIN_JACCARD)
}

/// Whether two claims say the same thing (see [`similar_at`]).
pub(super) fn similar(a: &Item, b: &Item) -> bool {
    let (j, c) = similarity(a, b);
    similar_at(a, j, c)
}
