//! The rule simulator: the same ballots counted under several rules, side by side.

use maud::{html, Markup};

use super::components::{button, csrf_field, money, table_with_totals};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::simulation::PotComparison;
use crate::i18n::{t, t_count, t_with};

pub fn page(
    viewer: &Viewer,
    title: &str,
    currency: &str,
    pots: &[PotComparison],
    upload: bool,
) -> Markup {
    let lang = viewer.lang;
    let page_title = t_with(lang, "simulate-title", &[("round", title)]);
    layout_for(
        viewer,
        Page { title: &page_title },
        html! {
            h1 { (page_title) }
            p { (t(lang, "simulate-lead")) }
            @for pot in pots {
                @let ballots = pot.election.ballots.len() as i64;
                h2 { (pot.heading) }
                // "Budget <amount>, 12 ballots." is one sentence: the amount is marked up in between.
                p { (t(lang, "simulate-budget")) " " (money(lang, pot.election.budget, currency)) (t_count(lang, "simulate-ballots", ballots, &[("n", &lang.number(ballots))])) }
                (table_with_totals(html! { (t(lang, "simulate-caption")) }, html! { th scope="col" { (t(lang, "simulate-col-project")) }
                            th scope="col" { (t(lang, "simulate-col-cost")) }
                            @for r in &pot.results { th scope="col" { (r.rule) } } }, html! {
                        @for (i, project) in pot.election.projects.iter().enumerate() {
                            tr {
                                th scope="row" { (pot.names[i]) }
                                td { (money(lang, project.cost, currency)) }
                                @for r in &pot.results {
                                    td {
                                        @match &r.outcome {
                                            Ok(o) if o.selected.contains(&project.id) => { "✓ " span.visually-hidden { (t(lang, "simulate-funded")) } }
                                            Ok(_) => { "– " span.visually-hidden { (t(lang, "simulate-not-funded")) } }
                                            Err(_) => { (t(lang, "simulate-not-applicable")) }
                                        }
                                    }
                                }
                            }
                        }
                    }, html! {
                        tr {
                            th scope="row" { (t(lang, "simulate-spent")) }
                            td {}
                            @for r in &pot.results { td { @match &r.outcome { Ok(o) => { (money(lang, o.spent, currency)) } Err(e) => { (e) } } } }
                        }
                        tr {
                            th scope="row" { (t(lang, "simulate-voters-funded")) }
                            td {}
                            @for r in &pot.results { td { (t_with(lang, "simulate-voters-of", &[("n", &lang.number(r.voters_with_a_funded_project as i64)), ("total", &lang.number(ballots))])) } }
                        }
                    }))
            }
            @if upload {
                h2 { (t(lang, "simulate-upload-title")) }
                form method="post" action="/council/simulate" enctype="multipart/form-data" {
                    (csrf_field(&viewer.csrf))
                    div.field {
                        label for="file" { (t(lang, "simulate-upload-file")) }
                        input #file type="file" name="file" accept=".pb,text/plain" required;
                    }
                    (button(&t(lang, "simulate-upload-submit")))
                }
            }
        },
    )
}
