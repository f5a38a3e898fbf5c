//! Reviewers' pages: confirming a voter in person, and entering a paper ballot.

use maud::{html, Markup};

use super::components::{button, csrf_field, error_summary, flash, input, select, Field};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::districts::RoundDistrict;
use crate::domain::rounds::RoundSummary;
use crate::error::FieldErrors;
use crate::i18n::{t, t_with};

/// The form to confirm a voter after seeing their document.
pub fn confirm_voter(
    viewer: &Viewer,
    round: &RoundSummary,
    districts: &[RoundDistrict],
    notice: Option<&str>,
    errors: &FieldErrors,
) -> Markup {
    let lang = viewer.lang;
    let title = t_with(lang, "review-confirm-title", &[("round", &round.title)]);
    let email_label = t(lang, "review-confirm-email");
    let options: Vec<(String, String)> = districts
        .iter()
        .map(|d| (d.slug.clone(), d.name.clone()))
        .collect();
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(lang, errors))
            p { (t(lang, "review-confirm-text")) }
            form method="post" novalidate {
                (csrf_field(&viewer.csrf))
                (input(lang, Field::new("email", &email_label).kind("email").required(), errors))
                (input(lang, Field::new("document_number", &t(lang, "review-confirm-document")).hint(&t(lang, "review-confirm-document-hint")).autocomplete("off").required(), errors))
                (select(lang, "district", &t(lang, "review-confirm-district"), Some(t(lang, "review-confirm-district-hint").as_str()), &options, "", errors))
                (button(&t(lang, "review-confirm-submit")))
            }
        },
    )
}

/// The first step of a paper ballot: whose ballot is it.
pub fn paper_start(
    viewer: &Viewer,
    round: &RoundSummary,
    notice: Option<&str>,
    errors: &FieldErrors,
) -> Markup {
    let lang = viewer.lang;
    let title = t_with(lang, "review-paper-title", &[("round", &round.title)]);
    let email_label = t(lang, "review-paper-email");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(lang, errors))
            p { (t(lang, "review-paper-text")) }
            form method="post" action={"/review/rounds/" (round.id) "/paper/ballot"} novalidate {
                (csrf_field(&viewer.csrf))
                (input(lang, Field::new("email", &email_label).kind("email").required(), errors))
                (button(&t(lang, "review-paper-show")))
            }
        },
    )
}
