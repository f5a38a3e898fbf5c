//! The page shell: language, title, skip link, landmarks, navigation, footer.

use maud::{html, Markup, DOCTYPE};

pub struct Page<'a> {
    /// Says where the visitor is, e.g. "Green Streets 2026 — budgetbox".
    pub title: &'a str,
}

pub fn layout(page: Page<'_>, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (page.title) " — budgetbox" }
                link rel="stylesheet" href=(crate::web::assets::CSS_PATH);
            }
            body {
                a.skip-link href="#main" { "Skip to main content" }
                header.site-header {
                    nav aria-label="Main" {
                        a.brand href="/" { "budgetbox" }
                        ul {
                            li { a href="/" { "Budget rounds" } }
                            li { a href="/api/v1/openapi.json" { "Open data API" } }
                        }
                    }
                }
                main #main tabindex="-1" { (content) }
                footer.site-footer {
                    p { "budgetbox — participatory budgeting with an open, verifiable count." }
                }
            }
        }
    }
}
