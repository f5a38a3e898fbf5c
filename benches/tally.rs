//! Tally benchmarks: greedy, MES and MES+Add1 on the large Pabulib files, and greedy and MES on
//! a synthetic 1,000,000-ballot × 200-project approval election. Sample sizes are small so that
//! `cargo bench --bench tally` finishes in a few minutes on a 2-core machine. Whole-process
//! timings against pabutools are in `scripts/bench-tally.sh`.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

use budgetbox::pabulib;
use budgetbox::tally::{tally, Ballot, Completion, Election, PositionalScheme, Project, Rule};

fn mes(completion: Completion) -> Rule {
    Rule::Mes {
        completion,
        utilitarian_fill: false,
    }
}

/// The large file, or `None` (with a note) when `shared/` is not beside the crate.
fn large(name: &str) -> Option<(Vec<u8>, Election)> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../shared/pabulib/large/{name}.pb"));
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipping {name}: {} not found", path.display());
        return None;
    };
    let election = pabulib::parse_bytes(&bytes)
        .and_then(|i| i.to_election())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some((bytes, election))
}

/// A reproducible approval election: ballots of 1–5 projects drawn with a skew towards
/// low-numbered projects (product of two uniforms), costs 20,000–500,000 units, and a budget of
/// a fifth of the total cost.
pub fn synthetic(voters: usize, projects: usize, seed: u64) -> Election {
    let mut state = seed;
    let mut uniform = move || {
        // 64-bit LCG (Knuth's MMIX constants); the top 31 bits as a float in [0, 1).
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    let projects: Vec<Project> = (0..projects)
        .map(|i| Project {
            id: format!("P{i:03}"),
            cost: ((20_000.0 + 480_000.0 * uniform()) as i64) * 100,
            withdrawn: false,
            district: None,
            category: None,
        })
        .collect();
    let m = projects.len();
    let ballots = (0..voters)
        .map(|_| {
            let k = 1 + (uniform() * 5.0) as usize;
            let mut approved: Vec<usize> = (0..k)
                .map(|_| ((uniform() * uniform()) * m as f64) as usize % m)
                .collect();
            approved.sort_unstable();
            approved.dedup();
            Ballot::Approval(approved)
        })
        .collect();
    let total: i64 = projects.iter().map(|p| p.cost).sum();
    Election {
        budget: total / 5,
        projects,
        ballots,
        positional: PositionalScheme::BallotLengthBorda,
    }
}

fn large_files(c: &mut Criterion) {
    let cases: [(&str, &[(&str, Rule)]); 2] = [
        (
            "Poland_Lodz_2022",
            &[
                ("greedy", Rule::Greedy),
                ("mes", mes(Completion::None)),
                ("mes-add1", mes(Completion::Add1)),
                ("phragmen", Rule::Phragmen),
            ],
        ),
        (
            "Poland_Krakow_2024",
            &[
                ("greedy", Rule::Greedy),
                ("mes", mes(Completion::None)),
                ("mes-add1", mes(Completion::Add1)),
            ],
        ),
    ];
    for (file, rules) in cases {
        let Some((bytes, election)) = large(file) else {
            continue;
        };
        let mut group = c.benchmark_group(file);
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(4));
        group.bench_function("parse", |b| {
            b.iter(|| {
                pabulib::parse_bytes(&bytes)
                    .and_then(|i| i.to_election())
                    .expect("parsed above")
            })
        });
        for (name, rule) in rules {
            let tie_break = rule.default_tie_break();
            group.bench_function(*name, |b| {
                b.iter(|| tally(&election, rule, &tie_break).expect("tally"))
            });
        }
        group.finish();
    }
}

fn synthetic_million(c: &mut Criterion) {
    let election = synthetic(1_000_000, 200, 42);
    let mut group = c.benchmark_group("synthetic_1M_x_200");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15));
    for (name, rule) in [("greedy", Rule::Greedy), ("mes", mes(Completion::None))] {
        let tie_break = rule.default_tie_break();
        group.bench_function(name, |b| {
            b.iter(|| tally(&election, &rule, &tie_break).expect("tally"))
        });
    }
    group.finish();
}

criterion_group!(benches, large_files, synthetic_million);
criterion_main!(benches);
