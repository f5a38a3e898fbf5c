//! Census import: 100,000 rows into a round, on SQLite (temp file, synchronous=FULL) and on
//! PostgreSQL when BUDGETBOX_TEST_POSTGRES_URL names a server. Prints seconds per backend.
//!
//! cargo bench --bench census_import

use budgetbox::domain::RoundId;
use std::time::Instant;

#[path = "support/mod.rs"]
mod support;

use budgetbox::config::DatabaseUrl;
use budgetbox::db::{connect_pool, migrations};
use budgetbox::domain::round_config::RoundInput;

const ROWS: usize = 100_000;

fn census_csv() -> String {
    let mut csv = String::with_capacity(ROWS * 24);
    csv.push_str("document_number,birth_year,district\n");
    for i in 0..ROWS {
        let district = ["north", "south", ""][i % 3];
        csv.push_str(&format!(
            "ID{:08},{},{district}\n",
            i * 7919 % 100_000_000,
            1930 + (i % 80)
        ));
    }
    csv
}

fn run(label: &str, url: DatabaseUrl, csv: &str) {
    let pool = connect_pool(&url, 2).expect("database opens");
    let mut conn = budgetbox::db::connection::get(&pool).expect("connection");
    migrations::run_pending(&mut conn).expect("migrations");
    let input = RoundInput {
        title: "Census benchmark".into(),
        currency: "EUR".into(),
        total_budget: "1000000".into(),
        districts: "north=400000\nsouth=400000".into(),
        ballot_type: "approval".into(),
        min_choices: "1".into(),
        rule: "greedy".into(),
        time_zone: "UTC".into(),
        proposals_open_at: "2030-01-01T00:00".into(),
        review_at: "2030-02-01T00:00".into(),
        voting_open_at: "2030-03-01T00:00".into(),
        voting_close_at: "2030-03-15T00:00".into(),
        residence: "verified".into(),
        revote_policy: "final".into(),
        requires_census: Some("on".into()),
        ..RoundInput::default()
    };
    let config = input.parse().expect("valid round");
    let now = chrono::Utc::now().naive_utc();
    let staff = support::staff_account(&mut conn);
    let round =
        budgetbox::domain::round_config::create(&mut conn, staff, &config, now).expect("round");
    for attempt in ["first import", "re-import (replace)"] {
        let start = Instant::now();
        let summary = budgetbox::domain::census::import_census(
            &mut conn,
            &[7u8; 32],
            None,
            RoundId(round),
            csv,
            now,
        )
        .expect("import");
        let seconds = start.elapsed().as_secs_f64();
        assert_eq!(summary.rows, ROWS);
        println!(
            "census import, {label}, {attempt}: {ROWS} rows in {seconds:.2} s ({:.0} rows/s)",
            ROWS as f64 / seconds
        );
    }
}

fn main() {
    let csv = census_csv();
    support::on_each_backend(|label, url| run(label, url, &csv));
}
