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
use std::ops::Range;

use super::number::{parse_count, parse_money, parse_threshold};
use super::records::*;
use super::votes::*;
use super::{Instance, PbError, PbProject, Section, TallyFile, VoteType};

/// Every non-blank, non-marker row of META, PROJECTS and the VOTES header, with its fields
/// trimmed, in two flat buffers.
pub(super) struct Table {
    /// All fields, back to back.
    pub(super) text: String,
    /// End offset in `text` of each field; a row owns a run of them.
    pub(super) ends: Vec<usize>,
    pub(super) rows: Vec<RowSpan>,
}

pub(super) struct RowSpan {
    pub(super) line: u64,
    /// The row's fields are `ends[fields]`.
    pub(super) fields: Range<usize>,
}

/// One row of the table: its 1-based file line and its fields.
#[derive(Clone, Copy)]
pub(super) struct Row<'a> {
    pub(super) line: u64,
    pub(super) text: &'a str,
    /// End offsets of this row's fields; the first starts at `start`.
    pub(super) ends: &'a [usize],
    pub(super) start: usize,
}

impl<'a> Row<'a> {
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn fields(&self) -> impl Iterator<Item = &'a str> + 'a {
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
    pub(super) fn row(&self, index: usize) -> Option<Row<'_>> {
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

    pub(super) fn push_row(&mut self, row: &RecordRow<'_>) {
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

pub(super) struct RawSection {
    pub(super) section: Section,
    pub(super) marker_line: u64,
    /// Indices in `Table::rows`: the header row, then the data rows.
    pub(super) rows: Range<usize>,
}

impl RawSection {
    pub(super) fn rows<'t>(&self, table: &'t Table) -> impl Iterator<Item = Row<'t>> + 't {
        self.rows.clone().filter_map(|i| table.row(i))
    }

    pub(super) fn data_rows(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }
}

pub(super) const ORDER: [Section; 3] = [Section::Meta, Section::Projects, Section::Votes];

/// Parses a `.pb` file given as bytes; text that is not UTF-8 is an error, never a panic.
pub fn parse_bytes(bytes: &[u8]) -> Result<Instance, PbError> {
    parse(utf8(bytes)?)
}

pub(super) fn utf8(bytes: &[u8]) -> Result<&str, PbError> {
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
pub(super) fn next_row(
    records: &mut Records<'_>,
    current: Option<Section>,
) -> Result<bool, PbError> {
    records
        .next_row()
        .map_err(|(line, e)| PbError::new(current, line, format!("unreadable row: {e}")))
}

/// Reads the rest of the file after an error in the sections: a misplaced section marker or an
/// unreadable row there is reported first, as the whole file is split before it is read.
pub(super) fn check_rest(records: &mut Records<'_>) -> Result<(), PbError> {
    while next_row(records, Some(Section::Votes))? {
        let row = records.row();
        if let Some(section) = row.marker() {
            return Err(second_section(section, row.line));
        }
    }
    Ok(())
}

pub(super) fn second_section(section: Section, line: u64) -> PbError {
    PbError::new(
        Some(section),
        Some(line),
        format!("a second {section} section"),
    )
}

/// Parses everything but the VOTES rows into an `Instance` (its `votes` empty), and feeds those
/// rows to `sink`.
pub(super) fn parse_with<S: VoteSink>(text: &str, mut sink: S) -> Result<(Instance, S), PbError> {
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
pub(super) fn section_marker(len: usize, first: Option<&str>) -> Option<Section> {
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
pub(super) fn split_head(records: &mut Records<'_>) -> Result<(Table, [RawSection; 3]), PbError> {
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
pub(super) fn header<'t>(
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

pub(super) fn check_width(
    section: Section,
    line: u64,
    len: usize,
    header_len: usize,
) -> Result<(), PbError> {
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

pub(super) struct Meta {
    pub(super) rest: Vec<(String, String)>,
    pub(super) budget: i64,
    pub(super) vote_type: VoteType,
    /// Declared value and its line.
    pub(super) num_projects: (u64, u64),
    pub(super) num_votes: (u64, u64),
}

pub(super) fn read_meta(table: &Table, raw: &RawSection) -> Result<Meta, PbError> {
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
pub(super) enum ProjectColumn {
    Id,
    Cost,
    Selected,
    Extra,
}

pub(super) fn read_projects(
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
pub(super) fn split_list(value: &str) -> ListItems<'_> {
    ListItems { rest: Some(value) }
}

pub(super) struct ListItems<'a> {
    pub(super) rest: Option<&'a str>,
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
