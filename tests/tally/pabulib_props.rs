//! Property tests of the `.pb` parser and writer (owned by the parser/greedy work): no panic on
//! any input, mutated real files included, and write → parse round trips.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use budgetbox::pabulib::{self, Instance, PbProject, PbVote, VoteType};
use budgetbox::tally;
use proptest::prelude::*;

/// Small real samples, read once.
fn samples() -> &'static Vec<Vec<u8>> {
    static SAMPLES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let dir = crate::data::samples_dir();
        [
            "Poland_Zabrze_2020_Konczyce.pb",
            "Netherlands_Assen_2024.pb",
            "Poland_Lodz_2023_Wzniesien_Lodzkich.pb",
            "Poland_Czestochowa_2025_Mirow.pb",
            "US_Stanford_Dataset_PB_Chicago_47th_Ward_2021_vote_rankings.pb",
            "Poland_Gdynia_2023_Karwiny__large.pb",
        ]
        .iter()
        .map(|n| std::fs::read(dir.join(n)).expect("sample readable"))
        .collect()
    })
}

/// Whatever parses must also convert and tally without panicking.
fn exercise(bytes: &[u8]) {
    if let Ok(inst) = pabulib::parse_bytes(bytes) {
        let _ = inst.declared_rule();
        let _ = inst.official_outcome();
        if let Ok(e) = inst.to_election() {
            for rule in [tally::Rule::Greedy, tally::Rule::GreedyNoSkip] {
                let _ = tally::tally(&e, &rule, &rule.default_tie_break());
            }
        }
        let _ = pabulib::write(&inst);
    }
}

#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(prop::sample::Index),
    DuplicateLine(prop::sample::Index),
    FlipByte(prop::sample::Index, u8),
    InsertByte(prop::sample::Index, u8),
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    let special = prop_oneof![
        Just(b';'),
        Just(b'"'),
        Just(b'\n'),
        Just(b','),
        Just(b'.'),
        Just(b'-'),
        Just(b'9'),
        any::<u8>()
    ];
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Mutation::DeleteLine),
        any::<prop::sample::Index>().prop_map(Mutation::DuplicateLine),
        (any::<prop::sample::Index>(), special.clone()).prop_map(|(i, b)| Mutation::FlipByte(i, b)),
        (any::<prop::sample::Index>(), special).prop_map(|(i, b)| Mutation::InsertByte(i, b)),
    ]
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    let line_span = |bytes: &[u8], i: &prop::sample::Index| {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|(_, &b)| b == b'\n')
                    .map(|(k, _)| k + 1),
            )
            .filter(|&k| k < bytes.len())
            .collect();
        let k = i.index(starts.len().max(1));
        let start = starts.get(k).copied().unwrap_or(0);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| start + p + 1);
        start..end
    };
    if bytes.is_empty() {
        return;
    }
    match m {
        Mutation::DeleteLine(i) => {
            let span = line_span(bytes, i);
            bytes.drain(span);
        }
        Mutation::DuplicateLine(i) => {
            let span = line_span(bytes, i);
            let copy = bytes[span.clone()].to_vec();
            bytes.splice(span.start..span.start, copy);
        }
        Mutation::FlipByte(i, b) => {
            let k = i.index(bytes.len());
            bytes[k] = *b;
        }
        Mutation::InsertByte(i, b) => {
            let k = i.index(bytes.len() + 1);
            bytes.insert(k, *b);
        }
    }
}

/// Non-empty text without surrounding whitespace (the parser trims), rich in CSV specials.
fn arb_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9;\"\n ,.#ąż-]{1,10}".prop_filter("trimmed and non-empty", |s| {
        !s.trim().is_empty() && s.trim() == s
    })
}

/// Project ids: no commas (votes join them with commas), and "10" and "9" appear.
fn arb_id() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..20).prop_map(|n| n.to_string()),
        "[a-zA-Z0-9;\"/ .-]{1,8}".prop_filter("trimmed", |s| !s.trim().is_empty() && s.trim() == s),
    ]
}

fn arb_columns(reserved: &'static [&'static str]) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::btree_set("[a-z_]{1,8}", 0..4).prop_map(move |set| {
        set.into_iter()
            .filter(|c| !reserved.contains(&c.as_str()))
            .collect()
    })
}

fn arb_extra(columns: Vec<String>) -> impl Strategy<Value = BTreeMap<String, String>> {
    let n = columns.len();
    proptest::collection::vec(proptest::option::of(arb_text()), n).prop_map(move |values| {
        columns
            .iter()
            .zip(values)
            .filter_map(|(c, v)| v.map(|v| (c.clone(), v)))
            .collect()
    })
}

fn arb_instance() -> impl Strategy<Value = Instance> {
    let vote_type = prop_oneof![
        Just(VoteType::Approval),
        Just(VoteType::Ordinal),
        Just(VoteType::Cumulative),
        Just(VoteType::Scoring),
        Just(VoteType::Choose1),
    ];
    let meta = proptest::collection::btree_map("[a-z_]{1,10}", arb_text(), 0..5).prop_map(|m| {
        m.into_iter()
            .filter(|(k, _)| !pabulib::TYPED_META_KEYS.contains(&k.as_str()))
            .collect::<Vec<_>>()
    });
    let ids = proptest::collection::btree_set(arb_id(), 1..8);
    (
        vote_type,
        0i64..1_000_000_000_000,
        meta,
        ids,
        arb_columns(&["project_id", "cost", "selected"]),
        arb_columns(&["voter_id", "vote", "points"]),
    )
        .prop_flat_map(|(vote_type, budget, meta, ids, pcols, vcols)| {
            let ids: Vec<String> = ids.into_iter().collect();
            let projects = ids
                .iter()
                .map(|id| {
                    (
                        1i64..100_000_000_000,
                        proptest::option::of(-1i64..3),
                        arb_extra(pcols.clone()),
                    )
                        .prop_map({
                            let id = id.clone();
                            move |(cost, selected, extra)| PbProject {
                                id: id.clone(),
                                cost,
                                selected,
                                extra,
                            }
                        })
                })
                .collect::<Vec<_>>();
            let vote = (
                "[a-zA-Z0-9-]{1,6}",
                proptest::collection::vec(prop::sample::select(ids.clone()), 0..5),
                arb_extra(vcols.clone()),
            )
                .prop_flat_map(move |(voter, vote, extra)| {
                    let n = if vote_type.has_points() {
                        vote.len()
                    } else {
                        0
                    };
                    proptest::collection::vec(0u64..20, n).prop_map(move |points| PbVote {
                        voter_id: voter.clone(),
                        vote: vote.clone(),
                        points,
                        extra: extra.clone(),
                    })
                });
            (projects, proptest::collection::vec(vote, 0..6)).prop_map(move |(projects, votes)| {
                Instance {
                    meta: meta.clone(),
                    budget,
                    vote_type,
                    project_columns: pcols.clone(),
                    projects,
                    vote_columns: vcols.clone(),
                    votes,
                }
            })
        })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        exercise(&bytes);
    }

    #[test]
    fn pb_shaped_text_never_panics(text in "(META|PROJECTS|VOTES|key;value|project_id;cost|voter_id;vote;points|budget;|num_votes;1|vote_type;cumulative|[0-9a-z;,.\"\n-]){0,40}") {
        exercise(text.as_bytes());
    }

    #[test]
    fn mutated_real_files_never_panic(
        which in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(arb_mutation(), 1..4),
    ) {
        let mut bytes = samples()[which.index(samples().len())].clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        exercise(&bytes);
    }

    #[test]
    fn write_then_parse_round_trips(inst in arb_instance()) {
        let text = pabulib::write(&inst);
        prop_assert_eq!(pabulib::parse(&text), Ok(inst), "{}", text);
    }
}

/// Elections whose ballots are all of one kind, as a round export would produce.
fn arb_single_kind_election() -> impl Strategy<Value = tally::Election> {
    use tally::{Ballot, Election, PositionalScheme, Project};
    (1usize..10, 0u8..3).prop_flat_map(|(n, kind)| {
        let subset = proptest::collection::vec(0..n, 0..=n);
        let ballot = match kind {
            0 => subset.prop_map(Ballot::approval).boxed(),
            1 => subset.prop_map(Ballot::ranking).boxed(),
            _ => proptest::collection::vec((0..n, 0u64..5), 0..=n)
                .prop_map(Ballot::points)
                .boxed(),
        };
        let positional = prop_oneof![
            Just(PositionalScheme::BallotLengthBorda),
            proptest::collection::vec(0u64..9, 1..4).prop_map(PositionalScheme::Custom),
        ];
        (
            proptest::collection::vec((1i64..1_000_000, proptest::option::of("[a-z]{1,5}")), n),
            0i64..10_000_000,
            proptest::collection::vec(ballot, 0..8),
            positional,
        )
            .prop_map(|(specs, budget, ballots, positional)| Election {
                projects: specs
                    .into_iter()
                    .enumerate()
                    .map(|(i, (cost, district))| Project {
                        id: format!("P{i}"),
                        cost,
                        withdrawn: false,
                        category: district.clone(),
                        district,
                    })
                    .collect(),
                budget,
                ballots,
                positional,
            })
    })
}

proptest! {
    #[test]
    fn elections_export_and_read_back(e in arb_single_kind_election()) {
        let inst = Instance::from_election(&e).unwrap();
        let back = pabulib::parse(&pabulib::write(&inst)).unwrap().to_election().unwrap();
        prop_assert_eq!(back, e);
    }
}
