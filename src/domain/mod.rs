//! The rules of the game: rounds and their phases, proposals, ballots and results. Web code
//! calls these functions; they read and write through `db`.

pub mod account_mail;
pub mod accounts;
pub mod addresses;
pub mod ballot_papers;
pub mod ballot_rules;
pub mod ballot_words;
pub mod ballots;
pub mod board_tree;
pub mod board_writes;
pub mod bulletin;
pub mod census;
pub mod closing;
pub mod comments;
pub mod counting;
pub mod disclosure;
pub mod districts;

pub mod eligibility;
pub mod export;
pub mod feedback;
pub mod follow_up;
pub mod following;
pub mod hidden;
pub mod identities;
pub mod ids;
pub mod import;
pub mod installation;
pub mod map;
pub mod money;
pub mod notifications;
pub mod outcome;
pub mod paper_ballots;
pub mod people;
pub mod pictures;
pub mod place;
pub mod proposals;
pub mod publication;
pub mod round_config;
pub mod rounds;
pub mod sealing;
pub mod security_log;
pub mod simulation;
pub mod statistics;
pub mod status;
pub mod translations;
pub mod utc;
pub mod voting_codes;

pub use ids::*;
