//! Proposal pages: the list with filters, the submission and edit form, one proposal with its
//! public history.

use std::collections::HashMap;

use maud::{html, Markup};

use super::components::{
    button, csrf_field, error_summary, flash, input, money, pagination, round_time, select,
    select_required, textarea, Field,
};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::proposals::{ListPage, ListQuery, ProposalInput, ProposalView};
use crate::domain::rounds::RoundDetail;
use crate::domain::status::ProposalStatus;
use crate::domain::translations::TranslationInput;
use crate::error::FieldErrors;
use crate::i18n::{t, t_count, t_with, Lang};

/// A proposal's status (or a review's decision) in the reader's language.
pub fn status_label(lang: Lang, status: ProposalStatus) -> String {
    t(
        lang,
        match status {
            ProposalStatus::Submitted => "proposals-status-submitted",
            ProposalStatus::Feasible => "proposals-status-feasible",
            ProposalStatus::Infeasible => "proposals-status-infeasible",
            ProposalStatus::Withdrawn => "proposals-status-withdrawn",
        },
    )
}

/// The list's address with `query` but another page, for the pagination links.
fn page_href(round_id: i64, query: &ListQuery, page: i64) -> String {
    let pairs: Vec<(&str, String)> = [
        ("q", &query.q),
        ("district", &query.district),
        ("status", &query.status),
        ("category", &query.category),
        ("min_cost", &query.min_cost),
        ("max_cost", &query.max_cost),
        ("sort", &query.sort),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.clone().filter(|v| !v.is_empty()).map(|v| (k, v)))
    .chain([("page", page.to_string())])
    .collect();
    format!(
        "/rounds/{round_id}/proposals?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

pub fn list(
    viewer: &Viewer,
    round: &RoundDetail,
    page: Option<&ListPage>,
    query: &ListQuery,
    errors: &FieldErrors,
    can_submit: bool,
) -> Markup {
    let lang = viewer.lang;
    let s = &round.summary;
    let mut districts: Vec<(String, String)> = round
        .districts
        .iter()
        .map(|d| (d.slug.clone(), d.name.clone()))
        .collect();
    if round.citywide_budget.is_some() || round.districts.is_empty() {
        districts.push(("citywide".into(), t(lang, "proposals-citywide")));
    }
    let district_name = |id: Option<i64>| {
        id.and_then(|id| round.districts.iter().find(|d| d.id.0 == id))
            .map_or(t(lang, "proposals-citywide"), |d| d.name.clone())
    };
    let statuses: Vec<(String, String)> = ProposalStatus::ALL
        .iter()
        .map(|&s| (s.as_str().to_string(), status_label(lang, s)))
        .collect();
    let categories: Vec<(String, String)> = round
        .categories
        .iter()
        .map(|c| (c.clone(), c.clone()))
        .collect();
    let sorts: Vec<(String, String)> = [
        ("newest", "proposals-sort-newest"),
        ("oldest", "proposals-sort-oldest"),
        ("cost-low", "proposals-sort-cost-low"),
        ("cost-high", "proposals-sort-cost-high"),
        ("title", "proposals-sort-title"),
    ]
    .iter()
    .map(|(v, key)| (v.to_string(), t(lang, key)))
    .collect();
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let title = t_with(lang, "proposals-list-title", &[("round", &s.title)]);
    let search_label = t(lang, "proposals-filter-search");
    let cost_from = t(lang, "proposals-filter-cost-from");
    let cost_to = t(lang, "proposals-filter-cost-to");
    let cost_hint = t_with(
        lang,
        "proposals-filter-cost-hint",
        &[("currency", &s.currency)],
    );
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            @if can_submit { p { a.button href={"/rounds/" (s.id) "/proposals/new"} { (t(lang, "proposals-new")) } } }
            (error_summary(lang, errors))
            form.filters method="get" role="search" aria-label=(t(lang, "proposals-filter-label")) novalidate {
                (input(lang, Field::new("q", &search_label).kind("search").value(&value(&query.q)), errors))
                (select(lang, "district", &t(lang, "proposals-district"), None, &districts, &value(&query.district), errors))
                (select(lang, "status", &t(lang, "proposals-filter-status"), None, &statuses, &value(&query.status), errors))
                @if !categories.is_empty() { (select(lang, "category", &t(lang, "proposals-category"), None, &categories, &value(&query.category), errors)) }
                (input(lang, Field::new("min_cost", &cost_from).hint(&cost_hint).value(&value(&query.min_cost)), errors))
                (input(lang, Field::new("max_cost", &cost_to).hint(&cost_hint).value(&value(&query.max_cost)), errors))
                (select(lang, "sort", &t(lang, "proposals-filter-sort"), None, &sorts, &value(&query.sort), errors))
                (button(&t(lang, "proposals-filter-submit")))
            }
            @if let Some(page) = page {
                p role="status" {
                    @if page.pages > 1 {
                        (t_count(lang, "proposals-found-paged", page.total, &[("n", &lang.number(page.total)), ("page", &lang.number(page.page)), ("pages", &lang.number(page.pages))]))
                    } @else {
                        (t_count(lang, "proposals-found", page.total, &[("n", &lang.number(page.total))]))
                    }
                }
                ul.cards {
                    @for p in &page.items {
                        li { article.card {
                            // Decorative here: the title next to it says what it shows.
                            @if p.has_image { img.card-image src={"/proposals/" (p.id) "/image"} alt="" loading="lazy"; }
                            h2 { a href={"/proposals/" (p.id)} { (p.title) } }
                            p { (status_label(lang, p.status)) " · " (money(lang, p.cost, &s.currency)) " · " (district_name(p.district_id))
                                @if let Some(c) = &p.category { " · " (c) } }
                        } }
                    }
                }
                (pagination(lang, &t(lang, "proposals-pages-label"), page.page, page.pages, |n| page_href(s.id.0, query, n)))
            }
        },
    )
}

pub fn form(
    viewer: &Viewer,
    round: &RoundDetail,
    action: &str,
    values: &ProposalInput,
    errors: &FieldErrors,
    heading: &str,
    place_picker: Option<&Markup>,
) -> Markup {
    let lang = viewer.lang;
    let mut districts: Vec<(String, String)> = round
        .districts
        .iter()
        .map(|d| (d.slug.clone(), d.name.clone()))
        .collect();
    if round.citywide_budget.is_some() || round.districts.is_empty() {
        districts.push(("citywide".into(), t(lang, "proposals-citywide")));
    }
    let categories: Vec<(String, String)> = round
        .categories
        .iter()
        .map(|c| (c.clone(), c.clone()))
        .collect();
    let title = if errors.is_empty() {
        heading.to_string()
    } else {
        format!("{} {heading}", t(lang, "form-error-prefix"))
    };
    let title_label = t(lang, "proposals-field-title");
    let title_hint = t(lang, "proposals-field-title-hint");
    let cost_label = t(lang, "proposals-field-cost");
    let cost_hint = t_with(
        lang,
        "proposals-field-cost-hint",
        &[("currency", &round.summary.currency)],
    );
    let location_label = t(lang, "proposals-field-location");
    let location_hint = t(lang, "proposals-field-location-hint");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (heading) }
            (error_summary(lang, errors))
            form #proposal-form method="post" action=(action) novalidate {
                (csrf_field(&viewer.csrf))
                (input(lang, Field::new("title", &title_label).value(&values.title).hint(&title_hint).required(), errors))
                (textarea(lang, "description", &t(lang, "proposals-field-description"), Some(t(lang, "proposals-field-description-hint").as_str()), &values.description, 8, errors))
                (input(lang, Field::new("estimated_cost", &cost_label).value(&values.estimated_cost).hint(&cost_hint).required(), errors))
                @if round.districts.is_empty() {
                    (select(lang, "district", &t(lang, "proposals-district"), None, &districts, &values.district, errors))
                } @else {
                    (select_required(lang, "district", &t(lang, "proposals-district"), None, &districts, &values.district, errors))
                }
                @if !categories.is_empty() { (select(lang, "category", &t(lang, "proposals-category"), None, &categories, &values.category, errors)) }
                (input(lang, Field::new("location", &location_label).value(&values.location).hint(&location_hint), errors))
                @if let Some(picker) = place_picker { (picker) }
                (button(&t(lang, "proposals-form-submit")))
            }
        },
    )
}

/// Instead of the proposal form: what the round asks of proposers that this account does not
/// meet yet, and where to put it right, so nobody fills in a form only to be refused.
pub fn cannot_propose(
    viewer: &Viewer,
    round: &RoundDetail,
    explanation: &crate::i18n::Message,
    next_step: Option<&crate::i18n::Message>,
) -> Markup {
    let lang = viewer.lang;
    let heading = t(lang, "proposals-new");
    layout_for(
        viewer,
        Page { title: &heading },
        html! {
            h1 { (heading) }
            div.notice role="status" {
                h2 { (t(lang, "proposals-cannot-yet")) }
                p { (explanation.text(lang)) }
                @if let Some(step) = next_step { p { (step.text(lang)) } }
                ul {
                    li { a href="/account" { (t(lang, "proposals-cannot-yet-account")) } }
                    li { a href={"/rounds/" (round.summary.id)} { (t(lang, "proposals-cannot-yet-round")) } }
                }
            }
        },
    )
}

/// Asked once more before a proposal is withdrawn, which cannot be undone.
pub fn confirm_withdraw(viewer: &Viewer, id: i64, title: &str) -> Markup {
    let lang = viewer.lang;
    let heading = t(lang, "proposals-withdraw-confirm-title");
    layout_for(
        viewer,
        Page { title: &heading },
        html! {
            h1 { (heading) }
            p { strong { (title) } }
            p { (t(lang, "proposals-withdraw-confirm-text")) }
            form method="post" action={"/proposals/" (id) "/withdraw"} {
                (csrf_field(&viewer.csrf))
                input type="hidden" name="confirm" value="yes";
                button.button.danger type="submit" { (t(lang, "proposals-withdraw-confirm-yes")) }
            }
            p { a href={"/proposals/" (id)} { (t(lang, "proposals-withdraw-confirm-no")) } }
        },
    )
}

/// What the viewer may do on a proposal's page.
pub struct Abilities {
    pub is_author: bool,
    pub can_edit: bool,
    pub can_review: bool,
    pub can_support: bool,
    pub supports_it: bool,
    pub can_flag: bool,
    pub can_moderate: bool,
    /// The round collects supports, so the count is shown.
    pub supports_on: bool,
    /// The title and description shown are the council's translation.
    pub translated: bool,
    /// The council may translate the text.
    pub can_translate: bool,
    /// None when logged out; whether the viewer follows the proposal.
    pub following: Option<bool>,
}

#[allow(clippy::too_many_arguments)]
pub fn show(
    viewer: &Viewer,
    round: &RoundDetail,
    p: &ProposalView,
    may: &Abilities,
    translations: &HashMap<Lang, TranslationInput>,
    notice: Option<&str>,
    errors: &FieldErrors,
    conversation: &Markup,
) -> Markup {
    let lang = viewer.lang;
    let zone = crate::domain::utc::zone_or_utc(&round.summary.time_zone);
    let currency = &round.summary.currency;
    let authors = std::iter::once(p.author.as_str())
        .chain(p.co_authors.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(", ");
    let estimated_label = t(lang, "proposals-estimated-cost");
    let validated_label = t(lang, "proposals-validated-cost");
    let location_label = t(lang, "proposals-field-location");
    let category_label = t(lang, "proposals-category");
    layout_for(
        viewer,
        Page { title: &p.title },
        html! {
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(lang, errors))
            h1 { (p.title) }
            p { strong { (status_label(lang, p.status)) } " · " (t_with(lang, "proposals-proposed-by", &[("authors", &authors)]))
                " · " a href={"/rounds/" (round.summary.id) "/proposals"} { (round.summary.title) } }
            @if let Some((into, reason)) = &p.merged_into {
                // "Merged: this proposal is part of <a>proposal 12</a> now." is one sentence.
                div.flash role="note" { p { strong { (t(lang, "proposals-merged-label")) " " } (t(lang, "proposals-merged-before")) " " a href={"/proposals/" (into) } { (t_with(lang, "proposals-merged-link", &[("id", &into.to_string())])) } (t(lang, "proposals-merged-after")) " " (reason) } }
            }
            @if p.has_image { img.proposal-image src={"/proposals/" (p.id) "/image"} alt=(t_with(lang, "proposals-image-alt", &[("title", &p.title)])) loading="lazy"; }
            (super::components::facts(&[
                (estimated_label.as_str(), money(lang, p.estimated_cost, currency)),
                (validated_label.as_str(), match p.validated_cost { Some(c) => money(lang, c, currency), None => html! { (t(lang, "proposals-not-reviewed")) } }),
                (location_label.as_str(), html! { (p.location.as_deref().unwrap_or("—"))
                    @if let Some(point) = p.point {
                        " (" (point.to_string()) ") " a href={"/rounds/" (round.summary.id) "/map#marker-" (p.id)} { (t(lang, "map-see-on-map")) }
                    } }),
                (category_label.as_str(), html! { (p.category.as_deref().unwrap_or("—")) }),
            ]))
            @if let Some(reason) = &p.hidden_reason {
                div.flash role="note" { p { strong { (t(lang, "proposals-hidden-label")) " " } (reason) }
                    @if may.can_moderate { p { (t(lang, "proposals-hidden-staff")) } } }
            }
            @if may.supports_on {
                p { strong { (lang.number(p.supports)) } " " (t_count(lang, "proposals-supports", p.supports, &[]))
                    @if let Some(needed) = p.support_threshold { " (" (t_count(lang, "proposals-supports-needed", i64::from(needed), &[("n", &lang.number(i64::from(needed)))])) ")" } }
                @if may.can_support {
                    @if may.supports_it {
                        form method="post" action={"/proposals/" (p.id) "/unsupport"} {
                            (csrf_field(&viewer.csrf))
                            button.button.secondary type="submit" { (t(lang, "proposals-unsupport")) }
                        }
                    } @else {
                        form method="post" action={"/proposals/" (p.id) "/support"} {
                            (csrf_field(&viewer.csrf))
                            button.button type="submit" { (t(lang, "proposals-support")) }
                        }
                    }
                }
            }
            @if let Some(following) = may.following {
                form method="post" action={"/proposals/" (p.id) (if following { "/unfollow" } else { "/follow" })} {
                    (csrf_field(&viewer.csrf))
                    button.button.secondary type="submit" aria-describedby="follow-hint" { (t(lang, if following { "mail-unfollow" } else { "mail-follow" })) }
                    span.hint #follow-hint { " " (t(lang, "mail-follow-hint")) }
                }
            }
            @if p.over_budget { p.flash { (t(lang, "proposals-over-budget")) } }
            @for paragraph in p.description.split("\n\n") { p { (paragraph) } }
            @if may.translated { (super::translations::note(lang)) }
            h2 { (t(lang, "proposals-history")) }
            ul {
                li { (round_time(lang, p.created_at, zone)) ": " (t(lang, "proposals-history-submitted")) }
                @for c in &p.change_requests {
                    li { (round_time(lang, c.at, zone)) ": " (t(lang, "proposals-history-changes")) " " (c.reason)
                        @if let Some(a) = c.answered_at { " (" (t(lang, "proposals-history-edited")) " " (round_time(lang, a, zone)) ")" } }
                }
                @for r in &p.reviews {
                    li { (round_time(lang, r.at, zone)) ": " (t(lang, "proposals-history-reviewed")) " " strong { (status_label(lang, r.decision)) } @if let Some(c) = r.validated_cost { " " (t(lang, "proposals-history-at")) " " (money(lang, c, currency)) } ". " (r.reason) }
                }
            }
            (conversation)
            @if may.is_author && may.can_edit { (author_panel(viewer, p, errors)) }
            @if may.can_flag && p.hidden_reason.is_none() {
                details {
                    summary { (t(lang, "proposals-flag-summary")) }
                    form method="post" action={"/proposals/" (p.id) "/flag"} novalidate {
                        (csrf_field(&viewer.csrf))
                        (textarea(lang, "reason", &t(lang, "proposals-flag-reason"), Some(t(lang, "proposals-flag-reason-hint").as_str()), "", 3, errors))
                        (button(&t(lang, "proposals-flag-submit")))
                    }
                }
            }
            (staff_panel(viewer, p, may, errors))
            @if may.can_translate {
                (super::translations::link(lang, &format!("/proposals/{}/translations", p.id), translations.len()))
            }
        },
    )
}

/// What the author may do with their proposal while it can be edited.
fn author_panel(viewer: &Viewer, p: &ProposalView, errors: &FieldErrors) -> Markup {
    let lang = viewer.lang;
    html! {
                h2 { (t(lang, "proposals-yours")) }
                @if p.change_requests.iter().any(|c| c.answered_at.is_none()) {
                    p.flash { strong { (t(lang, "proposals-changes-asked")) " " } (t(lang, "proposals-changes-answer")) }
                }
                p { a.button.secondary href={"/proposals/" (p.id) "/edit"} { (t(lang, "proposals-edit")) } }
                form method="post" action={"/proposals/" (p.id) "/image"} enctype="multipart/form-data" novalidate {
                    (csrf_field(&viewer.csrf))
                    div class={"field" @if errors.get("file").is_some() { " field-error" }} {
                        label for="file" { @if p.has_image { (t(lang, "proposals-image-replace")) } @else { (t(lang, "proposals-image-add")) } }
                        p.hint id="file-hint" { (t(lang, "proposals-image-hint")) }
                        @if let Some(message) = errors.get("file") { p.error id="file-error" { span.visually-hidden { (t(lang, "form-error-prefix")) " " } (message) } }
                        input type="file" id="file" name="file" accept="image/jpeg,image/png,image/webp"
                            aria-describedby={"file-hint" @if errors.get("file").is_some() { " file-error" }};
                    }
                    (button(&t(lang, "proposals-image-upload")))
                }
                p { a.button.danger href={"/proposals/" (p.id) "/withdraw"} { (t(lang, "proposals-withdraw")) } }
    }
}

/// Moderation, review, merging and change requests, for the staff who may do each.
fn staff_panel(viewer: &Viewer, p: &ProposalView, may: &Abilities, errors: &FieldErrors) -> Markup {
    let lang = viewer.lang;
    let validated_label = t(lang, "proposals-validated-cost");
    let into_label = t(lang, "proposals-merge-into");
    let validated_hint = t(lang, "proposals-review-cost-hint");
    let decision_options = [
        ("feasible", t(lang, "proposals-review-feasible")),
        ("infeasible", t(lang, "proposals-review-infeasible")),
    ];
    let decision_options: Vec<(&str, &str)> = decision_options
        .iter()
        .map(|(v, l)| (*v, l.as_str()))
        .collect();
    html! {
            @if may.can_moderate {
                h2 { (t(lang, "proposals-moderation")) }
                form method="post" action={"/proposals/" (p.id) "/moderate"} novalidate {
                    (csrf_field(&viewer.csrf))
                    input type="hidden" name="action" value=(if p.hidden_reason.is_some() { "show" } else { "hide" });
                    (textarea(lang, "moderation_reason", &t(lang, "proposals-public-reason"), Some(t(lang, "proposals-moderation-reason-hint").as_str()), "", 2, errors))
                    (button(&t(lang, if p.hidden_reason.is_some() { "proposals-moderation-show" } else { "proposals-moderation-hide" })))
                }
            }
            @if may.can_review && p.merged_into.is_none() {
                h2 { (t(lang, "proposals-changes-title")) }
                form method="post" action={"/proposals/" (p.id) "/request-changes"} novalidate {
                    (csrf_field(&viewer.csrf))
                    (textarea(lang, "change_reason", &t(lang, "proposals-changes-reason"), Some(t(lang, "proposals-changes-reason-hint").as_str()), "", 2, errors))
                    (button(&t(lang, "proposals-changes-submit")))
                }
                h2 { (t(lang, "proposals-merge-title")) }
                form method="post" action={"/proposals/" (p.id) "/merge"} novalidate {
                    (csrf_field(&viewer.csrf))
                    (input(lang, Field::new("into", &into_label).kind("number").required(), errors))
                    (textarea(lang, "merge_reason", &t(lang, "proposals-merge-reason"), Some(t(lang, "proposals-merge-reason-hint").as_str()), "", 2, errors))
                    (button(&t(lang, "proposals-merge-submit")))
                }
            }
            @if may.can_review {
                h2 { (t(lang, "proposals-review-title")) }
                form method="post" action={"/proposals/" (p.id) "/review"} novalidate {
                    (csrf_field(&viewer.csrf))
                    (super::components::radios(lang, "decision", &t(lang, "proposals-review-decision"), &decision_options, "", errors))
                    (input(lang, Field::new("validated_cost", &validated_label).hint(&validated_hint), errors))
                    (textarea(lang, "reason", &t(lang, "proposals-public-reason"), Some(t(lang, "proposals-review-reason-hint").as_str()), "", 3, errors))
                    (button(&t(lang, "proposals-review-submit")))
                }
            }
    }
}

pub fn flags(
    viewer: &Viewer,
    round_id: i64,
    title: &str,
    flagged: &[(i64, String, Vec<String>)],
    hidden: &[i64],
) -> Markup {
    let lang = viewer.lang;
    let page_title = t_with(lang, "proposals-flags-title", &[("round", title)]);
    layout_for(
        viewer,
        Page { title: &page_title },
        html! {
            h1 { (page_title) }
            @if flagged.is_empty() { p { (t(lang, "proposals-flags-none")) } }
            ul.cards {
                @for (id, proposal_title, reasons) in flagged {
                    li { article.card {
                        h2 { a href={"/proposals/" (id)} { (proposal_title) } }
                        p { (t_count(lang, "proposals-flags-reports", reasons.len() as i64, &[("n", &lang.number(reasons.len() as i64))])) @if hidden.contains(id) { " · " strong { (t(lang, "proposals-flags-hidden")) } } }
                        ul { @for r in reasons { li { (r) } } }
                    } }
                }
            }
            p { a href={"/rounds/" (round_id)} { (t(lang, "proposals-back-to-round")) } }
        },
    )
}
