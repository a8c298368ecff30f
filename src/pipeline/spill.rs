//! Cleaned documents between passes. Pass 2 cleans every document (its summaries need the
//! clean text) and pass 3 continues from the cleaned document: rather than hold the
//! documents (memory grows with the corpus) or clean each one again (cleaning is the
//! costliest per-document stage), pass 2 appends each cleaned document to a spill file as
//! a plain record and pass 3 reads a chunk of them back. The file is an anonymous
//! temporary file, gone when the run ends however it ends.

use crate::error::{Error, Result};
use crate::model::{DocMeta, SpinVerdict};
use crate::model::{Document, Encoding, LineKind, Marker, Status, Suggestion};
use crate::text::{rule_code, TrackedText, TrackedTextRecord};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;

/// Everything a [`Document`] holds, as a plain record.
#[derive(Debug, Serialize, Deserialize)]
struct DocumentRecord {
    doc_id: String,
    source: String,
    status: Status,
    reason: Option<String>,
    encoding: Option<Encoding>,
    raw: Vec<u8>,
    text: TrackedTextRecord,
    line_kinds: Vec<LineKind>,
    meta: DocMeta,
    markers: Vec<Marker>,
    suggestions: Vec<SuggestionRecord>,
    spin: SpinVerdict,
    near_duplicate_of: Option<String>,
}

/// A [`Suggestion`] with its rule code as a string.
#[derive(Debug, Serialize, Deserialize)]
struct SuggestionRecord {
    rule: String,
    raw_start: usize,
    raw_end: usize,
    before: String,
    after: String,
    confidence: f32,
    evidence: String,
}

/// A document as bytes ([`decode`] gives it back, identical).
pub fn encode(doc: &Document) -> Result<Vec<u8>> {
    let rec = DocumentRecord {
        doc_id: doc.doc_id.clone(),
        source: doc.source.clone(),
        status: doc.status,
        reason: doc.reason.clone(),
        encoding: doc.encoding,
        raw: doc.raw.clone(),
        text: doc.text.to_record(),
        line_kinds: doc.line_kinds.clone(),
        meta: doc.meta.clone(),
        markers: doc.markers.clone(),
        suggestions: doc
            .suggestions
            .iter()
            .map(|s| SuggestionRecord {
                rule: s.rule.to_string(),
                raw_start: s.raw_start,
                raw_end: s.raw_end,
                before: s.before.clone(),
                after: s.after.clone(),
                confidence: s.confidence,
                evidence: s.evidence.clone(),
            })
            .collect(),
        spin: doc.spin.clone(),
        near_duplicate_of: doc.near_duplicate_of.clone(),
    };
    postcard::to_stdvec(&rec)
        .map_err(|e| Error::Spill(format!("cannot encode {}: {e}", doc.doc_id)))
}

/// The document [`encode`] made these bytes of.
pub fn decode(bytes: &[u8]) -> Result<Document> {
    let rec: DocumentRecord =
        postcard::from_bytes(bytes).map_err(|e| Error::Spill(format!("cannot decode: {e}")))?;
    let suggestions = rec
        .suggestions
        .into_iter()
        .map(|s| {
            Ok(Suggestion {
                rule: rule_code(&s.rule)?,
                raw_start: s.raw_start,
                raw_end: s.raw_end,
                before: s.before,
                after: s.after,
                confidence: s.confidence,
                evidence: s.evidence,
            })
        })
        .collect::<std::result::Result<Vec<_>, String>>()
        .map_err(Error::Spill)?;
    Ok(Document {
        doc_id: rec.doc_id,
        source: rec.source,
        status: rec.status,
        reason: rec.reason,
        encoding: rec.encoding,
        raw: rec.raw,
        text: TrackedText::from_record(rec.text).map_err(Error::Spill)?,
        line_kinds: rec.line_kinds,
        meta: rec.meta,
        markers: rec.markers,
        suggestions,
        spin: rec.spin,
        near_duplicate_of: rec.near_duplicate_of,
    })
}

/// Encoded documents appended in document order to an anonymous temporary file; each
/// document's byte range is kept, so a chunk of consecutive documents is one read.
pub struct Spill {
    file: File,
    ranges: Vec<Option<Range<u64>>>,
    len: u64,
}

impl Spill {
    pub fn new() -> Result<Spill> {
        let file = tempfile::tempfile().map_err(|e| Error::Spill(format!("cannot create: {e}")))?;
        Ok(Spill {
            file,
            ranges: Vec::new(),
            len: 0,
        })
    }

    /// Append the next document's bytes, or None for a document that has none.
    pub fn push(&mut self, bytes: Option<&[u8]>) -> Result<()> {
        let range = match bytes {
            Some(b) => {
                self.file
                    .write_all(b)
                    .map_err(|e| Error::Spill(format!("cannot write: {e}")))?;
                let r = self.len..self.len + b.len() as u64;
                self.len = r.end;
                Some(r)
            }
            None => None,
        };
        self.ranges.push(range);
        Ok(())
    }

    /// The bytes of documents `docs` (consecutive indices), one entry each.
    pub fn read(&mut self, docs: Range<usize>) -> Result<Vec<Option<Vec<u8>>>> {
        let spans: Vec<&Range<u64>> = self.ranges[docs.clone()].iter().flatten().collect();
        let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
            return Ok(vec![None; docs.len()]);
        };
        let (start, end) = (first.start, last.end);
        let mut block = vec![0u8; (end - start) as usize];
        let io = |e: std::io::Error| Error::Spill(format!("cannot read: {e}"));
        self.file.seek(SeekFrom::Start(start)).map_err(io)?;
        self.file.read_exact(&mut block).map_err(io)?;
        self.file.seek(SeekFrom::End(0)).map_err(io)?;
        Ok(self.ranges[docs]
            .iter()
            .map(|r| {
                r.as_ref()
                    .map(|r| block[(r.start - start) as usize..(r.end - start) as usize].to_vec())
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{clean_document, CorpusHints};
    use crate::ingest::decode_document;
    use crate::repair::repair_document;

    fn cleaned(raw: &[u8]) -> Document {
        let mut d = decode_document("d", "raw/d.txt", raw.to_vec());
        repair_document(&mut d);
        clean_document(&mut d, &CorpusHints::default());
        d
    }

    /// Every field of a document survives the record, edits and alignment included.
    fn same(a: &Document, b: &Document) {
        assert_eq!(a.doc_id, b.doc_id);
        assert_eq!(a.raw, b.raw);
        assert_eq!(a.text.text(), b.text.text());
        assert_eq!(a.text.original(), b.text.original());
        assert_eq!(a.text.edits(), b.text.edits());
        assert_eq!(a.text.raw_map(), b.text.raw_map());
        assert_eq!(a.text.rules(), b.text.rules());
        assert_eq!(a.line_kinds, b.line_kinds);
        assert_eq!(a.meta, b.meta);
        assert_eq!(a.markers, b.markers);
        assert_eq!(a.suggestions, b.suggestions);
        assert_eq!(a.spin, b.spin);
        let n = a.text.text().len();
        for i in 0..=n {
            if a.text.text().is_char_boundary(i) {
                assert_eq!(a.text.raw_span(0..i), b.text.raw_span(0..i));
            }
        }
    }

    #[test]
    fn a_cleaned_document_comes_back_identical() {
        let raw = "Ice Or Heat?\r\n\r\nBy Sam Lee\r\nHold the pack on for 15-20 minutes1.\r\n\
                   Itâ€™s best within the first day.\r\nShare on Facebook\r\n";
        let mut d = cleaned(raw.as_bytes());
        d.suggestions.push(Suggestion {
            rule: "P001",
            raw_start: 1,
            raw_end: 3,
            before: "ce".into(),
            after: "CE".into(),
            confidence: 0.25,
            evidence: String::new(),
        });
        assert!(!d.text.edits().is_empty());
        let back = decode(&encode(&d).unwrap()).unwrap();
        same(&d, &back);
        // Windows-1252 input keeps its table of raw offsets.
        let d = cleaned(b"Caf\xe9 au lait and a stiff back.\nStretch gently.\n");
        same(&d, &decode(&encode(&d).unwrap()).unwrap());
    }

    #[test]
    fn the_spill_file_gives_back_chunks_in_order() {
        let docs: Vec<Document> = ["First text here.\n", "Second one.\n", "Third.\n"]
            .iter()
            .map(|t| cleaned(t.as_bytes()))
            .collect();
        let mut spill = Spill::new().unwrap();
        spill.push(Some(&encode(&docs[0]).unwrap())).unwrap();
        spill.push(None).unwrap();
        spill.push(Some(&encode(&docs[1]).unwrap())).unwrap();
        spill.push(Some(&encode(&docs[2]).unwrap())).unwrap();
        let got = spill.read(1..4).unwrap();
        assert!(got[0].is_none());
        assert_eq!(
            decode(got[1].as_ref().unwrap()).unwrap().text.text(),
            docs[1].text.text()
        );
        assert_eq!(
            decode(got[2].as_ref().unwrap()).unwrap().text.text(),
            docs[2].text.text()
        );
        let got = spill.read(0..1).unwrap();
        assert_eq!(
            decode(got[0].as_ref().unwrap()).unwrap().text.text(),
            docs[0].text.text()
        );
        assert!(decode(b"\xff\xff").is_err());
    }
}
