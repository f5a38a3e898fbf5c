//! Pages reached from a message: confirming an address, forgetting and resetting a password,
//! stopping a kind of message; the account page's mail section; the council's view of the
//! outbox.

use maud::{html, Markup};

use super::components::{button, checkbox, csrf_field, error_summary, flash, input, Field};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::comments::Official;
use crate::domain::following::{Followed, NewsKind};
use crate::domain::notifications::{AccountMail, Backlog};
use crate::error::FieldErrors;
use crate::i18n::{t, t_with, Lang};

fn page(viewer: &Viewer, title: &str, content: Markup) -> Markup {
    layout_for(viewer, Page { title }, content)
}

/// The page a verification link opens: one button, so a link scanner that fetches the link
/// does not use it up.
pub fn verify(viewer: &Viewer, token: &str, usable: bool) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "mail-page-verify-title");
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            @if usable {
                p { (t(lang, "mail-page-verify-text")) }
                form method="post" action="/account/verify" {
                    (csrf_field(&viewer.csrf))
                    input type="hidden" name="token" value=(token);
                    (button(&t(lang, "mail-page-verify-button")))
                }
            } @else {
                p { (t(lang, "messages-mail-link-invalid")) }
                p { a href="/account" { (t(lang, "mail-page-ask-new-link")) } }
            }
        },
    )
}

pub fn verified(viewer: &Viewer) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "mail-page-verified-title");
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            (flash(&t(lang, "mail-page-verified-text")))
            p { a href="/" { (t(lang, "accounts-back-to-rounds")) } }
        },
    )
}

/// "Forgot my password": the form, or (once sent) the same answer for every address.
pub fn forgot(viewer: &Viewer, sent: bool, errors: &FieldErrors) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "mail-page-forgot-title");
    let email_label = t(lang, "accounts-email");
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            @if sent {
                (flash(&t(lang, "mail-page-forgot-sent")))
                p { (t_with(lang, "mail-page-forgot-sent-more", &[("minutes", &crate::domain::account_mail::RESET_MINUTES.to_string())])) }
            } @else {
                (error_summary(lang, errors))
                p { (t(lang, "mail-page-forgot-text")) }
                form method="post" action="/password/forgot" novalidate {
                    (csrf_field(&viewer.csrf))
                    (input(lang, Field::new("email", &email_label).kind("email").autocomplete("username").required(), errors))
                    (button(&t(lang, "mail-page-forgot-button")))
                }
            }
        },
    )
}

/// The page a reset link opens: a new password, or why the link cannot be used.
pub fn reset(viewer: &Viewer, token: &str, usable: bool, errors: &FieldErrors) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "mail-page-reset-title");
    let label = t(lang, "accounts-new-password");
    let hint = t(lang, "accounts-new-password-hint");
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            @if usable {
                (error_summary(lang, errors))
                p { (t(lang, "mail-page-reset-text")) }
                form method="post" action="/password/reset" novalidate {
                    (csrf_field(&viewer.csrf))
                    input type="hidden" name="token" value=(token);
                    (input(lang, Field::new("password", &label).kind("password").autocomplete("new-password").hint(&hint).required(), errors))
                    (button(&t(lang, "mail-page-reset-button")))
                }
            } @else {
                p { (t(lang, "messages-mail-link-invalid")) }
                p { a href="/password/forgot" { (t(lang, "mail-page-ask-new-link")) } }
            }
        },
    )
}

fn kind_label(lang: Lang, kind: &str) -> String {
    t(lang, &format!("mail-kind-{}", kind.replace('_', "-")))
}

/// The page an unsubscribe link opens (a button), and what it says once done.
pub fn unsubscribe(viewer: &Viewer, query: &str, kind: &str, done: Option<bool>) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "mail-page-unsubscribe-title");
    let what = kind_label(lang, kind);
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            @match done {
                Some(true) => { (flash(&t_with(lang, "mail-page-unsubscribed", &[("what", &what)]))) p { a href="/account" { (t(lang, "mail-page-settings-link")) } } }
                Some(false) => { p { (t(lang, "messages-mail-link-invalid")) } }
                None => {
                    p { (t_with(lang, "mail-page-unsubscribe-text", &[("what", &what)])) }
                    form method="post" action={"/unsubscribe?" (query)} {
                        (button(&t(lang, "mail-page-unsubscribe-button")))
                    }
                }
            }
        },
    )
}

/// News lines shown per followed proposal (its page has the rest).
const FOLLOWED_NEWS: usize = 3;

/// One piece of news about a followed proposal, in the reader's language.
fn news_line(lang: Lang, what: &NewsKind) -> String {
    match what {
        NewsKind::Reviewed {
            feasible: true,
            reason,
        } => t_with(lang, "following-feasible", &[("reason", reason)]),
        NewsKind::Reviewed {
            feasible: false,
            reason,
        } => t_with(lang, "following-infeasible", &[("reason", reason)]),
        NewsKind::Answered {
            by: Official::Author,
            text,
        } => t_with(lang, "following-answer-author", &[("text", text)]),
        NewsKind::Answered {
            by: Official::Council,
            text,
        } => t_with(lang, "following-answer-council", &[("text", text)]),
        NewsKind::Progress { status, note } => t_with(
            lang,
            "following-progress",
            &[
                (
                    "status",
                    &t(
                        lang,
                        &format!("statistics-status-{}", status.replace('_', "-")),
                    ),
                ),
                ("note", note),
            ],
        ),
        NewsKind::Merged { into_title } => {
            t_with(lang, "following-merged", &[("title", into_title)])
        }
        NewsKind::Withdrawn => t(lang, "following-withdrawn"),
    }
}

/// The account page's part about mail: whether the address is verified, what to be told, and
/// the proposals followed.
pub fn account_section(viewer: &Viewer, mail: &AccountMail, followed: &[Followed]) -> Markup {
    let lang = viewer.lang;
    let s = &mail.settings;
    html! {
        h2 #mail { (t(lang, "mail-account-heading")) }
        @if mail.verified {
            p { (t(lang, "mail-account-verified")) }
        } @else {
            p.notice { (t(lang, "mail-account-not-verified")) }
            form method="post" action="/account/verify/resend" {
                (csrf_field(&viewer.csrf))
                button.button.secondary type="submit" { (t(lang, "mail-account-resend")) }
            }
        }
        form method="post" action="/account/notifications" {
            (csrf_field(&viewer.csrf))
            fieldset {
                legend { (t(lang, "mail-account-notifications")) }
                (checkbox("own_proposals", &t(lang, "mail-kind-own-proposals"), s.own_proposals))
                (checkbox("followed", &t(lang, "mail-kind-followed"), s.followed))
                (checkbox("round_news", &t(lang, "mail-kind-round-news"), s.round_news))
                (checkbox("receipt_copy", &t(lang, "mail-kind-receipt-copy"), s.receipt_copy))
                p.hint { (t(lang, "mail-account-receipt-hint")) }
            }
            (button(&t(lang, "mail-account-save")))
        }
        h3 #followed-proposals { (t(lang, "mail-account-followed")) }
        @if followed.is_empty() {
            p { (t(lang, "mail-account-followed-none")) }
        } @else {
            p.hint { (t(lang, "following-hint")) }
            ul.followed {
                @for f in followed {
                    li {
                        a href={"/proposals/" (f.id)} { (f.title) } " — " (super::proposals::status_label(lang, f.status))
                        @if !f.news.is_empty() {
                            ul {
                                @for n in f.news.iter().take(FOLLOWED_NEWS) {
                                    li { (lang.datetime(n.at)) ": " (news_line(lang, &n.what)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The council's view of mail waiting to go.
pub fn outbox(viewer: &Viewer, backlog: &Backlog, destination: &str) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "mail-outbox-title");
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            p { (destination) }
            dl.facts {
                div { dt { (t(lang, "mail-outbox-queued")) } dd { (lang.number(backlog.queued)) } }
                div { dt { (t(lang, "mail-outbox-oldest")) } dd { (t_with(lang, "mail-outbox-seconds", &[("seconds", &lang.number(backlog.oldest_seconds))])) } }
                div { dt { (t(lang, "mail-outbox-failing")) } dd { (lang.number(backlog.failing)) } }
                div { dt { (t(lang, "mail-outbox-oldest-failing")) } dd { (t_with(lang, "mail-outbox-seconds", &[("seconds", &lang.number(backlog.oldest_failing_seconds))])) } }
                @if let Some(error) = &backlog.last_error {
                    div { dt { (t(lang, "mail-outbox-last-error")) } dd { (error) } }
                }
            }
            p.hint { (t(lang, "mail-outbox-hint")) }
        },
    )
}
