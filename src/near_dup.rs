//! Near-duplicate documents: reposts and syndicated copies of an earlier document
//! (the same body under other site chrome, a few words changed).
//!
//! Each clean text becomes a set of word 5-gram shingles, hashed with FNV-1a (fixed, so
//! runs are reproducible), and a 256-bin MinHash signature of that set (one-permutation
//! hashing, one pass). LSH banding (32 bands of 8 bins) proposes candidates among earlier
//! documents; a candidate is a copy when the estimated Jaccard similarity is at least
//! [`COPY_JACCARD`] and the estimated containment of the smaller set at least
//! [`COPY_CONTAINMENT`]; a document copies the most similar such earlier one. Nothing
//! compares all pairs.
//!
//! Thresholds. Two articles on one subject, even of one site, share sentences: in corpora
//! generated from five seed articles (`../shared/bench/gen.py`), articles sampled from the
//! same seed have Jaccard 0.21-0.52 (10th-90th percentile) on their raw text, but after
//! cleaning their estimated Jaccard reaches 0.75-0.79 (median and 90th percentile of such
//! pairs a 0.75 threshold marked), while planted copies estimate 0.87 (5th percentile) to
//! 0.96 (median). With 0.75, a copy whose original was itself wrongly marked pointed at
//! the wrong group (recall of planted copies 0.88 at 20,000 articles); with 0.8 it is
//! 0.95, and 0.985 at 2,000 (`scripts/near_dup_recall.py`). On the dev set unrelated pairs
//! have containment 0.000-0.038 and the one repost 0.991 (Jaccard 0.980). A copy therefore
//! needs most of both texts in common, not only of the smaller one.

use crate::model::Document;
use std::collections::HashMap;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Containment at or above which a document can be a copy of an earlier one.
pub const COPY_CONTAINMENT: f64 = 0.85;
/// Jaccard similarity at or above which a document can be a copy (a copy is not a short
/// excerpt of a much longer text, nor another article drawing on the same sources): the
/// usual near-duplicate threshold; most articles that share sources stay under it.
pub const COPY_JACCARD: f64 = 0.8;
/// Texts with fewer shingles than this are never judged (too little evidence).
pub const MIN_SHINGLES: usize = 15;

/// FNV-1a, 64 bit: a fixed hash, so shingle sets are the same on every run and machine.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Lower-case words of a text (letters and digits; apostrophes inside words dropped).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.replace('\'', "").to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Sorted, deduplicated hashes of the word 5-gram shingles of a text: FNV-1a of the five
/// lower-case words joined by single spaces (the words of [`words`]), computed in one pass
/// without building the word list or the joined strings.
pub fn shingles(text: &str) -> Vec<u64> {
    let mut ring: [String; SHINGLE_WORDS] = Default::default();
    let mut seen = 0usize;
    let mut out: Vec<u64> = Vec::new();
    let mut word = String::new();
    let mut push_word = |word: &mut String, out: &mut Vec<u64>| {
        if word.is_empty() {
            return;
        }
        std::mem::swap(&mut ring[seen % SHINGLE_WORDS], word);
        word.clear();
        seen += 1;
        if seen >= SHINGLE_WORDS {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for k in 0..SHINGLE_WORDS {
                let bytes = ring[(seen + k) % SHINGLE_WORDS].bytes();
                for b in (k > 0).then_some(b' ').into_iter().chain(bytes) {
                    h ^= u64::from(b);
                    h = h.wrapping_mul(0x0100_0000_01b3);
                }
            }
            out.push(h);
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if c != '\'' {
            push_word(&mut word, &mut out);
        }
    }
    push_word(&mut word, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// Overlap of two shingle sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    pub shared: usize,
    pub containment: f64,
    pub jaccard: f64,
}

/// Similarity of two sorted, deduplicated shingle sets.
pub fn similarity(a: &[u64], b: &[u64]) -> Similarity {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let small = a.len().min(b.len());
    let union = a.len() + b.len() - shared;
    Similarity {
        shared,
        containment: if small == 0 {
            0.0
        } else {
            shared as f64 / small as f64
        },
        jaccard: if union == 0 {
            0.0
        } else {
            shared as f64 / union as f64
        },
    }
}

/// Whether two shingle sets are copies of each other.
pub fn is_copy(a: &[u64], b: &[u64]) -> bool {
    if a.len() < MIN_SHINGLES || b.len() < MIN_SHINGLES {
        return false;
    }
    let s = similarity(a, b);
    s.containment >= COPY_CONTAINMENT && s.jaccard >= COPY_JACCARD
}

/// For each shingle set, the index of the earlier set it copies (the most similar
/// one; when that is itself a copy, its original), or None.
pub fn find_copies(sets: &[Vec<u64>]) -> Vec<Option<usize>> {
    // Inverted index: only earlier sets sharing a shingle are compared.
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut out: Vec<Option<usize>> = Vec::with_capacity(sets.len());
    for (i, set) in sets.iter().enumerate() {
        let mut candidates: Vec<usize> = set
            .iter()
            .filter_map(|h| index.get(h))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f64, usize)> = None;
        for j in candidates {
            if !is_copy(set, &sets[j]) {
                continue;
            }
            let jac = similarity(set, &sets[j]).jaccard;
            // Strictly greater: on a tie the earlier document wins.
            if best.is_none_or(|(bj, _)| jac > bj) {
                best = Some((jac, j));
            }
        }
        out.push(best.map(|(_, j)| out[j].unwrap_or(j)));
        for h in set {
            index.entry(*h).or_default().push(i);
        }
    }
    out
}

/// Bins of a MinHash signature (one-permutation hashing: each shingle falls in one bin
/// by its hash, the bin keeps its smallest hash). 256 bins give a Jaccard estimate within
/// about +-0.03 near 0.5 and cost one pass over the shingles.
pub const SIGNATURE_BINS: usize = 256;
/// LSH banding: `BANDS` bands of `ROWS` bins. Documents sharing one band are candidates:
/// a pair at Jaccard 0.8 is a candidate with probability 0.997, at 0.75 0.97, at 0.5 0.12,
/// at 0.3 0.002, so articles that only draw on the same sources rarely fill a bucket.
pub const BANDS: usize = 32;
pub const ROWS: usize = SIGNATURE_BINS / BANDS;
/// Candidates kept per band bucket (the earliest documents of it): a bound on the work per
/// document when many documents share one band (common site chrome), so the reduce stays
/// linear in the number of documents.
pub const BUCKET_CAP: usize = 16;

/// A document's MinHash signature and its shingle count: the small summary that near-copy
/// detection needs of each document (plain data, mergeable by concatenation).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signature {
    pub shingles: u32,
    pub bins: Vec<u32>,
}

/// Mixes a shingle hash so that bin choice and bin value are independent bits.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// The MinHash signature of a text's word 5-gram shingles, or None when the text has too
/// few shingles to judge ([`MIN_SHINGLES`]).
pub fn signature(text: &str) -> Option<Signature> {
    signature_of(&shingles(text))
}

/// The signature of a sorted, deduplicated shingle set.
pub fn signature_of(set: &[u64]) -> Option<Signature> {
    if set.len() < MIN_SHINGLES {
        return None;
    }
    let mut bins = vec![u32::MAX; SIGNATURE_BINS];
    let mut filled = [false; SIGNATURE_BINS];
    for &h in set {
        let m = mix(h);
        let bin = (m >> 56) as usize % SIGNATURE_BINS;
        let v = m as u32;
        if !filled[bin] || v < bins[bin] {
            bins[bin] = v;
            filled[bin] = true;
        }
    }
    // Densification: an empty bin borrows the next filled bin's value (rotation), so two
    // sets agree on it exactly when they agree on that bin.
    for i in 0..SIGNATURE_BINS {
        if !filled[i] {
            let j = (1..SIGNATURE_BINS)
                .map(|k| (i + k) % SIGNATURE_BINS)
                .find(|&j| filled[j])
                .unwrap_or(i);
            bins[i] = bins[j] ^ (i as u32).wrapping_mul(0x9e37_79b9);
        }
    }
    Some(Signature {
        shingles: set.len() as u32,
        bins,
    })
}

/// Similarity estimated from two signatures: Jaccard from the share of equal bins, the
/// shared count and containment from Jaccard and the two exact set sizes.
pub fn estimate(a: &Signature, b: &Signature) -> Similarity {
    let equal = a.bins.iter().zip(&b.bins).filter(|(x, y)| x == y).count();
    let jaccard = equal as f64 / SIGNATURE_BINS as f64;
    let (na, nb) = (f64::from(a.shingles), f64::from(b.shingles));
    let shared = (jaccard / (1.0 + jaccard) * (na + nb)).min(na.min(nb));
    Similarity {
        shared: shared.round() as usize,
        containment: shared / na.min(nb),
        jaccard,
    }
}

/// For each signature (in document order), the index of the earlier document it copies
/// (the most similar earlier candidate; when that is itself a copy, its original), or
/// None. Candidates come from LSH band buckets, so the cost is linear in the number of
/// documents (at most `BANDS * BUCKET_CAP` comparisons each), never all pairs.
pub fn find_copies_lsh(sigs: &[Option<Signature>]) -> Vec<Option<usize>> {
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    let mut out: Vec<Option<usize>> = Vec::with_capacity(sigs.len());
    for (i, sig) in sigs.iter().enumerate() {
        let Some(sig) = sig else {
            out.push(None);
            continue;
        };
        let keys: Vec<(usize, u64)> = sig
            .bins
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut h: u64 = band as u64;
                for r in rows {
                    h = mix(h ^ u64::from(*r));
                }
                (band, h)
            })
            .collect();
        let mut candidates: Vec<usize> = keys
            .iter()
            .filter_map(|k| buckets.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f64, usize)> = None;
        for j in candidates {
            let Some(other) = &sigs[j] else { continue };
            let s = estimate(sig, other);
            if s.containment < COPY_CONTAINMENT || s.jaccard < COPY_JACCARD {
                continue;
            }
            // Strictly greater: on a tie the earlier document wins.
            if best.is_none_or(|(bj, _)| s.jaccard > bj) {
                best = Some((s.jaccard, j));
            }
        }
        out.push(best.map(|(_, j)| out[j].unwrap_or(j)));
        for k in keys {
            let b = buckets.entry(k).or_default();
            if b.len() < BUCKET_CAP {
                b.push(i);
            }
        }
    }
    out
}

/// Mark every document that copies an earlier one (doc_id order) with that
/// document's id. Skipped documents are neither marked nor matched.
pub fn mark_near_duplicates(docs: &mut [Document]) {
    let ok: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].is_ok()).collect();
    let sigs: Vec<Option<Signature>> = ok.iter().map(|&i| signature(docs[i].text.text())).collect();
    let copies = find_copies_lsh(&sigs);
    for (k, copy) in copies.into_iter().enumerate() {
        docs[ok[k]].near_duplicate_of = copy.map(|j| docs[ok[j]].doc_id.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::decode_document;

    const BODY: &str = "Warm compresses loosen a stiff neck after a long day at the desk. \
        Hold the compress in place for ten minutes and breathe slowly. \
        Gentle chin tucks, done five times an hour, keep the joints moving. \
        If numbness spreads into the arm, call a clinician the same day. \
        Most stiff necks settle within a week with rest and light movement.";

    const OTHER: &str = "Cold water swimming has grown popular with city commuters. \
        Clubs meet before dawn at the lake and swim short loops near the shore. \
        Newcomers are told to enter slowly and to leave the water while still warm. \
        Lifeguards watch the groups from small boats during the winter months. \
        Many members say the habit lifts their mood for the rest of the day.";

    const THIRD: &str =
        "Garden benches need a coat of oil every spring to keep the wood from cracking. \
        Sand the surface lightly, wipe away the dust, and brush the oil along the grain. \
        Two thin coats last longer than one thick coat and dry without sticky patches. \
        Cover the bench at night if rain is forecast during the first two days. \
        Metal fittings should be checked for rust and tightened before the summer.";

    fn doc(id: &str, text: &str) -> Document {
        decode_document(id, &format!("raw/{id}.txt"), text.as_bytes().to_vec())
    }

    #[test]
    fn shingles_hash_the_joined_lower_case_words() {
        let text = "Don't  stop: Heat, ice \u{2014} REST and \u{c4}rzte 10 times!";
        let w = words(text);
        let mut expected: Vec<u64> = w
            .windows(SHINGLE_WORDS)
            .map(|g| fnv1a64(g.join(" ").as_bytes()))
            .collect();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(shingles(text), expected);
    }

    #[test]
    fn fnv_is_fixed() {
        // Reference values of 64-bit FNV-1a.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn repost_with_changed_words_is_marked() {
        let article = format!("{BODY} {THIRD} {OTHER}");
        let repost = article
            .replace("ten minutes", "about ten minutes")
            .replace("Most stiff necks", "Nearly all stiff necks");
        let mut docs = vec![
            doc("a", &article),
            doc(
                "b",
                "Unrelated text about something else entirely, long enough to judge.",
            ),
            doc(
                "c",
                &format!("Neck Care Weekly\nShare\n{repost}\n12 Comments"),
            ),
        ];
        mark_near_duplicates(&mut docs);
        assert_eq!(docs[0].near_duplicate_of, None);
        assert_eq!(docs[1].near_duplicate_of, None);
        assert_eq!(docs[2].near_duplicate_of.as_deref(), Some("a"));
    }

    #[test]
    fn articles_sharing_some_sentences_are_not_copies() {
        // Two articles of one site on one subject: a paragraph in common, the rest their own.
        let mut docs = vec![
            doc("a", &format!("{BODY} {OTHER}")),
            doc("b", &format!("{BODY} {THIRD}")),
        ];
        mark_near_duplicates(&mut docs);
        assert!(docs.iter().all(|d| d.near_duplicate_of.is_none()));
    }

    #[test]
    fn unrelated_and_short_documents_are_not_marked() {
        let mut docs = vec![
            doc("a", BODY),
            doc("b", OTHER),
            doc("c", "Rest helps."),
            doc("d", "Rest helps."),
        ];
        mark_near_duplicates(&mut docs);
        assert!(docs.iter().all(|d| d.near_duplicate_of.is_none()));
        let s = similarity(&shingles(BODY), &shingles(OTHER));
        assert!(s.containment < 0.1, "{s:?}");
    }

    #[test]
    fn excerpt_inside_long_text_is_not_a_copy() {
        let long = format!("{BODY} {OTHER} {THIRD}");
        let excerpt: String = BODY.split(". ").take(3).collect::<Vec<_>>().join(". ");
        let (a, b) = (shingles(&long), shingles(&excerpt));
        assert!(similarity(&a, &b).containment > 0.9);
        assert!(!is_copy(&a, &b));
    }

    #[test]
    fn lsh_finds_the_same_copies_as_exact_comparison() {
        let repost = BODY.replace("ten minutes", "about ten minutes");
        let texts = [BODY, OTHER, THIRD, repost.as_str(), BODY];
        let sets: Vec<Vec<u64>> = texts.iter().map(|t| shingles(t)).collect();
        let sigs: Vec<Option<Signature>> = sets.iter().map(|s| signature_of(s)).collect();
        assert_eq!(find_copies_lsh(&sigs), find_copies(&sets));
        assert_eq!(
            find_copies_lsh(&sigs),
            vec![None, None, None, Some(0), Some(0)]
        );
    }

    #[test]
    fn estimate_is_close_to_exact_similarity() {
        let long = format!("{BODY} {OTHER}");
        let (a, b) = (shingles(&long), shingles(BODY));
        let exact = similarity(&a, &b);
        let est = estimate(&signature_of(&a).unwrap(), &signature_of(&b).unwrap());
        assert!(
            (exact.jaccard - est.jaccard).abs() < 0.15,
            "{exact:?} {est:?}"
        );
        assert!(signature("too short to judge").is_none());
    }

    #[test]
    fn chains_point_to_the_original() {
        let sets = vec![shingles(BODY), shingles(BODY), shingles(BODY)];
        assert_eq!(find_copies(&sets), vec![None, Some(0), Some(0)]);
    }
}
