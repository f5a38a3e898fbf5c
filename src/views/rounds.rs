use maud::{html, Markup};

use super::components::{datetime, facts, money, phase_badge};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::rounds::{ProjectView, RoundDetail};

pub fn show(viewer: &Viewer, round: &RoundDetail) -> Markup {
    let s = &round.summary;
    let currency = &s.currency;
    let district_name = |p: &ProjectView| {
        p.district_id
            .and_then(|id| round.districts.iter().find(|d| d.id == id))
            .map_or("City-wide".to_string(), |d| d.name.clone())
    };
    layout_for(
        viewer,
        Page { title: &s.title },
        html! {
            h1 { (s.title) }
            p { (phase_badge(s.phase)) " " (s.phase.what_you_can_do()) }
            p { (round.description) }
            (facts(&[
                ("Total budget", money(s.total_budget, currency)),
                ("Ballot", html! { (s.ballot_type.describe()) }),
                ("Proposals open", datetime(round.proposals_open_at)),
                ("Voting opens", datetime(s.voting_open_at)),
                ("Voting closes", datetime(s.voting_close_at)),
                ("Counting rule", html! { code { (round.rule) } " (ties: " code { (round.tie_break) } ")" }),
            ]))
            @if !round.districts.is_empty() {
                h2 { "Districts" }
                table {
                    caption { "Budget per district" }
                    thead { tr { th scope="col" { "District" } th scope="col" { "Budget" } } }
                    tbody {
                        @for d in &round.districts {
                            tr { th scope="row" { (d.name) } td { (money(d.budget, currency)) } }
                        }
                    }
                }
            }
            h2 { "Projects" }
            @if round.projects.is_empty() {
                p { "No projects have been proposed yet." }
            } @else {
                table {
                    caption { (round.projects.len()) " projects" }
                    thead {
                        tr {
                            th scope="col" { "Project" }
                            th scope="col" { "District" }
                            th scope="col" { "Cost" }
                            th scope="col" { "Status" }
                        }
                    }
                    tbody {
                        @for p in &round.projects {
                            tr {
                                th scope="row" { (p.title) }
                                td { (district_name(p)) }
                                td { (money(p.cost, currency)) }
                                td {
                                    (p.status)
                                    @match p.funded {
                                        Some(true) => { " — " strong { "funded" } }
                                        Some(false) if p.status == "feasible" => { " — not funded" }
                                        _ => {}
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(head) = &round.result_chain_head {
                h2 { "Verify the count" }
                p { "The result was counted over the bulletin board whose chain head is " code.hash { (head) } "." }
            }
        },
    )
}
