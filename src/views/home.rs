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

/// The open data, explained for people: what each file holds, who may use it, and the links.
/// `counted`: each round with published results, and its pots as `(slug, district name)`.
pub fn open_data(
    viewer: &Viewer,
    counted: &[(RoundSummary, Vec<crate::domain::export::PotName>)],
) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "open-data-title");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            p.lead { (t(lang, "open-data-lead")) }
            h2 { (t(lang, "open-data-files")) }
            dl {
                dt { (t(lang, "open-data-pb")) } dd { (t(lang, "open-data-pb-text")) }
                dt { (t(lang, "open-data-csv")) } dd { (t(lang, "open-data-csv-text")) }
                dt { (t(lang, "open-data-json")) } dd { (t(lang, "open-data-json-text")) }
                dt { (t(lang, "open-data-audit")) } dd { (t(lang, "open-data-audit-text")) " " a href="/verify" { (t(lang, "home-verify")) } }
                dt { (t(lang, "open-data-board")) } dd { (t(lang, "open-data-board-text")) }
            }
            h2 { (t(lang, "open-data-rounds")) }
            @if counted.is_empty() {
                p { (t(lang, "open-data-none")) }
            } @else {
                ul {
                    @for (r, pots) in counted {
                        li {
                            a href={"/rounds/" (r.id)} { (r.title) } ": "
                            @for (slug, name) in pots {
                                @let pot = name.clone().unwrap_or_else(|| t(lang, "rounds-citywide"));
                                a href={"/api/v1/rounds/" (r.id) "/export.pb?pot=" (slug)} { "Pabulib (.pb), " (pot) } ", "
                            }
                            a href={"/api/v1/rounds/" (r.id) "/export.csv"} { "CSV" } ", "
                            a href={"/api/v1/rounds/" (r.id) "/export.json"} { "JSON" } ", "
                            a href={"/rounds/" (r.id) "/bulletin"} { (t(lang, "open-data-board")) }
                        }
                    }
                }
            }
            h2 { (t(lang, "open-data-api")) }
            p { (t(lang, "open-data-api-text")) }
            ul {
                li { a href="/api/v1/openapi.json" { (t(lang, "open-data-api-spec")) } }
                li { a href="/api/v1/rounds" { (t(lang, "open-data-api-rounds")) } }
            }
            p { (t(lang, "open-data-licence")) }
        },
    )
}
