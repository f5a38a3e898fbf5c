//! Amounts of money in minor units (cents), and how they read to a person.

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
