//! Consolidation as steps over partitions of plain records, for a runner that keeps the
//! claims off its driver (`factsieve.ray`): every step takes the rows one partition
//! holds and returns rows for the next, with the partition each goes to ([`partition`]:
//! a hash of the step's key, so a groupby on the partition brings each key's rows to one
//! call). The driver sees only the links (for union-find), one small summary per group
//! and the facts.
//!
//! 0. per document: its claims as [`ClaimRow`]s, each with its place in the canonical
//!    order (document index, rank within the document), partitioned by wording;
//! 1. per wording: the comparison node ([`NodeRow`]: its record, named by its first copy's
//!    place, and its copies);
//! 2. per node: one [`BlockMember`] per link block, partitioned by block key;
//! 3. per block: the links ([`link_members`]);
//! 4. driver: union-find over the links ([`SparseComponents`]) -> [`Roots`];
//! 5. per component (nodes and links partitioned by root): the star groups, each with its
//!    [`GroupSummary`] ([`component_step`]);
//! 6. driver: the generic claims' moves from the summaries in group order ([`moves`]);
//! 7. per final group (partitioned by the group it ends in): its fact ([`fact_step`]);
//! 8. driver: distinct ids ([`super::distinct_ids`]).
//!
//! Node names are the canonical places of first copies: they order nodes as the
//! in-process numbering does, so every tie-break is the same ([`consolidate_by_rows`]
//! runs the steps in one process; tests compare it with [`super::consolidate`]).

use super::blocked::{
    block_keys, component_groups, group_fact, group_summary, link_blocks_records, BlockKey,
    NodeRecord,
};
use super::groups::{generic_moves, GroupSummary};
use super::item::{item, wording_key};
use crate::error::Result;
use crate::model::{Claim, DocInfo, DocView, Fact};
use crate::pipeline::wire::encode;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One claim as a row: its place in the canonical order and its document's spin verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    /// Document index (doc_id order) in the high 32 bits, rank in the document's
    /// canonical order (span, then text) in the low 32.
    pub canon: u64,
    pub spun: bool,
    pub claim: Claim,
}

/// A comparison node and its copies (canonical order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRow {
    pub record: NodeRecord,
    pub claims: Vec<ClaimRow>,
}

/// A node's entry in one link block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockMember {
    pub key: BlockKey,
    pub level: u8,
    pub record: NodeRecord,
}

/// A link: (later node, earlier node, weighted Jaccard).
pub type Link = (u64, u64, f64);

/// What goes to a component's partition: a node or a link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ComponentItem {
    Node(NodeRow),
    Link(Link),
}

/// A group: (component root, its place among the component's groups).
pub type GroupKey = (u64, u32);

/// One star group of a component: its summary for the moves, its nodes' copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub key: GroupKey,
    pub leader: u64,
    pub summary: GroupSummary,
    /// (node, copies) of each member.
    pub members: Vec<(u64, Vec<ClaimRow>)>,
}

/// A group on its way to the fact it ends in (its own, or the one it moves to).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactPiece {
    pub target: GroupKey,
    /// This piece is the target group itself (its leader leads the fact).
    pub own: bool,
    pub leader: u64,
    pub members: Vec<(u64, Vec<ClaimRow>)>,
}

/// The partition of `parts` a key's encoding goes to.
pub fn partition(key: &[u8], parts: u32) -> u32 {
    let h = blake3::hash(key);
    let mut b = [0u8; 8];
    b.copy_from_slice(&h.as_bytes()[..8]);
    (u64::from_le_bytes(b) % u64::from(parts.max(1))) as u32
}

fn wording(row: &ClaimRow) -> Result<Vec<u8>> {
    encode(&wording_key(&row.claim, row.spun), "wording")
}

/// Step 0: a document's claims (as extracted) as rows; `index` is its place in doc_id
/// order. Returns (partition by wording, row).
pub fn claim_rows(
    index: usize,
    spun: bool,
    claims: Vec<Claim>,
    parts: u32,
) -> Result<Vec<(u32, ClaimRow)>> {
    let mut order: Vec<usize> = (0..claims.len()).collect();
    // Stable, as the in-process canonical sort: equal claims keep their order.
    order.sort_by(|&a, &b| {
        let (x, y) = (&claims[a], &claims[b]);
        (x.clean_start, x.clean_end, &x.text).cmp(&(y.clean_start, y.clean_end, &y.text))
    });
    let mut rank = vec![0u64; claims.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r as u64;
    }
    claims
        .into_iter()
        .zip(rank)
        .map(|(claim, r)| {
            let row = ClaimRow {
                canon: ((index as u64) << 32) | r,
                spun,
                claim,
            };
            Ok((partition(&wording(&row)?, parts), row))
        })
        .collect()
}

/// Step 1: the nodes of a partition's claim rows (all copies of a wording are in one
/// partition), ascending by node.
pub fn nodes(rows: Vec<ClaimRow>) -> Result<Vec<NodeRow>> {
    let mut by: BTreeMap<Vec<u8>, Vec<ClaimRow>> = BTreeMap::new();
    for r in rows {
        by.entry(wording(&r)?).or_default().push(r);
    }
    let mut out: Vec<NodeRow> = by
        .into_values()
        .filter(|copies| !copies.is_empty())
        .map(|mut copies| {
            copies.sort_by_key(|r| r.canon);
            let refs: Vec<&Claim> = copies.iter().map(|r| &r.claim).collect();
            let it = item(refs[0], refs.clone(), copies[0].spun);
            NodeRow {
                record: NodeRecord::of(copies[0].canon, &it),
                claims: copies,
            }
        })
        .collect();
    out.sort_by_key(|n| n.record.node);
    Ok(out)
}

/// Step 2: a node's entries in its link blocks, with the partition of each block: by
/// subject, so that a pair sharing several blocks of a subject is compared once
/// ([`link_members`]).
pub fn block_members(record: &NodeRecord, parts: u32) -> Result<Vec<(u32, BlockMember)>> {
    block_keys(record)
        .into_iter()
        .map(|(key, level)| {
            let p = partition(key.0.as_bytes(), parts);
            Ok((
                p,
                BlockMember {
                    key,
                    level,
                    record: record.clone(),
                },
            ))
        })
        .collect()
}

/// Step 3: the links of a partition's blocks, each pair compared and given once (a pair
/// of claims that share two subjects in different partitions is found in both).
pub fn link_members(members: Vec<BlockMember>) -> Vec<Link> {
    let mut blocks: BTreeMap<BlockKey, Vec<(u8, NodeRecord)>> = BTreeMap::new();
    for m in members {
        blocks.entry(m.key).or_default().push((m.level, m.record));
    }
    link_blocks_records(&blocks)
}

/// Step 4: connected components of the links over sparse node names, by union-find;
/// a component is named by its smallest node. Only linked nodes take memory.
#[derive(Debug, Clone, Default)]
pub struct SparseComponents {
    parent: HashMap<u64, u64>,
}

impl SparseComponents {
    fn find(&mut self, mut x: u64) -> u64 {
        loop {
            let p = *self.parent.entry(x).or_insert(x);
            if p == x {
                return x;
            }
            let up = *self.parent.entry(p).or_insert(p);
            self.parent.insert(x, up);
            x = up;
        }
    }

    /// Joins the two ends of a link.
    pub fn union(&mut self, a: u64, b: u64) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent.insert(ra.max(rb), ra.min(rb));
        }
    }

    /// Linked nodes that are not their component's name, with its name.
    pub fn roots(mut self) -> Roots {
        let keys: Vec<u64> = self.parent.keys().copied().collect();
        let mut out = BTreeMap::new();
        for x in keys {
            let r = self.find(x);
            if r != x {
                out.insert(x, r);
            }
        }
        Roots(out)
    }
}

/// The component of each node (a node not listed is its own), broadcast to step 5.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Roots(pub BTreeMap<u64, u64>);

impl Roots {
    pub fn of(&self, node: u64) -> u64 {
        self.0.get(&node).copied().unwrap_or(node)
    }

    /// The partition of a node's component.
    pub fn partition(&self, node: u64, parts: u32) -> u32 {
        partition(&self.of(node).to_le_bytes(), parts)
    }
}

/// Step 5: the star groups of a partition's components (nodes and links in any order),
/// in group order (by component, then as formed).
pub fn component_step(items: Vec<ComponentItem>, roots: &Roots) -> Vec<GroupRow> {
    type Part = (Vec<NodeRow>, Vec<Link>);
    let mut parts: BTreeMap<u64, Part> = BTreeMap::new();
    for it in items {
        match it {
            ComponentItem::Node(n) => parts.entry(roots.of(n.record.node)).or_default().0.push(n),
            ComponentItem::Link(l) => parts.entry(roots.of(l.0)).or_default().1.push(l),
        }
    }
    let mut out = Vec::new();
    for (root, (mut rows, links)) in parts {
        rows.sort_by_key(|n| n.record.node);
        let records: Vec<NodeRecord> = rows.iter().map(|n| n.record.clone()).collect();
        let at = |n: u64| records.binary_search_by_key(&n, |r| r.node).ok();
        let mut taken: Vec<Option<Vec<ClaimRow>>> =
            rows.into_iter().map(|n| Some(n.claims)).collect();
        for (k, (leader, members)) in component_groups(&records, &links).into_iter().enumerate() {
            let places: Vec<usize> = members.iter().filter_map(|&m| at(m)).collect();
            let Some(l) = at(leader) else { continue };
            let summary = {
                let docs: BTreeSet<&str> = places
                    .iter()
                    .filter_map(|&p| taken[p].as_ref())
                    .flatten()
                    .map(|r| r.claim.doc_id.as_str())
                    .collect();
                group_summary(places.iter().map(|&p| &records[p]), &records[l], &docs)
            };
            let members = places
                .iter()
                .map(|&p| (records[p].node, taken[p].take().unwrap_or_default()))
                .collect();
            out.push(GroupRow {
                key: (root, k as u32),
                leader,
                summary,
                members,
            });
        }
    }
    out
}

/// Step 6: where each moved group goes, from every group's summary (any order).
pub fn moves(mut summaries: Vec<(GroupKey, GroupSummary)>) -> BTreeMap<GroupKey, GroupKey> {
    summaries.sort_by_key(|(k, _)| *k);
    let only: Vec<GroupSummary> = summaries.iter().map(|(_, s)| s.clone()).collect();
    generic_moves(&only)
        .into_iter()
        .map(|(g, t)| (summaries[g].0, summaries[t].0))
        .collect()
}

/// Step 7's input: a group on its way to its fact, with the partition of that fact.
pub fn fact_piece(
    group: GroupRow,
    moves: &BTreeMap<GroupKey, GroupKey>,
    parts: u32,
) -> (u32, FactPiece) {
    let target = moves.get(&group.key).copied().unwrap_or(group.key);
    let mut key = target.0.to_le_bytes().to_vec();
    key.extend(target.1.to_le_bytes());
    (
        partition(&key, parts),
        FactPiece {
            target,
            own: target == group.key,
            leader: group.leader,
            members: group.members,
        },
    )
}

/// Step 7: the facts of a partition's groups; `near` maps each near-duplicate document
/// to its original (the corpus-wide map, broadcast).
pub fn fact_step(pieces: Vec<FactPiece>, near: &BTreeMap<String, String>) -> Vec<Fact> {
    let mut finals: BTreeMap<GroupKey, Vec<FactPiece>> = BTreeMap::new();
    for p in pieces {
        finals.entry(p.target).or_default().push(p);
    }
    let mut out = Vec::new();
    for pieces in finals.into_values() {
        let Some(leader) = pieces.iter().find(|p| p.own).map(|p| p.leader) else {
            continue;
        };
        let mut members: Vec<(u64, Vec<ClaimRow>)> =
            pieces.into_iter().flat_map(|p| p.members).collect();
        members.sort_by_key(|(n, _)| *n);
        let at = members.partition_point(|(n, _)| *n < leader);
        let mut rows: Vec<ClaimRow> = members.into_iter().flat_map(|(_, c)| c).collect();
        rows.sort_by_key(|r| r.canon);
        // The documents as building a fact reads them: ids and flags; passage contexts
        // are read only by conflicts, so none are carried here.
        let mut docs: BTreeMap<&str, DocInfo> = BTreeMap::new();
        for r in &rows {
            let mut id = r.claim.doc_id.as_str();
            let mut spun = r.spun;
            // The document and the originals it copies (a chain, as support follows it).
            for _ in 0..17 {
                let d = docs.entry(id).or_insert_with(|| DocInfo {
                    doc_id: id.to_string(),
                    spun: false,
                    near_duplicate_of: near.get(id).cloned(),
                    contexts: BTreeMap::new(),
                });
                d.spun |= spun;
                spun = false;
                match near.get(id) {
                    Some(next) if next != id => id = next,
                    _ => break,
                }
            }
        }
        let docs: Vec<DocInfo> = docs.into_values().collect();
        let claims: Vec<Claim> = rows.into_iter().map(|r| r.claim).collect();
        out.push(group_fact(&claims, at, &docs));
    }
    out
}

/// The steps in one process, over `parts` partitions: the facts of
/// [`super::consolidate`] (tests compare them).
pub fn consolidate_by_rows<D: DocView>(
    claims: &[Claim],
    docs: &[D],
    parts: u32,
) -> Result<Vec<Fact>> {
    let spun: BTreeSet<&str> = docs
        .iter()
        .filter(|d| d.spun())
        .map(|d| d.doc_id())
        .collect();
    let near: BTreeMap<String, String> = docs
        .iter()
        .filter_map(|d| Some((d.doc_id().to_string(), d.near_duplicate_of()?.to_string())))
        .collect();
    let mut by_doc: BTreeMap<&str, Vec<Claim>> = BTreeMap::new();
    for c in claims {
        by_doc.entry(c.doc_id.as_str()).or_default().push(c.clone());
    }
    let n = parts as usize;
    let mut claim_parts: Vec<Vec<ClaimRow>> = vec![Vec::new(); n];
    for (index, (doc, cs)) in by_doc.into_iter().enumerate() {
        for (p, r) in claim_rows(index, spun.contains(doc), cs, parts)? {
            claim_parts[p as usize].push(r);
        }
    }
    let mut node_rows = Vec::new();
    for rows in claim_parts {
        node_rows.extend(nodes(rows)?);
    }
    let mut block_parts: Vec<Vec<BlockMember>> = vec![Vec::new(); n];
    for r in &node_rows {
        for (p, m) in block_members(&r.record, parts)? {
            block_parts[p as usize].push(m);
        }
    }
    let links: Vec<Link> = block_parts.into_iter().flat_map(link_members).collect();
    let mut components = SparseComponents::default();
    for &(i, j, _) in &links {
        components.union(i, j);
    }
    let roots = components.roots();
    let mut comp_parts: Vec<Vec<ComponentItem>> = vec![Vec::new(); n];
    for r in node_rows {
        comp_parts[roots.partition(r.record.node, parts) as usize].push(ComponentItem::Node(r));
    }
    for l in links {
        comp_parts[roots.partition(l.0, parts) as usize].push(ComponentItem::Link(l));
    }
    let groups: Vec<GroupRow> = comp_parts
        .into_iter()
        .flat_map(|items| component_step(items, &roots))
        .collect();
    let moved = moves(groups.iter().map(|g| (g.key, g.summary.clone())).collect());
    let mut fact_parts: Vec<Vec<FactPiece>> = vec![Vec::new(); n];
    for g in groups {
        let (p, piece) = fact_piece(g, &moved, parts);
        fact_parts[p as usize].push(piece);
    }
    let facts: Vec<Fact> = fact_parts
        .into_iter()
        .flat_map(|pieces| fact_step(pieces, &near))
        .collect();
    Ok(super::distinct_ids(facts))
}
