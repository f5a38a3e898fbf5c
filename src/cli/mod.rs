//! The command line: clap definitions and one function per subcommand.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::app::{prepare_database, Application};
use crate::config::{Settings, DEFAULT_BIND, DEFAULT_DATA_DIR};
use crate::db::connection::PooledDb;
use crate::web::Clock;

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
    /// Export a round: Pabulib .pb (one pot), projects and outcome as CSV or JSON, or the
    /// signed audit package (a tar archive) for `verify`
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
struct VerifyArgs {
    /// The package written by `export --format audit`
    package: PathBuf,
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
    /// pb, csv, json or audit
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

fn run(cli: Cli) -> Result<(), Failure> {
    let data_dir = cli.data_dir.clone();
    let (url, key) = (cli.database_url.clone(), cli.secret_key.clone());
    // Opens (and migrates) the configured database for a one-shot command.
    let open = || -> Result<(Settings, PooledDb), Failure> {
        let mut settings = settings(&data_dir, url.as_deref(), key.as_deref(), DEFAULT_BIND)?;
        // One connection is all a one-shot command uses, and the pool opens all of its own.
        settings.pool_size = 1;
        let pool = prepare_database(&settings).map_err(Failure::setup)?;
        let mut conn = pool.get().map_err(|e| Failure::setup(e.to_string()))?;
        if let Some(why) =
            crate::domain::installation::key_mismatch(&mut conn, settings.secret_key.expose())
                .map_err(|e| Failure::setup(e.to_string()))?
        {
            return Err(Failure::setup(why));
        }
        Ok((settings, conn))
    };
    let now = chrono::Utc::now().naive_utc();
    match cli.command {
        Some(Command::Tally(args)) => tally(args),
        Some(Command::AdoptSecretKey) => {
            let mut settings = settings(&data_dir, url.as_deref(), key.as_deref(), DEFAULT_BIND)?;
            settings.pool_size = 1;
            let pool = prepare_database(&settings).map_err(Failure::setup)?;
            let mut conn = pool.get().map_err(|e| Failure::setup(e.to_string()))?;
            let fingerprint =
                crate::domain::installation::adopt(&mut conn, settings.secret_key.expose())
                    .map_err(domain_failure)?;
            println!("the installation's secret key is now the one with fingerprint {fingerprint}");
            Ok(())
        }
        Some(Command::Migrate) => {
            let (settings, _) = open()?;
            println!("database {} is up to date", settings.database_url);
            Ok(())
        }
        Some(Command::Demo) => {
            let (settings, mut conn) = open()?;
            let credentials = crate::demo::load(&mut conn, settings.secret_key.expose(), now)
                .map_err(|e| Failure::setup(format!("cannot load the demo: {e}")))?;
            print!("{credentials}");
            Ok(())
        }
        Some(Command::Admin(command)) => admin(&mut open()?.1, command),
        Some(Command::Codes(CodesCommand::Generate {
            round,
            count,
            district,
            from_census,
            out,
        })) => {
            let (csv, written) = match from_census {
                Some(file) => {
                    let text = read_input(&file)?;
                    let (settings, mut conn) = open()?;
                    let list = crate::domain::voting_codes::generate_from_census(
                        &mut conn,
                        settings.secret_key.expose(),
                        None,
                        round,
                        &text,
                        now,
                    )
                    .map_err(in_file(&file))?;
                    let what = format!("a mailing list of {} voting codes", list.rows.len());
                    (list.to_csv().map_err(domain_failure)?, what)
                }
                None => {
                    let codes = crate::domain::voting_codes::generate_codes(
                        &mut open()?.1,
                        None,
                        round,
                        count.unwrap_or(0),
                        district.as_deref(),
                        now,
                    )
                    .map_err(domain_failure)?;
                    let slug = district.as_deref().unwrap_or("");
                    let csv: String = std::iter::once("code,round,district\n".to_string())
                        .chain(codes.iter().map(|code| format!("{code},{round},{slug}\n")))
                        .collect();
                    (csv, format!("{} voting codes", codes.len()))
                }
            };
            write_output(out.as_deref(), csv.as_bytes())?;
            if let Some(path) = out {
                eprintln!("wrote {written} to {}", path.display());
            }
            Ok(())
        }
        Some(Command::Census(CensusCommand::Import { round, file })) => {
            let text = read_input(&file)?;
            let (settings, mut conn) = open()?;
            let summary = crate::domain::census::import_census(
                &mut conn,
                settings.secret_key.expose(),
                None,
                round,
                &text,
                now,
            )
            .map_err(in_file(&file))?;
            println!(
                "census of round {round}: {} people ({} added, {} removed, {} unchanged)",
                summary.rows, summary.added, summary.removed, summary.unchanged
            );
            Ok(())
        }
        Some(Command::Export(args)) => {
            use crate::domain::export;
            let (settings, mut conn) = open()?;
            let bytes = match args.format.as_str() {
                "pb" => export::pabulib_text(&mut conn, args.round, args.pot.as_deref())
                    .map_err(domain_failure)?
                    .into_bytes(),
                "csv" => export::projects_csv(
                    &export::project_rows(&mut conn, args.round).map_err(domain_failure)?,
                )
                .into_bytes(),
                "json" => serde_json::to_string_pretty(
                    &export::project_rows(&mut conn, args.round).map_err(domain_failure)?,
                )
                .map_err(|e| Failure::setup(e.to_string()))?
                .into_bytes(),
                "audit" => {
                    if args.out.is_none() {
                        return Err(Failure::input(
                            "an audit package is a tar archive: write it to a file with --out",
                        ));
                    }
                    let key = crate::audit::signing_key(&settings.secret_key);
                    export::audit_package(&mut conn, args.round, &key).map_err(domain_failure)?
                }
                other => {
                    return Err(Failure::input(format!(
                        "unknown export format `{other}` (pb, csv, json or audit)"
                    )))
                }
            };
            write_output(args.out.as_deref(), &bytes)
        }
        Some(Command::Verify(args)) => verify(args),
        Some(Command::Import(args)) => {
            let text = std::fs::read(&args.file)
                .map_err(|e| Failure::input(format!("cannot read {}: {e}", args.file.display())))?;
            let name = args.file.display().to_string();
            let summary = crate::domain::import::import_pabulib(&mut open()?.1, &text, &name, now)
                .map_err(|e| match e {
                    crate::error::AppError::Unprocessable(m) => {
                        Failure::input(format!("{name}: {m}"))
                    }
                    other => domain_failure(other),
                })?;
            println!("{summary}");
            Ok(())
        }
        Some(Command::Backup { file }) => {
            let (settings, mut conn) = open()?;
            crate::db::backup::backup(&mut conn, &settings.database_url, &file)
                .map_err(Failure::input)?;
            let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
            println!(
                "wrote a consistent snapshot of {} to {} ({size} bytes)",
                settings.database_url,
                file.display()
            );
            Ok(())
        }
        Some(Command::Restore { file, replace }) => {
            let target = settings(&data_dir, url.as_deref(), key.as_deref(), DEFAULT_BIND)?;
            crate::db::backup::restore(&target.database_url, &file, replace)
                .map_err(Failure::input)?;
            let (_, mut conn) = open()?;
            let summary = crate::domain::bulletin::verify_all(&mut conn).map_err(domain_failure)?;
            println!(
                "restored {} from {}: {summary}",
                target.database_url,
                file.display()
            );
            Ok(())
        }
        Some(Command::PublicKey) => {
            let (settings, _) = open()?;
            println!("{}", crate::audit::public_key_hex(&settings.secret_key));
            Ok(())
        }
        Some(Command::Serve(args)) => serve(
            &cli.data_dir,
            cli.database_url.as_deref(),
            cli.secret_key.as_deref(),
            args,
        ),
        None => {
            // No subcommand means `serve` with its defaults and environment.
            let args = ServeOnly::parse_from(["budgetbox"]).args;
            serve(
                &cli.data_dir,
                cli.database_url.as_deref(),
                cli.secret_key.as_deref(),
                args,
            )
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
    settings.tls = match (args.tls_cert, args.tls_key) {
        (Some(cert), Some(key)) => Some(crate::config::TlsFiles { cert, key }),
        (None, None) => None,
        _ => return Err(Failure::setup("--tls-cert and --tls-key go together")),
    };
    let pool = prepare_database(&settings).map_err(Failure::setup)?;
    if settings.database_is_default && !args.no_demo {
        let mut conn = pool.get().map_err(|e| Failure::setup(e.to_string()))?;
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
    crate::app::spawn_auto_count(pool, background);
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

fn admin(conn: &mut crate::db::DbConnection, command: AdminCommand) -> Result<(), Failure> {
    use crate::auth::{password, Role};
    use crate::db::models::user;
    let parse_role = |raw: &str| {
        Role::parse(raw).ok_or_else(|| {
            Failure::input(format!(
                "`{raw}` is not a role (citizen, reviewer, council, auditor)"
            ))
        })
    };
    let now = chrono::Utc::now().naive_utc();
    match command {
        AdminCommand::Create { email, role, name } => {
            let role = parse_role(&role)?;
            let email = crate::domain::accounts::normalize_email(&email);
            if !email.contains('@') {
                return Err(Failure::input(format!("`{email}` is not an email address")));
            }
            if user::find_by_email(conn, &email)
                .map_err(|e| Failure::setup(e.to_string()))?
                .is_some()
            {
                return Err(Failure::input(format!(
                    "an account with the email {email} already exists; use `admin set-role`"
                )));
            }
            let secret = crate::demo::random_password(&mut rand::rng());
            let display_name =
                name.unwrap_or_else(|| email.split('@').next().unwrap_or("staff").to_string());
            let id = user::insert(
                conn,
                &user::NewUser {
                    email: &email,
                    display_name: &display_name,
                    password_hash: &password::hash(&secret),
                    role: role.as_str(),
                    gender: None,
                    birth_year: None,
                    district_id: None,
                    created_at: now,
                },
            )
            .map_err(|e| Failure::setup(e.to_string()))?;
            crate::db::models::audit::insert(
                conn,
                now,
                None,
                "role.changed",
                &format!(
                    "account {id} created as {} from the command line",
                    role.as_str()
                ),
            )
            .map_err(|e| Failure::setup(e.to_string()))?;
            println!("Created {} account {email}. Password (shown once, change it after logging in): {secret}", role.as_str());
            Ok(())
        }
        AdminCommand::SetRole { email, role } => {
            let role = parse_role(&role)?;
            let email = crate::domain::accounts::normalize_email(&email);
            let found =
                user::find_by_email(conn, &email).map_err(|e| Failure::setup(e.to_string()))?;
            let target = found.ok_or_else(|| {
                Failure::input(format!("there is no account with the email {email}"))
            })?;
            user::set_role(conn, target.id, role.as_str())
                .map_err(|e| Failure::setup(e.to_string()))?;
            crate::db::models::audit::insert(
                conn,
                now,
                None,
                "role.changed",
                &format!(
                    "account {} from {} to {} from the command line",
                    target.id,
                    target.role,
                    role.as_str()
                ),
            )
            .map_err(|e| Failure::setup(e.to_string()))?;
            println!("{email} is now {}", role.as_str());
            Ok(())
        }
    }
}

/// Exit 0 when the package is intact and the recount agrees, 1 when anything does not
/// match, 2 when the file cannot be read as a package at all.
fn verify(args: VerifyArgs) -> Result<(), Failure> {
    let name = args.package.display().to_string();
    let key = args
        .public_key
        .as_deref()
        .map(crate::audit::parse_public_key)
        .transpose()
        .map_err(|e| Failure::input(format!("--public-key: {e}")))?;
    let bytes = std::fs::read(&args.package)
        .map_err(|e| Failure::input(format!("cannot read {name}: {e}")))?;
    let report = crate::audit::verify(&bytes, key.as_ref())
        .map_err(|e| Failure::input(format!("{name}: {e}")))?;
    if report.ok() {
        println!("OK");
        for line in &report.summary {
            println!("{line}");
        }
        if key.is_none() {
            println!("note: checked against the key inside the package; pass --public-key with the key shown on the site to know who signed it");
        }
        Ok(())
    } else {
        println!("FAILED: {} problem(s)", report.faults.len());
        for fault in &report.faults {
            println!("{fault}");
        }
        Err(Failure::mismatch())
    }
}

fn tally(args: TallyArgs) -> Result<(), Failure> {
    use crate::{pabulib, tally};
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", args.file.display())))?;
    let name = args.file.display();
    // The lean reader builds ballots directly; voter attributes are not needed to count.
    let file = pabulib::parse_bytes_for_tally(&bytes)
        .map_err(|e| Failure::input(format!("{name}: {e}")))?;
    let rule = file
        .instance
        .rule_from_cli(&args.rule)
        .map_err(|e| Failure::input(format!("{name}: {e}")))?;
    let tie_break = match &args.tie_break {
        Some(chain) => chain
            .parse()
            .map_err(|e: String| Failure::input(format!("--tie-break: {e}")))?,
        None => rule.default_tie_break(),
    };
    let election = file
        .into_election()
        .map_err(|e| Failure::input(format!("{name}: {e}")))?;
    let outcome = tally::tally(&election, &rule, &tie_break)
        .map_err(|e| Failure::input(format!("{name}: {e}")))?;
    if args.json {
        let report = serde_json::json!({
            "rule": outcome.rule.to_string(),
            "tie_break": outcome.tie_break.to_string(),
            "budget": outcome.budget,
            "spent": outcome.spent,
            "money_unit": "cents",
            "selected": outcome.selected,
            "explanation": outcome.explanations,
        });
        let json =
            serde_json::to_string_pretty(&report).map_err(|e| Failure::setup(e.to_string()))?;
        println!("{json}");
    } else {
        let mut out = String::new();
        for id in &outcome.selected {
            out.push_str(id);
            out.push('\n');
        }
        print!("{out}");
    }
    Ok(())
}
