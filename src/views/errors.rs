//! Error pages that tell a person what happened and what to do next.

use maud::{html, Markup};

use super::layout::{layout, Page};
use crate::i18n::{t, Lang};

/// `title` is already in the reader's language.
pub fn error_page(lang: Lang, status: u16, title: &str, message: &str) -> Markup {
    let advice = match status {
        404 => "errors-advice-not-found",
        503 => "errors-advice-unavailable",
        500..=599 => "errors-advice-server",
        _ => "errors-advice-request",
    };
    layout(
        lang,
        Page { title },
        html! {
            h1 { (title) }
            p.lead { (message) }
            p { (t(lang, advice)) }
            p { a href="/" { (t(lang, "errors-go-to-rounds")) } }
        },
    )
}
