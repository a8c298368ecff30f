//! Shared by the tests/cli_*.rs files: a project folder with a few small articles of our
//! own, and the binary run inside it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const KNEE: &str = "Home | News | Health | Contact\nWalking After a Knee Sprain\n\nBy Jane Doe\n\n\
Walking a little every day helps a sprained knee heal, and rest helps when it hurts.\n\
Most people can walk short distances after two days. The swelling usually goes down within a week.\n\
Physical therapists suggest gentle stretches twice a day. Stretching keeps the joint flexible.\n\
Share this article\nSubscribe to our newsletter\n";

pub const BACK: &str = "Cold Packs for Back Pain\n\n\
A cold pack eases back pain in the first two days after an injury.\n\
Apply the pack for fifteen minutes, three times a day. Wrap it in a cloth to protect the skin.\n\
Heat helps later, once the swelling has gone down. Most people feel better within a week.\n\
Share this article\n";

/// One suggestion (S004, a glued word outside a table) and nothing else to review.
pub const BRACE: &str = "Ice Packs and Knee Braces\n\n\
A knee brace supports the joint while it heals. Wear the brace during the day.\n\
Ice packs reduce swelling in the first days. Most doctors recommend ice for short periods.\n\
The kneeBrace should fit snugly without cutting off circulation to the leg below.\n\
Rest and ice help the knee recover within a few weeks for most people.\n";

/// A project folder (with `.git`, so no factsieve.toml above it is read) holding
/// `raw/` with the given files.
pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let raw = tmp.path().join("raw");
    std::fs::create_dir(&raw).unwrap();
    for (name, text) in files {
        std::fs::write(raw.join(name), text).unwrap();
    }
    tmp
}

pub fn bin(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_factsieve"));
    c.current_dir(dir).env_remove("NO_COLOR").env("CI", "1");
    c
}

/// Run with these arguments in `dir`, stdin closed.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    bin(dir).args(args).stdin(Stdio::null()).output().unwrap()
}

/// Run and insist on success.
pub fn ok(dir: &Path, args: &[&str]) -> Output {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "factsieve {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn read(p: PathBuf) -> String {
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(base: &Path, d: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push((
                    p.strip_prefix(base).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}
