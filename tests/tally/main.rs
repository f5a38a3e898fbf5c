//! Tally tests on real Pabulib data and against the pabutools oracle.

mod cli;
mod data;
mod greedy_props;
mod oracle;
mod pabulib_props;
mod samples;
