//! Who took part, engagement, and what happened to funded projects after the vote.

use maud::{html, Markup};

use super::components::{
    button, csrf_field, error_summary, facts, input, money, radios, table, table_with_totals,
    textarea, Field,
};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::disclosure::{Cell, Table, MIN_CELL};
use crate::domain::follow_up::{self, Implementation};
use crate::domain::statistics::{Engagement, RoundStatistics};
use crate::error::FieldErrors;
use crate::i18n::{t, t_count, t_with, Lang};

fn percent(lang: Lang, value: Option<f64>) -> String {
    value.map_or_else(
        || t(lang, "statistics-none"),
        |v| t_with(lang, "statistics-percent", &[("value", &lang.decimal(v))]),
    )
}

fn days(lang: Lang, value: Option<f64>) -> String {
    value.map_or_else(
        || t(lang, "statistics-none"),
        |d| {
            // Rounded as before (`{:.0}`), then worded with the language's plural forms.
            let n: i64 = format!("{d:.0}").parse().unwrap_or(0);
            t_count(lang, "statistics-days", n, &[("n", &lang.number(n))])
        },
    )
}

fn count(lang: Lang, n: usize) -> String {
    lang.number(n as i64)
}

/// A table cell: the count, "< 10" or "—".
fn cell_label(lang: Lang, cell: &Cell) -> String {
    match cell {
        Cell::Shown(n) => lang.number(*n as i64),
        Cell::Small => t_with(
            lang,
            "statistics-cell-small",
            &[("min", &MIN_CELL.to_string())],
        ),
        Cell::Hidden => t(lang, "statistics-cell-hidden"),
    }
}

/// Row and column labels the domain writes in English (genders, age bands, "City-wide"…) in
/// the reader's language; district names and numeric age bands stay as they are.
fn header_label(lang: Lang, label: &str) -> String {
    let key = match label {
        "Women" => "statistics-label-women",
        "Men" => "statistics-label-men",
        "Non-binary" => "statistics-label-non-binary",
        "Not stated" => "statistics-label-not-stated",
        "Under 18" => "statistics-label-under-18",
        "65 and over" => "statistics-label-65-and-over",
        "Other or not stated" => "statistics-label-other-district",
        "City-wide" => "statistics-label-citywide",
        "Voters" => "statistics-label-voters",
        "Proposals" => "statistics-label-proposals",
        other => return other.to_string(),
    };
    t(lang, key)
}

/// A follow-up status (`planned`, `in_progress`…) in the reader's language.
fn status_label(lang: Lang, status: &str) -> String {
    let key = match status {
        "planned" => "statistics-status-planned",
        "in_progress" => "statistics-status-in-progress",
        "completed" => "statistics-status-completed",
        "cancelled" => "statistics-status-cancelled",
        _ => "statistics-status-not-started",
    };
    t(lang, key)
}

/// A suppressed table: counts, "< 10" or "—", with row and column totals.
pub fn protected_table(lang: Lang, caption: &str, corner: &str, table: Option<&Table>) -> Markup {
    let Some(table) = table else {
        return html! {
            h3 { (caption) }
            p { (t(lang, "statistics-not-published")) }
        };
    };
    html! {
        div.table-scroll {
            (table_with_totals(html! { (caption) }, html! { th scope="col" { (corner) }
                        @for c in &table.columns { th scope="col" { (header_label(lang, c)) } }
                        th scope="col" { (t(lang, "statistics-total")) } }, html! {
                    @for (i, row) in table.rows.iter().enumerate() {
                        tr {
                            th scope="row" { (header_label(lang, row)) }
                            @for cell in &table.cells[i] { td { (cell_label(lang, cell)) } }
                            td { (cell_label(lang, &table.row_totals[i])) }
                        }
                    }
                }, html! {
                    tr {
                        th scope="row" { (t(lang, "statistics-total")) }
                        @for cell in &table.column_totals { td { (cell_label(lang, cell)) } }
                        td { (cell_label(lang, &table.total)) }
                    }
                }))
        }
    }
}

/// "1,234 of 5,000 (24.7%)", or the voters alone when no census says how many could vote.
fn turnout(lang: Lang, e: &Engagement) -> String {
    match e.eligible {
        Some(eligible) => t_with(
            lang,
            "statistics-turnout-value",
            &[
                ("voters", &lang.number(e.voters)),
                ("eligible", &lang.number(eligible)),
                ("percent", &percent(lang, e.percent_turnout)),
            ],
        ),
        None => t(lang, "statistics-turnout-unknown"),
    }
}

pub fn engagement_facts(lang: Lang, e: &Engagement) -> Markup {
    let voters = t(lang, "statistics-voters-count");
    let turnout_label = t(lang, "statistics-turnout");
    let submitted = t(lang, "statistics-proposals-submitted");
    let feasible = t(lang, "statistics-feasible");
    let funded = t(lang, "statistics-funded");
    let implemented = t(lang, "statistics-implemented");
    let median = t(lang, "statistics-median-days");
    facts(&[
        (voters.as_str(), html! { (lang.number(e.voters)) }),
        (turnout_label.as_str(), html! { (turnout(lang, e)) }),
        (
            submitted.as_str(),
            html! { (count(lang, e.proposals_submitted)) },
        ),
        (
            feasible.as_str(),
            html! { (count(lang, e.proposals_feasible)) " (" (percent(lang, e.percent_feasible)) ")" },
        ),
        (
            funded.as_str(),
            html! { (t_with(lang, "statistics-funded-value", &[("n", &count(lang, e.projects_funded)), ("percent", &percent(lang, e.percent_funded))])) },
        ),
        (
            implemented.as_str(),
            html! { (t_with(lang, "statistics-implemented-value", &[("percent", &percent(lang, e.percent_implemented))])) },
        ),
        (
            median.as_str(),
            html! { (days(lang, e.median_days_to_completion)) },
        ),
    ])
}

pub fn round_statistics(viewer: &Viewer, s: &RoundStatistics) -> Markup {
    let lang = viewer.lang;
    let title = t_with(lang, "statistics-round-title", &[("round", &s.round_title)]);
    let district = t(lang, "statistics-corner-district");
    let age = t(lang, "statistics-corner-age");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            p { (t_with(lang, "statistics-privacy", &[("min", &s.min_cell.to_string())])) }
            h2 { (t(lang, "statistics-engagement")) }
            (engagement_facts(lang, &s.engagement))
            @if !s.frozen { p { strong { (t(lang, "statistics-not-frozen")) } } }
            h2 { (t(lang, "statistics-voters")) }
            p { (t_count(lang, "statistics-voters-text", s.breakdowns.code_voters, &[("n", &lang.number(s.breakdowns.code_voters))])) }
            (protected_table(lang, &t(lang, "statistics-voters-by-district"), &district, s.breakdowns.participation.by_district.as_ref()))
            (protected_table(lang, &t(lang, "statistics-voters-by-age"), &age, s.breakdowns.participation.by_age.as_ref()))
            h2 { (t(lang, "statistics-proposals")) }
            (protected_table(lang, &t(lang, "statistics-proposals-by-district"), &district, s.breakdowns.proposals.by_district.as_ref()))
            (protected_table(lang, &t(lang, "statistics-proposals-by-age"), &age, s.breakdowns.proposals.by_age.as_ref()))
            p { a href={"/rounds/" (s.round_id)} { (t(lang, "statistics-back-to-round")) } }
        },
    )
}

/// Engagement of every counted round, newest first.
pub fn over_time(viewer: &Viewer, rounds: &[(i64, String, Engagement)]) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "statistics-over-time-title");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            @if rounds.is_empty() {
                p { (t(lang, "statistics-over-time-none")) }
            } @else {
                div.table-scroll {
                    (table(html! { (t(lang, "statistics-over-time-caption")) }, html! { th scope="col" { (t(lang, "statistics-col-round")) } th scope="col" { (t(lang, "statistics-col-voters")) } th scope="col" { (t(lang, "statistics-col-turnout")) } th scope="col" { (t(lang, "statistics-col-proposals")) } th scope="col" { (t(lang, "statistics-col-feasible")) }
                            th scope="col" { (t(lang, "statistics-col-funded")) } th scope="col" { (t(lang, "statistics-col-implemented")) } th scope="col" { (t(lang, "statistics-col-median-days")) } }, html! {
                            @for (id, title, e) in rounds {
                                tr {
                                    th scope="row" { a href={"/rounds/" (id) "/statistics"} { (title) } }
                                    td { (lang.number(e.voters)) }
                                    td { (percent(lang, e.percent_turnout)) }
                                    td { (count(lang, e.proposals_submitted)) }
                                    td { (percent(lang, e.percent_feasible)) }
                                    td { (percent(lang, e.percent_funded)) }
                                    td { (percent(lang, e.percent_implemented)) }
                                    td { (days(lang, e.median_days_to_completion)) }
                                }
                            }
                        }))
                }
                p { (t(lang, "statistics-over-time-turnout-note")) }
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
    let lang = viewer.lang;
    let errors = match code_error {
        Some(m) => FieldErrors(vec![("code".into(), m.into())]),
        None => FieldErrors::default(),
    };
    let title = t_with(
        lang,
        "statistics-implementation-title",
        &[("round", &f.round_title)],
    );
    let funded_label = t(lang, "statistics-funded-projects");
    let completed_label = t(lang, "statistics-completed");
    let cancelled_label = t(lang, "statistics-cancelled");
    let median_label = t(lang, "statistics-median-days");
    let code_label = t(lang, "statistics-code");
    let code_hint = t(lang, "statistics-code-hint");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            p { (t_with(lang, "statistics-implementation-lead", &[("date", &f.result_date)])) }
            (facts(&[
                (funded_label.as_str(), html! { (count(lang, f.funded)) }),
                (completed_label.as_str(), html! { (count(lang, f.completed)) " (" (percent(lang, f.percent_implemented)) ")" }),
                (cancelled_label.as_str(), html! { (count(lang, f.cancelled)) }),
                (median_label.as_str(), html! { (days(lang, f.median_days_to_completion)) }),
            ]))
            section aria-labelledby="mine-heading" {
                h2 #mine-heading { (t(lang, "statistics-mine-title")) }
                (error_summary(lang, &errors))
                form method="post" novalidate {
                    (csrf_field(&viewer.csrf))
                    (input(lang, Field::new("code", &code_label).hint(&code_hint).autocomplete("off").required(), &errors))
                    (button(&t(lang, "statistics-mine-submit")))
                }
                @if let Some(mine) = mine {
                    @if mine.projects.is_empty() {
                        p { (t(lang, "statistics-mine-none")) }
                    } @else {
                        ul {
                            @for (title, status) in &mine.projects {
                                li { (title) ": " strong { @match status { Some(s) => { (t_with(lang, "statistics-mine-funded", &[("status", &status_label(lang, s))])) }, None => { (t(lang, "statistics-mine-not-funded")) } } } }
                            }
                        }
                    }
                }
            }
            h2 { (funded_label) }
            @if f.projects.is_empty() { p { (t(lang, "statistics-no-funded")) } }
            @for p in &f.projects {
                article.card id={"project-" (p.id)} {
                    h3 { (p.title) }
                    p { strong { (status_label(lang, &p.status)) } ", " (t_with(lang, "statistics-project-done", &[("percent", &p.percent.to_string())])) " " (t(lang, "statistics-project-cost")) " " (money(lang, p.cost, &f.currency)) "."
                        @if let Some(day) = &p.completed_on { " " (t_with(lang, "statistics-project-completed", &[("date", day)])) } }
                    @if !p.history.is_empty() {
                        ol.history {
                            @for s in &p.history {
                                li { time datetime=(s.on_date) { (s.on_date) } ": " (status_label(lang, &s.status)) ", " (t_with(lang, "statistics-percent", &[("value", &s.percent.to_string())])) @if !s.note.is_empty() { " — " (s.note) } }
                            }
                        }
                    }
                    @if council { p { a href={"/proposals/" (p.id) "/progress"} { (t_with(lang, "statistics-record-progress-link", &[("title", &p.title)])) } } }
                }
            }
            p { a href={"/rounds/" (f.round_id)} { (t(lang, "statistics-back-to-round")) } }
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
    let lang = viewer.lang;
    let page_title = t_with(lang, "statistics-progress-title", &[("title", title)]);
    let statuses: Vec<(&str, String)> = follow_up::STATUSES
        .iter()
        .map(|(value, _)| (*value, status_label(lang, value)))
        .collect();
    let statuses: Vec<(&str, &str)> = statuses.iter().map(|(v, l)| (*v, l.as_str())).collect();
    let percent_label = t(lang, "statistics-progress-percent");
    let percent_hint = t(lang, "statistics-progress-percent-hint");
    let date_label = t(lang, "statistics-progress-date");
    let date_hint = t(lang, "statistics-progress-date-hint");
    layout_for(
        viewer,
        Page { title: &page_title },
        html! {
            h1 { (page_title) }
            (error_summary(lang, errors))
            form method="post" novalidate {
                (csrf_field(&viewer.csrf))
                (radios(lang, "status", &t(lang, "statistics-progress-status"), &statuses, values.status.as_deref().unwrap_or(""), errors))
                (input(lang, Field::new("percent", &percent_label).kind("number").hint(&percent_hint).value(values.percent.as_deref().unwrap_or("")), errors))
                (input(lang, Field::new("on_date", &date_label).kind("date").hint(&date_hint).value(values.on_date.as_deref().unwrap_or("")), errors))
                (textarea(lang, "note", &t(lang, "statistics-progress-note"), Some(t(lang, "statistics-progress-note-hint").as_str()), values.note.as_deref().unwrap_or(""), 4, errors))
                (button(&t(lang, "statistics-progress-submit")))
            }
            p { a href={"/rounds/" (round_id) "/implementation"} { (t(lang, "statistics-back-to-follow-up")) } }
        },
    )
}
