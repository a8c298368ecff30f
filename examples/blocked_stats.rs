//! Sizes of consolidation's blocked steps on a corpus (README, "Consolidation as blocked
//! steps"): what each step's records weigh encoded, how many blocks and links there are,
//! and what a driver that only reduces would hold.
//!
//!     cargo run --release --example blocked_stats -- RAW_DIR
//!
//! The corpus is processed in memory first (the whole pipeline), so its documents must fit.

use factsieve::consolidate::{self, blocked};
use factsieve::model::DocInfo;
use std::collections::BTreeMap;
use std::time::Instant;

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn main() -> anyhow::Result<()> {
    let raw = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: blocked_stats RAW_DIR"))?;
    let corpus =
        factsieve::pipeline::process(std::path::Path::new(&raw), &factsieve::pipeline::Quiet)?;
    let (docs, claims) = (&corpus.docs, &corpus.claims);
    let mut by_doc: BTreeMap<&str, Vec<factsieve::model::Claim>> = BTreeMap::new();
    for c in claims {
        by_doc.entry(c.doc_id.as_str()).or_default().push(c.clone());
    }
    let infos: Vec<DocInfo> = docs
        .iter()
        .filter(|d| d.is_ok())
        .map(|d| DocInfo::of(d, by_doc.get(d.doc_id.as_str()).map_or(&[], |v| v)))
        .collect();
    drop(by_doc);
    println!(
        "documents {}, claims {}, facts {}",
        docs.len(),
        claims.len(),
        corpus.facts.len()
    );
    let size = |v: &dyn erased::Enc| v.bytes();
    println!("claims encoded: {}", mb(size(&claims)));
    println!("claim contexts (DocInfo) encoded: {}", mb(size(&infos)));
    println!("facts encoded: {}", mb(size(&corpus.facts)));

    let t = Instant::now();
    let (records, _node_of) = consolidate::node_records(claims, &infos);
    println!(
        "step 0: {} nodes, records {} ({:.1} s)",
        records.len(),
        mb(size(&records)),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let mut blocks: BTreeMap<blocked::BlockKey, Vec<(u8, blocked::NodeRecord)>> = BTreeMap::new();
    let mut shipped = 0usize;
    for r in &records {
        let bytes = size(r);
        for (k, l) in blocked::block_keys(r) {
            shipped += bytes + k.0.len() + k.1.len() + 1;
            blocks.entry(k).or_default().push((l, r.clone()));
        }
    }
    let entries: usize = blocks.values().map(Vec::len).sum();
    let largest = blocks.values().map(Vec::len).max().unwrap_or(0);
    println!(
        "step 1: {} blocks, {} entries (largest block {}), rows shipped to the groupby {} ({:.1} s)",
        blocks.len(),
        entries,
        largest,
        mb(shipped),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let found: Vec<(u64, u64, f64)> = blocks
        .values()
        .flat_map(|m| blocked::link_block_records(m))
        .collect();
    let mut distinct: Vec<(u32, u32)> = found
        .iter()
        .map(|&(i, j, _)| (i as u32, j as u32))
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    println!(
        "step 2: {} links found, {} distinct; {} as (u32, u32, f64) ({:.1} s, one thread)",
        found.len(),
        distinct.len(),
        mb(found.len() * 16),
        t.elapsed().as_secs_f64()
    );
    let mut components = blocked::Components::new(records.len());
    for &(i, j) in &distinct {
        components.union(i, j);
    }
    let list = components.list();
    println!(
        "step 3: {} components (largest {}); union-find state {}",
        list.len(),
        list.iter().map(Vec::len).max().unwrap_or(0),
        mb(records.len() * 4)
    );
    Ok(())
}

/// Encoded size of anything serialisable, through one object-safe trait.
mod erased {
    pub trait Enc {
        fn bytes(&self) -> usize;
    }
    impl<T: serde::Serialize> Enc for T {
        fn bytes(&self) -> usize {
            factsieve::pipeline::wire::encode(self, "record").map_or(0, |b| b.len())
        }
    }
}
