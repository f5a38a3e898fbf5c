//! HTTP: routes, shared state, middleware. Handlers turn requests into domain calls and
//! domain results into pages (views) or JSON.

pub mod assets;
pub mod ballot_box;
pub mod extractors;
mod grouped;
pub mod metrics;
pub mod middleware;
pub mod routes;
pub mod state;
pub mod tls;

pub use state::{AppState, Clock};
