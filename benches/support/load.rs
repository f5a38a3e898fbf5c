//! Load from an independent generator: `wrk` (Debian's package; the scripts that run these
//! benches install it), driven by small Lua scripts, against budgetbox served in the bench's
//! process as `serve` builds it.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use budgetbox::app::Application;
use budgetbox::config::Settings;
use budgetbox::db::DbPool;
use budgetbox::web::Clock;

/// What wrk measured: the `done` hook of the script prints it on one line.
#[derive(Debug)]
pub struct Load {
    pub requests: u64,
    pub seconds: f64,
    pub socket_errors: u64,
    pub status_errors: u64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

impl Load {
    pub fn acknowledged(&self) -> u64 {
        self.requests - self.status_errors
    }

    pub fn rate(&self) -> f64 {
        self.acknowledged() as f64 / self.seconds
    }

    pub fn errors(&self) -> u64 {
        self.socket_errors + self.status_errors
    }
}

/// One line a wrk script's `done` hook prints.
pub const WRK_DONE: &str = r#"
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %f %d %d %f %f %f %f\n", summary.requests,
    summary.duration / 1e6, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3))
end
"#;

/// Each wrk thread takes every `threads`-th code of the file, starting at its own.
pub fn ballot_script(codes: &Path, projects: &[i64]) -> String {
    let projects = projects
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    format!(
        r#"
local codes, next, projects = {{}}, 0, {{{projects}}}
function setup(thread)
  started = (started or 0) + 1
  thread:set("first", started)
end
function init(args)
  local step, i = tonumber(args[1]), 0
  for line in io.lines("{codes}") do
    if i % step == first - 1 then codes[#codes + 1] = line end
    i = i + 1
  end
end
function request()
  next = next + 1
  local body = string.format('{{"projects":[%d,%d],"voting_code":"%s"}}',
    projects[next % #projects + 1], projects[(next * 7 + 3) % #projects + 1],
    codes[next] or "none-left")
  return wrk.format("POST", nil, {{["Content-Type"] = "application/json"}}, body)
end
{WRK_DONE}"#,
        codes = codes.display()
    )
}

/// Each request asks for the receipt of a code picked at random from the file, one per line.
pub fn receipt_script(codes: &Path) -> String {
    format!(
        r#"
local codes = {{}}
function init(args)
  for line in io.lines("{codes}") do codes[#codes + 1] = line end
end
function request()
  return wrk.format("GET", "/api/v1/receipts/" .. codes[math.random(#codes)])
end
{WRK_DONE}"#,
        codes = codes.display()
    )
}

/// Lua that makes each connection pause between its requests, like a person reading a page:
/// uniformly between half and one and a half times `mean_ms` (none for 0). wrk times each
/// request from its sending, so the pause is not counted in the latency.
pub fn think_time(mean_ms: u64) -> String {
    match mean_ms {
        0 => String::new(),
        ms => format!(
            "\nfunction delay()\n  return math.random({}, {})\nend\n",
            ms / 2,
            ms + ms / 2
        ),
    }
}

/// Starts wrk: `threads` threads holding `connections` connections for `seconds`.
pub fn start_wrk(
    url: &str,
    script: &Path,
    threads: usize,
    connections: usize,
    seconds: u64,
) -> std::process::Child {
    Command::new("wrk")
        .args([
            &format!("-t{threads}"),
            &format!("-c{connections}"),
            &format!("-d{seconds}s"),
        ])
        .args(["--timeout", "10s", "-s"])
        .arg(script)
        .arg(url)
        .args(["--", &threads.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("wrk (the bench's script installs it: scripts/bench-load.sh)")
}

/// What a wrk started by `start_wrk` measured, once it ends.
pub fn wrk_result(child: std::process::Child) -> Load {
    let out = child.wait_with_output().expect("wrk ran");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .unwrap_or_else(|| panic!("wrk printed no result: {text}"));
    let f: Vec<f64> = line
        .split(' ')
        .map(|v| v.parse().expect("number"))
        .collect();
    Load {
        requests: f[0] as u64,
        seconds: f[1],
        socket_errors: f[2] as u64,
        status_errors: f[3] as u64,
        p50: f[4],
        p95: f[5],
        p99: f[6],
        max: f[7],
    }
}

/// Runs wrk with (at most) two threads; `profile` also records every process on the machine
/// with perf for 5 s, 2 s into the load.
pub fn wrk(
    url: &str,
    script: &Path,
    connections: usize,
    seconds: u64,
    profile: Option<&str>,
) -> Load {
    let child = start_wrk(url, script, connections.min(2), connections, seconds);
    if let Some(path) = profile {
        std::thread::sleep(Duration::from_secs(2));
        let recorded = Command::new("perf")
            .args([
                "record", "-a", "-g", "-F", "997", "-o", path, "--", "sleep", "5",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        println!("perf record into {path}: {recorded:?}");
    }
    wrk_result(child)
}

/// A script that asks for the URL's page again and again, and reports like the others.
pub fn page_script() -> String {
    format!("wrk.headers[\"Accept\"] = \"text/html\"\n{WRK_DONE}")
}

/// Checks that every acknowledged ballot is on the round's board and its chain intact; returns
/// how many it holds. Up to `in_flight` more may be stored: requests still open when wrk
/// stopped, whose answers it did not count.
pub fn check_board(pool: &DbPool, round: i64, acknowledged: usize, in_flight: usize) -> usize {
    let mut conn = budgetbox::db::connection::get(pool).expect("connection");
    let stored = budgetbox::db::models::ballot::of_round(&mut conn, round).expect("board");
    budgetbox::domain::bulletin::verify_chain(round, &stored).expect("chain intact");
    assert!(
        stored.len() >= acknowledged && stored.len() <= acknowledged + in_flight,
        "every acknowledged ballot is on the board: {} stored, {acknowledged} acknowledged",
        stored.len()
    );
    stored.len()
}

/// Serves `pool` as `serve` would, on a thread of its own; returns the port.
pub fn start_server(settings: Settings, pool: DbPool) -> u16 {
    let (port, started) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = Application::build(settings, pool, Clock::System).expect("server");
            port.send(app.port()).expect("port");
            let _ = app.run_until_stopped().await;
        })
    });
    started.recv().expect("server started")
}

pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split(' ').next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
