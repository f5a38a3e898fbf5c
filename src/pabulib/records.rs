//! The rows of a `.pb` file, split exactly as one `csv::Reader` (`;`, flexible, no headers)
//! would split them, but by hand after the last quote of the file: see `parse`.

use csv::{ByteRecord, ReaderBuilder};

use std::ops::Range;

use super::parse::section_marker;
use super::Section;

/// An unreadable row: its line (when known) and what is wrong.
pub(super) type Unreadable = (Option<u64>, String);

/// The rows of a file, one at a time, as `csv::Reader` (`;`, flexible, no headers) gives them,
/// with each field trimmed; blank rows (every field empty once trimmed) are skipped.
pub(super) struct Records<'t> {
    pub(super) text: &'t str,
    /// Reads the file up to the record holding its last `"`; `None` from then on.
    pub(super) csv: Option<csv::Reader<&'t [u8]>>,
    pub(super) record: ByteRecord,
    /// Byte offset just past the last `"` of `text` (0 if there is none).
    pub(super) quote_end: usize,
    /// Where the hand splitter goes on, and csv-core's line count there.
    pub(super) pos: usize,
    pub(super) line: u64,
    /// The current row: its reported line, and its fields as ranges into `text` (hand-split
    /// rows) or into `owned` (rows from the csv reader, whose quotes are undone).
    pub(super) row_line: u64,
    pub(super) spans: Vec<Range<usize>>,
    pub(super) owned: String,
    pub(super) in_owned: bool,
}

impl<'t> Records<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let quote_end = last_quote(bytes).map_or(0, |i| i + 1);
        let csv = (quote_end > 0).then(|| {
            ReaderBuilder::new()
                .delimiter(b';')
                .has_headers(false)
                .flexible(true)
                .from_reader(bytes)
        });
        // csv-core skips a UTF-8 byte order mark at the very start of its input.
        let pos = if csv.is_none() && bytes.starts_with(b"\xef\xbb\xbf") {
            3
        } else {
            0
        };
        Records {
            text,
            csv,
            record: ByteRecord::new(),
            quote_end,
            pos,
            line: 1,
            row_line: 0,
            spans: Vec::new(),
            owned: String::new(),
            in_owned: false,
        }
    }

    /// Bytes not read yet.
    pub(super) fn remaining(&self) -> usize {
        let at = match &self.csv {
            Some(reader) => usize::try_from(reader.position().byte()).unwrap_or(usize::MAX),
            None => self.pos,
        };
        self.text.len().saturating_sub(at)
    }

    /// Moves to the next non-blank row; `false` at the end of the file.
    pub(super) fn next_row(&mut self) -> Result<bool, Unreadable> {
        loop {
            let found = if self.csv.is_some() {
                self.next_csv()?
            } else {
                self.next_split()
            };
            if !found {
                return Ok(false);
            }
            // Trimmed fields that are all empty: a blank row, skipped.
            if self.spans.iter().any(|s| !s.is_empty()) {
                return Ok(true);
            }
        }
    }

    pub(super) fn next_csv(&mut self) -> Result<bool, Unreadable> {
        let Some(reader) = self.csv.as_mut() else {
            return Ok(self.next_split());
        };
        let at = reader.position();
        if at.byte() >= self.quote_end as u64 {
            // Between two records and no quote ahead: csv-core would now skip line breaks and
            // split at `;`, `\r` and `\n`, which is what `next_split` does from here.
            self.pos = usize::try_from(at.byte()).unwrap_or(usize::MAX);
            self.line = at.line();
            self.csv = None;
            return Ok(self.next_split());
        }
        match reader.read_byte_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return Ok(false),
            Err(e) => return Err((e.position().map(|p| p.line()), e.to_string())),
        }
        let line = self.record.position().map_or(0, |p| p.line());
        self.row_line = line;
        self.spans.clear();
        self.owned.clear();
        self.in_owned = true;
        // Fields split a UTF-8 text at ASCII bytes, so the row and each field are UTF-8 too:
        // one check per row, then char-boundary-checked slices.
        let all =
            std::str::from_utf8(self.record.as_slice()).map_err(|e| (Some(line), e.to_string()))?;
        for k in 0..self.record.len() {
            let field = self
                .record
                .range(k)
                .and_then(|r| all.get(r))
                .ok_or_else(|| (Some(line), "a field is not UTF-8".to_string()))?;
            // `str::trim` strips Unicode whitespace, as csv's `Trim::All` did for string records.
            let start = self.owned.len();
            self.owned.push_str(field.trim());
            self.spans.push(start..self.owned.len());
        }
        Ok(true)
    }

    /// The next record of a quote-free stretch, split as csv-core splits it: line breaks
    /// (`\r`, `\n`) before it skipped, fields ending at `;`, the record at `\r`, `\n` or the
    /// end, which is consumed with it. The record reports the line count from before the
    /// skipped breaks, as `csv::ByteRecord::position` does.
    pub(super) fn next_split(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        self.row_line = self.line;
        let mut p = self.pos;
        while let Some(&b) = bytes.get(p) {
            match b {
                b'\n' => self.line += 1,
                b'\r' => {}
                _ => break,
            }
            p += 1;
        }
        if p >= bytes.len() {
            self.pos = bytes.len();
            return false;
        }
        self.spans.clear();
        self.in_owned = false;
        let mut start = p;
        let mut ended = false;
        // Eight bytes at a time while they last: `special` flags the `;`, `\r` and `\n` among
        // them, visited in order.
        'words: while let Some(chunk) = bytes.get(p..p + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let mut special = special_bytes(u64::from_le_bytes(word));
            while special != 0 {
                let at = p + (special.trailing_zeros() / 8) as usize;
                self.push_span(start, at);
                if bytes.get(at) != Some(&b';') {
                    p = at;
                    ended = true;
                    break 'words;
                }
                start = at + 1;
                special &= special - 1;
            }
            p += 8;
        }
        if !ended {
            // The record did not end within whole words: finish byte by byte.
            loop {
                match bytes.get(p) {
                    Some(b';') => {
                        self.push_span(start, p);
                        p += 1;
                        start = p;
                    }
                    Some(b'\n' | b'\r') | None => {
                        self.push_span(start, p);
                        break;
                    }
                    Some(_) => p += 1,
                }
            }
        }
        match bytes.get(p) {
            Some(b'\n') => {
                self.line += 1;
                p += 1;
            }
            Some(_) => p += 1,
            None => {}
        }
        self.pos = p;
        true
    }

    /// Adds the field `text[start..end]` (cut at ASCII bytes), trimmed.
    pub(super) fn push_span(&mut self, start: usize, end: usize) {
        let raw = self.text.get(start..end).unwrap_or_default();
        let trimmed = trim(raw);
        if trimmed.len() == raw.len() {
            self.spans.push(start..end);
        } else {
            let rest = raw.trim_start();
            let from = start + (raw.len() - rest.len());
            self.spans.push(from..from + rest.trim_end().len());
        }
    }

    pub(super) fn row(&self) -> RecordRow<'_> {
        RecordRow {
            line: self.row_line,
            base: if self.in_owned {
                &self.owned
            } else {
                self.text
            },
            spans: &self.spans,
        }
    }
}

pub(super) const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each zero byte of `x`, exactly (no carries between bytes).
pub(super) fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = ONES * 0x7f;
    !((((x & LOW7) + LOW7) | x) | LOW7)
}

/// The high bit of each byte of `word` that is `;`, `\r` or `\n`.
pub(super) fn special_bytes(word: u64) -> u64 {
    zero_bytes(word ^ (ONES * b';' as u64))
        | zero_bytes(word ^ (ONES * b'\r' as u64))
        | zero_bytes(word ^ (ONES * b'\n' as u64))
}

/// Where the last `"` of `bytes` is, eight bytes at a time.
pub(super) fn last_quote(bytes: &[u8]) -> Option<usize> {
    const QUOTES: u64 = ONES * b'"' as u64;
    let mut chunks = bytes.rchunks_exact(8);
    let mut end = bytes.len();
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word) ^ QUOTES;
        // Non-zero exactly when some byte of `w` is zero, i.e. some byte of the chunk is `"`.
        if w.wrapping_sub(ONES) & !w & (ONES << 7) != 0 {
            return chunk.iter().rposition(|&b| b == b'"').map(|i| end - 8 + i);
        }
        end -= 8;
    }
    chunks.remainder().iter().rposition(|&b| b == b'"')
}

/// `str::trim`, skipping the work when both ends are ASCII characters other than whitespace
/// (which `str::trim` would leave alone).
pub(super) fn trim(s: &str) -> &str {
    let solid = |b: u8| b > b' ' && b < 0x7f;
    match s.as_bytes() {
        [] => s,
        [first, .., last] if solid(*first) && solid(*last) => s,
        [only] if solid(*only) => s,
        _ => s.trim(),
    }
}

/// The current row of `Records`.
pub(super) struct RecordRow<'r> {
    pub(super) line: u64,
    pub(super) base: &'r str,
    pub(super) spans: &'r [Range<usize>],
}

impl<'r> RecordRow<'r> {
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    pub(super) fn fields(&self) -> impl Iterator<Item = &'r str> + 'r {
        let base = self.base;
        // Spans lie on char boundaries (cut at ASCII bytes, then trimmed); `get` only spares
        // an index panic should that ever be broken.
        self.spans
            .iter()
            .map(move |s| base.get(s.clone()).unwrap_or_default())
    }

    pub(super) fn field(&self, k: usize) -> &'r str {
        let base = self.base;
        self.spans
            .get(k)
            .and_then(|s| base.get(s.clone()))
            .unwrap_or_default()
    }

    pub(super) fn marker(&self) -> Option<Section> {
        section_marker(self.len(), self.fields().next())
    }
}
