//! Settings: flags and environment parsed once into a value that is passed around explicitly.
//! Secrets are wrapped so they never print.

use std::fmt;
use std::path::{Path, PathBuf};

use rand::RngCore;

/// Where the data lives when nothing is configured: next to where budgetbox was started.
pub const DEFAULT_DATA_DIR: &str = "budgetbox-data";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
const SECRET_KEY_FILE: &str = "secret.key";
const SQLITE_FILE: &str = "budgetbox.sqlite";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database location, parsed from `sqlite://PATH`, `sqlite:PATH`, a plain file path, or
/// `postgres://…` / `postgresql://…`.
#[derive(Clone)]
pub struct DatabaseUrl {
    backend: Backend,
    /// For SQLite the file path; for Postgres the whole URL (it may hold a password).
    target: String,
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(DatabaseUrl {
                backend: Backend::Postgres,
                target: raw.to_string(),
            });
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        if path.is_empty() {
            return Err("the database URL is empty".into());
        }
        if path.contains("://") {
            return Err(format!(
                "unsupported database URL scheme in `{}` (use sqlite://PATH or postgres://…)",
                redact(raw)
            ));
        }
        Ok(DatabaseUrl {
            backend: Backend::Sqlite,
            target: path.to_string(),
        })
    }

    pub fn sqlite_file(path: &Path) -> Self {
        DatabaseUrl {
            backend: Backend::Sqlite,
            target: path.to_string_lossy().into_owned(),
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// What the driver needs: the SQLite path or the full Postgres URL.
    pub fn expose(&self) -> &str {
        &self.target
    }
}

/// The URL with any password replaced, for messages and logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.backend {
            Backend::Sqlite => write!(f, "sqlite://{}", self.target),
            Backend::Postgres => f.write_str(&redact(&self.target)),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The installation's signing key (sessions, CSRF, receipts). Never printed.
#[derive(Clone)]
pub struct SecretKey(Vec<u8>);

impl SecretKey {
    pub fn from_hex(hex_key: &str) -> Result<Self, String> {
        let bytes = hex::decode(hex_key.trim())
            .map_err(|_| "the secret key must be hexadecimal".to_string())?;
        if bytes.len() < 32 {
            return Err("the secret key must be at least 32 bytes (64 hex digits)".into());
        }
        Ok(SecretKey(bytes))
    }

    pub fn generate() -> Self {
        let mut bytes = vec![0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        SecretKey(bytes)
    }

    /// Reads the key from `dir/secret.key`, creating it (mode 0600) on first start.
    pub fn load_or_create(dir: &Path) -> Result<Self, String> {
        let path = dir.join(SECRET_KEY_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::from_hex(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::generate();
                write_private_file(&path, &hex::encode(&key.0)).map_err(|e| {
                    format!("cannot write the secret key to {}: {e}", path.display())
                })?;
                Ok(key)
            }
            Err(e) => Err(format!(
                "cannot read the secret key at {}: {e}",
                path.display()
            )),
        }
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

fn write_private_file(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

pub mod identity_providers;

pub use identity_providers::IdentityProviderSettings;

/// Everything the server needs, decided once at start-up.
#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: DatabaseUrl,
    /// True when no database was configured: the demo city loads into an empty database.
    pub database_is_default: bool,
    pub data_dir: PathBuf,
    pub bind: String,
    pub secret_key: SecretKey,
    /// Connections kept by the pool (per app instance).
    pub pool_size: u32,
    /// The reverse proxy whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed.
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// Certificate and key (PEM) when budgetbox terminates TLS itself.
    pub tls: Option<TlsFiles>,
    pub mail: MailSettings,
    /// A Bearer token (16+ characters) that opens `/metrics` to a scraper on another machine.
    pub metrics_token: Option<String>,
    pub map: MapSettings,
    /// Where residents may sign in besides their password (OpenID Connect).
    pub identity_providers: Vec<IdentityProviderSettings>,
}

/// Where the maps' background tiles come from. Pages load nothing else from another host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapSettings {
    /// A tile address template, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    pub tile_url: String,
    /// Who the tiles are by, shown on every map.
    pub attribution: String,
}

impl Default for MapSettings {
    fn default() -> Self {
        MapSettings {
            tile_url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            attribution: "© OpenStreetMap contributors".into(),
        }
    }
}

impl MapSettings {
    /// From the command line: an https (or, for a local server, http) template with `{z}`,
    /// `{x}` and `{y}`.
    pub fn parse(tile_url: Option<&str>, attribution: Option<&str>) -> Result<Self, String> {
        let mut map = MapSettings::default();
        if let Some(raw) = tile_url.map(str::trim).filter(|u| !u.is_empty()) {
            let fail = |why: &str| format!("invalid --tile-url `{raw}`: {why}");
            if !["{z}", "{x}", "{y}"].iter().all(|p| raw.contains(p)) {
                return Err(fail("it needs {z}, {x} and {y}"));
            }
            map.tile_url = raw.to_string();
            map.origin()
                .ok_or_else(|| fail("it must be an http or https address"))?;
            map.attribution = String::new();
        }
        if let Some(a) = attribution.map(str::trim).filter(|a| !a.is_empty()) {
            map.attribution = a.to_string();
        }
        Ok(map)
    }

    /// The scheme and host tiles come from, as a Content-Security-Policy source
    /// (`https://*.tile.example` when the template picks a subdomain with `{s}`).
    pub fn origin(&self) -> Option<String> {
        let concrete = self.tile_url.replace("{s}", "a").replace(['{', '}'], "");
        let url = url::Url::parse(&concrete).ok()?;
        if !matches!(url.scheme(), "https" | "http") {
            return None;
        }
        let host = url.host_str()?;
        let host = if self.tile_url.contains("{s}.") {
            format!("*.{}", host.split_once('.').map_or(host, |(_, rest)| rest))
        } else {
            host.to_string()
        };
        let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
        Some(format!("{}://{host}{port}", url.scheme()))
    }
}

/// Outgoing mail: where it goes, who it is from, and the address links in it start with.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// None: messages are written as files into `data_dir/outbox` instead of sent.
    pub smtp: Option<SmtpUrl>,
    /// The sender, `Name <address>` or an address.
    pub from: String,
    /// The base of every link in a message, e.g. `https://budget.riverton.example`; None: the
    /// address the server listens on.
    pub public_url: Option<String>,
}

impl MailSettings {
    /// No mail server; links to the address the server listens on.
    pub fn local() -> Self {
        MailSettings {
            smtp: None,
            from: "budgetbox <no-reply@localhost>".into(),
            public_url: None,
        }
    }

    /// From the command line's values, each checked: a wrong one stops budgetbox with one line.
    pub fn parse(
        smtp_url: Option<&str>,
        from: Option<&str>,
        public_url: Option<&str>,
    ) -> Result<Self, String> {
        let mut mail = MailSettings::local();
        if let Some(raw) = smtp_url.filter(|u| !u.trim().is_empty()) {
            mail.smtp = Some(SmtpUrl::parse(raw)?);
        }
        if let Some(from) = from.filter(|f| !f.trim().is_empty()) {
            if from.chars().any(char::is_control) || !from.contains('@') {
                return Err(format!("--mail-from `{from}` is not a mail address"));
            }
            mail.from = from.trim().to_string();
        }
        if let Some(raw) = public_url.filter(|u| !u.trim().is_empty()) {
            let parsed = url::Url::parse(raw.trim())
                .map_err(|e| format!("--public-url `{raw}` is not a URL: {e}"))?;
            if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
                return Err(format!(
                    "--public-url `{raw}` must be an http or https address with a host"
                ));
            }
            mail.public_url = Some(raw.trim().trim_end_matches('/').to_string());
        }
        Ok(mail)
    }
}

/// How to reach the mail server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// `smtp://` without `tls`: no encryption (a relay on this machine or its network).
    Plain,
    /// `smtp://…?tls=starttls` (or `required`): STARTTLS, refused without it.
    StartTls,
    /// `smtp://…?tls=opportunistic`: STARTTLS when the server offers it.
    Opportunistic,
    /// `smtps://`: TLS from the first byte.
    Tls,
}

/// An SMTP server address, `smtp://user:pass@host:587?tls=starttls`, `smtps://host:465` or
/// `smtp://127.0.0.1:2525`. The password never prints.
#[derive(Clone)]
pub struct SmtpUrl {
    pub security: SmtpSecurity,
    pub host: String,
    pub port: u16,
    pub user: Option<String>,
    password: Option<String>,
}

impl SmtpUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let fail = |why: &str| format!("invalid SMTP URL `{}`: {why}", redact(raw.trim()));
        let url = url::Url::parse(raw.trim()).map_err(|e| fail(&e.to_string()))?;
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| fail("it names no host"))?
            .to_string();
        let tls = url
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.to_string());
        let security = match (url.scheme(), tls.as_deref()) {
            ("smtps", None | Some("tls" | "wrapper")) => SmtpSecurity::Tls,
            ("smtp", None | Some("none")) => SmtpSecurity::Plain,
            ("smtp", Some("starttls" | "required")) => SmtpSecurity::StartTls,
            ("smtp", Some("opportunistic")) => SmtpSecurity::Opportunistic,
            ("smtp" | "smtps", Some(other)) => {
                return Err(fail(&format!(
                    "tls={other} is not one of starttls, opportunistic, none"
                )))
            }
            (scheme, _) => {
                return Err(fail(&format!(
                    "the scheme {scheme}:// is not smtp:// or smtps://"
                )))
            }
        };
        let port = url.port().unwrap_or(match security {
            SmtpSecurity::Tls => 465,
            SmtpSecurity::StartTls | SmtpSecurity::Opportunistic => 587,
            SmtpSecurity::Plain => 25,
        });
        let decode = |s: &str| {
            percent_decode(s).map_err(|_| fail("the user or password is not valid UTF-8"))
        };
        let user = match url.username() {
            "" => None,
            u => Some(decode(u)?),
        };
        let password = url.password().map(decode).transpose()?;
        if password.is_some() && user.is_none() {
            return Err(fail("a password needs a user name"));
        }
        Ok(SmtpUrl {
            security,
            host,
            port,
            user,
            password,
        })
    }

    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }
}

fn percent_decode(s: &str) -> Result<String, std::string::FromUtf8Error> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|b| hex(*b)),
            bytes.get(i + 2).and_then(|b| hex(*b)),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out)
}

impl fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.security == SmtpSecurity::Tls {
            "smtps"
        } else {
            "smtp"
        };
        let user = match (&self.user, &self.password) {
            (Some(u), Some(_)) => format!("{u}:***@"),
            (Some(u), None) => format!("{u}@"),
            _ => String::new(),
        };
        write!(f, "{scheme}://{user}{}:{}", self.host, self.port)
    }
}

#[derive(Clone, Debug)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl Settings {
    /// Resolves the data directory, database and secret key; creates the directory if needed.
    pub fn resolve(
        data_dir: PathBuf,
        database_url: Option<&str>,
        secret_key_hex: Option<&str>,
        bind: String,
    ) -> Result<Self, String> {
        let database_is_default = database_url.is_none();
        let database_url = match database_url {
            Some(raw) => DatabaseUrl::parse(raw)?,
            None => {
                ensure_dir(&data_dir)?;
                DatabaseUrl::sqlite_file(&data_dir.join(SQLITE_FILE))
            }
        };
        let secret_key = match secret_key_hex {
            Some(hex_key) => SecretKey::from_hex(hex_key)?,
            None => {
                ensure_dir(&data_dir)?;
                SecretKey::load_or_create(&data_dir)?
            }
        };
        Ok(Settings {
            database_url,
            database_is_default,
            data_dir,
            secret_key,
            pool_size: 10,
            trusted_proxy: None,
            tls: None,
            mail: MailSettings::local(),
            metrics_token: None,
            map: MapSettings::default(),
            identity_providers: Vec::new(),
            bind,
        })
    }
}

fn ensure_dir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the data directory {}: {e}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_templates_give_the_one_host_pages_may_load_images_from() {
        assert_eq!(
            MapSettings::default().origin().as_deref(),
            Some("https://tile.openstreetmap.org")
        );
        let sub = MapSettings::parse(
            Some("https://{s}.tiles.example.org/{z}/{x}/{y}.png"),
            Some("Tiles: Example"),
        )
        .unwrap();
        assert_eq!(sub.origin().as_deref(), Some("https://*.tiles.example.org"));
        assert_eq!(sub.attribution, "Tiles: Example");
        let local =
            MapSettings::parse(Some("http://127.0.0.1:8081/{z}/{x}/{y}.png"), None).unwrap();
        assert_eq!(local.origin().as_deref(), Some("http://127.0.0.1:8081"));
        assert!(MapSettings::parse(Some("https://tiles.example.org/map.png"), None).is_err());
        assert!(MapSettings::parse(Some("javascript:alert(1)/{z}/{x}/{y}"), None).is_err());
    }

    #[test]
    fn urls_choose_the_backend() {
        assert_eq!(
            DatabaseUrl::parse("postgres://u:p@h/db").unwrap().backend(),
            Backend::Postgres
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://h/db").unwrap().backend(),
            Backend::Postgres
        );
        let sqlite = DatabaseUrl::parse("sqlite:///tmp/x.sqlite").unwrap();
        assert_eq!(
            (sqlite.backend(), sqlite.expose()),
            (Backend::Sqlite, "/tmp/x.sqlite")
        );
        assert_eq!(
            DatabaseUrl::parse("data/x.db").unwrap().expose(),
            "data/x.db"
        );
        assert!(DatabaseUrl::parse("mysql://h/db").is_err());
        assert!(DatabaseUrl::parse("  ").is_err());
    }

    #[test]
    fn passwords_never_print() {
        let url = DatabaseUrl::parse("postgres://alice:hunter2@db.example/pb").unwrap();
        assert_eq!(url.to_string(), "postgres://alice:***@db.example/pb");
        assert!(!format!("{url:?}").contains("hunter2"));
        assert_eq!(format!("{:?}", SecretKey::generate()), "SecretKey(***)");
    }

    #[test]
    fn smtp_urls_say_how_to_reach_the_server() {
        let url =
            SmtpUrl::parse("smtp://ana%40x:p%21ss@mail.example.org:587?tls=starttls").unwrap();
        assert_eq!(
            (
                url.security,
                url.host.as_str(),
                url.port,
                url.user.as_deref(),
                url.password()
            ),
            (
                SmtpSecurity::StartTls,
                "mail.example.org",
                587,
                Some("ana@x"),
                Some("p!ss")
            )
        );
        assert_eq!(url.to_string(), "smtp://ana@x:***@mail.example.org:587");
        assert_eq!(
            SmtpUrl::parse("smtps://mail.example.org").unwrap().port,
            465
        );
        assert_eq!(
            SmtpUrl::parse("smtp://127.0.0.1:2525").unwrap().security,
            SmtpSecurity::Plain
        );
        for bad in [
            "http://mail.example.org",
            "smtp://",
            "smtp://h?tls=maybe",
            "not a url",
        ] {
            let e = SmtpUrl::parse(bad).unwrap_err();
            assert!(e.starts_with("invalid SMTP URL"), "{bad}: {e}");
        }
        assert!(!SmtpUrl::parse("smtp://u:secret@h?tls=bad")
            .unwrap_err()
            .contains("secret"));
    }

    #[test]
    fn secret_key_persists() {
        let dir = tempfile::tempdir().unwrap();
        let first = SecretKey::load_or_create(dir.path()).unwrap();
        let second = SecretKey::load_or_create(dir.path()).unwrap();
        assert_eq!(first.expose(), second.expose());
        assert!(SecretKey::from_hex("abcd").is_err());
    }
}
