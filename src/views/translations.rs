//! The council's form for translating a round's or a proposal's text, and the note readers
//! see above a translated text.

use std::collections::HashMap;

use maud::{html, Markup};

use super::components::{button, csrf_field, input, select, table, textarea, Field};
use crate::domain::translations::TranslationInput;
use crate::error::FieldErrors;
use crate::i18n::{t, Lang};

/// Says the text above is the council's translation, not the author's words.
pub fn note(lang: Lang) -> Markup {
    html! { p.hint.translation-note { (t(lang, "translation-note")) } }
}

/// The translations so far and a form posting to `action` to add, change or remove one.
pub fn section(
    lang: Lang,
    csrf: &str,
    action: &str,
    existing: &HashMap<Lang, TranslationInput>,
) -> Markup {
    let languages: Vec<(String, String)> = Lang::ALL
        .iter()
        .map(|l| (l.code().to_string(), l.native_name().to_string()))
        .collect();
    let none = FieldErrors::default();
    html! {
        section aria-labelledby="translations-heading" {
            h2 #translations-heading { (t(lang, "translations-heading")) }
            p { (t(lang, "translations-lead")) }
            @if existing.is_empty() {
                p { (t(lang, "translations-none")) }
            } @else {
                (table(html! { (t(lang, "translations-caption")) }, html! { th scope="col" { (t(lang, "translations-language")) }
                        th scope="col" { (t(lang, "translations-title")) }
                        th scope="col" { (t(lang, "translations-description")) } }, html! {
                        @for l in Lang::ALL {
                            @if let Some(text) = existing.get(&l) {
                                tr {
                                    th scope="row" { (l.native_name()) }
                                    td lang=(l.code()) { (text.title) }
                                    td lang=(l.code()) { (text.description) }
                                }
                            }
                        }
                    }))
            }
            form method="post" action=(action) novalidate {
                (csrf_field(csrf))
                (select(lang, "translation_lang", &t(lang, "translations-language"), None, &languages, "", &none))
                (input(lang, Field::new("translated_title", &t(lang, "translations-title")).hint(&t(lang, "translations-remove-hint")), &none))
                (textarea(lang, "translated_description", &t(lang, "translations-description"), None, "", 4, &none))
                (button(&t(lang, "translations-save")))
            }
        }
    }
}
