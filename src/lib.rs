//! factsieve: turn scraped web articles into a curated, cited fact dataset.
//!
//! Stages, one module each: [`ingest`] -> [`repair`] -> [`clean`] -> [`near_dup`] ->
//! [`spin`] -> [`claims`] (with [`quantity`]) -> [`consolidate`] -> [`conflicts`];
//! [`output`] and [`report`] write the results and are never called by the stages;
//! [`package`] describes the dataset (card, data package, schemas), [`html`] renders the
//! review page, [`dataset_diff`] compares two datasets and [`explain`] shows one record or
//! why a raw line is gone. [`config`] reads `factsieve.toml`, [`rules`] holds the registry
//! and the [`rules::RuleSet`] a configuration enables, [`decisions`] the reviewed
//! suggestions of `curated/decisions.toml`, [`selection`] a subset of the raw folder.
//! Per-document stages are pure functions of one document and run in parallel;
//! corpus stages are barriers. [`pipeline`] wires them.

pub mod bidi;
pub mod claims;
pub mod clean;
pub mod config;
pub mod conflicts;
pub mod consolidate;
pub mod dataset_diff;
pub mod decisions;
pub mod error;
pub mod explain;
pub mod html;
pub mod ingest;
pub mod lexicon;
pub mod line_diff;
pub mod model;
pub mod near_dup;
pub mod outdir;
pub mod output;
pub mod package;
pub mod pipeline;
pub mod quantity;
pub mod repair;
pub mod report;
pub mod rules;
pub mod selection;
pub mod spin;
pub mod text;
