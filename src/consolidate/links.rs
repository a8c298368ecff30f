//! Candidate pairs by blocking and prefix filtering, the links between similar claims,
//! and the graph and connected components they make.

use super::compare::{
    compatible, from_shared, joins, names_alternatives, similar_at, similarity, subjects_agree,
};
use super::item::Item;
use super::{CONTAIN, CONTAIN_JACCARD, JOIN, JOIN_NO_SUBJECT, MAX_POSTING};
use rayon::prelude::*;
use std::collections::HashMap;

/// How far into a claim's rarest words a shared word must come for a pair to be worth
/// comparing. A claim's prefix at share `θ` is its heaviest words (in the global order:
/// heaviest first, then alphabetical) until the words left weigh less than `θ` of the
/// claim; when two claims share at least `θ` of one claim's weight, the first word they
/// share in the global order is in that claim's prefix at `θ` (else every shared word
/// would be among the words left). Joinable pairs share, of each side:
/// - both at least `JOIN` (Jaccard join: shared >= JOIN x union >= JOIN x either), or
/// - the smaller at least `CONTAIN` and the larger at least `CONTAIN_JACCARD`
///   (containment join),
/// - or, without subjects, both at least `JOIN_NO_SUBJECT`.
///
/// So a word gets a level in each claim: 3 in the prefix at `CONTAIN`, 2 at `JOIN`, 1
/// at `CONTAIN_JACCARD`; a pair needs a shared word whose two levels add up to 4 or
/// more (2+2, 3+1, 1+3 and above). Claims without subjects index only their prefix at
/// `JOIN_NO_SUBJECT`, as level 2. A prefix is cut a hair longer than the bound (`SLACK`)
/// so rounding in the similarity never loses a pair.
fn word_levels(it: &Item) -> Vec<(u32, u8)> {
    let mut ws: Vec<(u32, f64)> = it.ids.clone();
    ws.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let levels: &[(f64, u8)] = if it.subjects.is_empty() {
        &[(JOIN_NO_SUBJECT, 2)]
    } else {
        &[(CONTAIN, 3), (JOIN, 2), (CONTAIN_JACCARD, 1)]
    };
    let mut left = it.total;
    let mut out = Vec::new();
    for (w, x) in ws {
        // The highest level whose prefix still takes this word.
        let level = levels
            .iter()
            .find(|(share, _)| left >= (share - SLACK) * it.total)
            .map(|&(_, l)| l);
        let Some(level) = level else { break };
        out.push((w, level));
        left -= x;
    }
    out
}

/// A claim as the candidate loop of [`links`] reads it.
struct Hot {
    total: f64,
    /// Its words' range in the flat arrays of all claims' word ids and weights.
    words: (u32, u32),
    values_id: u32,
    subject_set: u32,
    negated: bool,
    /// Names a subject (see [`joins`]).
    subject: bool,
    /// See [`names_alternatives`].
    alternatives: bool,
}

/// See [`word_levels`].
const SLACK: f64 = 1e-9;

/// The lowest level a word of an earlier claim needs to pair with a word at `level`.
pub(super) fn partner_level(level: u8) -> u8 {
    4u8.saturating_sub(level).max(1)
}

/// The members of an ascending `list` that claim `i` is compared with: the nearest `cap`
/// before it (the cost bound of [`MAX_POSTING`] per key and level).
pub(super) fn window(list: &[u32], i: usize, cap: usize) -> &[u32] {
    let before = list.partition_point(|&j| (j as usize) < i);
    &list[before.saturating_sub(cap)..before]
}

/// Claim `i`'s candidates into `cands`, ascending and each once: the union of its
/// [`window`]s in `lists`, so a pair found in several lists is compared once.
pub(super) fn gather<'l>(
    lists: impl IntoIterator<Item = &'l [u32]>,
    i: usize,
    cap: usize,
    cands: &mut Vec<u32>,
) {
    cands.clear();
    for list in lists {
        cands.extend_from_slice(window(list, i, cap));
    }
    cands.sort_unstable();
    cands.dedup();
}

/// The posting lists that claim keys `keys` pair with (see [`partner_level`]).
fn partner_lists<'p>(
    keys: &'p [((&str, u32), u8)],
    postings: &'p HashMap<(&str, u32, u8), Vec<u32>>,
) -> impl Iterator<Item = &'p [u32]> + 'p {
    keys.iter().flat_map(move |&((block, word), level)| {
        (partner_level(level)..=3)
            .filter_map(move |other| postings.get(&(block, word, other)).map(Vec::as_slice))
    })
}

/// The blocks an item is linked in: (subject block, prefix word), with the word's level in
/// the item (see [`word_levels`]); "" is the block of claims without subjects. One entry
/// per subject and word, in the item's order (a subject named twice gives two).
pub(super) fn link_keys<'k>(it: &'k Item) -> Vec<((&'k str, u32), u8)> {
    let words = word_levels(it);
    let blocks: &[&str] = if it.subjects.is_empty() {
        &[""]
    } else {
        &it.subjects
    };
    blocks
        .iter()
        .flat_map(|b| words.iter().map(move |&(w, l)| ((*b, w), l)))
        .collect()
}

/// One block's links (the per-block step of a blocked run): `members` are the block's
/// (claim, level) entries ascending by claim. Each claim is compared with at most the
/// nearest `cap` earlier members of each level its own level pairs with (the cost bound
/// of [`MAX_POSTING`] per key and level); the links found are pushed as (later claim,
/// earlier claim, weighted Jaccard). A pair sharing several blocks is found in each: the
/// merge ([`back_lists`]) keeps one.
pub(super) fn link_block<'a, 'b: 'a>(
    members: &[(u32, u8)],
    item: impl Fn(u32) -> &'a Item<'b>,
    cap: usize,
    out: &mut Vec<(u32, u32, f64)>,
) {
    let mut by_level: [Vec<u32>; 4] = Default::default();
    for &(i, l) in members {
        by_level[usize::from(l.min(3))].push(i);
    }
    for &(i, level) in members {
        let b = item(i);
        for other in partner_level(level)..=3 {
            for &j in window(&by_level[usize::from(other)], i as usize, cap) {
                let a = item(j);
                if !compatible(a, b) {
                    continue;
                }
                let (jaccard, contain) = similarity(a, b);
                if similar_at(a, jaccard, contain) {
                    out.push((i, j, jaccard));
                }
            }
        }
    }
}

/// The merge of every block's links: for each claim `i` of `n`, the earlier claims it is
/// linked to, ascending, each once. The order the links come in does not matter.
pub(super) fn back_lists(n: usize, mut found: Vec<(u32, u32, f64)>) -> Vec<Vec<(u32, f64)>> {
    found.sort_unstable_by_key(|&(i, j, _)| (i, j));
    found.dedup_by_key(|&mut (i, j, _)| (i, j));
    let mut back: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
    for (i, j, x) in found {
        back[i as usize].push((j, x));
    }
    back
}

/// Links between similar, compatible claims: for each claim `i`, the earlier claims
/// `j < i` it is linked to, ascending, with their weighted Jaccard.
///
/// Candidates share a subject block and a word of their prefixes at levels that a
/// joinable pair must reach (prefix filtering, as in all-pairs similarity search; see
/// [`word_levels`]), so no joinable pair is missed, while common words, which would make
/// long posting lists, are rarely in a prefix. The blocks are those of the blocked steps
/// ([`link_keys`]) and the cap is theirs, so the links are what [`link_block`] and
/// [`back_lists`] find (a property test checks it); the result does not depend on the
/// number of threads.
pub(super) fn links(items: &[Item]) -> Vec<Vec<(u32, f64)>> {
    links_by_postings(items, MAX_POSTING)
}

/// The claims of each (subject block, prefix word, level), ascending, from each claim's
/// [`link_keys`].
fn posting_lists<'k>(keys: &[Vec<((&'k str, u32), u8)>]) -> HashMap<(&'k str, u32, u8), Vec<u32>> {
    let mut postings: HashMap<(&str, u32, u8), Vec<u32>> = HashMap::new();
    for (i, ks) in keys.iter().enumerate() {
        for &((block, word), level) in ks {
            postings
                .entry((block, word, level))
                .or_default()
                .push(i as u32);
        }
    }
    postings
}

/// [`links`] with a cap of `cap` earlier claims per key and level. Each claim's candidates
/// are gathered from the posting lists of its keys and compared once, however many
/// blocks the pair shares (the blocked steps find such a pair in each block, which costs
/// more CPU in one process); property tests check both give the same links.
fn links_by_postings(items: &[Item], cap: usize) -> Vec<Vec<(u32, f64)>> {
    let keys: Vec<Vec<((&str, u32), u8)>> = items.par_iter().map(link_keys).collect();
    let postings = posting_lists(&keys);
    // What the inner loop reads of each candidate, packed in one record (the cheap part
    // of `compatible`, the total weight, whether it names a subject, where its words
    // are), and the word ids and weights of all claims in two flat arrays: a candidate
    // costs a cache line or two instead of a walk through its `Item`, and the weights are
    // read only for the words it shares.
    let mut word_ids: Vec<u32> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    let hot: Vec<Hot> = items
        .iter()
        .map(|it| {
            let start = word_ids.len() as u32;
            word_ids.extend(it.ids.iter().map(|p| p.0));
            weights.extend(it.ids.iter().map(|p| p.1));
            Hot {
                total: it.total,
                words: (start, word_ids.len() as u32),
                values_id: it.values_id,
                subject_set: it.subject_set,
                negated: it.negated,
                subject: !it.subjects.is_empty(),
                alternatives: names_alternatives(it),
            }
        })
        .collect();
    let vocabulary = word_ids.iter().map(|&w| w as usize + 1).max().unwrap_or(0);
    (0..items.len())
        .into_par_iter()
        .map_init(
            || (Vec::new(), vec![u32::MAX; vocabulary]),
            |(cands, mark): &mut (Vec<u32>, Vec<u32>), i| {
                gather(partner_lists(&keys[i], &postings), i, cap, cands);
                let b = &items[i];
                // The words of `b`, marked with its number: a candidate's shared weight is
                // then one pass over its own words. The sum adds the same weights in the
                // same (ascending id) order as `similarity`'s merge, so it is bit for bit
                // the same.
                let tag = i as u32;
                for &(w, _) in &b.ids {
                    mark[w as usize] = tag;
                }
                let h = &hot[i];
                cands
                    .iter()
                    .filter_map(|&j| {
                        let a = &hot[j as usize];
                        // `compatible(a, b)`, the cheap tests first.
                        if a.negated != h.negated || a.values_id != h.values_id {
                            return None;
                        }
                        // `subjects_agree` without its string comparisons: two claims
                        // that name subjects met in a subject's block share that subject,
                        // and unequal subject sets have unequal numbers, so they agree
                        // exactly when both name alternatives.
                        if a.subject_set != h.subject_set {
                            let agree = if a.subject && h.subject {
                                a.alternatives && h.alternatives
                            } else {
                                subjects_agree(&items[j as usize], b)
                            };
                            if !agree {
                                return None;
                            }
                        }
                        let mut shared = 0.0;
                        let (start, end) = (a.words.0 as usize, a.words.1 as usize);
                        for (k, &w) in word_ids[start..end].iter().enumerate() {
                            if mark[w as usize] == tag {
                                shared += weights[start + k];
                            }
                        }
                        let (jaccard, contain) = from_shared(a.total, h.total, shared);
                        joins(a.subject, jaccard, contain).then_some((j, jaccard))
                    })
                    .collect::<Vec<_>>()
            },
        )
        .collect()
}

/// The blocked steps run in this process: the items grouped by block ([`link_keys`]),
/// each block linked ([`link_block`]) and the links merged ([`back_lists`]).
#[cfg(test)]
fn links_capped(items: &[Item], cap: usize) -> Vec<Vec<(u32, f64)>> {
    let keys: Vec<Vec<((&str, u32), u8)>> = items.par_iter().map(link_keys).collect();
    let mut blocks: HashMap<(&str, u32), Vec<(u32, u8)>> = HashMap::new();
    for (i, ks) in keys.iter().enumerate() {
        for &(k, l) in ks {
            blocks.entry(k).or_default().push((i as u32, l));
        }
    }
    drop(keys);
    let blocks: Vec<Vec<(u32, u8)>> = blocks.into_values().collect();
    let found: Vec<(u32, u32, f64)> = blocks
        .par_iter()
        .flat_map_iter(|members| {
            let mut out = Vec::new();
            link_block(members, |k| &items[k as usize], cap, &mut out);
            out
        })
        .collect();
    back_lists(items.len(), found)
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

    /// Connected components, each ascending, in the order of their smallest claim (the
    /// reference for [`super::blocked::Components`]).
    #[cfg(test)]
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
pub(super) mod tests {
    use super::*;
    use crate::model::Claim;
    use proptest::prelude::*;

    fn claim() -> Claim {
        Claim {
            doc_id: "d".into(),
            clean_start: 0,
            clean_end: 0,
            raw_start: 0,
            raw_end: 0,
            quote: String::new(),
            quote_clean: String::new(),
            text: String::new(),
            kind: "advice".into(),
            subject: None,
            quantities: Vec::new(),
            negated: false,
            markers: Vec::new(),
        }
    }

    /// An item over word ids 0..12, each word with one weight in every claim (as the
    /// global weights are), subjects from a two-word set.
    fn item<'a>(
        c: &'a Claim,
        words: &[u32],
        subjects: u8,
        negated: bool,
        values_id: u32,
    ) -> Item<'a> {
        let mut ids: Vec<(u32, f64)> = words.iter().map(|&w| (w, 0.5 + (w % 5) as f64)).collect();
        ids.sort_by_key(|p| p.0);
        ids.dedup_by_key(|p| p.0);
        let subjects: Vec<&'static str> = match subjects {
            0 => vec![],
            1 => vec!["ice"],
            2 => vec!["heat"],
            _ => vec!["heat", "ice"],
        };
        Item {
            claim: c,
            copies: vec![c],
            total: ids.iter().map(|p| p.1).sum(),
            ids,
            subject_set: subjects.len() as u32 * 7 + subjects.first().map_or(0, |s| s.len() as u32),
            subjects,
            words: Default::default(),
            negated,
            values: Default::default(),
            values_id,
            class: 0,
            key: String::new(),
            generic: false,
            relational: false,
            coordinated: false,
            spun: false,
        }
    }

    /// Items as `item` makes them, but through the words and values `intern` numbers (as
    /// consolidation's items are): word `w` is the token "wNN", weighing as in `item`.
    pub(in crate::consolidate) fn test_items<'a>(
        c: &'a Claim,
        specs: &[(Vec<u32>, u8, bool, u32)],
    ) -> Vec<Item<'a>> {
        let mut items: Vec<Item> = specs
            .iter()
            .map(|(w, s, n, v)| {
                let mut it = item(c, w, *s, *n, 0);
                it.words = it
                    .ids
                    .iter()
                    .map(|&(w, x)| (format!("w{w:02}"), x))
                    .collect();
                it.total = it.words.values().sum();
                if *v == 1 {
                    let key = (crate::model::Slot::SessionLength, 0, 10, 15, 0);
                    it.values.entry(key.0).or_default().insert(key);
                }
                it
            })
            .collect();
        super::super::item::intern(&mut items);
        items
    }

    /// Linking as it was before it was blocked (the reference for the cap's semantics):
    /// posting lists per (subject, word, level); each claim's candidates are the nearest
    /// `cap` earlier claims of each list it pairs with, deduplicated, then compared once.
    fn plain_postings(items: &[Item], cap: usize) -> Vec<Vec<(u32, f64)>> {
        let keys: Vec<Vec<((&str, u32), u8)>> = items.iter().map(link_keys).collect();
        let postings = posting_lists(&keys);
        (0..items.len())
            .map(|i| {
                let mut cands = Vec::new();
                gather(partner_lists(&keys[i], &postings), i, cap, &mut cands);
                let b = &items[i];
                cands
                    .iter()
                    .filter_map(|&j| {
                        let a = &items[j as usize];
                        let (jac, contain) = similarity(a, b);
                        (compatible(a, b) && similar_at(a, jac, contain)).then_some((j, jac))
                    })
                    .collect()
            })
            .collect()
    }

    proptest! {
        /// The blocked steps (keys, per-block links, merge) give what the posting lists
        /// gave, with a cap small enough to bind.
        #[test]
        fn blocked_links_equal_posting_lists(
            specs in prop::collection::vec(
                (prop::collection::vec(0u32..6, 1..6), 0u8..4, any::<bool>(), 0u32..2),
                1..60,
            ),
            cap in 1usize..5,
        ) {
            let c = claim();
            let items: Vec<Item> = specs
                .iter()
                .map(|(w, s, n, v)| item(&c, w, *s, *n, *v))
                .collect();
            let want = plain_postings(&items, cap);
            prop_assert_eq!(&links_capped(&items, cap), &want);
            prop_assert_eq!(&links_by_postings(&items, cap), &want);
        }
    }

    proptest! {
        /// Prefix filtering by levels finds exactly the pairs that comparing every pair
        /// finds (lists far below the cap).
        #[test]
        fn links_are_every_joinable_pair(
            specs in prop::collection::vec(
                (prop::collection::vec(0u32..12, 1..8), 0u8..4, any::<bool>(), 0u32..2),
                1..40,
            )
        ) {
            let c = claim();
            let items: Vec<Item> = specs
                .iter()
                .map(|(w, s, n, v)| item(&c, w, *s, *n, *v))
                .collect();
            let expected: Vec<Vec<(u32, f64)>> = (0..items.len())
                .map(|i| {
                    (0..i)
                        .filter_map(|j| {
                            let (a, b) = (&items[j], &items[i]);
                            let (jac, contain) = similarity(a, b);
                            (compatible(a, b) && similar_at(a, jac, contain))
                                .then_some((j as u32, jac))
                        })
                        .collect()
                })
                .collect();
            prop_assert_eq!(links(&items), expected);
        }
    }

    /// Past the cap too (lists of up to 3,000 claims on one word), the links are those of
    /// comparing each capped candidate with `compatible` and `similarity`, to the bit.
    #[test]
    fn links_past_the_cap_equal_the_plain_comparison() {
        let c = claim();
        let mut x: u64 = 11;
        let mut next = |n: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % n
        };
        let items: Vec<Item> = (0..3000)
            .map(|_| {
                let words: Vec<u32> = (0..1 + next(4)).map(|_| next(6) as u32).collect();
                item(&c, &words, next(4) as u8, next(9) == 0, next(2) as u32)
            })
            .collect();
        // The same candidates (shared prefix words, the nearest MAX_POSTING per key and
        // level), each compared the plain way.
        let want = plain_postings(&items, MAX_POSTING);
        let got = links(&items);
        assert_eq!(got.len(), want.len());
        for (i, (got_from, want_from)) in got.iter().zip(&want).enumerate() {
            assert_eq!(got_from, want_from, "claim {i}");
        }
        // How many of the lists a claim's candidates come from were longer than the cap.
        let keys: Vec<Vec<((&str, u32), u8)>> = items.iter().map(link_keys).collect();
        let postings = posting_lists(&keys);
        let mut capped = 0;
        for (i, ks) in keys.iter().enumerate() {
            for &((block, word), level) in ks {
                for other in partner_level(level)..=3 {
                    let before = postings
                        .get(&(block, word, other))
                        .map_or(0, |l| l.partition_point(|&j| (j as usize) < i));
                    capped += (before > MAX_POSTING) as usize;
                }
            }
        }
        assert!(capped > 100, "the cap bound {capped} lists");
    }

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
