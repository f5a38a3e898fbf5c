//! Registration, login and the account page.

use maud::{html, Markup};

use super::components::{button, csrf_field, error_summary, flash, input, select, Field};
use super::identity::{sign_in_buttons, ProviderButton};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::accounts::GENDERS;
use crate::domain::districts::District;
use crate::domain::people::Account;
use crate::error::FieldErrors;
use crate::i18n::{t, Lang};

/// The gender options, labelled in the reader's language (values as stored).
fn gender_options(lang: Lang) -> Vec<(String, String)> {
    GENDERS
        .iter()
        .map(|(v, _)| (v.to_string(), t(lang, &format!("accounts-gender-{v}"))))
        .collect()
}

/// A stored role as the reader's language names it.
fn role_label(lang: Lang, role: &str) -> String {
    match crate::auth::Role::parse(role) {
        Some(r) => t(lang, &format!("accounts-role-{}", r.as_str())),
        None => role.to_string(),
    }
}

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
    districts: &[District],
    providers: &[ProviderButton],
    values: &RegisterValues,
    errors: &FieldErrors,
) -> Markup {
    let district_options: Vec<(String, String)> = districts
        .iter()
        .map(|d| (d.slug.clone(), d.name.clone()))
        .collect();
    let lang = viewer.lang;
    let genders = gender_options(lang);
    let title = if errors.is_empty() {
        t(lang, "accounts-register-title")
    } else {
        format!(
            "{} {}",
            t(lang, "form-error-prefix"),
            t(lang, "accounts-register-title")
        )
    };
    let name_label = t(lang, "accounts-name");
    let name_hint = t(lang, "accounts-name-hint");
    let email_label = t(lang, "accounts-email");
    let email_hint = t(lang, "accounts-email-hint");
    let password_label = t(lang, "accounts-password");
    let password_hint = t(lang, "accounts-password-hint");
    let gender_label = t(lang, "accounts-gender");
    let birth_year_label = t(lang, "accounts-birth-year");
    let birth_year_hint = t(lang, "accounts-birth-year-hint");
    let district_label = t(lang, "accounts-district");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (t(lang, "accounts-register-heading")) }
            (error_summary(lang, errors))
            form method="post" action="/register" novalidate {
                (csrf_field(&viewer.csrf))
                (input(lang, Field::new("display_name", &name_label).value(&values.display_name).autocomplete("name").hint(&name_hint).required(), errors))
                (input(lang, Field::new("email", &email_label).kind("email").value(&values.email).autocomplete("email").hint(&email_hint).required(), errors))
                (input(lang, Field::new("password", &password_label).kind("password").autocomplete("new-password").hint(&password_hint).required(), errors))
                fieldset {
                    legend { (t(lang, "accounts-about-you-optional")) }
                    p.hint { (t(lang, "accounts-about-you-register-hint")) }
                    (select(lang, "gender", &gender_label, None, &genders, &values.gender, errors))
                    (input(lang, Field::new("birth_year", &birth_year_label).kind("text").value(&values.birth_year).autocomplete("bday-year").hint(&birth_year_hint), errors))
                    (select(lang, "district", &district_label, None, &district_options, &values.district, errors))
                }
                (button(&t(lang, "accounts-create-account")))
            }
            (sign_in_buttons(lang, providers, "/account"))
            p { (t(lang, "accounts-already-registered")) " " a href="/login" { (t(lang, "accounts-log-in")) } "." }
        },
    )
}

/// The same page whether the email was new or not, so nobody can test which emails have accounts.
pub fn registered(viewer: &Viewer) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "accounts-registered-title");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (t(lang, "accounts-registered-heading")) }
            p.lead { (t(lang, "accounts-registered-lead")) }
            p { (t(lang, "accounts-registered-existing")) }
            p { a.button href="/login" { (t(lang, "accounts-log-in")) } }
        },
    )
}

pub fn login(
    viewer: &Viewer,
    providers: &[ProviderButton],
    email: &str,
    next: &str,
    error: Option<&str>,
    notice: Option<&str>,
) -> Markup {
    let mut errors = FieldErrors::default();
    if let Some(message) = error {
        errors.add("email", message);
    }
    let lang = viewer.lang;
    let title = if error.is_some() {
        format!(
            "{} {}",
            t(lang, "form-error-prefix"),
            t(lang, "accounts-log-in")
        )
    } else {
        t(lang, "accounts-log-in")
    };
    let email_label = t(lang, "accounts-email");
    let password_label = t(lang, "accounts-password");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (t(lang, "accounts-log-in")) }
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(lang, &errors))
            form method="post" action="/login" novalidate {
                (csrf_field(&viewer.csrf))
                input type="hidden" name="next" value=(next);
                (input(lang, Field::new("email", &email_label).kind("email").value(email).autocomplete("username").required(), &errors))
                (input(lang, Field::new("password", &password_label).kind("password").autocomplete("current-password").required(), &FieldErrors::default()))
                (button(&t(lang, "accounts-log-in-button")))
            }
            p { a href="/password/forgot" { (t(lang, "mail-page-forgot-link")) } }
            (sign_in_buttons(lang, providers, next))
            p { (t(lang, "accounts-no-account")) " " a href="/register" { (t(lang, "accounts-register-link")) } "." }
        },
    )
}

/// The parts of the account page other modules render, and whether the account has a
/// password (accounts made at an identity provider may not).
#[derive(Clone, Copy)]
pub struct AccountSections<'a> {
    pub mail: &'a Markup,
    pub identity: &'a Markup,
    pub has_password: bool,
}

pub fn account(
    viewer: &Viewer,
    user: &Account,
    districts: &[District],
    sections: &AccountSections<'_>,
    notice: Option<&str>,
    errors: &FieldErrors,
) -> Markup {
    let AccountSections {
        mail,
        identity,
        has_password,
    } = *sections;
    let lang = viewer.lang;
    let title = t(lang, "accounts-account-title");
    let gender_label = t(lang, "accounts-gender");
    let birth_year_label = t(lang, "accounts-birth-year");
    let district_label = t(lang, "accounts-district");
    let current_password_label = t(lang, "accounts-current-password");
    let new_password_label = t(lang, "accounts-new-password");
    let new_password_hint = t(lang, "accounts-new-password-hint");
    let confirm_password_label = t(lang, "accounts-confirm-password");
    let birth_year_value = user.birth_year.map(|y| y.to_string()).unwrap_or_default();
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(lang, errors))
            dl.facts {
                div { dt { (t(lang, "accounts-fact-name")) } dd { (user.display_name) } }
                div { dt { (t(lang, "accounts-fact-email")) } dd {
                    @if crate::domain::addresses::deliverable(&user.email) { (user.email) } @else { (t(lang, "identity-no-address")) }
                } }
                div { dt { (t(lang, "accounts-fact-role")) } dd { (role_label(lang, &user.role)) } }
            }
            h2 { (t(lang, "accounts-about-you")) }
            p.hint { (t(lang, "accounts-about-you-account-hint")) }
            form method="post" action="/account/profile" novalidate {
                (csrf_field(&viewer.csrf))
                (select(lang, "gender", &gender_label, None, &gender_options(lang), user.gender.as_deref().unwrap_or(""), errors))
                (input(lang, Field::new("birth_year", &birth_year_label).value(&birth_year_value).autocomplete("bday-year"), errors))
                (select(lang, "district", &district_label, None, &districts.iter().map(|d| (d.slug.clone(), d.name.clone())).collect::<Vec<_>>(), districts.iter().find(|d| Some(d.id) == user.district_id).map_or("", |d| d.slug.as_str()), errors))
                (button(&t(lang, "accounts-save")))
            }
            (mail)
            (identity)
            @if has_password {
                h2 { (t(lang, "accounts-password-heading")) }
                form method="post" action="/account/password" novalidate {
                    (csrf_field(&viewer.csrf))
                    (input(lang, Field::new("current_password", &current_password_label).kind("password").autocomplete("current-password").required(), errors))
                    (input(lang, Field::new("new_password", &new_password_label).kind("password").autocomplete("new-password").hint(&new_password_hint).required(), errors))
                    (button(&t(lang, "accounts-change-password")))
                }
            }
            h2 { (t(lang, "accounts-sessions")) }
            p { (t(lang, "accounts-sessions-text")) }
            form method="post" action="/account/logout-everywhere" {
                (csrf_field(&viewer.csrf))
                button.button.secondary type="submit" { (t(lang, "accounts-log-out-everywhere")) }
            }
            h2 { (t(lang, "accounts-your-data")) }
            p { a href="/account/data" download="budgetbox-my-data.json" { (t(lang, "accounts-download-data")) } }
            h2 { (t(lang, "accounts-delete-heading")) }
            p { (t(lang, "accounts-delete-text")) }
            form method="post" action="/account/delete" novalidate {
                (csrf_field(&viewer.csrf))
                @if has_password {
                    (input(lang, Field::new("password", &confirm_password_label).kind("password").autocomplete("current-password").required(), errors))
                } @else {
                    (checkbox_with_error(lang, "confirm", &t(lang, "identity-delete-confirm"), errors))
                }
                button.button.danger type="submit" { (t(lang, "accounts-delete-button")) }
            }
        },
    )
}

pub fn deleted(lang: Lang) -> Markup {
    let title = t(lang, "accounts-deleted-title");
    super::layout::layout(
        lang,
        Page { title: &title },
        html! {
            h1 { (t(lang, "accounts-deleted-heading")) }
            p { (t(lang, "accounts-deleted-thanks")) }
            p { a href="/" { (t(lang, "accounts-back-to-rounds")) } }
        },
    )
}

/// A required checkbox (value `yes`) with its error beside it.
fn checkbox_with_error(lang: Lang, name: &str, label: &str, errors: &FieldErrors) -> Markup {
    let error = errors.get(name).map(|m| m.text(lang));
    let error_id = format!("{name}-error");
    html! {
        div.field.checkbox {
            input type="checkbox" id=(name) name=(name) value="yes" required
                aria-invalid=[error.as_ref().map(|_| "true")] aria-describedby=[error.as_ref().map(|_| error_id.as_str())];
            label for=(name) { (label) }
            @if let Some(e) = &error { p.error id=(error_id) { (e) } }
        }
    }
}
