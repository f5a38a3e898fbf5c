//! Checking an audit package with nothing but the package (and, ideally, the public key the
//! site shows): every fault is reported, so an auditor learns each ballot and project that
//! does not match rather than only the first.

use crate::domain::RoundId;
use std::collections::{BTreeMap, BTreeSet};

use ed25519_dalek::{Signature, VerifyingKey};
use serde::de::DeserializeOwned;

use super::{
    parse_public_key, read_files, sha256_hex, ResultRecord, RoundRecord, BALLOTS, MANIFEST,
    PUBLIC_KEY, RESULT, ROUND, SIGNATURE,
};
use crate::domain::bulletin::{chain_faults, BoardEntry, StoredEntry};
use crate::domain::counting::{counted_contents, elections};
use crate::tally::{self, Rule, TieBreak};

/// The outcome of a verification: `faults` empty means the package is intact and the
/// recount agrees with the stored result.
#[derive(Debug, Default)]
pub struct Report {
    pub faults: Vec<String>,
    /// What an intact package says: one line per pot with the funded projects.
    pub summary: Vec<String>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.faults.is_empty()
    }
}

/// Verifies a package; `expected_key` pins the installation's public key (otherwise the key
/// inside the package is used, which only proves the package is internally consistent).
/// `Err` only when the bytes are not a package at all.
pub fn verify(bytes: &[u8], expected_key: Option<&VerifyingKey>) -> Result<Report, String> {
    let files = read_files(bytes)?;
    let mut report = Report::default();
    check_manifest(&files, expected_key, &mut report);

    let round: Option<RoundRecord> = parse_part(&files, ROUND, &mut report);
    let ballots: Option<Vec<BoardEntry>> = parse_part(&files, BALLOTS, &mut report);
    let result: Option<ResultRecord> = parse_part(&files, RESULT, &mut report);
    let (Some(round), Some(ballots), Some(result)) = (round, ballots, result) else {
        return Ok(report);
    };
    check_chain(&round, &ballots, &result, &mut report);
    check_tree_head(&files, expected_key, &ballots, &mut report);
    recount(&round, &ballots, &result, &mut report);
    if report.ok() {
        report.summary.insert(
            0,
            format!(
                "round {} \"{}\": {} ballots counted, chain head {}, rule {}, tie-break {}",
                round.round_id,
                round.title,
                result.ballot_count,
                result.chain_head,
                result.rule,
                result.tie_break
            ),
        );
    }
    Ok(report)
}

fn parse_part<T: DeserializeOwned>(
    files: &BTreeMap<String, Vec<u8>>,
    name: &str,
    report: &mut Report,
) -> Option<T> {
    let Some(bytes) = files.get(name) else {
        report
            .faults
            .push(format!("{name}: missing from the package"));
        return None;
    };
    serde_json::from_slice(bytes)
        .map_err(|e| report.faults.push(format!("{name}: cannot be read: {e}")))
        .ok()
}

fn check_manifest(
    files: &BTreeMap<String, Vec<u8>>,
    expected_key: Option<&VerifyingKey>,
    report: &mut Report,
) {
    let Some(manifest) = files.get(MANIFEST) else {
        report.faults.push(format!(
            "{MANIFEST}: missing, so nothing in the package is signed"
        ));
        return;
    };
    let manifest_text = String::from_utf8_lossy(manifest);
    let mut listed = BTreeSet::new();
    for line in manifest_text.lines().filter(|l| !l.trim().is_empty()) {
        let Some((sum, name)) = line.split_once("  ") else {
            report
                .faults
                .push(format!("{MANIFEST}: unreadable line `{line}`"));
            continue;
        };
        listed.insert(name.to_string());
        match files.get(name) {
            None => report.faults.push(format!(
                "{name}: listed in {MANIFEST} but missing (removed)"
            )),
            Some(bytes) if sha256_hex(bytes) != sum => report.faults.push(format!(
                "{name}: changed after the package was signed (its SHA-256 differs from {MANIFEST})"
            )),
            Some(_) => {}
        }
    }
    for name in files.keys() {
        if name != MANIFEST && name != SIGNATURE && !listed.contains(name) {
            report
                .faults
                .push(format!("{name}: not listed in {MANIFEST} (added)"));
        }
    }

    let packaged_key = files
        .get(PUBLIC_KEY)
        .and_then(|b| parse_public_key(&String::from_utf8_lossy(b)).ok());
    let key = match (expected_key, packaged_key) {
        (Some(expected), Some(packaged)) if expected != &packaged => {
            report.faults.push(format!(
                "{PUBLIC_KEY}: the package names key {}, not the expected {}",
                hex::encode(packaged.as_bytes()),
                hex::encode(expected.as_bytes())
            ));
            *expected
        }
        (Some(expected), _) => *expected,
        (None, Some(packaged)) => packaged,
        (None, None) => {
            report
                .faults
                .push(format!("{PUBLIC_KEY}: missing or not a public key"));
            return;
        }
    };
    let signature = files
        .get(SIGNATURE)
        .and_then(|b| hex::decode(String::from_utf8_lossy(b).trim()).ok())
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| Signature::from_bytes(&b));
    match signature {
        None => report
            .faults
            .push(format!("{SIGNATURE}: missing or not a signature")),
        Some(signature) => {
            if key.verify_strict(manifest, &signature).is_err() {
                report.faults.push(format!(
                    "{SIGNATURE}: the signature does not match {MANIFEST} under key {}",
                    hex::encode(key.as_bytes())
                ));
            }
        }
    }
}

fn check_chain(
    round: &RoundRecord,
    ballots: &[BoardEntry],
    result: &ResultRecord,
    report: &mut Report,
) {
    let (faults, head) = chain_faults(
        RoundId(round.round_id),
        ballots.iter().map(StoredEntry::from),
    );
    report
        .faults
        .extend(faults.iter().map(|f| format!("{BALLOTS}: {f}")));
    if head != result.chain_head {
        report.faults.push(format!(
            "{RESULT}: the result was counted over chain head {}, but the ballots lead to {head} \
             (ballots were added, removed or changed)",
            result.chain_head
        ));
    }
}

/// The signed tree head, when the package has one: signed by the installation, for as many
/// entries as the board has, and its root the tree of the entries' hashes.
fn check_tree_head(
    files: &BTreeMap<String, Vec<u8>>,
    expected_key: Option<&VerifyingKey>,
    ballots: &[BoardEntry],
    report: &mut Report,
) {
    if !files.contains_key(super::TREE_HEAD) {
        return;
    }
    let Some(head): Option<crate::domain::board_tree::TreeHead> =
        parse_part(files, super::TREE_HEAD, report)
    else {
        return;
    };
    let key = expected_key.copied().or_else(|| {
        files
            .get(super::PUBLIC_KEY)
            .and_then(|k| super::parse_public_key(&String::from_utf8_lossy(k)).ok())
    });
    if !key.is_some_and(|k| head.signed_by(&k)) {
        report.faults.push(format!(
            "{}: not signed by the installation's key",
            super::TREE_HEAD
        ));
    }
    let leaves: Option<Vec<crate::merkle::Hash>> = ballots
        .iter()
        .map(|b| crate::domain::board_tree::leaf_of(&b.entry_hash))
        .collect();
    let (_, frontier) = crate::merkle::append(&[], 0, &leaves.unwrap_or_default());
    let root = crate::merkle::root_of(&frontier).map(hex::encode);
    if head.tree_size != ballots.len() as i64 || root.as_deref() != Some(head.root_hash.as_str()) {
        report.faults.push(format!(
            "{}: the signed head is of {} entries with root {}, but the ballots make a tree of {} entries with root {}",
            super::TREE_HEAD,
            head.tree_size,
            head.root_hash,
            ballots.len(),
            root.unwrap_or_default()
        ));
    } else {
        report.summary.push(format!(
            "the signed tree head ({} entries, signed on {}) matches the ballots",
            head.tree_size, head.signed_on
        ));
    }
}

fn recount(
    round: &RoundRecord,
    ballots: &[BoardEntry],
    result: &ResultRecord,
    report: &mut Report,
) {
    if result.rule != round.rule || result.tie_break != round.tie_break {
        report.faults.push(format!(
            "{RESULT}: counted with rule {} and tie-break {}, but the round declares {} and {}",
            result.rule, result.tie_break, round.rule, round.tie_break
        ));
    }
    let contents = match counted_contents(
        ballots
            .iter()
            .map(|b| (b.seq, b.supersedes, b.content.as_deref())),
    ) {
        Ok(contents) => contents,
        Err(e) => {
            report.faults.push(format!("{BALLOTS}: {e}"));
            return;
        }
    };
    if contents.len() as i64 != result.ballot_count {
        report.faults.push(format!(
            "{RESULT}: {} ballots were counted, but the board holds {} that count",
            result.ballot_count,
            contents.len()
        ));
    }
    let rule: Rule = match round.rule.parse() {
        Ok(rule) => rule,
        Err(e) => {
            report
                .faults
                .push(format!("{ROUND}: unknown rule `{}`: {e}", round.rule));
            return;
        }
    };
    let tie_break: TieBreak = match round.tie_break.parse() {
        Ok(t) => t,
        Err(e) => {
            report.faults.push(format!(
                "{ROUND}: unknown tie-break `{}`: {e}",
                round.tie_break
            ));
            return;
        }
    };
    let title = |id: &str| {
        round
            .basis
            .projects
            .iter()
            .find(|p| p.id.to_string() == id)
            .map_or(String::new(), |p| format!(" \"{}\"", p.title))
    };
    let pot_name = |district: Option<i64>| {
        district
            .and_then(|d| round.basis.districts.iter().find(|x| x.district_id == d))
            .map_or("city-wide".to_string(), |d| d.name.clone())
    };
    let pots = elections(&round.basis, &contents);
    if pots.len() != result.pots.len() {
        report.faults.push(format!(
            "{RESULT}: holds {} pots, but the round has {}",
            result.pots.len(),
            pots.len()
        ));
    }
    for (district, election) in pots {
        let name = pot_name(district);
        let Some(stored) = result.pots.iter().find(|p| p.district_id == district) else {
            report
                .faults
                .push(format!("{RESULT}: no result for pot {name}"));
            continue;
        };
        let recounted = match tally::tally(&election, &rule, &tie_break) {
            Ok(outcome) => outcome,
            Err(e) => {
                report
                    .faults
                    .push(format!("pot {name}: cannot be recounted: {e}"));
                continue;
            }
        };
        let stored_set: BTreeSet<&String> = stored.outcome.selected.iter().collect();
        let recounted_set: BTreeSet<&String> = recounted.selected.iter().collect();
        for id in stored_set.difference(&recounted_set) {
            report.faults.push(format!(
                "project {id}{} (pot {name}): the result funds it, the recount does not",
                title(id)
            ));
        }
        for id in recounted_set.difference(&stored_set) {
            report.faults.push(format!(
                "project {id}{} (pot {name}): the recount funds it, the result does not",
                title(id)
            ));
        }
        report.summary.push(format!(
            "pot {name}: funded {}",
            if recounted.selected.is_empty() {
                "nothing".to_string()
            } else {
                recounted
                    .selected
                    .iter()
                    .map(|id| format!("{id}{}", title(id)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ));
    }
}
