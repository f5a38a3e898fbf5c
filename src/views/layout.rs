//! The page shell: language, title, skip link, landmarks, navigation, footer.

use maud::{html, Markup, DOCTYPE};

use crate::auth::Role;

pub struct Page<'a> {
    /// Says where the visitor is, e.g. "Green Streets 2026 — budgetbox".
    pub title: &'a str,
}

/// Who is looking, for the navigation: their name and role, and the token for the logout form.
#[derive(Clone, Debug, Default)]
pub struct Viewer {
    pub user: Option<(String, Role)>,
    pub csrf: String,
}

pub fn layout(page: Page<'_>, content: Markup) -> Markup {
    layout_for(&Viewer::default(), page, content)
}

pub fn layout_for(viewer: &Viewer, page: Page<'_>, content: Markup) -> Markup {
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
                            @match &viewer.user {
                                Some((name, role)) => {
                                    @if *role == Role::Council {
                                        li { a href="/council/rounds" { "Manage rounds" } }
                                        li { a href="/council/users" { "People and roles" } }
                                    }
                                    @if matches!(role, Role::Council | Role::Auditor) {
                                        li { a href="/audit" { "Audit log" } }
                                    }
                                    li { a href="/account" { "Account (" (name) ")" } }
                                    li {
                                        form.inline method="post" action="/logout" {
                                            input type="hidden" name="csrf_token" value=(viewer.csrf);
                                            button.link type="submit" { "Log out" }
                                        }
                                    }
                                }
                                None => {
                                    li { a href="/login" { "Log in" } }
                                    li { a href="/register" { "Register" } }
                                }
                            }
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
