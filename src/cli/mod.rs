//! The command line: clap definitions and one function per subcommand.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::app::{prepare_database, Application};
use crate::config::{Settings, DEFAULT_BIND, DEFAULT_DATA_DIR};
use crate::db::connection::PooledDb;
use crate::web::Clock;

mod area;
mod commands;

#[derive(Parser, Debug)]
#[command(
    name = "budgetbox",
    version,
    about = "Participatory budgeting: citizens propose and vote, the count is open and verifiable.",
    long_about = "Participatory budgeting: citizens propose and vote, the count is open and verifiable.\n\n\
        Without a subcommand, budgetbox serves the web application (like `budgetbox serve`). \
        With no database configured it uses an SQLite file in the data directory and loads a \
        demo city into it the first time."
)]
pub struct Cli {
    /// Database: sqlite://PATH or postgres://USER:PASSWORD@HOST/DB [default: SQLite file in the data directory]
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    database_url: Option<String>,
    /// Where the default SQLite database and the generated secret key live
    #[arg(long, env = "BUDGETBOX_DATA_DIR", default_value = DEFAULT_DATA_DIR, global = true)]
    data_dir: PathBuf,
    /// Signing key, 64+ hex digits [default: generated once and kept in the data directory]
    #[arg(
        long,
        env = "BUDGETBOX_SECRET_KEY",
        global = true,
        hide_env_values = true
    )]
    secret_key: Option<String>,
    /// Log filter, e.g. `info` or `budgetbox=debug` (RUST_LOG is read too)
    #[arg(long, env = "LOG", global = true)]
    log: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
// Parsed once at start-up: its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Command {
    /// Serve the web application and the JSON API (the default)
    Serve(ServeArgs),
    /// Apply pending database migrations and exit
    Migrate,
    /// Load the demo city (districts, two rounds, proposals, voters and ballots) into the database
    Demo,
    /// Count a Pabulib .pb file and print the selected projects, one per line
    Tally(TallyArgs),
    /// Manage accounts from the server's console (e.g. the first council account)
    #[command(subcommand)]
    Admin(AdminCommand),
    /// One-time voting codes for mailing or paper distribution
    #[command(subcommand)]
    Codes(CodesCommand),
    /// The census list a round checks residents against
    #[command(subcommand)]
    Census(CensusCommand),
    /// Where the city is: its bounding box, district boundaries and named places, which
    /// proposals' points are checked against
    #[command(subcommand)]
    Area(area::AreaCommand),
    /// Export a round: Pabulib .pb (one pot), projects and outcome as CSV or JSON, the
    /// proposals with a point as GeoJSON, or the signed audit package (a tar archive) for
    /// `verify`
    Export(ExportArgs),
    /// Check an audit package: manifest, signature, hash chain and a recount with the
    /// declared rule. Prints OK and the outcome (exit 0) or every mismatch (exit 1)
    Verify(VerifyArgs),
    /// Create a closed, counted round from a Pabulib .pb file (projects and ballots), to
    /// explore past data and the rule simulator
    Import(ImportArgs),
    /// Print the installation's public key that signs audit packages
    PublicKey,
    /// After a deliberate rotation of the secret key: record the configured key as the
    /// installation's, so instances holding it serve again. Refused while a round that is
    /// not yet counted holds ballots or a census list made with the old key
    AdoptSecretKey,
    /// Write a consistent snapshot of the database while the server runs (SQLite: VACUUM
    /// INTO; PostgreSQL: pg_dump --format=custom)
    Backup {
        /// The snapshot file to create (never overwritten)
        file: PathBuf,
    },
    /// Replace the database with a snapshot, then check every round's bulletin chain. Stop
    /// the server first
    Restore {
        /// A file written by `budgetbox backup`
        file: PathBuf,
        /// Overwrite a database that already holds rounds
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["package", "receipt", "consistency"]))]
struct VerifyArgs {
    /// The package written by `export --format audit`
    package: Option<PathBuf>,
    /// A receipt's proof as `GET /api/v1/receipts/{code}` answers it (JSON): the entry hashes
    /// to its entry hash and is in the board's signed tree head; needs --public-key
    #[arg(long, requires = "public_key")]
    receipt: Option<PathBuf>,
    /// A consistency proof as `GET /api/v1/rounds/{id}/board/consistency?first=N` answers it
    /// (JSON), checked against the head you kept (--kept); needs --public-key
    #[arg(long, requires_all = ["kept", "public_key"])]
    consistency: Option<PathBuf>,
    /// The tree head you kept earlier (`GET /api/v1/rounds/{id}/board/head`, JSON)
    #[arg(long)]
    kept: Option<PathBuf>,
    /// The public key shown on the site (64 hex digits) [default: the key inside the package,
    /// which only shows the package is consistent, not who made it]
    #[arg(long)]
    public_key: Option<String>,
}

#[derive(Args, Debug)]
struct ImportArgs {
    /// A Pabulib .pb file
    file: PathBuf,
}

#[derive(Args, Debug)]
struct ExportArgs {
    #[arg(long)]
    round: i64,
    /// pb, csv, json, geojson or audit
    #[arg(long, default_value = "pb")]
    format: String,
    /// For pb: the district slug, or `citywide` [default: the only pot]
    #[arg(long)]
    pot: Option<String>,
    /// Write here instead of standard output (created, never overwritten)
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum CodesCommand {
    /// Generate codes and write them as CSV (code,round,district); only their hashes are kept.
    /// With --from-census, one code per person of a census file, bound to their entry, written
    /// as a mailing list (the file's columns and `code`)
    Generate {
        #[arg(long)]
        round: i64,
        #[arg(
            long,
            required_unless_present = "from_census",
            conflicts_with = "from_census"
        )]
        count: Option<usize>,
        /// District slug [default: city-wide]
        #[arg(long, conflicts_with = "from_census")]
        district: Option<String>,
        /// A census file (document_number,birth_year[,district], and any columns the letters
        /// need, such as name and address): every person on it must be on the round's list
        #[arg(long)]
        from_census: Option<PathBuf>,
        /// Write to this file instead of standard output (created, never overwritten)
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum CensusCommand {
    /// Replace a round's census from a CSV file (document_number,birth_year[,district]); all or nothing
    Import {
        #[arg(long)]
        round: i64,
        file: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum AdminCommand {
    /// Create an account with a generated password, printed once
    Create {
        /// Email address to log in with
        #[arg(long)]
        email: String,
        /// citizen, reviewer, council or auditor
        #[arg(long)]
        role: String,
        /// Name shown to others [default: the part of the email before @]
        #[arg(long)]
        name: Option<String>,
    },
    /// Change the role of an existing account (its sessions end)
    SetRole {
        #[arg(long)]
        email: String,
        #[arg(long)]
        role: String,
    },
}

#[derive(Parser)]
struct ServeOnly {
    #[command(flatten)]
    args: ServeArgs,
}

#[derive(Args, Debug, Default)]
struct ServeArgs {
    /// Address to listen on
    #[arg(long, env = "BIND", default_value = DEFAULT_BIND)]
    bind: String,
    /// Do not load the demo city into an empty default database
    #[arg(long)]
    no_demo: bool,
    /// Address of the reverse proxy whose X-Forwarded-For/-Proto headers are trusted
    #[arg(long, env = "BUDGETBOX_TRUSTED_PROXY")]
    trusted_proxy: Option<std::net::IpAddr>,
    /// Serve HTTPS with this certificate chain (PEM); needs --tls-key
    #[arg(long, env = "BUDGETBOX_TLS_CERT", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// Private key (PEM) for --tls-cert
    #[arg(long, env = "BUDGETBOX_TLS_KEY", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Mail server: smtp://user:pass@host:587?tls=starttls, smtps://user:pass@host:465, or
    /// smtp://127.0.0.1:2525 for a local relay [default: messages are written to files in the
    /// data directory's outbox folder]
    #[arg(long, env = "BUDGETBOX_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The sender of every message, e.g. "Riverton budget <budget@riverton.example>"
    #[arg(long, env = "BUDGETBOX_MAIL_FROM")]
    mail_from: Option<String>,
    /// The address residents reach the site at, the base of every link in a message, e.g.
    /// https://budget.riverton.example [default: http:// and the --bind address]
    #[arg(long, env = "BUDGETBOX_PUBLIC_URL")]
    public_url: Option<String>,
    /// A token of 16+ characters a metrics scraper on another machine sends as a Bearer token
    /// [default: /metrics is readable from this machine only]
    #[arg(long, env = "BUDGETBOX_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// Map tiles, as an address template with {z}, {x} and {y} (and {s} for a subdomain);
    /// pages may load images from its host and no other [default: OpenStreetMap's standard
    /// tiles]
    #[arg(long, env = "BUDGETBOX_TILE_URL")]
    tile_url: Option<String>,
    /// Who the tiles are by, shown on every map (needed with --tile-url)
    #[arg(long, env = "BUDGETBOX_TILE_ATTRIBUTION")]
    tile_attribution: Option<String>,
    /// Identity providers residents may sign in with, as `[[provider]]` tables in a TOML file
    /// (see the README)
    #[arg(long, env = "BUDGETBOX_OIDC_CONFIG")]
    oidc_config: Option<PathBuf>,
    /// One identity provider from the command line: its issuer (discovery reads
    /// ISSUER/.well-known/openid-configuration); needs --oidc-client-id and
    /// --oidc-client-secret
    #[arg(long, env = "BUDGETBOX_OIDC_ISSUER", requires_all = ["oidc_client_id", "oidc_client_secret"])]
    oidc_issuer: Option<String>,
    /// The client id the provider gave budgetbox
    #[arg(long, env = "BUDGETBOX_OIDC_CLIENT_ID", requires = "oidc_issuer")]
    oidc_client_id: Option<String>,
    /// The client secret the provider gave budgetbox
    #[arg(
        long,
        env = "BUDGETBOX_OIDC_CLIENT_SECRET",
        hide_env_values = true,
        requires = "oidc_issuer"
    )]
    oidc_client_secret: Option<String>,
    /// The provider's id in addresses: /auth/oidc/ID/callback
    #[arg(long, env = "BUDGETBOX_OIDC_ID", default_value = "city")]
    oidc_id: String,
    /// The provider's name on the "Sign in with …" button
    #[arg(long, env = "BUDGETBOX_OIDC_NAME", default_value = "City ID")]
    oidc_name: String,
    /// Scopes asked for besides openid, separated by spaces
    #[arg(long, env = "BUDGETBOX_OIDC_SCOPES", default_value = "email profile")]
    oidc_scopes: String,
    /// The claim naming the person's district (the council maps its values to districts)
    #[arg(long, env = "BUDGETBOX_OIDC_DISTRICT_CLAIM")]
    oidc_district_claim: Option<String>,
}

#[derive(Args, Debug)]
struct TallyArgs {
    /// A Pabulib instance (.pb)
    file: PathBuf,
    /// auto (the rule the file declares), greedy, greedy-no-skip, greedy-threshold[:N], mes, mes-fill, mes-add1, mes-add1-fill, phragmen
    #[arg(long, default_value = "auto")]
    rule: String,
    /// Tie-break chain after the rule's own order, e.g. `cost,id` or `lottery:42,id`
    /// [default: cost,id for the greedy rules; id for MES and Phragmén, as pabutools]
    #[arg(long)]
    tie_break: Option<String>,
    /// Print rule, tie-break, budget, spent, selected and the per-project explanation as JSON
    #[arg(long)]
    json: bool,
    /// Refuse (exit 2) a file with ballots longer than its META max_length, instead of
    /// counting them with a warning
    #[arg(long)]
    strict: bool,
}

/// A failure to report in one line, with the process exit code.
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    /// Misconfiguration or an unavailable resource.
    fn setup(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }

    /// A check that ran and found a mismatch (its details are already printed).
    fn mismatch() -> Self {
        Failure {
            message: "the package does not verify".into(),
            code: 1,
        }
    }

    /// Bad input given on the command line (exit code 2, as for usage errors).
    fn input(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(
        cli.log.as_deref(),
        matches!(cli.command, None | Some(Command::Serve(_))),
    );
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("budgetbox: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

fn init_logging(filter: Option<&str>, serving: bool) {
    let default = if serving { "info" } else { "warn" };
    let filter = filter
        .map(str::to_string)
        .or_else(|| std::env::var("RUST_LOG").ok())
        .unwrap_or_else(|| default.to_string());
    let env_filter = tracing_subscriber::EnvFilter::try_new(&filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    // Logs go to stderr so `tally` output on stdout stays machine-readable.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(env_filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

/// Where the one-shot commands find the database and the secret key.
struct Target<'a> {
    data_dir: &'a std::path::Path,
    url: Option<&'a str>,
    key: Option<&'a str>,
}

impl Target<'_> {
    fn settings(&self) -> Result<Settings, Failure> {
        let mut settings = settings(self.data_dir, self.url, self.key, DEFAULT_BIND)?;
        // One connection is all a one-shot command uses, and the pool opens all of its own.
        settings.pool_size = 1;
        Ok(settings)
    }

    /// Opens (and migrates) the database without checking the secret key.
    fn open_any_key(&self) -> Result<(Settings, PooledDb), Failure> {
        let settings = self.settings()?;
        let pool = prepare_database(&settings).map_err(Failure::setup)?;
        let conn = crate::db::connection::get(&pool).map_err(|e| Failure::setup(e.to_string()))?;
        Ok((settings, conn))
    }

    /// Opens (and migrates) the configured database, refusing a secret key that is not the
    /// installation's.
    fn open(&self) -> Result<(Settings, PooledDb), Failure> {
        let (settings, mut conn) = self.open_any_key()?;
        if let Some(why) =
            crate::domain::installation::key_mismatch(&mut conn, settings.secret_key.expose())
                .map_err(|e| Failure::setup(e.to_string()))?
        {
            return Err(Failure::setup(why));
        }
        Ok((settings, conn))
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let Cli {
        database_url,
        data_dir,
        secret_key,
        command,
        ..
    } = cli;
    let target = Target {
        data_dir: &data_dir,
        url: database_url.as_deref(),
        key: secret_key.as_deref(),
    };
    let now = chrono::Utc::now().naive_utc();
    match command {
        Some(Command::Tally(args)) => commands::tally(args),
        Some(Command::AdoptSecretKey) => commands::adopt_secret_key(&target),
        Some(Command::Migrate) => {
            let (settings, _) = target.open()?;
            println!("database {} is up to date", settings.database_url);
            Ok(())
        }
        Some(Command::Demo) => commands::demo(&target, now),
        Some(Command::Admin(command)) => commands::admin(&mut target.open()?.1, command),
        Some(Command::Codes(command)) => commands::codes(&target, command, now),
        Some(Command::Census(CensusCommand::Import { round, file })) => {
            commands::census(&target, round, &file, now)
        }
        Some(Command::Area(command)) => area::area(&target, command),
        Some(Command::Export(args)) => commands::export(&target, args, now),
        Some(Command::Verify(args)) => commands::verify(args),
        Some(Command::Import(args)) => commands::import(&target, &args, now),
        Some(Command::Backup { file }) => commands::backup(&target, &file),
        Some(Command::Restore { file, replace }) => commands::restore(&target, &file, replace),
        Some(Command::PublicKey) => {
            let (settings, _) = target.open()?;
            println!("{}", crate::audit::public_key_hex(&settings.secret_key));
            Ok(())
        }
        Some(Command::Serve(args)) => serve(&data_dir, target.url, target.key, args),
        None => {
            // No subcommand means `serve` with its defaults and environment.
            let args = ServeOnly::parse_from(["budgetbox"]).args;
            serve(&data_dir, target.url, target.key, args)
        }
    }
}

/// Writes a command's output to a new file (never overwriting one), or to standard output.
fn write_output(out: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    let Some(path) = out else {
        return std::io::stdout()
            .write_all(bytes)
            .map_err(|e| Failure::setup(format!("cannot write the output: {e}")));
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Failure::input(format!("cannot create {}: {e}", path.display())))?;
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .map_err(|e| Failure::setup(format!("cannot write {}: {e}", path.display())))
}

fn settings(
    data_dir: &std::path::Path,
    database_url: Option<&str>,
    secret_key: Option<&str>,
    bind: &str,
) -> Result<Settings, Failure> {
    Settings::resolve(
        data_dir.to_path_buf(),
        database_url,
        secret_key,
        bind.to_string(),
    )
    .map_err(Failure::setup)
}

/// The providers of `--oidc-config`, then the one of `--oidc-issuer`.
fn identity_providers(
    args: &ServeArgs,
) -> Result<Vec<crate::config::IdentityProviderSettings>, Failure> {
    use crate::config::identity_providers::{check_unique, ProviderFlags};
    use crate::config::IdentityProviderSettings;
    let mut providers = match &args.oidc_config {
        Some(path) => IdentityProviderSettings::from_file(path).map_err(Failure::setup)?,
        None => Vec::new(),
    };
    if let Some(issuer) = &args.oidc_issuer {
        providers.push(
            IdentityProviderSettings::from_flags(&ProviderFlags {
                id: &args.oidc_id,
                name: &args.oidc_name,
                issuer,
                client_id: args.oidc_client_id.as_deref().unwrap_or(""),
                client_secret: args.oidc_client_secret.as_deref().unwrap_or(""),
                scopes: &args.oidc_scopes,
                district_claim: args.oidc_district_claim.as_deref(),
            })
            .map_err(Failure::setup)?,
        );
    }
    check_unique(&providers).map_err(Failure::setup)?;
    Ok(providers)
}

fn serve(
    data_dir: &std::path::Path,
    database_url: Option<&str>,
    secret_key: Option<&str>,
    args: ServeArgs,
) -> Result<(), Failure> {
    let mut settings = settings(data_dir, database_url, secret_key, &args.bind)?;
    settings.trusted_proxy = args.trusted_proxy;
    settings.mail = crate::config::MailSettings::parse(
        args.smtp_url.as_deref(),
        args.mail_from.as_deref(),
        args.public_url.as_deref(),
    )
    .map_err(Failure::setup)?;
    settings.map = crate::config::MapSettings::parse(
        args.tile_url.as_deref(),
        args.tile_attribution.as_deref(),
    )
    .map_err(Failure::setup)?;
    settings.identity_providers = identity_providers(&args)?;
    settings.metrics_token = match args.metrics_token {
        Some(token) if token.chars().count() < 16 => {
            return Err(Failure::setup(
                "--metrics-token must be at least 16 characters long",
            ))
        }
        token => token,
    };
    settings.tls = match (args.tls_cert, args.tls_key) {
        (Some(cert), Some(key)) => Some(crate::config::TlsFiles { cert, key }),
        (None, None) => None,
        _ => return Err(Failure::setup("--tls-cert and --tls-key go together")),
    };
    let pool = prepare_database(&settings).map_err(Failure::setup)?;
    if settings.database_is_default && !args.no_demo {
        let mut conn =
            crate::db::connection::get(&pool).map_err(|e| Failure::setup(e.to_string()))?;
        if crate::demo::is_empty(&mut conn).map_err(|e| Failure::setup(e.to_string()))? {
            let credentials = crate::demo::load(
                &mut conn,
                settings.secret_key.expose(),
                chrono::Utc::now().naive_utc(),
            )
            .map_err(|e| Failure::setup(format!("cannot load the demo: {e}")))?;
            println!("Loaded the demo city into {}.", settings.database_url);
            print!("{credentials}");
        }
    }
    let database = settings.database_url.to_string();
    let host = settings.bind.clone();
    let scheme = if settings.tls.is_some() {
        "https"
    } else {
        "http"
    };
    let (mail, mail_dir) = (settings.mail.clone(), settings.data_dir.clone());
    let mut background = settings.clone();
    let app = Application::build(settings, pool.clone(), Clock::System).map_err(Failure::setup)?;
    background.mail.public_url = Some(app.public_url().to_string());
    crate::app::spawn_auto_count(pool, background, Clock::System);
    let url = match host.rsplit_once(':') {
        Some((h, _)) => format!(
            "{scheme}://{}:{}/",
            if h == "0.0.0.0" { "127.0.0.1" } else { h },
            app.port()
        ),
        None => format!("{scheme}://{host}/"),
    };
    tracing::info!(%database, "serving");
    println!("budgetbox is serving at {url} (database: {database}); press Ctrl-C to stop");
    println!("{}", crate::mail::destination(&mail, &mail_dir));
    actix_web::rt::System::new()
        .block_on(app.run_until_stopped())
        .map_err(|e| Failure::setup(format!("the server stopped: {e}")))
}

fn read_input(file: &std::path::Path) -> Result<String, Failure> {
    std::fs::read_to_string(file)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", file.display())))
}

/// A refusal of a file's contents names the file.
fn in_file(file: &std::path::Path) -> impl Fn(crate::error::AppError) -> Failure + '_ {
    move |e| match e {
        crate::error::AppError::Unprocessable(m) => {
            Failure::input(format!("{}: {m}", file.display()))
        }
        other => domain_failure(other),
    }
}

/// A domain refusal on the command line: bad input (exit 2) or a failure (exit 1).
fn domain_failure(e: crate::error::AppError) -> Failure {
    use crate::error::AppError;
    match e {
        AppError::NotFound(m)
        | AppError::Conflict(m)
        | AppError::Unprocessable(m)
        | AppError::BadRequest(m) => Failure::input(m.to_string()),
        other => Failure::setup(other.to_string()),
    }
}
