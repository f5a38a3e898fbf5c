//! Council pages for rounds: the list, the configuration form, the phase panel, census,
//! voting codes and the change log.

use maud::{html, Markup};

use super::components::{
    button, checkbox, csrf_field, datetime, error_summary, flash, input, radios, textarea, Field,
};
use super::layout::{layout_for, Page, Viewer};
use crate::db::models::round::RoundRow;
use crate::db::models::round_change::RoundChangeRow;
use crate::domain::round_config::{
    RoundInput, BALLOT_TYPES, RESIDENCE_RULES, REVOTE_POLICIES, RULES,
};
use crate::domain::rounds::Phase;
use crate::error::FieldErrors;

pub fn rounds(viewer: &Viewer, rounds: &[(RoundRow, Phase)]) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "Manage rounds",
        },
        html! {
            h1 { "Manage rounds" }
            p { a.button href="/council/rounds/new" { "Create a round" } }
            table {
                caption { "All rounds" }
                thead { tr { th scope="col" { "Round" } th scope="col" { "Phase" } th scope="col" { "Voting" } } }
                tbody {
                    @for (r, phase) in rounds {
                        tr {
                            th scope="row" { a href={"/council/rounds/" (r.id)} { (r.title) } }
                            td { (phase.label()) }
                            td { (datetime(r.voting_open_at)) " – " (datetime(r.voting_close_at)) }
                        }
                    }
                }
            }
        },
    )
}

/// The configuration form, for a new round (`round_id` None) or an existing one.
pub fn form(
    viewer: &Viewer,
    round_id: Option<i64>,
    phase: Option<Phase>,
    values: &RoundInput,
    errors: &FieldErrors,
) -> Markup {
    let frozen = phase.is_some_and(|p| p >= Phase::Voting);
    let action = match round_id {
        Some(id) => format!("/council/rounds/{id}"),
        None => "/council/rounds".to_string(),
    };
    let rules: Vec<(&str, &str)> = RULES.iter().map(|(v, d)| (*v, *d)).collect();
    html! {
        (error_summary(errors))
        @if frozen {
            div.flash role="note" { p { strong { "Voting has opened: " } "the configuration is frozen. Only the closing date can be extended, with a published reason." } }
        }
        form method="post" action=(action) novalidate {
            (csrf_field(&viewer.csrf))
            fieldset {
                legend { "The round" }
                (input(Field::new("title", "Title").value(&values.title).required(), errors))
                (textarea("description", "Description for residents", None, &values.description, 5, errors))
                (input(Field::new("currency", "Currency").value(&values.currency).hint("Three letters, e.g. EUR.").required(), errors))
                (input(Field::new("total_budget", "Total budget").value(&values.total_budget).hint("In currency units, e.g. 1,500,000 or 1500000.50.").required(), errors))
                (input(Field::new("citywide_budget", "City-wide pot").value(&values.citywide_budget).hint("Money for city-wide projects, apart from the districts. Leave empty if there is none."), errors))
                (textarea("districts", "Districts and their budgets", Some("One per line as district=amount, e.g. old-town=450000. A new name creates the district."), &values.districts, 4, errors))
                (textarea("categories", "Categories", Some("One per line, e.g. Green spaces."), &values.categories, 4, errors))
            }
            fieldset {
                legend { "Phases (UTC)" }
                (input(Field::new("proposals_open_at", "Proposals open").kind("datetime-local").value(&values.proposals_open_at).required(), errors))
                (input(Field::new("review_at", "Review starts").kind("datetime-local").value(&values.review_at).required(), errors))
                (input(Field::new("voting_open_at", "Voting opens").kind("datetime-local").value(&values.voting_open_at).required(), errors))
                (input(Field::new("voting_close_at", "Voting closes").kind("datetime-local").value(&values.voting_close_at).hint("Once voting has opened, this is the only date that can change, and only to a later time.").required(), errors))
                (input(Field::new("time_zone", "Time zone shown to residents").value(&values.time_zone), errors))
            }
            fieldset {
                legend { "Proposals" }
                (input(Field::new("max_proposals_per_author", "Proposals per person").kind("number").value(&values.max_proposals_per_author).hint("Active proposals one person may have in this round. Default 5."), errors))
                (checkbox("supports", "Residents can support proposals while they are collected", values.supports.is_some()))
                (input(Field::new("support_threshold", "Supports needed to be reviewed").kind("number").value(&values.support_threshold).hint("Proposals with fewer supports when review starts are not reviewed. Leave empty for none."), errors))
            }
            fieldset {
                legend { "Ballot" }
                (radios("ballot_type", "Ballot type", &BALLOT_TYPES, &values.ballot_type, errors))
                (input(Field::new("min_choices", "Minimum projects per ballot").kind("number").value(&values.min_choices).hint("Approval and ranked ballots."), errors))
                (input(Field::new("max_choices", "Maximum projects per ballot").kind("number").value(&values.max_choices).hint("Leave empty for no maximum."), errors))
                (input(Field::new("points_total", "Points per voter").kind("number").value(&values.points_total).hint("Cumulative ballots."), errors))
                (radios("revote_policy", "Voting again", &REVOTE_POLICIES, &values.revote_policy, errors))
                (input(Field::new("points_per_project", "Most points on one project").kind("number").value(&values.points_per_project).hint("Cumulative ballots. Leave empty for no limit."), errors))
            }
            fieldset {
                legend { "Counting" }
                (radios("rule", "Counting rule", &rules, &values.rule, errors))
                (input(Field::new("tie_break", "Tie-break").value(&values.tie_break).hint("Used when projects are level: cost (cheaper first), id (older proposal first), lottery:SEED. Default: cost,id for the most-votes rules, id for equal shares and Phragmén."), errors))
            }
            fieldset {
                legend { "Who may vote" }
                (input(Field::new("min_age", "Minimum age").kind("number").value(&values.min_age).hint("Leave empty for no minimum."), errors))
                (input(Field::new("age_reference_date", "Age on this date").kind("date").value(&values.age_reference_date).hint("Default: the day voting opens."), errors))
                (radios("residence", "District of the voter", &RESIDENCE_RULES, &values.residence, errors))
                (checkbox("requires_census", "Only people on the census list (uploaded by the council)", values.requires_census.is_some()))
                (checkbox("requires_manual_check", "Only people checked in person by a city officer", values.requires_manual_check.is_some()))
                (checkbox("voting_codes", "Accept one-time voting codes (mailed or handed out; no account needed)", values.voting_codes.is_some()))
            }
            @if round_id.is_some() {
                (input(Field::new("reason", "Reason for this change").value(&values.reason).hint("Published in the round's change log. Required once voting has opened."), errors))
            }
            (button(if round_id.is_some() { "Save changes" } else { "Create round" }))
        }
    }
}

pub fn new_round(viewer: &Viewer, values: &RoundInput, errors: &FieldErrors) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "Create a round",
        },
        html! {
            h1 { "Create a round" }
            (form(viewer, None, None, values, errors))
        },
    )
}

pub struct ManagePage<'a> {
    pub round: &'a RoundRow,
    pub phase: Phase,
    pub values: &'a RoundInput,
    pub errors: &'a FieldErrors,
    pub notice: Option<&'a str>,
    pub changes: &'a [RoundChangeRow],
    pub codes: (i64, i64),
}

pub fn manage(viewer: &Viewer, page: ManagePage<'_>) -> Markup {
    let r = page.round;
    layout_for(
        viewer,
        Page {
            title: &format!("Manage: {}", r.title),
        },
        html! {
            h1 { "Manage: " (r.title) }
            @if let Some(message) = page.notice { (flash(message)) }
            p { "Current phase: " strong { (page.phase.label()) } ". " a href={"/rounds/" (r.id)} { "See the public page" } }
            section aria-labelledby="phase-heading" {
                h2 #phase-heading { "Move to the next phase now" }
                p { "Phases change by themselves at the configured times. To move on early (or to close voting), give a reason; it is published." }
                form method="post" action={"/council/rounds/" (r.id) "/advance"} novalidate {
                    (csrf_field(&viewer.csrf))
                    (input(Field::new("reason", "Reason").required(), &FieldErrors::default()))
                    button.button.secondary type="submit" { "Advance to the next phase" }
                }
            }
            @if page.phase == Phase::Counting {
            section aria-labelledby="count-heading" {
                h2 #count-heading { "Count the ballots" }
                p { "Voting has closed. Counting tallies the bulletin board with the round's rule and tie-break and stores the result with the chain head, once. Publish it afterwards with “Advance to the next phase”." }
                form method="post" action={"/council/rounds/" (r.id) "/count"} {
                    (csrf_field(&viewer.csrf))
                    (button("Count the ballots"))
                }
            }
        }
        section aria-labelledby="config-heading" {
                h2 #config-heading { "Configuration" }
                (form(viewer, Some(r.id), Some(page.phase), page.values, page.errors))
            }
            p { a href={"/council/rounds/" (r.id) "/simulate"} { "Compare counting rules on this round's ballots" } }
        @if r.requires_census != 0 {
            section aria-labelledby="census-heading" {
                h2 #census-heading { "Census list" }
                p { "Upload the list of residents as CSV with the columns document_number, birth_year and (optionally) district. It replaces the current list; nothing is imported if any row is wrong. Document numbers are kept only as salted fingerprints." }
                form method="post" action={"/council/rounds/" (r.id) "/census"} enctype="multipart/form-data" {
                    (csrf_field(&viewer.csrf))
                    div.field {
                        label for="file" { "Census file (.csv)" }
                        input #file type="file" name="file" accept=".csv,text/csv" required;
                    }
                    (button("Replace the census list"))
                }
            }
        }
        @if r.voting_codes != 0 {
                section aria-labelledby="codes-heading" {
                    h2 #codes-heading { "Voting codes" }
                    p { (page.codes.0) " issued, " (page.codes.1) " used. Each code is shown once, when it is generated: print the sheet straight away." }
                    form method="post" action={"/council/rounds/" (r.id) "/codes"} novalidate {
                        (csrf_field(&viewer.csrf))
                        (input(Field::new("count", "How many").kind("number").value("50").required(), &FieldErrors::default()))
                        (input(Field::new("district", "For district (slug)").hint("Leave empty for city-wide codes."), &FieldErrors::default()))
                        (button("Generate a printable sheet"))
                    }
                }
            }
            section aria-labelledby="log-heading" {
                h2 #log-heading { "Change log" }
                (super::components::change_log(&page.changes.iter().map(|c| (c.at, c.what.as_str(), c.reason.as_str())).collect::<Vec<_>>()))
            }
        },
    )
}

pub fn code_sheet(viewer: &Viewer, round: &RoundRow, codes: &[String]) -> Markup {
    layout_for(
        viewer,
        Page {
            title: &format!("Voting codes: {}", round.title),
        },
        html! {
            h1 { "Voting codes: " (round.title) }
            p.no-print { "These codes are shown only now. Print this page (each code works once), then close it." }
            p { "To vote, go to the round's page and enter one code. No account or email address is needed." }
            ol.codes { @for code in codes { li { (code) } } }
        },
    )
}
