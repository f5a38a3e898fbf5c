//! The council's page for translating a round's or a proposal's text, and the note readers
//! see above a translated text.

use std::collections::HashMap;

use maud::{html, Markup};

use super::components::{
    button, csrf_field, error_summary, input, select_required, table, textarea, Field,
};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::translations::TranslationInput;
use crate::error::FieldErrors;
use crate::i18n::{t, t_with, Lang};

/// Says the text above is the council's translation, not the author's words.
pub fn note(lang: Lang) -> Markup {
    html! { p.hint.translation-note { (t(lang, "translation-note")) } }
}

/// The link from a round's or proposal's page to its translations.
pub fn link(lang: Lang, href: &str, existing: usize) -> Markup {
    html! {
        section aria-labelledby="translations-heading" {
            h2 #translations-heading { (t(lang, "translations-heading")) }
            p { a href=(href) { (crate::i18n::t_count(lang, "translations-link", existing as i64, &[("n", &lang.number(existing as i64))])) } }
        }
    }
}

/// What the council typed, shown again with the errors when it cannot be saved.
#[derive(Default)]
pub struct Draft {
    pub lang: String,
    pub title: String,
    pub description: String,
}

pub struct TranslationsPage<'a> {
    /// Where the text comes from, e.g. the round's title, and its page.
    pub of: (&'a str, String),
    pub original: &'a TranslationInput,
    pub existing: &'a HashMap<Lang, TranslationInput>,
    pub action: String,
    pub draft: &'a Draft,
    pub errors: &'a FieldErrors,
    pub notice: Option<&'a str>,
}

/// The original text, its translations so far, and the form to add, change or remove one.
pub fn page(viewer: &Viewer, p: TranslationsPage<'_>) -> Markup {
    let lang = viewer.lang;
    let title = t_with(lang, "translations-title-of", &[("text", p.of.0)]);
    let languages: Vec<(String, String)> = Lang::ALL
        .iter()
        .map(|l| (l.code().to_string(), l.native_name().to_string()))
        .collect();
    let page_title = if p.errors.is_empty() {
        title.clone()
    } else {
        format!("{} {title}", t(lang, "form-error-prefix"))
    };
    layout_for(
        viewer,
        Page { title: &page_title },
        html! {
            h1 { (title) }
            @if let Some(message) = p.notice { (super::components::flash(message)) }
            (error_summary(lang, p.errors))
            p { (t(lang, "translations-lead")) " " a href=(p.of.1) { (t(lang, "translations-back")) } }
            h2 { (t(lang, "translations-original")) }
            div.card {
                p { strong { (p.original.title) } }
                @for paragraph in p.original.description.split("\n\n") { p { (paragraph) } }
            }
            h2 { (t(lang, "translations-so-far")) }
            @if p.existing.is_empty() {
                p { (t(lang, "translations-none")) }
            } @else {
                (table(
                    html! { (t(lang, "translations-caption")) },
                    html! {
                        th scope="col" { (t(lang, "translations-language")) }
                        th scope="col" { (t(lang, "translations-title")) }
                        th scope="col" { (t(lang, "translations-description")) }
                    },
                    html! {
                        @for l in Lang::ALL {
                            @if let Some(text) = p.existing.get(&l) {
                                tr {
                                    th scope="row" { (l.native_name()) }
                                    td lang=(l.code()) { (text.title) }
                                    td lang=(l.code()) { (text.description) }
                                }
                            }
                        }
                    },
                ))
            }
            h2 { (t(lang, "translations-form-heading")) }
            form method="post" action=(p.action) novalidate {
                (csrf_field(&viewer.csrf))
                (select_required(lang, "translation_lang", &t(lang, "translations-language"), None, &languages, &p.draft.lang, p.errors))
                (input(lang, Field::new("translated_title", &t(lang, "translations-title")).value(&p.draft.title).hint(&t(lang, "translations-remove-hint")), p.errors))
                (textarea(lang, "translated_description", &t(lang, "translations-description"), None, &p.draft.description, 6, p.errors))
                (button(&t(lang, "translations-save")))
            }
        },
    )
}
