//! A real SMTP server for the tests: `aiosmtpd` (from PyPI, installed by `.ci/run` into a
//! venv named by `BUDGETBOX_TEST_SMTP_PYTHON`) delivering into a Maildir that the tests read.
//! Without the variable, mail tests are skipped with a notice, unless `CI=true`.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mail_parser::MessageParser;

pub struct MailServer {
    child: Option<Child>,
    pub port: u16,
    maildir: PathBuf,
    python: String,
    _dir: tempfile::TempDir,
}

/// One received message, parsed.
#[derive(Clone, Debug)]
pub struct Received {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub headers: Vec<(String, String)>,
    pub raw: String,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first link in the plain text that starts with `prefix` (the public URL and a path).
    pub fn link(&self, prefix: &str) -> String {
        let start = self
            .text
            .find(prefix)
            .unwrap_or_else(|| panic!("no link {prefix} in: {}", self.text));
        self.text[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    }
}

impl MailServer {
    /// A server on a free port, or None (with a notice) where the tool is not installed.
    pub fn start() -> Option<MailServer> {
        let python = crate::helpers::required_env("BUDGETBOX_TEST_SMTP_PYTHON", "mail tests")?;
        let port = crate::cli::free_port();
        let mut server = MailServer::on_port(&python, port);
        server.resume();
        Some(server)
    }

    /// A server for `port` that is not running yet (mail sent there fails until `resume`).
    pub fn stopped() -> Option<MailServer> {
        let python = crate::helpers::required_env("BUDGETBOX_TEST_SMTP_PYTHON", "mail tests")?;
        Some(MailServer::on_port(&python, crate::cli::free_port()))
    }

    fn on_port(python: &str, port: u16) -> MailServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let maildir = dir.path().join("Maildir");
        MailServer {
            child: None,
            port,
            maildir,
            python: python.to_string(),
            _dir: dir,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Mail settings for an app instance that sends here.
    pub fn settings(&self) -> budgetbox::config::MailSettings {
        budgetbox::config::MailSettings::parse(
            Some(&self.url()),
            Some("Riverton budget <budget@riverton.example>"),
            None,
        )
        .expect("valid mail settings")
    }

    /// Starts (or restarts) the server and waits until it accepts connections.
    pub fn resume(&mut self) {
        let mut command = Command::new(&self.python);
        command.args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{}", self.port),
            "-c",
            "aiosmtpd.handlers.Mailbox",
            self.maildir.to_str().unwrap(),
        ]);
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server: mail sent now fails and waits in the outbox.
    pub fn pause(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every message received so far.
    pub fn received(&self) -> Vec<Received> {
        let mut all = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir.join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(bytes) = std::fs::read(entry.path()) else {
                    continue;
                };
                if let Some(m) = parse(&bytes) {
                    all.push(m);
                }
            }
        }
        all
    }

    pub fn to(&self, address: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|m| m.to.eq_ignore_ascii_case(address))
            .collect()
    }

    /// Waits until `address` has received `count` messages (at most `seconds`).
    pub async fn wait_for(&self, address: &str, count: usize, seconds: u64) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let got = self.to(address);
            if got.len() >= count {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "{address} received {} of {count} messages in {seconds} s",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        self.pause();
    }
}

fn parse(bytes: &[u8]) -> Option<Received> {
    let message = MessageParser::default().parse(bytes)?;
    let to = message
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_string();
    let headers = message
        .headers_raw()
        .map(|(name, value)| (name.to_string(), value.trim().to_string()))
        .collect();
    Some(Received {
        to,
        subject: message.subject().unwrap_or_default().to_string(),
        text: message
            .body_text(0)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        html: message
            .body_html(0)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        headers,
        raw: String::from_utf8_lossy(bytes).into_owned(),
    })
}
