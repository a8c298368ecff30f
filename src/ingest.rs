//! Ingestion: every regular file in the raw folder becomes one [`Document`], decoded
//! if it can be (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 with a
//! warning), skipped with a reason if it cannot (empty, binary). Raw bytes are kept:
//! every later offset refers to them.

use crate::error::{Error, Result};
use crate::model::{DocMeta, Document, Encoding, SpinVerdict, Status};
use crate::text::{RawMap, TrackedText};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A raw file found in the raw folder.
#[derive(Debug, Clone)]
pub struct RawFile {
    pub doc_id: String,
    pub source: String,
    pub path: PathBuf,
}

/// List the regular files directly in `dir`, sorted by doc_id.
pub fn list_raw(dir: &Path) -> Result<Vec<RawFile>> {
    if !dir.is_dir() {
        return Err(Error::MissingRaw(dir.to_path_buf()));
    }
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let prefix = dir.to_string_lossy().trim_end_matches('/').to_string();
    let mut files = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        // Follow symlinks to regular files; skip folders and special files.
        if !path.is_file() {
            continue;
        }
        let name = e.file_name().to_string_lossy().into_owned();
        let doc_id = Path::new(&name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.clone());
        files.push(RawFile {
            doc_id,
            source: format!("{prefix}/{name}"),
            path,
        });
    }
    files.sort_by(|a, b| a.doc_id.cmp(&b.doc_id).then(a.source.cmp(&b.source)));
    Ok(files)
}

/// Read and decode every raw file in parallel; results in doc_id order.
pub fn ingest(files: &[RawFile]) -> Vec<Document> {
    (0..files.len())
        .into_par_iter()
        .map(|i| load(files, i))
        .collect()
}

/// Read and decode the `i`th file of a sorted listing: a pure function of the listing and
/// the file, so any pass can re-read any document on its own.
pub fn load(files: &[RawFile], i: usize) -> Document {
    let f = &files[i];
    let doc = match std::fs::read(&f.path) {
        Ok(bytes) => decode_document(&f.doc_id, &f.source, bytes),
        Err(e) => skipped(&f.doc_id, &f.source, Vec::new(), format!("unreadable: {e}")),
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

fn skipped(doc_id: &str, source: &str, raw: Vec<u8>, reason: String) -> Document {
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

/// Decode one file's bytes into a document (or a skipped one with its reason).
pub fn decode_document(doc_id: &str, source: &str, bytes: Vec<u8>) -> Document {
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
            let mut doc = skipped(doc_id, source, bytes, String::new());
            doc.status = Status::Ok;
            doc.reason = d.warning;
            doc.encoding = Some(d.encoding);
            doc.text = TrackedText::new(d.text, d.map);
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
    if let Some(d) = decode_utf16_bom(bytes) {
        return d;
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
    let body = &bytes[2..];
    if !body.len().is_multiple_of(2) {
        return Some(Err(
            "UTF-16 byte order mark but an odd number of bytes".into()
        ));
    }
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|c| {
            if little {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    let mut text = String::new();
    let mut offsets = Vec::new();
    let mut unit_pos = 0usize;
    for r in char::decode_utf16(units.iter().copied()) {
        let c = match r {
            Ok(c) => c,
            Err(_) => return Some(Err("UTF-16 byte order mark but invalid UTF-16".into())),
        };
        offsets.extend(std::iter::repeat_n((2 + unit_pos * 2) as u32, c.len_utf8()));
        unit_pos += c.len_utf16();
        text.push(c);
    }
    offsets.push(bytes.len() as u32);
    Some(Ok(Decoded {
        text,
        map: RawMap::Table { offsets },
        encoding: if little {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        },
        warning: Some("UTF-16 with byte order mark: decoded as UTF-16".into()),
    }))
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
            (&b"PK\x03\x04\x00\x00abc"[..], "NUL"),
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
}
