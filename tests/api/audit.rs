//! The auditor's package: it verifies when fresh, and `verify` names the cause when any part
//! was tampered with. Also the import of real Pabulib files as closed rounds.

use budgetbox::domain::RoundId;
use std::collections::BTreeMap;

use budgetbox::audit::{self, read_files, seal, verify, write_tar};
use budgetbox::domain::bulletin::{entry_hash, BoardEntry, Committed, EntryFields};
use serde_json::Value;

type Files = BTreeMap<String, Vec<u8>>;

fn package_of_round(app: &crate::helpers::TestApp, round: i64) -> Vec<u8> {
    let key = audit::signing_key(&app.secret);
    budgetbox::domain::export::audit_package(&mut app.conn(), RoundId(round), &key).unwrap()
}

fn faults(bytes: &[u8], key: Option<&ed25519_dalek::VerifyingKey>) -> Vec<String> {
    verify(bytes, key).expect("still a package").faults
}

fn has(faults: &[String], needle: &str) -> bool {
    faults.iter().any(|f| f.contains(needle))
}

fn ballots_of(files: &Files) -> Vec<BoardEntry> {
    serde_json::from_slice(&files["ballots.json"]).unwrap()
}

fn with_ballots(files: &Files, ballots: &[BoardEntry]) -> Files {
    let mut files = files.clone();
    files.insert(
        "ballots.json".into(),
        serde_json::to_vec_pretty(ballots).unwrap(),
    );
    files
}

both_backends! {
    async fn fresh_audit_package_verifies_and_each_tampering_is_named(app) {
        crate::helpers::load_demo(&app);
        let key = audit::signing_key(&app.secret);
        let public = key.verifying_key();
        let bytes = package_of_round(&app, 1);
        let report = verify(&bytes, Some(&public)).unwrap();
        assert!(report.ok(), "{:?}", report.faults);
        assert!(report.summary[0].starts_with("round 1 "), "{:?}", report.summary);
        assert!(report.summary[1].starts_with("the signed tree head ("), "{:?}", report.summary);
        assert_eq!(report.summary.len(), 2 + 3, "one line per pot: {:?}", report.summary);

        let files = read_files(&bytes).unwrap();
        for name in ["README.txt", "round.json", "changes.json", "ballots.json", "result.json", "MANIFEST", "MANIFEST.sig", "public-key.txt", "pots/old-town.pb", "tree-head.json"] {
            assert!(files.contains_key(name), "{name} in the package");
        }
        let ballots = ballots_of(&files);
        assert!(ballots.len() > 100);

        // An altered ballot, the package left as it is: the manifest and the chain say so.
        let mut altered = ballots.clone();
        altered[4].content = Some(r#"{"projects":[]}"#.into());
        let tampered = write_tar(&with_ballots(&files, &altered), 0).unwrap();
        let found = faults(&tampered, Some(&public));
        assert!(has(&found, "ballots.json: changed after the package was signed"), "{found:?}");
        assert!(has(&found, "ballot 5: its content does not match its hash"), "{found:?}");

        // The same ballot altered and the package re-signed (an insider with the key): the chain
        // still names the ballot.
        let resigned = seal(with_ballots(&files, &altered), &key, 0).unwrap();
        let found = faults(&resigned, Some(&public));
        assert!(!has(&found, "MANIFEST"), "the signature is valid: {found:?}");
        assert!(has(&found, "ballot 5: its content does not match its hash"), "{found:?}");

        // A removed ballot.
        let mut removed = ballots.clone();
        removed.remove(6);
        let found = faults(&seal(with_ballots(&files, &removed), &key, 0).unwrap(), Some(&public));
        assert!(has(&found, "ballot 8: expected sequence number 7"), "{found:?}");

        // An added ballot, correctly chained on the end.
        let mut added = ballots.clone();
        let last = added.last().unwrap().clone();
        let commitment = last.commitment.clone().unwrap();
        let mut extra = BoardEntry { seq: last.seq + 1, prev_hash: last.entry_hash.clone(), entry_hash: String::new(), ..last };
        extra.entry_hash = entry_hash(&EntryFields { prev_hash: &extra.prev_hash, round_id: 1, seq: extra.seq, district_id: extra.district_id, tracking_hash: &extra.tracking_hash, supersedes: None, committed: Committed::Commitment(&commitment) });
        added.push(extra);
        let found = faults(&seal(with_ballots(&files, &added), &key, 0).unwrap(), Some(&public));
        assert!(!has(&found, "ballots.json: ballot"), "the chain itself is sound: {found:?}");
        assert!(has(&found, "ballots were added, removed or changed"), "{found:?}");
        assert!(has(&found, "ballots were counted, but the board holds"), "{found:?}");
        assert!(has(&found, "tree-head.json: the signed head is of"), "the signed tree does not have it: {found:?}");

        // The result edited: a funded project swapped for one that was not funded.
        let mut result: Value = serde_json::from_slice(&files["result.json"]).unwrap();
        let district = result["pots"][0]["district_id"].clone();
        let selected = result["pots"][0]["outcome"]["selected"].clone();
        let funded = selected[0].as_str().unwrap().to_string();
        let round: Value = serde_json::from_slice(&files["round.json"]).unwrap();
        let unfunded = round["basis"]["projects"].as_array().unwrap().iter()
            .find(|p| p["district_id"] == district && !selected.as_array().unwrap().iter().any(|s| s.as_str() == Some(&p["id"].to_string())))
            .map(|p| p["id"].to_string()).unwrap();
        result["pots"][0]["outcome"]["selected"][0] = Value::String(unfunded.clone());
        let mut edited = files.clone();
        edited.insert("result.json".into(), serde_json::to_vec_pretty(&result).unwrap());
        let found = faults(&seal(edited, &key, 0).unwrap(), Some(&public));
        assert!(has(&found, &format!("project {funded} ")) && has(&found, "the recount funds it, the result does not"), "{found:?}");
        assert!(has(&found, &format!("project {unfunded} ")) && has(&found, "the result funds it, the recount does not"), "{found:?}");

        // A wrong signature, and a package signed by another key than the site's.
        let mut bad_sig = files.clone();
        let mut sig = String::from_utf8(bad_sig["MANIFEST.sig"].clone()).unwrap();
        let flipped = if sig.starts_with('0') { "1" } else { "0" };
        sig.replace_range(0..1, flipped);
        bad_sig.insert("MANIFEST.sig".into(), sig.into_bytes());
        let found = faults(&write_tar(&bad_sig, 0).unwrap(), Some(&public));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(has(&found, "MANIFEST.sig: the signature does not match MANIFEST"), "{found:?}");
        let stranger = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
        let found = faults(&seal(files.clone(), &stranger, 0).unwrap(), Some(&public));
        assert!(has(&found, "public-key.txt: the package names key"), "{found:?}");
        assert!(has(&found, "MANIFEST.sig"), "{found:?}");

        // Not a package at all.
        assert!(verify(b"hello", None).is_err());
    }

    async fn audit_package_is_served_with_the_site_key(app) {
        crate::helpers::load_demo(&app);
        let key: Value = app.get("/api/v1/audit-key").await.json().await.unwrap();
        let public = audit::parse_public_key(key["public_key"].as_str().unwrap()).unwrap();
        let res = app.get("/api/v1/rounds/1/export.audit").await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/x-tar");
        let bytes = res.bytes().await.unwrap();
        let report = verify(&bytes, Some(&public)).unwrap();
        assert!(report.ok(), "{:?}", report.faults);
        assert_eq!(bytes.as_ref(), package_of_round(&app, 1).as_slice(), "two exports of a round are identical");
        assert_eq!(app.get("/api/v1/rounds/2/export.audit").await.status(), 403, "not before results");
        let page = app.get_html("/verify").await.text().await.unwrap();
        assert!(page.contains(key["public_key"].as_str().unwrap()));
        let round_page = app.get_html("/rounds/1").await.text().await.unwrap();
        assert!(round_page.contains("/api/v1/rounds/1/export.audit"));
    }

    async fn imported_pabulib_files_round_trip(app) {
        use budgetbox::pabulib;
        let now = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(12, 0, 0).unwrap();
        for name in [
            "Poland_Warszawa_2017_Grochow_Centrum.pb",
            "Poland_Czestochowa_2024_Gnaszyn_-_Kawodrza.pb",
            "Poland_Zabrze_2020_Konczyce.pb",
            "Netherlands_Assen_2024.pb",
            "Poland_Krakow_2025_Mistrzejowice.pb",
        ] {
            let path = format!("{}/tests/data/pabulib/samples/{name}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(&path).unwrap();
            let original = pabulib::parse_bytes(&bytes).unwrap();
            let summary = budgetbox::domain::import::import_pabulib(&mut app.conn(), &bytes, name, now).unwrap();
            assert_ne!(summary.matches_official, Some(false), "{name}: {summary}");
            // The file's `selected` column, or where it has none, its count by the declared rule.
            let expected = original.official_outcome().unwrap_or_else(|| {
                let rule = original.declared_rule().unwrap();
                budgetbox::tally::tally(&original.to_election().unwrap(), &rule, &rule.default_tie_break()).unwrap().selected
            });
            let exported = pabulib::parse(&budgetbox::domain::export::pabulib_text(&mut app.conn(), RoundId(summary.round_id), None).unwrap()).unwrap();
            let projects = |i: &pabulib::Instance| {
                let mut v: Vec<(String, i64)> = i.projects.iter().map(|p| (p.id.clone(), p.cost)).collect();
                v.sort();
                v
            };
            assert_eq!(projects(&exported), projects(&original), "{name}: projects");
            // A ballot is a set of projects (with points); the order inside it carries nothing.
            let votes = |i: &pabulib::Instance| {
                i.votes.iter().map(|v| {
                    let mut pairs: Vec<(String, u64)> = v.vote.iter().cloned().zip(v.points.iter().copied().chain(std::iter::repeat(1))).collect();
                    if i.vote_type != pabulib::VoteType::Ordinal {
                        pairs.sort();
                    }
                    pairs
                }).collect::<Vec<_>>()
            };
            let (exported_votes, original_votes) = (votes(&exported), votes(&original));
            assert_eq!(exported_votes.len(), original_votes.len(), "{name}: ballots");
            let differing = exported_votes.iter().zip(&original_votes).filter(|(a, b)| a != b).count();
            assert_eq!(differing, 0, "{name}: ballots differ, in order");
            let mut a = exported.official_outcome().unwrap();
            let mut b = expected;
            a.sort();
            b.sort();
            assert_eq!(a, b, "{name}: outcome");
            // The imported round is closed and public, and its package verifies.
            let round: Value = app.get(&format!("/api/v1/rounds/{}", summary.round_id)).await.json().await.unwrap();
            assert_eq!(round["phase"], "results", "{name}");
            let report = verify(&package_of_round(&app, summary.round_id), None).unwrap();
            assert!(report.ok(), "{name}: {:?}", report.faults);
        }
        // Files it cannot take: refused whole, nothing stored.
        let rounds_before = budgetbox::db::models::round::count(&mut app.conn()).unwrap();
        let scoring = b"META\nkey;value\nnum_projects;1\nnum_votes;1\nbudget;100\nvote_type;scoring\nrule;greedy\nPROJECTS\nproject_id;cost\n1;50\nVOTES\nvoter_id;vote;points\n1;1;3\n";
        let err = budgetbox::domain::import::import_pabulib(&mut app.conn(), scoring, "s.pb", now).err().unwrap();
        assert!(err.to_string().contains("scoring ballots cannot be imported"), "{err}");
        let err = budgetbox::domain::import::import_pabulib(&mut app.conn(), b"META\nkey;value\nbudget;x\n", "bad.pb", now).err().unwrap();
        assert!(matches!(err, budgetbox::error::AppError::Unprocessable(_)), "{err}");
        assert_eq!(budgetbox::db::models::round::count(&mut app.conn()).unwrap(), rounds_before);
    }
}
