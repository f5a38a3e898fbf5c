//! The one-shot subcommands: each opens the database it needs, does one thing and says so
//! in one line (or writes its output to a file or standard output).

use crate::domain::RoundId;
use std::path::Path;

use chrono::NaiveDateTime;

use super::{
    domain_failure, in_file, read_input, write_output, AdminCommand, CodesCommand, ExportArgs,
    Failure, ImportArgs, TallyArgs, Target, VerifyArgs,
};

pub(super) fn adopt_secret_key(target: &Target<'_>) -> Result<(), Failure> {
    let (settings, mut conn) = target.open_any_key()?;
    let fingerprint = crate::domain::installation::adopt(&mut conn, settings.secret_key.expose())
        .map_err(domain_failure)?;
    println!("the installation's secret key is now the one with fingerprint {fingerprint}");
    Ok(())
}

pub(super) fn demo(target: &Target<'_>, now: NaiveDateTime) -> Result<(), Failure> {
    let (settings, mut conn) = target.open()?;
    let credentials = crate::demo::load(&mut conn, settings.secret_key.expose(), now)
        .map_err(|e| Failure::setup(format!("cannot load the demo: {e}")))?;
    print!("{credentials}");
    Ok(())
}

pub(super) fn codes(
    target: &Target<'_>,
    command: CodesCommand,
    now: NaiveDateTime,
) -> Result<(), Failure> {
    let CodesCommand::Generate {
        round,
        count,
        district,
        from_census,
        out,
    } = command;
    let (csv, written) = match from_census {
        Some(file) => {
            let text = read_input(&file)?;
            let (settings, mut conn) = target.open()?;
            let list = crate::domain::voting_codes::generate_from_census(
                &mut conn,
                settings.secret_key.expose(),
                None,
                RoundId(round),
                &text,
                now,
            )
            .map_err(in_file(&file))?;
            let what = format!("a mailing list of {} voting codes", list.rows.len());
            (list.to_csv().map_err(domain_failure)?, what)
        }
        None => {
            let codes = crate::domain::voting_codes::generate_codes(
                &mut target.open()?.1,
                None,
                RoundId(round),
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

pub(super) fn census(
    target: &Target<'_>,
    round: i64,
    file: &Path,
    now: NaiveDateTime,
) -> Result<(), Failure> {
    let text = read_input(file)?;
    let (settings, mut conn) = target.open()?;
    let summary = crate::domain::census::import_census(
        &mut conn,
        settings.secret_key.expose(),
        None,
        RoundId(round),
        &text,
        now,
    )
    .map_err(in_file(file))?;
    println!(
        "census of round {round}: {} people ({} added, {} removed, {} unchanged)",
        summary.rows, summary.added, summary.removed, summary.unchanged
    );
    Ok(())
}

pub(super) fn export(
    target: &Target<'_>,
    args: ExportArgs,
    now: NaiveDateTime,
) -> Result<(), Failure> {
    use crate::domain::export;
    let (settings, mut conn) = target.open()?;
    let bytes = match args.format.as_str() {
        "pb" => export::pabulib_text(&mut conn, RoundId(args.round), args.pot.as_deref())
            .map_err(domain_failure)?
            .into_bytes(),
        "csv" => export::projects_csv(
            &export::project_rows(&mut conn, RoundId(args.round)).map_err(domain_failure)?,
        )
        .into_bytes(),
        "json" => serde_json::to_string_pretty(
            &export::project_rows(&mut conn, RoundId(args.round)).map_err(domain_failure)?,
        )
        .map_err(|e| Failure::setup(e.to_string()))?
        .into_bytes(),
        "geojson" => export::geojson_text(&mut conn, RoundId(args.round), now)
            .map_err(domain_failure)?
            .into_bytes(),
        "audit" => {
            if args.out.is_none() {
                return Err(Failure::input(
                    "an audit package is a tar archive: write it to a file with --out",
                ));
            }
            let key = crate::audit::signing_key(&settings.secret_key);
            export::audit_package(&mut conn, RoundId(args.round), &key).map_err(domain_failure)?
        }
        other => {
            return Err(Failure::input(format!(
                "unknown export format `{other}` (pb, csv, json, geojson or audit)"
            )))
        }
    };
    let what = format!(
        "round {} as {} from the command line",
        args.round, args.format
    );
    crate::domain::security_log::record_export(&mut conn, now, None, &what)
        .map_err(domain_failure)?;
    write_output(args.out.as_deref(), &bytes)
}

pub(super) fn import(
    target: &Target<'_>,
    args: &ImportArgs,
    now: NaiveDateTime,
) -> Result<(), Failure> {
    let text = std::fs::read(&args.file)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", args.file.display())))?;
    let name = args.file.display().to_string();
    let summary = crate::domain::import::import_pabulib(&mut target.open()?.1, &text, &name, now)
        .map_err(in_file(&args.file))?;
    println!("{summary}");
    Ok(())
}

pub(super) fn backup(target: &Target<'_>, file: &Path) -> Result<(), Failure> {
    let (settings, mut conn) = target.open()?;
    crate::db::backup::backup(&mut conn, &settings.database_url, file).map_err(Failure::input)?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    println!(
        "wrote a consistent snapshot of {} to {} ({size} bytes)",
        settings.database_url,
        file.display()
    );
    Ok(())
}

pub(super) fn restore(target: &Target<'_>, file: &Path, replace: bool) -> Result<(), Failure> {
    let database_url = target.settings()?.database_url;
    crate::db::backup::restore(&database_url, file, replace).map_err(Failure::input)?;
    let (_, mut conn) = target.open()?;
    let summary = crate::domain::bulletin::verify_all(&mut conn).map_err(domain_failure)?;
    println!("restored {database_url} from {}: {summary}", file.display());
    Ok(())
}

pub(super) fn admin(
    conn: &mut crate::db::DbConnection,
    command: AdminCommand,
) -> Result<(), Failure> {
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
/// A JSON file the API wrote.
fn read_json<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<T, Failure> {
    let name = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::input(format!("cannot read {name}: {e}")))?;
    serde_json::from_str(&text).map_err(|e| Failure::input(format!("{name}: {e}")))
}

pub(super) fn verify(args: VerifyArgs) -> Result<(), Failure> {
    let public_key = || {
        args.public_key
            .as_deref()
            .map(crate::audit::parse_public_key)
            .transpose()
            .map_err(|e| Failure::input(format!("--public-key: {e}")))
    };
    if let Some(path) = &args.receipt {
        let key = public_key()?.ok_or_else(|| Failure::input("--receipt needs --public-key"))?;
        let proof: crate::domain::bulletin::InclusionProof = read_json(path)?;
        return match crate::domain::bulletin::check_receipt(&proof, &key) {
            Ok(head) => {
                println!("OK");
                println!(
                    "entry {} of round {} is in the board of {} entries signed on {} (root {})",
                    proof.entry.seq, proof.round_id, head.tree_size, head.signed_on, head.root_hash
                );
                Ok(())
            }
            Err(why) => {
                println!("FAILED: {why}");
                Err(Failure::mismatch())
            }
        };
    }
    if let (Some(path), Some(kept)) = (&args.consistency, &args.kept) {
        let key =
            public_key()?.ok_or_else(|| Failure::input("--consistency needs --public-key"))?;
        let proof: crate::domain::board_tree::Consistency = read_json(path)?;
        let kept: crate::domain::board_tree::TreeHead = read_json(kept)?;
        return match crate::domain::board_tree::check_consistency(&kept, &proof, &key) {
            Ok(()) => {
                println!("OK");
                println!(
                    "the board of {} entries begins with the {} entries of the head you kept",
                    proof.second.tree_size, kept.tree_size
                );
                Ok(())
            }
            Err(why) => {
                println!("FAILED: {why}");
                Err(Failure::mismatch())
            }
        };
    }
    let Some(package) = &args.package else {
        return Err(Failure::input("name a package, --receipt or --consistency"));
    };
    let name = package.display().to_string();
    let key = public_key()?;
    let bytes =
        std::fs::read(package).map_err(|e| Failure::input(format!("cannot read {name}: {e}")))?;
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

pub(super) fn tally(args: TallyArgs) -> Result<(), Failure> {
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
    let over = file
        .ballots_over_max_length()
        .map_err(|e| Failure::input(format!("{name}: {e}")))?;
    if let Some((count, max)) = over {
        let what = format!("{count} ballot(s) name more than max_length = {max} projects");
        if args.strict {
            return Err(Failure::input(format!("{name}: {what} (--strict)")));
        }
        eprintln!("budgetbox: warning: {name}: {what}; they are counted as they are");
    }
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
