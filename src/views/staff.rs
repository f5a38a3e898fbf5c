//! Staff pages: people and roles (council), the audit log (council and auditors).

use maud::{html, Markup};

use super::components::{csrf_field, datetime, flash, table};
use super::layout::{layout_for, Page, Viewer};
use crate::auth::Role;
use crate::domain::people::Account;
use crate::domain::security_log::{AuditEntry, DailyCount};
use crate::i18n::{t, t_count, t_with, Lang};

/// A role's name in the reader's language.
fn role_label(lang: Lang, role: Role) -> String {
    t(lang, &format!("staff-role-{}", role.as_str()))
}

/// Where the reader is in a searched list of accounts.
pub struct Paging<'a> {
    pub words: &'a str,
    pub page: i64,
    pub pages: i64,
}

pub fn users(
    viewer: &Viewer,
    users: &[Account],
    notice: Option<&str>,
    paging: &Paging<'_>,
) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "staff-users-title");
    let search_label = t(lang, "staff-users-search");
    let words = paging.words;
    let href = |n: i64| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("q", words)
            .append_pair("page", &n.to_string());
        format!("/council/users?{}", query.finish())
    };
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            @if let Some(message) = notice { (flash(message)) }
            p { (t(lang, "staff-users-text")) }
            form method="get" action="/council/users" role="search" {
                (super::components::input(lang, super::components::Field::new("q", &search_label).kind("search").value(words), &crate::error::FieldErrors::default()))
                button.button.secondary type="submit" { (t(lang, "staff-users-search-button")) }
            }
            (table(html! { (t_count(lang, "staff-users-caption", users.len() as i64, &[("n", &lang.number(users.len() as i64))])) }, html! { th scope="col" { (t(lang, "staff-col-name")) } th scope="col" { (t(lang, "staff-col-email")) } th scope="col" { (t(lang, "staff-col-role")) } }, html! {
                    @for u in users {
                        tr {
                            th scope="row" { (u.display_name) }
                            td { (u.email) }
                            td {
                                form.role-form method="post" action={"/council/users/" (u.id) "/role"} {
                                    (csrf_field(&viewer.csrf))
                                    label.visually-hidden for={"role-" (u.id)} { (t_with(lang, "staff-role-of", &[("name", &u.display_name)])) }
                                    select id={"role-" (u.id)} name="role" {
                                        @for role in Role::ALL {
                                            option value=(role.as_str()) selected[role.as_str() == u.role] { (role_label(lang, role)) }
                                        }
                                    }
                                    " "
                                    button.button.secondary type="submit" { (t(lang, "staff-save")) span.visually-hidden { " " (t_with(lang, "staff-save-role-of", &[("name", &u.display_name)])) } }
                                }
                            }
                        }
                    }
                }))
            (super::components::pagination(lang, &t(lang, "staff-users-pages"), paging.page, paging.pages, href))
        },
    )
}

pub fn audit_log(viewer: &Viewer, entries: &[AuditEntry], counters: &[DailyCount]) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "staff-audit-title");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            h2 { (t(lang, "staff-logins-title")) }
            (table(html! { (t(lang, "staff-logins-caption")) }, html! { th scope="col" { (t(lang, "staff-col-day")) } th scope="col" { (t(lang, "staff-col-outcome")) } th scope="col" { (t(lang, "staff-col-count")) } }, html! {
                    @for c in counters {
                        tr { td { (c.day) } td { (c.name) } td { (lang.number(c.count)) } }
                    }
                }))
            h2 { (t(lang, "staff-actions-title")) }
            (table(html! { (t(lang, "staff-actions-caption")) }, html! { th scope="col" { (t(lang, "staff-col-when")) } th scope="col" { (t(lang, "staff-col-account")) } th scope="col" { (t(lang, "staff-col-action")) } th scope="col" { (t(lang, "staff-col-detail")) } }, html! {
                    @for e in entries {
                        tr {
                            td { (datetime(lang, e.at)) }
                            td { @match e.actor_id { Some(id) => { (id) } None => { "—" } } }
                            td { code { (e.action) } }
                            td { (e.detail) }
                        }
                    }
                }))
        },
    )
}
