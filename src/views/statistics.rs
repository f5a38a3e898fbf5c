//! Who took part, engagement, and what happened to funded projects after the vote.

use maud::{html, Markup};

use super::components::{
    button, csrf_field, error_summary, facts, input, money, radios, textarea, Field,
};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::disclosure::Table;
use crate::domain::follow_up::{self, Implementation};
use crate::domain::statistics::{Engagement, RoundStatistics};
use crate::error::FieldErrors;

fn percent(value: Option<f64>) -> String {
    value.map_or("—".into(), |v| format!("{v:.1}%"))
}

fn days(value: Option<f64>) -> String {
    value.map_or("—".into(), |d| format!("{d:.0} days"))
}

/// A suppressed table: counts, "< 10" or "—", with row and column totals.
pub fn protected_table(caption: &str, corner: &str, table: Option<&Table>) -> Markup {
    let Some(table) = table else {
        return html! {
            h3 { (caption) }
            p { "Not published: so few people are in this breakdown that it could identify someone." }
        };
    };
    html! {
        div.table-scroll {
            table {
                caption { (caption) }
                thead {
                    tr {
                        th scope="col" { (corner) }
                        @for c in &table.columns { th scope="col" { (c) } }
                        th scope="col" { "Total" }
                    }
                }
                tbody {
                    @for (i, row) in table.rows.iter().enumerate() {
                        tr {
                            th scope="row" { (row) }
                            @for cell in &table.cells[i] { td { (cell.label()) } }
                            td { (table.row_totals[i].label()) }
                        }
                    }
                }
                tfoot {
                    tr {
                        th scope="row" { "Total" }
                        @for cell in &table.column_totals { td { (cell.label()) } }
                        td { (table.total.label()) }
                    }
                }
            }
        }
    }
}

pub fn engagement_facts(e: &Engagement) -> Markup {
    facts(&[
        ("Proposals submitted", html! { (e.proposals_submitted) }),
        (
            "Feasible",
            html! { (e.proposals_feasible) " (" (percent(e.percent_feasible)) ")" },
        ),
        (
            "Funded",
            html! { (e.projects_funded) " (" (percent(e.percent_funded)) " of feasible)" },
        ),
        (
            "Implemented",
            html! { (percent(e.percent_implemented)) " of funded" },
        ),
        (
            "Median time from result to completion",
            html! { (days(e.median_days_to_completion)) },
        ),
    ])
}

pub fn round_statistics(viewer: &Viewer, s: &RoundStatistics) -> Markup {
    layout_for(
        viewer,
        Page {
            title: &format!("Who took part: {}", s.round_title),
        },
        html! {
            h1 { "Who took part: " (s.round_title) }
            p { "To protect privacy, a count of fewer than " (s.min_cell) " people is shown as “< " (s.min_cell) "”. A dash (—) marks a larger count hidden so that a small one cannot be worked out from the totals." }
            h2 { "Engagement" }
            (engagement_facts(&s.engagement))
            @if !s.frozen { p { strong { "Voting is still open or the round is not counted yet: these figures are for staff and will be frozen when the round is counted." } } }
            h2 { "Voters" }
            p { "Voters with an account, by the home district and gender they gave in their profile, and by age at the close of voting. " (s.breakdowns.code_voters) " people voted with a voting code; they have no profile and are not in these tables." }
            (protected_table("Voters by district and gender", "District", s.breakdowns.participation.by_district.as_ref()))
            (protected_table("Voters by age", "Age", s.breakdowns.participation.by_age.as_ref()))
            h2 { "Proposals" }
            (protected_table("Proposals by district and the author's gender", "District", s.breakdowns.proposals.by_district.as_ref()))
            (protected_table("Proposals by the author's age", "Age", s.breakdowns.proposals.by_age.as_ref()))
            p { a href={"/rounds/" (s.round_id)} { "Back to the round" } }
        },
    )
}

/// Engagement of every counted round, newest first.
pub fn over_time(viewer: &Viewer, rounds: &[(i64, String, Engagement)]) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "Participation over time",
        },
        html! {
            h1 { "Participation over time" }
            @if rounds.is_empty() {
                p { "No round has been counted yet." }
            } @else {
                div.table-scroll {
                    table {
                        caption { "Engagement per round" }
                        thead { tr {
                            th scope="col" { "Round" } th scope="col" { "Proposals" } th scope="col" { "Feasible" }
                            th scope="col" { "Funded (of feasible)" } th scope="col" { "Implemented" } th scope="col" { "Median days to completion" }
                        } }
                        tbody {
                            @for (id, title, e) in rounds {
                                tr {
                                    th scope="row" { a href={"/rounds/" (id) "/statistics"} { (title) } }
                                    td { (e.proposals_submitted) }
                                    td { (percent(e.percent_feasible)) }
                                    td { (percent(e.percent_funded)) }
                                    td { (percent(e.percent_implemented)) }
                                    td { (days(e.median_days_to_completion)) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Your ballot's projects, when a voter looked up their tracking code.
pub struct MyBallot {
    pub projects: Vec<(String, Option<String>)>,
}

pub fn implementation(
    viewer: &Viewer,
    f: &Implementation,
    council: bool,
    mine: Option<&MyBallot>,
    code_error: Option<&str>,
) -> Markup {
    let errors = match code_error {
        Some(m) => FieldErrors(vec![("code".into(), m.into())]),
        None => FieldErrors::default(),
    };
    layout_for(
        viewer,
        Page {
            title: &format!("What happened to my vote: {}", f.round_title),
        },
        html! {
            h1 { "What happened to my vote: " (f.round_title) }
            p { "The result was counted on " (f.result_date) ". Here is what has become of each funded project since." }
            (facts(&[
                ("Funded projects", html! { (f.funded) }),
                ("Completed", html! { (f.completed) " (" (percent(f.percent_implemented)) ")" }),
                ("Cancelled", html! { (f.cancelled) }),
                ("Median time from result to completion", html! { (days(f.median_days_to_completion)) }),
            ]))
            section aria-labelledby="mine-heading" {
                h2 #mine-heading { "The projects on your ballot" }
                (error_summary(&errors))
                form method="post" novalidate {
                    (csrf_field(&viewer.csrf))
                    (input(Field::new("code", "Your tracking code").hint("The code on your receipt, e.g. 7K3M-Q9RT-…").autocomplete("off"), &errors))
                    (button("Show my projects"))
                }
                @if let Some(mine) = mine {
                    @if mine.projects.is_empty() {
                        p { "Your ballot named no project that was on the final ballot." }
                    } @else {
                        ul {
                            @for (title, status) in &mine.projects {
                                li { (title) ": " strong { @match status { Some(s) => { "funded — " (follow_up::status_label(s)) }, None => { "not funded" } } } }
                            }
                        }
                    }
                }
            }
            h2 { "Funded projects" }
            @if f.projects.is_empty() { p { "No project was funded in this round." } }
            @for p in &f.projects {
                article.card id={"project-" (p.id)} {
                    h3 { (p.title) }
                    p { strong { (follow_up::status_label(&p.status)) } ", " (p.percent) "% done. Cost " (money(p.cost, &f.currency)) "."
                        @if let Some(day) = &p.completed_on { " Completed on " (day) "." } }
                    @if !p.history.is_empty() {
                        ol.history {
                            @for s in &p.history {
                                li { time datetime=(s.on_date) { (s.on_date) } ": " (follow_up::status_label(&s.status)) ", " (s.percent) "%" @if !s.note.is_empty() { " — " (s.note) } }
                            }
                        }
                    }
                    @if council { p { a href={"/proposals/" (p.id) "/progress"} { "Record progress on " (p.title) } } }
                }
            }
            p { a href={"/rounds/" (f.round_id)} { "Back to the round" } }
        },
    )
}

pub fn progress_form(
    viewer: &Viewer,
    round_id: i64,
    title: &str,
    values: &follow_up::ProgressInput,
    errors: &FieldErrors,
) -> Markup {
    layout_for(
        viewer,
        Page {
            title: &format!("Record progress: {title}"),
        },
        html! {
            h1 { "Record progress: " (title) }
            (error_summary(errors))
            form method="post" novalidate {
                (csrf_field(&viewer.csrf))
                (radios("status", "Status", &follow_up::STATUSES, values.status.as_deref().unwrap_or(""), errors))
                (input(Field::new("percent", "Percent done").kind("number").hint("0 to 100; left empty, a completed project is 100").value(values.percent.as_deref().unwrap_or("")), errors))
                (input(Field::new("on_date", "Date it happened").kind("date").hint("YYYY-MM-DD; left empty, today").value(values.on_date.as_deref().unwrap_or("")), errors))
                (textarea("note", "Note for the public", Some("What happened, in plain words."), values.note.as_deref().unwrap_or(""), 4, errors))
                (button("Record this step"))
            }
            p { a href={"/rounds/" (round_id) "/implementation"} { "Back to the follow-up" } }
        },
    )
}
