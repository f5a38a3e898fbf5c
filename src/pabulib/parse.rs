//! Reading `.pb` text into an `Instance`, refusing anything malformed with the section and
//! 1-based file line of the problem.
//!
//! The whole file goes through one CSV reader (`;`-separated, standard quoting, trimmed) so a
//! quoted value may span lines and line numbers stay those of the file.
//!
//! Large files (Łódź 2022: 3.7 MB, 90k ballots) are read on the command line on every tally,
//! so the reader avoids work per field: one reused `ByteRecord`, trimmed fields copied into one
//! flat `Table` (not a `String` each), and each column's role looked up once from the header
//! instead of by name on every row. Only the `Instance` itself allocates per value.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use csv::{ByteRecord, ReaderBuilder};

use super::election::Dedup;
use super::number::{parse_count, parse_money, parse_threshold};
use super::{Instance, PbError, PbProject, PbVote, Section, TallyFile, VoteType};
use crate::tally::Ballot;

/// Every non-blank, non-marker row of the file, with its fields trimmed, in two flat buffers.
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
            // Offsets come from `Table::push_field`, so they lie on char boundaries; `get`
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

    fn push_field(&mut self, field: &str) {
        self.text.push_str(field);
        self.ends.push(self.text.len());
    }

    /// Forgets the fields pushed since `first` (a blank line or a section marker).
    fn drop_fields_from(&mut self, first: usize) {
        let start = match first {
            0 => 0,
            i => self.ends.get(i - 1).copied().unwrap_or(0),
        };
        self.text.truncate(start);
        self.ends.truncate(first);
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

/// Parses everything but the VOTES rows into an `Instance` (its `votes` empty), and feeds those
/// rows to `sink`.
fn parse_with<S: VoteSink>(text: &str, mut sink: S) -> Result<(Instance, S), PbError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (table, sections) = split_sections(text)?;
    let [meta, projects, votes] = sections;

    let meta = read_meta(&table, &meta)?;
    let (project_columns, projects) = read_projects(&table, &projects)?;
    let vote_columns = read_votes(&table, &votes, meta.vote_type, &projects, &mut sink)?;

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
fn section_marker(row: Row<'_>) -> Option<Section> {
    if row.len() != 1 {
        return None;
    }
    let only = row.fields().next()?;
    ORDER
        .into_iter()
        .find(|s| only.eq_ignore_ascii_case(&s.to_string()))
}

fn split_sections(text: &str) -> Result<(Table, [RawSection; 3]), PbError> {
    let mut reader = ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table {
        // Fields are the file minus separators and quotes: this never reallocates.
        text: String::with_capacity(text.len()),
        ends: Vec::new(),
        rows: Vec::new(),
    };
    let mut found: Vec<RawSection> = Vec::new();
    let mut record = ByteRecord::new();
    loop {
        let unreadable = |line: Option<u64>, e: &dyn std::fmt::Display, found: &[RawSection]| {
            PbError::new(
                found.last().map(|s| s.section),
                line,
                format!("unreadable row: {e}"),
            )
        };
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| p.line());
                return Err(unreadable(line, &e, &found));
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        let first = table.ends.len();
        let row_start = table.text.len();
        // Fields split a UTF-8 text at ASCII bytes, so the row and each field are UTF-8 too:
        // one check per row, then char-boundary-checked slices.
        let all = std::str::from_utf8(record.as_slice())
            .map_err(|e| unreadable(Some(line), &e, &found))?;
        for k in 0..record.len() {
            let field = record
                .range(k)
                .and_then(|r| all.get(r))
                .ok_or_else(|| unreadable(Some(line), &"a field is not UTF-8", &found))?;
            // `str::trim` strips Unicode whitespace, as csv's `Trim::All` did for string records.
            table.push_field(field.trim());
        }
        let fields = first..table.ends.len();
        // Trimmed fields that are all empty add no text: a blank row, skipped.
        if table.text.len() == row_start {
            table.drop_fields_from(first);
            continue;
        }
        table.rows.push(RowSpan { line, fields });
        let row_index = table.rows.len() - 1;
        let marker = table.row(row_index).and_then(section_marker);
        if let Some(section) = marker {
            table.rows.pop();
            table.drop_fields_from(first);
            let expected = ORDER.get(found.len()).copied();
            if expected != Some(section) {
                let msg = match expected {
                    Some(e) => format!("found the {section} section where {e} was expected (sections go META, PROJECTS, VOTES)"),
                    None => format!("a second {section} section"),
                };
                return Err(PbError::new(Some(section), Some(line), msg));
            }
            let at = table.rows.len();
            found.push(RawSection {
                section,
                marker_line: line,
                rows: at..at,
            });
            continue;
        }
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

fn check_width(section: Section, row: Row<'_>, header_len: usize) -> Result<(), PbError> {
    if row.len() != header_len {
        return Err(PbError::new(
            Some(section),
            Some(row.line),
            format!(
                "{} fields where the header has {} (quote values that contain `;`)",
                row.len(),
                header_len
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
        check_width(Section::Meta, row, names.len())?;
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
        check_width(Section::Projects, row, names.len())?;
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

/// Splits a comma list, skipping empty pieces (`"1,2,"` is two ids).
fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// What a VOTES column holds, decided once from the header.
#[derive(Clone, Copy)]
enum VoteColumn {
    VoterId,
    Vote,
    Points,
    Extra,
}

/// One VOTES row after its checks, borrowing from the table; reused from row to row so that
/// reading for a tally allocates nothing per row.
#[derive(Default)]
struct VoteRow<'t> {
    voter_id: &'t str,
    /// The listed ids with their project indices, in ballot order, repeats kept.
    ids: Vec<&'t str>,
    indices: Vec<usize>,
    /// Points by position (cumulative and scoring only).
    points: Vec<u64>,
    /// Column name and value of each non-empty attribute cell, in column order.
    extra: Vec<(&'t str, &'t str)>,
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
        self.reserve_exact(rows);
    }

    fn push(&mut self, row: &VoteRow<'_>) {
        let mut vote = PbVote::new(
            row.voter_id,
            row.ids.iter().map(|id| id.to_string()).collect(),
        )
        .with_points(row.points.clone());
        for &(name, value) in &row.extra {
            vote.extra.insert(name.to_string(), value.to_string());
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
        self.ballots.reserve_exact(rows);
    }

    fn push(&mut self, row: &VoteRow<'_>) {
        if let (Some(vote_type), Some(dedup)) = (self.vote_type, self.dedup.as_mut()) {
            self.ballots
                .push(dedup.ballot(vote_type, &row.indices, &row.points));
        }
    }

    fn len(&self) -> usize {
        self.ballots.len()
    }
}

/// Reads the VOTES rows into `sink`; returns the attribute columns.
fn read_votes(
    table: &Table,
    raw: &RawSection,
    vote_type: VoteType,
    projects: &[PbProject],
    sink: &mut impl VoteSink,
) -> Result<Vec<String>, PbError> {
    let at = |line: u64, msg: String| PbError::new(Some(Section::Votes), Some(line), msg);
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
    let index: HashMap<&str, usize> = projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    sink.start(vote_type, projects.len(), raw.data_rows());
    let mut vote = VoteRow::default();
    for row in raw.rows(table).skip(1) {
        let line = row.line;
        check_width(Section::Votes, row, names.len())?;
        vote.voter_id = "";
        vote.ids.clear();
        vote.indices.clear();
        vote.points.clear();
        vote.extra.clear();
        for ((&name, role), value) in names.iter().zip(&roles).zip(row.fields()) {
            match role {
                VoteColumn::VoterId => vote.voter_id = value,
                VoteColumn::Vote => {
                    for id in split_list(value) {
                        let &i = index.get(id).ok_or_else(|| {
                            at(line, format!("project \"{id}\" is not in PROJECTS"))
                        })?;
                        vote.ids.push(id);
                        vote.indices.push(i);
                    }
                }
                VoteColumn::Points => {
                    for p in split_list(value) {
                        let p = parse_count(p).map_err(|e| at(line, format!("points: {e}")))?;
                        vote.points.push(p);
                    }
                }
                VoteColumn::Extra if value.is_empty() => {}
                VoteColumn::Extra => vote.extra.push((name, value)),
            }
        }
        if vote.voter_id.is_empty() {
            return Err(at(line, "empty voter_id".into()));
        }
        if vote_type.has_points() && vote.points.len() != vote.ids.len() {
            return Err(at(
                line,
                format!(
                    "{} projects but {} points",
                    vote.ids.len(),
                    vote.points.len()
                ),
            ));
        }
        sink.push(&vote);
    }
    Ok(columns)
}
