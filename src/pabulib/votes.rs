//! VOTES rows: checked one by one straight from the file text and handed to a `VoteSink`,
//! either kept as `PbVote`s or turned into tally ballots at once.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use super::election::Dedup;
use super::number::parse_count;
use super::parse::*;
use super::records::*;
use super::{PbError, PbProject, PbVote, Section, VoteType};
use crate::tally::Ballot;

/// What a VOTES column holds, decided once from the header.
#[derive(Clone, Copy)]
pub(super) enum VoteColumn {
    VoterId,
    Vote,
    Points,
    Extra,
}

/// One VOTES row after its checks.
pub(super) struct VoteRow<'a> {
    pub(super) voter_id: &'a str,
    /// Project indices of the listed ids, in ballot order, repeats kept.
    pub(super) indices: &'a [usize],
    /// Points by position (cumulative and scoring only).
    pub(super) points: &'a [u64],
    /// Positions of the non-empty attribute cells, in column order.
    pub(super) extra: &'a [usize],
    pub(super) row: &'a RecordRow<'a>,
    pub(super) names: &'a [&'a str],
    pub(super) projects: &'a [PbProject],
}

/// What the checked VOTES rows become.
pub(super) trait VoteSink {
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
pub(super) struct BallotSink {
    pub(super) vote_type: Option<VoteType>,
    pub(super) dedup: Option<Dedup>,
    pub(super) ballots: Vec<Ballot>,
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
pub(super) struct IdHasher(u64);

pub(super) const ID_HASH_K: u64 = 0xf135_7aea_2e62_a9c5;

impl IdHasher {
    pub(super) fn add(&mut self, word: u64) {
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
pub(super) struct IdHash(u64);

impl BuildHasher for IdHash {
    type Hasher = IdHasher;

    fn build_hasher(&self) -> IdHasher {
        IdHasher(self.0)
    }
}

impl IdHash {
    pub(super) fn random() -> Self {
        IdHash(std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64))
    }
}

/// Project index by id. Ids of up to 16 bytes (nearly all) are keyed by their bytes packed in
/// integers, so a lookup compares integers instead of calling `memcmp`; longer ids by string.
pub(super) struct IdIndex<'a> {
    pub(super) short: HashMap<ShortId, usize, IdHash>,
    pub(super) long: HashMap<&'a str, usize, IdHash>,
}

/// The first and the last eight bytes of an id of at most 16 bytes (zero-padded), and its
/// length: together they are the whole id.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct ShortId(u64, u64, u64);

pub(super) fn short_id(id: &str) -> Option<ShortId> {
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
    pub(super) fn new(projects: &'a [PbProject]) -> Self {
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

    pub(super) fn get(&self, id: &str) -> Option<usize> {
        match short_id(id) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }
}

/// Checks VOTES rows against the header and the projects, and hands them to a sink.
pub(super) struct VoteReader<'a> {
    pub(super) vote_type: VoteType,
    pub(super) names: Vec<&'a str>,
    pub(super) roles: Vec<VoteColumn>,
    pub(super) index: IdIndex<'a>,
    /// Buffers reused from row to row, so that reading for a tally allocates nothing per row
    /// but the ballot itself.
    pub(super) indices: Vec<usize>,
    pub(super) points: Vec<u64>,
    pub(super) extra: Vec<usize>,
}

impl<'a> VoteReader<'a> {
    /// Reads the VOTES header; returns the reader and the attribute columns.
    pub(super) fn new(
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
    pub(super) fn read(
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
