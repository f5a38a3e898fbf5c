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
        let (pattern, locale) = match self {
            Lang::En => ("%-d %B %Y, %H:%M UTC", chrono::Locale::en_GB),
            Lang::Es => ("%-d de %B de %Y, %H:%M UTC", chrono::Locale::es_ES),
            Lang::Pl => ("%-d %B %Y, %H:%M UTC", chrono::Locale::pl_PL),
        };
        t.and_utc().format_localized(pattern, locale).to_string()
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

/// A message with arguments, e.g. `t_with(lang, "home-budget", &[("amount", "50,000 EUR")])`.
pub fn t_with(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.to_string())))
        .collect();
    LOCALES
        .try_lookup_with_args(&lang.id(), key, &args)
        .unwrap_or_else(|| key.to_string())
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

    #[test]
    fn every_language_has_every_message() {
        let english = std::fs::read_to_string("assets/locales/en/main.ftl").unwrap();
        let keys: Vec<&str> = english
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains(" = "))
            .map(|l| l.split(" = ").next().unwrap().trim())
            .collect();
        assert!(keys.len() > 20);
        for lang in Lang::ALL {
            for key in &keys {
                let text = t_with(
                    lang,
                    key,
                    &[("name", "Ana"), ("amount", "1"), ("from", "a"), ("to", "b")],
                );
                assert_ne!(&text, key, "{} lacks {key}", lang.code());
            }
        }
        assert_eq!(t(Lang::Es, "nav-log-in"), "Iniciar sesión");
        assert_eq!(
            t_with(Lang::Pl, "nav-account", &[("name", "Ana")]),
            "Konto (Ana)"
        );
    }
}
