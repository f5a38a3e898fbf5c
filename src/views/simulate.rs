//! The rule simulator: the same ballots counted under several rules, side by side.

use maud::{html, Markup};

use super::components::{button, csrf_field, money};
use super::layout::{layout_for, Page, Viewer};
use crate::tally::compare::RuleComparison;
use crate::tally::Election;

/// One pot's comparison, with a display name for each project id.
pub struct PotComparison {
    pub heading: String,
    pub election: Election,
    pub names: Vec<String>,
    pub results: Vec<RuleComparison>,
}

pub fn page(
    viewer: &Viewer,
    title: &str,
    currency: &str,
    pots: &[PotComparison],
    upload: bool,
) -> Markup {
    layout_for(
        viewer,
        Page {
            title: &format!("Compare counting rules: {title}"),
        },
        html! {
            h1 { "Compare counting rules: " (title) }
            p { "The same ballots counted three ways: most votes first (greedy), the Method of Equal Shares with Add1 completion, and sequential Phragmén. Nothing here changes the round's own rule or result." }
            @for pot in pots {
                h2 { (pot.heading) }
                p { "Budget " (money(pot.election.budget, currency)) ", " (pot.election.ballots.len()) " ballots." }
                table {
                    caption { "Funded projects under each rule (✓ funded, – not funded)" }
                    thead {
                        tr {
                            th scope="col" { "Project" }
                            th scope="col" { "Cost" }
                            @for r in &pot.results { th scope="col" { (r.rule) } }
                        }
                    }
                    tbody {
                        @for (i, project) in pot.election.projects.iter().enumerate() {
                            tr {
                                th scope="row" { (pot.names[i]) }
                                td { (money(project.cost, currency)) }
                                @for r in &pot.results {
                                    td {
                                        @match &r.outcome {
                                            Ok(o) if o.selected.contains(&project.id) => { "✓ " span.visually-hidden { "funded" } }
                                            Ok(_) => { "– " span.visually-hidden { "not funded" } }
                                            Err(_) => { "n/a" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    tfoot {
                        tr {
                            th scope="row" { "Money spent" }
                            td {}
                            @for r in &pot.results { td { @match &r.outcome { Ok(o) => { (money(o.spent, currency)) } Err(e) => { (e) } } } }
                        }
                        tr {
                            th scope="row" { "Voters with at least one funded project" }
                            td {}
                            @for r in &pot.results { td { (r.voters_with_a_funded_project) " of " (pot.election.ballots.len()) } }
                        }
                    }
                }
            }
            @if upload {
                h2 { "Compare a Pabulib file" }
                form method="post" action="/council/simulate" enctype="multipart/form-data" {
                    (csrf_field(&viewer.csrf))
                    div.field {
                        label for="file" { "Pabulib file (.pb)" }
                        input #file type="file" name="file" accept=".pb,text/plain" required;
                    }
                    (button("Compare"))
                }
            }
        },
    )
}
