//! Registration, login and the account page.

use maud::{html, Markup};

use super::components::{button, csrf_field, error_summary, flash, input, select, Field};
use super::layout::{layout_for, Page, Viewer};
use crate::db::models::district::DistrictRow;
use crate::db::models::user::UserRow;
use crate::domain::accounts::GENDERS;
use crate::error::FieldErrors;

/// What the person typed, shown back after an error (never the password).
#[derive(Default)]
pub struct RegisterValues {
    pub display_name: String,
    pub email: String,
    pub gender: String,
    pub birth_year: String,
    pub district: String,
}

pub fn register(
    viewer: &Viewer,
    districts: &[DistrictRow],
    values: &RegisterValues,
    errors: &FieldErrors,
) -> Markup {
    let district_options: Vec<(String, String)> = districts
        .iter()
        .map(|d| (d.slug.clone(), d.name.clone()))
        .collect();
    let gender_options: Vec<(String, String)> = GENDERS
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect();
    layout_for(
        viewer,
        Page {
            title: if errors.is_empty() {
                "Register"
            } else {
                "Error: Register"
            },
        },
        html! {
            h1 { "Create an account" }
            (error_summary(errors))
            form method="post" action="/register" novalidate {
                (csrf_field(&viewer.csrf))
                (input(Field::new("display_name", "Your name").value(&values.display_name).autocomplete("name").hint("Shown next to proposals you submit.").required(), errors))
                (input(Field::new("email", "Email address").kind("email").value(&values.email).autocomplete("email").hint("You log in with it. We do not show it to anyone.").required(), errors))
                (input(Field::new("password", "Password").kind("password").autocomplete("new-password").hint("At least 10 characters. A few unrelated words are easy to remember and hard to guess.").required(), errors))
                fieldset {
                    legend { "About you (optional)" }
                    p.hint { "We use these answers only to check whether you may vote in a round (for example, the minimum age or your district) and for anonymous statistics about who takes part. They are never published about you." }
                    (select("gender", "Gender", None, &gender_options, &values.gender, errors))
                    (input(Field::new("birth_year", "Year of birth").kind("text").value(&values.birth_year).autocomplete("bday-year").hint("For example, 1975."), errors))
                    (select("district", "District where you live", None, &district_options, &values.district, errors))
                }
                (button("Create account"))
            }
            p { "Already registered? " a href="/login" { "Log in" } "." }
        },
    )
}

/// The same page whether the email was new or not, so nobody can test which emails have accounts.
pub fn registered(viewer: &Viewer) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "Registration received",
        },
        html! {
            h1 { "Thank you" }
            p.lead { "If this email address was new to us, your account is ready: you can log in now." }
            p { "If you already had an account with this address, log in with your existing password." }
            p { a.button href="/login" { "Log in" } }
        },
    )
}

pub fn login(viewer: &Viewer, email: &str, next: &str, error: Option<&str>) -> Markup {
    let mut errors = FieldErrors::default();
    if let Some(message) = error {
        errors.add("email", message);
    }
    layout_for(
        viewer,
        Page {
            title: if error.is_some() {
                "Error: Log in"
            } else {
                "Log in"
            },
        },
        html! {
            h1 { "Log in" }
            (error_summary(&errors))
            form method="post" action="/login" novalidate {
                (csrf_field(&viewer.csrf))
                input type="hidden" name="next" value=(next);
                (input(Field::new("email", "Email address").kind("email").value(email).autocomplete("username").required(), &errors))
                (input(Field::new("password", "Password").kind("password").autocomplete("current-password").required(), &FieldErrors::default()))
                (button("Log in"))
            }
            p { "No account yet? " a href="/register" { "Register" } "." }
        },
    )
}

pub fn account(
    viewer: &Viewer,
    user: &UserRow,
    districts: &[DistrictRow],
    notice: Option<&str>,
    errors: &FieldErrors,
) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "Your account",
        },
        html! {
            h1 { "Your account" }
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(errors))
            dl.facts {
                div { dt { "Name" } dd { (user.display_name) } }
                div { dt { "Email" } dd { (user.email) } }
                div { dt { "Role" } dd { (user.role) } }
            }
            h2 { "About you" }
            p.hint { "Used only to check whether you may vote in a round and for anonymous statistics about who takes part." }
            form method="post" action="/account/profile" novalidate {
                (csrf_field(&viewer.csrf))
                (select("gender", "Gender", None, &GENDERS.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect::<Vec<_>>(), user.gender.as_deref().unwrap_or(""), errors))
                (input(Field::new("birth_year", "Year of birth").value(&user.birth_year.map(|y| y.to_string()).unwrap_or_default()).autocomplete("bday-year"), errors))
                (select("district", "District where you live", None, &districts.iter().map(|d| (d.slug.clone(), d.name.clone())).collect::<Vec<_>>(), districts.iter().find(|d| Some(d.id) == user.district_id).map_or("", |d| d.slug.as_str()), errors))
                (button("Save"))
            }
            h2 { "Change your password" }
            form method="post" action="/account/password" novalidate {
                (csrf_field(&viewer.csrf))
                (input(Field::new("current_password", "Current password").kind("password").autocomplete("current-password").required(), errors))
                (input(Field::new("new_password", "New password").kind("password").autocomplete("new-password").hint("At least 10 characters.").required(), errors))
                (button("Change password"))
            }
            h2 { "Sessions" }
            p { "Lost a phone, or used a shared computer? End every session on every device, including this one." }
            form method="post" action="/account/logout-everywhere" {
                (csrf_field(&viewer.csrf))
                button.button.secondary type="submit" { "Log out everywhere" }
            }
            h2 { "Your data" }
            p { a href="/account/data" download="budgetbox-my-data.json" { "Download everything we hold about you (JSON)" } }
            h2 { "Delete your account" }
            p { "Your personal data is removed. Ballots you cast stay counted (they were never linked to you), and proposals you wrote stay public, credited to “deleted user”." }
            form method="post" action="/account/delete" novalidate {
                (csrf_field(&viewer.csrf))
                (input(Field::new("password", "Your password, to confirm").kind("password").autocomplete("current-password").required(), errors))
                button.button.danger type="submit" { "Delete my account" }
            }
        },
    )
}

pub fn deleted() -> Markup {
    super::layout::layout(
        Page {
            title: "Account deleted",
        },
        html! {
            h1 { "Your account has been deleted" }
            p { "Thank you for taking part." }
            p { a href="/" { "Back to the budget rounds" } }
        },
    )
}
