//! The page shell: language, title, skip link, landmarks, navigation, footer.

use maud::{html, Markup, DOCTYPE};

use crate::auth::Role;
use crate::i18n::{t, t_with, Lang};

/// The stylesheet's address, with the version so a new release is never served a stale copy
/// (`web::assets` serves it).
pub const CSS_PATH: &str = concat!("/assets/app.css?v=", env!("CARGO_PKG_VERSION"));

pub struct Page<'a> {
    /// Says where the visitor is, e.g. "Green Streets 2026 — budgetbox".
    pub title: &'a str,
}

/// Who is looking, for the navigation: their name and role, the token for the logout form,
/// and the language they read.
#[derive(Clone, Debug, Default)]
pub struct Viewer {
    pub user: Option<(String, Role)>,
    pub csrf: String,
    pub lang: Lang,
}

/// A page for someone we know nothing about but their language (error pages).
pub fn layout(lang: Lang, page: Page<'_>, content: Markup) -> Markup {
    let viewer = Viewer {
        lang,
        ..Viewer::default()
    };
    layout_for(&viewer, page, content)
}

pub fn layout_for(viewer: &Viewer, page: Page<'_>, content: Markup) -> Markup {
    let lang = viewer.lang;
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (page.title) " — budgetbox" }
                link rel="stylesheet" href=(CSS_PATH);
                link rel="icon" href="/favicon.svg" type="image/svg+xml";
            }
            body {
                a.skip-link href="#main" { (t(lang, "skip-to-content")) }
                header.site-header {
                    nav aria-label=(t(lang, "nav-main")) {
                        a.brand href="/" { "budgetbox" }
                        ul {
                            li { a href="/" { (t(lang, "nav-rounds")) } }
                            li { a href="/open-data" { (t(lang, "nav-open-data")) } }
                            @match &viewer.user {
                                Some((name, role)) => {
                                    @if *role == Role::Council {
                                        li { a href="/council/rounds" { (t(lang, "nav-manage-rounds")) } }
                                        li { a href="/council/users" { (t(lang, "nav-people")) } }
                                    }
                                    @if matches!(role, Role::Council | Role::Auditor) {
                                        li { a href="/audit" { (t(lang, "nav-audit-log")) } }
                                    }
                                    li { a href="/account" { (t_with(lang, "nav-account", &[("name", name)])) } }
                                    li {
                                        form.inline method="post" action="/logout" {
                                            input type="hidden" name="csrf_token" value=(viewer.csrf);
                                            button.link type="submit" { (t(lang, "nav-log-out")) }
                                        }
                                    }
                                }
                                None => {
                                    li { a href="/login" { (t(lang, "nav-log-in")) } }
                                    li { a href="/register" { (t(lang, "nav-register")) } }
                                }
                            }
                        }
                    }
                }
                main #main tabindex="-1" { (content) }
                footer.site-footer {
                    p { (t(lang, "footer")) }
                    nav.languages aria-label=(t(lang, "nav-language")) {
                        ul {
                            @for other in Lang::ALL {
                                li {
                                    @if other == lang {
                                        span aria-current="true" lang=(other.code()) { (other.native_name()) }
                                    } @else {
                                        a href={"/language/" (other.code())} lang=(other.code()) hreflang=(other.code()) { (other.native_name()) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
