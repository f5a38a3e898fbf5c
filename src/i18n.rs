//! Languages of the interface: message catalogues in Fluent (`assets/locales/<lang>/*.ftl`,
//! compiled into the binary), the visitor's language from the `bb_lang` cookie (set by the
//! switcher on every page) or else their browser's `Accept-Language`, English when neither
//! names one we ship.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, Loader};
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./assets/locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they would end up inside attributes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

pub const COOKIE: &str = "bb_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Es,
    Pl,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::Pl];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Pl => "pl",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::Pl => "Polski",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// A date and time as people of this language write it, in UTC (the round's own time
    /// zone comes with the rest of the locale work).
    pub fn datetime(self, t: chrono::NaiveDateTime) -> String {
        self.datetime_in(t, chrono_tz::UTC)
    }

    /// A UTC instant as the wall-clock time in `zone`, with the zone's abbreviation
    /// ("1 May 2026, 09:00 CEST").
    pub fn datetime_in(self, utc: chrono::NaiveDateTime, zone: chrono_tz::Tz) -> String {
        use chrono::TimeZone;
        let (pattern, locale) = match self {
            Lang::En => ("%-d %B %Y, %H:%M %Z", chrono::Locale::en_GB),
            Lang::Es => ("%-d de %B de %Y, %H:%M %Z", chrono::Locale::es_ES),
            Lang::Pl => ("%-d %B %Y, %H:%M %Z", chrono::Locale::pl_PL),
        };
        zone.from_utc_datetime(&utc)
            .format_localized(pattern, locale)
            .to_string()
    }

    /// An amount of money as this language writes it: `1,234.50 EUR`, `1234,50 EUR`,
    /// `12.345 EUR` (Spanish), `12 345 PLN` (Polish, with a no-break space). As in CLDR,
    /// Spanish and Polish leave four-digit numbers ungrouped.
    pub fn amount(self, cents: i64, currency: &str) -> String {
        let sign = if cents < 0 { "-" } else { "" };
        let cents = cents.unsigned_abs();
        let whole = self.group((cents / 100).to_string());
        match cents % 100 {
            0 => format!("{sign}{whole}\u{a0}{currency}"),
            rest => format!(
                "{sign}{whole}{}{rest:02}\u{a0}{currency}",
                self.decimal_mark()
            ),
        }
    }

    /// An amount typed the way this language writes it (`12,500.50`; es `12.500,50`; pl
    /// `12 500,50`), rewritten as plain digits with a decimal point (`12500.50`), which is what
    /// the rules read. None when it is not written this language's way: the text then goes on
    /// as typed, and a plain `12500` or an English `12,500` still reads everywhere.
    pub fn canonical_amount(self, typed: &str) -> Option<String> {
        let typed = typed.trim();
        let (groups, decimal): (&[char], char) = match self {
            Lang::En => (&[','], '.'),
            Lang::Es => (&['.'], ','),
            Lang::Pl => (&[' ', '\u{a0}', '\u{202f}', '.'], ','),
        };
        let (whole, cents) = match typed.split_once(decimal) {
            Some((w, c)) if (1..=2).contains(&c.len()) && c.chars().all(|d| d.is_ascii_digit()) => {
                (w, Some(c))
            }
            Some(_) => return None,
            None => (typed, None),
        };
        let parts: Vec<&str> = whole.split(|c| groups.contains(&c)).collect();
        let grouped = parts.len() == 1
            || ((1..=3).contains(&parts[0].len()) && parts[1..].iter().all(|g| g.len() == 3));
        let digits = parts.concat();
        if !grouped || digits.is_empty() || !digits.chars().all(|d| d.is_ascii_digit()) {
            return None;
        }
        Some(match cents {
            Some(c) => format!("{digits}.{c}"),
            None => digits,
        })
    }

    /// A whole number with this language's thousands separator.
    pub fn number(self, n: i64) -> String {
        let sign = if n < 0 { "-" } else { "" };
        format!("{sign}{}", self.group(n.unsigned_abs().to_string()))
    }

    /// A number with one decimal, e.g. an average or a percentage.
    pub fn decimal(self, x: f64) -> String {
        format!("{x:.1}").replace('.', self.decimal_mark())
    }

    fn decimal_mark(self) -> &'static str {
        match self {
            Lang::En => ".",
            Lang::Es | Lang::Pl => ",",
        }
    }

    fn group(self, digits: String) -> String {
        let (separator, min_len) = match self {
            Lang::En => (',', 4),
            Lang::Es => ('.', 5),
            Lang::Pl => ('\u{a0}', 5),
        };
        if digits.len() < min_len {
            return digits;
        }
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        grouped
    }

    fn id(self) -> LanguageIdentifier {
        // Our codes always parse; were one not to, the lookup falls back to English.
        self.code().parse().unwrap_or_default()
    }
}

/// The cookie's language if it names one we ship, else the best `Accept-Language` match by
/// its q-values, else English.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
    if let Some(lang) = cookie.and_then(Lang::parse) {
        return lang;
    }
    let mut offers: Vec<(f32, usize, Lang)> = accept_language
        .unwrap_or("")
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let lang = Lang::parse(pieces.next()?)?;
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, i, lang))
        })
        .collect();
    // Highest q first; among equals, the order the browser sent.
    offers.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    offers.first().map_or(Lang::En, |o| o.2)
}

/// A message; its key when a catalogue lacks it (a test checks they do not).
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES
        .try_lookup(&lang.id(), key)
        .unwrap_or_else(|| key.to_string())
}

type Args<'a> = HashMap<Cow<'static, str>, FluentValue<'a>>;

/// The message `key` with `args`; its key when a catalogue lacks it.
fn lookup(lang: Lang, key: &str, args: &Args<'_>) -> String {
    LOCALES
        .try_lookup_with_args(&lang.id(), key, args)
        .unwrap_or_else(|| key.to_string())
}

fn text_args<'a>(args: &[(&str, &str)]) -> Args<'a> {
    args.iter()
        .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.to_string())))
        .collect()
}

/// A message with arguments, e.g. `t_with(lang, "home-budget", &[("amount", "50,000 EUR")])`.
pub fn t_with(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    lookup(lang, key, &text_args(args))
}

/// A message whose wording depends on a number (Fluent plural categories: Polish has
/// one/few/many), e.g. `t_count(lang, "ballots-count", n, &[])` with `{ $count -> … }`.
pub fn t_count(lang: Lang, key: &str, count: i64, args: &[(&str, &str)]) -> String {
    let mut all = text_args(args);
    all.insert(Cow::Borrowed("count"), FluentValue::from(count));
    lookup(lang, key, &all)
}

/// A sentence for a person, decided where the rule lives and worded where it is shown: a
/// catalogue key with its arguments, rendered in the reader's language. Plain text is
/// accepted too and shown as it is, in English, wherever a rule has not been given a key yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    key: Cow<'static, str>,
    args: Vec<(&'static str, Arg)>,
}

/// An argument as the reader's language writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Arg {
    Text(String),
    /// A count: written with the language's digits, and chooses plural forms.
    Number(i64),
    Money {
        cents: i64,
        currency: String,
    },
    /// Another sentence inside this one, in the same language.
    Message(Box<Message>),
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message {
            key: Cow::Borrowed(key),
            args: Vec::new(),
        }
    }

    /// Adds a `{ $name }` argument shown as it is.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Message {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Adds a number, which the message may also use to pick a plural form.
    pub fn count(mut self, name: &'static str, value: impl TryInto<i64>) -> Message {
        let value = value.try_into().unwrap_or(i64::MAX);
        self.args.push((name, Arg::Number(value)));
        self
    }

    /// Adds an amount of money, written the reader's way.
    pub fn money(mut self, name: &'static str, cents: i64, currency: &str) -> Message {
        let currency = currency.to_string();
        self.args.push((name, Arg::Money { cents, currency }));
        self
    }

    /// Adds another message, rendered in the same language, e.g. the problem with a field.
    pub fn with_message(mut self, name: &'static str, inner: Message) -> Message {
        self.args.push((name, Arg::Message(Box::new(inner))));
        self
    }

    pub fn text(&self, lang: Lang) -> String {
        let args: Args<'_> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(text) => FluentValue::from(text.clone()),
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Money { cents, currency } => {
                        FluentValue::from(lang.amount(*cents, currency))
                    }
                    Arg::Message(inner) => FluentValue::from(inner.text(lang)),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        lookup(lang, &self.key, &args)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message {
            key: Cow::Owned(text.to_string()),
            args: Vec::new(),
        }
    }
}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message {
            key: Cow::Owned(text),
            args: Vec::new(),
        }
    }
}

/// English in JSON: the API speaks English.
impl serde::Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text(Lang::En))
    }
}

/// English, for the JSON API and logs.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_wins_then_q_values_then_english() {
        assert_eq!(negotiate(Some("pl"), Some("es")), Lang::Pl);
        assert_eq!(negotiate(Some("fr"), Some("es-ES,es;q=0.9")), Lang::Es);
        assert_eq!(negotiate(None, Some("de-DE,pl;q=0.5,es;q=0.8")), Lang::Es);
        assert_eq!(negotiate(None, Some("es;q=0,pl;q=0.1")), Lang::Pl);
        assert_eq!(negotiate(None, Some("fr, de")), Lang::En);
        assert_eq!(negotiate(None, None), Lang::En);
        assert_eq!(negotiate(None, Some(";;,q=,,")), Lang::En);
    }

    /// Each message of a catalogue file: its key and the `$variables` it uses.
    fn messages_of(lang: Lang, file: &str) -> Vec<(String, Vec<String>)> {
        let path = format!("assets/locales/{}/{file}", lang.code());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut messages: Vec<(String, Vec<String>)> = Vec::new();
        for line in text.lines() {
            if line.starts_with(|c: char| c.is_ascii_lowercase()) && line.contains(" =") {
                let key = line.split(" =").next().unwrap().trim().to_string();
                messages.push((key, Vec::new()));
            }
            if let Some((_, vars)) = messages.last_mut().filter(|_| !line.starts_with('#')) {
                for piece in line.split('$').skip(1) {
                    let name: String = piece
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    if !vars.contains(&name) {
                        vars.push(name);
                    }
                }
            }
        }
        messages.sort();
        messages
    }

    /// Every catalogue file exists in every language with exactly English's keys; no
    /// translation uses a variable English does not pass; and each message renders in each
    /// language given English's variables.
    #[test]
    fn every_language_has_every_message() {
        let mut total = 0;
        for entry in std::fs::read_dir("assets/locales/en").unwrap() {
            let file = entry.unwrap().file_name().into_string().unwrap();
            let english = messages_of(Lang::En, &file);
            let keys: Vec<&String> = english.iter().map(|(k, _)| k).collect();
            let mut unique = keys.clone();
            unique.dedup();
            assert_eq!(unique.len(), keys.len(), "a key repeats in en/{file}");
            total += keys.len();
            for lang in Lang::ALL {
                let translated = messages_of(lang, &file);
                let their_keys: Vec<&String> = translated.iter().map(|(k, _)| k).collect();
                assert_eq!(their_keys, keys, "{}/{file} differs from en", lang.code());
                for ((key, english_vars), (_, vars)) in english.iter().zip(&translated) {
                    for var in vars {
                        assert!(
                            english_vars.contains(var),
                            "{}: {key} uses ${var}",
                            lang.code()
                        );
                    }
                    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = english_vars
                        .iter()
                        .map(|v| (Cow::Owned(v.clone()), FluentValue::from(3)))
                        .collect();
                    assert!(
                        LOCALES
                            .try_lookup_with_args(&lang.id(), key, &args)
                            .is_some(),
                        "{}: {key}",
                        lang.code()
                    );
                }
            }
        }
        assert!(total > 20);
        assert_eq!(t(Lang::Es, "nav-log-in"), "Iniciar sesión");
        assert_eq!(
            t_with(Lang::Pl, "nav-account", &[("name", "Ana")]),
            "Konto (Ana)"
        );
    }

    #[test]
    fn messages_choose_plural_forms_and_write_money_the_readers_way() {
        let too_many = |max: i64| {
            Message::new("messages-ballots-too-many")
                .count("max", max)
                .count("count", 7)
        };
        assert_eq!(
            too_many(1).text(Lang::En),
            "Choose at most 1 project; this ballot has 7."
        );
        assert_eq!(
            too_many(2).text(Lang::En),
            "Choose at most 2 projects; this ballot has 7."
        );
        assert_eq!(
            too_many(2).text(Lang::Pl),
            "Wybierz najwyżej 2 projekty; na tej karcie jest ich 7."
        );
        assert_eq!(
            too_many(5).text(Lang::Pl),
            "Wybierz najwyżej 5 projektów; na tej karcie jest ich 7."
        );
        let over = Message::new("messages-ballots-over-budget")
            .money("total", 1_000_000, "EUR")
            .money("budget", 70_000, "EUR");
        assert!(
            over.text(Lang::Es).contains("10.000\u{a0}EUR"),
            "{}",
            over.text(Lang::Es)
        );
        assert!(over.to_string().contains("10,000\u{a0}EUR"));
        // Text without a key is shown as it is.
        assert_eq!(Message::from("as typed").text(Lang::Pl), "as typed");
    }

    #[test]
    fn amounts_and_numbers_follow_the_language() {
        assert_eq!(
            Lang::En.amount(12_345_678_900, "PLN"),
            "123,456,789\u{a0}PLN"
        );
        assert_eq!(Lang::En.amount(100_050, "EUR"), "1,000.50\u{a0}EUR");
        assert_eq!(Lang::Es.amount(100_050, "EUR"), "1000,50\u{a0}EUR");
        assert_eq!(Lang::Es.amount(5_000_000, "EUR"), "50.000\u{a0}EUR");
        assert_eq!(Lang::Pl.amount(5_000_000, "PLN"), "50\u{a0}000\u{a0}PLN");
        assert_eq!(Lang::Pl.amount(-5, "PLN"), "-0,05\u{a0}PLN");
        assert_eq!(Lang::En.number(1234), "1,234");
        assert_eq!(Lang::Es.number(1234), "1234");
        assert_eq!(Lang::Es.decimal(4.25), "4,2");
        assert_eq!(Lang::En.decimal(4.26), "4.3");
    }
}
