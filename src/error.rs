//! Typed errors of the library. The binary wraps them with anyhow.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("raw folder {0} does not exist or is not a folder")]
    MissingRaw(PathBuf),
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot encode {what}: {source}")]
    Encode {
        what: String,
        source: serde_json::Error,
    },
    #[error(
        "another factsieve run is writing these outputs (it holds the lock {0}); \
         wait for it to finish"
    )]
    Locked(PathBuf),
    #[error("{0}")]
    Output(String),
    #[error("parquet output {0}")]
    Parquet(#[from] crate::package::ParquetError),
    #[error("spill file between passes: {0}")]
    Spill(String),
    #[error("csv output {path}: {source}")]
    Csv { path: PathBuf, source: csv::Error },
}

pub type Result<T> = std::result::Result<T, Error>;
