//! Consolidation's partition steps (`factsieve::consolidate::rows`) for the Ray runner:
//! each takes the rows of one partition (bytes) and returns rows for the next step, with
//! the partition each goes to. The driver's reduces (union-find over the links, the
//! generic claims' moves) are classes fed batch by batch; the broadcast states are
//! frozen classes, decoded once per worker.

use crate::{bytes, err, Bytes, BytesList};
use factsieve::consolidate::rows::{
    self, BlockMember, ClaimRow, ComponentItem, FactPiece, GroupKey, GroupRow, Link, NodeRow, Roots,
};
use factsieve::consolidate::GroupSummary;
use factsieve::model::Claim;
use factsieve::pipeline::wire::{decode, encode};
use pyo3::prelude::*;
use std::collections::BTreeMap;

type Parted<'py> = (Vec<u32>, BytesList<'py>);

fn decode_all<T: serde::de::DeserializeOwned>(rows: &[Bytes], what: &str) -> PyResult<Vec<T>> {
    rows.iter().map(|r| decode(r, what).map_err(err)).collect()
}

fn parted<'py, T: serde::Serialize>(
    py: Python<'py>,
    rows: Vec<(u32, T)>,
    what: &str,
) -> PyResult<Parted<'py>> {
    let mut parts = Vec::with_capacity(rows.len());
    let mut out = Vec::with_capacity(rows.len());
    for (p, r) in rows {
        parts.push(p);
        out.push(bytes(py, &encode(&r, what).map_err(err)?));
    }
    Ok((parts, out))
}

/// Step 0: documents' claims (blobs of (index, spun, claims) from `map3`) as claim rows,
/// with the partition of each (by wording).
#[pyfunction]
pub fn claim_rows<'py>(py: Python<'py>, blobs: Vec<Bytes>, parts: u32) -> PyResult<Parted<'py>> {
    let rows = py
        .detach(|| {
            let mut all = Vec::new();
            for b in &blobs {
                let (index, spun, claims): (usize, bool, Vec<Claim>) = decode(b, "claims")?;
                all.extend(rows::claim_rows(index, spun, claims, parts)?);
            }
            Ok(all)
        })
        .map_err(err)?;
    parted(py, rows, "claim row")
}

/// Step 1: the nodes of one partition's claim rows.
#[pyfunction]
pub fn nodes<'py>(py: Python<'py>, rows: Vec<Bytes>) -> PyResult<BytesList<'py>> {
    let rows: Vec<ClaimRow> = decode_all(&rows, "claim row")?;
    let out = py
        .detach(|| {
            rows::nodes(rows)?
                .iter()
                .map(|n| encode(n, "node"))
                .collect::<factsieve::error::Result<Vec<_>>>()
        })
        .map_err(err)?;
    Ok(out.iter().map(|b| bytes(py, b)).collect())
}

/// Step 2: nodes' entries in their link blocks, with the partition of each block.
#[pyfunction]
pub fn block_members<'py>(py: Python<'py>, nodes: Vec<Bytes>, parts: u32) -> PyResult<Parted<'py>> {
    let nodes: Vec<NodeRow> = decode_all(&nodes, "node")?;
    let out = py
        .detach(|| {
            let mut all = Vec::new();
            for n in &nodes {
                all.extend(rows::block_members(&n.record, parts)?);
            }
            Ok(all)
        })
        .map_err(err)?;
    parted(py, out, "block member")
}

/// Step 3: the links of one partition's blocks, as one blob.
#[pyfunction]
pub fn links<'py>(
    py: Python<'py>,
    members: Vec<Bytes>,
) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
    let members: Vec<BlockMember> = decode_all(&members, "block member")?;
    let out = py
        .detach(|| encode(&rows::link_members(members), "links"))
        .map_err(err)?;
    Ok(bytes(py, &out))
}

/// Step 4 (driver): union-find over the links' blobs; `finish` gives the roots to
/// broadcast.
#[pyclass]
#[derive(Default)]
pub struct Components {
    inner: rows::SparseComponents,
    links: usize,
}

#[pymethods]
impl Components {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    fn add(&mut self, py: Python<'_>, blobs: Vec<Bytes>) -> PyResult<()> {
        let inner = &mut self.inner;
        let n = py
            .detach(|| {
                let mut n = 0;
                for b in &blobs {
                    let links: Vec<Link> = decode(b, "links")?;
                    n += links.len();
                    for (i, j, _) in links {
                        inner.union(i, j);
                    }
                }
                Ok(n)
            })
            .map_err(err)?;
        self.links += n;
        Ok(())
    }

    /// Links added so far.
    fn links(&self) -> usize {
        self.links
    }

    fn finish<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let inner = std::mem::take(&mut self.inner);
        let out = py.detach(|| encode(&inner.roots(), "roots")).map_err(err)?;
        Ok(bytes(py, &out))
    }
}

/// The broadcast roots, decoded once per worker.
#[pyclass(frozen)]
pub struct RootsState(Roots);

#[pymethods]
impl RootsState {
    #[new]
    fn new(roots: Bytes) -> PyResult<Self> {
        Ok(RootsState(decode(&roots, "roots").map_err(err)?))
    }
}

/// Step 5's input: nodes, with the partition of their component.
#[pyfunction]
pub fn node_items<'py>(
    py: Python<'py>,
    nodes: Vec<Bytes>,
    roots: &RootsState,
    parts: u32,
) -> PyResult<Parted<'py>> {
    let nodes: Vec<NodeRow> = decode_all(&nodes, "node")?;
    let out: Vec<(u32, ComponentItem)> = nodes
        .into_iter()
        .map(|n| {
            (
                roots.0.partition(n.record.node, parts),
                ComponentItem::Node(n),
            )
        })
        .collect();
    parted(py, out, "component item")
}

/// Step 5's input: links' blobs, each link with the partition of its component.
#[pyfunction]
pub fn link_items<'py>(
    py: Python<'py>,
    blobs: Vec<Bytes>,
    roots: &RootsState,
    parts: u32,
) -> PyResult<Parted<'py>> {
    let mut out = Vec::new();
    for b in &blobs {
        let links: Vec<Link> = decode(b, "links").map_err(err)?;
        out.extend(
            links
                .into_iter()
                .map(|l| (roots.0.partition(l.0, parts), ComponentItem::Link(l))),
        );
    }
    parted(py, out, "component item")
}

/// Step 5: the star groups of one partition's components: (summaries, groups), one
/// each per group.
#[pyfunction]
pub fn component_step<'py>(
    py: Python<'py>,
    items: Vec<Bytes>,
    roots: &RootsState,
) -> PyResult<(BytesList<'py>, BytesList<'py>)> {
    let items: Vec<ComponentItem> = decode_all(&items, "component item")?;
    let out = py
        .detach(|| {
            rows::component_step(items, &roots.0)
                .into_iter()
                .map(|g| {
                    Ok((
                        encode(&(g.key, &g.summary), "summary")?,
                        encode(&g, "group")?,
                    ))
                })
                .collect::<factsieve::error::Result<Vec<_>>>()
        })
        .map_err(err)?;
    let (s, g): (Vec<_>, Vec<_>) = out.into_iter().unzip();
    Ok((
        s.iter().map(|b| bytes(py, b)).collect(),
        g.iter().map(|b| bytes(py, b)).collect(),
    ))
}

/// Step 6 (driver): the groups' summaries (any order); `finish` gives the moves to
/// broadcast.
#[pyclass]
#[derive(Default)]
pub struct Moves {
    summaries: Vec<(GroupKey, GroupSummary)>,
}

#[pymethods]
impl Moves {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    fn add(&mut self, summaries: Vec<Bytes>) -> PyResult<()> {
        self.summaries
            .extend(decode_all::<(GroupKey, GroupSummary)>(
                &summaries, "summary",
            )?);
        Ok(())
    }

    /// Groups added so far.
    fn groups(&self) -> usize {
        self.summaries.len()
    }

    fn finish<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let summaries = std::mem::take(&mut self.summaries);
        let out = py
            .detach(|| encode(&rows::moves(summaries), "moves"))
            .map_err(err)?;
        Ok(bytes(py, &out))
    }
}

/// The broadcast moves, decoded once per worker.
#[pyclass(frozen)]
pub struct MovesState(BTreeMap<GroupKey, GroupKey>);

#[pymethods]
impl MovesState {
    #[new]
    fn new(moves: Bytes) -> PyResult<Self> {
        Ok(MovesState(decode(&moves, "moves").map_err(err)?))
    }
}

/// Step 7's input: groups, with the partition of the fact each ends in.
#[pyfunction]
pub fn fact_pieces<'py>(
    py: Python<'py>,
    groups: Vec<Bytes>,
    moves: &MovesState,
    parts: u32,
) -> PyResult<Parted<'py>> {
    let groups: Vec<GroupRow> = decode_all(&groups, "group")?;
    let out: Vec<(u32, FactPiece)> = groups
        .into_iter()
        .map(|g| rows::fact_piece(g, &moves.0, parts))
        .collect();
    parted(py, out, "fact piece")
}

/// The broadcast near-duplicate map, decoded once per worker.
#[pyclass(frozen)]
pub struct NearState(BTreeMap<String, String>);

#[pymethods]
impl NearState {
    #[new]
    fn new(near: Bytes) -> PyResult<Self> {
        Ok(NearState(decode(&near, "near-duplicates").map_err(err)?))
    }
}

/// Step 7: the facts of one partition's groups.
#[pyfunction]
pub fn fact_step<'py>(
    py: Python<'py>,
    pieces: Vec<Bytes>,
    near: &NearState,
) -> PyResult<BytesList<'py>> {
    let pieces: Vec<FactPiece> = decode_all(&pieces, "fact piece")?;
    let out = py
        .detach(|| {
            rows::fact_step(pieces, &near.0)
                .iter()
                .map(|f| encode(f, "fact"))
                .collect::<factsieve::error::Result<Vec<_>>>()
        })
        .map_err(err)?;
    Ok(out.iter().map(|b| bytes(py, b)).collect())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Components>()?;
    m.add_class::<RootsState>()?;
    m.add_class::<Moves>()?;
    m.add_class::<MovesState>()?;
    m.add_class::<NearState>()?;
    m.add_function(wrap_pyfunction!(claim_rows, m)?)?;
    m.add_function(wrap_pyfunction!(nodes, m)?)?;
    m.add_function(wrap_pyfunction!(block_members, m)?)?;
    m.add_function(wrap_pyfunction!(links, m)?)?;
    m.add_function(wrap_pyfunction!(node_items, m)?)?;
    m.add_function(wrap_pyfunction!(link_items, m)?)?;
    m.add_function(wrap_pyfunction!(component_step, m)?)?;
    m.add_function(wrap_pyfunction!(fact_pieces, m)?)?;
    m.add_function(wrap_pyfunction!(fact_step, m)?)?;
    Ok(())
}
