//! One module per table: its row struct first, then the functions that read and write it.

pub mod audit;
pub mod ballot;
pub mod change_request;
pub mod comment;
pub mod district;
pub mod eligibility;
pub mod email_token;
pub mod installation;
pub mod login_throttle;
pub mod moderation;
pub mod notification;
pub mod outbox;
pub mod place;
pub mod progress;
pub mod proposal;
pub mod proposal_image;
pub mod proposal_merge;
pub mod proposal_rules;
pub mod proposal_support;
pub mod round;
pub mod round_change;
pub mod round_result;
pub mod session;
pub mod translation;
pub mod user;
