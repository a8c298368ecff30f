//! Star groups within connected components, and generic claims joined to the main
//! benefit fact of their subject.

use super::compare::{compatible, similarity};
use super::item::Item;
use super::links::Graph;
use super::{CENTRAL, CONTAIN, CONTAIN_JACCARD, MEDOID_LIMIT};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A group of claims that will be one fact, around its leader (its central claim).
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub leader: usize,
    pub members: Vec<usize>,
}

/// Summed similarity of each member of a small component to every other member, in
/// component order. Members with the same words share one row of similarities, so the
/// cost is one comparison per pair of distinct wordings plus one addition per pair.
fn medoid_centrality(component: &[usize], items: &[Item]) -> Vec<f64> {
    let mut local: HashMap<u32, usize> = HashMap::new();
    let mut reps: Vec<usize> = Vec::new();
    let class: Vec<usize> = component
        .iter()
        .map(|&x| {
            *local.entry(items[x].class).or_insert_with(|| {
                reps.push(x);
                reps.len() - 1
            })
        })
        .collect();
    let k = reps.len();
    let table: Vec<f64> = reps
        .iter()
        .flat_map(|&a| {
            reps.iter()
                .map(move |&b| similarity(&items[a], &items[b]).0)
        })
        .collect();
    // Each member stands for `weight` claims: its other copies count as members with
    // the same words.
    (0..component.len())
        .map(|xi| {
            let row = &table[class[xi] * k..(class[xi] + 1) * k];
            let mut sum = (items[component[xi]].weight() - 1) as f64 * row[class[xi]];
            for (yi, &cy) in class.iter().enumerate() {
                if yi != xi {
                    sum += items[component[yi]].weight() as f64 * row[cy];
                }
            }
            sum
        })
        .collect()
}

/// Star clustering of one connected component: claims are taken in order of
/// centrality (summed similarity to the other claims; claims of spun documents last).
/// Each joins, among the groups of the claims it is linked to, the one whose central
/// claim it is most similar to, if similar enough and compatible with it (so with the
/// same quantities as every member); otherwise it leads a new group. Every member is
/// thus close to its group's central claim, and chains (a ~ b ~ c with a and c
/// unrelated) cannot drift. `group_of` maps claims to groups of this component (set
/// here; claims of other components are never read).
pub(super) fn star_groups(
    component: &[usize],
    graph: &Graph,
    items: &[Item],
    group_of: &mut [usize],
) -> Vec<Group> {
    let centrality: Vec<f64> = if component.len() <= MEDOID_LIMIT {
        medoid_centrality(component, items)
    } else {
        component
            .iter()
            .map(|&x| {
                let (ns, js) = graph.links(x);
                let others: f64 = ns
                    .iter()
                    .zip(js)
                    .map(|(&n, j)| items[n as usize].weight() as f64 * j)
                    .sum();
                others + (items[x].weight() - 1) as f64
            })
            .collect()
    };
    let mut order: Vec<(usize, f64)> = component.iter().copied().zip(centrality).collect();
    order.sort_by(|&(a, ca), &(b, cb)| {
        items[a]
            .spun
            .cmp(&items[b].spun)
            .then_with(|| cb.total_cmp(&ca))
            .then_with(|| items[a].key.cmp(&items[b].key))
            .then(a.cmp(&b))
    });
    let mut groups: Vec<Group> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    for (x, _) in order {
        let it = &items[x];
        candidates.clear();
        candidates.extend(
            graph
                .links(x)
                .0
                .iter()
                .map(|&n| group_of[n as usize])
                .filter(|&g| g != usize::MAX),
        );
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .iter()
            .filter_map(|&g| {
                let leader = &items[groups[g].leader];
                let (j, c) = similarity(leader, it);
                let close = j >= CENTRAL || (c >= CONTAIN && j >= CONTAIN_JACCARD);
                (close && compatible(leader, it)).then_some((g, j))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((g, _)) => {
                groups[g].members.push(x);
                group_of[x] = g;
            }
            None => {
                group_of[x] = groups.len();
                groups.push(Group {
                    leader: x,
                    members: vec![x],
                });
            }
        }
    }
    groups
}

/// What choosing the target of generic claims reads of one group: a small record, so
/// that a blocked run makes them where the groups are and reduces them on its driver
/// ([`generic_moves`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// Every member says only that its subject is good.
    pub generic: bool,
    /// The central claim's first subject.
    pub subject: Option<String>,
    /// May take generic claims: not generic, not negated, no values, an effect or advice.
    pub eligible: bool,
    /// Distinct documents and claims the group cites.
    pub docs: usize,
    pub claims: usize,
    /// The central claim's normalised form.
    pub key: String,
}

/// The summary of each group.
pub(super) fn summaries(groups: &[Group], items: &[Item]) -> Vec<GroupSummary> {
    groups
        .iter()
        .map(|g| {
            let l = &items[g.leader];
            let generic = g.members.iter().all(|&i| items[i].generic);
            GroupSummary {
                generic,
                subject: l.subjects.first().map(|s| s.to_string()),
                eligible: !generic
                    && !l.negated
                    && l.values.is_empty()
                    && matches!(l.claim.kind.as_str(), "effect" | "advice"),
                docs: g
                    .members
                    .iter()
                    .flat_map(|&i| items[i].copies.iter().map(|c| c.doc_id.as_str()))
                    .collect::<BTreeSet<_>>()
                    .len(),
                claims: g.members.iter().map(|&i| items[i].weight()).sum(),
                key: l.key.clone(),
            }
        })
        .collect()
}

/// Groups of generic claims ("Anti-inflammatory tablets can come in handy") join the
/// best-supported fact about the same subject that states a benefit without numbers:
/// what they say is implied by it. Without such a fact they stay as they are. Returns
/// (generic group, target group) pairs, by the groups' indices in `summaries`.
pub fn generic_moves(summaries: &[GroupSummary]) -> Vec<(usize, usize)> {
    // The best target per subject: most documents, most claims, smallest key.
    let mut best: BTreeMap<&str, usize> = BTreeMap::new();
    for (gi, g) in summaries.iter().enumerate() {
        let Some(subject) = g.subject.as_deref() else {
            continue;
        };
        if !g.eligible {
            continue;
        }
        let better = match best.get(subject) {
            None => true,
            Some(&bi) => {
                let b = &summaries[bi];
                (g.docs, g.claims)
                    .cmp(&(b.docs, b.claims))
                    .then_with(|| b.key.cmp(&g.key))
                    .is_gt()
            }
        };
        if better {
            best.insert(subject, gi);
        }
    }
    summaries
        .iter()
        .enumerate()
        .filter(|(_, g)| g.generic)
        .filter_map(|(gi, g)| {
            let target = g.subject.as_deref().and_then(|s| best.get(s));
            target.map(|&ti| (gi, ti))
        })
        .collect()
}

/// [`generic_moves`] applied: generic groups join their targets.
pub(super) fn attach_generic(mut groups: Vec<Group>, items: &[Item]) -> Vec<Group> {
    let moves = generic_moves(&summaries(&groups, items));
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
