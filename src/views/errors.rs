//! Error pages that tell a person what happened and what to do next.

use maud::{html, Markup};

use super::layout::{layout, Page};

pub fn error_page(status: u16, title: &str, message: &str) -> Markup {
    let advice = match status {
        404 => "Check the address, or start again from the list of budget rounds.",
        503 => "This is usually brief. Wait a minute and try again; nothing you submitted was recorded unless you saw a confirmation.",
        500..=599 => "The problem has been logged. Try again in a moment; if it keeps happening, contact the city's participation office.",
        _ => "Go back, correct what the message says, and try again.",
    };
    layout(
        Page { title },
        html! {
            h1 { (title) }
            p.lead { (message) }
            p { (advice) }
            p { a href="/" { "Go to the list of budget rounds" } }
        },
    )
}
