//! budgetbox: participatory budgeting with an open, verifiable count.
//!
//! Data flows one way: `web` → `domain` → `db`. `tally` and `pabulib` are pure and depend on
//! nothing else here.

pub mod app;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod mail;
pub mod merkle;
pub mod metrics;
pub mod pabulib;
pub mod tally;
pub mod views;
pub mod web;
