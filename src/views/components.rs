//! Building blocks shared by pages: phase badges, money, cards, tables.

use maud::{html, Markup};

use crate::domain::money::format_amount;
use crate::domain::rounds::Phase;

pub fn phase_badge(phase: Phase) -> Markup {
    // The phase is written out, never conveyed by colour alone.
    html! { span class={"badge phase-" (format!("{phase:?}").to_lowercase())} { (phase.label()) } }
}

pub fn money(cents: i64, currency: &str) -> Markup {
    html! { span.money { (format_amount(cents, currency)) } }
}

pub fn card(heading: Markup, body: Markup) -> Markup {
    html! { article.card { (heading) (body) } }
}

/// A definition list of label/value pairs.
pub fn facts(items: &[(&str, Markup)]) -> Markup {
    html! {
        dl.facts {
            @for (label, value) in items {
                div { dt { (label) } dd { (value) } }
            }
        }
    }
}

pub fn datetime(t: chrono::NaiveDateTime) -> Markup {
    html! { time datetime=(t.format("%Y-%m-%dT%H:%MZ")) { (t.format("%-d %B %Y, %H:%M UTC")) } }
}
