//! The conversation on a proposal's page, the pages for one comment (reply, edit, delete,
//! report, hide) and the moderators' queue.

use linkify::{LinkFinder, LinkKind};
use maud::{html, Markup};

use super::components::{button, csrf_field, error_summary, flash, round_time, textarea};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::comments::{
    CommentPage, CommentState, CommentView, Official, Order, Reported, MAX_LENGTH,
};
use crate::error::FieldErrors;
use crate::i18n::{t, t_with, Lang};

/// A comment's text: paragraphs, with web addresses made into links that search engines do
/// not follow. Everything else is text, escaped by maud.
pub fn body(text: &str) -> Markup {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    html! {
        @for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            p {
                @for span in finder.spans(paragraph) {
                    @let s = span.as_str();
                    @if span.kind().is_some() && (s.starts_with("https://") || s.starts_with("http://")) {
                        a href=(s) rel="nofollow ugc" { (s) }
                    } @else {
                        (s)
                    }
                }
            }
        }
    }
}

fn official_badge(lang: Lang, official: Option<Official>) -> Markup {
    html! {
        @match official {
            Some(Official::Author) => { " " strong.badge { (t(lang, "comments-official-author")) } }
            Some(Official::Council) => { " " strong.badge { (t(lang, "comments-official-council")) } }
            None => {}
        }
    }
}

/// Who wrote it and when, then its text or what took its place.
fn comment_text(lang: Lang, zone: chrono_tz::Tz, c: &CommentView) -> Markup {
    html! {
        @match c.state {
            CommentState::Visible => {
                p.comment-meta {
                    strong { (c.author.clone().unwrap_or_else(|| t(lang, "comments-former-resident"))) }
                    (official_badge(lang, c.official))
                    " · " (round_time(lang, c.created_at, zone))
                    @if c.edited { " · " (t(lang, "comments-edited")) }
                }
                (body(c.body.as_deref().unwrap_or_default()))
            }
            CommentState::Deleted => { p.comment-gone { em { (t(lang, "comments-deleted")) } } }
            CommentState::Hidden => {
                p.comment-gone { em { (t(lang, "comments-hidden")) } " "
                    (t_with(lang, "comments-hidden-reason", &[("reason", c.hidden_reason.as_deref().unwrap_or_default())])) }
            }
        }
    }
}

/// Links to what the reader may do with a comment, each to a page of its own so that all of
/// it works without JavaScript.
fn actions(
    lang: Lang,
    c: &CommentView,
    can_reply: bool,
    signed_in: bool,
    moderator: bool,
) -> Markup {
    let visible = c.state == CommentState::Visible;
    let link = |action: &str, key: &str| {
        html! { li { a href={"/comments/" (c.id) "/" (action)} { (t(lang, key)) span.visually-hidden { " " (t_with(lang, "comments-action-context", &[("n", &c.id.to_string())])) } } } }
    };
    html! {
        @if visible {
            ul.comment-actions {
                @if can_reply && c.parent_id.is_none() { (link("reply", "comments-reply")) }
                @if c.can_edit { (link("edit", "comments-edit")) }
                @if c.mine { (link("delete", "comments-delete")) }
                @if signed_in && !c.mine && !c.flagged { (link("flag", "comments-report")) }
                @if c.flagged { li { (t(lang, "comments-reported")) } }
                @if moderator { (link("hide", "comments-hide")) }
            }
        }
    }
}

fn page_link(proposal_id: i64, order: Order, page: i64) -> String {
    let order = match order {
        Order::Newest => "newest",
        Order::Oldest => "oldest",
    };
    format!("/proposals/{proposal_id}?order={order}&page={page}#comments")
}

/// The conversation on a proposal's page, with the form to join it.
pub fn section(
    viewer: &Viewer,
    zone: chrono_tz::Tz,
    c: &CommentPage,
    moderator: bool,
    errors: &FieldErrors,
    typed: &str,
) -> Markup {
    let lang = viewer.lang;
    let signed_in = viewer.user.is_some();
    let hint = t_with(
        lang,
        "comments-body-hint",
        &[("max", &lang.number(MAX_LENGTH as i64))],
    );
    html! {
        section #comments aria-labelledby="comments-heading" {
            h2 #comments-heading { (t_with(lang, "comments-heading", &[("n", &lang.number(c.threads))])) }
            @if c.can_comment {
                form method="post" action={"/proposals/" (c.proposal_id) "/comments"} novalidate {
                    (csrf_field(&viewer.csrf))
                    (textarea(lang, "body", &t(lang, "comments-body"), Some(hint.as_str()), typed, 4, errors))
                    (button(&t(lang, "comments-submit")))
                }
            } @else if let Some(reason) = &c.closed_reason {
                p.hint { (reason) @if !signed_in { " " a href={"/login?next=/proposals/" (c.proposal_id)} { (t(lang, "comments-sign-in")) } } }
            }
            @if c.threads > 0 {
                nav aria-label=(t(lang, "comments-order-label")) {
                    p { (t(lang, "comments-order")) " "
                        @for (order, key) in [(Order::Newest, "comments-newest"), (Order::Oldest, "comments-oldest")] {
                            @if order == c.order { strong aria-current="true" { (t(lang, key)) } } @else { a href=(page_link(c.proposal_id, order, 1)) { (t(lang, key)) } }
                            " "
                        }
                    }
                }
                ol.comments {
                    @for thread in &c.comments {
                        li id={"comment-" (thread.id)} {
                            article.comment {
                                (comment_text(lang, zone, thread))
                                (actions(lang, thread, c.can_comment, signed_in, moderator))
                            }
                            @if !thread.replies.is_empty() {
                                ol.replies {
                                    @for reply in &thread.replies {
                                        li id={"comment-" (reply.id)} {
                                            article.comment {
                                                (comment_text(lang, zone, reply))
                                                (actions(lang, reply, false, signed_in, moderator))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if c.pages > 1 {
                    nav.pagination aria-label=(t(lang, "comments-pages")) {
                        @if c.page > 1 { a rel="prev" href=(page_link(c.proposal_id, c.order, c.page - 1)) { (t(lang, "comments-previous")) } " " }
                        span { (t_with(lang, "comments-page-of", &[("page", &c.page.to_string()), ("pages", &c.pages.to_string())])) }
                        @if c.page < c.pages { " " a rel="next" href=(page_link(c.proposal_id, c.order, c.page + 1)) { (t(lang, "comments-next")) } }
                    }
                }
            }
        }
    }
}

/// What a page about one comment asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Reply,
    Edit,
    Delete,
    Flag,
    Hide,
}

impl Action {
    pub fn parse(s: &str) -> Option<Action> {
        Some(match s {
            "reply" => Action::Reply,
            "edit" => Action::Edit,
            "delete" => Action::Delete,
            "flag" => Action::Flag,
            "hide" => Action::Hide,
            _ => return None,
        })
    }

    /// (title, field label, field hint, submit) keys; no field for deleting.
    fn keys(
        self,
    ) -> (
        &'static str,
        Option<(&'static str, &'static str)>,
        &'static str,
    ) {
        match self {
            Action::Reply => (
                "comments-reply-title",
                Some(("comments-body", "comments-body-hint")),
                "comments-reply-submit",
            ),
            Action::Edit => (
                "comments-edit-title",
                Some(("comments-body", "comments-edit-hint")),
                "comments-edit-submit",
            ),
            Action::Delete => ("comments-delete-title", None, "comments-delete-submit"),
            Action::Flag => (
                "comments-report-title",
                Some(("reason", "comments-report-hint")),
                "comments-report-submit",
            ),
            Action::Hide => (
                "comments-hide-title",
                Some(("reason", "comments-hide-hint")),
                "comments-hide-submit",
            ),
        }
    }

    fn field(self) -> &'static str {
        match self {
            Action::Reply | Action::Edit => "body",
            _ => "reason",
        }
    }
}

/// A page about one comment: the comment quoted, then the form for the action.
#[allow(clippy::too_many_arguments)]
pub fn action_page(
    viewer: &Viewer,
    action: Action,
    comment: &CommentView,
    proposal_id: i64,
    proposal_title: &str,
    typed: &str,
    errors: &FieldErrors,
) -> Markup {
    let lang = viewer.lang;
    let (title_key, field, submit) = action.keys();
    let title = t(lang, title_key);
    let back = format!("/proposals/{proposal_id}#comment-{}", comment.id);
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            p { (t(lang, "comments-on-proposal")) " " a href={"/proposals/" (proposal_id)} { (proposal_title) } }
            (error_summary(lang, errors))
            blockquote.comment { (comment_text(lang, chrono_tz::UTC, comment)) }
            @if action == Action::Delete { p { (t(lang, "comments-delete-explained")) } }
            form method="post" novalidate {
                (csrf_field(&viewer.csrf))
                @if action == Action::Delete { input type="hidden" name="confirm" value="yes"; }
                @if let Some((label, hint)) = field {
                    @let hint = t_with(lang, hint, &[("max", &lang.number(MAX_LENGTH as i64)), ("minutes", &crate::domain::comments::EDIT_MINUTES.to_string())]);
                    (textarea(lang, action.field(), &t(lang, label), Some(hint.as_str()), typed, 4, errors))
                }
                (button(&t(lang, submit)))
            }
            p { a href=(back) { (t(lang, "comments-back")) } }
        },
    )
}

/// Reported comments waiting for a decision, the longest waiting first.
pub fn queue(viewer: &Viewer, items: &[Reported], notice: Option<&str>) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "comments-queue-title");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            @if let Some(message) = notice { (flash(message)) }
            h1 { (title) }
            @if items.is_empty() { p { (t(lang, "comments-queue-empty")) } }
            ol.comments {
                @for item in items {
                    li id={"comment-" (item.id)} {
                        article.comment {
                            p.comment-meta { (t(lang, "comments-on-proposal")) " " a href={"/proposals/" (item.proposal_id) "#comment-" (item.id)} { (item.proposal_title) }
                                " · " (t_with(lang, "comments-queue-reported", &[("n", &item.reasons.len().to_string())])) " " (round_time(lang, item.first_reported_at, chrono_tz::UTC)) }
                            (body(&item.body))
                            @let reasons: Vec<&String> = item.reasons.iter().filter(|r| !r.is_empty()).collect();
                            @if !reasons.is_empty() {
                                h2.visually-hidden { (t(lang, "comments-queue-reasons")) }
                                ul { @for r in reasons { li { (r) } } }
                            }
                            ul.comment-actions {
                                li { a href={"/comments/" (item.id) "/hide"} { (t(lang, "comments-hide")) span.visually-hidden { " " (t_with(lang, "comments-action-context", &[("n", &item.id.to_string())])) } } }
                                li {
                                    form method="post" action={"/comments/" (item.id) "/keep"} {
                                        (csrf_field(&viewer.csrf))
                                        button.button.secondary type="submit" { (t(lang, "comments-keep")) span.visually-hidden { " " (t_with(lang, "comments-action-context", &[("n", &item.id.to_string())])) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
