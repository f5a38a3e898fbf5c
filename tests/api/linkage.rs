//! The attacker at rest: someone with a full copy of the database (the SQLite file with its
//! write-ahead log; on PostgreSQL every row with its system columns `xmin` and `ctid`), the
//! public board, the mailing list of codes, and even the installation's secret key. During
//! voting the copy holds no readable ballot; after the count it ties no ballot to a voter
//! beyond chance: every ordering and join the attacker can try is played here.

use std::collections::{BTreeMap, HashMap};

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use reqwest::Method;
use serde_json::{json, Value};

use budgetbox::db::DbConnection;

use crate::ballots::at;
use crate::helpers::TestApp;

const PASSWORD: &str = "violet tram umbrella";
/// People on the census: the first half vote with an account, the rest with a mailed code.
const PEOPLE: usize = 40;
const ACCOUNTS: usize = 20;
/// More links than this in any one attack is not chance: a random order puts one person in
/// their place on average, and seven or more about once in ten thousand tries.
const CHANCE: usize = 6;

fn document(person: usize) -> String {
    format!("DOC{person:04}")
}

fn email(person: usize) -> String {
    format!("person{person}@example.org")
}

/// The order in which people vote: fixed, but unrelated to their numbers.
fn voting_order() -> Vec<usize> {
    (0..PEOPLE).map(|i| (i * 17 + 5) % PEOPLE).collect()
}

/// What the test knows and the attacker wants: each person's first ballot on the board.
struct Truth {
    round: i64,
    first_seq: HashMap<usize, i64>,
    codes: Vec<(usize, String)>,
    salt: String,
}

/// A round where people vote in a known order, a few seconds apart: accounts after a census
/// match just before voting (as people do), codes from a mailing list; some vote again.
async fn vote_in_a_known_order(app: &TestApp) -> Truth {
    app.create_user("council@example.org", PASSWORD, "council");
    let council = app.api_login("council@example.org", PASSWORD).await;
    let config = json!({
        "title": "Linkage", "total_budget": "5000", "districts": "north=2000",
        "ballot_type": "approval", "min_choices": "1", "max_choices": "2", "rule": "greedy",
        "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
        "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00",
        "residence": "verified", "requires_census": "on", "voting_channels": "accounts-and-codes",
        "revote_policy": "last-counts"
    });
    let res = app
        .send_bearer(Method::POST, "/api/v1/rounds", &council, &config)
        .await;
    assert_eq!(res.status(), 201);
    let round = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let projects: Vec<i64> = {
        let mut conn = app.conn();
        let north =
            budgetbox::db::models::district::of_round(&mut conn, round).unwrap()[0].district_id;
        (0..3)
            .map(|i| {
                crate::helpers::feasible_project(
                    &mut conn,
                    round,
                    Some(north),
                    &format!("Project {i}"),
                    10_000,
                )
            })
            .collect()
    };
    app.clock.set(at("2026-05-02T10:00"));
    let census: String = (0..PEOPLE)
        .map(|p| format!("{},1980,north\n", document(p)))
        .collect();
    let res = app
        .new_browser()
        .put(app.url(&format!("/api/v1/rounds/{round}/census")))
        .bearer_auth(&council)
        .body(format!("document_number,birth_year,district\n{census}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let mailing: String = (ACCOUNTS..PEOPLE)
        .map(|p| format!("{},1980,{}\n", document(p), email(p)))
        .collect();
    let res = app
        .new_browser()
        .post(app.url(&format!("/api/v1/rounds/{round}/voting-codes/from-census")))
        .bearer_auth(&council)
        .body(format!("document_number,birth_year,email\n{mailing}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let codes: Vec<(usize, String)> = res
        .text()
        .await
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            let person = fields[2]
                .trim_start_matches("person")
                .trim_end_matches("@example.org")
                .parse()
                .unwrap();
            (person, fields[3].to_string())
        })
        .collect();
    let salt = {
        use budgetbox::db::schema::rounds;
        rounds::table
            .find(round)
            .select(rounds::census_salt)
            .first::<String>(&mut app.conn())
            .unwrap()
    };

    // Voting: accounts are registered on the day, in the order their owners vote, and match
    // the census right before voting, a few seconds apart.
    let mut clock = at("2026-06-05T09:00");
    let mut tick = || {
        clock += chrono::Duration::seconds(7);
        app.clock.set(clock);
    };
    let mut first_seq = HashMap::new();
    let mut tokens = HashMap::new();
    for person in voting_order() {
        tick();
        let choice = json!({"projects": [projects[person % 3]]});
        let receipt = if person < ACCOUNTS {
            let browser = app.new_browser();
            let address = email(person);
            let fields = [
                ("display_name", "Person"),
                ("email", address.as_str()),
                ("password", PASSWORD),
                ("birth_year", "1980"),
                ("district", "north"),
            ];
            assert_eq!(
                app.submit_with(&browser, "/register", "/register", &fields)
                    .await
                    .status(),
                200
            );
            tick();
            app.submit_with(
                &browser,
                "/login",
                "/login",
                &[("email", address.as_str()), ("password", PASSWORD)],
            )
            .await;
            let doc = document(person);
            let res = app
                .submit_with(
                    &browser,
                    &format!("/rounds/{round}"),
                    &format!("/rounds/{round}/census-match"),
                    &[("document_number", doc.as_str()), ("birth_year", "1980")],
                )
                .await;
            assert_eq!(res.status(), 303, "person {person} matches the census");
            tick();
            let token = app.api_login(&email(person), PASSWORD).await;
            tokens.insert(person, token.clone());
            app.send_bearer(
                Method::POST,
                &format!("/api/v1/rounds/{round}/ballots"),
                &token,
                &choice,
            )
            .await
        } else {
            let code = &codes.iter().find(|(p, _)| *p == person).unwrap().1;
            let mut body = choice.clone();
            body["voting_code"] = code.as_str().into();
            app.new_browser()
                .post(app.url(&format!("/api/v1/rounds/{round}/ballots")))
                .json(&body)
                .send()
                .await
                .unwrap()
        };
        assert_eq!(receipt.status(), 201, "person {person}");
        let tracking = receipt.json::<Value>().await.unwrap()["tracking_code"]
            .as_str()
            .unwrap()
            .to_string();
        let proof: Value = app
            .get(&format!("/api/v1/receipts/{tracking}"))
            .await
            .json()
            .await
            .unwrap();
        first_seq.insert(person, proof["entry"]["seq"].as_i64().unwrap());
    }
    // Five people vote again, later: the revote tags must find their first ballots.
    for person in [3, 7, 11, 2, 19] {
        tick();
        let res = app
            .send_bearer(
                Method::POST,
                &format!("/api/v1/rounds/{round}/ballots"),
                &tokens[&person],
                &json!({"projects": [projects[(person + 1) % 3]]}),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    Truth {
        round,
        first_seq,
        codes,
        salt,
    }
}

/// One row of the copy that the attacker can tie to a person, with every value they could
/// order it by.
struct Seen {
    person: usize,
    keys: BTreeMap<String, String>,
}

/// Links an ordering makes: sorted by `key`, the i-th person is guessed to have cast the i-th
/// of these people's first ballots. None when the key does not order the rows at all.
fn links_by(seen: &[Seen], key: &str, truth: &Truth) -> Option<usize> {
    let mut rows: Vec<&Seen> = seen.iter().filter(|s| s.keys.contains_key(key)).collect();
    if rows.len() < 2 || rows.iter().all(|s| s.keys[key] == rows[0].keys[key]) {
        return None;
    }
    rows.sort_by(|a, b| a.keys[key].cmp(&b.keys[key]));
    let mut in_board_order: Vec<usize> = rows.iter().map(|s| s.person).collect();
    in_board_order.sort_by_key(|p| truth.first_seq[p]);
    Some(
        rows.iter()
            .zip(&in_board_order)
            .filter(|(s, p)| s.person == **p)
            .count(),
    )
}

/// A value as a sortable string: numbers padded, so text order is numeric order.
fn sortable(value: &str) -> String {
    match value.parse::<i64>() {
        Ok(n) => format!("{:020}", n as i128 + (1i128 << 62)),
        Err(_) => match value.trim_matches(|c| c == '(' || c == ')').split_once(',') {
            // A ctid, "(page,item)".
            Some((page, item)) if page.parse::<i64>().is_ok() && item.parse::<i64>().is_ok() => {
                format!(
                    "{:012}:{:06}",
                    page.parse::<i64>().unwrap(),
                    item.parse::<i64>().unwrap()
                )
            }
            _ => value.to_string(),
        },
    }
}

#[derive(QueryableByName, Debug)]
struct Row {
    #[diesel(sql_type = Text)]
    physical: String,
    #[diesel(sql_type = Text)]
    txid: String,
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    user_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    who: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    at: Option<String>,
}

/// Every table that holds a person, read from the copy with its physical order (rowid or
/// ctid) and transaction id (xmin; empty on SQLite).
fn read_copy(conn: &mut DbConnection, round: i64) -> BTreeMap<&'static str, Vec<Row>> {
    let postgres = matches!(conn, DbConnection::Postgres(_));
    let (physical, txid) = if postgres {
        ("ctid::text", "xmin::text")
    } else {
        ("CAST(rowid AS TEXT)", "''")
    };
    let text = |column: &str| format!("CAST({column} AS TEXT)");
    let queries = [
        ("participations", format!("SELECT {physical} AS physical, {txid} AS txid, id, user_id, token AS who, NULL AS at FROM participations WHERE round_id = {round}")),
        ("voter_checks", format!("SELECT {physical} AS physical, {txid} AS txid, id, user_id, census_hash AS who, {} AS at FROM voter_checks WHERE round_id = {round}", text("at"))),
        ("voting_codes", format!("SELECT {physical} AS physical, {txid} AS txid, id, NULL AS user_id, code_hash AS who, {} AS at FROM voting_codes WHERE round_id = {round}", text("created_at"))),
        ("users", format!("SELECT {physical} AS physical, {txid} AS txid, id, id AS user_id, email AS who, {} AS at FROM users", text("created_at"))),
        ("audit_log", format!("SELECT {physical} AS physical, {txid} AS txid, id, actor_id AS user_id, action AS who, {} AS at FROM audit_log", text("at"))),
        ("ballots", format!("SELECT {physical} AS physical, {txid} AS txid, seq AS id, supersedes AS user_id, voter_tag AS who, cast_day AS at FROM ballots WHERE round_id = {round}")),
    ];
    queries
        .into_iter()
        .map(|(table, sql)| {
            let rows = diesel::sql_query(sql)
                .load::<Row>(conn)
                .unwrap_or_else(|e| panic!("{table}: {e}"));
            (table, rows)
        })
        .collect()
}

/// Everything the attacker can tie to a person, from the copy, the mailing list and the key.
fn who_is_who(
    copy: &BTreeMap<&'static str, Vec<Row>>,
    truth: &Truth,
    secret: &[u8],
) -> Vec<(String, Seen)> {
    // Accounts by their address; census entries and codes by recomputing them with the key
    // and the mailing list.
    let by_user: HashMap<i64, usize> = copy["users"]
        .iter()
        .filter_map(|u| {
            let email = u.who.as_deref()?;
            let person = email
                .strip_prefix("person")?
                .strip_suffix("@example.org")?
                .parse()
                .ok()?;
            Some((u.id, person))
        })
        .collect();
    let mut by_text: HashMap<String, usize> = HashMap::new();
    for person in 0..PEOPLE {
        let entry =
            budgetbox::domain::census::census_hash(secret, &truth.salt, &document(person), 1980);
        by_text.insert(budgetbox::domain::census::token(&entry), person);
        by_text.insert(entry, person);
    }
    for (person, code) in &truth.codes {
        let hash = budgetbox::domain::voting_codes::code_hash(code);
        by_text.insert(budgetbox::domain::voting_codes::token(&hash, None), *person);
        by_text.insert(hash, *person);
    }
    let mut seen = Vec::new();
    for table in [
        "participations",
        "voter_checks",
        "voting_codes",
        "users",
        "audit_log",
    ] {
        for row in &copy[table] {
            let person = row
                .user_id
                .and_then(|u| by_user.get(&u).copied())
                .or_else(|| row.who.as_ref().and_then(|w| by_text.get(w).copied()));
            let Some(person) = person else { continue };
            let mut keys = BTreeMap::new();
            keys.insert(format!("{table}.id"), sortable(&row.id.to_string()));
            keys.insert(format!("{table}.physical"), sortable(&row.physical));
            if !row.txid.is_empty() {
                keys.insert(format!("{table}.xmin"), sortable(&row.txid));
            }
            if let Some(at) = &row.at {
                keys.insert(format!("{table}.time"), at.clone());
            }
            seen.push((table.to_string(), Seen { person, keys }));
        }
    }
    seen
}

/// Plays every attack on the copy; returns the report, one line per attack, and fails on any
/// that links more ballots than chance.
fn attack(conn: &mut DbConnection, truth: &Truth, secret: &[u8]) -> Vec<String> {
    let copy = read_copy(conn, truth.round);
    let seen = who_is_who(&copy, truth, secret);
    let mut report = Vec::new();
    let keys: std::collections::BTreeSet<String> = seen
        .iter()
        .flat_map(|(_, s)| s.keys.keys().cloned())
        .collect();
    for key in &keys {
        let rows: Vec<Seen> = seen
            .iter()
            .filter(|(_, s)| s.keys.contains_key(key))
            .map(|(_, s)| Seen {
                person: s.person,
                keys: s.keys.clone(),
            })
            .collect();
        // One row per person: their first in that order.
        let mut first: BTreeMap<usize, Seen> = BTreeMap::new();
        for row in rows {
            match first.get(&row.person) {
                Some(kept) if kept.keys[key] <= row.keys[key] => {}
                _ => {
                    first.insert(row.person, row);
                }
            }
        }
        let rows: Vec<Seen> = first.into_values().collect();
        let outcome = links_by(&rows, key, truth);
        report.push(format!(
            "order by {key}: {} people, {}",
            rows.len(),
            outcome.map_or("no order at all".to_string(), |n| format!("{n} linked"))
        ));
        if let Some(n) = outcome {
            assert!(
                n <= CHANCE,
                "ordering by {key} links {n} of {} people to their ballots",
                rows.len()
            );
        }
    }
    // Equal transaction ids: a participation written in the same transaction as one ballot.
    let ballots = &copy["ballots"];
    let mut joined = 0;
    for (_, s) in seen.iter().filter(|(t, _)| t == "participations") {
        if let Some(xmin) = s.keys.get("participations.xmin") {
            let same: Vec<&Row> = ballots
                .iter()
                .filter(|b| sortable(&b.txid) == *xmin)
                .collect();
            if same.len() == 1 && same[0].id == truth.first_seq[&s.person] {
                joined += 1;
            }
        }
    }
    report.push(format!(
        "participation and ballot with the same xmin: {joined} linked"
    ));
    assert!(
        joined <= CHANCE,
        "equal transaction ids link {joined} ballots"
    );
    // Revote tags, recomputed with the secret key for every person's token.
    let keys = budgetbox::domain::sealing::RoundKeys::new(secret, truth.round);
    let tags: std::collections::HashSet<&str> =
        ballots.iter().filter_map(|b| b.who.as_deref()).collect();
    let mut tagged = 0;
    for person in 0..PEOPLE {
        let entry =
            budgetbox::domain::census::census_hash(secret, &truth.salt, &document(person), 1980);
        if tags.contains(
            keys.revote_tag(&budgetbox::domain::census::token(&entry))
                .as_str(),
        ) {
            tagged += 1;
        }
    }
    report.push(format!(
        "ballots with a revote tag: {}; found with the key: {tagged}",
        tags.len()
    ));
    assert_eq!(tags.len(), 0, "revote tags are erased at the count");
    assert_eq!(tagged, 0);
    report
}

/// The database as an attacker copies it: SQLite's file with its write-ahead log (copied while
/// the server runs), or a connection to the PostgreSQL database.
fn copy_of(app: &TestApp, into: &std::path::Path) -> DbConnection {
    let url = app.database_url();
    match url.backend() {
        budgetbox::config::Backend::Sqlite => {
            let file = std::path::PathBuf::from(url.expose());
            for suffix in ["", "-wal", "-shm"] {
                let from = std::path::PathBuf::from(format!("{}{suffix}", file.display()));
                if from.exists() {
                    std::fs::copy(&from, into.join(format!("copy.sqlite{suffix}"))).unwrap();
                }
            }
            DbConnection::Sqlite(
                diesel::SqliteConnection::establish(into.join("copy.sqlite").to_str().unwrap())
                    .unwrap(),
            )
        }
        budgetbox::config::Backend::Postgres => {
            DbConnection::Postgres(diesel::PgConnection::establish(url.expose()).unwrap())
        }
    }
}

/// Every byte of the copy that can hold a ballot: the SQLite files, or every row of every
/// table of the PostgreSQL database as text.
fn everything_in(app: &TestApp, dir: &std::path::Path) -> Vec<u8> {
    let url = app.database_url();
    match url.backend() {
        budgetbox::config::Backend::Sqlite => ["", "-wal"]
            .iter()
            .filter_map(|suffix| std::fs::read(format!("{}{suffix}", url.expose())).ok())
            .flatten()
            .collect(),
        budgetbox::config::Backend::Postgres => {
            let mut conn = copy_of(app, dir);
            #[derive(QueryableByName)]
            struct Name {
                #[diesel(sql_type = Text)]
                table_name: String,
            }
            #[derive(QueryableByName)]
            struct Json {
                #[diesel(sql_type = Text)]
                row: String,
            }
            let tables: Vec<Name> = diesel::sql_query("SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public'").load(&mut conn).unwrap();
            let mut all = Vec::new();
            for t in tables {
                let rows: Vec<Json> = diesel::sql_query(format!(
                    "SELECT row_to_json(t)::text AS row FROM {} t",
                    t.table_name
                ))
                .load(&mut conn)
                .unwrap();
                for r in rows {
                    all.extend_from_slice(r.row.as_bytes());
                }
            }
            all
        }
    }
}

both_backends_with_clock! {
    async fn a_copy_of_the_database_during_voting_holds_no_readable_ballot(app) {
        let truth = vote_in_a_known_order(&app).await;
        let dir = tempfile::tempdir().unwrap();
        let bytes = everything_in(&app, dir.path());
        for needle in [&b"\"projects\""[..], b"{\\\"projects", b"projects\\\":["] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle), "ballot content readable in the copy: {}", String::from_utf8_lossy(needle));
        }
        // Nor does anyone see any of it on the site: the board carries commitments only, and
        // nothing counts the round before it is counted.
        let board: Value = app.get(&format!("/api/v1/rounds/{}/bulletin", truth.round)).await.json().await.unwrap();
        let entries = board["entries"].as_array().unwrap();
        assert_eq!(entries.len(), PEOPLE + 5);
        assert!(entries.iter().all(|e| e["content"].is_null() && e["salt"].is_null() && e["commitment"].as_str().unwrap().len() == 64), "{board}");
        app.create_user("auditor@example.org", PASSWORD, "auditor");
        let auditor = app.api_login("auditor@example.org", PASSWORD).await;
        for path in ["export.pb?pot=north", "export.csv", "export.json", "export.audit"] {
            let status = app.get_bearer(&format!("/api/v1/rounds/{}/{path}", truth.round), &auditor).await.status();
            assert!(status.is_client_error(), "{path}: {status}");
        }
        app.submit("/login", "/login", &[("email", "council@example.org"), ("password", PASSWORD)]).await;
        let simulator = app.get_html(&format!("/council/rounds/{}/simulate", truth.round)).await;
        assert!(simulator.status().is_client_error(), "the rule simulator shows nothing before the count");
        let round: Value = app.get(&format!("/api/v1/rounds/{}", truth.round)).await.json().await.unwrap();
        assert!(round["results"].is_null() && round["result_chain_head"].is_null(), "no result before the count: {round}");
    }

    async fn a_copy_of_the_database_after_the_count_links_no_ballot_to_its_voter(app) {
        let truth = vote_in_a_known_order(&app).await;
        app.clock.set(at("2026-06-15T18:00"));
        let council = app.api_login("council@example.org", PASSWORD).await;
        // The mail sender deletes what it has sent whenever it gets to it; let it finish, so
        // the files checked below hold what the count left and nothing written after it.
        let started = std::time::Instant::now();
        while budgetbox::domain::notifications::backlog(&mut app.conn(), chrono::Utc::now().naive_utc()).unwrap().queued > 0 {
            assert!(started.elapsed() < std::time::Duration::from_secs(60), "the outbox never drained");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/count", truth.round), &council, &json!({})).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        // The board now shows every ballot, and each commitment checks out.
        let board: Value = app.get(&format!("/api/v1/rounds/{}/bulletin", truth.round)).await.json().await.unwrap();
        for e in board["entries"].as_array().unwrap() {
            let (salt, content) = (e["salt"].as_str().unwrap(), e["content"].as_str().unwrap());
            assert_eq!(e["commitment"].as_str().unwrap(), budgetbox::domain::sealing::commit(salt, content));
        }
        let dir = tempfile::tempdir().unwrap();
        let mut copy = copy_of(&app, dir.path());
        // The attacker holds the secret key too: (b) of the threat model, stronger than (a).
        let report = attack(&mut copy, &truth, app.secret.expose());
        println!("{}:
  {}", app.backend_name(), report.join("
  "));
        assert!(report.len() > 12, "every table's orders were tried: {report:?}");
        if let DbConnection::Sqlite(_) = copy {
            // The files' bytes themselves: where each person's token lies in the copy (and its
            // write-ahead log) is an order too.
            let bytes: Vec<u8> = ["", "-wal"].iter().filter_map(|suffix| std::fs::read(dir.path().join(format!("copy.sqlite{suffix}"))).ok()).flatten().collect();
            let secret = app.secret.expose();
            let seen: Vec<Seen> = (0..PEOPLE)
                .filter_map(|person| {
                    let entry = budgetbox::domain::census::census_hash(secret, &truth.salt, &document(person), 1980);
                    let token = budgetbox::domain::census::token(&entry);
                    let offset = bytes.windows(token.len()).position(|w| w == token.as_bytes())?;
                    Some(Seen { person, keys: [("offset".to_string(), sortable(&offset.to_string()))].into() })
                })
                .collect();
            assert_eq!(seen.len(), PEOPLE, "every participation is in the file");
            let linked = links_by(&seen, "offset", &truth).unwrap();
            println!("  order by place in the file: {linked} linked");
            assert!(linked <= CHANCE, "the place of the rows in the file links {linked}");
            let wal = std::fs::metadata(format!("{}-wal", app.database_url().expose())).map(|m| m.len()).unwrap_or(0);
            assert_eq!(wal, 0, "the write-ahead log is emptied at the count");
            #[derive(QueryableByName)]
            struct Free {
                #[diesel(sql_type = BigInt)]
                freelist_count: i64,
            }
            let free: Vec<Free> = diesel::sql_query("PRAGMA freelist_count").load(&mut copy).unwrap();
            assert_eq!(free[0].freelist_count, 0, "no freed page keeps old rows");
        }
    }
}
