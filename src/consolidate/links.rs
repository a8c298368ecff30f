//! Candidate pairs by blocking and prefix filtering, the links between similar claims,
//! and the graph and connected components they make.

use super::compare::{compatible, similar_at, similarity};
use super::item::Item;
use super::{MAX_POSTING, MIN_JACCARD};
use rayon::prelude::*;
use std::collections::HashMap;

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

/// Links between similar, compatible claims: for each claim `i`, the earlier claims
/// `j < i` it is linked to, ascending, with their weighted Jaccard.
///
/// Candidates share a subject block and a word of their prefixes (prefix filtering, as
/// in all-pairs similarity search): two claims with weighted Jaccard of at least
/// `MIN_JACCARD` share a prefix word (the first word they share in the global order is
/// in both prefixes), so no joinable pair is missed, while common words, which would make
/// long posting lists, are rarely in a prefix. Claims are checked in parallel; the
/// result does not depend on the number of threads.
pub(super) fn links(items: &[Item]) -> Vec<Vec<(u32, f64)>> {
    let keys: Vec<Vec<(&str, u32)>> = items
        .par_iter()
        .map(|it| {
            let prefix = prefix_words(it);
            let blocks: &[&str] = if it.subjects.is_empty() {
                &[""]
            } else {
                &it.subjects
            };
            blocks
                .iter()
                .flat_map(|b| prefix.iter().map(move |w| (*b, *w)))
                .collect()
        })
        .collect();
    let mut postings: HashMap<(&str, u32), Vec<u32>> = HashMap::new();
    for (i, ks) in keys.iter().enumerate() {
        for k in ks {
            postings.entry(*k).or_default().push(i as u32);
        }
    }
    (0..items.len())
        .into_par_iter()
        .map_init(Vec::new, |cands: &mut Vec<u32>, i| {
            cands.clear();
            for k in &keys[i] {
                if let Some(list) = postings.get(k) {
                    let before = list.partition_point(|&j| (j as usize) < i);
                    // At most the nearest MAX_POSTING earlier claims per word (a cost bound).
                    cands.extend_from_slice(&list[before.saturating_sub(MAX_POSTING)..before]);
                }
            }
            cands.sort_unstable();
            cands.dedup();
            let b = &items[i];
            cands
                .iter()
                .filter_map(|&j| {
                    let a = &items[j as usize];
                    if !compatible(a, b) {
                        return None;
                    }
                    let (jaccard, contain) = similarity(a, b);
                    similar_at(a, jaccard, contain).then_some((j, jaccard))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The links as an undirected graph: each claim's neighbours in the order the links
/// were found (earlier claims ascending, then later claims ascending), with their
/// weighted Jaccard. Compressed rows: 12 bytes per link end.
pub(super) struct Graph {
    offsets: Vec<usize>,
    neighbours: Vec<u32>,
    jaccards: Vec<f64>,
}

impl Graph {
    pub fn new(back: Vec<Vec<(u32, f64)>>) -> Self {
        let n = back.len();
        let mut degree = vec![0usize; n];
        for (i, list) in back.iter().enumerate() {
            degree[i] += list.len();
            for &(j, _) in list {
                degree[j as usize] += 1;
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        for d in &degree {
            offsets.push(offsets.last().copied().unwrap_or(0) + d);
        }
        let total = offsets[n];
        let mut neighbours = vec![0u32; total];
        let mut jaccards = vec![0f64; total];
        let mut fill: Vec<usize> = offsets[..n].to_vec();
        // Earlier neighbours first (a claim's own list, ascending)...
        for (i, list) in back.iter().enumerate() {
            for &(j, x) in list {
                neighbours[fill[i]] = j;
                jaccards[fill[i]] = x;
                fill[i] += 1;
            }
        }
        // ... then later ones, ascending, as `i` grows.
        for (i, list) in back.into_iter().enumerate() {
            for (j, x) in list {
                let j = j as usize;
                neighbours[fill[j]] = i as u32;
                jaccards[fill[j]] = x;
                fill[j] += 1;
            }
        }
        Graph {
            offsets,
            neighbours,
            jaccards,
        }
    }

    /// The neighbours of `x` and the weighted Jaccard of each link.
    pub fn links(&self, x: usize) -> (&[u32], &[f64]) {
        let r = self.offsets[x]..self.offsets[x + 1];
        (&self.neighbours[r.clone()], &self.jaccards[r])
    }

    /// Connected components, each ascending, in the order of their smallest claim.
    pub fn components(&self) -> Vec<Vec<usize>> {
        let n = self.offsets.len() - 1;
        let mut component_of = vec![usize::MAX; n];
        let mut out: Vec<Vec<usize>> = Vec::new();
        let mut stack = Vec::new();
        for start in 0..n {
            if component_of[start] != usize::MAX {
                continue;
            }
            let c = out.len();
            component_of[start] = c;
            let mut members = vec![start];
            stack.push(start);
            while let Some(x) = stack.pop() {
                for &y in self.links(x).0 {
                    let y = y as usize;
                    if component_of[y] == usize::MAX {
                        component_of[y] = c;
                        members.push(y);
                        stack.push(y);
                    }
                }
            }
            members.sort_unstable();
            out.push(members);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_lists_earlier_then_later_neighbours_and_finds_components() {
        // Links 1-0, 2-0, 2-1, 4-3; 5 alone.
        let back = vec![
            vec![],
            vec![(0, 0.5)],
            vec![(0, 0.4), (1, 0.6)],
            vec![],
            vec![(3, 0.9)],
            vec![],
        ];
        let g = Graph::new(back);
        assert_eq!(g.links(0), (&[1u32, 2][..], &[0.5, 0.4][..]));
        assert_eq!(g.links(1), (&[0u32, 2][..], &[0.5, 0.6][..]));
        assert_eq!(g.links(2).0, &[0, 1]);
        assert_eq!(g.links(5).0, &[] as &[u32]);
        assert_eq!(g.components(), vec![vec![0, 1, 2], vec![3, 4], vec![5]]);
    }
}
