//! `budgetbox tally` as a process: the official outcome of every sample with `--rule auto`,
//! JSON output, and one-line errors with exit code 2.

use std::collections::BTreeSet;
use std::process::Command;

use crate::data::sample;
use crate::samples::SAMPLES;

fn tally(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_budgetbox"))
        .arg("tally")
        .args(args)
        .output()
        .expect("budgetbox runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn auto_reproduces_every_reproducible_sample_from_the_command_line() {
    let mut checked = 0;
    for (name, expect) in SAMPLES {
        let path = sample(name);
        let text = std::fs::read(&path).unwrap();
        let instance = budgetbox::pabulib::parse_bytes(&text).unwrap();
        let (code, out, err) = tally(&[path.to_str().unwrap()]);
        match (expect.is_reproduced(), instance.official_outcome()) {
            (true, Some(official)) => {
                assert_eq!(code, 0, "{name}: {err}");
                let ours: BTreeSet<&str> = out.lines().collect();
                let theirs: BTreeSet<&str> = official.iter().map(String::as_str).collect();
                assert_eq!(ours, theirs, "{name}");
                checked += 1;
            }
            _ if expect.is_refused() => {
                assert_eq!(code, 2, "{name}");
                assert_eq!(err.lines().count(), 1, "{name}: {err}");
                assert!(err.contains("pass --rule"), "{name}: {err}");
            }
            _ => assert_eq!(code, 0, "{name}: {err}"),
        }
    }
    assert!(checked >= 13, "only {checked} samples were compared");
}

#[test]
fn json_output_explains_every_project() {
    let path = sample("Poland_Warszawa_2017_Grochow_Centrum.pb");
    let (code, out, err) = tally(&[path.to_str().unwrap(), "--rule", "greedy", "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["rule"], "greedy");
    assert_eq!(json["tie_break"], "cost,id");
    let spent = json["spent"].as_i64().unwrap();
    assert!(spent <= json["budget"].as_i64().unwrap());
    let explanations = json["explanation"].as_array().unwrap();
    assert_eq!(explanations.len(), 15);
    let selected: Vec<&str> = json["selected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let funded_cost: i64 = explanations
        .iter()
        .filter(|e| e["selected"] == true)
        .map(|e| e["cost"].as_i64().unwrap())
        .sum();
    assert_eq!(funded_cost, spent);
    assert_eq!(
        explanations
            .iter()
            .filter(|e| e["selected"] == true)
            .count(),
        selected.len()
    );
    assert!(explanations.iter().all(|e| e["reason"]["kind"].is_string()));

    let (code, out, _) = tally(&[
        path.to_str().unwrap(),
        "--rule",
        "mes-add1",
        "--tie-break",
        "lottery:7,id",
        "--json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["tie_break"], "lottery:7,id",
        "the tie-break used is recorded"
    );
}

#[test]
fn bad_input_is_one_line_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.pb");
    std::fs::write(&bad, "META\nkey;value\nnum_projects;1\nnum_votes;1\nbudget;100\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost\n1;50\nVOTES\nvoter_id;vote\nv1;77\n").unwrap();
    let good = dir.path().join("good.pb");
    std::fs::write(
        &good,
        std::fs::read_to_string(&bad)
            .unwrap()
            .replace("v1;77", "v1;1"),
    )
    .unwrap();
    let binary = dir.path().join("binary.pb");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    assert_eq!(
        tally(&[good.to_str().unwrap()]).1,
        "1\n",
        "the good file tallies"
    );
    let cases: [(Vec<&str>, &str); 5] = [
        (vec![bad.to_str().unwrap()], "VOTES line 13"),
        (vec![binary.to_str().unwrap()], "bad.pb"),
        (vec!["/no/such/file.pb"], "cannot read /no/such/file.pb"),
        (
            vec![good.to_str().unwrap(), "--rule", "plurality"],
            "plurality",
        ),
        (
            vec![
                good.to_str().unwrap(),
                "--rule",
                "greedy",
                "--tie-break",
                "alphabet",
            ],
            "unknown tie-break key",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = tally(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("budgetbox: ") && !err.contains("panicked"),
            "{args:?}: {err}"
        );
        if expected != "bad.pb" {
            assert!(err.contains(expected), "{args:?}: {err}");
        }
    }
}

/// A ballot longer than the file's `max_length` is counted with a warning on stderr, and
/// refused with `--strict`.
#[test]
fn ballots_over_max_length_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.pb");
    std::fs::write(
        &file,
        "META\nkey;value\ndescription;long ballots\nnum_projects;3\nnum_votes;2\nbudget;100\n\
         vote_type;approval\nrule;greedy\nmax_length;1\nPROJECTS\nproject_id;cost\n1;60\n2;50\n3;10\n\
         VOTES\nvoter_id;vote\nv1;1,2\nv2;3\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let (code, out, err) = tally(&[path]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2, "counted as cast: {out}");
    assert!(
        err.contains("1 ballot(s) name more than max_length = 1 projects"),
        "{err}"
    );
    let (code, out, err) = tally(&[path, "--strict"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--strict"), "{err}");
    let (code, _, err) = tally(&[
        sample("Poland_Warszawa_2017_Grochow_Centrum.pb")
            .to_str()
            .unwrap(),
        "--strict",
    ]);
    assert_eq!(
        code, 0,
        "a file whose ballots keep to max_length passes --strict: {err}"
    );
    assert!(err.is_empty(), "{err}");
}
