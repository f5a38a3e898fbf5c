use maud::{html, Markup};

use super::components::{card, phase_line};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::rounds::RoundSummary;
use crate::domain::utc::zone_or_utc;
use crate::i18n::{t, t_with};

pub fn home(viewer: &Viewer, rounds: &[RoundSummary]) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "home-title");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            p.lead { (t(lang, "home-lead")) }
            @if rounds.is_empty() {
                p { (t(lang, "home-empty")) }
            } @else {
                ul.cards {
                    @for r in rounds {
                        li {
                            (card(
                                html! { h2 { a href={"/rounds/" (r.id)} { (r.title) } } },
                                html! {
                                    p { (phase_line(r.phase, lang)) }
                                    p { (t_with(lang, "home-budget", &[("amount", &lang.amount(r.total_budget, &r.currency))])) }
                                    p { (t_with(lang, "home-voting", &[("from", &lang.datetime_in(r.voting_open_at, zone_or_utc(&r.time_zone))), ("to", &lang.datetime_in(r.voting_close_at, zone_or_utc(&r.time_zone)))])) }
                                },
                            ))
                        }
                    }
                }
            }
            p { a href="/statistics" { (t(lang, "home-over-time")) } " · " a href="/verify" { (t(lang, "home-verify")) } }
        },
    )
}
