//! Consolidation: claims that say the same thing in different words become one fact.
//!
//! Each claim is reduced to its subjects, its negation, its typed quantities and a bag of
//! content words (synonym-normalised with `data/synonyms_words.txt`, Porter-stemmed,
//! quantities masked; see [`crate::claims::features`]). Words weigh by their rarity in
//! general English, so the comparison never depends on which other articles are in the
//! corpus and a fact keeps its id when an unrelated article is added.
//!
//! Two claims may merge only when they agree on negation, share a subject (or both have
//! none), and state the same values for every quantity slot both mention ("ice for 15-20
//! minutes" and "ice for 10-15 minutes" stay apart: the conflict stage compares them).
//! Candidate pairs come from an inverted index of (subject, word), so the cost stays near
//! linear; similar pairs are joined with union-find; each group is then checked against
//! its central claim (the one most similar to the others) so chains cannot drift, and the
//! claims that fail the check are grouped again among themselves.

use crate::claims::{self, vocab};
use crate::model::{Citation, Claim, Document, Fact, Quantity, Slot};
use crate::quantity::value_key;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Weighted-Jaccard similarity at which two claims are joined.
const JOIN: f64 = 0.34;
/// A claim whose words are mostly contained in the other's joins at this containment,
/// when the two also share this much weighted Jaccard.
const CONTAIN: f64 = 0.75;
const CONTAIN_JACCARD: f64 = 0.2;
/// Similarity to the group's central claim below which a member is split off.
const CENTRAL: f64 = 0.3;
/// Claims without a subject have nothing to anchor them: they join only when most of
/// their words are shared.
const JOIN_NO_SUBJECT: f64 = 0.5;
/// Postings longer than this are not used for candidates (only very common words in a
/// very large block; pairs sharing nothing else would not reach `JOIN`).
const MAX_POSTING: usize = 2000;

type ValueKey = (Slot, u8, i64, i64, u8);

/// A claim prepared for comparison.
#[derive(Debug, Clone)]
struct Item<'a> {
    claim: &'a Claim,
    subjects: Vec<&'static str>,
    /// Distinct tokens with their weights.
    words: BTreeMap<String, f64>,
    total: f64,
    negated: bool,
    /// Value keys by slot.
    values: BTreeMap<Slot, BTreeSet<ValueKey>>,
    /// Normalised form, for ids and tie-breaks.
    key: String,
    /// Says only that its subject is good ("X can come in handy").
    generic: bool,
    /// Relates its subjects to each other ("alternate heat and ice").
    relational: bool,
    /// From a document judged machine-spun: its wording is the last choice for a statement.
    spun: bool,
}

fn token_weight(t: &str) -> f64 {
    if t.starts_with('@') {
        vocab::SUBJECT_WEIGHT
    } else {
        vocab::weight(t)
    }
}

fn item(claim: &Claim, spun: bool) -> Item<'_> {
    let mut f = claims::features(&claim.text);
    // A claim that names no subject itself may have one from its section heading.
    if f.subjects.is_empty() {
        if let Some(s) = claim.subject.as_deref().and_then(vocab::canonical_subject) {
            f.subjects.push(s);
        }
    }
    let mut words = BTreeMap::new();
    for t in &f.tokens {
        words.entry(t.clone()).or_insert_with(|| token_weight(t));
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
        words.keys().cloned().collect::<Vec<_>>().join(" "),
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
        subjects: f.subjects,
        words,
        total,
        negated: f.negated,
        values,
        key,
        generic,
        relational,
        spun,
    }
}

/// Weighted Jaccard and containment (shared weight over the smaller side).
fn similarity(a: &Item, b: &Item) -> (f64, f64) {
    let shared: f64 = a
        .words
        .iter()
        .filter(|(w, _)| b.words.contains_key(*w))
        .map(|(_, x)| x)
        .sum();
    let union = a.total + b.total - shared;
    let jaccard = if union > 0.0 { shared / union } else { 0.0 };
    let smaller = a.total.min(b.total);
    let contain = if smaller > 0.0 { shared / smaller } else { 0.0 };
    (jaccard, contain)
}

/// Claims are about the same thing when they name the same subjects, or when one names
/// a subject of the other among at most two alternatives ("ibuprofen or paracetamol").
/// A list of three or more subjects, or subjects related to each other ("alternate heat
/// and ice"), is a claim about the list, the same only as a claim about the same list.
fn subjects_agree(a: &Item, b: &Item) -> bool {
    let same = |x: &Item, y: &Item| x.subjects.iter().all(|s| y.subjects.contains(s));
    if same(a, b) && same(b, a) {
        return true;
    }
    let shared = a.subjects.iter().any(|s| b.subjects.contains(s));
    let list = |x: &Item| x.subjects.len() >= 3 || (x.subjects.len() >= 2 && x.relational);
    shared && !list(a) && !list(b)
}

/// The same values for every slot both state.
fn values_agree(
    a: &BTreeMap<Slot, BTreeSet<ValueKey>>,
    b: &BTreeMap<Slot, BTreeSet<ValueKey>>,
) -> bool {
    a.iter()
        .all(|(slot, va)| b.get(slot).is_none_or(|vb| va == vb))
}

/// Quantified claims are one fact only with claims that state one of the same
/// quantities: "use ice for 10 minutes" is not "ice eases pain".
fn values_match(a: &Item, b: &Item) -> bool {
    if a.values.is_empty() && b.values.is_empty() {
        return true;
    }
    values_agree(&a.values, &b.values) && a.values.keys().any(|s| b.values.contains_key(s))
}

/// Whether two claims may be one fact: same negation, a shared subject, the same values.
fn compatible(a: &Item, b: &Item) -> bool {
    a.negated == b.negated && subjects_agree(a, b) && values_match(a, b)
}

fn close_enough(a: &Item, b: &Item, join: f64) -> bool {
    let (j, c) = similarity(a, b);
    if a.subjects.is_empty() {
        return j >= JOIN_NO_SUBJECT;
    }
    j >= join || (c >= CONTAIN && j >= CONTAIN_JACCARD)
}

fn similar(a: &Item, b: &Item) -> bool {
    close_enough(a, b, JOIN)
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index is the root, so groups do not depend on edge order.
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.0[hi] = lo;
        }
    }
}

/// Candidate pairs (i < j) that share a subject block and a word.
fn candidate_pairs(items: &[Item]) -> Vec<(usize, usize)> {
    let mut postings: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    let mut pairs = BTreeSet::new();
    for (i, it) in items.iter().enumerate() {
        let blocks: Vec<&str> = if it.subjects.is_empty() {
            vec![""]
        } else {
            it.subjects.to_vec()
        };
        for b in &blocks {
            for w in it.words.keys() {
                let list = postings.entry((b, w.as_str())).or_default();
                if list.len() < MAX_POSTING {
                    for &j in list.iter() {
                        pairs.insert((j, i));
                    }
                    list.push(i);
                }
            }
        }
    }
    pairs.into_iter().collect()
}

fn components(n_items: &[usize], edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let pos: HashMap<usize, usize> = n_items.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let mut uf = UnionFind::new(n_items.len());
    for &(a, b) in edges {
        if let (Some(&x), Some(&y)) = (pos.get(&a), pos.get(&b)) {
            uf.union(x, y);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, &i) in n_items.iter().enumerate() {
        groups.entry(uf.find(k)).or_default().push(i);
    }
    groups.into_values().collect()
}

/// Split a joined group around its central claim; members that do not fit it are
/// grouped again among themselves.
fn refine(
    members: Vec<usize>,
    items: &[Item],
    edges: &[(usize, usize)],
    out: &mut Vec<Vec<usize>>,
) {
    if members.len() <= 1 {
        out.push(members);
        return;
    }
    let sim = |a: usize, b: usize| similarity(&items[a], &items[b]).0;
    let center = members
        .iter()
        .copied()
        .max_by(|&a, &b| {
            let sa: f64 = members.iter().map(|&m| sim(a, m)).sum();
            let sb: f64 = members.iter().map(|&m| sim(b, m)).sum();
            sa.total_cmp(&sb)
                .then_with(|| items[b].key.cmp(&items[a].key))
                .then_with(|| b.cmp(&a))
        })
        .unwrap_or(members[0]);
    let mut others: Vec<usize> = members.iter().copied().filter(|&m| m != center).collect();
    others.sort_by(|&a, &b| sim(center, b).total_cmp(&sim(center, a)).then(a.cmp(&b)));
    let mut kept = vec![center];
    let mut profile = items[center].values.clone();
    let mut rejected = Vec::new();
    for m in others {
        let close = close_enough(&items[center], &items[m], CENTRAL);
        if close
            && compatible(&items[center], &items[m])
            && values_agree(&profile, &items[m].values)
        {
            for (slot, v) in &items[m].values {
                profile.entry(*slot).or_insert_with(|| v.clone());
            }
            kept.push(m);
        } else {
            rejected.push(m);
        }
    }
    kept.sort_unstable();
    out.push(kept);
    let sub_edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|(a, b)| rejected.contains(a) && rejected.contains(b))
        .collect();
    for g in components(&rejected, &sub_edges) {
        refine(g, items, &sub_edges, out);
    }
}

/// Groups of generic claims ("Anti-inflammatory tablets can come in handy") join the
/// best-supported fact about the same subject that states a benefit without numbers:
/// what they say is implied by it. Without such a fact they stay as they are.
fn attach_generic(groups: Vec<Vec<usize>>, items: &[Item]) -> Vec<Vec<usize>> {
    let centers: Vec<usize> = groups.iter().map(|g| central(g, items)).collect();
    let is_generic = |g: &[usize]| g.iter().all(|&i| items[i].generic);
    let docs_of = |g: &[usize]| {
        g.iter()
            .map(|&i| items[i].claim.doc_id.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let mut target: BTreeMap<usize, usize> = BTreeMap::new();
    for (gi, g) in groups.iter().enumerate() {
        if !is_generic(g) {
            continue;
        }
        let Some(subject) = items[centers[gi]].subjects.first() else {
            continue;
        };
        let best = groups
            .iter()
            .enumerate()
            .filter(|(ti, t)| {
                let c = &items[centers[*ti]];
                !is_generic(t)
                    && c.subjects.first() == Some(subject)
                    && !c.negated
                    && c.values.is_empty()
                    && matches!(c.claim.kind.as_str(), "effect" | "advice")
            })
            .max_by(|(ai, a), (bi, b)| {
                (docs_of(a), a.len())
                    .cmp(&(docs_of(b), b.len()))
                    .then_with(|| items[centers[*bi]].key.cmp(&items[centers[*ai]].key))
            });
        if let Some((ti, _)) = best {
            target.insert(gi, ti);
        }
    }
    let mut out: Vec<Vec<usize>> = groups.clone();
    for (gi, ti) in &target {
        let moved = std::mem::take(&mut out[*gi]);
        out[*ti].extend(moved);
    }
    for g in &mut out {
        g.sort_unstable();
    }
    out.retain(|g| !g.is_empty());
    out
}

/// The central claim of a group: the most similar to the others, preferring claims
/// of documents that are not spun (their wording becomes the statement).
fn central(group: &[usize], items: &[Item]) -> usize {
    let s = |x: usize| -> f64 {
        group
            .iter()
            .map(|&m| similarity(&items[x], &items[m]).0)
            .sum()
    };
    group
        .iter()
        .copied()
        .max_by(|&a, &b| {
            (!items[a].spun)
                .cmp(&!items[b].spun)
                .then_with(|| s(a).total_cmp(&s(b)))
                .then_with(|| items[b].key.cmp(&items[a].key))
                .then_with(|| b.cmp(&a))
        })
        .unwrap_or(group[0])
}

/// What a group is about: the subject most of its claims name (the central claim's
/// order breaks ties).
fn topic(group: &[usize], center: usize, items: &[Item]) -> Option<String> {
    let count = |s: &str| {
        group
            .iter()
            .filter(|&&i| items[i].subjects.contains(&s))
            .count()
    };
    let mut best: Option<(&str, usize)> = None;
    for s in &items[center].subjects {
        let n = count(s);
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((s, n));
        }
    }
    best.map(|(s, _)| s.to_string())
}

/// The document a document counts as: its original when it is a near-duplicate.
fn source_root<'a>(doc_id: &'a str, near: &'a HashMap<&str, &str>) -> &'a str {
    let mut cur = doc_id;
    for _ in 0..16 {
        match near.get(cur) {
            Some(next) if *next != cur => cur = next,
            _ => break,
        }
    }
    cur
}

fn fact_id(key: &str) -> String {
    blake3::hash(format!("fact:v1:{key}").as_bytes()).to_hex()[..16].to_string()
}

/// Why two claims would or would not be one fact (for reviewers and tests).
pub fn explain(a: &Claim, b: &Claim) -> String {
    let (x, y) = (item(a, false), item(b, false));
    let (j, c) = similarity(&x, &y);
    format!(
        "jaccard {j:.3} containment {c:.3} | negation {} | subjects {:?} vs {:?} ({}) | values {} | joins: {}\n  a: {:?}\n  b: {:?}",
        if x.negated == y.negated { "same" } else { "differs" },
        x.subjects,
        y.subjects,
        if subjects_agree(&x, &y) { "agree" } else { "differ" },
        if values_agree(&x.values, &y.values) { "agree" } else { "differ" },
        compatible(&x, &y) && similar(&x, &y),
        x.words.iter().map(|(w, v)| format!("{w}:{v:.1}")).collect::<Vec<_>>(),
        y.words.iter().map(|(w, v)| format!("{w}:{v:.1}")).collect::<Vec<_>>(),
    )
}

/// Consolidate the claims of all documents into facts, sorted by id.
pub fn consolidate(claims: &[Claim], docs: &[Document]) -> Vec<Fact> {
    // Order-independent: claims are compared in a canonical order.
    let mut ordered: Vec<&Claim> = claims.iter().collect();
    ordered.sort_by(|a, b| {
        (&a.doc_id, a.clean_start, a.clean_end, &a.text).cmp(&(
            &b.doc_id,
            b.clean_start,
            b.clean_end,
            &b.text,
        ))
    });
    let spun: BTreeSet<&str> = docs
        .iter()
        .filter(|d| d.spin.spun)
        .map(|d| d.doc_id.as_str())
        .collect();
    let items: Vec<Item> = ordered
        .iter()
        .map(|c| item(c, spun.contains(c.doc_id.as_str())))
        .collect();
    let edges: Vec<(usize, usize)> = candidate_pairs(&items)
        .into_iter()
        .filter(|&(a, b)| compatible(&items[a], &items[b]) && similar(&items[a], &items[b]))
        .collect();
    let all: Vec<usize> = (0..items.len()).collect();
    let mut groups = Vec::new();
    for g in components(&all, &edges) {
        refine(g, &items, &edges, &mut groups);
    }
    let groups = attach_generic(groups, &items);

    let near: HashMap<&str, &str> = docs
        .iter()
        .filter_map(|d| {
            d.near_duplicate_of
                .as_deref()
                .map(|o| (d.doc_id.as_str(), o))
        })
        .collect();
    let mut facts: Vec<Fact> = groups
        .iter()
        .filter(|g| !g.is_empty())
        .map(|g| build_fact(g, &items, &near))
        .collect();
    // Distinct facts with the same normalised key get distinct ids, in citation order.
    facts.sort_by(|a, b| {
        a.id.cmp(&b.id)
            .then_with(|| first_citation(a).cmp(&first_citation(b)))
    });
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for f in &mut facts {
        let n = seen.entry(f.id.clone()).or_default();
        if *n > 0 {
            f.id = fact_id(&format!("{}#{}", f.id, n));
        }
        *n += 1;
    }
    facts.sort_by(|a, b| a.id.cmp(&b.id));
    facts
}

fn first_citation(f: &Fact) -> (String, usize, usize) {
    f.citations
        .first()
        .map(|c| (c.doc_id.clone(), c.start, c.end))
        .unwrap_or_default()
}

fn build_fact(group: &[usize], items: &[Item], near: &HashMap<&str, &str>) -> Fact {
    let c = central(group, items);
    let center = &items[c];
    let mut citations: Vec<Citation> = group
        .iter()
        .map(|&i| {
            let cl = items[i].claim;
            Citation {
                doc_id: cl.doc_id.clone(),
                start: cl.raw_start,
                end: cl.raw_end,
                quote: cl.quote.clone(),
                quote_clean: cl.quote_clean.clone(),
            }
        })
        .collect();
    citations.sort_by(|a, b| (&a.doc_id, a.start, a.end).cmp(&(&b.doc_id, b.start, b.end)));
    citations.dedup_by(|a, b| a.doc_id == b.doc_id && a.start == b.start && a.end == b.end);
    let support = citations
        .iter()
        .map(|c| source_root(&c.doc_id, near))
        .collect::<BTreeSet<_>>()
        .len();
    // The central claim's quantities, then values only other members state.
    let mut quantities: Vec<Quantity> = Vec::new();
    let mut keys = BTreeSet::new();
    let mut members: Vec<usize> = group.to_vec();
    members.sort_by_key(|&i| (i != c, i));
    for i in members {
        for q in &items[i].claim.quantities {
            if keys.insert(value_key(q)) {
                quantities.push(q.clone());
            }
        }
    }
    Fact {
        id: fact_id(&center.key),
        statement: center.claim.text.clone(),
        kind: center.claim.kind.clone(),
        topic: topic(group, c, items),
        quantities,
        negated: center.negated,
        support,
        citations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LineKind;

    fn docs(texts: &[(&str, &str)]) -> Vec<Document> {
        texts
            .iter()
            .map(|(id, t)| {
                let mut d = crate::ingest::decode_document(
                    id,
                    &format!("raw/{id}.txt"),
                    t.as_bytes().to_vec(),
                );
                d.line_kinds = vec![LineKind::Paragraph; d.text.lines().len()];
                d
            })
            .collect()
    }

    fn run(texts: &[(&str, &str)]) -> (Vec<Document>, Vec<Fact>) {
        let ds = docs(texts);
        let claims: Vec<Claim> = ds.iter().flat_map(crate::claims::extract_claims).collect();
        let facts = consolidate(&claims, &ds);
        (ds, facts)
    }

    fn fact_of<'a>(facts: &'a [Fact], doc: &str, needle: &str) -> Vec<&'a Fact> {
        facts
            .iter()
            .filter(|f| {
                f.citations
                    .iter()
                    .any(|c| c.doc_id == doc && c.quote.contains(needle))
            })
            .collect()
    }

    #[test]
    fn paraphrases_merge_into_one_fact() {
        let (_, facts) = run(&[
            (
                "a",
                "A cold compress lowers swelling and numbs the sore spot.\n",
            ),
            ("b", "Ice packs reduce inflammation and numb the area.\n"),
            ("c", "Walking daily keeps the spine limber and strong.\n"),
        ]);
        let fa = fact_of(&facts, "a", "cold compress");
        let fb = fact_of(&facts, "b", "Ice packs");
        assert_eq!(fa.len(), 1);
        assert_eq!(fa[0].id, fb[0].id);
        assert_eq!(fa[0].support, 2);
        assert_eq!(fa[0].topic.as_deref(), Some("cold therapy"));
        assert_eq!(facts.len(), 2);
    }

    #[test]
    fn negation_is_kept_apart() {
        let (_, facts) = run(&[
            ("a", "Stretching reduces muscle soreness after a run.\n"),
            (
                "b",
                "Stretching does not reduce muscle soreness after a run.\n",
            ),
        ]);
        assert_eq!(facts.len(), 2);
        assert_ne!(facts[0].negated, facts[1].negated);
    }

    #[test]
    fn different_values_or_subjects_stay_apart() {
        let (_, facts) = run(&[
            (
                "a",
                "Apply a cold pack for 15-20 minutes to calm the swelling.\n",
            ),
            (
                "b",
                "Apply a cold pack for 10-15 minutes to calm the swelling.\n",
            ),
            (
                "c",
                "Apply a heating pad for 15-20 minutes to calm the swelling.\n",
            ),
            (
                "d",
                "Apply an ice pack for about 15-20 minutes to calm the swelling.\n",
            ),
        ]);
        assert_eq!(facts.len(), 3, "{facts:#?}");
        let fa = fact_of(&facts, "a", "cold pack");
        let fd = fact_of(&facts, "d", "ice pack");
        assert_eq!(fa[0].id, fd[0].id, "same value, approximate or not");
    }

    #[test]
    fn near_duplicates_count_once() {
        let (mut ds, _) = run(&[("a", "x"), ("b", "x")]);
        ds[1].near_duplicate_of = Some("a".into());
        let claims: Vec<Claim> = [
            ("a", "Ice packs reduce inflammation and numb the area.\n"),
            ("b", "Ice packs reduce inflammation and numb the area.\n"),
        ]
        .iter()
        .flat_map(|(id, t)| {
            let d = &docs(&[(id, t)])[0];
            crate::claims::extract_claims(d)
        })
        .collect();
        let facts = consolidate(&claims, &ds);
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].citations.len(), 2);
        assert_eq!(facts[0].support, 1);
    }

    #[test]
    fn chains_do_not_drift() {
        // Each neighbour pair overlaps, the ends do not: the central check splits them.
        let (_, facts) = run(&[
            (
                "a",
                "Massage eases tight muscles and boosts circulation in the legs.\n",
            ),
            (
                "b",
                "Massage boosts circulation in the legs and calms the nerves.\n",
            ),
            (
                "c",
                "Massage calms the nerves and helps deep sleep at night.\n",
            ),
            (
                "d",
                "Massage helps deep sleep at night and lowers blood pressure.\n",
            ),
        ]);
        assert!(facts.len() >= 2, "{facts:#?}");
    }

    #[test]
    fn ids_are_stable_and_sorted() {
        let (_, f1) = run(&[("a", "Ice packs reduce inflammation and numb the area.\n")]);
        let (_, f2) = run(&[
            ("a", "Ice packs reduce inflammation and numb the area.\n"),
            (
                "z",
                "Sunscreen protects the skin from sunburn on cloudy days.\n",
            ),
        ]);
        assert!(f2.iter().any(|f| f.id == f1[0].id));
        assert!(f2.windows(2).all(|w| w[0].id < w[1].id));
    }
}
