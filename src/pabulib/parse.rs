//! Reading `.pb` text into an `Instance`, refusing anything malformed with the section and
//! 1-based file line of the problem.
//!
//! Rows are split exactly as one CSV reader over the whole file would split them (`;`-separated,
//! standard quoting, fields trimmed), so a quoted value may span lines and line numbers stay
//! those the CSV reader reports.
//!
//! Large files (Łódź 2022: 3.7 MB, 90k ballots; Kraków 2024: 65k ballots) are read on the
//! command line on every tally, so:
//! - the `csv` reader only runs up to the last `"` of the file; the rest (in practice all of
//!   VOTES) has no quoting, and `Records` splits it by hand the way `csv-core` does: fields at
//!   `;`, records at `\r` or `\n`, blank lines skipped, line numbers counted the same way;
//! - META, PROJECTS and the VOTES header go into one flat `Table`, but VOTES rows are checked
//!   and handed to the `VoteSink` one by one, straight from the file text (no copy);
//! - errors keep their precedence: a misplaced section marker anywhere in the file wins over
//!   any META, PROJECTS or VOTES error, so after such an error the rest is still scanned.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::ops::Range;

use csv::{ByteRecord, ReaderBuilder};

use super::election::Dedup;
use super::number::{parse_count, parse_money, parse_threshold};
use super::{Instance, PbError, PbProject, PbVote, Section, TallyFile, VoteType};
use crate::tally::Ballot;

/// An unreadable row: its line (when known) and what is wrong.
type Unreadable = (Option<u64>, String);

/// The rows of a file, one at a time, as `csv::Reader` (`;`, flexible, no headers) gives them,
/// with each field trimmed; blank rows (every field empty once trimmed) are skipped.
struct Records<'t> {
    text: &'t str,
    /// Reads the file up to the record holding its last `"`; `None` from then on.
    csv: Option<csv::Reader<&'t [u8]>>,
    record: ByteRecord,
    /// Byte offset just past the last `"` of `text` (0 if there is none).
    quote_end: usize,
    /// Where the hand splitter goes on, and csv-core's line count there.
    pos: usize,
    line: u64,
    /// The current row: its reported line, and its fields as ranges into `text` (hand-split
    /// rows) or into `owned` (rows from the csv reader, whose quotes are undone).
    row_line: u64,
    spans: Vec<Range<usize>>,
    owned: String,
    in_owned: bool,
}

impl<'t> Records<'t> {
    fn new(text: &'t str) -> Self {
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
    fn remaining(&self) -> usize {
        let at = match &self.csv {
            Some(reader) => usize::try_from(reader.position().byte()).unwrap_or(usize::MAX),
            None => self.pos,
        };
        self.text.len().saturating_sub(at)
    }

    /// Moves to the next non-blank row; `false` at the end of the file.
    fn next_row(&mut self) -> Result<bool, Unreadable> {
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

    fn next_csv(&mut self) -> Result<bool, Unreadable> {
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
    fn next_split(&mut self) -> bool {
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
    fn push_span(&mut self, start: usize, end: usize) {
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

    fn row(&self) -> RecordRow<'_> {
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

const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each zero byte of `x`, exactly (no carries between bytes).
fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = ONES * 0x7f;
    !((((x & LOW7) + LOW7) | x) | LOW7)
}

/// The high bit of each byte of `word` that is `;`, `\r` or `\n`.
fn special_bytes(word: u64) -> u64 {
    zero_bytes(word ^ (ONES * b';' as u64))
        | zero_bytes(word ^ (ONES * b'\r' as u64))
        | zero_bytes(word ^ (ONES * b'\n' as u64))
}

/// Where the last `"` of `bytes` is, eight bytes at a time.
fn last_quote(bytes: &[u8]) -> Option<usize> {
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
fn trim(s: &str) -> &str {
    let solid = |b: u8| b > b' ' && b < 0x7f;
    match s.as_bytes() {
        [] => s,
        [first, .., last] if solid(*first) && solid(*last) => s,
        [only] if solid(*only) => s,
        _ => s.trim(),
    }
}

/// The current row of `Records`.
struct RecordRow<'r> {
    line: u64,
    base: &'r str,
    spans: &'r [Range<usize>],
}

impl<'r> RecordRow<'r> {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn fields(&self) -> impl Iterator<Item = &'r str> + 'r {
        let base = self.base;
        // Spans lie on char boundaries (cut at ASCII bytes, then trimmed); `get` only spares
        // an index panic should that ever be broken.
        self.spans
            .iter()
            .map(move |s| base.get(s.clone()).unwrap_or_default())
    }

    fn field(&self, k: usize) -> &'r str {
        let base = self.base;
        self.spans
            .get(k)
            .and_then(|s| base.get(s.clone()))
            .unwrap_or_default()
    }

    fn marker(&self) -> Option<Section> {
        section_marker(self.len(), self.fields().next())
    }
}

/// Every non-blank, non-marker row of META, PROJECTS and the VOTES header, with its fields
/// trimmed, in two flat buffers.
struct Table {
    /// All fields, back to back.
    text: String,
    /// End offset in `text` of each field; a row owns a run of them.
    ends: Vec<usize>,
    rows: Vec<RowSpan>,
}

struct RowSpan {
    line: u64,
    /// The row's fields are `ends[fields]`.
    fields: Range<usize>,
}

/// One row of the table: its 1-based file line and its fields.
#[derive(Clone, Copy)]
struct Row<'a> {
    line: u64,
    text: &'a str,
    /// End offsets of this row's fields; the first starts at `start`.
    ends: &'a [usize],
    start: usize,
}

impl<'a> Row<'a> {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn fields(&self) -> impl Iterator<Item = &'a str> + 'a {
        let (text, ends, start) = (self.text, self.ends, self.start);
        ends.iter().scan(start, move |from, &end| {
            // Offsets come from `Table::push_row`, so they lie on char boundaries; `get`
            // only spares an index panic should that ever be broken.
            let field = text.get(*from..end).unwrap_or_default();
            *from = end;
            Some(field)
        })
    }
}

impl Table {
    fn row(&self, index: usize) -> Option<Row<'_>> {
        let span = self.rows.get(index)?;
        let ends = self.ends.get(span.fields.clone())?;
        let start = match span.fields.start {
            0 => 0,
            i => *self.ends.get(i - 1)?,
        };
        Some(Row {
            line: span.line,
            text: &self.text,
            ends,
            start,
        })
    }

    fn push_row(&mut self, row: &RecordRow<'_>) {
        let first = self.ends.len();
        for field in row.fields() {
            self.text.push_str(field);
            self.ends.push(self.text.len());
        }
        self.rows.push(RowSpan {
            line: row.line,
            fields: first..self.ends.len(),
        });
    }
}

struct RawSection {
    section: Section,
    marker_line: u64,
    /// Indices in `Table::rows`: the header row, then the data rows.
    rows: Range<usize>,
}

impl RawSection {
    fn rows<'t>(&self, table: &'t Table) -> impl Iterator<Item = Row<'t>> + 't {
        self.rows.clone().filter_map(|i| table.row(i))
    }

    fn data_rows(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }
}

const ORDER: [Section; 3] = [Section::Meta, Section::Projects, Section::Votes];

/// Parses a `.pb` file given as bytes; text that is not UTF-8 is an error, never a panic.
pub fn parse_bytes(bytes: &[u8]) -> Result<Instance, PbError> {
    parse(utf8(bytes)?)
}

fn utf8(bytes: &[u8]) -> Result<&str, PbError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
        PbError::new(
            None,
            Some(line),
            "the file is not UTF-8 text (re-save it as UTF-8)",
        )
    })
}

/// Parses a `.pb` file.
pub fn parse(text: &str) -> Result<Instance, PbError> {
    let (mut instance, votes) = parse_with(text, Vec::new())?;
    instance.votes = votes;
    Ok(instance)
}

/// Reads a `.pb` file only to tally it: the same checks and errors as `parse_bytes`, but the
/// ballots go straight to project indices, skipping the voter ids, id strings and attribute
/// maps of `PbVote` that dominate `parse_bytes` on large files.
pub fn parse_bytes_for_tally(bytes: &[u8]) -> Result<TallyFile, PbError> {
    let (instance, sink) = parse_with(utf8(bytes)?, BallotSink::default())?;
    Ok(TallyFile {
        instance,
        ballots: sink.ballots,
    })
}

/// The next row of `records`, an unreadable one an error of the current section.
fn next_row(records: &mut Records<'_>, current: Option<Section>) -> Result<bool, PbError> {
    records
        .next_row()
        .map_err(|(line, e)| PbError::new(current, line, format!("unreadable row: {e}")))
}

/// Reads the rest of the file after an error in the sections: a misplaced section marker or an
/// unreadable row there is reported first, as the whole file is split before it is read.
fn check_rest(records: &mut Records<'_>) -> Result<(), PbError> {
    while next_row(records, Some(Section::Votes))? {
        let row = records.row();
        if let Some(section) = row.marker() {
            return Err(second_section(section, row.line));
        }
    }
    Ok(())
}

fn second_section(section: Section, line: u64) -> PbError {
    PbError::new(
        Some(section),
        Some(line),
        format!("a second {section} section"),
    )
}

/// Parses everything but the VOTES rows into an `Instance` (its `votes` empty), and feeds those
/// rows to `sink`.
fn parse_with<S: VoteSink>(text: &str, mut sink: S) -> Result<(Instance, S), PbError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Records::new(text);
    let (table, [meta, projects, votes]) = split_head(&mut records)?;

    let meta = match read_meta(&table, &meta) {
        Ok(meta) => meta,
        Err(e) => return check_rest(&mut records).and(Err(e)),
    };
    let (project_columns, projects) = match read_projects(&table, &projects) {
        Ok(read) => read,
        Err(e) => return check_rest(&mut records).and(Err(e)),
    };
    let (mut reader, vote_columns) =
        match VoteReader::new(&table, &votes, meta.vote_type, &projects) {
            Ok(read) => read,
            Err(e) => return check_rest(&mut records).and(Err(e)),
        };
    // Room for the declared ballots, within reason for what is left of the file (a row is
    // rarely under 16 bytes; if it is, the vector just grows).
    let room = usize::try_from(meta.num_votes.0)
        .unwrap_or(usize::MAX)
        .min(records.remaining() / 16 + 1);
    sink.start(meta.vote_type, projects.len(), room);
    while next_row(&mut records, Some(Section::Votes))? {
        let row = records.row();
        if let Some(section) = row.marker() {
            return Err(second_section(section, row.line));
        }
        if let Err(e) = reader.read(&row, &projects, &mut sink) {
            return check_rest(&mut records).and(Err(e));
        }
    }

    let check_count = |key: &str, declared: (u64, u64), found: usize, section: Section| {
        let (value, line) = declared;
        if value != found as u64 {
            Err(PbError::new(
                Some(Section::Meta),
                Some(line),
                format!("{key} is {value} but {section} has {found} rows"),
            ))
        } else {
            Ok(())
        }
    };
    check_count(
        "num_projects",
        meta.num_projects,
        projects.len(),
        Section::Projects,
    )?;
    check_count("num_votes", meta.num_votes, sink.len(), Section::Votes)?;

    let instance = Instance {
        meta: meta.rest,
        budget: meta.budget,
        vote_type: meta.vote_type,
        project_columns,
        projects,
        vote_columns,
        votes: Vec::new(),
    };
    Ok((instance, sink))
}

/// A line holding only a section name. `VOTES;` is a data row (a voter named VOTES with an
/// empty ballot), so the marker must be a single field.
fn section_marker(len: usize, first: Option<&str>) -> Option<Section> {
    if len != 1 {
        return None;
    }
    let only = first?;
    ORDER
        .into_iter()
        .find(|s| only.eq_ignore_ascii_case(&s.to_string()))
}

/// Splits the file up to the VOTES header (or to its end): the rows of META, PROJECTS and the
/// VOTES header in a `Table`, with the section markers checked. The VOTES data rows are left in
/// `records`.
fn split_head(records: &mut Records<'_>) -> Result<(Table, [RawSection; 3]), PbError> {
    let mut table = Table {
        text: String::new(),
        ends: Vec::new(),
        rows: Vec::new(),
    };
    let mut found: Vec<RawSection> = Vec::new();
    loop {
        if let [_, _, votes] = found.as_slice() {
            if !votes.rows.is_empty() {
                break;
            }
        }
        if !next_row(records, found.last().map(|s| s.section))? {
            break;
        }
        let row = records.row();
        if let Some(section) = row.marker() {
            let line = row.line;
            let expected = ORDER.get(found.len()).copied();
            if expected != Some(section) {
                return Err(match expected {
                    Some(e) => PbError::new(
                        Some(section),
                        Some(line),
                        format!("found the {section} section where {e} was expected (sections go META, PROJECTS, VOTES)"),
                    ),
                    None => second_section(section, line),
                });
            }
            let at = table.rows.len();
            found.push(RawSection {
                section,
                marker_line: line,
                rows: at..at,
            });
            continue;
        }
        let line = row.line;
        table.push_row(&row);
        match found.last_mut() {
            Some(current) => current.rows.end = table.rows.len(),
            None => {
                return Err(PbError::new(
                    None,
                    Some(line),
                    "the file must start with a line holding only META",
                ))
            }
        }
    }
    let count = found.len();
    let mut it = found.into_iter();
    match (it.next(), it.next(), it.next()) {
        (Some(m), Some(p), Some(v)) => Ok((table, [m, p, v])),
        _ => Err(PbError::new(
            None,
            None,
            format!(
                "the file has no {} section",
                ORDER.get(count).copied().unwrap_or(Section::Votes)
            ),
        )),
    }
}

/// The header row of a section (its line and column names), checked for duplicates and for
/// the columns it must have.
fn header<'t>(
    table: &'t Table,
    raw: &RawSection,
    required: &[&str],
) -> Result<(u64, Vec<&'t str>), PbError> {
    let err = |line, msg: String| PbError::new(Some(raw.section), Some(line), msg);
    let row = raw.rows(table).next().ok_or_else(|| {
        err(
            raw.marker_line,
            "no header line after the section name".into(),
        )
    })?;
    let names: Vec<&str> = row.fields().collect();
    let mut seen = HashSet::new();
    for &name in &names {
        if name.is_empty() {
            return Err(err(row.line, "the header has an empty column name".into()));
        }
        if !seen.insert(name) {
            return Err(err(
                row.line,
                format!("the header names column `{name}` twice"),
            ));
        }
    }
    for col in required {
        if !seen.contains(col) {
            return Err(err(row.line, format!("the header has no `{col}` column")));
        }
    }
    Ok((row.line, names))
}

fn check_width(section: Section, line: u64, len: usize, header_len: usize) -> Result<(), PbError> {
    if len != header_len {
        return Err(PbError::new(
            Some(section),
            Some(line),
            format!(
                "{len} fields where the header has {header_len} (quote values that contain `;`)"
            ),
        ));
    }
    Ok(())
}

struct Meta {
    rest: Vec<(String, String)>,
    budget: i64,
    vote_type: VoteType,
    /// Declared value and its line.
    num_projects: (u64, u64),
    num_votes: (u64, u64),
}

fn read_meta(table: &Table, raw: &RawSection) -> Result<Meta, PbError> {
    let at = |line: u64, msg: String| PbError::new(Some(Section::Meta), Some(line), msg);
    let (header_line, names) = header(table, raw, &[])?;
    if names.len() != 2 {
        return Err(at(
            header_line,
            format!(
                "the header has {} columns; META has two (key;value)",
                names.len()
            ),
        ));
    }
    let mut rest = Vec::new();
    let mut seen: HashMap<&str, u64> = HashMap::new();
    let (mut budget, mut vote_type, mut num_projects, mut num_votes) = (None, None, None, None);
    for row in raw.rows(table).skip(1) {
        let line = row.line;
        check_width(Section::Meta, line, row.len(), names.len())?;
        let mut fields = row.fields();
        let (key, value) = (
            fields.next().unwrap_or_default(),
            fields.next().unwrap_or_default(),
        );
        if key.is_empty() {
            return Err(at(line, "empty key".into()));
        }
        if let Some(first) = seen.insert(key, line) {
            return Err(at(line, format!("key `{key}` repeats line {first}")));
        }
        let bad = |e: String| at(line, format!("{key}: {e}"));
        match key {
            "budget" => {
                let b = parse_money(value).map_err(bad)?;
                if b < 0 {
                    return Err(at(line, "budget is negative".into()));
                }
                budget = Some(b);
            }
            "vote_type" => {
                vote_type = Some(VoteType::from_name(value).ok_or_else(|| {
                    at(
                        line,
                        format!("vote_type `{value}` is not one of approval, ordinal, cumulative, scoring, choose-1"),
                    )
                })?);
            }
            "num_projects" => num_projects = Some((parse_count(value).map_err(bad)?, line)),
            "num_votes" => num_votes = Some((parse_count(value).map_err(bad)?, line)),
            _ => {
                if key == "min_project_score_threshold" {
                    parse_threshold(value).map_err(bad)?;
                }
                rest.push((key.to_string(), value.to_string()));
            }
        }
    }
    let missing = |key: &str| PbError::new(Some(Section::Meta), None, format!("no `{key}` key"));
    Ok(Meta {
        rest,
        budget: budget.ok_or_else(|| missing("budget"))?,
        vote_type: vote_type.ok_or_else(|| missing("vote_type"))?,
        num_projects: num_projects.ok_or_else(|| missing("num_projects"))?,
        num_votes: num_votes.ok_or_else(|| missing("num_votes"))?,
    })
}

/// What a PROJECTS column holds, decided once from the header.
#[derive(Clone, Copy)]
enum ProjectColumn {
    Id,
    Cost,
    Selected,
    Extra,
}

fn read_projects(
    table: &Table,
    raw: &RawSection,
) -> Result<(Vec<String>, Vec<PbProject>), PbError> {
    let at = |line: u64, msg: String| PbError::new(Some(Section::Projects), Some(line), msg);
    let (_, names) = header(table, raw, &["project_id", "cost"])?;
    let roles: Vec<ProjectColumn> = names
        .iter()
        .map(|&n| match n {
            "project_id" => ProjectColumn::Id,
            "cost" => ProjectColumn::Cost,
            "selected" => ProjectColumn::Selected,
            _ => ProjectColumn::Extra,
        })
        .collect();
    let columns: Vec<String> = names
        .iter()
        .zip(&roles)
        .filter(|(_, role)| matches!(role, ProjectColumn::Extra))
        .map(|(n, _)| n.to_string())
        .collect();
    let mut projects = Vec::with_capacity(raw.data_rows());
    let mut ids: HashMap<&str, u64> = HashMap::with_capacity(raw.data_rows());
    for row in raw.rows(table).skip(1) {
        let line = row.line;
        check_width(Section::Projects, line, row.len(), names.len())?;
        let mut id = "";
        let mut project = PbProject::new(String::new(), 0);
        for ((name, role), value) in names.iter().zip(&roles).zip(row.fields()) {
            match role {
                ProjectColumn::Id => id = value,
                ProjectColumn::Cost => {
                    project.cost =
                        parse_money(value).map_err(|e| at(line, format!("cost: {e}")))?;
                    if project.cost <= 0 {
                        return Err(at(line, format!("cost `{value}` is not positive")));
                    }
                }
                ProjectColumn::Selected if value.is_empty() => {}
                ProjectColumn::Selected => {
                    project.selected = Some(value.parse().map_err(|_| {
                        at(
                            line,
                            format!("selected `{value}` is not a whole number (0, 1 or 2)"),
                        )
                    })?)
                }
                ProjectColumn::Extra if value.is_empty() => {}
                ProjectColumn::Extra => {
                    project.extra.insert(name.to_string(), value.to_string());
                }
            }
        }
        if id.is_empty() {
            return Err(at(line, "empty project_id".into()));
        }
        if let Some(first) = ids.insert(id, line) {
            return Err(at(line, format!("project \"{id}\" repeats line {first}")));
        }
        project.id = id.to_string();
        projects.push(project);
    }
    Ok((columns, projects))
}

/// Splits a comma list, skipping empty pieces (`"1,2,"` is two ids): `value.split(',')`, each
/// piece trimmed, empty ones dropped.
fn split_list(value: &str) -> ListItems<'_> {
    ListItems { rest: Some(value) }
}

struct ListItems<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for ListItems<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let rest = self.rest?;
            // `,` is ASCII: cutting at its byte is cutting at the char.
            let (piece, after) = match rest.bytes().position(|b| b == b',') {
                Some(i) => (rest.get(..i).unwrap_or_default(), rest.get(i + 1..)),
                None => (rest, None),
            };
            self.rest = after;
            let piece = trim(piece);
            if !piece.is_empty() {
                return Some(piece);
            }
        }
    }
}

/// What a VOTES column holds, decided once from the header.
#[derive(Clone, Copy)]
enum VoteColumn {
    VoterId,
    Vote,
    Points,
    Extra,
}

/// One VOTES row after its checks.
struct VoteRow<'a> {
    voter_id: &'a str,
    /// Project indices of the listed ids, in ballot order, repeats kept.
    indices: &'a [usize],
    /// Points by position (cumulative and scoring only).
    points: &'a [u64],
    /// Positions of the non-empty attribute cells, in column order.
    extra: &'a [usize],
    row: &'a RecordRow<'a>,
    names: &'a [&'a str],
    projects: &'a [PbProject],
}

/// What the checked VOTES rows become.
trait VoteSink {
    fn start(&mut self, vote_type: VoteType, n_projects: usize, rows: usize);
    fn push(&mut self, row: &VoteRow<'_>);
    fn len(&self) -> usize;
}

/// Whole `PbVote`s, for an `Instance`.
impl VoteSink for Vec<PbVote> {
    fn start(&mut self, _: VoteType, _: usize, rows: usize) {
        self.reserve(rows);
    }

    fn push(&mut self, row: &VoteRow<'_>) {
        // An id found in the index is the project's id, byte for byte.
        let ids = row
            .indices
            .iter()
            .map(|&i| {
                row.projects
                    .get(i)
                    .map(|p| p.id.clone())
                    .unwrap_or_default()
            })
            .collect();
        let mut vote = PbVote::new(row.voter_id, ids).with_points(row.points.to_vec());
        for &k in row.extra {
            let name = row.names.get(k).copied().unwrap_or_default();
            vote.extra
                .insert(name.to_string(), row.row.field(k).to_string());
        }
        Vec::push(self, vote);
    }

    fn len(&self) -> usize {
        Vec::len(self)
    }
}

/// Tally ballots only, built as `Instance::to_election` builds them.
#[derive(Default)]
struct BallotSink {
    vote_type: Option<VoteType>,
    dedup: Option<Dedup>,
    ballots: Vec<Ballot>,
}

impl VoteSink for BallotSink {
    fn start(&mut self, vote_type: VoteType, n_projects: usize, rows: usize) {
        self.vote_type = Some(vote_type);
        self.dedup = Some(Dedup::new(n_projects));
        self.ballots.reserve(rows);
    }

    fn push(&mut self, row: &VoteRow<'_>) {
        if let (Some(vote_type), Some(dedup)) = (self.vote_type, self.dedup.as_mut()) {
            self.ballots
                .push(dedup.ballot(vote_type, row.indices, row.points));
        }
    }

    fn len(&self) -> usize {
        self.ballots.len()
    }
}

/// Multiply-rotate hashing (as `rustc-hash`'s `FxHasher`) from a per-process random seed, for
/// the project id index: the VOTES rows look up every listed id, and SipHash was a tenth of the
/// read. The seed keeps collisions from being chosen in advance by whoever wrote the file.
#[derive(Clone, Copy)]
struct IdHasher(u64);

const ID_HASH_K: u64 = 0xf135_7aea_2e62_a9c5;

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(ID_HASH_K);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            for (w, &b) in word.iter_mut().zip(rest) {
                *w = b;
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

#[derive(Clone, Copy)]
struct IdHash(u64);

impl BuildHasher for IdHash {
    type Hasher = IdHasher;

    fn build_hasher(&self) -> IdHasher {
        IdHasher(self.0)
    }
}

impl IdHash {
    fn random() -> Self {
        IdHash(std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64))
    }
}

/// Project index by id. Ids of up to 16 bytes (nearly all) are keyed by their bytes packed in
/// integers, so a lookup compares integers instead of calling `memcmp`; longer ids by string.
struct IdIndex<'a> {
    short: HashMap<ShortId, usize, IdHash>,
    long: HashMap<&'a str, usize, IdHash>,
}

/// The first and the last eight bytes of an id of at most 16 bytes (zero-padded), and its
/// length: together they are the whole id.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct ShortId(u64, u64, u64);

fn short_id(id: &str) -> Option<ShortId> {
    let bytes = id.as_bytes();
    let len = bytes.len();
    if len > 16 {
        return None;
    }
    let word = |part: &[u8]| match <[u8; 8]>::try_from(part) {
        Ok(full) => u64::from_le_bytes(full),
        Err(_) => {
            let mut w = [0u8; 8];
            for (d, &b) in w.iter_mut().zip(part) {
                *d = b;
            }
            u64::from_le_bytes(w)
        }
    };
    let head = bytes.get(..len.min(8)).unwrap_or_default();
    let tail = bytes.get(len.saturating_sub(8)..).unwrap_or_default();
    Some(ShortId(word(head), word(tail), len as u64))
}

impl<'a> IdIndex<'a> {
    fn new(projects: &'a [PbProject]) -> Self {
        let hash = IdHash::random();
        let mut index = IdIndex {
            short: HashMap::with_hasher(hash),
            long: HashMap::with_hasher(hash),
        };
        for (i, p) in projects.iter().enumerate() {
            match short_id(&p.id) {
                Some(key) => index.short.insert(key, i),
                None => index.long.insert(p.id.as_str(), i),
            };
        }
        index
    }

    fn get(&self, id: &str) -> Option<usize> {
        match short_id(id) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }
}

/// Checks VOTES rows against the header and the projects, and hands them to a sink.
struct VoteReader<'a> {
    vote_type: VoteType,
    names: Vec<&'a str>,
    roles: Vec<VoteColumn>,
    index: IdIndex<'a>,
    /// Buffers reused from row to row, so that reading for a tally allocates nothing per row
    /// but the ballot itself.
    indices: Vec<usize>,
    points: Vec<u64>,
    extra: Vec<usize>,
}

impl<'a> VoteReader<'a> {
    /// Reads the VOTES header; returns the reader and the attribute columns.
    fn new(
        table: &'a Table,
        raw: &RawSection,
        vote_type: VoteType,
        projects: &'a [PbProject],
    ) -> Result<(Self, Vec<String>), PbError> {
        let required: &[&str] = if vote_type.has_points() {
            &["voter_id", "vote", "points"]
        } else {
            &["voter_id", "vote"]
        };
        let (_, names) = header(table, raw, required)?;
        let roles: Vec<VoteColumn> = names
            .iter()
            .map(|&n| match n {
                "voter_id" => VoteColumn::VoterId,
                "vote" => VoteColumn::Vote,
                "points" if vote_type.has_points() => VoteColumn::Points,
                _ => VoteColumn::Extra,
            })
            .collect();
        let columns: Vec<String> = names
            .iter()
            .zip(&roles)
            .filter(|(_, role)| matches!(role, VoteColumn::Extra))
            .map(|(n, _)| n.to_string())
            .collect();
        // Project ids were checked unique by `read_projects`.
        let index = IdIndex::new(projects);
        let reader = VoteReader {
            vote_type,
            names,
            roles,
            index,
            indices: Vec::new(),
            points: Vec::new(),
            extra: Vec::new(),
        };
        Ok((reader, columns))
    }

    /// Checks one VOTES data row and hands it to `sink`.
    fn read(
        &mut self,
        row: &RecordRow<'_>,
        projects: &[PbProject],
        sink: &mut impl VoteSink,
    ) -> Result<(), PbError> {
        let line = row.line;
        let at = |msg: String| PbError::new(Some(Section::Votes), Some(line), msg);
        check_width(Section::Votes, line, row.len(), self.names.len())?;
        let mut voter_id = "";
        self.indices.clear();
        self.points.clear();
        self.extra.clear();
        for (k, (role, value)) in self.roles.iter().zip(row.fields()).enumerate() {
            match role {
                VoteColumn::VoterId => voter_id = value,
                VoteColumn::Vote => {
                    for id in split_list(value) {
                        let i = self
                            .index
                            .get(id)
                            .ok_or_else(|| at(format!("project \"{id}\" is not in PROJECTS")))?;
                        self.indices.push(i);
                    }
                }
                VoteColumn::Points => {
                    for p in split_list(value) {
                        let p = parse_count(p).map_err(|e| at(format!("points: {e}")))?;
                        self.points.push(p);
                    }
                }
                VoteColumn::Extra if value.is_empty() => {}
                VoteColumn::Extra => self.extra.push(k),
            }
        }
        if voter_id.is_empty() {
            return Err(at("empty voter_id".into()));
        }
        if self.vote_type.has_points() && self.points.len() != self.indices.len() {
            return Err(at(format!(
                "{} projects but {} points",
                self.indices.len(),
                self.points.len()
            )));
        }
        sink.push(&VoteRow {
            voter_id,
            indices: &self.indices,
            points: &self.points,
            extra: &self.extra,
            row,
            names: &self.names,
            projects,
        });
        Ok(())
    }
}
