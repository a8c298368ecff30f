//! Consolidation: claims that say the same thing in different words become one fact.
//!
//! Each claim is reduced to its subjects, its negation, its typed quantities and a bag of
//! content words (synonym-normalised with `data/synonyms_words.txt`, Porter-stemmed,
//! quantities masked; see [`crate::claims::features`]). Words weigh by their rarity in
//! general English, so the comparison never depends on which other articles are in the
//! corpus and a fact keeps its id when an unrelated article is added.
//!
//! Two claims may merge only when they agree on negation, share a subject (or both have
//! none), and state the same quantities: the same measured slots with the same values
//! ("ice for 15-20 minutes" and "ice for 10-15 minutes" stay apart: the conflict stage
//! compares them; "ice for 10-15 minutes" and "ice for 10-15 minutes twice a day" too, so
//! a fact never states a value one of its passages does not).
//! Candidate pairs come from an inverted index of (subject, rare word) with prefix
//! filtering, so the cost stays near linear; similar pairs are linked and union-find gives
//! connected components; each component is then split into star groups around central
//! claims (a member must be similar to its group's central claim itself, so chains cannot
//! drift). Claims that only say their subject helps join that subject's main benefit fact.

use crate::claims::{self, vocab};
use crate::model::{Citation, Claim, DocView, Fact, Quantity, Slot};
use crate::quantity::value_key;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Weighted-Jaccard similarity at which two claims are joined.
const JOIN: f64 = 0.34;
/// A claim whose words are mostly contained in the other's joins at this containment,
/// when the two also share this much weighted Jaccard.
const CONTAIN: f64 = 0.75;
const CONTAIN_JACCARD: f64 = 0.2;
/// A claim linked to a group's member may join the group when it is this similar to the
/// group's central claim (or nearly contained in it, as for joining).
const CENTRAL: f64 = 0.3;
/// Components up to this size choose their central claims by similarity to every
/// member (the medoid); larger ones by similarity to their linked neighbours only.
const MEDOID_LIMIT: usize = 400;
/// The least weighted Jaccard any join needs (prefix filtering relies on it).
const MIN_JACCARD: f64 = CONTAIN_JACCARD;
/// Claims without a subject have nothing to anchor them: they join only when most of
/// their words are shared.
const JOIN_NO_SUBJECT: f64 = 0.5;
/// A claim is compared with at most this many earlier claims per prefix word (a bound
/// on cost for a word in the prefixes of very many claims of one subject).
const MAX_POSTING: usize = 300;

type ValueKey = (Slot, u8, i64, i64, u8);

/// A claim prepared for comparison.
#[derive(Debug, Clone)]
struct Item<'a> {
    claim: &'a Claim,
    subjects: Vec<&'static str>,
    /// Distinct tokens with their weights.
    words: BTreeMap<String, f64>,
    /// The same tokens as ids (in the order of the token strings) with weights, sorted.
    ids: Vec<(u32, f64)>,
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
    /// Its subjects are named as one list of alternatives (see `Features::coordinated`).
    coordinated: bool,
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
        ids: Vec::new(),
        total,
        negated: f.negated,
        values,
        key,
        generic,
        relational,
        coordinated: f.coordinated,
        spun,
    }
}

/// Number the tokens of all items in the order of the token strings, so that
/// comparisons are merges of sorted id lists and the numbering is the same in every run.
fn intern(items: &mut [Item]) {
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
    for (it, v) in items.iter_mut().zip(ids) {
        it.ids = v;
    }
}

/// Weighted Jaccard and containment (shared weight over the smaller side).
fn similarity(a: &Item, b: &Item) -> (f64, f64) {
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
    let union = a.total + b.total - shared;
    let jaccard = if union > 0.0 { shared / union } else { 0.0 };
    let smaller = a.total.min(b.total);
    let contain = if smaller > 0.0 { shared / smaller } else { 0.0 };
    (jaccard, contain)
}

/// Claims are about the same thing when they name the same subjects, or when one names
/// a subject of the other among at most two alternatives ("ibuprofen or paracetamol").
/// A list of three or more subjects, or subjects related to each other ("alternate heat
/// and ice"), is a claim about the list, the same only as a claim about the same list;
/// and a subject named as an object ("massage reduces stress") is part of what is said.
fn subjects_agree(a: &Item, b: &Item) -> bool {
    let same = |x: &Item, y: &Item| x.subjects.iter().all(|s| y.subjects.contains(s));
    if same(a, b) && same(b, a) {
        return true;
    }
    let shared = a.subjects.iter().any(|s| b.subjects.contains(s));
    let alternatives = |x: &Item| {
        x.subjects.len() <= 1 || (x.subjects.len() == 2 && !x.relational && x.coordinated)
    };
    shared && alternatives(a) && alternatives(b)
}

/// Claims are one fact only when they state the same quantities: the same measured
/// slots with the same values. "Ice for 10-15 minutes, 2-3 times a day" is not "ice for
/// 10-15 minutes" (the fact would claim a frequency the second never states), and "use
/// ice for 10 minutes" is not "ice eases pain". Claims without quantities merge only with
/// each other.
fn values_match(a: &Item, b: &Item) -> bool {
    a.values == b.values
}

/// Whether two claims may be one fact: same negation, a shared subject, the same values.
fn compatible(a: &Item, b: &Item) -> bool {
    a.negated == b.negated && subjects_agree(a, b) && values_match(a, b)
}

/// Whether two claims say the same thing: most of their weighted words are shared, or
/// the words of one are nearly all in the other.
fn similar(a: &Item, b: &Item) -> bool {
    let (j, c) = similarity(a, b);
    if a.subjects.is_empty() {
        return j >= JOIN_NO_SUBJECT;
    }
    j >= JOIN || (c >= CONTAIN && j >= CONTAIN_JACCARD)
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

/// A claim's rarest words, in the global order (heaviest first, then alphabetical),
/// until the words left weigh less than `MIN_JACCARD` of the claim.
fn prefix_words(it: &Item) -> Vec<u32> {
    let mut ws: Vec<(u32, f64)> = it.ids.clone();
    ws.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut left = it.total;
    let mut out = Vec::new();
    for (w, x) in ws {
        if left < MIN_JACCARD * it.total {
            break;
        }
        out.push(w);
        left -= x;
    }
    out
}

/// Links between similar, compatible claims: `(j, i, jaccard)` with `j < i`.
///
/// Candidates share a subject block and a word of their prefixes (prefix filtering, as
/// in all-pairs similarity search): two claims with weighted Jaccard of at least
/// `MIN_JACCARD` share a prefix word (the first word they share in the global order is
/// in both prefixes), so no joinable pair is missed, while common words, which would make
/// long posting lists, are rarely in a prefix. Claims are checked in parallel; the
/// result does not depend on the number of threads.
fn links(items: &[Item]) -> Vec<(usize, usize, f64)> {
    let keys: Vec<Vec<(&str, u32)>> = items
        .iter()
        .map(|it| {
            let blocks: Vec<&str> = if it.subjects.is_empty() {
                vec![""]
            } else {
                it.subjects.to_vec()
            };
            let prefix = prefix_words(it);
            blocks
                .iter()
                .flat_map(|b| prefix.iter().map(move |w| (*b, *w)))
                .collect()
        })
        .collect();
    let mut postings: HashMap<(&str, u32), Vec<usize>> = HashMap::new();
    for (i, ks) in keys.iter().enumerate() {
        for k in ks {
            postings.entry(*k).or_default().push(i);
        }
    }
    (0..items.len())
        .into_par_iter()
        .map(|i| {
            let mut cands: Vec<usize> = Vec::new();
            for k in &keys[i] {
                if let Some(list) = postings.get(k) {
                    let before = list.partition_point(|&j| j < i);
                    // At most the nearest MAX_POSTING earlier claims per word (a cost bound).
                    cands.extend_from_slice(&list[before.saturating_sub(MAX_POSTING)..before]);
                }
            }
            cands.sort_unstable();
            cands.dedup();
            cands
                .into_iter()
                .filter(|&j| compatible(&items[j], &items[i]) && similar(&items[j], &items[i]))
                .map(|j| (j, i, similarity(&items[j], &items[i]).0))
                .collect::<Vec<_>>()
        })
        .flatten()
        .collect()
}

/// A group of claims that will be one fact, around its leader (its central claim).
#[derive(Debug, Clone)]
struct Group {
    leader: usize,
    members: Vec<usize>,
}

/// Star clustering of one connected component: claims are taken in order of
/// centrality (summed similarity to the other claims; claims of spun documents last).
/// Each joins, among the groups of the claims it is linked to, the one whose central
/// claim it is most similar to, if similar enough and compatible with it (so with the
/// same quantities as every member); otherwise it leads a new group. Every member is thus close to its group's
/// central claim, and chains (a ~ b ~ c with a and c unrelated) cannot drift.
fn star_groups(
    component: &[usize],
    adjacency: &HashMap<usize, Vec<(usize, f64)>>,
    items: &[Item],
) -> Vec<Group> {
    let no_links = Vec::new();
    let links = |x: usize| adjacency.get(&x).unwrap_or(&no_links);
    let centrality: HashMap<usize, f64> = component
        .iter()
        .map(|&x| {
            let c: f64 = if component.len() <= MEDOID_LIMIT {
                component
                    .iter()
                    .filter(|&&y| y != x)
                    .map(|&y| similarity(&items[x], &items[y]).0)
                    .sum()
            } else {
                links(x).iter().map(|(_, j)| j).sum()
            };
            (x, c)
        })
        .collect();
    let mut order = component.to_vec();
    order.sort_by(|&a, &b| {
        items[a]
            .spun
            .cmp(&items[b].spun)
            .then_with(|| centrality[&b].total_cmp(&centrality[&a]))
            .then_with(|| items[a].key.cmp(&items[b].key))
            .then(a.cmp(&b))
    });
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for x in order {
        let it = &items[x];
        let candidates: BTreeSet<usize> = links(x)
            .iter()
            .filter_map(|(n, _)| group_of.get(n).copied())
            .collect();
        let best = candidates
            .into_iter()
            .filter_map(|g| {
                let leader = &items[groups[g].leader];
                let (j, c) = similarity(leader, it);
                let close = j >= CENTRAL || (c >= CONTAIN && j >= CONTAIN_JACCARD);
                (close && compatible(leader, it)).then_some((g, j))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((g, _)) => {
                groups[g].members.push(x);
                group_of.insert(x, g);
            }
            None => {
                group_of.insert(x, groups.len());
                groups.push(Group {
                    leader: x,
                    members: vec![x],
                });
            }
        }
    }
    groups
}

/// Groups of generic claims ("Anti-inflammatory tablets can come in handy") join the
/// best-supported fact about the same subject that states a benefit without numbers:
/// what they say is implied by it. Without such a fact they stay as they are.
fn attach_generic(mut groups: Vec<Group>, items: &[Item]) -> Vec<Group> {
    let is_generic = |g: &Group| g.members.iter().all(|&i| items[i].generic);
    let docs_of = |g: &Group| {
        g.members
            .iter()
            .map(|&i| items[i].claim.doc_id.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    };
    // The best target per subject: most documents, most claims, smallest key.
    let mut best: BTreeMap<&str, usize> = BTreeMap::new();
    for (gi, g) in groups.iter().enumerate() {
        let l = &items[g.leader];
        let eligible = !is_generic(g)
            && !l.negated
            && l.values.is_empty()
            && matches!(l.claim.kind.as_str(), "effect" | "advice");
        let Some(subject) = l.subjects.first() else {
            continue;
        };
        if !eligible {
            continue;
        }
        let better = match best.get(subject) {
            None => true,
            Some(&bi) => {
                let b = &groups[bi];
                (docs_of(g), g.members.len())
                    .cmp(&(docs_of(b), b.members.len()))
                    .then_with(|| items[b.leader].key.cmp(&l.key))
                    .is_gt()
            }
        };
        if better {
            best.insert(subject, gi);
        }
    }
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        if !is_generic(g) {
            continue;
        }
        let target = items[g.leader].subjects.first().and_then(|s| best.get(s));
        if let Some(&ti) = target {
            moves.push((gi, ti));
        }
    }
    for (gi, ti) in moves {
        let moved = std::mem::take(&mut groups[gi].members);
        groups[ti].members.extend(moved);
    }
    groups.retain(|g| !g.members.is_empty());
    for g in &mut groups {
        g.members.sort_unstable();
    }
    groups
}

/// What a group is about: the subject most of its claims name (the central claim's
/// order breaks ties).
fn topic(group: &Group, items: &[Item]) -> Option<String> {
    let count = |s: &str| {
        group
            .members
            .iter()
            .filter(|&&i| items[i].subjects.contains(&s))
            .count()
    };
    let mut best: Option<(&str, usize)> = None;
    for s in &items[group.leader].subjects {
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
    let mut pair = [item(a, false), item(b, false)];
    intern(&mut pair);
    let [x, y] = pair;
    let (j, c) = similarity(&x, &y);
    format!(
        "jaccard {j:.3} containment {c:.3} | negation {} | subjects {:?} vs {:?} ({}) | values {} | joins: {}\n  a: {:?}\n  b: {:?}",
        if x.negated == y.negated { "same" } else { "differs" },
        x.subjects,
        y.subjects,
        if subjects_agree(&x, &y) { "agree" } else { "differ" },
        if values_match(&x, &y) { "agree" } else { "differ" },
        compatible(&x, &y) && similar(&x, &y),
        x.words.iter().map(|(w, v)| format!("{w}:{v:.1}")).collect::<Vec<_>>(),
        y.words.iter().map(|(w, v)| format!("{w}:{v:.1}")).collect::<Vec<_>>(),
    )
}

/// Consolidate the claims of all documents into facts, sorted by id.
pub fn consolidate<D: DocView>(claims: &[Claim], docs: &[D]) -> Vec<Fact> {
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
        .filter(|d| d.spun())
        .map(|d| d.doc_id())
        .collect();
    let mut items: Vec<Item> = ordered
        .par_iter()
        .map(|c| item(c, spun.contains(c.doc_id.as_str())))
        .collect();
    intern(&mut items);
    let edges = links(&items);
    let mut adjacency: HashMap<usize, Vec<(usize, f64)>> = HashMap::new();
    let mut uf = UnionFind::new(items.len());
    for &(a, b, j) in &edges {
        adjacency.entry(a).or_default().push((b, j));
        adjacency.entry(b).or_default().push((a, j));
        uf.union(a, b);
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..items.len() {
        components.entry(uf.find(i)).or_default().push(i);
    }
    let mut groups = Vec::new();
    for component in components.values() {
        groups.extend(star_groups(component, &adjacency, &items));
    }
    let groups = attach_generic(groups, &items);

    let near: HashMap<&str, &str> = docs
        .iter()
        .filter_map(|d| d.near_duplicate_of().map(|o| (d.doc_id(), o)))
        .collect();
    let mut facts: Vec<Fact> = groups
        .iter()
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

fn build_fact(group: &Group, items: &[Item], near: &HashMap<&str, &str>) -> Fact {
    let c = group.leader;
    let center = &items[c];
    let mut citations: Vec<Citation> = group
        .members
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
    // The central claim's quantities (members state the same values, perhaps in other
    // words: the first wording of each value is kept).
    let mut quantities: Vec<Quantity> = Vec::new();
    let mut keys = BTreeSet::new();
    let mut members: Vec<usize> = group.members.clone();
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
        topic: topic(group, items),
        quantities,
        negated: center.negated,
        support,
        citations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, LineKind};

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
    fn facts_state_only_quantities_every_passage_states() {
        let (_, facts) = run(&[
            (
                "a",
                "Apply a cold pack for 10-15 minutes, 2-3 times a day.\n",
            ),
            ("b", "Apply a cold pack for 10 to 15 minutes.\n"),
            ("c", "Use a cold pack for about 10-15 minutes.\n"),
            ("d", "Apply a cold pack to calm the swelling.\n"),
        ]);
        let fa = fact_of(&facts, "a", "cold pack");
        let fb = fact_of(&facts, "b", "cold pack");
        let fc = fact_of(&facts, "c", "cold pack");
        let fd = fact_of(&facts, "d", "cold pack");
        assert_ne!(fa[0].id, fb[0].id, "a slot only one of them states");
        assert_eq!(fb[0].id, fc[0].id, "the same slots and values");
        assert_ne!(fd[0].id, fb[0].id, "no quantities against some");
        for f in [fb[0], fc[0]] {
            assert!(
                f.quantities.iter().all(|q| q.measures != Slot::Frequency),
                "{f:#?}"
            );
        }
    }

    #[test]
    fn kind_words_do_not_split_claims_about_one_medicine() {
        let (_, facts) = run(&[
            (
                "a",
                "Over-the-counter medicines like naproxen can relieve joint pain.\n",
            ),
            ("b", "Naproxen reduces joint pain and swelling.\n"),
            (
                "c",
                "Prescription creams like capsaicin soothe joint pain.\n",
            ),
        ]);
        let id = |doc: &str| fact_of(&facts, doc, "")[0].id.clone();
        assert_eq!(id("a"), id("b"));
        assert_ne!(id("a"), id("c"));
    }

    #[test]
    fn lists_and_related_subjects_need_the_same_subjects() {
        let (_, facts) = run(&[
            (
                "a",
                "Ibuprofen or paracetamol can ease a tension headache.\n",
            ),
            ("b", "Ibuprofen can ease a tension headache.\n"),
            (
                "c",
                "Alternating heat and ice packs can ease a tension headache.\n",
            ),
            ("d", "Heat, massage and yoga can ease a tension headache.\n"),
            ("e", "A heat pack can ease a tension headache.\n"),
        ]);
        let id = |doc: &str| fact_of(&facts, doc, "")[0].id.clone();
        assert_eq!(id("a"), id("b"), "one of two alternatives");
        assert_ne!(id("c"), id("e"), "alternating is about both");
        assert_ne!(id("d"), id("e"), "a list of three is about the list");
        assert_ne!(id("b"), id("e"));
        let (_, facts) = run(&[
            ("a", "Massage reduces stress after work.\n"),
            ("b", "Massage reduces pain after work.\n"),
        ]);
        assert_eq!(facts.len(), 2, "an object subject is what the claim says");
    }

    #[test]
    fn generic_claims_join_the_subject_benefit_fact() {
        let (_, facts) = run(&[
            ("a", "Ibuprofen reduces swelling and pain after a sprain.\n"),
            ("b", "Naproxen lowers pain and swelling after a sprain.\n"),
            (
                "c",
                "Over-the-counter ibuprofen tablets can really come in handy.\n",
            ),
            (
                "d",
                "Ibuprofen can upset the stomach lining in older adults.\n",
            ),
        ]);
        let id = |doc: &str| fact_of(&facts, doc, "")[0].id.clone();
        assert_eq!(id("a"), id("b"));
        assert_eq!(id("c"), id("a"));
        assert_ne!(id("d"), id("a"));
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
