//! Council pages for rounds: the list, the configuration form, the phase panel, census,
//! voting codes and the change log.

use std::collections::HashMap;

use maud::{html, Markup};

use super::components::{
    button, checkbox, csrf_field, error_summary, flash, input, radios, round_time, table, textarea,
    Field,
};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::round_config::{
    RoundInput, BALLOT_TYPES, RESIDENCE_RULES, REVOTE_POLICIES, RULES, VOTING_CHANNELS,
};
use crate::domain::rounds::{CouncilView, Phase, RoundSummary};
use crate::domain::translations::TranslationInput;
use crate::domain::utc::zone_or_utc;
use crate::error::FieldErrors;
use crate::i18n::{t, t_with, Lang};

/// The phase's name in the reader's language (the keys of main.ftl).
fn phase_name(lang: Lang, phase: Phase) -> String {
    t(
        lang,
        &format!("phase-{}", format!("{phase:?}").to_lowercase()),
    )
}

/// A domain list of (value, English description) as (value, text in the reader's language):
/// the key is `{prefix}-{value}` (without a `:N` parameter); the English text stays when a
/// value has no message yet.
fn translated<'a>(lang: Lang, prefix: &str, list: &[(&'a str, &str)]) -> Vec<(&'a str, String)> {
    list.iter()
        .map(|&(value, english)| {
            let key = format!("{prefix}-{}", value.split(':').next().unwrap_or(value));
            let text = t(lang, &key);
            (
                value,
                if text == key {
                    english.to_string()
                } else {
                    text
                },
            )
        })
        .collect()
}

/// Every zone of the tz database, by name (`Europe/Madrid`), as the council picks its round's.
fn time_zones() -> Vec<(String, String)> {
    chrono_tz::TZ_VARIANTS
        .iter()
        .map(|zone| (zone.name().to_string(), zone.name().to_string()))
        .collect()
}

fn as_options<'a>(list: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    list.iter().map(|(v, l)| (*v, l.as_str())).collect()
}

pub fn rounds(viewer: &Viewer, rounds: &[RoundSummary]) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "council-rounds-title");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            p { a.button href="/council/rounds/new" { (t(lang, "council-create")) } }
            (table(html! { (t(lang, "council-rounds-caption")) }, html! { th scope="col" { (t(lang, "council-col-round")) } th scope="col" { (t(lang, "council-col-phase")) } th scope="col" { (t(lang, "council-col-voting")) } }, html! {
                    @for r in rounds {
                        tr {
                            th scope="row" { a href={"/council/rounds/" (r.id)} { (r.title) } }
                            td { (phase_name(lang, r.phase)) }
                            td { (round_time(lang, r.voting_open_at, zone_or_utc(&r.time_zone))) " – " (round_time(lang, r.voting_close_at, zone_or_utc(&r.time_zone))) }
                        }
                    }
                }))
        },
    )
}

/// The configuration form, for a new round (`round_id` None) or an existing one.
pub fn form(
    viewer: &Viewer,
    round_id: Option<i64>,
    phase: Option<Phase>,
    values: &RoundInput,
    errors: &FieldErrors,
) -> Markup {
    let lang = viewer.lang;
    let frozen = phase.is_some_and(|p| p >= Phase::Voting);
    let action = match round_id {
        Some(id) => format!("/council/rounds/{id}"),
        None => "/council/rounds".to_string(),
    };
    let rules: Vec<(&str, &str)> = RULES.iter().map(|(v, d)| (*v, *d)).collect();
    let rules = translated(lang, "council-rule", &rules);
    let ballot_types = translated(lang, "council-ballot", &BALLOT_TYPES);
    let revote_policies = translated(lang, "council-revote", &REVOTE_POLICIES);
    let residence_rules = translated(lang, "council-residence", &RESIDENCE_RULES);
    let voting_channels = translated(lang, "council-channels", &VOTING_CHANNELS);
    let comment_phases: Vec<(&str, &str)> = crate::domain::round_config::CommentPhases::ALL
        .iter()
        .map(|c| (c.as_str(), c.as_str()))
        .collect();
    let comment_phases = translated(lang, "council-comments", &comment_phases);
    let comment_days = t(lang, "council-field-comment-days");
    let comment_days_hint = t(lang, "council-field-comment-days-hint");
    // Labels and hints, bound here because `Field` borrows them.
    let l = |key: &str| t(lang, key);
    let title = l("council-field-title");
    let currency = l("council-field-currency");
    let currency_hint = l("council-field-currency-hint");
    let total_budget = l("council-field-total-budget");
    let total_budget_hint = l("council-field-total-budget-hint");
    let citywide = l("council-field-citywide");
    let citywide_hint = l("council-field-citywide-hint");
    let proposals_open = l("council-field-proposals-open");
    let review_at = l("council-field-review-at");
    let voting_open = l("council-field-voting-open");
    let voting_close = l("council-field-voting-close");
    let voting_close_hint = l("council-field-voting-close-hint");
    let time_zone = l("council-field-time-zone");
    let per_author = l("council-field-per-author");
    let per_author_hint = l("council-field-per-author-hint");
    let threshold = l("council-field-threshold");
    let threshold_hint = l("council-field-threshold-hint");
    let min_choices = l("council-field-min-choices");
    let min_choices_hint = l("council-field-min-choices-hint");
    let max_choices = l("council-field-max-choices");
    let max_choices_hint = l("council-field-max-choices-hint");
    let points_total = l("council-field-points-total");
    let points_total_hint = l("council-field-points-total-hint");
    let points_per_project = l("council-field-points-per-project");
    let points_per_project_hint = l("council-field-points-per-project-hint");
    let tie_break = l("council-field-tie-break");
    let tie_break_hint = l("council-field-tie-break-hint");
    let min_age = l("council-field-min-age");
    let min_age_hint = l("council-field-min-age-hint");
    let age_date = l("council-field-age-date");
    let age_date_hint = l("council-field-age-date-hint");
    let reason = l("council-field-reason");
    let reason_hint = l("council-field-reason-hint");
    html! {
        (error_summary(lang, errors))
        @if frozen {
            div.flash role="note" { p { strong { (l("council-frozen-label")) " " } (l("council-frozen-text")) } }
        }
        form method="post" action=(action) novalidate {
            (csrf_field(&viewer.csrf))
            fieldset {
                legend { (l("council-legend-round")) }
                (input(lang, Field::new("title", &title).value(&values.title).required(), errors))
                (textarea(lang, "description", &l("council-field-description"), None, &values.description, 5, errors))
                (input(lang, Field::new("currency", &currency).value(&values.currency).hint(&currency_hint).required(), errors))
                (input(lang, Field::new("total_budget", &total_budget).value(&values.total_budget).hint(&total_budget_hint).required(), errors))
                (input(lang, Field::new("citywide_budget", &citywide).value(&values.citywide_budget).hint(&citywide_hint), errors))
                (textarea(lang, "districts", &l("council-field-districts"), Some(l("council-field-districts-hint").as_str()), &values.districts, 4, errors))
                (textarea(lang, "categories", &l("council-field-categories"), Some(l("council-field-categories-hint").as_str()), &values.categories, 4, errors))
            }
            fieldset {
                legend { (l("council-legend-phases")) }
                (input(lang, Field::new("proposals_open_at", &proposals_open).kind("datetime-local").value(&values.proposals_open_at).required(), errors))
                (input(lang, Field::new("review_at", &review_at).kind("datetime-local").value(&values.review_at).required(), errors))
                (input(lang, Field::new("voting_open_at", &voting_open).kind("datetime-local").value(&values.voting_open_at).required(), errors))
                (input(lang, Field::new("voting_close_at", &voting_close).kind("datetime-local").value(&values.voting_close_at).hint(&voting_close_hint).required(), errors))
                (super::components::select_required(lang, "time_zone", &time_zone, None, &time_zones(), &values.time_zone, errors))
            }
            fieldset {
                legend { (l("council-legend-proposals")) }
                (input(lang, Field::new("max_proposals_per_author", &per_author).kind("number").value(&values.max_proposals_per_author).hint(&per_author_hint), errors))
                (checkbox("supports", &l("council-field-supports"), values.supports.is_some()))
                (input(lang, Field::new("support_threshold", &threshold).kind("number").value(&values.support_threshold).hint(&threshold_hint), errors))
            }
            fieldset {
                legend { (l("council-legend-comments")) }
                (radios(lang, "comments", &l("council-field-comments"), &as_options(&comment_phases), if values.comments.is_empty() { "proposals-review" } else { &values.comments }, errors))
                (input(lang, Field::new("comment_min_account_days", &comment_days).kind("number").value(&values.comment_min_account_days).hint(&comment_days_hint), errors))
                (checkbox("comment_requires_verified_email", &l("council-field-comment-verified"), values.comment_requires_verified_email.is_some()))
            }
            fieldset {
                legend { (l("council-legend-ballot")) }
                (radios(lang, "ballot_type", &l("council-field-ballot-type"), &as_options(&ballot_types), &values.ballot_type, errors))
                (input(lang, Field::new("min_choices", &min_choices).kind("number").value(&values.min_choices).hint(&min_choices_hint), errors))
                (input(lang, Field::new("max_choices", &max_choices).kind("number").value(&values.max_choices).hint(&max_choices_hint), errors))
                (input(lang, Field::new("points_total", &points_total).kind("number").value(&values.points_total).hint(&points_total_hint).conditional(), errors))
                (radios(lang, "revote_policy", &l("council-field-revote"), &as_options(&revote_policies), &values.revote_policy, errors))
                (input(lang, Field::new("points_per_project", &points_per_project).kind("number").value(&values.points_per_project).hint(&points_per_project_hint), errors))
            }
            fieldset {
                legend { (l("council-legend-counting")) }
                (radios(lang, "rule", &l("council-field-rule"), &as_options(&rules), &values.rule, errors))
                (input(lang, Field::new("rule_threshold", &l("council-field-rule-threshold")).kind("number").value(&values.rule_threshold).hint(&l("council-field-rule-threshold-hint")).conditional(), errors))
                (input(lang, Field::new("tie_break", &tie_break).value(&values.tie_break).hint(&tie_break_hint), errors))
            }
            fieldset {
                legend { (l("council-legend-eligibility")) }
                (input(lang, Field::new("min_age", &min_age).kind("number").value(&values.min_age).hint(&min_age_hint), errors))
                (input(lang, Field::new("age_reference_date", &age_date).kind("date").value(&values.age_reference_date).hint(&age_date_hint), errors))
                (radios(lang, "residence", &l("council-field-residence"), &as_options(&residence_rules), &values.residence, errors))
                (checkbox("requires_census", &l("council-field-requires-census"), values.requires_census.is_some()))
                (checkbox("requires_manual_check", &l("council-field-requires-manual-check"), values.requires_manual_check.is_some()))
                (checkbox("requires_verified_email", &l("council-field-requires-verified-email"), values.requires_verified_email.is_some()))
                (checkbox("requires_identity_provider", &l("council-field-requires-identity-provider"), values.requires_identity_provider.is_some()))
                (radios(lang, "voting_channels", &l("council-field-voting-channels"), &as_options(&voting_channels), if values.voting_channels.is_empty() { "accounts" } else { &values.voting_channels }, errors))
                p.hint { (l("council-eligibility-what-it-stops")) }
            }
            @if round_id.is_some() {
                @let reason_field = Field::new("reason", &reason).value(&values.reason).hint(&reason_hint);
                (input(lang, if frozen { reason_field.required() } else { reason_field }, errors))
            }
            (button(&l(if round_id.is_some() { "council-save" } else { "council-create-submit" })))
        }
    }
}

pub fn new_round(viewer: &Viewer, values: &RoundInput, errors: &FieldErrors) -> Markup {
    let title = t(viewer.lang, "council-create");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            (form(viewer, None, None, values, errors))
        },
    )
}

pub struct ManagePage<'a> {
    pub round: &'a CouncilView,
    pub values: &'a RoundInput,
    pub errors: &'a FieldErrors,
    pub notice: Option<&'a str>,
    pub translations: &'a HashMap<Lang, TranslationInput>,
}

pub fn manage(viewer: &Viewer, page: ManagePage<'_>) -> Markup {
    let lang = viewer.lang;
    let r = &page.round.summary;
    let rules = &page.round.eligibility;
    let title = t_with(lang, "council-manage-title", &[("round", &r.title)]);
    let advance_reason = t(lang, "council-advance-reason");
    let codes_count = t(lang, "council-codes-count");
    let codes_district = t(lang, "council-codes-district");
    let codes_district_hint = t(lang, "council-codes-district-hint");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            @if let Some(message) = page.notice { (flash(message)) }
            p { (t(lang, "council-current-phase")) " " strong { (phase_name(lang, r.phase)) } ". " a href={"/rounds/" (r.id)} { (t(lang, "council-public-page")) } }
            section aria-labelledby="phase-heading" {
                h2 #phase-heading { (t(lang, "council-advance-title")) }
                p { (t(lang, "council-advance-text")) }
                form method="post" action={"/council/rounds/" (r.id) "/advance"} novalidate {
                    (csrf_field(&viewer.csrf))
                    (input(lang, Field::new("advance_reason", &advance_reason).required(), &FieldErrors::default()))
                    button.button.secondary type="submit" { (t(lang, "council-advance-submit")) }
                }
            }
            @if r.phase == Phase::Counting {
            section aria-labelledby="count-heading" {
                h2 #count-heading { (t(lang, "council-count-title")) }
                p { (t(lang, "council-count-text")) }
                form method="post" action={"/council/rounds/" (r.id) "/count"} {
                    (csrf_field(&viewer.csrf))
                    (button(&t(lang, "council-count-submit")))
                }
            }
        }
        section aria-labelledby="config-heading" {
                h2 #config-heading { (t(lang, "council-config-title")) }
                (form(viewer, Some(r.id.0), Some(r.phase), page.values, page.errors))
            }
            p { a href={"/council/rounds/" (r.id) "/simulate"} { (t(lang, "council-simulate-link")) } }
        @if rules.requires_census {
            section aria-labelledby="census-heading" {
                h2 #census-heading { (t(lang, "council-census-title")) }
                p { (t(lang, "council-census-text")) }
                form method="post" action={"/council/rounds/" (r.id) "/census"} enctype="multipart/form-data" {
                    (csrf_field(&viewer.csrf))
                    div.field {
                        label for="file" { (t(lang, "council-census-file")) }
                        input #file type="file" name="file" accept=".csv,text/csv" required;
                    }
                    (button(&t(lang, "council-census-submit")))
                }
            }
        }
        @if rules.voting_codes {
                section aria-labelledby="codes-heading" {
                    h2 #codes-heading { (t(lang, "council-codes-title")) }
                    p { (t_with(lang, "council-codes-status", &[("issued", &lang.number(page.round.codes.0)), ("used", &lang.number(page.round.codes.1))])) }
                    @if rules.requires_census || !rules.codes_only {
                        p { (t(lang, "council-codes-from-census-text")) }
                        form method="post" action={"/council/rounds/" (r.id) "/codes/from-census"} enctype="multipart/form-data" {
                            (csrf_field(&viewer.csrf))
                            div.field {
                                label for="codes-file" { (t(lang, "council-codes-from-census-file")) }
                                input #codes-file type="file" name="file" accept=".csv,text/csv" required;
                            }
                            (button(&t(lang, "council-codes-from-census-submit")))
                        }
                    } @else {
                        form method="post" action={"/council/rounds/" (r.id) "/codes"} novalidate {
                            (csrf_field(&viewer.csrf))
                            (input(lang, Field::new("count", &codes_count).kind("number").value("50").required(), &FieldErrors::default()))
                            (input(lang, Field::new("district", &codes_district).hint(&codes_district_hint), &FieldErrors::default()))
                            (button(&t(lang, "council-codes-submit")))
                        }
                    }
                }
            }
            (super::translations::link(lang, &format!("/council/rounds/{}/translations", r.id), page.translations.len()))
            section aria-labelledby="log-heading" {
                h2 #log-heading { (t(lang, "council-log-title")) }
                (super::components::change_log(lang, crate::domain::utc::zone_or_utc(&r.time_zone), &page.round.changes.iter().map(|c| (c.at, c.what.as_str(), c.reason.as_str())).collect::<Vec<_>>()))
            }
        },
    )
}

/// Codes to print and cut out: each slip names the round, the district the code votes in (or
/// that its holder chooses one) and the address where it is used.
pub fn code_sheet(
    viewer: &Viewer,
    round: &RoundSummary,
    codes: &[String],
    district: Option<&str>,
    address: &str,
) -> Markup {
    let lang = viewer.lang;
    let title = t_with(lang, "council-code-sheet-title", &[("round", &round.title)]);
    let district_line = match district {
        Some(name) => t_with(lang, "council-code-sheet-district", &[("district", name)]),
        None => t(lang, "council-code-sheet-any-district"),
    };
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            p.no-print { (t(lang, "council-code-sheet-print")) }
            ol.codes {
                @for code in codes {
                    li {
                        strong { (round.title) } br;
                        (district_line) br;
                        (t(lang, "council-code-sheet-how")) " " code { (address) } br;
                        (t(lang, "council-code-sheet-code")) " " code { (code) }
                    }
                }
            }
        },
    )
}
