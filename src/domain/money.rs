//! Amounts of money in minor units (cents), and how they read to a person.

use crate::i18n::Message;

/// "1,234,567.50 EUR"-style text with thousands separators; cents shown only when not zero.
pub fn format_amount(cents: i64, currency: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let units = (cents / 100).to_string();
    let mut grouped = String::with_capacity(units.len() + units.len() / 3);
    for (i, digit) in units.chars().enumerate() {
        if i > 0 && (units.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match cents % 100 {
        0 => format!("{sign}{grouped} {currency}"),
        rest => format!("{sign}{grouped}.{rest:02} {currency}"),
    }
}

#[cfg(test)]
mod tests {
    use super::format_amount;

    #[test]
    fn groups_thousands_and_keeps_cents() {
        assert_eq!(format_amount(0, "EUR"), "0 EUR");
        assert_eq!(format_amount(12_345_678_900, "PLN"), "123,456,789 PLN");
        assert_eq!(format_amount(100_050, "EUR"), "1,000.50 EUR");
        assert_eq!(format_amount(-5, "EUR"), "-0.05 EUR");
    }
}

/// A trillion currency units: far above any real budget, far below overflow.
const MAX_AMOUNT: i64 = 1_000_000_000_000 * 100;

/// Reads an amount typed by a person: digits, optionally grouped by spaces, commas or
/// underscores in threes, and at most two decimals after a point ("1,500,000.50").
pub fn parse_amount(text: &str) -> Result<i64, Message> {
    let text = text.trim();
    let bad = || Message::new("messages-money-not-amount").with("text", text);
    if text.is_empty() {
        return Err(Message::new("messages-money-empty"));
    }
    let (whole, cents) = match text.split_once('.') {
        Some((w, c)) if !c.is_empty() && c.len() <= 2 && c.chars().all(|d| d.is_ascii_digit()) => (
            w,
            if c.len() == 1 {
                format!("{c}0")
            } else {
                c.to_string()
            },
        ),
        Some(_) => return Err(bad()),
        None => (text, "00".to_string()),
    };
    let groups: Vec<&str> = whole.split([',', ' ', '_']).collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits: String = groups.concat();
    if !grouped_ok || digits.is_empty() || !digits.chars().all(|d| d.is_ascii_digit()) {
        return Err(bad());
    }
    let units: i64 = digits
        .parse()
        .map_err(|_| Message::new("messages-money-too-large"))?;
    units
        .checked_mul(100)
        .and_then(|u| u.checked_add(cents.parse::<i64>().unwrap_or(0)))
        .filter(|v| *v <= MAX_AMOUNT)
        .ok_or_else(|| Message::new("messages-money-too-large"))
}

#[cfg(test)]
mod parse_tests {
    use super::parse_amount;

    #[test]
    fn amounts_people_type() {
        assert_eq!(parse_amount("450000"), Ok(45_000_000));
        assert_eq!(parse_amount("450,000.5"), Ok(45_000_050));
        assert_eq!(parse_amount("1 500 000.25"), Ok(150_000_025));
        assert!(
            parse_amount("1,50").is_err(),
            "a decimal comma is ambiguous"
        );
        assert!(parse_amount("-5").is_err());
        assert!(parse_amount("1.234").is_err());
        assert!(parse_amount("99999999999999999999").is_err());
        assert!(parse_amount("").is_err());
    }
}
