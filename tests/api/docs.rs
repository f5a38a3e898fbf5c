//! Every command the README and `docs/` show, run for real against a scratch data directory.
//! A `budgetbox` command shown in a document without a runnable example here fails the test,
//! so the documents cannot drift from the binary; `cargo bench --bench NAME` and the scripts
//! they name must exist.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{budgetbox, free_port};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The README and every page of `docs/`.
fn documents() -> Vec<(String, String)> {
    let mut paths = vec![manifest().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(manifest().join("docs"))
        .expect("docs/ exists")
        .map(|e| e.expect("readable docs/").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    paths.extend(docs);
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable document");
            (p.display().to_string(), text)
        })
        .collect()
}

/// The code a document shows: lines of fenced blocks, and inline code spans.
fn code_of(text: &str) -> Vec<String> {
    let mut code = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            code.push(line.trim().to_string());
        } else {
            code.extend(line.split('`').skip(1).step_by(2).map(str::to_string));
        }
    }
    code
}

/// `budgetbox` subcommands shown (`admin create`, `tally`…), with where.
fn shown_subcommands() -> BTreeSet<(String, String)> {
    let mut shown = BTreeSet::new();
    for (doc, text) in documents() {
        for code in code_of(&text) {
            let Some(rest) = code.strip_prefix("budgetbox ") else {
                continue;
            };
            let words: Vec<&str> = rest.split_whitespace().collect();
            let first = words
                .first()
                .map_or("", |w| w.trim_matches(|c| c == '[' || c == ']'));
            // A subcommand is a lowercase word (`budgetbox <no-reply@…>` is a mail sender).
            if first.is_empty()
                || !first.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                || first.starts_with('-')
            {
                continue;
            }
            let key = match first {
                "admin" | "codes" | "census" | "area" => {
                    format!("{first} {}", words.get(1).unwrap_or(&""))
                }
                other => other.to_string(),
            };
            shown.insert((key, doc.clone()));
        }
    }
    shown
}

/// Runs one command to completion, bounded in time; returns (exit code, stdout, stderr).
fn run(data_dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = budgetbox()
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("budgetbox runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn ok(data_dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(data_dir, args);
    assert_eq!(code, 0, "budgetbox {}: {err}", args.join(" "));
    out
}

/// `serve` until `/healthz` answers, then stopped.
fn serves(data_dir: &Path, extra: &[&str]) {
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let mut child = budgetbox()
        .arg("--data-dir")
        .arg(data_dir)
        .args(["serve", "--bind", &bind, "--no-demo"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("budgetbox serve starts");
    let started = Instant::now();
    let healthy = loop {
        let answered = std::net::TcpStream::connect(&bind).ok().and_then(|mut s| {
            use std::io::{Read, Write};
            s.write_all(b"GET /healthz HTTP/1.0\r\n\r\n").ok()?;
            let mut reply = String::new();
            s.read_to_string(&mut reply).ok()?;
            Some(reply.starts_with("HTTP/1.0 200") || reply.starts_with("HTTP/1.1 200"))
        });
        if answered == Some(true) || started.elapsed() > Duration::from_secs(30) {
            break answered == Some(true);
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        healthy,
        "budgetbox serve {} never answered /healthz",
        extra.join(" ")
    );
}

/// Rounds the commands need that the demo city does not have: one voted with codes only, one
/// with a census list. Made through the library, as a council would on its pages.
fn rounds_for_codes_and_census(data_dir: &Path, council_email: &str) -> (i64, i64, i64) {
    use budgetbox::domain::round_config::{self, RoundInput};
    let settings = budgetbox::config::Settings::resolve(
        data_dir.to_path_buf(),
        None,
        None,
        "127.0.0.1:0".into(),
    )
    .expect("settings of the scratch directory");
    let pool = budgetbox::app::prepare_database(&settings).expect("the scratch database opens");
    let mut conn = budgetbox::db::connection::get(&pool).expect("a connection");
    let now = chrono::Utc::now().naive_utc();
    let council = budgetbox::domain::accounts::find_by_email(&mut conn, council_email)
        .expect("the account made by `admin create`")
        .id;
    let at = |days: i64| {
        (now + chrono::Duration::days(days))
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    // The census can change until voting opens; codes are used while it runs.
    let mut create = |title: &str, channels: &str, census: bool, opens: i64| {
        let input = RoundInput {
            title: title.into(),
            currency: "EUR".into(),
            total_budget: "1000".into(),
            ballot_type: "approval".into(),
            min_choices: "1".into(),
            rule: "greedy".into(),
            time_zone: "UTC".into(),
            residence: "none".into(),
            revote_policy: "final".into(),
            voting_channels: channels.into(),
            requires_census: census.then(|| "on".to_string()),
            proposals_open_at: at(-30),
            review_at: at(-2),
            voting_open_at: at(opens),
            voting_close_at: at(opens + 10),
            ..RoundInput::default()
        };
        let config = input.parse().expect("a valid round");
        round_config::create(&mut conn, council, &config, now).expect("the round is created")
    };
    let codes = create("Voted with codes", "codes", false, -1);
    let census = create("Checked against the census", "accounts-and-codes", true, 5);
    let past = budgetbox::domain::rounds::list(&mut conn, now)
        .expect("rounds")
        .into_iter()
        .find(|r| r.slug == "riverton-2025")
        .expect("the demo's counted round")
        .id
        .0;
    (codes, census, past)
}

#[test]
fn every_command_the_documents_show_runs() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let d = scratch.path().join("data");
    let file = |name: &str| scratch.path().join(name).display().to_string();
    let sample = manifest()
        .join("tests/data/pabulib/samples/Poland_Warszawa_2017_Grochow_Centrum.pb")
        .display()
        .to_string();
    let mut ran: BTreeSet<&str> = BTreeSet::new();

    ok(&d, &["migrate"]);
    ran.insert("migrate");
    ok(&d, &["demo"]);
    ran.insert("demo");
    let password = ok(
        &d,
        &[
            "admin",
            "create",
            "--email",
            "docs@example.org",
            "--role",
            "council",
        ],
    );
    assert!(!password.trim().is_empty(), "the password is printed once");
    ran.insert("admin create");
    let (codes_round, census_round, past) = rounds_for_codes_and_census(&d, "docs@example.org");
    ok(
        &d,
        &[
            "admin",
            "set-role",
            "--email",
            "docs@example.org",
            "--role",
            "reviewer",
        ],
    );
    ran.insert("admin set-role");

    let (codes_round, census_round, past) = (
        codes_round.to_string(),
        census_round.to_string(),
        past.to_string(),
    );
    ok(
        &d,
        &[
            "codes",
            "generate",
            "--round",
            &codes_round,
            "--count",
            "3",
            "--out",
            &file("codes.csv"),
        ],
    );
    assert_eq!(
        std::fs::read_to_string(file("codes.csv"))
            .unwrap()
            .lines()
            .count(),
        4
    );
    std::fs::write(
        file("census.csv"),
        "document_number,birth_year,name\nAB123456,1980,Ada\nCD654321,1975,Ben\n",
    )
    .unwrap();
    ok(
        &d,
        &[
            "census",
            "import",
            "--round",
            &census_round,
            &file("census.csv"),
        ],
    );
    ran.insert("census import");
    ok(
        &d,
        &[
            "codes",
            "generate",
            "--round",
            &census_round,
            "--from-census",
            &file("census.csv"),
            "--out",
            &file("letters.csv"),
        ],
    );
    ran.insert("codes generate");

    assert!(!ok(
        &d,
        &["export", "--round", &past, "--format", "pb", "--pot", "old-town"]
    )
    .is_empty());
    for format in ["csv", "json"] {
        assert!(!ok(&d, &["export", "--round", &past, "--format", format]).is_empty());
    }
    let geojson = ok(&d, &["export", "--round", &past, "--format", "geojson"]);
    assert!(
        geojson.contains("\"FeatureCollection\"") && geojson.contains("\"Point\""),
        "{geojson}"
    );

    // Where the city is (docs: README "Deliberation and place").
    ok(
        &d,
        &[
            "area",
            "box",
            "--south-west",
            "52.38,16.86",
            "--north-east",
            "52.44,16.98",
        ],
    );
    ran.insert("area box");
    let boundary = r#"{"type": "Polygon", "coordinates": [[[16.90, 52.38], [16.94, 52.38], [16.94, 52.44], [16.90, 52.44], [16.90, 52.38]]]}"#;
    std::fs::write(file("old-town.geojson"), boundary).unwrap();
    ok(
        &d,
        &["area", "district", "old-town", &file("old-town.geojson")],
    );
    std::fs::write(
        file("places.csv"),
        "district,name,latitude,longitude\nold-town,Town hall square,52.408,16.92\n",
    )
    .unwrap();
    ok(&d, &["area", "places", &file("places.csv")]);
    ran.insert("area places");
    let shown = ok(&d, &["area", "show"]);
    assert!(
        shown.contains("named places: 1") && shown.contains("districts with a boundary: 3"),
        "{shown}"
    );
    ran.insert("area show");
    ok(&d, &["area", "district", "old-town", "--remove"]);
    ran.insert("area district");
    ok(
        &d,
        &[
            "export",
            "--round",
            &past,
            "--format",
            "audit",
            "--out",
            &file("round.tar"),
        ],
    );
    ran.insert("export");
    let key = ok(&d, &["public-key"]);
    ran.insert("public-key");
    let verified = ok(
        &d,
        &["verify", &file("round.tar"), "--public-key", key.trim()],
    );
    assert!(verified.starts_with("OK"), "{verified}");
    ran.insert("verify");

    ok(&d, &["import", &sample]);
    ran.insert("import");
    for args in [
        vec![],
        vec![
            "--rule",
            "auto",
            "--tie-break",
            "cost,id",
            "--json",
            "--strict",
        ],
    ] {
        let mut all = vec!["tally", sample.as_str()];
        all.extend(args);
        ok(&d, &all);
    }
    ran.insert("tally");

    ok(&d, &["backup", &file("backup.sqlite")]);
    ran.insert("backup");
    ok(&d, &["restore", &file("backup.sqlite"), "--replace"]);
    ran.insert("restore");

    // Rotating the key is refused while a round is open (docs/security.md); a fresh
    // installation takes it.
    let fresh = scratch.path().join("fresh");
    ok(&fresh, &["migrate"]);
    ok(&fresh, &["adopt-secret-key"]);
    ran.insert("adopt-secret-key");

    serves(&d, &[]);
    if let Some(db) = crate::helpers::TestDatabase::create(crate::helpers::Backend::Postgres) {
        serves(
            &scratch.path().join("pg"),
            &["--database-url", &db.cli_url()],
        );
    }
    ran.insert("serve");

    let missing: Vec<String> = shown_subcommands()
        .into_iter()
        .filter(|(key, _)| !ran.contains(key.as_str()))
        .map(|(key, doc)| format!("`budgetbox {key}` (shown in {doc})"))
        .collect();
    assert!(missing.is_empty(), "shown but never run here: {missing:?}");
}

#[test]
fn benches_and_scripts_the_documents_name_exist() {
    let cargo = std::fs::read_to_string(manifest().join("Cargo.toml")).unwrap();
    let mut named = 0;
    for (doc, text) in documents() {
        for code in code_of(&text) {
            for (i, word) in code.split_whitespace().enumerate() {
                let words: Vec<&str> = code.split_whitespace().collect();
                if word == "--bench" {
                    let bench = words.get(i + 1).copied().unwrap_or("");
                    assert!(
                        cargo.contains(&format!("name = \"{bench}\"")),
                        "{doc} names `cargo bench --bench {bench}`, which Cargo.toml lacks"
                    );
                    named += 1;
                }
                if word.starts_with("scripts/") {
                    let script = manifest().join(word);
                    assert!(script.is_file(), "{doc} names {word}, which does not exist");
                    named += 1;
                }
            }
        }
    }
    assert!(named > 0, "the documents name benches");
    let status = Command::new("bash")
        .arg("-n")
        .arg(manifest().join("scripts/bench-tally.sh"))
        .status()
        .unwrap();
    assert!(status.success(), "scripts/bench-tally.sh parses");
}

/// The README's identity provider file, as a city would copy it: the server starts with it
/// and serves while the provider cannot be reached (this machine reaches no other host); a
/// wrong file stops it with one line.
#[test]
fn the_readme_identity_provider_file_starts_the_server() {
    let readme = std::fs::read_to_string(manifest().join("README.md")).unwrap();
    let toml = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows a providers file");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("providers.toml");
    std::fs::write(&file, toml).unwrap();
    let var = toml
        .split("client_secret_env = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the example names its secret's variable");
    std::env::set_var(var, "a-secret-from-the-environment");
    serves(dir.path(), &["--oidc-config", file.to_str().unwrap()]);
    std::env::remove_var(var);
    // `serve` with the file stops with one line that names `expected`.
    let refused = |expected: &str| {
        let (code, _, err) = run(
            dir.path(),
            &[
                "serve",
                "--no-demo",
                "--bind",
                "127.0.0.1:0",
                "--oidc-config",
                file.to_str().unwrap(),
            ],
        );
        assert_eq!(code, 1, "{err}");
        let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(
            lines.len() == 1 && err.contains(expected),
            "one line naming {expected}: {err}"
        );
    };
    refused(var);
    let inline = toml.replace(
        &format!("client_secret_env = \"{var}\""),
        "client_secret = \"inline\"",
    );
    std::fs::write(&file, inline.replace("https://", "http://")).unwrap();
    refused("https");
}
