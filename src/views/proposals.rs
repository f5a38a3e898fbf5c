//! Proposal pages: the list with filters, the submission and edit form, one proposal with its
//! public history.

use maud::{html, Markup};

use super::components::{
    button, csrf_field, datetime, error_summary, flash, input, money, select, textarea, Field,
};
use super::layout::{layout_for, Page, Viewer};
use crate::db::models::proposal::ProposalRow;
use crate::domain::proposals::{ProposalInput, ProposalView};
use crate::domain::rounds::RoundDetail;
use crate::error::FieldErrors;

pub struct Filters {
    pub q: String,
    pub district: String,
    pub status: String,
}

fn status_label(status: &str) -> &str {
    match status {
        "submitted" => "Submitted, awaiting review",
        "feasible" => "Feasible: on the ballot",
        "infeasible" => "Not feasible",
        "withdrawn" => "Withdrawn by the author",
        other => other,
    }
}

pub fn list(
    viewer: &Viewer,
    round: &RoundDetail,
    rows: &[ProposalRow],
    filters: &Filters,
    can_submit: bool,
) -> Markup {
    let s = &round.summary;
    let districts: Vec<(String, String)> = round
        .districts
        .iter()
        .map(|d| (d.slug.clone(), d.name.clone()))
        .collect();
    let statuses: Vec<(String, String)> = ["submitted", "feasible", "infeasible", "withdrawn"]
        .iter()
        .map(|v| (v.to_string(), status_label(v).to_string()))
        .collect();
    layout_for(
        viewer,
        Page {
            title: &format!("Proposals: {}", s.title),
        },
        html! {
            h1 { "Proposals: " (s.title) }
            @if can_submit { p { a.button href={"/rounds/" (s.id) "/proposals/new"} { "Submit a proposal" } } }
            form method="get" role="search" aria-label="Filter proposals" {
                (input(Field::new("q", "Search titles and descriptions").kind("search").value(&filters.q), &FieldErrors::default()))
                (select("district", "District", None, &districts, &filters.district, &FieldErrors::default()))
                (select("status", "Status", None, &statuses, &filters.status, &FieldErrors::default()))
                (button("Filter"))
            }
            p role="status" { (rows.len()) " proposals" }
            ul.cards {
                @for p in rows {
                    li { article.card {
                        h2 { a href={"/proposals/" (p.id)} { (p.title) } }
                        p { (status_label(&p.status)) " · " (money(p.validated_cost.unwrap_or(p.estimated_cost), &s.currency)) }
                    } }
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
            p { strong { (status_label(&p.status)) } " · proposed by " (p.author) " · " a href={"/rounds/" (round.summary.id) "/proposals"} { (round.summary.title) } }
            (super::components::facts(&[
                ("Estimated cost", money(p.estimated_cost, currency)),
                ("Validated cost", match p.validated_cost { Some(c) => money(c, currency), None => html! { "not reviewed yet" } }),
                ("Location", html! { (p.location.as_deref().unwrap_or("—")) }),
                ("Category", html! { (p.category.as_deref().unwrap_or("—")) }),
            ]))
            @if p.over_budget { p.flash { "The estimate is above the round's whole budget; reviewers will look at it closely." } }
            @for paragraph in p.description.split("\n\n") { p { (paragraph) } }
            h2 { "History" }
            ul {
                li { (datetime(p.created_at)) ": submitted" }
                @for r in &p.reviews {
                    li { (datetime(r.at)) ": reviewed: " strong { (status_label(&r.decision)) } @if let Some(c) = r.validated_cost { " at " (money(c, currency)) } ". " (r.reason) }
                }
            }
            @if may.is_author && may.can_edit {
                h2 { "Your proposal" }
                p { a.button.secondary href={"/proposals/" (p.id) "/edit"} { "Edit" } }
                form method="post" action={"/proposals/" (p.id) "/withdraw"} {
                    (csrf_field(&viewer.csrf))
                    button.button.danger type="submit" { "Withdraw this proposal" }
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
