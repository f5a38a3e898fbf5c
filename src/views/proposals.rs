//! Proposal pages: the list with filters, the submission and edit form, one proposal with its
//! public history.

use maud::{html, Markup};

use super::components::{
    button, csrf_field, datetime, error_summary, flash, input, money, select, textarea, Field,
};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::proposals::{ListPage, ListQuery, ProposalInput, ProposalView};
use crate::domain::rounds::RoundDetail;
use crate::error::FieldErrors;

fn status_label(status: &str) -> &str {
    match status {
        "submitted" => "Submitted, awaiting review",
        "feasible" => "Feasible: on the ballot",
        "infeasible" => "Not feasible",
        "withdrawn" => "Withdrawn by the author",
        other => other,
    }
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
    let s = &round.summary;
    let mut districts: Vec<(String, String)> = round
        .districts
        .iter()
        .map(|d| (d.slug.clone(), d.name.clone()))
        .collect();
    if round.citywide_budget.is_some() || round.districts.is_empty() {
        districts.push(("citywide".into(), "City-wide".into()));
    }
    let district_name = |id: Option<i64>| {
        id.and_then(|id| round.districts.iter().find(|d| d.id.0 == id))
            .map_or("City-wide".to_string(), |d| d.name.clone())
    };
    let statuses: Vec<(String, String)> = ["submitted", "feasible", "infeasible", "withdrawn"]
        .iter()
        .map(|v| (v.to_string(), status_label(v).to_string()))
        .collect();
    let categories: Vec<(String, String)> = round
        .categories
        .iter()
        .map(|c| (c.clone(), c.clone()))
        .collect();
    let sorts: Vec<(String, String)> = [
        ("newest", "Newest first"),
        ("oldest", "Oldest first"),
        ("cost-low", "Lowest cost first"),
        ("cost-high", "Highest cost first"),
        ("title", "By title"),
    ]
    .iter()
    .map(|(v, l)| (v.to_string(), l.to_string()))
    .collect();
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    layout_for(
        viewer,
        Page {
            title: &format!("Proposals: {}", s.title),
        },
        html! {
            h1 { "Proposals: " (s.title) }
            @if can_submit { p { a.button href={"/rounds/" (s.id) "/proposals/new"} { "Submit a proposal" } } }
            (error_summary(errors))
            form.filters method="get" role="search" aria-label="Filter proposals" novalidate {
                (input(Field::new("q", "Search titles, descriptions and places").kind("search").value(&value(&query.q)), errors))
                (select("district", "District", None, &districts, &value(&query.district), errors))
                (select("status", "Status", None, &statuses, &value(&query.status), errors))
                @if !categories.is_empty() { (select("category", "Category", None, &categories, &value(&query.category), errors)) }
                (input(Field::new("min_cost", "Cost from").hint(&format!("In {}", s.currency)).value(&value(&query.min_cost)), errors))
                (input(Field::new("max_cost", "Cost up to").hint(&format!("In {}", s.currency)).value(&value(&query.max_cost)), errors))
                (select("sort", "Order", None, &sorts, &value(&query.sort), errors))
                (button("Show proposals"))
            }
            @if let Some(page) = page {
                p role="status" { (page.total) " proposals" @if page.pages > 1 { ", page " (page.page) " of " (page.pages) } }
                ul.cards {
                    @for p in &page.items {
                        li { article.card {
                            h2 { a href={"/proposals/" (p.id)} { (p.title) } }
                            p { (status_label(&p.status)) " · " (money(p.cost, &s.currency)) " · " (district_name(p.district_id))
                                @if let Some(c) = &p.category { " · " (c) } }
                        } }
                    }
                }
                @if page.pages > 1 {
                    nav.pagination aria-label="Pages of proposals" {
                        ul {
                            @if page.page > 1 { li { a href=(page_href(s.id.0, query, page.page - 1)) rel="prev" { "Previous page" } } }
                            li { span aria-current="page" { "Page " (page.page) " of " (page.pages) } }
                            @if page.page < page.pages { li { a href=(page_href(s.id.0, query, page.page + 1)) rel="next" { "Next page" } } }
                        }
                    }
                }
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
) -> Markup {
    let mut districts: Vec<(String, String)> = round
        .districts
        .iter()
        .map(|d| (d.slug.clone(), d.name.clone()))
        .collect();
    if round.citywide_budget.is_some() || round.districts.is_empty() {
        districts.push(("citywide".into(), "City-wide".into()));
    }
    let categories: Vec<(String, String)> = round
        .categories
        .iter()
        .map(|c| (c.clone(), c.clone()))
        .collect();
    layout_for(
        viewer,
        Page {
            title: &format!(
                "{}{heading}",
                if errors.is_empty() { "" } else { "Error: " }
            ),
        },
        html! {
            h1 { (heading) }
            (error_summary(errors))
            form method="post" action=(action) novalidate {
                (csrf_field(&viewer.csrf))
                (input(Field::new("title", "Title").value(&values.title).hint("5 to 120 characters, e.g. “Trees along the canal path”.").required(), errors))
                (textarea("description", "What should be done, where, and for whom?", Some("Plain text; leave an empty line between paragraphs. Links are shown as text."), &values.description, 8, errors))
                (input(Field::new("estimated_cost", "Estimated cost").value(&values.estimated_cost).hint(&format!("In {}, e.g. 25,000. Reviewers check it.", round.summary.currency)).required(), errors))
                (select("district", "District", None, &districts, &values.district, errors))
                @if !categories.is_empty() { (select("category", "Category", None, &categories, &values.category, errors)) }
                (input(Field::new("location", "Location").value(&values.location).hint("A street, square or landmark."), errors))
                (button("Save proposal"))
            }
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
}

pub fn show(
    viewer: &Viewer,
    round: &RoundDetail,
    p: &ProposalView,
    may: &Abilities,
    notice: Option<&str>,
    errors: &FieldErrors,
) -> Markup {
    let currency = &round.summary.currency;
    layout_for(
        viewer,
        Page { title: &p.title },
        html! {
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(errors))
            h1 { (p.title) }
            p { strong { (status_label(&p.status)) } " · proposed by " (p.author)
                @for co in &p.co_authors { ", " (co) }
                " · " a href={"/rounds/" (round.summary.id) "/proposals"} { (round.summary.title) } }
            @if let Some((into, reason)) = &p.merged_into {
                div.flash role="note" { p { strong { "Merged: " } "this proposal is part of " a href={"/proposals/" (into) } { "proposal " (into) } " now. " (reason) } }
            }
            @if p.has_image { img.proposal-image src={"/proposals/" (p.id) "/image"} alt={"Picture for the proposal: " (p.title)} loading="lazy"; }
            (super::components::facts(&[
                ("Estimated cost", money(p.estimated_cost, currency)),
                ("Validated cost", match p.validated_cost { Some(c) => money(c, currency), None => html! { "not reviewed yet" } }),
                ("Location", html! { (p.location.as_deref().unwrap_or("—")) }),
                ("Category", html! { (p.category.as_deref().unwrap_or("—")) }),
            ]))
            @if let Some(reason) = &p.hidden_reason {
                div.flash role="note" { p { strong { "Hidden by the moderators: " } (reason) }
                    @if may.can_moderate { p { "You see the text because you moderate; residents do not." } } }
            }
            @if may.supports_on {
                p { strong { (p.supports) } " supports"
                    @if let Some(needed) = p.support_threshold { " (" (needed) " needed to be reviewed)" } }
                @if may.can_support {
                    @if may.supports_it {
                        form method="post" action={"/proposals/" (p.id) "/unsupport"} {
                            (csrf_field(&viewer.csrf))
                            button.button.secondary type="submit" { "Take back my support" }
                        }
                    } @else {
                        form method="post" action={"/proposals/" (p.id) "/support"} {
                            (csrf_field(&viewer.csrf))
                            button.button type="submit" { "Support this proposal" }
                        }
                    }
                }
            }
            @if p.over_budget { p.flash { "The estimate is above the round's whole budget; reviewers will look at it closely." } }
            @for paragraph in p.description.split("\n\n") { p { (paragraph) } }
            h2 { "History" }
            ul {
                li { (datetime(p.created_at)) ": submitted" }
                @for c in &p.change_requests {
                    li { (datetime(c.at)) ": the reviewers asked for changes: " (c.reason)
                        @if let Some(a) = c.answered_at { " (the author edited it on " (datetime(a)) ")" } }
                }
                @for r in &p.reviews {
                    li { (datetime(r.at)) ": reviewed: " strong { (status_label(&r.decision)) } @if let Some(c) = r.validated_cost { " at " (money(c, currency)) } ". " (r.reason) }
                }
            }
            @if may.is_author && may.can_edit {
                h2 { "Your proposal" }
                @if p.change_requests.iter().any(|c| c.answered_at.is_none()) {
                    p.flash { strong { "The reviewers asked you for changes. " } "Edit the proposal to answer them." }
                }
                p { a.button.secondary href={"/proposals/" (p.id) "/edit"} { "Edit" } }
                form method="post" action={"/proposals/" (p.id) "/image"} enctype="multipart/form-data" novalidate {
                    (csrf_field(&viewer.csrf))
                    div class={"field" @if errors.get("file").is_some() { " field-error" }} {
                        label for="file" { @if p.has_image { "Replace the picture" } @else { "Add a picture" } }
                        p.hint id="file-hint" { "A JPEG, PNG or WebP file of at most 5 MB." }
                        @if let Some(message) = errors.get("file") { p.error id="file-error" { span.visually-hidden { "Error: " } (message) } }
                        input type="file" id="file" name="file" accept="image/jpeg,image/png,image/webp"
                            aria-describedby={"file-hint" @if errors.get("file").is_some() { " file-error" }};
                    }
                    (button("Upload the picture"))
                }
                form method="post" action={"/proposals/" (p.id) "/withdraw"} {
                    (csrf_field(&viewer.csrf))
                    button.button.danger type="submit" { "Withdraw this proposal" }
                }
            }
            @if may.can_flag && p.hidden_reason.is_none() {
                details {
                    summary { "Report this proposal as abusive" }
                    form method="post" action={"/proposals/" (p.id) "/flag"} novalidate {
                        (csrf_field(&viewer.csrf))
                        (textarea("reason", "What is wrong with it?", Some("The moderators read every report."), "", 3, errors))
                        (button("Send the report"))
                    }
                }
            }
            @if may.can_moderate {
                h2 { "Moderation" }
                form method="post" action={"/proposals/" (p.id) "/moderate"} novalidate {
                    (csrf_field(&viewer.csrf))
                    input type="hidden" name="action" value=(if p.hidden_reason.is_some() { "show" } else { "hide" });
                    (textarea("moderation_reason", "Public reason", Some("Published on the proposal's page. The text stays in the audit log."), "", 2, errors))
                    (button(if p.hidden_reason.is_some() { "Show the text again" } else { "Hide the text" }))
                }
            }
            @if may.can_review && p.merged_into.is_none() {
                h2 { "Ask the author for changes" }
                form method="post" action={"/proposals/" (p.id) "/request-changes"} novalidate {
                    (csrf_field(&viewer.csrf))
                    (textarea("change_reason", "What should change", Some("Published in the proposal's history; the author may then edit it."), "", 2, errors))
                    (button("Ask for changes"))
                }
                h2 { "Merge a duplicate" }
                form method="post" action={"/proposals/" (p.id) "/merge"} novalidate {
                    (csrf_field(&viewer.csrf))
                    (input(Field::new("into", "Merge this proposal into proposal number").kind("number"), errors))
                    (textarea("merge_reason", "Why they are the same", Some("Published on both proposals. Both authors are credited."), "", 2, errors))
                    (button("Merge"))
                }
            }
            @if may.can_review {
                h2 { "Review" }
                form method="post" action={"/proposals/" (p.id) "/review"} novalidate {
                    (csrf_field(&viewer.csrf))
                    (super::components::radios("decision", "Decision", &[("feasible", "Feasible: put it on the ballot"), ("infeasible", "Not feasible")], "", errors))
                    (input(Field::new("validated_cost", "Validated cost").hint("Leave empty to keep the estimate."), errors))
                    (textarea("reason", "Public reason", Some("Published with the decision."), "", 3, errors))
                    (button("Record the decision"))
                }
            }
        },
    )
}

pub fn flags(
    viewer: &Viewer,
    round_id: i64,
    title: &str,
    flagged: &[(i64, String, Vec<String>)],
    hidden: &[i64],
) -> Markup {
    layout_for(
        viewer,
        Page {
            title: &format!("Reported proposals: {title}"),
        },
        html! {
            h1 { "Reported proposals: " (title) }
            @if flagged.is_empty() { p { "Nobody has reported a proposal in this round." } }
            ul.cards {
                @for (id, proposal_title, reasons) in flagged {
                    li { article.card {
                        h2 { a href={"/proposals/" (id)} { (proposal_title) } }
                        p { (reasons.len()) " reports" @if hidden.contains(id) { " · " strong { "hidden" } } }
                        ul { @for r in reasons { li { (r) } } }
                    } }
                }
            }
            p { a href={"/rounds/" (round_id)} { "Back to the round" } }
        },
    )
}
