//! The incremental-run cache (`factsieve run --cache DIR`): per-document results of passes
//! 1 and 2 kept between runs, so a run re-does the per-document work only of documents
//! whose input or corpus evidence changed. The reduces and pass 3 run every time.
//!
//! **Key.** A document's entry is found by the BLAKE3 hash of the program's fingerprint
//! and the whole ingested document ([`super::spill::encode`] of what the source loads:
//! doc_id, source, raw bytes, decoded text, the rule set it carries). The fingerprint
//! ([`fingerprint`]) hashes the cache format, the crate version and the running program's
//! own executable, which holds the code, the rule registry and every data file (they are
//! compiled in): any rebuild that changes them starts a new cache.
//!
//! **Pass 1** (repair, line hashes, raw MinHash) is a pure function of the document: its
//! summary is reused whenever the key matches.
//!
//! **Pass 2** (clean) also reads the corpus hints reduced from every pass-1 summary, which
//! other documents change. The entry keeps every question cleaning asked of the hints and
//! its answer ([`crate::clean::recording`]); the cleaned document is reused only when this
//! run's hints give the same answers ([`crate::clean::CorpusHints::answers_match`]), which
//! makes cleaning's result the same by construction (a pure function of the document and
//! those answers). Otherwise the document is cleaned again and the entry replaced.
//!
//! **Pass 3** (near-duplicate link, spin repair with the corpus language model, decisions,
//! claims) is not cached: its inputs change for most documents when articles are added (the
//! model's counts and word total enter every candidate's score and the confidences written
//! to `repairs.csv`; see README, "Incremental runs").
//!
//! **Integrity.** Each entry is one file, `MAGIC`, the BLAKE3 hash of the payload, the
//! payload (postcard). It is written to a temporary file and renamed into place, so a
//! killed run leaves whole entries or none; an entry that fails the check (truncated,
//! corrupt, another key) is a miss and is rewritten. A cache folder of another
//! fingerprint (another build) is removed when the cache is opened.

use super::plan::{self, Pass1};
use crate::clean::CorpusHints;
use crate::error::{Error, Result};
use crate::model::{Document, SpinVerdict};
use crate::near_dup::Signature;
use crate::spin::{DocCounts, SpinSummary};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Version of the entry format; part of the fingerprint.
pub const FORMAT: u32 = 1;
const MAGIC: &[u8; 8] = b"FSCACHE1";

/// A document's key: see the module docs.
pub type Key = [u8; 32];

/// What a run did with the cache (`factsieve -v run --cache DIR` prints it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Documents that could use the cache (ingested, not skipped).
    pub documents: usize,
    /// Pass-1 summaries reused.
    pub pass1_reused: usize,
    /// Cleaned documents reused (their hint answers matched).
    pub pass2_reused: usize,
    /// Entries found whose hint answers changed: cleaned again.
    pub pass2_hints_changed: usize,
    /// Entries that failed the integrity check (treated as missing, rewritten).
    pub corrupt: usize,
    /// Entries written.
    pub written: usize,
    /// Entries that could not be written (the run goes on; the next run recomputes).
    pub write_failed: usize,
}

impl std::fmt::Display for CacheStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} documents: pass 1 reused {}, pass 2 reused {} ({} cleaned again for changed corpus hints); {} entries written, {} corrupt, {} not written",
            self.documents,
            self.pass1_reused,
            self.pass2_reused,
            self.pass2_hints_changed,
            self.written,
            self.corrupt,
            self.write_failed
        )
    }
}

#[derive(Default)]
struct Counters {
    documents: AtomicUsize,
    pass1_reused: AtomicUsize,
    pass2_reused: AtomicUsize,
    pass2_hints_changed: AtomicUsize,
    corrupt: AtomicUsize,
    written: AtomicUsize,
    write_failed: AtomicUsize,
}

fn bump(c: &AtomicUsize) {
    c.fetch_add(1, Ordering::Relaxed);
}

/// An open cache folder (the entries of this program's fingerprint).
pub struct Cache {
    dir: PathBuf,
    fingerprint: Key,
    counters: Counters,
    /// The keys of this run's documents (what [`Cache::prune`] keeps).
    seen: std::sync::Mutex<std::collections::HashSet<Key>>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").field("dir", &self.dir).finish()
    }
}

/// Pass 1's entry.
#[derive(Debug, Serialize, Deserialize)]
struct Entry1 {
    key: Key,
    pass1: Pass1,
    took_ns: u64,
}

/// Pass 2's entry: the hint answers cleaning read, its summaries and the cleaned
/// document (as the spill file holds it).
#[derive(Debug, Serialize, Deserialize)]
struct Entry2 {
    key: Key,
    hints: Vec<(u64, u32)>,
    signature: Option<Signature>,
    spin: Option<SpinRecord>,
    cleaned: Vec<u8>,
    took_ns: u64,
}

#[derive(Debug, Serialize, Deserialize)]
struct SpinRecord {
    doc_id: String,
    verdict: SpinVerdict,
    curated: bool,
    counts: DocCounts,
}

/// A reused pass-2 result: the summary, the cleaned document's spill bytes and the time
/// the work took when it was done.
pub struct Reused2 {
    pub pass2: plan::Pass2,
    pub cleaned: Vec<u8>,
    pub took: Duration,
}

/// The fingerprint of this program: cache format, crate version and the executable's
/// bytes (code, rule registry and the compiled-in data files).
pub fn fingerprint() -> Result<Key> {
    let exe = std::env::current_exe().map_err(|e| Error::Output(format!("cache: {e}")))?;
    let mut h = blake3::Hasher::new();
    h.update(b"factsieve cache");
    h.update(&FORMAT.to_le_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    let mut f = std::fs::File::open(&exe).map_err(|source| Error::Read {
        path: exe.clone(),
        source,
    })?;
    std::io::copy(&mut f, &mut h).map_err(|source| Error::Read {
        path: exe.clone(),
        source,
    })?;
    Ok(*h.finalize().as_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `name` is a cache folder of some fingerprint (`v<format>-<16 hex digits>`).
fn is_fingerprint_dir(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('v') else {
        return false;
    };
    let Some((format, fp)) = rest.split_once('-') else {
        return false;
    };
    !format.is_empty()
        && format.bytes().all(|b| b.is_ascii_digit())
        && fp.len() == 16
        && fp.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Frame a payload: magic, its hash, the payload.
fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 40);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(blake3::hash(payload).as_bytes());
    out.extend_from_slice(payload);
    out
}

/// The payload of a framed entry, if it is whole.
fn unframe(bytes: &[u8]) -> Option<&[u8]> {
    if bytes.len() < 40 || &bytes[..8] != MAGIC {
        return None;
    }
    let payload = &bytes[40..];
    (blake3::hash(payload).as_bytes() == &bytes[8..40]).then_some(payload)
}

impl Cache {
    /// Open (or create) the cache under `dir` for this program; folders of other
    /// fingerprints are removed.
    pub fn open(dir: &Path) -> Result<Cache> {
        Self::open_with(dir, fingerprint()?)
    }

    /// [`Cache::open`] with a given fingerprint (tests).
    pub fn open_with(dir: &Path, fingerprint: Key) -> Result<Cache> {
        let io = |path: &Path, source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        let name = format!("v{FORMAT}-{}", &hex(&fingerprint)[..16]);
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let other = e.file_name().to_string_lossy().into_owned();
                if other != name && is_fingerprint_dir(&other) {
                    // Best effort: another build's entries are never read.
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let ours = dir.join(name);
        std::fs::create_dir_all(&ours).map_err(|e| io(&ours, e))?;
        Ok(Cache {
            dir: ours,
            fingerprint,
            counters: Counters::default(),
            seen: Default::default(),
        })
    }

    /// The key of an ingested document, None for one that takes no part (skipped).
    pub fn key(&self, doc: &Document) -> Option<Key> {
        if !doc.is_ok() {
            return None;
        }
        let bytes = super::spill::encode(doc).ok()?;
        let mut h = blake3::Hasher::new();
        h.update(&self.fingerprint);
        h.update(&bytes);
        bump(&self.counters.documents);
        let key = *h.finalize().as_bytes();
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(key);
        }
        Some(key)
    }

    /// Remove the entries of documents this run did not have (files since changed or
    /// removed), and leftover temporary files; returns how many files went. For a run
    /// over the whole raw folder only: a subset run would remove the others' entries.
    pub fn prune(&self) -> usize {
        let Ok(seen) = self.seen.lock() else {
            return 0;
        };
        let keep: std::collections::HashSet<String> = seen.iter().map(|k| hex(k)).collect();
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut removed = 0;
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.split('.').next().unwrap_or("");
            if !keep.contains(stem) && std::fs::remove_file(e.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    fn path(&self, key: &Key, pass: u8) -> PathBuf {
        self.dir.join(format!("{}.p{pass}", hex(key)))
    }

    /// The payload of an entry: None when missing; counted as corrupt when present but
    /// not whole.
    fn read(&self, key: &Key, pass: u8) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.path(key, pass)).ok()?;
        match unframe(&bytes) {
            Some(p) => Some(p.to_vec()),
            None => {
                bump(&self.counters.corrupt);
                None
            }
        }
    }

    fn decode<T: for<'de> Deserialize<'de>>(&self, payload: &[u8]) -> Option<T> {
        let v = postcard::from_bytes(payload).ok();
        if v.is_none() {
            bump(&self.counters.corrupt);
        }
        v
    }

    /// Write an entry atomically (temporary file, rename); failures are counted, not
    /// errors: a missing entry is recomputed.
    fn write<T: Serialize>(&self, key: &Key, pass: u8, entry: &T) {
        let ok = postcard::to_stdvec(entry).ok().is_some_and(|payload| {
            tempfile::NamedTempFile::new_in(&self.dir)
                .and_then(|mut f| {
                    f.write_all(&frame(&payload))?;
                    f.persist(self.path(key, pass)).map_err(|e| e.error)?;
                    Ok(())
                })
                .is_ok()
        });
        bump(if ok {
            &self.counters.written
        } else {
            &self.counters.write_failed
        });
    }

    /// The pass-1 summary of a document, and the time it took to make.
    pub fn pass1(&self, key: &Key) -> Option<(Pass1, Duration)> {
        let e: Entry1 = self.decode(&self.read(key, 1)?)?;
        if &e.key != key {
            bump(&self.counters.corrupt);
            return None;
        }
        bump(&self.counters.pass1_reused);
        Some((e.pass1, Duration::from_nanos(e.took_ns)))
    }

    pub fn put1(&self, key: &Key, pass1: &Pass1, took: Duration) {
        let e = Entry1 {
            key: *key,
            pass1: pass1.clone(),
            took_ns: took.as_nanos() as u64,
        };
        self.write(key, 1, &e);
    }

    /// The cleaned document and pass-2 summary, if cleaning asked `hints` nothing that
    /// they now answer differently.
    pub fn pass2(&self, key: &Key, hints: &CorpusHints) -> Option<Reused2> {
        let e: Entry2 = self.decode(&self.read(key, 2)?)?;
        if &e.key != key {
            bump(&self.counters.corrupt);
            return None;
        }
        if !hints.answers_match(&e.hints) {
            bump(&self.counters.pass2_hints_changed);
            return None;
        }
        bump(&self.counters.pass2_reused);
        Some(Reused2 {
            pass2: plan::Pass2 {
                signature: e.signature,
                spin: e.spin.map(|s| SpinSummary {
                    doc_id: s.doc_id,
                    verdict: s.verdict,
                    curated: s.curated,
                    counts: s.counts,
                }),
            },
            cleaned: e.cleaned,
            took: Duration::from_nanos(e.took_ns),
        })
    }

    pub fn put2(
        &self,
        key: &Key,
        hints: Vec<(u64, u32)>,
        pass2: &plan::Pass2,
        cleaned: &[u8],
        took: Duration,
    ) {
        let e = Entry2 {
            key: *key,
            hints,
            signature: pass2.signature.clone(),
            spin: pass2.spin.as_ref().map(|s| SpinRecord {
                doc_id: s.doc_id.clone(),
                verdict: s.verdict.clone(),
                curated: s.curated,
                counts: s.counts.clone(),
            }),
            cleaned: cleaned.to_vec(),
            took_ns: took.as_nanos() as u64,
        };
        self.write(key, 2, &e);
    }

    /// What the cache did so far in this run.
    pub fn stats(&self) -> CacheStats {
        let c = &self.counters;
        let get = |a: &AtomicUsize| a.load(Ordering::Relaxed);
        CacheStats {
            documents: get(&c.documents),
            pass1_reused: get(&c.pass1_reused),
            pass2_reused: get(&c.pass2_reused),
            pass2_hints_changed: get(&c.pass2_hints_changed),
            corrupt: get(&c.corrupt),
            written: get(&c.written),
            write_failed: get(&c.write_failed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::decode_document;

    fn doc(id: &str, text: &str) -> Document {
        decode_document(id, &format!("raw/{id}.txt"), text.as_bytes().to_vec())
    }

    #[test]
    fn the_key_covers_the_document_and_the_fingerprint() {
        let tmp = tempfile::tempdir().unwrap();
        let a = Cache::open_with(tmp.path(), [1; 32]).unwrap();
        let k = a.key(&doc("a", "Heat relaxes tight muscles.\n")).unwrap();
        assert_eq!(
            k,
            a.key(&doc("a", "Heat relaxes tight muscles.\n")).unwrap()
        );
        // Another text, another name, another source, another rule set: another key.
        assert_ne!(k, a.key(&doc("a", "Heat relaxes tight muscle.\n")).unwrap());
        assert_ne!(
            k,
            a.key(&doc("b", "Heat relaxes tight muscles.\n")).unwrap()
        );
        let mut other_source = doc("a", "Heat relaxes tight muscles.\n");
        other_source.source = "raw/a.md".into();
        assert_ne!(k, a.key(&other_source).unwrap());
        let rules = crate::rules::RuleSet::from_lists(None, &[], &["C019".into()]).unwrap();
        let mut no_c019 = doc("a", "Heat relaxes tight muscles.\n");
        no_c019.text.set_rules(rules);
        assert_ne!(k, a.key(&no_c019).unwrap());
        // Another program: another key (and another folder; the old one is removed).
        let b = Cache::open_with(tmp.path(), [2; 32]).unwrap();
        assert_ne!(
            k,
            b.key(&doc("a", "Heat relaxes tight muscles.\n")).unwrap()
        );
        let dirs: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(dirs.len(), 1);
        // A skipped document has no key.
        assert!(a.key(&doc("e", "   \n")).is_none());
    }

    #[test]
    fn entries_round_trip_and_corrupt_ones_are_misses() {
        let tmp = tempfile::tempdir().unwrap();
        let c = Cache::open_with(tmp.path(), [3; 32]).unwrap();
        let d = plan::repaired(doc("a", "Ice packs reduce swelling after a sprain.\n"));
        let key = c.key(&d).unwrap();
        let p1 = plan::pass1(&d);
        c.put1(&key, &p1, Duration::from_millis(5));
        let (got, took) = c.pass1(&key).unwrap();
        assert_eq!(got.line_stats, p1.line_stats);
        assert_eq!(got.signature, p1.signature);
        assert_eq!(took, Duration::from_millis(5));
        // Flip one payload byte: the entry is refused and counted.
        let path = c.path(&key, 1);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(c.pass1(&key).is_none());
        // Truncated, or an entry of another key in its place: refused too.
        std::fs::write(&path, &bytes[..20]).unwrap();
        assert!(c.pass1(&key).is_none());
        let other = c.key(&doc("b", "Heat relaxes.\n")).unwrap();
        c.put1(&other, &p1, Duration::ZERO);
        std::fs::copy(c.path(&other, 1), &path).unwrap();
        assert!(c.pass1(&key).is_none());
        let s = c.stats();
        assert_eq!((s.pass1_reused, s.corrupt, s.written), (1, 3, 2));
        // Pruning keeps the entries of documents keyed in this run only.
        std::fs::write(c.dir.join("0123.p1"), b"stale").unwrap();
        assert_eq!(c.prune(), 1);
        let again = Cache::open_with(tmp.path(), [3; 32]).unwrap();
        again.key(&d).unwrap();
        assert_eq!(again.prune(), 1, "the entry of `other` goes");
        assert!(
            again.pass1(&key).is_none(),
            "the damaged entry stays a miss"
        );
        assert!(again.path(&key, 1).exists());
    }

    #[test]
    fn a_cleaned_document_is_reused_only_with_the_same_hint_answers() {
        let tmp = tempfile::tempdir().unwrap();
        let c = Cache::open_with(tmp.path(), [4; 32]).unwrap();
        let line = "Wellness Corner Picks\nIce packs reduce swelling after a sprain.\n";
        let docs = |n: usize| -> Vec<Document> {
            (0..n)
                .map(|i| plan::repaired(doc(&format!("d{i}"), &format!("{line}Note {i}.\n"))))
                .collect()
        };
        let two = CorpusHints::build(&docs(2));
        let three = CorpusHints::build(&docs(3));
        let d = docs(1).remove(0);
        let key = c.key(&d).unwrap();
        let (cleaned, log) = crate::clean::recording(|| plan::cleaned(d.clone(), &two));
        assert!(log.iter().any(|&(_, a)| a == 2), "{log:?}");
        let p2 = plan::pass2(&cleaned);
        let bytes = super::super::spill::encode(&cleaned).unwrap();
        c.put2(&key, log, &p2, &bytes, Duration::ZERO);
        let reused = c.pass2(&key, &two).expect("same hints: reused");
        assert_eq!(reused.cleaned, bytes);
        assert_eq!(reused.pass2.signature, p2.signature);
        // A third document with the line: the answer is 3 now, the entry is not used.
        assert!(c.pass2(&key, &three).is_none());
        assert_eq!(c.stats().pass2_hints_changed, 1);
    }

    #[test]
    fn only_fingerprint_folders_are_removed() {
        assert!(is_fingerprint_dir("v1-0123456789abcdef"));
        assert!(!is_fingerprint_dir("v1-0123"));
        assert!(!is_fingerprint_dir("notes"));
        assert!(!is_fingerprint_dir("v-0123456789abcdef"));
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("keep")).unwrap();
        Cache::open_with(tmp.path(), [5; 32]).unwrap();
        Cache::open_with(tmp.path(), [6; 32]).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names.len(), 2);
        assert_eq!(names[0], "keep");
    }
}
