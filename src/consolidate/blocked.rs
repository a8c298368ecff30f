//! Consolidation's corpus-wide work as blocked, mergeable steps on plain records, for a
//! runner that spreads it over machines (`bindings/python`, `factsieve.ray`):
//!
//! 1. map: a comparison node (one wording, [`NodeRecord`]) -> its link blocks
//!    ([`block_keys`]: subject block and prefix word, with the word's level);
//! 2. per block (a groupby on the key): the block's links ([`link_block_records`]: the
//!    same cap per key and level, the same order by node as in one process);
//! 3. reduce: connected components by union-find over the links ([`Components`]:
//!    partial forests merge in any order; a component is named by its smallest node);
//! 4. per component (a groupby on the component): star groups ([`component_groups`]).
//!
//! The local run ([`super::consolidate`]) does steps 1-3 in process with the same
//! functions ([`super::links::link_block`]); the record path decodes each block's or
//! component's records into items numbered within the block, whose order agrees with the
//! corpus-wide numbering (tokens by their string, nodes by their number), so every
//! comparison and tie-break comes out the same. Tests below check both against the
//! in-process steps on random claim sets.

use super::compare::{compatible, similar_at, similarity};
use super::groups::{star_groups, Group, GroupSummary};
use super::item::{intern, Item, ValueKey};
use super::links::{gather, link_block, link_keys, partner_level, Graph};
use super::MAX_POSTING;
use crate::model::{Claim, DocView, Fact, Slot};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the blocked steps need of one comparison node (a wording and its copies).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRecord {
    /// The node's number: its rank in the canonical order of first copies.
    pub node: u64,
    /// Weighted tokens, in the order of their strings.
    pub words: Vec<(String, f64)>,
    pub total: f64,
    pub subjects: Vec<String>,
    pub negated: bool,
    pub values: BTreeMap<Slot, BTreeSet<ValueKey>>,
    pub relational: bool,
    pub coordinated: bool,
    pub generic: bool,
    pub spun: bool,
    pub key: String,
    /// The kind of its first claim.
    pub kind: String,
    /// How many claims the node stands for.
    pub weight: u32,
}

impl NodeRecord {
    pub(super) fn of(node: u64, it: &Item) -> NodeRecord {
        NodeRecord {
            node,
            words: it.words.iter().map(|(w, x)| (w.clone(), *x)).collect(),
            total: it.total,
            subjects: it.subjects.iter().map(|s| s.to_string()).collect(),
            negated: it.negated,
            values: it.values.clone(),
            relational: it.relational,
            coordinated: it.coordinated,
            generic: it.generic,
            spun: it.spun,
            key: it.key.clone(),
            kind: it.claim.kind.clone(),
            weight: it.weight() as u32,
        }
    }
}

/// Items of records (numbered among themselves by [`intern`]); `placeholder` stands for
/// their claims, which the blocked steps never read.
fn items_of<'a>(records: &'a [&'a NodeRecord], placeholder: &'a Claim) -> Vec<Item<'a>> {
    let mut items: Vec<Item<'a>> = records
        .iter()
        .map(|r| Item {
            claim: placeholder,
            copies: vec![placeholder; r.weight as usize],
            subjects: r.subjects.iter().map(String::as_str).collect(),
            words: r.words.iter().cloned().collect(),
            ids: Vec::new(),
            total: r.total,
            negated: r.negated,
            values: r.values.clone(),
            values_id: 0,
            class: 0,
            subject_set: 0,
            key: r.key.clone(),
            generic: r.generic,
            relational: r.relational,
            coordinated: r.coordinated,
            spun: r.spun,
        })
        .collect();
    intern(&mut items);
    items
}

fn placeholder() -> Claim {
    Claim {
        doc_id: String::new(),
        clean_start: 0,
        clean_end: 0,
        raw_start: 0,
        raw_end: 0,
        quote: String::new(),
        quote_clean: String::new(),
        text: String::new(),
        kind: String::new(),
        subject: None,
        quantities: Vec::new(),
        negated: false,
        markers: Vec::new(),
    }
}

/// A link block's key: the subject ("" for claims without one) and the prefix word.
pub type BlockKey = (String, String);

/// Step 1: the blocks a node is linked in, with its level of the block's word (1-3).
pub fn block_keys(record: &NodeRecord) -> Vec<(BlockKey, u8)> {
    let p = placeholder();
    let records = [record];
    let items = items_of(&records, &p);
    let it = &items[0];
    let word_of: Vec<&str> = it.words.keys().map(String::as_str).collect();
    link_keys(it)
        .into_iter()
        .map(|((s, w), l)| ((s.to_string(), word_of[w as usize].to_string()), l))
        .collect()
}

/// Step 2: the links within one block, from its members (level, record) in any order:
/// (later node, earlier node, weighted Jaccard).
pub fn link_block_records(members: &[(u8, NodeRecord)]) -> Vec<(u64, u64, f64)> {
    let mut order: Vec<&(u8, NodeRecord)> = members.iter().collect();
    order.sort_by_key(|(_, r)| r.node);
    let records: Vec<&NodeRecord> = order.iter().map(|(_, r)| r).collect();
    let p = placeholder();
    let items = items_of(&records, &p);
    let local: Vec<(u32, u8)> = order
        .iter()
        .enumerate()
        .map(|(k, (l, _))| (k as u32, *l))
        .collect();
    // A node listed twice (a subject named twice) is one item: both entries use the first.
    let first: Vec<u32> = (0..records.len())
        .map(|k| {
            let n = records[k].node;
            records.partition_point(|r| r.node < n) as u32
        })
        .collect();
    let local: Vec<(u32, u8)> = local
        .into_iter()
        .map(|(k, l)| (first[k as usize], l))
        .collect();
    let mut out = Vec::new();
    link_block(&local, |k| &items[k as usize], MAX_POSTING, &mut out);
    out.into_iter()
        .map(|(i, j, x)| (records[i as usize].node, records[j as usize].node, x))
        .collect()
}

/// Step 2 over several blocks at once (a partition of the blocks by subject): each node
/// is compared once with the union of its candidates in all its blocks (the same windows
/// of at most `MAX_POSTING` earlier members per block and level as
/// [`link_block_records`]), so a pair sharing several of these blocks is compared once,
/// as in the local posting-list loop. Gives the links of [`link_block_records`] over the
/// same blocks, each pair once.
pub fn link_blocks_records(
    blocks: &BTreeMap<BlockKey, Vec<(u8, NodeRecord)>>,
) -> Vec<(u64, u64, f64)> {
    let mut all: Vec<&NodeRecord> = blocks.values().flatten().map(|(_, r)| r).collect();
    all.sort_by_key(|r| r.node);
    all.dedup_by_key(|r| r.node);
    let p = placeholder();
    let items = items_of(&all, &p);
    let local = |n: u64| all.partition_point(|r| r.node < n) as u32;
    // Per block, its members by level (ascending, a node named twice listed twice, as in
    // one block's step); per node, its (block, level) entries.
    let mut lists: Vec<[Vec<u32>; 4]> = Vec::with_capacity(blocks.len());
    let mut entries: Vec<Vec<(usize, u8)>> = vec![Vec::new(); all.len()];
    for members in blocks.values() {
        let mut order: Vec<(u32, u8)> = members.iter().map(|(l, r)| (local(r.node), *l)).collect();
        order.sort_by_key(|&(k, _)| k);
        let mut by_level: [Vec<u32>; 4] = Default::default();
        for &(k, l) in &order {
            by_level[usize::from(l.min(3))].push(k);
            entries[k as usize].push((lists.len(), l));
        }
        lists.push(by_level);
    }
    let lists = &lists;
    let mut out = Vec::new();
    let mut cands: Vec<u32> = Vec::new();
    for (i, es) in entries.iter().enumerate() {
        let partner_lists = es.iter().flat_map(|&(b, level)| {
            (partner_level(level)..=3).map(move |other| lists[b][usize::from(other)].as_slice())
        });
        gather(partner_lists, i, MAX_POSTING, &mut cands);
        let b = &items[i];
        for &j in &cands {
            let a = &items[j as usize];
            if !compatible(a, b) {
                continue;
            }
            let (jaccard, contain) = similarity(a, b);
            if similar_at(a, jaccard, contain) {
                out.push((all[i].node, all[j as usize].node, jaccard));
            }
        }
    }
    out
}

/// Step 3: connected components of the links, by union-find. Partial results over
/// disjoint sets of links merge ([`Components::merge`]) in any order to the same
/// components; a component is named by its smallest node.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Components {
    parent: Vec<u32>,
}

impl Components {
    pub fn new(nodes: usize) -> Components {
        Components {
            parent: (0..nodes as u32).collect(),
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let up = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = up;
            x = up;
        }
        x
    }

    fn grow(&mut self, n: usize) {
        while self.parent.len() < n {
            self.parent.push(self.parent.len() as u32);
        }
    }

    /// Joins the two ends of a link.
    pub fn union(&mut self, a: u32, b: u32) {
        self.grow(a.max(b) as usize + 1);
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi as usize] = lo;
        }
    }

    /// Adds another partial result (its links joined the same way).
    pub fn merge(&mut self, other: &Components) {
        for (x, &p) in other.parent.iter().enumerate() {
            if p != x as u32 {
                self.union(x as u32, p);
            }
        }
    }

    /// The component of each node: its smallest node.
    pub fn roots(&mut self) -> Vec<u32> {
        (0..self.parent.len() as u32)
            .map(|x| self.find(x))
            .collect()
    }

    /// The components, each ascending, in the order of their smallest node (as
    /// [`Graph::components`] lists them).
    pub fn list(&mut self) -> Vec<Vec<usize>> {
        let roots = self.roots();
        let mut index = vec![usize::MAX; roots.len()];
        let mut out: Vec<Vec<usize>> = Vec::new();
        for (x, &r) in roots.iter().enumerate() {
            if r as usize == x {
                index[x] = out.len();
                out.push(Vec::new());
            }
            out[index[r as usize]].push(x);
        }
        out
    }
}

/// Step 4: the star groups of one component, from its nodes' records (any order) and its
/// links: (leader node, member nodes ascending), in the order they were formed.
pub fn component_groups(records: &[NodeRecord], links: &[(u64, u64, f64)]) -> Vec<(u64, Vec<u64>)> {
    let mut order: Vec<&NodeRecord> = records.iter().collect();
    order.sort_by_key(|r| r.node);
    order.dedup_by_key(|r| r.node);
    let p = placeholder();
    let items = items_of(&order, &p);
    let local = |n: u64| order.binary_search_by_key(&n, |r| r.node).ok();
    let found: Vec<(u32, u32, f64)> = links
        .iter()
        .filter_map(|&(i, j, x)| Some((local(i)? as u32, local(j)? as u32, x)))
        .collect();
    let graph = Graph::new(super::links::back_lists(order.len(), found));
    let members: Vec<usize> = (0..order.len()).collect();
    let mut group_of = vec![usize::MAX; order.len()];
    star_groups(&members, &graph, &items, &mut group_of)
        .into_iter()
        .map(|g| {
            let mut m: Vec<u64> = g.members.iter().map(|&k| order[k].node).collect();
            m.sort_unstable();
            (order[g.leader].node, m)
        })
        .collect()
}

/// Step 5's record of one group: what choosing generic claims' targets reads of it.
/// `members` are the group's node records, `leader` its central claim's, `docs` the
/// documents of its claims.
pub fn group_summary<'r>(
    members: impl IntoIterator<Item = &'r NodeRecord>,
    leader: &NodeRecord,
    docs: &BTreeSet<&str>,
) -> GroupSummary {
    let (mut generic, mut claims) = (true, 0usize);
    for m in members {
        generic &= m.generic;
        claims += m.weight as usize;
    }
    GroupSummary {
        generic,
        subject: leader.subjects.first().cloned(),
        eligible: !generic
            && !leader.negated
            && leader.values.is_empty()
            && matches!(leader.kind.as_str(), "effect" | "advice"),
        docs: docs.len(),
        claims,
        key: leader.key.clone(),
    }
}

/// Step 6: the fact of one final group from its claims (every copy of every member, any
/// order); `leader` is the central node's position among the group's nodes in node order.
pub fn group_fact<D: DocView>(claims: &[Claim], leader: usize, docs: &[D]) -> Fact {
    let items = super::nodes(claims, docs);
    let near: HashMap<&str, &str> = docs
        .iter()
        .filter_map(|d| d.near_duplicate_of().map(|o| (d.doc_id(), o)))
        .collect();
    let group = Group {
        leader,
        members: (0..items.len()).collect(),
    };
    super::build_fact(&group, &items, &near)
}

#[cfg(test)]
mod tests {
    use super::super::links::links;
    use super::super::links::tests::test_items;
    use super::*;
    use proptest::prelude::*;

    fn specs() -> impl Strategy<Value = Vec<(Vec<u32>, u8, bool, u32)>> {
        prop::collection::vec(
            (
                prop::collection::vec(0u32..8, 1..6),
                0u8..4,
                any::<bool>(),
                0u32..2,
            ),
            1..50,
        )
    }

    proptest! {
        /// Records through the blocked steps 1-2 (blocks grouped by key, each linked on
        /// its own records) give the in-process links; step 3 gives the graph's
        /// components, whatever the order the links are merged in; step 4 the groups of
        /// star clustering over the whole graph.
        #[test]
        fn record_steps_equal_in_process(specs in specs(), split in 1usize..4) {
            let c = placeholder();
            let items = test_items(&c, &specs);
            let records: Vec<NodeRecord> = items
                .iter()
                .enumerate()
                .map(|(i, it)| NodeRecord::of(i as u64, it))
                .collect();
            let mut blocks: BTreeMap<BlockKey, Vec<(u8, NodeRecord)>> = BTreeMap::new();
            for r in records.iter().rev() {
                for (k, l) in block_keys(r) {
                    blocks.entry(k).or_default().push((l, r.clone()));
                }
            }
            let found: Vec<(u32, u32, f64)> = blocks
                .values()
                .flat_map(|m| link_block_records(m))
                .map(|(i, j, x)| (i as u32, j as u32, x))
                .collect();
            let back = super::super::links::back_lists(items.len(), found.clone());
            prop_assert_eq!(&back, &links(&items));
            // The blocks split by subject into partitions, each linked at once (each pair
            // compared once per partition): the same links.
            let mut by_subject: BTreeMap<String, BTreeMap<BlockKey, Vec<(u8, NodeRecord)>>> =
                BTreeMap::new();
            for (k, m) in &blocks {
                by_subject.entry(k.0.clone()).or_default().insert(k.clone(), m.clone());
            }
            let mut once: Vec<(u32, u32, f64)> = Vec::new();
            for part in by_subject.values() {
                let found = link_blocks_records(part);
                let mut pairs: Vec<(u64, u64)> = found.iter().map(|&(i, j, _)| (i, j)).collect();
                pairs.sort_unstable();
                pairs.dedup();
                prop_assert_eq!(pairs.len(), found.len(), "each pair once in a partition");
                once.extend(found.into_iter().map(|(i, j, x)| (i as u32, j as u32, x)));
            }
            prop_assert_eq!(super::super::links::back_lists(items.len(), once), back.clone());

            let graph = Graph::new(back);
            let mut parts = vec![Components::new(items.len()); split];
            for (k, &(i, j, _)) in found.iter().enumerate() {
                parts[k % split].union(i, j);
            }
            let mut all = parts.pop().unwrap();
            for p in parts.iter().rev() {
                all.merge(p);
            }
            let components = all.list();
            prop_assert_eq!(&components, &graph.components());

            let mut group_of = vec![usize::MAX; items.len()];
            for comp in &components {
                let expected: Vec<(u64, Vec<u64>)> =
                    star_groups(comp, &graph, &items, &mut group_of)
                        .into_iter()
                        .map(|g| {
                            let mut m: Vec<u64> = g.members.iter().map(|&x| x as u64).collect();
                            m.sort_unstable();
                            (g.leader as u64, m)
                        })
                        .collect();
                let set: HashMap<u32, ()> = comp.iter().map(|&x| (x as u32, ())).collect();
                let recs: Vec<NodeRecord> =
                    comp.iter().rev().map(|&x| records[x].clone()).collect();
                let ls: Vec<(u64, u64, f64)> = found
                    .iter()
                    .copied()
                    .filter(|(i, _, _)| set.contains_key(i))
                    .map(|(i, j, x)| (i.into(), j.into(), x))
                    .collect();
                prop_assert_eq!(component_groups(&recs, &ls), expected);
            }
        }
    }

    #[test]
    fn records_encode_and_decode() {
        let c = placeholder();
        let items = test_items(&c, &[(vec![1, 2, 3], 1, false, 0)]);
        let r = NodeRecord::of(7, &items[0]);
        let bytes = crate::pipeline::wire::encode(&r, "node").unwrap();
        let back: NodeRecord = crate::pipeline::wire::decode(&bytes, "node").unwrap();
        assert_eq!(back, r);
    }
}
