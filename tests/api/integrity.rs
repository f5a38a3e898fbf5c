//! One person, one ballot, played as an attacker would: deleting the account and registering
//! again, voting with both an account and a mailed code (in either order, and both at once),
//! and running an instance with another secret key. Every way in goes through the pages or
//! the API, over the matrix of eligibility rules and revote policies a council can choose.

use reqwest::Method;
use serde_json::{json, Value};

use crate::ballots::at;
use crate::helpers::TestApp;

const PASSWORD: &str = "violet tram umbrella";

/// Rounds are set up before their review phase ends; residents vote during voting.
const SETUP: &str = "2026-05-02T10:00";
const VOTING: &str = "2026-06-05T12:00";
const CLOSED: &str = "2026-06-15T18:00";

async fn council(app: &TestApp) -> String {
    let email = "officer@example.org";
    let exists = {
        let mut conn = app.conn();
        budgetbox::db::models::user::find_by_email(&mut conn, email)
            .unwrap()
            .is_some()
    };
    if !exists {
        app.create_user(email, PASSWORD, "council");
    }
    app.api_login(email, PASSWORD).await
}

struct Round {
    id: i64,
    project: i64,
    north: i64,
}

/// A round over districts north and south, with one feasible project in north, and the
/// given eligibility settings.
async fn round_with(app: &TestApp, council: &str, settings: Value) -> Round {
    app.clock.set(at("2026-03-01T12:00"));
    let mut config = json!({
        "title": "Integrity", "total_budget": "5000", "districts": "north=1000\nsouth=1000",
        "ballot_type": "approval", "min_choices": "1", "max_choices": "2", "rule": "greedy",
        "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
        "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00",
        "residence": "self-declared"
    });
    for (k, v) in settings.as_object().unwrap() {
        config[k] = v.clone();
    }
    let res = app
        .send_bearer(Method::POST, "/api/v1/rounds", council, &config)
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let mut conn = app.conn();
    let north = budgetbox::db::models::district::of_round(&mut conn, id).unwrap()[0].district_id;
    let project = crate::helpers::feasible_project(&mut conn, id, Some(north), "Benches", 10_000);
    Round { id, project, north }
}

async fn import_census(app: &TestApp, council: &str, round: i64, csv: &str) {
    app.clock.set(at(SETUP));
    let res = app
        .new_browser()
        .put(app.url(&format!("/api/v1/rounds/{round}/census")))
        .bearer_auth(council)
        .body(csv.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

/// A resident as a browser sees them (cookie session) and as an app does (Bearer token).
struct Resident {
    email: String,
    browser: reqwest::Client,
    token: String,
}

async fn register(app: &TestApp, email: &str) -> Resident {
    let browser = app.new_browser();
    let fields = [
        ("display_name", "Resident"),
        ("email", email),
        ("password", PASSWORD),
        ("birth_year", "1980"),
        ("district", "north"),
    ];
    let res = app
        .submit_with(&browser, "/register", "/register", &fields)
        .await;
    assert_eq!(res.status(), 200, "{email}");
    let res = app
        .submit_with(
            &browser,
            "/login",
            "/login",
            &[("email", email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 303, "{email} logs in");
    let token = app.api_login(email, PASSWORD).await;
    Resident {
        email: email.to_string(),
        browser,
        token,
    }
}

async fn delete_account(app: &TestApp, resident: &Resident) {
    let res = app
        .send_bearer(
            Method::DELETE,
            "/api/v1/me",
            &resident.token,
            &json!({"password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), 204, "{}", resident.email);
}

/// The census match on the round's page: (status, page).
async fn match_census(app: &TestApp, r: &Resident, round: i64, document: &str) -> (u16, String) {
    let res = app
        .submit_with(
            &r.browser,
            &format!("/rounds/{round}"),
            &format!("/rounds/{round}/census-match"),
            &[("document_number", document), ("birth_year", "1980")],
        )
        .await;
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn check_in_person(
    app: &TestApp,
    council: &str,
    round: i64,
    email: &str,
    document: &str,
) -> (u16, Value) {
    let res = app
        .send_bearer(
            Method::POST,
            &format!("/api/v1/rounds/{round}/voter-checks"),
            council,
            &json!({"email": email, "document_number": document}),
        )
        .await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn vote(app: &TestApp, round: &Round, bearer: Option<&str>, code: Option<&str>) -> u16 {
    vote_in(app, round, bearer, code, None).await
}

/// `vote`, the ballot naming its district (as the ballot page's form does).
async fn vote_in(
    app: &TestApp,
    round: &Round,
    bearer: Option<&str>,
    code: Option<&str>,
    district: Option<i64>,
) -> u16 {
    let mut body = json!({"projects": [round.project]});
    if let Some(district) = district {
        body["district"] = district.into();
    }
    if let Some(code) = code {
        body["voting_code"] = code.into();
    }
    let url = app.url(&format!("/api/v1/rounds/{}/ballots", round.id));
    let request = app.new_browser().post(url).json(&body);
    let request = match bearer {
        Some(token) => request.bearer_auth(token),
        None => request,
    };
    request.send().await.unwrap().status().as_u16()
}

/// Ballots the count takes (every entry not replaced by a later one of the same person).
async fn counted(app: &TestApp, council: &str, round: i64) -> i64 {
    app.clock.set(at(CLOSED));
    let res = app
        .send_bearer(
            Method::POST,
            &format!("/api/v1/rounds/{round}/count"),
            council,
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    res.json::<Value>().await.unwrap()["ballots"]
        .as_i64()
        .unwrap()
}

#[derive(Clone, Copy, Debug)]
enum Proof {
    Census,
    InPerson,
    Account,
}

both_backends_with_clock! {
    async fn deleting_the_account_and_registering_again_never_counts_a_second_ballot(app) {
        let council = council(&app).await;
        let mut n = 0;
        for proof in [Proof::Census, Proof::InPerson, Proof::Account] {
            for policy in ["final", "last-counts"] {
                n += 1;
                let email = format!("person{n}@example.org");
                let document = format!("ID-{n:04}");
                let settings = match proof {
                    Proof::Census => json!({"requires_census": "on", "residence": "verified", "revote_policy": policy}),
                    Proof::InPerson => json!({"requires_manual_check": "on", "revote_policy": policy}),
                    Proof::Account => json!({"revote_policy": policy}),
                };
                let round = round_with(&app, &council, settings).await;
                if let Proof::Census = proof {
                    import_census(&app, &council, round.id, &format!("document_number,birth_year,district\n{document},1980,north\n")).await;
                }
                app.clock.set(at(VOTING));
                let first = register(&app, &email).await;
                match proof {
                    Proof::Census => assert_eq!(match_census(&app, &first, round.id, &document).await.0, 303),
                    Proof::InPerson => assert_eq!(check_in_person(&app, &council, round.id, &email, &document).await.0, 200),
                    Proof::Account => {}
                }
                assert_eq!(vote(&app, &round, Some(&first.token), None).await, 201, "{proof:?} {policy}");
                delete_account(&app, &first).await;

                let again = register(&app, &email).await;
                let what = format!("{proof:?}, {policy}: the same person with a new account");
                let final_round = policy == "final";
                match proof {
                    Proof::Census => {
                        let (status, page) = match_census(&app, &again, round.id, &document).await;
                        if final_round {
                            assert_eq!(status, 422, "{what}: the census entry stays spent");
                            assert!(page.contains("has already voted in this round"), "{what}");
                        } else {
                            assert_eq!(status, 303, "{what}: may match again to replace the ballot");
                        }
                    }
                    Proof::InPerson => {
                        let (status, body) = check_in_person(&app, &council, round.id, &email, &document).await;
                        if final_round {
                            assert_eq!(status, 409, "{what}: the reviewer is told: {body}");
                            assert!(body["error"].as_str().unwrap().contains("already voted"), "{body}");
                        } else {
                            assert_eq!(status, 200, "{what}");
                            assert_eq!(body["already_voted"], true, "{what}: the reviewer sees it");
                        }
                    }
                    Proof::Account => {}
                }
                let second = vote(&app, &round, Some(&again.token), None).await;
                if final_round {
                    assert!(second == 403 || second == 409, "{what}: refused, got {second}");
                } else {
                    assert_eq!(second, 201, "{what}: the new ballot replaces the old one");
                }
                assert_eq!(counted(&app, &council, round.id).await, 1, "{what}: one ballot counted");
            }
        }
    }

    async fn an_account_and_a_mailed_code_of_one_person_cast_one_ballot_in_either_order(app) {
        let council = council(&app).await;
        let settings = json!({"requires_census": "on", "residence": "verified", "voting_channels": "accounts-and-codes"});
        let round = round_with(&app, &council, settings).await;
        let people = 14;
        let census: String = (0..people).map(|i| format!("DOC{i:04},1980,north\n")).collect();
        import_census(&app, &council, round.id, &format!("document_number,birth_year,district\n{census}")).await;
        // Codes without the census are refused here: they could not be tied to a person.
        let plain = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/voting-codes", round.id), &council, &json!({"count": 1})).await;
        assert_eq!(plain.status(), 409);
        // The mailing list: one code per person on it, bound to their census entry.
        let mailing = format!("document_number,birth_year,name\n{}", (0..people).map(|i| format!("DOC{i:04},1980,Person {i}\n")).collect::<String>());
        let res = app.new_browser().post(app.url(&format!("/api/v1/rounds/{}/voting-codes/from-census", round.id))).bearer_auth(&council).body(mailing).send().await.unwrap();
        assert_eq!(res.status(), 201);
        let list = res.text().await.unwrap();
        let codes: Vec<String> = list.lines().skip(1).map(|l| l.rsplit(',').next().unwrap().to_string()).collect();
        assert_eq!(codes.len(), people);
        assert!(list.starts_with("document_number,birth_year,name,code\n") && list.contains(",Person 3,"), "{list}");

        app.clock.set(at(VOTING));
        let mut residents = Vec::new();
        for i in 0..people {
            let r = register(&app, &format!("p{i}@example.org")).await;
            assert_eq!(match_census(&app, &r, round.id, &format!("DOC{i:04}")).await.0, 303);
            residents.push(r);
        }
        // Account first, then the code. A code's ballot that names its district is written,
        // on PostgreSQL, by a statement that reads the code itself: the same token.
        let north = Some(round.north);
        assert_eq!(vote(&app, &round, Some(&residents[0].token), None).await, 201);
        assert_eq!(vote(&app, &round, None, Some(&codes[0])).await, 409, "the code's person has voted");
        assert_eq!(vote_in(&app, &round, None, Some(&codes[0]), north).await, 409, "naming the district");
        // The code first, then the account.
        assert_eq!(vote_in(&app, &round, None, Some(&codes[1]), north).await, 201);
        assert_eq!(vote(&app, &round, Some(&residents[1].token), None).await, 409, "the account's person has voted");
        assert_eq!(vote(&app, &round, None, Some(&codes[1])).await, 409, "the code was used");
        // Both at once, twelve times (half the codes naming the district): one ballot each time.
        for i in 2..people {
            let district = north.filter(|_| i % 2 == 0);
            let (a, b) = tokio::join!(
                vote(&app, &round, Some(&residents[i].token), None),
                vote_in(&app, &round, None, Some(&codes[i]), district),
            );
            let mut both = [a, b];
            both.sort();
            assert_eq!(both, [201, 409], "person {i}: account {a}, code {b}");
        }
        assert_eq!(counted(&app, &council, round.id).await, people as i64);
    }

    async fn each_voting_channel_says_what_it_allows(app) {
        let council = council(&app).await;
        // Accounts and codes without a census could not tell one person's account from their code.
        let mut config = json!({
            "title": "Channels", "total_budget": "5000", "ballot_type": "approval", "rule": "greedy",
            "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
            "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00",
            "voting_channels": "accounts-and-codes"
        });
        let res = app.send_bearer(Method::POST, "/api/v1/rounds", &council, &config).await;
        assert_eq!(res.status(), 422);
        let body: Value = res.json().await.unwrap();
        assert!(body["fields"]["voting_channels"].as_str().unwrap().contains("census"), "{body}");
        // The older switch means the same and is refused the same way.
        config.as_object_mut().unwrap().remove("voting_channels");
        config["voting_codes"] = "on".into();
        assert_eq!(app.send_bearer(Method::POST, "/api/v1/rounds", &council, &config).await.status(), 422);
        // The council's form explains what each rule stops.
        let form = app.client.get(app.url("/council/rounds/new")).header("Accept", "text/html").bearer_auth(&council).send().await.unwrap().text().await.unwrap();
        assert!(form.contains("an account alone stops nothing against someone who opens throw-away accounts"), "{form}");
        assert!(form.contains("needs the census list"));

        // Codes only: plain codes, no account can vote, and the account is told why and how.
        let round = round_with(&app, &council, json!({"voting_channels": "codes", "residence": "none"})).await;
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/voting-codes", round.id), &council, &json!({"count": 2, "district": "north"})).await;
        assert_eq!(res.status(), 201);
        let codes: Vec<String> = serde_json::from_value(res.json::<Value>().await.unwrap()["codes"].clone()).unwrap();
        app.clock.set(at(VOTING));
        let resident = register(&app, "anna@example.org").await;
        assert_eq!(vote(&app, &round, Some(&resident.token), None).await, 403);
        let why: Value = app.get_bearer(&format!("/api/v1/rounds/{}/eligibility", round.id), &resident.token).await.json().await.unwrap();
        assert_eq!(why["eligible"], false);
        assert!(why["requirements"][0]["next_step"].as_str().unwrap().contains("code from your letter"), "{why}");
        assert_eq!(vote(&app, &round, None, Some(&codes[0])).await, 201);
        assert_eq!(vote(&app, &round, None, Some(&codes[0])).await, 409);
    }

    async fn an_instance_with_another_secret_key_refuses_to_serve(app) {
        let council = council(&app).await;
        let round = round_with(&app, &council, json!({"revote_policy": "last-counts"})).await;
        app.clock.set(at(VOTING));
        let resident = register(&app, "rosa@example.org").await;
        assert_eq!(vote(&app, &round, Some(&resident.token), None).await, 201);

        // A second instance on the same database, started with another key (a changed
        // BUDGETBOX_SECRET_KEY, or an instance that was never given the shared one).
        let other = crate::helpers::spawn_instance_with_secret(&app, budgetbox::config::SecretKey::generate());
        let client = reqwest::Client::new();
        let ready = client.get(format!("{other}/readyz")).send().await.unwrap();
        assert_eq!(ready.status(), 503);
        assert!(ready.text().await.unwrap().contains("secret key"), "the reason is given");
        assert_eq!(client.get(format!("{other}/healthz")).send().await.unwrap().status(), 200, "alive, but not ready");
        let revote = client.post(format!("{other}/api/v1/rounds/{}/ballots", round.id)).bearer_auth(&resident.token).json(&json!({"projects": [round.project]})).send().await.unwrap();
        assert_eq!(revote.status(), 503, "no revote it could not tie to the first ballot");
        assert_eq!(client.get(format!("{other}/rounds/{}", round.id)).send().await.unwrap().status(), 503);
        // The instance with the installation's key goes on; the voter's revote there replaces.
        assert_eq!(app.get("/readyz").await.status(), 200);
        assert_eq!(vote(&app, &round, Some(&resident.token), None).await, 201);
        assert_eq!(counted(&app, &council, round.id).await, 1);
    }
}
