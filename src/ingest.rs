//! Ingestion: every file in the raw folder becomes one [`Document`], decoded if it can
//! be (UTF-8 with or without BOM, UTF-16 with or without BOM, else Windows-1252 with a
//! warning), skipped with a reason if it cannot (empty, binary, a document format, not
//! prose, over a [`Limits`] limit). Raw bytes are kept: every later offset refers to them.
//!
//! Listing never follows a path blindly: symlinks are followed only to regular files
//! inside the raw folder; FIFOs, sockets and devices are listed as skipped without being
//! opened; a file is opened non-blocking and without following a symlink, then checked
//! again on the open handle, so a file swapped for a FIFO or a symlink after listing
//! cannot hang the run or leak a file from outside. File names are escaped: control
//! characters and bytes that are not UTF-8 become `%XX` in `doc_id` and `source`.

mod sniff;

use crate::error::{Error, Result};
use crate::model::{DocMeta, Document, Encoding, SpinVerdict, Status};
use crate::text::{RawMap, TrackedText};
use rayon::prelude::*;
use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use sniff::Limits;

/// A raw file found in the raw folder.
#[derive(Debug, Clone)]
pub struct RawFile {
    pub doc_id: String,
    /// `raw/<file name>` (escaped), whatever the raw folder is called.
    pub source: String,
    /// What to open; `None` when the entry is skipped at listing.
    pub path: PathBuf,
    /// Why the entry is skipped without being opened (special file, symlink out of raw/).
    pub skip: Option<String>,
}

/// A file name for reports and ids: control characters (C0, DEL, C1, line and paragraph
/// separators, bidi controls) and bytes that are not UTF-8 become `%XX` escapes.
pub fn escape_name(name: &OsStr) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(name).to_vec();
    #[cfg(not(unix))]
    let bytes = name.to_string_lossy().into_owned().into_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            let unsafe_char = c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
            if unsafe_char {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn kind_of(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// List the files directly in `dir`, sorted by doc_id. Folders are not articles and are
/// not listed; every other entry is, with a skip reason when it is not to be read.
pub fn list_raw(dir: &Path) -> Result<Vec<RawFile>> {
    if !dir.is_dir() {
        return Err(Error::MissingRaw(dir.to_path_buf()));
    }
    let read_err = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let canon = std::fs::canonicalize(dir).map_err(read_err)?;
    let entries = std::fs::read_dir(dir).map_err(read_err)?;
    let mut files = Vec::new();
    for e in entries.flatten() {
        let os_name = e.file_name();
        let name = escape_name(&os_name);
        let doc_id = Path::new(&os_name)
            .file_stem()
            .map(escape_name)
            .unwrap_or_else(|| name.clone());
        let path = e.path();
        let (open, skip) = match std::fs::symlink_metadata(&path) {
            Err(err) => (
                path,
                Some(format!("vanished or unreadable while listing: {err}")),
            ),
            Ok(m) if m.is_dir() => continue,
            Ok(m) if m.is_file() => (path, None),
            Ok(m) if m.file_type().is_symlink() => resolve_symlink(&path, &canon),
            Ok(m) => {
                let kind = kind_of(&m.file_type());
                (
                    path,
                    Some(format!("{kind}, not a regular file: not opened")),
                )
            }
        };
        files.push(RawFile {
            doc_id,
            source: format!("raw/{name}"),
            path: open,
            skip,
        });
    }
    files.sort_by(|a, b| a.doc_id.cmp(&b.doc_id).then(a.source.cmp(&b.source)));
    Ok(files)
}

/// Follow a symlink only to a regular file inside the raw folder `canon`.
fn resolve_symlink(link: &Path, canon: &Path) -> (PathBuf, Option<String>) {
    let target = match std::fs::canonicalize(link) {
        Ok(t) => t,
        Err(e) => {
            let why = if e.raw_os_error() == Some(libc::ELOOP) {
                "a symlink loop".to_string()
            } else if e.kind() == std::io::ErrorKind::NotFound {
                "a dangling symlink (its target does not exist)".to_string()
            } else {
                format!("a symlink that cannot be resolved ({e})")
            };
            return (link.to_path_buf(), Some(format!("{why}: not followed")));
        }
    };
    if !target.starts_with(canon) {
        let why = "a symlink to a file outside the raw folder: not followed";
        return (link.to_path_buf(), Some(why.into()));
    }
    match std::fs::metadata(&target) {
        Ok(m) if m.is_file() => (target, None),
        Ok(m) => {
            let kind = kind_of(&m.file_type());
            (target, Some(format!("a symlink to {kind}: not opened")))
        }
        Err(e) => (
            target,
            Some(format!("a symlink whose target vanished: {e}")),
        ),
    }
}

/// Read a listed file: opened without blocking and without following a symlink, checked
/// to be a regular file on the open handle, read up to the size limit.
fn read_raw(path: &Path, limits: &Limits) -> std::result::Result<Vec<u8>, String> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_NOCTTY);
    }
    let f = opts.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "vanished before it could be read".to_string(),
        _ if e.raw_os_error() == Some(libc::ELOOP) => {
            "became a symlink after listing: not followed".to_string()
        }
        _ => format!("unreadable: {e}"),
    })?;
    let meta = f.metadata().map_err(|e| format!("unreadable: {e}"))?;
    if !meta.is_file() {
        let kind = kind_of(&meta.file_type());
        return Err(format!("{kind} when opened, not a regular file: not read"));
    }
    if meta.len() > limits.max_file_bytes {
        return Err(too_large(meta.len(), limits));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("unreadable: {e}"))?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(bytes.len() as u64, limits));
    }
    Ok(bytes)
}

fn too_large(len: u64, limits: &Limits) -> String {
    format!(
        "file too large: {len} bytes, over the limit of {} bytes (--max-file-mb)",
        limits.max_file_bytes
    )
}

/// Read and decode every raw file in parallel with the default limits.
pub fn ingest(files: &[RawFile]) -> Vec<Document> {
    ingest_with(files, &Limits::default())
}

/// Read and decode every raw file in parallel; results in doc_id order.
pub fn ingest_with(files: &[RawFile], limits: &Limits) -> Vec<Document> {
    (0..files.len())
        .into_par_iter()
        .map(|i| load_with(files, i, limits))
        .collect()
}

/// [`load_with`] with the default limits.
pub fn load(files: &[RawFile], i: usize) -> Document {
    load_with(files, i, &Limits::default())
}

/// Read and decode the `i`th file of a sorted listing: a pure function of the listing and
/// the file, so any pass can re-read any document on its own.
pub fn load_with(files: &[RawFile], i: usize, limits: &Limits) -> Document {
    let f = &files[i];
    let doc = match &f.skip {
        Some(why) => skipped(&f.doc_id, &f.source, Vec::new(), why.clone()),
        None => match read_raw(&f.path, limits) {
            Ok(bytes) => decode_document_with(&f.doc_id, &f.source, bytes, limits),
            Err(why) => skipped(&f.doc_id, &f.source, Vec::new(), why),
        },
    };
    // Two files with one stem ("a.txt", "a.md"): the second cannot have that doc_id.
    if i > 0 && files[i - 1].doc_id == f.doc_id && doc.is_ok() {
        return skipped(
            &f.doc_id,
            &f.source,
            Vec::new(),
            format!(
                "duplicate doc_id: {} has the same file stem",
                files[i - 1].source
            ),
        );
    }
    doc
}

/// A document that takes no further part, with the reason.
pub(crate) fn skipped(doc_id: &str, source: &str, raw: Vec<u8>, reason: String) -> Document {
    Document {
        doc_id: doc_id.to_string(),
        source: source.to_string(),
        status: Status::Skipped,
        reason: Some(reason),
        encoding: None,
        raw,
        text: TrackedText::from_str(""),
        line_kinds: Vec::new(),
        meta: DocMeta::default(),
        markers: Vec::new(),
        suggestions: Vec::new(),
        spin: SpinVerdict::default(),
        near_duplicate_of: None,
    }
}

/// Decode one file's bytes into a document (or a skipped one with its reason), with the
/// default limits.
pub fn decode_document(doc_id: &str, source: &str, bytes: Vec<u8>) -> Document {
    decode_document_with(doc_id, source, bytes, &Limits::default())
}

/// Decode one file's bytes into a document, or a skipped one with its reason: it cannot
/// be decoded, is empty, or is over a limit or not prose (checked here, before the
/// expensive stages).
pub fn decode_document_with(
    doc_id: &str,
    source: &str,
    bytes: Vec<u8>,
    limits: &Limits,
) -> Document {
    if bytes.len() as u64 > limits.max_file_bytes {
        let why = too_large(bytes.len() as u64, limits);
        return skipped(doc_id, source, bytes, why);
    }
    match decode(&bytes) {
        Err(reason) => skipped(doc_id, source, bytes, reason),
        Ok(d) => {
            if d.text.trim().is_empty() {
                let reason = if bytes.is_empty() {
                    "empty file".to_string()
                } else {
                    "only whitespace".to_string()
                };
                return skipped(doc_id, source, bytes, reason);
            }
            if let Some(reason) = sniff::text_reason(&d.text, limits) {
                return skipped(doc_id, source, bytes, reason);
            }
            let mut doc = skipped(doc_id, source, bytes, String::new());
            doc.status = Status::Ok;
            doc.reason = d.warning;
            doc.encoding = Some(d.encoding);
            doc.text = TrackedText::new(d.text, d.map);
            doc.text.set_rules(limits.rules);
            crate::bidi::strip_bidi_controls(&mut doc.text);
            doc
        }
    }
}

pub struct Decoded {
    pub text: String,
    pub map: RawMap,
    pub encoding: Encoding,
    pub warning: Option<String>,
}

/// Decode raw bytes; `Err` carries the reason the file cannot be used.
pub fn decode(bytes: &[u8]) -> std::result::Result<Decoded, String> {
    if bytes.is_empty() {
        return Ok(Decoded {
            text: String::new(),
            map: RawMap::Shifted { shift: 0 },
            encoding: Encoding::Utf8,
            warning: None,
        });
    }
    if let Some(what) = sniff::signature(bytes) {
        return Err(format!("binary: {what}, not text (by its signature)"));
    }
    if let Some(reason) = sniff::utf32_reason(bytes) {
        return Err(reason);
    }
    if let Some(d) = decode_utf16_bom(bytes) {
        return d;
    }
    if let Some(little) = sniff::utf16_without_bom(bytes) {
        if let Ok(d) = decode_utf16_units(bytes, 0, little) {
            let order = if little { "LE" } else { "BE" };
            return Ok(Decoded {
                warning: Some(format!(
                    "UTF-16 {order} without byte order mark (guessed from its NUL bytes): decoded as UTF-16"
                )),
                ..d
            });
        }
    }
    if let Some(reason) = binary_reason(bytes) {
        return Err(reason);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(s) = std::str::from_utf8(rest) {
            return Ok(Decoded {
                text: s.to_string(),
                map: RawMap::Shifted { shift: 3 },
                encoding: Encoding::Utf8Bom,
                warning: None,
            });
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            map: RawMap::Shifted { shift: 0 },
            encoding: Encoding::Utf8,
            warning: None,
        });
    }
    if let Some(reason) = sniff::high_bytes_reason(bytes) {
        return Err(reason);
    }
    let bad = bytes.len() - valid_utf8_prefix(bytes);
    let text = decode_windows_1252(bytes);
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.chars().enumerate() {
        offsets.extend(std::iter::repeat_n(i as u32, c.len_utf8()));
    }
    offsets.push(bytes.len() as u32);
    Ok(Decoded {
        text,
        map: RawMap::Table { offsets },
        encoding: Encoding::Windows1252,
        warning: Some(format!(
            "not valid UTF-8 (first bad byte at offset {}): decoded as Windows-1252",
            bytes.len() - bad
        )),
    })
}

fn valid_utf8_prefix(bytes: &[u8]) -> usize {
    match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    }
}

/// Windows-1252, one char per byte (undefined bytes map to the C1 control of that value).
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// Why these bytes are binary, if they are: NUL bytes or mostly control bytes.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    if let Some(p) = bytes.iter().position(|&b| b == 0) {
        return Some(format!("binary: NUL byte at offset {p}"));
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if controls * 10 > bytes.len() {
        return Some(format!(
            "binary: {controls} of {} bytes are control bytes",
            bytes.len()
        ));
    }
    None
}

/// Decode UTF-16 code units (an odd trailing byte and bad surrogates become U+FFFD).
pub fn decode_utf16(bytes: &[u8], little: bool) -> String {
    let units = bytes.chunks_exact(2).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

fn decode_utf16_bom(bytes: &[u8]) -> Option<std::result::Result<Decoded, String>> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    if !(bytes.len() - 2).is_multiple_of(2) {
        return Some(Err(
            "UTF-16 byte order mark but an odd number of bytes".into()
        ));
    }
    Some(
        decode_utf16_units(bytes, 2, little)
            .map_err(|_| "UTF-16 byte order mark but invalid UTF-16".to_string())
            .map(|d| Decoded {
                warning: Some("UTF-16 with byte order mark: decoded as UTF-16".into()),
                ..d
            }),
    )
}

/// Decode `bytes[start..]` as UTF-16 (even length), mapping every char to its raw offset.
fn decode_utf16_units(
    bytes: &[u8],
    start: usize,
    little: bool,
) -> std::result::Result<Decoded, ()> {
    let units = bytes[start..].chunks_exact(2).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let mut text = String::new();
    let mut offsets = Vec::new();
    let mut unit_pos = 0usize;
    for r in char::decode_utf16(units) {
        let c = r.map_err(|_| ())?;
        offsets.extend(std::iter::repeat_n(
            (start + unit_pos * 2) as u32,
            c.len_utf8(),
        ));
        unit_pos += c.len_utf16();
        text.push(c);
    }
    offsets.push(bytes.len() as u32);
    Ok(Decoded {
        text,
        map: RawMap::Table { offsets },
        encoding: if little {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        },
        warning: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_maps_past_the_bom() {
        let d = decode_document("a", "raw/a.txt", b"\xEF\xBB\xBFHi there".to_vec());
        assert!(d.is_ok());
        assert_eq!(d.text.text(), "Hi there");
        assert_eq!(d.text.raw_span(3..8), 6..11);
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let d = decode_document("a", "raw/a.txt", b"Here\x92s how it works".to_vec());
        assert!(d.is_ok());
        assert_eq!(d.text.text(), "Here\u{2019}s how it works");
        assert!(d.reason.as_deref().unwrap().contains("Windows-1252"));
        let how = d.text.text().find("how").unwrap();
        let span = d.text.raw_span(how..how + 3);
        assert_eq!(&d.raw[span], b"how");
        assert_eq!(d.raw_quote(0, 6), "Here\u{2019}s");
    }

    #[test]
    fn empty_whitespace_and_binary_files_are_skipped_with_reasons() {
        for (bytes, why) in [
            (&b""[..], "empty"),
            (&b"  \n\t\r\n"[..], "whitespace"),
            (&b"PK\x03\x04\x00\x00abc"[..], "ZIP"),
            (&b"%PDF-1.7\nBT (Back spasms) Tj ET"[..], "PDF"),
            (&b"abc\x00def"[..], "NUL"),
            (&b"\xFF\xFE\x00\x00H\x00\x00\x00"[..], "UTF-32"),
            (&b"\x01\x02\x03\x04\x05\x06abc"[..], "control"),
        ] {
            let d = decode_document("x", "raw/x", bytes.to_vec());
            assert!(!d.is_ok());
            assert!(d.reason.as_deref().unwrap().contains(why), "{why}");
        }
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Hi".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode_document("x", "raw/x", bytes);
        assert_eq!(d.text.text(), "Hi");
        assert_eq!(d.text.raw_span(1..2), 4..6);
        assert_eq!(d.raw_quote(4, 6), "i");
    }

    #[test]
    fn utf16_without_bom_is_decoded_with_a_warning() {
        let bytes: Vec<u8> = "Hi there"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = decode_document("x", "raw/x", bytes);
        assert!(d.is_ok());
        assert_eq!(d.text.text(), "Hi there");
        assert!(d
            .reason
            .as_deref()
            .unwrap()
            .contains("without byte order mark"));
        assert_eq!(d.raw_quote(6, 16), "there");
    }

    #[test]
    fn names_with_control_characters_or_bad_utf8_are_escaped() {
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(
            escape_name(OsStr::new("a\nb\u{202E}.txt")),
            "a%0Ab%E2%80%AE.txt"
        );
        assert_eq!(escape_name(OsStr::from_bytes(b"caf\xE9.txt")), "caf%E9.txt");
        assert_eq!(escape_name(OsStr::new("plain é.txt")), "plain é.txt");
    }

    #[test]
    fn bidi_controls_are_removed_at_ingest() {
        let d = decode_document(
            "x",
            "raw/x",
            "Ice \u{202E}helps\u{202C}.".as_bytes().to_vec(),
        );
        assert_eq!(d.text.text(), "Ice helps.");
        assert!(d.text.edits().iter().all(|e| e.rule == "I001"));
    }
}
