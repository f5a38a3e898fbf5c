//! Signing in with the city's identity provider: the buttons on the login and registration
//! pages, and the account page's section (link, unlink, first password).

use maud::{html, Markup};

use super::components::{button, csrf_field, input, Field};
use super::layout::Viewer;
use crate::domain::identities::LinkedProvider;
use crate::error::FieldErrors;
use crate::i18n::{t, Lang, Message};

/// A provider as its button shows it: (id, name).
pub type ProviderButton = (String, String);

/// "Sign in with …" for each provider; a plain link, so it works without JavaScript.
pub fn sign_in_buttons(lang: Lang, providers: &[ProviderButton], next: &str) -> Markup {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("next", next)
        .finish();
    html! {
        @if !providers.is_empty() {
            section.identity-providers aria-labelledby="sign-in-elsewhere" {
                h2 #sign-in-elsewhere { (t(lang, "identity-or-sign-in-with")) }
                p.hint { (t(lang, "identity-sign-in-hint")) }
                ul {
                    @for (id, name) in providers {
                        li {
                            a.button.secondary href=(format!("/auth/oidc/{id}/login?{query}")) {
                                (Message::new("identity-sign-in-with").with("provider", name).text(lang))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The account page's section: which providers are linked and what they proved, a form to
/// link each other one (confirmed with the password), unlinking, and a first password for
/// an account made at a provider.
pub fn account_section(
    viewer: &Viewer,
    providers: &[ProviderButton],
    linked: &[LinkedProvider],
    has_password: bool,
    errors: &FieldErrors,
) -> Markup {
    let lang = viewer.lang;
    let name_of = |id: &str| {
        providers
            .iter()
            .find(|(p, _)| p == id)
            .map_or(id.to_string(), |(_, n)| n.clone())
    };
    let password_label = t(lang, "accounts-current-password");
    let new_password_label = t(lang, "accounts-new-password");
    let new_password_hint = t(lang, "accounts-new-password-hint");
    html! {
        @if !providers.is_empty() || !linked.is_empty() {
            h2 #identity { (t(lang, "identity-account-heading")) }
            @if linked.is_empty() {
                p { (t(lang, "identity-account-none")) }
            }
            @for link in linked {
                @let name = name_of(&link.provider);
                h3 { (name) }
                ul {
                    li { (Message::new("identity-account-linked-on").with("date", link.linked_at.format("%Y-%m-%d")).text(lang)) }
                    li { (t(lang, if link.assured { "identity-account-assured" } else { "identity-account-not-assured" })) }
                    li { (t(lang, if link.age_known { "identity-account-age-known" } else { "identity-account-age-unknown" })) }
                    li {
                        @match &link.district {
                            Some(d) => (Message::new("identity-account-district").with("district", d).text(lang)),
                            None => (t(lang, "identity-account-no-district")),
                        }
                    }
                }
                form method="post" action=(format!("/account/providers/{}/unlink", link.provider)) {
                    (csrf_field(&viewer.csrf))
                    button.button.secondary type="submit" {
                        (Message::new("identity-unlink").with("provider", &name).text(lang))
                    }
                }
                @if !has_password && linked.len() == 1 {
                    p.hint { (t(lang, "identity-unlink-needs-password")) }
                }
            }
            @for (id, name) in providers.iter().filter(|(id, _)| !linked.iter().any(|l| &l.provider == id)) {
                @if has_password {
                    form method="post" action=(format!("/account/providers/{id}/link")) novalidate {
                        (csrf_field(&viewer.csrf))
                        p { (Message::new("identity-link-text").with("provider", name).text(lang)) }
                        (input(lang, Field::new("link_password", &password_label).kind("password").autocomplete("current-password").required(), errors))
                        (button(&Message::new("identity-link").with("provider", name).text(lang)))
                    }
                }
            }
            @if !has_password {
                h3 { (t(lang, "identity-first-password-heading")) }
                p { (t(lang, "identity-first-password-text")) }
                form method="post" action="/account/password/set" novalidate {
                    (csrf_field(&viewer.csrf))
                    (input(lang, Field::new("new_password", &new_password_label).kind("password").autocomplete("new-password").hint(&new_password_hint).required(), errors))
                    (button(&t(lang, "identity-first-password-button")))
                }
            }
        }
    }
}

/// The council's page: for each provider, which district claim values name which district,
/// and which assurance levels verify a voter.
pub fn claim_rules_page(
    viewer: &Viewer,
    providers: &[(ProviderButton, crate::domain::identities::ClaimRules)],
    errors: &FieldErrors,
    notice: Option<&str>,
) -> Markup {
    use super::components::{error_summary, textarea};
    let lang = viewer.lang;
    let title = t(lang, "identity-rules-title");
    let assurance_label = t(lang, "identity-rules-assurance");
    let assurance_hint = t(lang, "identity-rules-assurance-hint");
    let districts_hint = t(lang, "identity-rules-districts-hint");
    super::layout::layout_for(
        viewer,
        super::layout::Page { title: &title },
        html! {
            @if let Some(message) = notice { (super::components::flash(message)) }
            h1 { (title) }
            (error_summary(lang, errors))
            @if providers.is_empty() {
                p { (t(lang, "identity-rules-none")) }
            }
            @for ((id, name), rules) in providers {
                h2 { (name) }
                @let lines: String = rules.districts.iter().map(|(v, d)| format!("{v} = {d}\n")).collect();
                form method="post" action=(format!("/council/identity/{id}")) novalidate {
                    (csrf_field(&viewer.csrf))
                    (textarea(lang, "districts", &t(lang, "identity-rules-districts"), Some(districts_hint.as_str()), &lines, 6, errors))
                    (input(lang, Field::new("accepted_assurance", &assurance_label).value(&rules.accepted_assurance.join(", ")).hint(&assurance_hint), errors))
                    (button(&t(lang, "identity-rules-save")))
                }
            }
        },
    )
}
