//! The CLI spelling of rules (`greedy`, `mes-add1-fill`, `greedy-threshold:50`…) and each
//! rule's default tie-break chain.

use std::fmt;
use std::str::FromStr;

use super::types::{Completion, Rule, TieBreak};

/// Every spelling `Rule::from_str` accepts, for help texts. `auto` and a bare
/// `greedy-threshold` need a file and are resolved by `pabulib::Instance::rule_from_cli`.
pub const RULE_NAMES: &[&str] = &[
    "greedy",
    "greedy-no-skip",
    "greedy-threshold:N",
    "greedy-no-skip-threshold:N",
    "mes",
    "mes-fill",
    "mes-add1",
    "mes-add1-fill",
    "mes-add1-full",
    "mes-add1-full-fill",
    "mes-comparison",
    "mes-add1-comparison",
    "phragmen",
];

impl Rule {
    /// Greedy family: cheaper first, then id. MES and Phragmén: id, as pabutools does.
    pub fn default_tie_break(&self) -> TieBreak {
        match self {
            Rule::Greedy
            | Rule::GreedyNoSkip
            | Rule::GreedyThreshold { .. }
            | Rule::GreedyNoSkipThreshold { .. } => TieBreak::greedy_default(),
            Rule::Mes { .. } | Rule::MesComparison { .. } | Rule::Phragmen => {
                TieBreak::mes_default()
            }
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Greedy => f.write_str("greedy"),
            Rule::GreedyNoSkip => f.write_str("greedy-no-skip"),
            Rule::GreedyThreshold { min_score } => write!(f, "greedy-threshold:{min_score}"),
            Rule::GreedyNoSkipThreshold { min_score } => {
                write!(f, "greedy-no-skip-threshold:{min_score}")
            }
            Rule::Mes {
                completion,
                utilitarian_fill,
            } => {
                f.write_str("mes")?;
                match completion {
                    Completion::None => {}
                    Completion::Add1 => f.write_str("-add1")?,
                    Completion::Add1Full => f.write_str("-add1-full")?,
                }
                if *utilitarian_fill {
                    f.write_str("-fill")?;
                }
                Ok(())
            }
            Rule::MesComparison { completion } => match completion {
                Completion::None => f.write_str("mes-comparison"),
                Completion::Add1 => f.write_str("mes-add1-comparison"),
                Completion::Add1Full => f.write_str("mes-add1-full-comparison"),
            },
            Rule::Phragmen => f.write_str("phragmen"),
        }
    }
}

impl FromStr for Rule {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mes = |completion, utilitarian_fill| Rule::Mes {
            completion,
            utilitarian_fill,
        };
        Ok(match s.trim() {
            "greedy" => Rule::Greedy,
            "greedy-no-skip" => Rule::GreedyNoSkip,
            "mes" => mes(Completion::None, false),
            "mes-fill" => mes(Completion::None, true),
            "mes-add1" => mes(Completion::Add1, false),
            "mes-add1-fill" => mes(Completion::Add1, true),
            "mes-add1-full" => mes(Completion::Add1Full, false),
            "mes-add1-full-fill" => mes(Completion::Add1Full, true),
            "mes-add1-full-comparison" => Rule::MesComparison {
                completion: Completion::Add1Full,
            },
            "mes-comparison" => Rule::MesComparison {
                completion: Completion::None,
            },
            "mes-add1-comparison" => Rule::MesComparison {
                completion: Completion::Add1,
            },
            "phragmen" => Rule::Phragmen,
            "greedy-threshold" => {
                return Err(
                    "greedy-threshold needs a threshold: greedy-threshold:N (with a .pb file, the bare name takes it from the file)"
                        .into(),
                )
            }
            "auto" => return Err("rule `auto` needs a .pb file that declares its rule".into()),
            other => {
                let threshold = |n: &str| {
                    n.trim()
                        .parse()
                        .map_err(|_| format!("threshold `{n}` is not a whole number ≥ 0"))
                };
                if let Some(n) = other.strip_prefix("greedy-threshold:") {
                    Rule::GreedyThreshold {
                        min_score: threshold(n)?,
                    }
                } else if let Some(n) = other.strip_prefix("greedy-no-skip-threshold:") {
                    Rule::GreedyNoSkipThreshold {
                        min_score: threshold(n)?,
                    }
                } else {
                    return Err(format!(
                        "unknown rule `{other}` (expected {}, or auto)",
                        RULE_NAMES.join(", ")
                    ));
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for name in [
            "greedy",
            "greedy-no-skip",
            "greedy-threshold:50",
            "mes",
            "mes-fill",
            "mes-add1",
            "mes-add1-fill",
            "mes-add1-full",
            "mes-add1-full-fill",
            "mes-comparison",
            "mes-add1-comparison",
            "phragmen",
        ] {
            let rule: Rule = name.parse().unwrap();
            assert_eq!(rule.to_string(), name);
        }
    }

    #[test]
    fn refusals_say_what_to_do() {
        assert!("greedy-threshold"
            .parse::<Rule>()
            .unwrap_err()
            .contains("greedy-threshold:N"));
        assert!("greedy-threshold:x".parse::<Rule>().is_err());
        assert!("auto".parse::<Rule>().unwrap_err().contains(".pb"));
        assert!("borda"
            .parse::<Rule>()
            .unwrap_err()
            .contains("unknown rule"));
    }

    #[test]
    fn default_tie_breaks() {
        assert_eq!(Rule::Greedy.default_tie_break(), TieBreak::greedy_default());
        assert_eq!(Rule::Phragmen.default_tie_break(), TieBreak::mes_default());
    }
}
