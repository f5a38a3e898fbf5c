//! Process metrics in Prometheus form, so a city's existing monitoring can watch a vote:
//! request latency by route, ballots written and their group-commit sizes, the database pool,
//! and tally durations. Served by `web::metrics` at `/metrics`.

use std::sync::LazyLock;

use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};

struct Metrics {
    registry: Registry,
    requests: HistogramVec,
    ballots: IntCounter,
    batch_size: Histogram,
    pool: IntGaugeVec,
    pool_waiting: IntGauge,
    tally: Histogram,
    mail: prometheus::IntCounterVec,
    outbox: IntGaugeVec,
}

fn build() -> prometheus::Result<Metrics> {
    let registry = Registry::new_custom(Some("budgetbox".into()), None)?;
    let requests = HistogramVec::new(
        HistogramOpts::new("http_request_duration_seconds", "HTTP requests by route").buckets(
            vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ],
        ),
        &["route", "method", "status"],
    )?;
    let ballots = IntCounter::new(
        "ballots_written_total",
        "Ballots committed to a bulletin board",
    )?;
    let batch_size = Histogram::with_opts(
        HistogramOpts::new("ballot_batch_size", "Ballots per group commit")
            .buckets(vec![1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0]),
    )?;
    let pool = IntGaugeVec::new(
        Opts::new("db_pool_connections", "Database pool connections by state"),
        &["state"],
    )?;
    let pool_waiting = IntGauge::new(
        "db_pool_waiting",
        "Requests waiting for a database connection",
    )?;
    let tally = Histogram::with_opts(
        HistogramOpts::new("tally_duration_seconds", "Counting a round")
            .buckets(vec![0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0, 120.0]),
    )?;
    let mail = prometheus::IntCounterVec::new(
        Opts::new(
            "mail_send_attempts_total",
            "Messages handed to the mail server, by outcome",
        ),
        &["outcome"],
    )?;
    let outbox = IntGaugeVec::new(
        Opts::new(
            "mail_outbox",
            "Messages waiting in the outbox: queued (all), failing (tried at least once), and the oldest one's age in seconds",
        ),
        &["what"],
    )?;
    registry.register(Box::new(mail.clone()))?;
    registry.register(Box::new(outbox.clone()))?;
    registry.register(Box::new(requests.clone()))?;
    registry.register(Box::new(ballots.clone()))?;
    registry.register(Box::new(batch_size.clone()))?;
    registry.register(Box::new(pool.clone()))?;
    registry.register(Box::new(pool_waiting.clone()))?;
    registry.register(Box::new(tally.clone()))?;
    Ok(Metrics {
        registry,
        requests,
        ballots,
        batch_size,
        pool,
        pool_waiting,
        tally,
        mail,
        outbox,
    })
}

/// One set per process: every app instance in a process reports into it. `None` only if the
/// registry refused our fixed names, in which case metrics are simply not recorded.
static METRICS: LazyLock<Option<Metrics>> = LazyLock::new(|| match build() {
    Ok(metrics) => Some(metrics),
    Err(e) => {
        tracing::error!(error = %e, "metrics are disabled");
        None
    }
});

/// Records one request; `route` is the matched pattern, never the raw path (ids would make
/// a series per round or proposal).
pub fn observe_request(route: &str, method: &str, status: u16, seconds: f64) {
    let Some(m) = METRICS.as_ref() else { return };
    let class = format!("{}xx", status / 100);
    // Any method name is accepted on the wire; a label per invented name would grow forever.
    let method = match method {
        "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" => method,
        _ => "other",
    };
    m.requests
        .with_label_values(&[route, method, &class])
        .observe(seconds);
}

/// One group commit of `batch` ballots, `written` of them accepted.
pub fn observe_batch(batch: usize, written: usize) {
    if let Some(m) = METRICS.as_ref() {
        m.batch_size.observe(batch as f64);
        m.ballots.inc_by(written as u64);
    }
}

pub fn observe_tally(seconds: f64) {
    if let Some(m) = METRICS.as_ref() {
        m.tally.observe(seconds);
    }
}

/// A request starts (+1) or stops (−1) waiting for a database connection.
pub fn waiting_for_connection(delta: i64) {
    if let Some(m) = METRICS.as_ref() {
        m.pool_waiting.add(delta);
    }
}

/// One message handed to the mail server (or refused by it).
pub fn mail_sent(ok: bool) {
    if let Some(m) = METRICS.as_ref() {
        m.mail
            .with_label_values(&[if ok { "sent" } else { "failed" }])
            .inc();
    }
}

/// The outbox as it stands: queued, failing, and the oldest message's age.
pub struct OutboxGauge {
    pub queued: i64,
    pub failing: i64,
    pub oldest_seconds: i64,
}

/// The text exposition of every metric, with the pool's and the outbox's current state.
pub fn render(idle: u32, connections: u32, outbox: Option<OutboxGauge>) -> Option<Vec<u8>> {
    let m = METRICS.as_ref()?;
    if let Some(o) = outbox {
        m.outbox.with_label_values(&["queued"]).set(o.queued);
        m.outbox.with_label_values(&["failing"]).set(o.failing);
        m.outbox
            .with_label_values(&["oldest_seconds"])
            .set(o.oldest_seconds);
    }
    m.pool.with_label_values(&["idle"]).set(i64::from(idle));
    m.pool
        .with_label_values(&["in_use"])
        .set(i64::from(connections) - i64::from(idle));
    let mut out = Vec::new();
    TextEncoder::new()
        .encode(&m.registry.gather(), &mut out)
        .ok()?;
    Some(out)
}
