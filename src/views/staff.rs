//! Staff pages: people and roles (council), the audit log (council and auditors).

use maud::{html, Markup};

use super::components::{csrf_field, datetime, flash};
use super::layout::{layout_for, Page, Viewer};
use crate::auth::Role;
use crate::db::models::audit::AuditRow;
use crate::db::models::user::UserRow;

pub fn users(viewer: &Viewer, users: &[UserRow], notice: Option<&str>) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "People and roles",
        },
        html! {
            h1 { "People and roles" }
            @if let Some(message) = notice { (flash(message)) }
            p { "A role change takes effect at once and ends that person's current sessions." }
            table {
                caption { (users.len()) " accounts" }
                thead { tr { th scope="col" { "Name" } th scope="col" { "Email" } th scope="col" { "Role" } } }
                tbody {
                    @for u in users {
                        tr {
                            th scope="row" { (u.display_name) }
                            td { (u.email) }
                            td {
                                form.role-form method="post" action={"/council/users/" (u.id) "/role"} {
                                    (csrf_field(&viewer.csrf))
                                    label.visually-hidden for={"role-" (u.id)} { "Role of " (u.display_name) }
                                    select id={"role-" (u.id)} name="role" {
                                        @for role in Role::ALL {
                                            option value=(role.as_str()) selected[role.as_str() == u.role] { (role.label()) }
                                        }
                                    }
                                    " "
                                    button.button.secondary type="submit" { "Save" span.visually-hidden { " role of " (u.display_name) } }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub fn audit_log(
    viewer: &Viewer,
    entries: &[AuditRow],
    counters: &[(String, String, i64)],
) -> Markup {
    layout_for(
        viewer,
        Page { title: "Audit log" },
        html! {
            h1 { "Audit log" }
            h2 { "Logins per day" }
            table {
                caption { "Login attempts by outcome" }
                thead { tr { th scope="col" { "Day" } th scope="col" { "Outcome" } th scope="col" { "Count" } } }
                tbody {
                    @for (day, name, count) in counters {
                        tr { td { (day) } td { (name) } td { (count) } }
                    }
                }
            }
            h2 { "Security-relevant actions" }
            table {
                caption { "Newest first" }
                thead { tr { th scope="col" { "When" } th scope="col" { "Account" } th scope="col" { "Action" } th scope="col" { "Detail" } } }
                tbody {
                    @for e in entries {
                        tr {
                            td { (datetime(e.at)) }
                            td { @match e.actor_id { Some(id) => { (id) } None => { "—" } } }
                            td { code { (e.action) } }
                            td { (e.detail) }
                        }
                    }
                }
            }
        },
    )
}
