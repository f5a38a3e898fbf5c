//! Tie-break chains: the declared, recorded order between projects the rule itself ranks equal.
//!
//! A lottery key is the first 8 bytes (big-endian) of SHA-256 of "SEED:PROJECT_ID", lower first,
//! so anyone can recompute the order from the recorded seed without our code.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

use super::types::{Project, TieBreak, TieKey};

impl TieBreak {
    /// Greedy family default: cheaper first, then project id (reproduces more official outcomes).
    pub fn greedy_default() -> Self {
        TieBreak(vec![TieKey::LowerCost, TieKey::ProjectId])
    }

    /// MES default: project id order, as pabutools does, so results compare with it.
    pub fn mes_default() -> Self {
        TieBreak(vec![TieKey::ProjectId])
    }

    /// Orders two projects the rule ranks equal: `Less` means `a` goes first.
    /// Always ends on the project id, so the order is total whatever the chain says.
    pub fn compare(&self, a: &Project, b: &Project) -> Ordering {
        self.0
            .iter()
            .map(|key| key.compare(a, b))
            .find(|o| o.is_ne())
            .unwrap_or_else(|| a.id.cmp(&b.id))
    }
}

impl TieKey {
    fn compare(&self, a: &Project, b: &Project) -> Ordering {
        match self {
            TieKey::LowerCost => a.cost.cmp(&b.cost),
            TieKey::HigherCost => b.cost.cmp(&a.cost),
            TieKey::ProjectId => a.id.cmp(&b.id),
            TieKey::Lottery { seed } => lottery_key(*seed, &a.id).cmp(&lottery_key(*seed, &b.id)),
        }
    }
}

pub fn lottery_key(seed: u64, project_id: &str) -> u64 {
    let digest = Sha256::digest(format!("{seed}:{project_id}").as_bytes());
    u64::from_be_bytes(
        digest[..8]
            .try_into()
            .expect("SHA-256 digests are 32 bytes"),
    )
}

impl fmt::Display for TieBreak {
    /// The CLI spelling, e.g. `cost,id` or `lottery:42,id`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|k| match k {
                TieKey::LowerCost => "cost".to_string(),
                TieKey::HigherCost => "-cost".to_string(),
                TieKey::ProjectId => "id".to_string(),
                TieKey::Lottery { seed } => format!("lottery:{seed}"),
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}

impl FromStr for TieBreak {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let keys = s
            .split(',')
            .map(str::trim)
            .map(|part| match part {
                "cost" => Ok(TieKey::LowerCost),
                "-cost" => Ok(TieKey::HigherCost),
                "id" => Ok(TieKey::ProjectId),
                _ => match part.strip_prefix("lottery:") {
                    Some(seed) => seed
                        .parse()
                        .map(|seed| TieKey::Lottery { seed })
                        .map_err(|_| format!("lottery seed `{seed}` is not a whole number")),
                    None => Err(format!(
                        "unknown tie-break key `{part}` (expected cost, -cost, id or lottery:SEED)"
                    )),
                },
            })
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err("empty tie-break chain".into());
        }
        Ok(TieBreak(keys))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(id: &str, cost: i64) -> Project {
        Project {
            id: id.into(),
            cost,
            withdrawn: false,
            district: None,
            category: None,
        }
    }

    #[test]
    fn ids_compare_as_strings() {
        let tb: TieBreak = "id".parse().unwrap();
        assert_eq!(
            tb.compare(&project("10", 1), &project("9", 1)),
            Ordering::Less
        );
    }

    #[test]
    fn cost_then_id() {
        let tb = TieBreak::greedy_default();
        assert_eq!(
            tb.compare(&project("b", 1), &project("a", 2)),
            Ordering::Less
        );
        assert_eq!(
            tb.compare(&project("b", 2), &project("a", 2)),
            Ordering::Greater
        );
    }

    #[test]
    fn spelling_round_trips() {
        for s in ["cost,id", "-cost,lottery:42,id", "id"] {
            assert_eq!(s.parse::<TieBreak>().unwrap().to_string(), s);
        }
        assert!("price".parse::<TieBreak>().is_err());
        assert!("lottery:x".parse::<TieBreak>().is_err());
    }

    #[test]
    fn lottery_is_reproducible_from_seed() {
        // The first 8 bytes of SHA-256 as `printf '7:a' | sha256sum` prints them: anyone can
        // recompute the order from the recorded seed with any sha256 tool.
        assert_eq!(lottery_key(7, "a"), 0x82d9_d62b_aa6a_7870);
        assert_eq!(lottery_key(8, "a"), 0x76f5_c6c1_ab18_d461);
        // `42:p1` hashes to 23ed…, `42:p2` to 4cd8…: p1 comes first, whatever the cost or id
        // keys would say.
        let tb: TieBreak = "lottery:42".parse().unwrap();
        assert_eq!(
            tb.compare(&project("p1", 5), &project("p2", 1)),
            Ordering::Less
        );
        assert_eq!(
            tb.compare(&project("p2", 1), &project("p1", 5)),
            Ordering::Greater
        );
    }
}
