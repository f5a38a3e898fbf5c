//! Exact decimal text ↔ integer conversions for `.pb` amounts (budgets, costs, thresholds).
//!
//! Pabulib writes money as `500000`, `500000.00` or `500000,00`. Floats would round, so the
//! digits are read straight into minor units and anything that cannot be represented exactly
//! is refused instead of rounded.

use crate::tally::{Money, MINOR_UNITS_PER_UNIT};

/// Digits of a decimal split at its separator; `frac` is empty when there is none.
struct Decimal<'a> {
    negative: bool,
    int: &'a str,
    frac: &'a str,
}

fn split_decimal(text: &str) -> Result<Decimal<'_>, String> {
    let t = text.trim();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    // A decimal comma is a decimal point (pabutools swaps them the same way).
    let (int, frac) = match body.find(['.', ',']) {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(frac) {
        return Err(format!("`{t}` is not a number"));
    }
    Ok(Decimal {
        negative,
        int,
        frac,
    })
}

fn parse_digits(digits: &str, text: &str) -> Result<i64, String> {
    digits
        .parse::<i64>()
        .map_err(|_| format!("`{}` is too large", text.trim()))
}

/// `"1994767.23"` → 199476723 cents. More than two decimals are refused unless they are zeros.
pub fn parse_money(text: &str) -> Result<Money, String> {
    let d = split_decimal(text)?;
    let (cents_digits, extra) = d.frac.split_at(d.frac.len().min(2));
    if extra.bytes().any(|b| b != b'0') {
        return Err(format!(
            "`{}` has more than 2 decimals; amounts are kept exactly in cents",
            text.trim()
        ));
    }
    let units = parse_digits(d.int, text)?;
    let mut cents = if cents_digits.is_empty() {
        0
    } else {
        parse_digits(cents_digits, text)?
    };
    if cents_digits.len() == 1 {
        cents *= 10;
    }
    let total = units
        .checked_mul(MINOR_UNITS_PER_UNIT)
        .and_then(|u| u.checked_add(cents))
        .ok_or_else(|| format!("`{}` is too large", text.trim()))?;
    Ok(if d.negative { -total } else { total })
}

/// Writes cents back as the shortest exact decimal: `50000000` → `500000`, `5` → `0.05`.
pub fn format_money(cents: Money) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let per = MINOR_UNITS_PER_UNIT.unsigned_abs();
    let (units, rest) = (abs / per, abs % per);
    if rest == 0 {
        format!("{sign}{units}")
    } else {
        format!("{sign}{units}.{rest:02}")
    }
}

/// A score threshold: an integer score passes `x` iff it is at least `ceil(x)`.
pub fn parse_threshold(text: &str) -> Result<u64, String> {
    let d = split_decimal(text)?;
    if d.negative {
        // Every score is at least 0, so a negative threshold excludes nothing.
        return Ok(0);
    }
    let int: u64 = d
        .int
        .parse()
        .map_err(|_| format!("`{}` is too large", text.trim()))?;
    let round_up = d.frac.bytes().any(|b| b != b'0');
    int.checked_add(u64::from(round_up))
        .ok_or_else(|| format!("`{}` is too large", text.trim()))
}

/// A whole, non-negative number (counts, points, `selected`).
pub fn parse_count(text: &str) -> Result<u64, String> {
    let t = text.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{t}` is not a whole number ≥ 0"));
    }
    t.parse().map_err(|_| format!("`{t}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_forms() {
        assert_eq!(parse_money("500000"), Ok(50_000_000));
        assert_eq!(parse_money("500000.00"), Ok(50_000_000));
        assert_eq!(parse_money("363734.88"), Ok(36_373_488));
        assert_eq!(parse_money("363734,88"), Ok(36_373_488));
        assert_eq!(parse_money("1.5"), Ok(150));
        assert_eq!(parse_money("1.500"), Ok(150));
        assert_eq!(parse_money(" 7 "), Ok(700));
        assert_eq!(parse_money("-3.10"), Ok(-310));
        assert_eq!(parse_money("12."), Ok(1200));
    }

    #[test]
    fn money_refusals() {
        assert!(parse_money("1.005")
            .unwrap_err()
            .contains("more than 2 decimals"));
        for bad in [
            "",
            "abc",
            "1e6",
            "1 000",
            "1.2.3",
            ".5",
            "--1",
            "99999999999999999999",
        ] {
            assert!(parse_money(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn money_round_trips() {
        for cents in [
            0,
            1,
            5,
            10,
            99,
            100,
            101,
            50_000_000,
            36_373_488,
            -310,
            i64::MAX,
        ] {
            assert_eq!(parse_money(&format_money(cents)), Ok(cents));
        }
        assert_eq!(format_money(5), "0.05");
        assert_eq!(format_money(50_000_000), "500000");
    }

    #[test]
    fn thresholds_round_up() {
        assert_eq!(parse_threshold("50"), Ok(50));
        assert_eq!(parse_threshold("50.0"), Ok(50));
        assert_eq!(parse_threshold("49.5"), Ok(50));
        assert_eq!(parse_threshold("-2"), Ok(0));
        assert!(parse_threshold("x").is_err());
    }
}
