//! A group of fresh ballots written in one statement (`board_writes::append_fresh`,
//! PostgreSQL): played against every way it could go wrong — a writer whose memory of the
//! board's end is behind, ahead or wrong, a person who voted already, a ballot stamped outside
//! voting, and a count that takes the round while the statement waits — it writes all or
//! nothing, and nothing whenever the ballots would not stand as a transaction would have
//! decided them.

use budgetbox::domain::ballots::{self, Cast, Choice, Prepared, Voter};
use budgetbox::domain::board_writes;
use budgetbox::domain::bulletin::{self, Tail};
use budgetbox::domain::RoundId;
use reqwest::Method;
use serde_json::{json, Value};

use crate::ballots::{at, fixture, stored, PASSWORD};
use crate::helpers::TestApp;

async fn new_codes(app: &TestApp, round: i64, count: usize) -> Vec<String> {
    let council = app.api_login("council@example.org", PASSWORD).await;
    let res = app
        .send_bearer(
            Method::POST,
            &format!("/api/v1/rounds/{round}/voting-codes"),
            &council,
            &json!({"count": count, "district": "north"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let codes: Value = res.json().await.unwrap();
    codes["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect()
}

/// Writes `group` at `now`s in one statement chained after `tail`.
fn write_fresh(
    conn: &mut budgetbox::db::DbConnection,
    round: i64,
    group: &[(&Prepared, chrono::NaiveDateTime)],
    tail: &Tail,
) -> budgetbox::error::AppResult<Option<board_writes::Written>> {
    let fresh = board_writes::fresh_group(RoundId(round), group, tail).expect("a fresh group");
    board_writes::append_fresh(conn, &fresh)
}

/// Writes `group` at `now`s in one statement, from a fresh connection.
fn append(
    app: &TestApp,
    round: i64,
    group: &[(&Prepared, chrono::NaiveDateTime)],
    tail: &Tail,
) -> Option<Vec<String>> {
    let written = write_fresh(&mut app.conn(), round, group, tail).expect("no database error");
    written.map(|w| {
        assert_eq!(
            w.tail.as_ref(),
            Some(&bulletin::tail(&mut app.conn(), RoundId(round)).unwrap()),
            "the board ends where the writer now believes"
        );
        w.outcomes
            .into_iter()
            .map(|o| o.expect("every ballot stored").tracking_code)
            .collect()
    })
}

both_backends_with_clock! {
    async fn a_group_in_one_statement_is_written_whole_or_not_at_all(app) {
        let f = fixture(&app, "approval", json!({"voting_channels": "codes", "residence": "none"})).await;
        let codes = new_codes(&app, f.round, 6).await;
        let now = app.clock.now();
        let choice = Choice::Projects(vec![f.north_projects[0]]);
        let secret = app.secret.expose();
        let prepare = |code: &str| {
            let cast = Cast { round_id: f.round, voter: Voter::Code(code), requested_district: None, choice: &choice, channel: ballots::Channel::Code };
            ballots::prepare(&mut app.conn(), secret, cast, now).unwrap()
        };
        // The first ballot goes the usual way.
        let res = app.new_browser().post(app.url(&format!("/api/v1/rounds/{}/ballots", f.round))).json(&json!({"projects": [f.north_projects[0]], "voting_code": codes[0]})).send().await.unwrap();
        assert_eq!(res.status(), 201);
        let tail = bulletin::tail(&mut app.conn(), RoundId(f.round)).unwrap();
        assert_eq!(tail.seq, 1);
        let [again, b1, b2, b3] = [&codes[0], &codes[1], &codes[2], &codes[3]].map(|c| prepare(c));
        let pair = [(&b1, now), (&b2, now)];
        if app.backend_name() == "sqlite" {
            // SQLite writes in-process, where a statement costs no round trip: always the
            // transaction.
            assert!(append(&app, f.round, &pair, &tail).is_none());
            assert_eq!(stored(&app, f.round), (1, 1));
            return;
        }
        let nothing_written = |why: &str| assert_eq!(stored(&app, f.round), (1, 1), "{why}: nothing written");
        // The writer's memory of the board's end is behind, ahead, or has the wrong hash.
        let genesis = bulletin::tail_from(None);
        assert!(append(&app, f.round, &pair, &genesis).is_none());
        nothing_written("behind");
        assert!(append(&app, f.round, &pair, &Tail { seq: 2, head: tail.head.clone() }).is_none());
        nothing_written("ahead");
        assert!(append(&app, f.round, &pair, &Tail { seq: 1, head: genesis.head.clone() }).is_none());
        nothing_written("another hash");
        // A person who voted already, with a fresh one: the fresh one's participation goes too.
        assert!(append(&app, f.round, &[(&b1, now), (&again, now)], &tail).is_none());
        nothing_written("a code used already");
        // A ballot stamped after voting closed, or before it opened.
        assert!(append(&app, f.round, &[(&b1, now), (&b2, at("2026-06-15T18:00"))], &tail).is_none());
        nothing_written("after the close");
        assert!(append(&app, f.round, &[(&b1, at("2026-06-01T08:59")), (&b2, now)], &tail).is_none());
        nothing_written("before the opening");
        // As it should be: written, and the chain goes on.
        let receipts = append(&app, f.round, &pair, &tail).expect("written in one statement");
        assert_eq!(receipts.len(), 2);
        assert_eq!(stored(&app, f.round), (3, 3));
        let board = budgetbox::db::models::ballot::of_round(&mut app.conn(), f.round).unwrap();
        bulletin::verify_chain(f.round, &board).unwrap();
        for code in &receipts {
            assert!(board.iter().any(|b| b.tracking_hash == bulletin::tracking_hash(code)));
        }
        // The same ballots again (their codes now spent) are turned away.
        let tail = bulletin::tail(&mut app.conn(), RoundId(f.round)).unwrap();
        assert!(append(&app, f.round, &pair, &tail).is_none());
        assert_eq!(stored(&app, f.round), (3, 3));

        // The count takes the round while a statement waits for its lock. The statement's
        // snapshot is older than the count, so only the count's own write can turn it away.
        let after_close = at("2026-06-15T18:00");
        let (mut counting, mut writing) = (app.conn(), app.conn());
        let (round, late) = (f.round, b3.clone());
        let mut statement = None;
        budgetbox::db::write_transaction(&mut counting, |conn| {
            budgetbox::domain::counting::lock_for_count(conn, RoundId(round), after_close)?;
            let started = std::thread::spawn(move || {
                write_fresh(&mut writing, round, &[(&late, now)], &tail).map(|w| w.is_some())
            });
            // Until the statement waits for the round's lock (or, wrongly, is done already).
            while !started.is_finished() && !waits_for_a_lock(&app) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            statement = Some(started);
            Ok::<_, budgetbox::error::AppError>(())
        })
        .unwrap();
        let written = statement.unwrap().join().unwrap().expect("no database error");
        assert!(!written, "the statement wrote after the count took the round");
        assert_eq!(stored(&app, f.round), (3, 3), "no ballot after the count took the round");
    }
}

both_backends_with_clock! {
    async fn a_voting_code_read_by_the_statement_that_writes_its_ballot(app) {
        // On PostgreSQL a code's ballot that names its district is written without reading
        // the code first: the statement reads it. Each way the code could be wrong makes the
        // statement write nothing, and the writer's reading then refuses the ballot as
        // before; a good code spends its person's token, whichever way it was read.
        let f = fixture(&app, "approval", json!({"voting_channels": "codes", "residence": "none"})).await;
        let codes = new_codes(&app, f.round, 4).await;
        let now = app.clock.now();
        let choice = Choice::Projects(vec![f.north_projects[0]]);
        let secret = app.secret.expose();
        let papers = ballots::BallotPapers::default();
        let snapshot = papers.round(&mut app.conn(), RoundId(f.round), now).unwrap();
        snapshot.paper(&mut app.conn(), Some(f.north)).unwrap();
        snapshot.paper(&mut app.conn(), Some(f.south)).unwrap();
        let unread = |code: &str, district: i64| {
            let cast = Cast { round_id: f.round, voter: Voter::Code(code), requested_district: Some(district), choice: &choice, channel: ballots::Channel::Code };
            ballots::prepare_unread_code(&papers, secret, cast, now).expect("prepared without reading the code").unwrap()
        };
        let south_choice = Choice::Projects(vec![f.south_project]);
        let in_south = |code: &str| {
            let cast = Cast { round_id: f.round, voter: Voter::Code(code), requested_district: Some(f.south), choice: &south_choice, channel: ballots::Channel::Code };
            ballots::prepare_unread_code(&papers, secret, cast, now).unwrap().unwrap()
        };
        // Without a district named, the code's record says which paper: it is read first.
        let cast = Cast { round_id: f.round, voter: Voter::Code(&codes[0]), requested_district: None, choice: &choice, channel: ballots::Channel::Code };
        assert!(ballots::prepare_unread_code(&papers, secret, cast, now).is_none());
        let unknown = unread("AAAA-BBBB-CCCC-DDDD", f.north);
        let elsewhere = in_south(&codes[1]);
        let good = unread(&codes[2], f.north);
        let tail = bulletin::tail(&mut app.conn(), RoundId(f.round)).unwrap();
        let nothing = |why: &str| assert_eq!(stored(&app, f.round), (0, 0), "{why}: nothing written");
        if app.backend_name() == "postgres" {
            for (ballot, why) in [(&unknown, "a code not on the list"), (&elsewhere, "a code of another district")] {
                assert!(write_fresh(&mut app.conn(), f.round, &[(&good, now), (ballot, now)], &tail).unwrap().is_none(), "{why}");
                nothing(why);
            }
        }
        // The writer reads the codes, and refuses as a ballot prepared the usual way is.
        let group = [(&unknown, now), (&elsewhere, now), (&good, now)];
        let read = board_writes::read_codes(&mut app.conn(), RoundId(f.round), &group).unwrap().expect("codes to read");
        let refusal = |r: &budgetbox::error::AppResult<Prepared>| match r {
            Err(budgetbox::error::AppError::Forbidden(m)) => m.clone(),
            other => panic!("refused, not {other:?}"),
        };
        use budgetbox::i18n::Message;
        assert_eq!(refusal(&read[0]), Message::new("messages-ballots-code-unknown"));
        assert_eq!(refusal(&read[1]), Message::new("messages-ballots-vote-own-district-ballot"));
        let token = budgetbox::domain::voting_codes::token(&budgetbox::domain::voting_codes::code_hash(&codes[2]), None);
        let spent = |token: &str| budgetbox::db::models::ballot::token_spent(&mut app.conn(), f.round, token).unwrap();
        assert!(!spent(&token));
        match app.backend_name() {
            "postgres" => {
                // Written by the statement, spending the code's token.
                let receipts = write_fresh(&mut app.conn(), f.round, &[(&good, now)], &tail).unwrap().expect("written");
                assert_eq!(receipts.outcomes.len(), 1);
            }
            _ => {
                let Ok(read) = &read[2] else { panic!("the good code is read") };
                let written = budgetbox::db::write_transaction(&mut app.conn(), |conn| board_writes::commit_all(conn, RoundId(f.round), &[(read, now)])).unwrap();
                assert!(written.outcomes[0].is_ok());
            }
        }
        assert!(spent(&token), "the participation spends the code's token");
        assert_eq!(stored(&app, f.round), (1, 1));
        // A transaction never takes a ballot whose code was not read.
        let again = unread(&codes[3], f.north);
        let refused = budgetbox::db::write_transaction(&mut app.conn(), |conn| board_writes::commit_all(conn, RoundId(f.round), &[(&again, now)]));
        assert!(refused.is_err());
        assert_eq!(stored(&app, f.round), (1, 1));

        // Through HTTP, the answers are the ones a voter got before. (The server reads a
        // round's paper with its first ballot; from the second on, a code's ballot naming
        // its district is written without reading the code first.)
        let post = |body: Value| app.new_browser().post(app.url(&format!("/api/v1/rounds/{}/ballots", f.round))).json(&body).send();
        let res = post(json!({"projects": [f.north_projects[0]], "voting_code": codes[1], "district": f.north})).await.unwrap();
        assert_eq!(res.status(), 201);
        let res = post(json!({"projects": [f.north_projects[0]], "voting_code": "AAAA-BBBB-CCCC-DDDD", "district": f.north})).await.unwrap();
        assert_eq!(res.status(), 403);
        assert!(res.text().await.unwrap().contains("not valid for this round"), "the unknown code's message");
        let res = post(json!({"projects": [f.north_projects[0]], "voting_code": codes[2], "district": f.north})).await.unwrap();
        assert_eq!(res.status(), 409, "a code used already");
        let res = post(json!({"projects": [f.north_projects[0]], "voting_code": codes[1], "district": f.north})).await.unwrap();
        assert_eq!(res.status(), 409);
        let res = post(json!({"projects": [f.south_project], "voting_code": codes[3], "district": f.south})).await.unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(stored(&app, f.round), (2, 2));
    }
}

/// Whether a session of this test's database waits for a lock.
pub(crate) fn waits_for_a_lock(app: &TestApp) -> bool {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Waiting {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = app.conn();
    let budgetbox::db::DbConnection::Postgres(pg) = &mut *conn else {
        return false;
    };
    let waiting: Waiting = diesel::sql_query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
        .get_result(pg)
        .unwrap();
    waiting.n > 0
}
