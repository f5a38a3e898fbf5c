use maud::{html, Markup};

use super::components::{card, datetime, money, phase_badge};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::rounds::RoundSummary;

pub fn home(viewer: &Viewer, rounds: &[RoundSummary]) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "Budget rounds",
        },
        html! {
            h1 { "Budget rounds" }
            p.lead { "Residents propose projects, vote on them, and the city funds the winners. Every vote is counted in the open." }
            @if rounds.is_empty() {
                p { "There are no budget rounds yet." }
            } @else {
                ul.cards {
                    @for r in rounds {
                        li {
                            (card(
                                html! { h2 { a href={"/rounds/" (r.id)} { (r.title) } } },
                                html! {
                                    p { (phase_badge(r.phase)) " " (r.phase.what_you_can_do()) }
                                    p { "Budget: " (money(r.total_budget, &r.currency)) }
                                    p { "Voting: " (datetime(r.voting_open_at)) " to " (datetime(r.voting_close_at)) }
                                },
                            ))
                        }
                    }
                }
            }
            p { a href="/statistics" { "Participation over time" } " · " a href="/verify" { "How to verify a count" } }
        },
    )
}
