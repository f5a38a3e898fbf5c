//! Integration tests: the real server on a random loopback port, one fresh database per test,
//! each DB-touching test run on SQLite and on PostgreSQL.

#[macro_use]
mod helpers;

mod accounts;
mod audit;
mod ballots;
mod board;
mod browser;
mod cli;
mod comments;
mod crash;
mod dead_ends;
mod deliberation;
mod docs;
mod follow_up;
mod group_writes;
mod health;
mod identity;
mod identity_journey;
mod integrity;
mod layers;
mod linkage;
mod mail;
mod mailbox;
mod matrix;
mod outage;
mod pages;
mod places;
mod proposals;
mod races;
mod resources;
mod results;
mod rounds_admin;
mod rounds_api;
mod schema;
mod security;
mod simulate;
mod translations;
