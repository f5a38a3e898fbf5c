//! The auditor's package: one tar archive holding everything needed to recount a round
//! without trusting the server — its configuration and change log, every bulletin-board
//! entry, the stored result — with a `MANIFEST` of SHA-256 sums (`sha256sum -c` reads it) and
//! an Ed25519 signature over that manifest by the installation's key.
//!
//! `verify` checks a package with no database: the manifest, the signature, the hash chain,
//! and a recount with the declared rule, naming every ballot and project that does not match.

mod verify;

use std::collections::BTreeMap;
use std::io::Read;

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::SecretKey;
use crate::domain::bulletin::BoardEntry;
use crate::domain::counting::{CountBasis, PotOutcome};

pub use verify::{verify, Report};

pub const MANIFEST: &str = "MANIFEST";
pub const SIGNATURE: &str = "MANIFEST.sig";
pub const PUBLIC_KEY: &str = "public-key.txt";
pub const ROUND: &str = "round.json";
pub const CHANGES: &str = "changes.json";
pub const BALLOTS: &str = "ballots.json";
pub const RESULT: &str = "result.json";
pub const TREE_HEAD: &str = "tree-head.json";
pub const README: &str = "README.txt";

/// Packages larger than this are refused before reading further (a national vote with
/// millions of ballots is still far below it).
const MAX_PACKAGE_BYTES: u64 = 4 << 30;

/// The audit signing key is derived from the installation's secret, so every app instance
/// sharing that secret signs with the same key and there is no second secret to keep.
pub fn signing_key(secret: &SecretKey) -> SigningKey {
    crate::auth::audit_signing_key(secret.expose())
}

/// The public half, as shown on the site and written into every package.
pub fn public_key_hex(secret: &SecretKey) -> String {
    hex::encode(signing_key(secret).verifying_key().as_bytes())
}

/// What a round was, as configured when it was counted.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct RoundRecord {
    pub round_id: i64,
    pub slug: String,
    pub title: String,
    pub currency: String,
    pub ballot_type: String,
    pub min_choices: i64,
    pub max_choices: Option<i64>,
    pub points_total: Option<i64>,
    pub points_per_project: Option<i64>,
    pub rule: String,
    pub tie_break: String,
    pub revote_policy: String,
    pub time_zone: String,
    pub proposals_open_at: String,
    pub review_at: String,
    pub voting_open_at: String,
    pub voting_close_at: String,
    pub basis: CountBasis,
}

/// A change to the round's settings; who made it is not exported (names and account ids
/// stay on the server), only when, what and why.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ChangeRecord {
    pub at: String,
    pub what: String,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ResultRecord {
    pub rule: String,
    pub tie_break: String,
    pub chain_head: String,
    pub ballot_count: i64,
    pub computed_at: String,
    pub pots: Vec<PotOutcome>,
}

/// The parts of a package before it is written.
pub struct Contents {
    pub round: RoundRecord,
    pub changes: Vec<ChangeRecord>,
    pub ballots: Vec<BoardEntry>,
    pub result: ResultRecord,
    /// The board's last signed tree head (none for a round without ballots).
    pub tree_head: Option<crate::domain::board_tree::TreeHead>,
    /// Extra files for other tools (e.g. one Pabulib file per pot), covered by the manifest.
    pub extra: Vec<(String, Vec<u8>)>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// `sha256sum` format: two spaces between the sum and the name.
fn manifest_text(files: &BTreeMap<String, Vec<u8>>) -> String {
    files
        .iter()
        .map(|(name, bytes)| format!("{}  {name}\n", sha256_hex(bytes)))
        .collect()
}

fn readme(round: &RoundRecord, public_key: &str) -> String {
    format!(
        "Audit package of round {id} \"{title}\" (budgetbox)\n\n\
         round.json     the round's rules: ballot type, limits, budgets, feasible projects and\n\
         \x20              their costs, the tally rule and tie-break\n\
         changes.json   every change made to the round's settings, with its reason\n\
         ballots.json   every entry of the public bulletin board, in order; each entry's hash\n\
         \x20              covers the previous hash, so the last one (the chain head) commits to all\n\
         result.json    the stored result, the rule it was counted with and the chain head it\n\
         \x20              was counted over\n\
         tree-head.json the board's signed Merkle tree head (RFC 9162); its root is the tree of\n\
         \x20              the entries' hashes, the one receipts' inclusion proofs lead to\n\
         pots/*.pb      the same ballots as Pabulib files, one per budget pot, for other tools\n\
         MANIFEST       SHA-256 of every file above (check with: sha256sum -c MANIFEST)\n\
         MANIFEST.sig   Ed25519 signature of MANIFEST, hex\n\
         public-key.txt the installation's public key; compare it with the one on the site\n\n\
         Verify everything, including a recount, with:\n\
         \x20 budgetbox verify PACKAGE --public-key {public_key}\n",
        id = round.round_id,
        title = round.title,
    )
}

/// Writes the package as an uncompressed tar archive (readable with any `tar`).
pub fn write(contents: &Contents, key: &SigningKey) -> std::io::Result<Vec<u8>> {
    let public_key = hex::encode(key.verifying_key().as_bytes());
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    files.insert(
        README.into(),
        readme(&contents.round, &public_key).into_bytes(),
    );
    files.insert(ROUND.into(), pretty_json(&contents.round)?);
    files.insert(CHANGES.into(), pretty_json(&contents.changes)?);
    files.insert(BALLOTS.into(), pretty_json(&contents.ballots)?);
    files.insert(RESULT.into(), pretty_json(&contents.result)?);
    if let Some(head) = &contents.tree_head {
        files.insert(TREE_HEAD.into(), pretty_json(head)?);
    }
    for (name, bytes) in &contents.extra {
        files.insert(name.clone(), bytes.clone());
    }
    // The archive's dates are the count's, so two exports of one round are identical.
    let mtime =
        chrono::NaiveDateTime::parse_from_str(&contents.result.computed_at, "%Y-%m-%dT%H:%M:%S")
            .map_or(0, |t| t.and_utc().timestamp().max(0) as u64);
    seal(files, key, mtime)
}

/// Adds the public key, the manifest of every file and its signature, and writes the tar.
pub fn seal(
    mut files: BTreeMap<String, Vec<u8>>,
    key: &SigningKey,
    mtime: u64,
) -> std::io::Result<Vec<u8>> {
    files.remove(MANIFEST);
    files.remove(SIGNATURE);
    files.insert(
        PUBLIC_KEY.into(),
        format!("{}\n", hex::encode(key.verifying_key().as_bytes())).into_bytes(),
    );
    let manifest = manifest_text(&files);
    let signature = hex::encode(key.sign(manifest.as_bytes()).to_bytes());
    files.insert(MANIFEST.into(), manifest.into_bytes());
    files.insert(SIGNATURE.into(), format!("{signature}\n").into_bytes());
    write_tar(&files, mtime)
}

/// A tar of the files exactly as given (no manifest or signature added).
pub fn write_tar(files: &BTreeMap<String, Vec<u8>>, mtime: u64) -> std::io::Result<Vec<u8>> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, bytes) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(mtime);
        header.set_cksum();
        builder.append_data(&mut header, name, bytes.as_slice())?;
    }
    builder.into_inner()
}

/// Reads every regular file of a tar archive, refusing absurd sizes before reading them.
pub fn read_files(bytes: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let mut archive = tar::Archive::new(bytes);
    let mut files = BTreeMap::new();
    let entries = archive
        .entries()
        .map_err(|e| format!("not a tar archive: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("not a readable tar archive: {e}"))?;
        let path = entry
            .path()
            .map_err(|e| format!("a file name in the archive is unreadable: {e}"))?
            .into_owned();
        let name = path.to_string_lossy().into_owned();
        // What was checked must be what `tar -x` gives: no links, devices or directories that
        // could shadow a file, no name that lands outside the folder or twice in it.
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(format!(
                "{name}: not a regular file ({:?}); an audit package holds only files",
                entry.header().entry_type()
            ));
        }
        let plain = !name.is_empty()
            && !name.contains('\\')
            && path
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !plain {
            return Err(format!(
                "{name}: not a plain relative file name (absolute, `..`, `.` or empty)"
            ));
        }
        if files.contains_key(&name) {
            return Err(format!(
                "{name} appears twice in the archive; `tar -x` would keep only the last"
            ));
        }
        if entry.size() > MAX_PACKAGE_BYTES {
            return Err(format!(
                "{name} is too large to be part of an audit package"
            ));
        }
        // The header's size is only a claim: never reserve more than the archive holds.
        let mut data = Vec::with_capacity((entry.size() as usize).min(bytes.len()));
        entry
            .read_to_end(&mut data)
            .map_err(|e| format!("{name} cannot be read from the archive: {e}"))?;
        files.insert(name, data);
    }
    if files.is_empty() {
        return Err("not an audit package: the archive holds no files".into());
    }
    Ok(files)
}

pub fn parse_public_key(text: &str) -> Result<VerifyingKey, String> {
    let bytes: [u8; 32] = hex::decode(text.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| "a public key is 64 hexadecimal digits".to_string())?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| "this is not a valid Ed25519 public key".into())
}

fn pretty_json<T: Serialize>(value: &T) -> std::io::Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?;
    out.push(b'\n');
    Ok(out)
}
