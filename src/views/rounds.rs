use maud::{html, Markup};

use super::components::{
    button, csrf_field, error_summary, facts, flash, input, money, phase_line, round_time, table,
    Field,
};
use super::layout::{layout_for, Page, Viewer};
use crate::auth::Role;
use crate::domain::eligibility::Eligibility;
use crate::domain::rounds::{BallotType, Phase, ProjectView, RoundDetail};
use crate::domain::status::ProposalStatus;
use crate::error::FieldErrors;
use crate::i18n::{t, t_count, Lang};

/// A project's status on the round page, in the reader's language.
fn status_label(lang: Lang, status: ProposalStatus) -> String {
    t(
        lang,
        match status {
            ProposalStatus::Submitted => "rounds-status-submitted",
            ProposalStatus::Feasible => "rounds-status-feasible",
            ProposalStatus::Infeasible => "rounds-status-infeasible",
            ProposalStatus::Withdrawn => "rounds-status-withdrawn",
        },
    )
}

fn ballot_type_label(lang: Lang, ballot_type: BallotType) -> String {
    t(
        lang,
        match ballot_type {
            BallotType::Approval => "rounds-ballot-approval",
            BallotType::Knapsack => "rounds-ballot-knapsack",
            BallotType::Ranked => "rounds-ballot-ranked",
            BallotType::Cumulative => "rounds-ballot-cumulative",
        },
    )
}

pub fn show(
    viewer: &Viewer,
    round: &RoundDetail,
    translated: bool,
    eligibility: Option<&Eligibility>,
    notice: Option<&str>,
    errors: &FieldErrors,
) -> Markup {
    let s = &round.summary;
    let currency = &s.currency;
    let lang = viewer.lang;
    let zone = crate::domain::utc::zone_or_utc(&round.summary.time_zone);
    let district_name = |p: &ProjectView| {
        p.district_id
            .and_then(|id| round.districts.iter().find(|d| d.id == id))
            .map_or_else(|| t(lang, "rounds-citywide"), |d| d.name.clone())
    };
    let fact_budget = t(lang, "rounds-fact-budget");
    let fact_ballot = t(lang, "rounds-fact-ballot");
    let fact_proposals_open = t(lang, "rounds-fact-proposals-open");
    let fact_voting_opens = t(lang, "rounds-fact-voting-opens");
    let fact_voting_closes = t(lang, "rounds-fact-voting-closes");
    let fact_rule = t(lang, "rounds-fact-rule");
    // The page lists the ballot's projects (the whole list, with every status, is paged).
    let caption = match s.phase >= Phase::Voting {
        true => "rounds-projects-caption",
        false => "rounds-projects-feasible-caption",
    };
    layout_for(
        viewer,
        Page { title: &s.title },
        html! {
            h1 { (s.title) }
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(lang, errors))
            p { (phase_line(s.phase, lang)) }
            @if s.phase == Phase::Voting {
                p { a.button href={"/rounds/" (s.id) "/vote"} { (t(lang, "rounds-vote-now")) } }
            }
            @if s.phase == Phase::Proposals {
                p { a.button href={"/rounds/" (s.id) "/proposals/new"} { (t(lang, "proposals-new")) } }
            }
            p { a href={"/rounds/" (s.id) "/proposals"} { (t(lang, "rounds-all-proposals")) } " · "
                a href={"/rounds/" (s.id) "/map"} { (t(lang, "map-link")) } }
            @if viewer.user.as_ref().is_some_and(|(_, role)| matches!(role, Role::Reviewer | Role::Council)) {
                nav aria-label=(t(lang, "rounds-staff-nav")) {
                    h2 { (t(lang, "rounds-staff-heading")) }
                    ul {
                        li { a href={"/review/rounds/" (s.id) "/checks"} { (t(lang, "rounds-staff-checks")) } }
                        li { a href={"/review/rounds/" (s.id) "/flags"} { (t(lang, "rounds-staff-flags")) } }
                        li { a href="/moderation/comments" { (t(lang, "comments-queue-title")) } }
                        @if s.phase == Phase::Voting { li { a href={"/review/rounds/" (s.id) "/paper"} { (t(lang, "rounds-staff-paper")) } } }
                        @if viewer.user.as_ref().is_some_and(|(_, role)| *role == Role::Council) {
                            li { a href={"/council/rounds/" (s.id)} { (t(lang, "rounds-staff-manage")) } }
                            li { a href="/council/places" { (t(lang, "places-title")) } }
                            li { a href="/council/identity" { (t(lang, "identity-rules-title")) } }
                            @if s.phase >= Phase::Voting {
                                li { a href={"/rounds/" (s.id) "/feedback"} { (t(lang, "rounds-staff-feedback")) } }
                                li { a href={"/rounds/" (s.id) "/statistics"} { (t(lang, "rounds-staff-statistics")) } }
                            }
                            @if s.phase == Phase::Results {
                                li { a href={"/rounds/" (s.id) "/implementation"} { (t(lang, "rounds-staff-implementation")) } }
                            }
                        }
                    }
                }
            }
            @if s.phase >= Phase::Voting {
                p { a href={"/rounds/" (s.id) "/bulletin"} { (t(lang, "rounds-bulletin-link")) } }
            }
            p { (round.description) }
            @if translated { (super::translations::note(lang)) }
            (facts(&[
                (fact_budget.as_str(), money(lang, s.total_budget, currency)),
                (fact_ballot.as_str(), html! { (ballot_type_label(lang, s.ballot_type)) }),
                (fact_proposals_open.as_str(), round_time(lang, round.proposals_open_at, zone)),
                (fact_voting_opens.as_str(), round_time(lang, s.voting_open_at, zone)),
                (fact_voting_closes.as_str(), round_time(lang, s.voting_close_at, zone)),
                (fact_rule.as_str(), html! { code { (round.rule) } " (" (t(lang, "rounds-fact-ties")) " " code { (round.tie_break) } ")" }),
            ]))
            @if s.ballot_type == BallotType::Ranked && !round.districts.is_empty() {
                p { (t(lang, "rounds-ranked-per-pot")) }
            }
            @if !round.districts.is_empty() {
                h2 { (t(lang, "rounds-districts")) }
                (table(html! { (t(lang, "rounds-districts-caption")) }, html! { th scope="col" { (t(lang, "rounds-col-district")) } th scope="col" { (t(lang, "rounds-col-budget")) } }, html! {
                        @for d in &round.districts {
                            tr { th scope="row" { (d.name) } td { (money(lang, d.budget, currency)) } }
                        }
                    }))
            }
            h2 { (t(lang, "rounds-projects")) }
            @if round.proposal_count == 0 {
                p { (t(lang, "rounds-projects-none")) }
            } @else {
                p {
                    (t_count(lang, "rounds-projects-count", round.proposal_count, &[("number", &lang.number(round.proposal_count))])) " "
                    a href={"/rounds/" (s.id) "/proposals"} { (t(lang, "rounds-projects-list-link")) }
                }
            }
            @if !round.projects.is_empty() {
                (table(html! { (t_count(lang, caption, round.projects.len() as i64, &[("number", &lang.number(round.projects.len() as i64))])) }, html! { th scope="col" { (t(lang, "rounds-col-project")) }
                            th scope="col" { (t(lang, "rounds-col-district")) }
                            th scope="col" { (t(lang, "rounds-col-cost")) }
                            th scope="col" { (t(lang, "rounds-col-status")) } }, html! {
                        @for p in &round.projects {
                            tr {
                                th scope="row" { a href={"/proposals/" (p.id)} { (p.title) } }
                                td { (district_name(p)) }
                                td { (money(lang, p.cost, currency)) }
                                td {
                                    (status_label(lang, p.status))
                                    @match p.funded {
                                        Some(true) => { " — " strong { (t(lang, "rounds-project-funded")) } }
                                        Some(false) if p.status == ProposalStatus::Feasible => { " — " (t(lang, "rounds-project-not-funded")) }
                                        _ => {}
                                    }
                                }
                            }
                        }
                    }))
            }
            (can_i_vote(viewer, round, eligibility, errors))
            @if let Some(results) = &round.results {
                (results_section(lang, round, results))
            }
            @if s.phase == Phase::Results {
                h2 { (t(lang, "rounds-after-heading")) }
                ul {
                    // Each item is one sentence: the link, then the rest.
                    li { a href={"/rounds/" (s.id) "/implementation"} { (t(lang, "rounds-after-implementation-link")) } (t(lang, "rounds-after-implementation-text")) }
                    li { a href={"/rounds/" (s.id) "/statistics"} { (t(lang, "rounds-after-statistics-link")) } (t(lang, "rounds-after-statistics-text")) }
                }
                h2 { (t(lang, "rounds-open-data")) }
                p {
                    (t(lang, "rounds-open-data-intro")) " "
                    a href={"/api/v1/rounds/" (s.id) "/export.csv"} { "CSV" } ", "
                    a href={"/api/v1/rounds/" (s.id) "/export.json"} { "JSON" } (t(lang, "rounds-open-data-pabulib")) " "
                    @for d in &round.districts { a href={"/api/v1/rounds/" (s.id) "/export.pb?pot=" (d.slug)} { (d.name) } " " }
                    @if round.citywide_budget.is_some() || round.districts.is_empty() { a href={"/api/v1/rounds/" (s.id) "/export.pb" @if !round.districts.is_empty() { "?pot=citywide" }} { (t(lang, "rounds-open-data-citywide")) } }
                }
            }
            @if let Some(head) = &round.result_chain_head {
                h2 { (t(lang, "rounds-verify-heading")) }
                p { (t(lang, "rounds-verify-chain")) " " code.hash { (head) } (t(lang, "rounds-verify-chain-after")) }
                p {
                    (t(lang, "rounds-verify-recount")) " "
                    a href={"/api/v1/rounds/" (s.id) "/export.audit"} { (t(lang, "rounds-verify-audit-link")) }
                    " " (t(lang, "rounds-verify-recount-middle")) " "
                    a href="/verify" { (t(lang, "rounds-verify-how-link")) } (t(lang, "rounds-verify-recount-after"))
                }
            }
            h2 { (t(lang, "rounds-change-log")) }
            (super::components::change_log(lang, zone, &round.changes.iter().map(|c| (c.at, c.what.as_str(), c.reason.as_str())).collect::<Vec<_>>()))
        },
    )
}

fn who_can_vote(lang: Lang, round: &RoundDetail) -> Vec<String> {
    let e = &round.eligibility;
    let mut rules = Vec::new();
    if let Some(age) = e.min_age {
        rules.push(t_count(lang, "rounds-rule-min-age", i64::from(age), &[]));
    }
    match e.residence.as_str() {
        "self-declared" => rules.push(t(lang, "rounds-rule-self-declared")),
        "verified" => rules.push(t(lang, "rounds-rule-verified")),
        _ => {}
    }
    if e.requires_census {
        rules.push(t(lang, "rounds-rule-census"));
    }
    if e.requires_manual_check {
        rules.push(t(lang, "rounds-rule-manual-check"));
    }
    if e.requires_identity_provider {
        rules.push(t(lang, "rounds-rule-identity-provider"));
    }
    if e.requires_verified_email && !e.codes_only {
        rules.push(t(lang, "rounds-rule-verified-email"));
    }
    if e.codes_only {
        rules.push(t(lang, "rounds-rule-codes-only"));
    } else if e.voting_codes {
        rules.push(t(lang, "rounds-rule-voting-codes-census"));
    }
    if rules.is_empty() {
        rules.push(t(lang, "rounds-rule-anyone"));
    }
    rules
}

/// "Am I on the census list?": matched by document number and year of birth.
pub fn census_form(viewer: &Viewer, round_id: i64, errors: &FieldErrors) -> Markup {
    let lang = viewer.lang;
    let document_label = t(lang, "rounds-census-document");
    let document_hint = t(lang, "rounds-census-document-hint");
    let birth_year_label = t(lang, "rounds-census-birth-year");
    html! {
        h3 { (t(lang, "rounds-census-heading")) }
        form method="post" action={"/rounds/" (round_id) "/census-match"} novalidate {
            (csrf_field(&viewer.csrf))
            (input(lang, Field::new("document_number", &document_label).hint(&document_hint).required(), errors))
            (input(lang, Field::new("birth_year", &birth_year_label).required(), errors))
            (button(&t(lang, "rounds-census-check")))
        }
    }
}

fn can_i_vote(
    viewer: &Viewer,
    round: &RoundDetail,
    eligibility: Option<&Eligibility>,
    errors: &FieldErrors,
) -> Markup {
    let open = matches!(
        round.summary.phase,
        Phase::Review | Phase::Proposals | Phase::Voting | Phase::Draft
    );
    let lang = viewer.lang;
    html! {
        @if open {
            section aria-labelledby="eligibility-heading" {
                h2 #eligibility-heading { (t(lang, "rounds-who-can-vote")) }
                ul { @for rule in who_can_vote(lang, round) { li { (rule) } } }
                @match eligibility {
                    // One sentence: "<Log in> to see whether you can vote."
                    None => { p { a href={"/login?next=/rounds/" (round.summary.id)} { (t(lang, "rounds-log-in-link")) } " " (t(lang, "rounds-log-in-after")) } }
                    Some(e) => {
                        @if e.eligible {
                            p.flash { strong { (t(lang, "rounds-can-vote")) } }
                        } @else {
                            p { strong { (t(lang, "rounds-cannot-vote")) } " " (t(lang, "rounds-missing")) }
                        }
                        ul {
                            @for r in &e.requirements {
                                li {
                                    (t(lang, if r.met { "rounds-requirement-met" } else { "rounds-requirement-not-yet" })) " " (r.explanation.text(lang))
                                    @if let Some(step) = &r.next_step { " " (step.text(lang)) }
                                }
                            }
                        }
                        @if round.eligibility.requires_census && e.requirements.iter().any(|r| r.name == "census" && !r.met) {
                            (census_form(viewer, round.summary.id.0, errors))
                        }
                    }
                }
            }
        }
    }
}

fn results_section(
    lang: Lang,
    round: &RoundDetail,
    results: &crate::domain::rounds::ResultsView,
) -> Markup {
    let currency = &round.summary.currency;
    let pot_name = |id: Option<crate::domain::DistrictId>| {
        id.and_then(|id| round.districts.iter().find(|d| d.id == id))
            .map_or_else(|| t(lang, "rounds-citywide"), |d| d.name.clone())
    };
    let counted = t_count(
        lang,
        "rounds-results-counted",
        results.ballots,
        &[
            ("ballots", &lang.number(results.ballots)),
            ("online", &lang.number(results.online)),
            ("paper", &lang.number(results.paper)),
            ("codes", &lang.number(results.codes)),
        ],
    );
    html! {
        section aria-labelledby="results-heading" {
            h2 #results-heading { (t(lang, "rounds-results-heading")) }
            p { (counted) }
            @if let Some(eligible) = results.eligible {
                @let voters = results.online + results.paper + results.codes;
                p { (t_count(lang, "rounds-results-turnout", eligible, &[
                    ("voters", &lang.number(voters)),
                    ("eligible", &lang.number(eligible)),
                    ("percent", &lang.decimal(100.0 * voters as f64 / eligible as f64)),
                ])) }
            }
            @for pot in &results.pots {
                h3 { (pot_name(pot.district_id)) }
                // One sentence: "Budget <amount>, spent <amount> (rule <rule>, ties <rule>)."
                p { (t(lang, "rounds-pot-budget")) " " (money(lang, pot.budget, currency)) (t(lang, "rounds-pot-spent")) " " (money(lang, pot.spent, currency)) " (" (t(lang, "rounds-pot-rule")) " " code { (pot.rule) } ", " (t(lang, "rounds-pot-ties")) " " code { (pot.tie_break) } ")." }
                (chart(lang, pot))
                // On a phone each project's row stacks, its explanation under its figures.
                div.stacked {
                (table(html! { (t(lang, "rounds-results-caption")) }, html! { th scope="col" { (t(lang, "rounds-col-project")) } th scope="col" { (t(lang, "rounds-col-votes")) } th scope="col" { (t(lang, "rounds-col-cost")) } th scope="col" { (t(lang, "rounds-col-outcome")) } }, html! {
                        @for p in &pot.projects {
                            tr {
                                th scope="row" { a href={"/proposals/" (p.id)} { (p.title) } }
                                td data-label=(t(lang, "rounds-col-votes")) { (lang.number(p.score as i64)) }
                                td data-label=(t(lang, "rounds-col-cost")) { (money(lang, p.cost, currency)) }
                                td data-label=(t(lang, "rounds-col-outcome")) { @if p.funded { strong { (t(lang, "rounds-funded")) ". " } } (p.explanation) }
                            }
                        }
                    }))
                }
            }
        }
    }
}

/// Votes per project as horizontal bars (server-rendered SVG, no script); funded bars are
/// solid and labelled, so colour is never the only cue. The dashed line is where the money ran out.
fn chart(lang: Lang, pot: &crate::domain::rounds::PotResult) -> Markup {
    let max = pot
        .projects
        .iter()
        .map(|p| p.score)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let row = 28.0;
    let height = row * pot.projects.len() as f64 + 10.0;
    let narrow_row = 44.0;
    let narrow_height = narrow_row * pot.projects.len() as f64 + 10.0;
    let funded = pot.projects.iter().filter(|p| p.funded).count() as f64;
    html! {
        figure.chart {
            // On a phone the wide chart would shrink its words to half size: a narrow one,
            // each title above its bar, takes its place there (CSS picks one).
            svg.narrow viewBox={"0 0 320 " (narrow_height)} width="100%" role="img" aria-label=(t(lang, "rounds-chart-label")) {
                @for (i, p) in pot.projects.iter().enumerate() {
                    @let y = i as f64 * narrow_row + 4.0;
                    @let w = (p.score as f64 / max * 200.0).max(1.0);
                    text x="0" y={(y + 13.0)} class="label" { (truncate(&p.title, 40)) }
                    rect x="0" y={(y + 19.0)} width=(w) height="16" class={ "bar" @if p.funded { " funded" } } {}
                    text x={(w + 6.0)} y={(y + 32.0)} class="value" { (lang.number(p.score as i64)) @if p.funded { " " (t(lang, "rounds-chart-funded")) } }
                }
                @if funded > 0.0 && (funded as usize) < pot.projects.len() {
                    line x1="0" x2="320" y1={(funded * narrow_row + 2.0)} y2={(funded * narrow_row + 2.0)} class="funding-line" {}
                }
            }
            svg.wide viewBox={"0 0 640 " (height)} width="100%" role="img" aria-label=(t(lang, "rounds-chart-label")) {
                @for (i, p) in pot.projects.iter().enumerate() {
                    @let y = i as f64 * row + 4.0;
                    // The longest bar leaves room after it for the count and "funded".
                    @let w = (p.score as f64 / max * 240.0).max(1.0);
                    rect x="250" y=(y) width=(w) height="20" class={ "bar" @if p.funded { " funded" } } {}
                    text x="244" y={(y + 15.0)} text-anchor="end" class="label" { (truncate(&p.title, 34)) }
                    text x={(256.0 + w)} y={(y + 15.0)} class="value" { (lang.number(p.score as i64)) @if p.funded { " " (t(lang, "rounds-chart-funded")) } }
                }
                @if funded > 0.0 && (funded as usize) < pot.projects.len() {
                    line x1="0" x2="640" y1={(funded * row + 2.0)} y2={(funded * row + 2.0)} class="funding-line" {}
                }
            }
            figcaption { (t(lang, "rounds-chart-caption")) }
        }
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

pub fn how_to_verify(viewer: &Viewer, public_key: &str) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "rounds-verify-title");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            p { (t(lang, "rounds-verify-lead")) }
            h2 { (t(lang, "rounds-verify-key-heading")) }
            p { (t(lang, "rounds-verify-key-text")) }
            p { code.hash { (public_key) } }
            h2 { (t(lang, "rounds-verify-steps")) }
            ol {
                li { (t(lang, "rounds-verify-step-download")) }
                li { (t(lang, "rounds-verify-step-program"))
                    pre { code { "budgetbox verify round-N-audit.tar --public-key " (public_key) } }
                    // One sentence: "It prints <OK> and the funded projects, …"
                    (t(lang, "rounds-verify-step-prints")) " " code { "OK" } " " (t(lang, "rounds-verify-step-prints-after")) }
                // One sentence around two pieces of code.
                li { (t(lang, "rounds-verify-step-tools")) " " code { "sha256sum -c MANIFEST" } " " (t(lang, "rounds-verify-step-tools-middle")) " " code { "pots" } " " (t(lang, "rounds-verify-step-tools-after")) }
                li { (t(lang, "rounds-verify-step-own-code")) }
            }
        },
    )
}
