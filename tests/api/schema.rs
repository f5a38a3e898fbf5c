//! The two migration folders and `schema.rs` describe the same database.

use std::collections::BTreeMap;

use budgetbox::db::schema::*;
use budgetbox::db::{migrations, DbConnection};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text};

use crate::helpers::{Backend, TestDatabase};

/// (table, column) → (normalised type, nullable)
pub(crate) type Columns = BTreeMap<(String, String), (String, bool)>;

/// Column names of every table as `schema.rs` declares them, read from the SQL diesel builds.
fn declared_columns() -> Vec<(String, String)> {
    fn names<T: diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite>>(
        table: &str,
        query: T,
    ) -> Vec<(String, String)> {
        let sql = diesel::debug_query::<diesel::sqlite::Sqlite, _>(&query).to_string();
        let select = sql
            .split(" FROM ")
            .next()
            .unwrap()
            .trim_start_matches("SELECT ");
        select
            .split(", ")
            .map(|c| {
                (
                    table.to_string(),
                    c.rsplit('.').next().unwrap().trim_matches('`').to_string(),
                )
            })
            .collect()
    }
    macro_rules! columns_of {
        ($($table:ident),* $(,)?) => {
            [$(names(stringify!($table), $table::table.select($table::all_columns))),*].concat()
        };
    }
    columns_of!(
        districts,
        users,
        rounds,
        round_districts,
        proposals,
        participations,
        ballots,
        round_results,
        open_boards,
        login_throttle,
        audit_log,
        security_counters,
        round_changes,
        census_entries,
        voting_codes,
        voter_checks,
        paper_entries,
        proposal_reviews,
        imported_projects,
        feedback,
        feedback_tokens,
        project_progress,
        round_scoring,
        round_statistics,
        round_proposal_rules,
        proposal_supports,
        proposal_flags,
        proposal_moderation,
        proposal_merges,
        proposal_change_requests,
        proposal_images,
        text_translations,
        installation,
        revoked_sessions,
        outbox,
        email_tokens,
        notification_settings,
        proposal_follows,
        round_announcements,
        comments,
        comment_flags,
        named_places,
        account_identities,
        oidc_logins,
        round_voter_rules,
        board_nodes,
        board_heads,
    )
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Text)]
    is_nullable: String,
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    col_type: String,
    #[diesel(sql_type = Integer)]
    notnull: i32,
    #[diesel(sql_type = Integer)]
    pk: i32,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

pub(crate) fn introspect(conn: &mut DbConnection) -> Columns {
    match conn {
        DbConnection::Postgres(pg) => diesel::sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type, is_nullable::text AS is_nullable
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'",
        )
        .load::<PgColumn>(pg)
        .unwrap()
        .into_iter()
        .map(|c| {
            let ty = match c.data_type.as_str() {
                "bigint" => "bigint",
                "integer" => "integer",
                "text" => "text",
                "bytea" => "binary",
                "double precision" => "double",
                "timestamp without time zone" => "timestamp",
                other => panic!("unexpected Postgres type {other} for {}.{}", c.table_name, c.column_name),
            };
            ((c.table_name, c.column_name), (ty.to_string(), c.is_nullable == "YES"))
        })
        .collect(),
        DbConnection::Sqlite(lite) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS name, p.type AS col_type, p.\"notnull\" AS \"notnull\", p.pk AS pk
             FROM sqlite_master m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations'
               AND m.name NOT LIKE 'proposals_fts%'",
        )
        .load::<SqliteColumn>(lite)
        .unwrap()
        .into_iter()
        .map(|c| {
            let ty = match (c.col_type.as_str(), c.pk) {
                // A rowid alias is 64-bit.
                ("INTEGER", 1) | ("BIGINT", _) => "bigint",
                ("INTEGER", _) => "integer",
                ("TEXT", _) => "text",
                ("TIMESTAMP", _) => "timestamp",
                ("BLOB", _) => "binary",
                ("DOUBLE PRECISION", _) => "double",
                (other, _) => panic!("unexpected SQLite type {other} for {}.{}", c.table_name, c.name),
            };
            // SQLite reports primary keys as nullable; they are not.
            ((c.table_name, c.name), (ty.to_string(), c.notnull == 0 && c.pk == 0))
        })
        .collect(),
    }
}

fn migrated(backend: Backend) -> Option<(TestDatabase, DbConnection)> {
    let db = TestDatabase::create(backend)?;
    let manager = budgetbox::db::connection::ConnectionManager::new(db.url.clone());
    let mut conn = diesel::r2d2::ManageConnection::connect(&manager).unwrap();
    migrations::run_pending(&mut conn).unwrap();
    Some((db, conn))
}

#[test]
fn sqlite_migrations_create_what_schema_rs_declares() {
    let (_db, mut conn) = migrated(Backend::Sqlite).unwrap();
    let found: Vec<_> = introspect(&mut conn).into_keys().collect();
    let mut declared = declared_columns();
    declared.sort();
    assert_eq!(found, declared);
}

#[test]
fn postgres_and_sqlite_migrations_agree() {
    let Some((_pg_db, mut pg)) = migrated(Backend::Postgres) else {
        return;
    };
    let (_lite_db, mut lite) = migrated(Backend::Sqlite).unwrap();
    assert_eq!(introspect(&mut pg), introspect(&mut lite));
}

fn up_down_up(backend: Backend) {
    let Some((_db, mut conn)) = migrated(backend) else {
        return;
    };
    let before = introspect(&mut conn);
    migrations::revert_all(&mut conn).unwrap();
    assert!(
        introspect(&mut conn).is_empty(),
        "down.sql leaves tables behind on {backend:?}"
    );
    migrations::run_pending(&mut conn).unwrap();
    assert_eq!(introspect(&mut conn), before);
}

#[test]
fn migrations_undo_and_redo_on_sqlite() {
    up_down_up(Backend::Sqlite);
}

#[test]
fn migrations_undo_and_redo_on_postgres() {
    up_down_up(Backend::Postgres);
}

#[test]
fn sqlite_connections_are_durable() {
    let (_db, mut conn) = migrated(Backend::Sqlite).unwrap();
    let DbConnection::Sqlite(lite) = &mut conn else {
        unreachable!()
    };
    #[derive(QueryableByName)]
    struct Pragma {
        #[diesel(sql_type = Text)]
        v: String,
    }
    let get = |lite: &mut diesel::SqliteConnection, pragma: &str| {
        diesel::sql_query(format!("SELECT CAST(({pragma}) AS TEXT) AS v"))
            .get_result::<Pragma>(lite)
            .unwrap()
            .v
    };
    assert_eq!(
        get(lite, "SELECT journal_mode FROM pragma_journal_mode"),
        "wal"
    );
    assert_eq!(
        get(lite, "SELECT synchronous FROM pragma_synchronous"),
        "2",
        "FULL"
    );
    assert_eq!(
        get(lite, "SELECT foreign_keys FROM pragma_foreign_keys"),
        "1"
    );
    assert_eq!(
        get(lite, "SELECT timeout FROM pragma_busy_timeout"),
        "10000"
    );
    let n = diesel::sql_query("SELECT COUNT(*) AS n FROM rounds")
        .get_result::<Count>(lite)
        .unwrap()
        .n;
    assert_eq!(n, 0);
}
