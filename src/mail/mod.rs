//! Delivery of the outbox. Domain code writes each message into the `outbox` table in the same
//! transaction as the event that causes it (see `domain::notifications`); a sender thread per
//! app instance claims due messages, renders them (plain text and HTML, in the recipient's
//! language as already written), hands them to the mail server — or, without one, writes them
//! as files into the data directory — and deletes each one sent. A message that fails waits
//! and is tried again, with a growing pause, until it goes: nothing is lost while the mail
//! server is down, and no request waits for it.

mod render;

use std::time::Duration;

use chrono::NaiveDateTime;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{FileTransport, SmtpTransport, Transport as _};

use crate::config::{MailSettings, SmtpSecurity, SmtpUrl};
use crate::db::models::outbox;
use crate::db::{write_transaction, DbPool};

pub use render::{render, Body, Link};

/// Messages one sender claims at a time: at most this many can be sent twice if the process
/// dies after the mail server took them and before the outbox knew.
const BATCH: i64 = 20;
/// How long a claim holds: another instance takes over a claimed message after this.
const LEASE_SECONDS: i64 = 30;
/// How often an idle sender looks for due messages.
const POLL: Duration = Duration::from_millis(500);
/// The longest pause between two tries of a failing message: soon after the mail server is
/// back, everything waiting goes.
const MAX_RETRY_SECONDS: i64 = 30;

/// Where messages go.
enum Transport {
    Smtp(Box<SmtpTransport>),
    Files(FileTransport),
}

impl Transport {
    fn new(settings: &MailSettings, data_dir: &std::path::Path) -> Result<Self, String> {
        match &settings.smtp {
            Some(url) => Ok(Transport::Smtp(Box::new(smtp_transport(url)?))),
            None => {
                let dir = data_dir.join("outbox");
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create the mail folder {}: {e}", dir.display()))?;
                Ok(Transport::Files(FileTransport::new(&dir)))
            }
        }
    }

    fn send(&self, message: &lettre::Message) -> Result<(), String> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message).map(|_| ()).map_err(|e| e.to_string()),
            Transport::Files(files) => files.send(message).map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}

fn smtp_transport(url: &SmtpUrl) -> Result<SmtpTransport, String> {
    let tls =
        || TlsParameters::new(url.host.clone()).map_err(|e| format!("TLS for {}: {e}", url.host));
    let mut builder = SmtpTransport::builder_dangerous(&url.host)
        .port(url.port)
        .timeout(Some(Duration::from_secs(10)));
    builder = match url.security {
        SmtpSecurity::Plain => builder.tls(Tls::None),
        SmtpSecurity::StartTls => builder.tls(Tls::Required(tls()?)),
        SmtpSecurity::Opportunistic => builder.tls(Tls::Opportunistic(tls()?)),
        SmtpSecurity::Tls => builder.tls(Tls::Wrapper(tls()?)),
    };
    if let (Some(user), Some(password)) = (&url.user, url.password()) {
        builder = builder.credentials(Credentials::new(user.clone(), password.to_string()));
    }
    Ok(builder.build())
}

/// Where this instance's mail goes, for the start-up message.
pub fn destination(settings: &MailSettings, data_dir: &std::path::Path) -> String {
    match &settings.smtp {
        Some(url) => format!("mail goes to {url}"),
        None => format!(
            "no mail server is configured (--smtp-url): messages are written to {}",
            data_dir.join("outbox").display()
        ),
    }
}

/// Starts this instance's sender thread, which runs while `running` says so (as long as the
/// app: a sender outliving it would keep its database pool, reconnecting, forever). It keeps
/// real time (not the app's clock, which tests set by hand): a message is due once its time
/// has passed.
pub fn start(
    pool: DbPool,
    settings: MailSettings,
    data_dir: std::path::PathBuf,
    running: impl Fn() -> bool + Send + 'static,
) -> Result<(), String> {
    let transport = Transport::new(&settings, &data_dir)?;
    let from: lettre::message::Mailbox = settings
        .from
        .parse()
        .map_err(|e| format!("--mail-from `{}`: {e}", settings.from))?;
    std::thread::Builder::new()
        .name("mail-sender".into())
        .spawn(move || loop {
            if !running() {
                return;
            }
            let now = chrono::Utc::now().naive_utc();
            let sent = match send_due(&pool, &transport, &from, now) {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = %e, "mail sender: the outbox could not be read");
                    0
                }
            };
            if sent == 0 {
                std::thread::sleep(POLL);
            }
        })
        .map(|_| ())
        .map_err(|e| format!("cannot start the mail sender: {e}"))
}

/// Sends one claimed batch; returns how many were claimed.
fn send_due(
    pool: &DbPool,
    transport: &Transport,
    from: &lettre::message::Mailbox,
    now: NaiveDateTime,
) -> Result<usize, String> {
    let mut conn = crate::db::connection::get(pool).map_err(|e| e.to_string())?;
    let until = now + chrono::Duration::seconds(LEASE_SECONDS);
    let batch = write_transaction(&mut conn, |conn| outbox::claim_due(conn, now, until, BATCH))
        .map_err(|e: diesel::result::Error| e.to_string())?;
    for message in &batch {
        let outcome = render(message, from).and_then(|m| transport.send(&m));
        let recorded = match outcome {
            Ok(()) => {
                crate::metrics::mail_sent(true);
                outbox::delivered(&mut conn, message.id)
            }
            Err(e) => {
                crate::metrics::mail_sent(false);
                let wait = (1i64 << message.attempts.clamp(0, 10)).min(MAX_RETRY_SECONDS);
                tracing::warn!(kind = %message.kind, attempts = message.attempts + 1, error = %e, "a message could not be sent; it waits and is tried again");
                outbox::failed(
                    &mut conn,
                    message.id,
                    &e,
                    now + chrono::Duration::seconds(wait),
                )
            }
        };
        recorded.map_err(|e| e.to_string())?;
    }
    Ok(batch.len())
}
