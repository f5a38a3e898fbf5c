//! Reading `.pb` text into an `Instance`, refusing anything malformed with the section and
//! 1-based file line of the problem.
//!
//! The whole file goes through one CSV reader (`;`-separated, standard quoting, trimmed) so a
//! quoted value may span lines and line numbers stay those of the file.

use std::collections::{HashMap, HashSet};

use csv::{ReaderBuilder, Trim};

use super::number::{parse_count, parse_money, parse_threshold};
use super::{Instance, PbError, PbProject, PbVote, Section, VoteType};

/// A data row: its file line and its trimmed fields.
type Row = (u64, Vec<String>);

struct RawSection {
    section: Section,
    marker_line: u64,
    /// The header row, then the data rows.
    rows: Vec<Row>,
}

const ORDER: [Section; 3] = [Section::Meta, Section::Projects, Section::Votes];

/// Parses a `.pb` file given as bytes; text that is not UTF-8 is an error, never a panic.
pub fn parse_bytes(bytes: &[u8]) -> Result<Instance, PbError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(e) => {
            let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
            Err(PbError::new(
                None,
                Some(line),
                "the file is not UTF-8 text (re-save it as UTF-8)",
            ))
        }
    }
}

/// Parses a `.pb` file.
pub fn parse(text: &str) -> Result<Instance, PbError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sections = split_sections(text)?;
    let [meta, projects, votes] = sections;

    let meta = read_meta(&meta)?;
    let (project_columns, projects) = read_projects(&projects)?;
    let (vote_columns, votes) = read_votes(&votes, meta.vote_type, &projects)?;

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
    check_count("num_votes", meta.num_votes, votes.len(), Section::Votes)?;

    Ok(Instance {
        meta: meta.rest,
        budget: meta.budget,
        vote_type: meta.vote_type,
        project_columns,
        projects,
        vote_columns,
        votes,
    })
}

/// A line holding only a section name. `VOTES;` is a data row (a voter named VOTES with an
/// empty ballot), so the marker must be a single field.
fn section_marker(fields: &[String]) -> Option<Section> {
    let [only] = fields else {
        return None;
    };
    match only.to_ascii_uppercase().as_str() {
        "META" => Some(Section::Meta),
        "PROJECTS" => Some(Section::Projects),
        "VOTES" => Some(Section::Votes),
        _ => None,
    }
}

fn split_sections(text: &str) -> Result<[RawSection; 3], PbError> {
    let mut reader = ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .trim(Trim::All)
        .from_reader(text.as_bytes());
    let mut found: Vec<RawSection> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line());
            PbError::new(
                found.last().map(|s| s.section),
                line,
                format!("unreadable row: {e}"),
            )
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let fields: Vec<String> = record.iter().map(str::to_string).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        if let Some(section) = section_marker(&fields) {
            let expected = ORDER.get(found.len()).copied();
            if expected != Some(section) {
                let msg = match expected {
                    Some(e) => format!("found the {section} section where {e} was expected (sections go META, PROJECTS, VOTES)"),
                    None => format!("a second {section} section"),
                };
                return Err(PbError::new(Some(section), Some(line), msg));
            }
            found.push(RawSection {
                section,
                marker_line: line,
                rows: Vec::new(),
            });
            continue;
        }
        match found.last_mut() {
            Some(current) => current.rows.push((line, fields)),
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
        (Some(m), Some(p), Some(v)) => Ok([m, p, v]),
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

/// The header row of a section, checked for duplicates and for the columns it must have.
fn header<'a>(raw: &'a RawSection, required: &[&str]) -> Result<&'a Row, PbError> {
    let err = |line, msg: String| PbError::new(Some(raw.section), Some(line), msg);
    let row = raw.rows.first().ok_or_else(|| {
        err(
            raw.marker_line,
            "no header line after the section name".into(),
        )
    })?;
    let (line, names) = row;
    let mut seen = HashSet::new();
    for name in names {
        if name.is_empty() {
            return Err(err(*line, "the header has an empty column name".into()));
        }
        if !seen.insert(name.as_str()) {
            return Err(err(
                *line,
                format!("the header names column `{name}` twice"),
            ));
        }
    }
    for col in required {
        if !seen.contains(col) {
            return Err(err(*line, format!("the header has no `{col}` column")));
        }
    }
    Ok(row)
}

fn check_width(
    section: Section,
    line: u64,
    fields: &[String],
    header: &[String],
) -> Result<(), PbError> {
    if fields.len() != header.len() {
        return Err(PbError::new(
            Some(section),
            Some(line),
            format!(
                "{} fields where the header has {} (quote values that contain `;`)",
                fields.len(),
                header.len()
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

fn read_meta(raw: &RawSection) -> Result<Meta, PbError> {
    let at = |line: u64, msg: String| PbError::new(Some(Section::Meta), Some(line), msg);
    let (header_line, names) = header(raw, &[])?;
    if names.len() != 2 {
        return Err(at(
            *header_line,
            format!(
                "the header has {} columns; META has two (key;value)",
                names.len()
            ),
        ));
    }
    let mut rest = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let (mut budget, mut vote_type, mut num_projects, mut num_votes) = (None, None, None, None);
    for (line, fields) in raw.rows.iter().skip(1) {
        let line = *line;
        check_width(Section::Meta, line, fields, names)?;
        let (key, value) = (fields[0].clone(), fields[1].clone());
        if key.is_empty() {
            return Err(at(line, "empty key".into()));
        }
        if let Some(first) = seen.insert(key.clone(), line) {
            return Err(at(line, format!("key `{key}` repeats line {first}")));
        }
        let bad = |e: String| at(line, format!("{key}: {e}"));
        match key.as_str() {
            "budget" => {
                let b = parse_money(&value).map_err(bad)?;
                if b < 0 {
                    return Err(at(line, "budget is negative".into()));
                }
                budget = Some(b);
            }
            "vote_type" => {
                vote_type = Some(VoteType::from_name(&value).ok_or_else(|| {
                    at(
                        line,
                        format!("vote_type `{value}` is not one of approval, ordinal, cumulative, scoring, choose-1"),
                    )
                })?);
            }
            "num_projects" => num_projects = Some((parse_count(&value).map_err(bad)?, line)),
            "num_votes" => num_votes = Some((parse_count(&value).map_err(bad)?, line)),
            _ => {
                if key == "min_project_score_threshold" {
                    parse_threshold(&value).map_err(bad)?;
                }
                rest.push((key, value));
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

fn read_projects(raw: &RawSection) -> Result<(Vec<String>, Vec<PbProject>), PbError> {
    let at = |line: u64, msg: String| PbError::new(Some(Section::Projects), Some(line), msg);
    let (_, names) = header(raw, &["project_id", "cost"])?;
    let columns: Vec<String> = names
        .iter()
        .filter(|n| !matches!(n.as_str(), "project_id" | "cost" | "selected"))
        .cloned()
        .collect();
    let mut projects = Vec::with_capacity(raw.rows.len().saturating_sub(1));
    let mut ids: HashMap<String, u64> = HashMap::new();
    for (line, fields) in raw.rows.iter().skip(1) {
        let line = *line;
        check_width(Section::Projects, line, fields, names)?;
        let mut project = PbProject::new(String::new(), 0);
        for (name, value) in names.iter().zip(fields) {
            match name.as_str() {
                "project_id" => project.id = value.clone(),
                "cost" => {
                    project.cost =
                        parse_money(value).map_err(|e| at(line, format!("cost: {e}")))?;
                    if project.cost <= 0 {
                        return Err(at(line, format!("cost `{value}` is not positive")));
                    }
                }
                "selected" if value.is_empty() => {}
                "selected" => {
                    project.selected = Some(value.parse().map_err(|_| {
                        at(
                            line,
                            format!("selected `{value}` is not a whole number (0, 1 or 2)"),
                        )
                    })?)
                }
                _ if value.is_empty() => {}
                _ => {
                    project.extra.insert(name.clone(), value.clone());
                }
            }
        }
        if project.id.is_empty() {
            return Err(at(line, "empty project_id".into()));
        }
        if let Some(first) = ids.insert(project.id.clone(), line) {
            return Err(at(
                line,
                format!("project \"{}\" repeats line {first}", project.id),
            ));
        }
        projects.push(project);
    }
    Ok((columns, projects))
}

/// Splits a comma list, skipping empty pieces (`"1,2,"` is two ids).
fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

fn read_votes(
    raw: &RawSection,
    vote_type: VoteType,
    projects: &[PbProject],
) -> Result<(Vec<String>, Vec<PbVote>), PbError> {
    let at = |line: u64, msg: String| PbError::new(Some(Section::Votes), Some(line), msg);
    let required: &[&str] = if vote_type.has_points() {
        &["voter_id", "vote", "points"]
    } else {
        &["voter_id", "vote"]
    };
    let (_, names) = header(raw, required)?;
    let is_own =
        |n: &str| n == "voter_id" || n == "vote" || (vote_type.has_points() && n == "points");
    let columns: Vec<String> = names.iter().filter(|n| !is_own(n)).cloned().collect();
    let known: HashSet<&str> = projects.iter().map(|p| p.id.as_str()).collect();
    let mut votes = Vec::with_capacity(raw.rows.len().saturating_sub(1));
    for (line, fields) in raw.rows.iter().skip(1) {
        let line = *line;
        check_width(Section::Votes, line, fields, names)?;
        let mut vote = PbVote::new(String::new(), Vec::new());
        for (name, value) in names.iter().zip(fields) {
            match name.as_str() {
                "voter_id" => vote.voter_id = value.clone(),
                "vote" => {
                    for id in split_list(value) {
                        if !known.contains(id) {
                            return Err(at(line, format!("project \"{id}\" is not in PROJECTS")));
                        }
                        vote.vote.push(id.to_string());
                    }
                }
                "points" if vote_type.has_points() => {
                    vote.points = split_list(value)
                        .map(|p| parse_count(p).map_err(|e| at(line, format!("points: {e}"))))
                        .collect::<Result<_, _>>()?;
                }
                _ if value.is_empty() => {}
                _ => {
                    vote.extra.insert(name.clone(), value.clone());
                }
            }
        }
        if vote.voter_id.is_empty() {
            return Err(at(line, "empty voter_id".into()));
        }
        if vote_type.has_points() && vote.points.len() != vote.vote.len() {
            return Err(at(
                line,
                format!(
                    "{} projects but {} points",
                    vote.vote.len(),
                    vote.points.len()
                ),
            ));
        }
        votes.push(vote);
    }
    Ok((columns, votes))
}
