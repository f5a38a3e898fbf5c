//! From a parsed `.pb` file to what the tally core takes: the election, the declared rule
//! and the official outcome to compare against.

use std::collections::HashMap;

use super::number::{parse_count, parse_threshold};
use super::{Instance, PbError, Section, TallyFile, VoteType, WITHDRAWN_COST};
use crate::tally::{Ballot, Completion, Election, PositionalScheme, Project, Rule};

fn meta_err(msg: String) -> PbError {
    PbError::new(Some(Section::Meta), None, msg)
}

impl Instance {
    /// A `.pb` instance of an election, e.g. to export a round: voters are numbered from 1 and
    /// the vote type follows the ballots (all of one kind; none → approval). Add `rule`,
    /// `description` and other META with `set_meta`. Fails on mixed ballot kinds, indices out
    /// of range, or a positional scheme the format cannot state.
    pub fn from_election(election: &Election) -> Result<Instance, PbError> {
        let kind = |b: &Ballot| match b {
            Ballot::Approval(_) => VoteType::Approval,
            Ballot::Ranking(_) => VoteType::Ordinal,
            Ballot::Points(_) => VoteType::Cumulative,
        };
        let vote_type = election.ballots.first().map_or(VoteType::Approval, kind);
        if election.ballots.iter().any(|b| kind(b) != vote_type) {
            return Err(PbError::new(
                Some(Section::Votes),
                None,
                "ballots of different kinds cannot share one file",
            ));
        }
        let mut inst = Instance::new(election.budget, vote_type);
        match &election.positional {
            PositionalScheme::BallotLengthBorda => {}
            PositionalScheme::Custom(points) => {
                let list: Vec<String> = points.iter().map(u64::to_string).collect();
                inst.set_meta("scoring_fn", &list.join(","));
            }
        }
        for p in &election.projects {
            // The format knows withdrawal only through the placeholder cost.
            let cost = if p.withdrawn { WITHDRAWN_COST } else { p.cost };
            let mut project = super::PbProject::new(p.id.clone(), cost);
            if let Some(d) = &p.district {
                project = project.with("district", d.clone());
            }
            if let Some(c) = &p.category {
                project = project.with("category", c.clone());
            }
            inst.add_project(project);
        }
        let id_of = |i: usize| {
            election
                .projects
                .get(i)
                .map(|p| p.id.clone())
                .ok_or_else(|| {
                    PbError::new(
                        Some(Section::Votes),
                        None,
                        format!(
                            "a ballot names project index {i} of {}",
                            election.projects.len()
                        ),
                    )
                })
        };
        for (n, ballot) in election.ballots.iter().enumerate() {
            let voter = (n + 1).to_string();
            let vote = match ballot {
                Ballot::Approval(ids) | Ballot::Ranking(ids) => super::PbVote::new(
                    voter,
                    ids.iter().map(|&i| id_of(i)).collect::<Result<_, _>>()?,
                ),
                Ballot::Points(entries) => super::PbVote::new(
                    voter,
                    entries
                        .iter()
                        .map(|&(i, _)| id_of(i))
                        .collect::<Result<_, _>>()?,
                )
                .with_points(entries.iter().map(|&(_, p)| p).collect()),
            };
            inst.add_vote(vote);
        }
        Ok(inst)
    }

    /// The election the tally runs on: ballots as project indices, each project counted once per
    /// ballot (first mention wins), zero-point entries dropped.
    pub fn to_election(&self) -> Result<Election, PbError> {
        let index: HashMap<&str, usize> = self
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        if index.len() != self.projects.len() {
            return Err(PbError::new(
                Some(Section::Projects),
                None,
                "two projects share an id",
            ));
        }
        let projects = self
            .projects
            .iter()
            .map(|p| {
                if p.cost <= 0 {
                    return Err(PbError::new(
                        Some(Section::Projects),
                        None,
                        format!("project \"{}\" has a cost that is not positive", p.id),
                    ));
                }
                Ok(Project {
                    id: p.id.clone(),
                    cost: p.cost,
                    withdrawn: p.withdrawn(),
                    district: p.district().map(str::to_string),
                    category: p.category().map(str::to_string),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if self.budget < 0 {
            return Err(meta_err("budget is negative".into()));
        }
        if self.vote_type == VoteType::Scoring {
            if let Some(d) = self.meta("default_score") {
                if parse_count(d) != Ok(0) {
                    return Err(meta_err(format!(
                        "default_score `{d}` is not supported: unlisted projects must score 0"
                    )));
                }
            }
        }

        let mut ballots = Vec::with_capacity(self.votes.len());
        let mut dedup = Dedup::new(self.projects.len());
        let mut indices = Vec::new();
        for v in &self.votes {
            indices.clear();
            for id in &v.vote {
                let &i = index.get(id.as_str()).ok_or_else(|| {
                    PbError::new(
                        Some(Section::Votes),
                        None,
                        format!(
                            "voter \"{}\": project \"{id}\" is not in PROJECTS",
                            v.voter_id
                        ),
                    )
                })?;
                indices.push(i);
            }
            if self.vote_type.has_points() && v.points.len() != v.vote.len() {
                return Err(PbError::new(
                    Some(Section::Votes),
                    None,
                    format!(
                        "voter \"{}\": {} projects but {} points",
                        v.voter_id,
                        v.vote.len(),
                        v.points.len()
                    ),
                ));
            }
            ballots.push(dedup.ballot(self.vote_type, &indices, &v.points));
        }

        Ok(Election {
            projects,
            budget: self.budget,
            ballots,
            positional: self.positional_scheme()?,
        })
    }

    /// META `scoring_fn` for ordinal ballots: absent or `Borda` → k − i points in a ballot of
    /// length k; a comma list such as `3,2,1` → those points by position.
    pub fn positional_scheme(&self) -> Result<PositionalScheme, PbError> {
        match self.meta("scoring_fn") {
            None => Ok(PositionalScheme::BallotLengthBorda),
            Some(s) if s.eq_ignore_ascii_case("borda") => Ok(PositionalScheme::BallotLengthBorda),
            Some(s) => s
                .split(',')
                .map(parse_count)
                .collect::<Result<Vec<_>, _>>()
                .map(PositionalScheme::Custom)
                .map_err(|_| {
                    meta_err(format!(
                        "scoring_fn `{s}` is neither Borda nor a comma list of points"
                    ))
                }),
        }
    }

    /// META `min_project_score_threshold` as the least score a project needs.
    pub fn score_threshold(&self) -> Result<Option<u64>, PbError> {
        self.meta("min_project_score_threshold")
            .map(|t| {
                parse_threshold(t)
                    .map_err(|e| meta_err(format!("min_project_score_threshold: {e}")))
            })
            .transpose()
    }

    /// The rule META `rule` declares, for `--rule auto`. Rules no formula covers
    /// (`unknown`, `greedy-custom`, `greedy-exclusive`…) are refused rather than guessed.
    pub fn declared_rule(&self) -> Result<Rule, PbError> {
        let name = self
            .meta("rule")
            .ok_or_else(|| meta_err("no `rule` key; pass --rule".into()))?;
        let mes = |completion| Rule::Mes {
            completion,
            utilitarian_fill: false,
        };
        // Pabulib defines the threshold for every rule; the greedy ones honour it.
        let threshold = self.score_threshold()?.filter(|&t| t > 0);
        Ok(match name {
            "greedy" => match threshold {
                Some(min_score) => Rule::GreedyThreshold { min_score },
                None => Rule::Greedy,
            },
            "greedy-no-skip" => match threshold {
                Some(min_score) => Rule::GreedyNoSkipThreshold { min_score },
                None => Rule::GreedyNoSkip,
            },
            "greedy-threshold" => Rule::GreedyThreshold {
                min_score: self.score_threshold()?.ok_or_else(|| {
                    meta_err("rule greedy-threshold needs a min_project_score_threshold key".into())
                })?,
            },
            "equalshares" => mes(Completion::None),
            // The official results used equalshares.net's Add1, which does not stop at the
            // first exhaustive outcome (reproduces Assen 2024 and Wieliczka 2023).
            "equalshares/add1" => mes(Completion::Add1Full),
            "equalshares-comparison" => Rule::MesComparison {
                completion: Completion::None,
            },
            "equalshares/add1-comparison" => Rule::MesComparison {
                completion: Completion::Add1Full,
            },
            other => {
                return Err(meta_err(format!(
                    "declares rule `{other}` which no formula covers; pass --rule"
                )))
            }
        })
    }

    /// A CLI rule name, with `auto` (the declared rule) and a bare `greedy-threshold` (threshold
    /// from META) resolved against this file; other names as `Rule::from_str` reads them.
    pub fn rule_from_cli(&self, name: &str) -> Result<Rule, PbError> {
        match name.trim() {
            "auto" => self.declared_rule(),
            "greedy-threshold" => Ok(Rule::GreedyThreshold {
                min_score: self.score_threshold()?.ok_or_else(|| {
                    meta_err("no min_project_score_threshold key; pass greedy-threshold:N".into())
                })?,
            }),
            other => other
                .parse()
                .map_err(|e: String| PbError::new(None, None, e)),
        }
    }

    /// Ids of the projects the file marks `selected = 1` (the declared rule's outcome), in file
    /// order; `None` when the file has no `selected` values. `selected = 2` is not part of it.
    pub fn official_outcome(&self) -> Option<Vec<String>> {
        if self.projects.iter().all(|p| p.selected.is_none()) {
            return None;
        }
        Some(
            self.projects
                .iter()
                .filter(|p| p.selected == Some(1))
                .map(|p| p.id.clone())
                .collect(),
        )
    }
}

impl TallyFile {
    /// How many ballots name more projects than META `max_length` allows, and that limit;
    /// None when the file sets no limit or every ballot keeps to it. Such ballots are
    /// counted as they are (the file is the record of what was cast), but a reader should know.
    pub fn ballots_over_max_length(&self) -> Result<Option<(usize, u64)>, PbError> {
        let Some(raw) = self.instance.meta("max_length") else {
            return Ok(None);
        };
        let max: u64 = raw
            .trim()
            .parse()
            .map_err(|_| meta_err(format!("max_length: `{raw}` is not a whole number")))?;
        let over = self
            .ballots
            .iter()
            .filter(|b| {
                let len = match b {
                    Ballot::Approval(v) | Ballot::Ranking(v) => v.len(),
                    Ballot::Points(v) => v.len(),
                };
                len as u64 > max
            })
            .count();
        Ok((over > 0).then_some((over, max)))
    }

    /// The election the tally runs on, with the same checks and errors as
    /// `Instance::to_election` on the fully parsed file.
    pub fn into_election(self) -> Result<Election, PbError> {
        // The vote-less instance still carries every project and META check.
        let mut election = self.instance.to_election()?;
        election.ballots = self.ballots;
        Ok(election)
    }
}

/// Turns one vote, as project indices in ballot order, into its tally ballot: each project
/// counted once (first mention wins), zero-point entries dropped. Shared by `to_election` and
/// `parse_bytes_for_tally` so both build the very same ballots.
pub(super) struct Dedup {
    /// `seen[i] == stamp` when the current ballot already named project `i`: O(1) per entry
    /// without a set per ballot (this runs once per vote of files with 100k+ votes).
    seen: Vec<usize>,
    stamp: usize,
}

impl Dedup {
    pub(super) fn new(n_projects: usize) -> Self {
        Dedup {
            seen: vec![0; n_projects],
            stamp: 0,
        }
    }

    /// `points` holds the points by position (cumulative and scoring votes, as long as
    /// `indices`); other vote types ignore it. Indices must be below `n_projects`.
    pub(super) fn ballot(
        &mut self,
        vote_type: VoteType,
        indices: &[usize],
        points: &[u64],
    ) -> Ballot {
        self.stamp += 1;
        let (seen, stamp) = (&mut self.seen, self.stamp);
        // (position, project) of the first mention of each project, in ballot order.
        let firsts =
            indices
                .iter()
                .copied()
                .enumerate()
                .filter(move |&(_, i)| match seen.get_mut(i) {
                    Some(mark) if *mark != stamp => {
                        *mark = stamp;
                        true
                    }
                    _ => false,
                });
        let len = indices.len();
        match vote_type {
            VoteType::Approval | VoteType::Choose1 => {
                Ballot::Approval(exact(firsts.map(|(_, i)| i), len))
            }
            VoteType::Ordinal => Ballot::Ranking(exact(firsts.map(|(_, i)| i), len)),
            VoteType::Cumulative | VoteType::Scoring => Ballot::Points(exact(
                firsts
                    .map(|(pos, i)| (i, points.get(pos).copied().unwrap_or(0)))
                    .filter(|&(_, pts)| pts > 0),
                len,
            )),
        }
    }
}

/// Collects into one allocation of `capacity` (a filtered `collect` would start small and
/// grow); a ballot rarely repeats a project, so `capacity` is usually exact.
fn exact<T>(items: impl Iterator<Item = T>, capacity: usize) -> Vec<T> {
    let mut v = Vec::with_capacity(capacity);
    v.extend(items);
    v
}
