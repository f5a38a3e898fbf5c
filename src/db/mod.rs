//! Storage: the schema, connections to SQLite or PostgreSQL, migrations, and one module per
//! table holding its row struct and the queries that read and write it.

pub mod backup;
pub mod compact;
pub mod connection;
pub mod migrations;
pub mod models;
pub mod schema;

pub use connection::{connect_pool, write_transaction, DbConnection, DbPool};
