//! The binary itself: help, misconfiguration, and the two-instance Postgres set-up.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) fn budgetbox() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_budgetbox"));
    for var in [
        "DATABASE_URL",
        "BIND",
        "BUDGETBOX_DATA_DIR",
        "BUDGETBOX_SECRET_KEY",
        "LOG",
        "RUST_LOG",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs to completion; returns (exit code, stdout, stderr).
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("budgetbox runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn assert_one_clear_line(code: i32, stderr: &str, expected: &str) {
    assert_eq!(code, 1, "stderr: {stderr}");
    let lines: Vec<_> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    assert!(
        lines[0].starts_with("budgetbox: ") && lines[0].contains(expected),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
}

#[test]
fn help_explains_each_subcommand() {
    let (code, out, _) = run(budgetbox().arg("--help"));
    assert_eq!(code, 0);
    for word in [
        "serve",
        "migrate",
        "demo",
        "tally",
        "DATABASE_URL",
        "BUDGETBOX_DATA_DIR",
        "LOG",
    ] {
        assert!(out.contains(word), "--help lacks {word}: {out}");
    }
    let (code, out, _) = run(budgetbox().args(["serve", "--help"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("BIND") && out.contains("127.0.0.1:8080"),
        "{out}"
    );
}

#[test]
fn unreachable_postgres_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(budgetbox().args([
        "--data-dir",
        dir.path().to_str().unwrap(),
        "serve",
        "--bind",
        "127.0.0.1:0",
        "--database-url",
        "postgres://nobody:secret@127.0.0.1:9/none",
    ]));
    assert_one_clear_line(
        code,
        &err,
        "cannot connect to PostgreSQL at postgres://nobody:***@127.0.0.1:9/none",
    );
    assert!(!err.contains("secret"));
}

#[test]
fn unwritable_sqlite_path_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(budgetbox().args([
        "--data-dir",
        dir.path().to_str().unwrap(),
        "migrate",
        "--database-url",
        "sqlite:///proc/budgetbox/forbidden.sqlite",
    ]));
    assert_one_clear_line(
        code,
        &err,
        "cannot open the SQLite database at /proc/budgetbox/forbidden.sqlite",
    );

    let (code, _, err) = run(budgetbox().args(["--data-dir", "/proc/budgetbox-data", "migrate"]));
    assert_one_clear_line(
        code,
        &err,
        "cannot create the data directory /proc/budgetbox-data",
    );
}

#[test]
fn taken_port_is_one_line_and_exit_1() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(budgetbox().args([
        "--data-dir",
        dir.path().to_str().unwrap(),
        "serve",
        "--no-demo",
        "--bind",
        &format!("127.0.0.1:{port}"),
    ]));
    assert_one_clear_line(code, &err, &format!("cannot listen on 127.0.0.1:{port}"));
}

#[test]
fn bad_database_scheme_is_one_line_and_exit_1() {
    let (code, _, err) =
        run(budgetbox().args(["migrate", "--database-url", "mysql://localhost/pb"]));
    assert_one_clear_line(code, &err, "unsupported database URL scheme");
}

/// A running `serve` process, killed on drop.
struct Server {
    child: std::process::Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_server(data_dir: &std::path::Path, database_url: Option<&str>) -> Server {
    let port = free_port();
    let mut cmd = budgetbox();
    cmd.args([
        "--data-dir",
        data_dir.to_str().unwrap(),
        "serve",
        "--bind",
        &format!("127.0.0.1:{port}"),
    ]);
    if let Some(url) = database_url {
        cmd.args(["--database-url", url]);
    }
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("server on port {port} did not start");
}

#[tokio::test]
async fn default_start_loads_the_demo_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(dir.path(), None);
    let ready = reqwest::get(format!("{}/readyz", server.url))
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);
    let home = reqwest::get(format!("{}/", server.url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Riverton Neighbourhood Budget 2026"));
    assert!(dir.path().join("budgetbox.sqlite").exists());
    let key = std::fs::read_to_string(dir.path().join("secret.key")).unwrap();
    assert_eq!(key.len(), 64);
}

#[tokio::test]
async fn two_instances_serve_one_postgres() {
    let Some(db) = crate::helpers::TestDatabase::create(crate::helpers::Backend::Postgres) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = db.url.expose().to_string();
    let (code, out, err) = run(budgetbox().args([
        "--data-dir",
        dir.path().to_str().unwrap(),
        "demo",
        "--database-url",
        &url,
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("council@riverton.example"));
    // Both start at once against the same empty-of-migrations check; the advisory lock serialises them.
    let a = start_server(dir.path(), Some(&url));
    let b = start_server(dir.path(), Some(&url));
    for server in [&a, &b] {
        let rounds: serde_json::Value = reqwest::get(format!("{}/api/v1/rounds", server.url))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(rounds.as_array().unwrap().len(), 2);
    }
}

#[tokio::test]
async fn fresh_postgres_is_migrated_on_serve() {
    let Some(db) = crate::helpers::TestDatabase::create(crate::helpers::Backend::Postgres) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let a = start_server(dir.path(), Some(db.url.expose()));
    let b = start_server(dir.path(), Some(db.url.expose()));
    for server in [&a, &b] {
        let ready = reqwest::get(format!("{}/readyz", server.url))
            .await
            .unwrap();
        assert_eq!(ready.status(), 200);
        let rounds: serde_json::Value = reqwest::get(format!("{}/api/v1/rounds", server.url))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            rounds,
            serde_json::json!([]),
            "no demo on an explicitly configured database"
        );
    }
}

#[test]
fn tls_files_are_checked_at_start() {
    use budgetbox::config::TlsFiles;
    let dir = tempfile::tempdir().unwrap();
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let other = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let cert_pem = write("cert.pem", &cert.cert.pem());
    let key_pem = write("key.pem", &cert.key_pair.serialize_pem());
    let other_key = write("other.pem", &other.key_pair.serialize_pem());
    let garbage = write("garbage.pem", "not a certificate");
    let config = |cert: &std::path::Path, key: &std::path::Path| {
        budgetbox::web::tls::server_config(&TlsFiles {
            cert: cert.into(),
            key: key.into(),
        })
    };
    assert!(config(&cert_pem, &key_pem).is_ok());
    assert!(config(&cert_pem, &other_key)
        .unwrap_err()
        .contains("do not fit together"));
    assert!(config(&garbage, &key_pem)
        .unwrap_err()
        .contains("no certificate found"));

    let (code, _, err) = run(budgetbox().args([
        "--data-dir",
        dir.path().to_str().unwrap(),
        "serve",
        "--no-demo",
        "--bind",
        "127.0.0.1:0",
        "--tls-cert",
        garbage.to_str().unwrap(),
        "--tls-key",
        key_pem.to_str().unwrap(),
    ]));
    assert_one_clear_line(code, &err, "no certificate found");
}

#[test]
fn export_writes_a_pabulib_file_that_budgetbox_tally_recounts() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/export.sqlite", dir.path().display());
    let base = |cmd: &mut Command| {
        cmd.args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--database-url",
            &db,
        ]);
    };
    let mut demo = budgetbox();
    base(&mut demo);
    assert_eq!(run(demo.arg("demo")).0, 0);
    let out = dir.path().join("old-town.pb");
    let mut export = budgetbox();
    base(&mut export);
    let (code, _, err) = run(export.args([
        "export",
        "--round",
        "1",
        "--format",
        "pb",
        "--pot",
        "old-town",
        "--out",
        out.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    let (code, selected, err) = run(budgetbox().args(["tally", out.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    let official = budgetbox::pabulib::parse(&text)
        .unwrap()
        .official_outcome()
        .unwrap();
    let recount: Vec<String> = selected.lines().map(String::from).collect();
    let mut sorted = recount.clone();
    sorted.sort();
    let mut official_sorted = official.clone();
    official_sorted.sort();
    assert_eq!(sorted, official_sorted);
    let mut bad = budgetbox();
    base(&mut bad);
    let (code, _, err) = run(bad.args(["export", "--round", "1", "--format", "xml"]));
    assert_eq!(code, 2, "{err}");
}

/// The demo's counted round exported as an audit package into `dir`: (package, public key,
/// the command line on that database).
fn demo_package(dir: &std::path::Path) -> (std::path::PathBuf, String, impl Fn() -> Command + '_) {
    let db = format!("sqlite://{}/audit.sqlite", dir.display());
    let with_db = move || {
        let mut cmd = budgetbox();
        cmd.args(["--data-dir", dir.to_str().unwrap(), "--database-url", &db]);
        cmd
    };
    assert_eq!(run(with_db().arg("demo")).0, 0);
    let package = dir.join("round-1.tar");
    let (code, _, err) = run(with_db().args([
        "export",
        "--round",
        "1",
        "--format",
        "audit",
        "--out",
        package.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    let (code, key, err) = run(with_db().arg("public-key"));
    assert_eq!(code, 0, "{err}");
    let key = key.trim().to_string();
    assert_eq!(key.len(), 64);
    (package, key, with_db)
}

#[test]
fn audit_package_from_the_cli_verifies_and_tampering_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let (package, key, with_db) = demo_package(dir.path());
    // Verification needs no database: run it without one.
    let (code, out, err) =
        run(budgetbox().args(["verify", package.to_str().unwrap(), "--public-key", &key]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("OK\nround 1 "), "{out}");
    assert!(out.contains("pot Old Town: funded "), "{out}");

    // One byte of one ballot changed inside the archive.
    let mut bytes = std::fs::read(&package).unwrap();
    let at = bytes
        .windows(12)
        .position(|w| w == br#"projects\":["#)
        .expect("a ballot in the archive");
    let digit = at + 12;
    bytes[digit] = if bytes[digit] == b'1' { b'2' } else { b'1' };
    let tampered = dir.path().join("tampered.tar");
    std::fs::write(&tampered, &bytes).unwrap();
    let (code, out, err) =
        run(budgetbox().args(["verify", tampered.to_str().unwrap(), "--public-key", &key]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.starts_with("FAILED"), "{out}");
    assert!(
        out.contains("ballots.json: changed after the package was signed"),
        "{out}"
    );
    assert!(
        out.contains("ballot 1: its content does not match its hash"),
        "{out}"
    );

    // Not a package, and a malformed key: one line, exit 2.
    let junk = dir.path().join("junk.tar");
    std::fs::write(&junk, b"not a tar").unwrap();
    let (code, _, err) = run(budgetbox().args(["verify", junk.to_str().unwrap()]));
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let (code, _, err) =
        run(budgetbox().args(["verify", package.to_str().unwrap(), "--public-key", "abc"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--public-key"), "{err}");
    let (code, _, err) = run(with_db().args(["export", "--round", "1", "--format", "audit"]));
    assert_eq!(code, 2, "an archive is not written to a terminal: {err}");
}

#[test]
fn import_creates_a_closed_round_from_a_pabulib_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/import.sqlite", dir.path().display());
    let with_db = || {
        let mut cmd = budgetbox();
        cmd.args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--database-url",
            &db,
        ]);
        cmd
    };
    let sample = format!(
        "{}/tests/data/pabulib/samples/Poland_Warszawa_2017_Grochow_Centrum.pb",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, out, err) = run(with_db().args(["import", &sample]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("imported round 1")
            && out.contains("same outcome as the file's `selected` column"),
        "{out}"
    );
    let exported = dir.path().join("again.pb");
    let (code, _, err) = run(with_db().args([
        "export",
        "--round",
        "1",
        "--out",
        exported.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    let (code, recount, err) = run(budgetbox().args(["tally", exported.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    let (_, original, _) = run(budgetbox().args(["tally", &sample]));
    assert_eq!(recount, original);

    let bad = dir.path().join("bad.pb");
    std::fs::write(&bad, "META\nkey;value\nnum_projects;x\n").unwrap();
    let (code, _, err) = run(with_db().args(["import", bad.to_str().unwrap()]));
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("budgetbox: ") && err.contains("bad.pb"),
        "{err}"
    );
}

/// Backs up a demo database while a server runs on it, restores it elsewhere, and checks the
/// ballots and chains survived; the refusals on the way are one line and exit 2.
fn backup_and_restore(source: &str, target: &str, snapshot: &std::path::Path, foreign: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let with = |url: &str| {
        let mut cmd = budgetbox();
        cmd.args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--database-url",
            url,
        ]);
        cmd
    };
    let (code, _, err) = run(with(source).arg("demo"));
    assert_eq!(code, 0, "{err}");
    let server = start_server(dir.path(), Some(source));
    let (code, out, err) = run(with(source).args(["backup", snapshot.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("wrote a consistent snapshot"), "{out}");
    drop(server);
    let (code, _, err) = run(with(source).args(["backup", snapshot.to_str().unwrap()]));
    assert_eq!(code, 2, "never overwrites: {err}");

    let (code, out, err) = run(with(target).args(["restore", snapshot.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("2 rounds") && out.contains("every bulletin chain verifies"),
        "{out}"
    );
    let count = |url: &str| {
        let url = budgetbox::config::DatabaseUrl::parse(url).unwrap();
        let pool = budgetbox::db::connect_pool(&url, 1).unwrap();
        let mut conn = budgetbox::db::connection::get(&pool).unwrap();
        (1..=2)
            .map(|r| {
                budgetbox::db::models::ballot::of_round(&mut conn, r)
                    .unwrap()
                    .len()
            })
            .sum::<usize>()
    };
    assert_eq!(count(source), count(target));
    assert!(count(target) > 100);

    let (code, _, err) = run(with(target).args(["restore", snapshot.to_str().unwrap()]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--replace"), "{err}");
    let (code, _, err) =
        run(with(target).args(["restore", "--replace", snapshot.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, foreign).unwrap();
    let (code, _, err) = run(with(target).args(["restore", "--replace", junk.to_str().unwrap()]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn sqlite_backup_while_serving_restores_every_ballot() {
    let dir = tempfile::tempdir().unwrap();
    backup_and_restore(
        &format!("sqlite://{}/live.sqlite", dir.path().display()),
        &format!("sqlite://{}/restored.sqlite", dir.path().display()),
        &dir.path().join("snapshot.sqlite"),
        b"PGDMP not for SQLite",
    );
}

#[test]
fn postgres_backup_while_serving_restores_every_ballot() {
    use crate::helpers::{Backend, TestDatabase};
    let (Some(source), Some(target)) = (
        TestDatabase::create(Backend::Postgres),
        TestDatabase::create(Backend::Postgres),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    backup_and_restore(
        source.url.expose(),
        target.url.expose(),
        &dir.path().join("snapshot.dump"),
        b"SQLite format 3\0 not for Postgres",
    );
}

/// One entry of a hand-made tar archive.
#[derive(Clone)]
struct TarEntry {
    name: Vec<u8>,
    kind: tar::EntryType,
    link: Vec<u8>,
    data: Vec<u8>,
}

impl TarEntry {
    fn new(name: &[u8], kind: tar::EntryType, link: &[u8], data: &[u8]) -> Self {
        TarEntry {
            name: name.to_vec(),
            kind,
            link: link.to_vec(),
            data: data.to_vec(),
        }
    }
}

/// A tar archive from raw entries. Names are written as they are, even those a careful writer
/// refuses (absolute, `..`).
fn raw_tar(entries: &[TarEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        let mut header = tar::Header::new_old();
        let old = header.as_old_mut();
        old.name[..e.name.len()].copy_from_slice(&e.name);
        old.linkname[..e.link.len()].copy_from_slice(&e.link);
        header.set_entry_type(e.kind);
        header.set_size(e.data.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(&e.data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.extend_from_slice(&[0u8; 1024]);
    out
}

#[test]
fn verify_refuses_archives_that_tar_would_unpack_differently() {
    use tar::EntryType::{Link, Regular, Symlink};
    let dir = tempfile::tempdir().unwrap();
    let (package, key, _) = demo_package(dir.path());
    let files = budgetbox::audit::read_files(&std::fs::read(&package).unwrap()).unwrap();
    let regular = |name: &str| TarEntry::new(name.as_bytes(), Regular, b"", &files[name]);
    let honest: Vec<TarEntry> = files.keys().map(|n| regular(n)).collect();
    let check = |entries: &[TarEntry]| {
        let path = dir.path().join("crafted.tar");
        std::fs::write(&path, raw_tar(entries)).unwrap();
        run(budgetbox().args(["verify", path.to_str().unwrap(), "--public-key", &key]))
    };
    let (code, out, err) = check(&honest);
    assert_eq!(code, 0, "{out}{err}");
    let pot = files
        .keys()
        .find(|n| n.starts_with("pots/"))
        .unwrap()
        .clone();
    let with = |extra: TarEntry| {
        let mut entries = honest.clone();
        entries.push(extra);
        entries
    };
    // A symbolic link after the real file: `tar -x` leaves the link where the file was.
    let shadowed = with(TarEntry::new(
        pot.as_bytes(),
        Symlink,
        b"/etc/hostname",
        b"",
    ));
    // The same name twice: `tar -x` keeps the second copy.
    let twice = with(regular(&pot));
    // Names that land outside the folder, and a hard link.
    let absolute = with(TarEntry::new(b"/tmp/budgetbox-extra", Regular, b"", b"x"));
    let parent = with(TarEntry::new(b"pots/../../escape.pb", Regular, b"", b"x"));
    let hard = with(TarEntry::new(b"copy.json", Link, b"result.json", b""));
    for (entries, what, expected) in [
        (
            shadowed,
            "a symbolic link shadowing a pot",
            "not a regular file",
        ),
        (twice, "a name given twice", "appears twice"),
        (
            absolute,
            "an absolute name",
            "not a plain relative file name",
        ),
        (parent, "a name with ..", "not a plain relative file name"),
        (hard, "a hard link", "not a regular file"),
    ] {
        let (code, out, err) = check(&entries);
        assert_ne!(code, 0, "{what}: {out}");
        assert!(!out.starts_with("OK"), "{what}: {out}");
        assert!(
            err.contains(expected) || out.contains(expected),
            "{what}: {out}{err}"
        );
    }
}

#[tokio::test]
async fn receipt_lookups_leave_no_tracking_code_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let log = dir.path().join("server.log");
    let mut child = budgetbox()
        .args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "serve",
            "--no-demo",
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        .env("LOG", "info")
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(std::fs::File::create(dir.path().join("stderr.log")).unwrap())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while reqwest::get(format!("{url}/healthz")).await.is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let code = "QWERTY23456789AB";
    let res = reqwest::get(format!("{url}/api/v1/receipts/{code}"))
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _ = child.kill();
    let _ = child.wait();
    let written = std::fs::read_to_string(&log).unwrap()
        + &std::fs::read_to_string(dir.path().join("stderr.log")).unwrap();
    assert!(
        written.contains("/api/v1/receipts/"),
        "the request is logged: {written}"
    );
    assert!(
        !written.contains(code),
        "but not its tracking code: {written}"
    );
}

#[test]
fn a_wrong_mail_setting_stops_the_server_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    for (flag, value, expected) in [
        ("--smtp-url", "http://mail.example.org", "invalid SMTP URL"),
        (
            "--smtp-url",
            "smtp://user:hunter2@mail.example.org?tls=sometimes",
            "invalid SMTP URL",
        ),
        ("--mail-from", "not an address", "--mail-from"),
        ("--public-url", "ftp://budget.example.org", "--public-url"),
    ] {
        let (code, _, err) = run(budgetbox().args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "serve",
            "--no-demo",
            "--bind",
            "127.0.0.1:0",
            flag,
            value,
        ]));
        assert_one_clear_line(code, &err, expected);
        assert!(!err.contains("hunter2"), "the password never prints: {err}");
    }
}
