use maud::{html, Markup};

use super::components::{
    button, csrf_field, datetime, error_summary, facts, flash, input, money, phase_line, Field,
};
use super::layout::{layout_for, Page, Viewer};
use crate::auth::Role;
use crate::domain::eligibility::Eligibility;
use crate::domain::rounds::{Phase, ProjectView, RoundDetail};
use crate::error::FieldErrors;

pub fn show(
    viewer: &Viewer,
    round: &RoundDetail,
    eligibility: Option<&Eligibility>,
    notice: Option<&str>,
    errors: &FieldErrors,
) -> Markup {
    let s = &round.summary;
    let currency = &s.currency;
    let district_name = |p: &ProjectView| {
        p.district_id
            .and_then(|id| round.districts.iter().find(|d| d.id == id))
            .map_or("City-wide".to_string(), |d| d.name.clone())
    };
    layout_for(
        viewer,
        Page { title: &s.title },
        html! {
            h1 { (s.title) }
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(errors))
            p { (phase_line(s.phase, viewer.lang)) }
            @if s.phase == Phase::Voting {
                p { a.button href={"/rounds/" (s.id) "/vote"} { "Vote now" } }
            }
            p { a href={"/rounds/" (s.id) "/proposals"} { "All proposals, with their review decisions" } }
            @if viewer.user.as_ref().is_some_and(|(_, role)| matches!(role, Role::Reviewer | Role::Council)) {
                nav aria-label="Staff" {
                    h2 { "For city staff" }
                    ul {
                        li { a href={"/review/rounds/" (s.id) "/checks"} { "Confirm voters in person" } }
                        li { a href={"/review/rounds/" (s.id) "/flags"} { "Reported proposals" } }
                        @if s.phase == Phase::Voting { li { a href={"/review/rounds/" (s.id) "/paper"} { "Enter paper ballots" } } }
                        @if viewer.user.as_ref().is_some_and(|(_, role)| *role == Role::Council) {
                            li { a href={"/council/rounds/" (s.id)} { "Manage this round" } }
                            @if s.phase >= Phase::Voting {
                                li { a href={"/rounds/" (s.id) "/feedback"} { "What voters said in the survey" } }
                                li { a href={"/rounds/" (s.id) "/statistics"} { "Who took part (so far)" } }
                            }
                            @if s.phase == Phase::Results {
                                li { a href={"/rounds/" (s.id) "/implementation"} { "Record what happened to funded projects" } }
                            }
                        }
                    }
                }
            }
            @if s.phase >= Phase::Voting {
                p { a href={"/rounds/" (s.id) "/bulletin"} { "Bulletin board: every ballot, and check yours" } }
            }
            p { (round.description) }
            (facts(&[
                ("Total budget", money(s.total_budget, currency)),
                ("Ballot", html! { (s.ballot_type.describe()) }),
                ("Proposals open", datetime(round.proposals_open_at)),
                ("Voting opens", datetime(s.voting_open_at)),
                ("Voting closes", datetime(s.voting_close_at)),
                ("Counting rule", html! { code { (round.rule) } " (ties: " code { (round.tie_break) } ")" }),
            ]))
            @if !round.districts.is_empty() {
                h2 { "Districts" }
                table {
                    caption { "Budget per district" }
                    thead { tr { th scope="col" { "District" } th scope="col" { "Budget" } } }
                    tbody {
                        @for d in &round.districts {
                            tr { th scope="row" { (d.name) } td { (money(d.budget, currency)) } }
                        }
                    }
                }
            }
            h2 { "Projects" }
            @if round.projects.is_empty() {
                p { "No projects have been proposed yet." }
            } @else {
                table {
                    caption { (round.projects.len()) " projects" }
                    thead {
                        tr {
                            th scope="col" { "Project" }
                            th scope="col" { "District" }
                            th scope="col" { "Cost" }
                            th scope="col" { "Status" }
                        }
                    }
                    tbody {
                        @for p in &round.projects {
                            tr {
                                th scope="row" { (p.title) }
                                td { (district_name(p)) }
                                td { (money(p.cost, currency)) }
                                td {
                                    (p.status)
                                    @match p.funded {
                                        Some(true) => { " — " strong { "funded" } }
                                        Some(false) if p.status == "feasible" => { " — not funded" }
                                        _ => {}
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (can_i_vote(viewer, round, eligibility, errors))
            @if let Some(results) = &round.results {
                (results_section(round, results))
            }
            @if s.phase == Phase::Results {
                h2 { "After the vote" }
                ul {
                    li { a href={"/rounds/" (s.id) "/implementation"} { "What happened to my vote" } ": the funded projects, how far each has got, and the projects on your ballot" }
                    li { a href={"/rounds/" (s.id) "/statistics"} { "Who took part" } ": voters and proposals by district, gender and age" }
                }
                h2 { "Open data" }
                p {
                    "Download the projects, votes and outcome: "
                    a href={"/api/v1/rounds/" (s.id) "/export.csv"} { "CSV" } ", "
                    a href={"/api/v1/rounds/" (s.id) "/export.json"} { "JSON" } ", and each pot as a Pabulib file: "
                    @for d in &round.districts { a href={"/api/v1/rounds/" (s.id) "/export.pb?pot=" (d.slug)} { (d.name) } " " }
                    @if round.citywide_budget.is_some() || round.districts.is_empty() { a href={"/api/v1/rounds/" (s.id) "/export.pb" @if !round.districts.is_empty() { "?pot=citywide" }} { "city-wide" } }
                }
            }
            @if let Some(head) = &round.result_chain_head {
                h2 { "Verify the count" }
                p { "The result was counted over the bulletin board whose chain head is " code.hash { (head) } "." }
                p {
                    "Anyone can recount it: download the signed "
                    a href={"/api/v1/rounds/" (s.id) "/export.audit"} { "audit package" }
                    " and follow "
                    a href="/verify" { "how to verify a count" } "."
                }
            }
            h2 { "Change log" }
            (super::components::change_log(&round.changes.iter().map(|c| (c.at, c.what.as_str(), c.reason.as_str())).collect::<Vec<_>>()))
        },
    )
}

fn who_can_vote(round: &RoundDetail) -> Vec<String> {
    let e = &round.eligibility;
    let mut rules = Vec::new();
    if let Some(age) = e.min_age {
        rules.push(format!("You must be at least {age} years old."));
    }
    match e.residence.as_str() {
        "self-declared" => {
            rules.push("You vote for projects in the district where you live.".to_string())
        }
        "verified" => rules
            .push("You vote in the district where the city has confirmed you live.".to_string()),
        _ => {}
    }
    if e.requires_census {
        rules.push("You must be on the city's list of residents (you will be asked for a document number and year of birth).".into());
    }
    if e.requires_manual_check {
        rules.push("A city officer must confirm who you are, in person.".into());
    }
    if e.voting_codes {
        rules.push(
            "A one-time voting code from the city also lets you vote, without an account.".into(),
        );
    }
    if rules.is_empty() {
        rules.push("Anyone with an account can vote.".into());
    }
    rules
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
    html! {
        @if open {
            section aria-labelledby="eligibility-heading" {
                h2 #eligibility-heading { "Who can vote" }
                ul { @for rule in who_can_vote(round) { li { (rule) } } }
                @match eligibility {
                    None => { p { a href={"/login?next=/rounds/" (round.summary.id)} { "Log in" } " to see whether you can vote." } }
                    Some(e) => {
                        @if e.eligible {
                            p.flash { strong { "You can vote in this round." } }
                        } @else {
                            p { strong { "You cannot vote yet." } " Here is what is missing:" }
                        }
                        ul {
                            @for r in &e.requirements {
                                li {
                                    (if r.met { "Met: " } else { "Not yet: " }) (r.explanation)
                                    @if let Some(step) = &r.next_step { " " (step) }
                                }
                            }
                        }
                        @if round.eligibility.requires_census && e.requirements.iter().any(|r| r.name == "census" && !r.met) {
                            h3 { "Match yourself to the census list" }
                            form method="post" action={"/rounds/" (round.summary.id) "/census-match"} novalidate {
                                (csrf_field(&viewer.csrf))
                                (input(Field::new("document_number", "Identity document number").hint("As printed on your ID card or residence permit. We compare a one-way fingerprint of it; the number itself is not stored.").required(), errors))
                                (input(Field::new("birth_year", "Year of birth").required(), errors))
                                (button("Check"))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn results_section(round: &RoundDetail, results: &crate::domain::rounds::ResultsView) -> Markup {
    let currency = &round.summary.currency;
    let pot_name = |id: Option<crate::domain::DistrictId>| {
        id.and_then(|id| round.districts.iter().find(|d| d.id == id))
            .map_or("City-wide".to_string(), |d| d.name.clone())
    };
    html! {
        section aria-labelledby="results-heading" {
            h2 #results-heading { "Results" }
            p { (results.ballots) " ballots counted: " (results.online) " online with an account, " (results.paper) " on paper, " (results.codes) " with a voting code." }
            @if let Some(eligible) = results.eligible {
                @let voters = results.online + results.paper + results.codes;
                p { "Turnout: " (voters) " of " (eligible) " people on the census list (" (format!("{:.1}", 100.0 * voters as f64 / eligible as f64)) "%)." }
            }
            @for pot in &results.pots {
                h3 { (pot_name(pot.district_id)) }
                p { "Budget " (money(pot.budget, currency)) ", spent " (money(pot.spent, currency)) " (rule " code { (pot.rule) } ", ties " code { (pot.tie_break) } ")." }
                (chart(pot))
                table {
                    caption { "Every project, funded first in the order chosen" }
                    thead { tr { th scope="col" { "Project" } th scope="col" { "Votes" } th scope="col" { "Cost" } th scope="col" { "Outcome" } } }
                    tbody {
                        @for p in &pot.projects {
                            tr {
                                th scope="row" { (p.title) }
                                td { (p.score) }
                                td { (money(p.cost, currency)) }
                                td { @if p.funded { strong { "Funded. " } } (p.explanation) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Votes per project as horizontal bars (server-rendered SVG, no script); funded bars are
/// solid and labelled, so colour is never the only cue. The dashed line is where the money ran out.
fn chart(pot: &crate::domain::rounds::PotResult) -> Markup {
    let max = pot
        .projects
        .iter()
        .map(|p| p.score)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let row = 28.0;
    let height = row * pot.projects.len() as f64 + 10.0;
    let funded = pot.projects.iter().filter(|p| p.funded).count() as f64;
    html! {
        figure.chart {
            svg viewBox={"0 0 640 " (height)} width="100%" role="img" aria-label="Votes per project; funded projects are solid and marked funded" {
                @for (i, p) in pot.projects.iter().enumerate() {
                    @let y = i as f64 * row + 4.0;
                    @let w = (p.score as f64 / max * 380.0).max(1.0);
                    rect x="250" y=(y) width=(w) height="20" class={ "bar" @if p.funded { " funded" } } {}
                    text x="244" y={(y + 15.0)} text-anchor="end" class="label" { (truncate(&p.title, 34)) }
                    text x={(256.0 + w)} y={(y + 15.0)} class="value" { (p.score) @if p.funded { " funded" } }
                }
                @if funded > 0.0 && (funded as usize) < pot.projects.len() {
                    line x1="0" x2="640" y1={(funded * row + 2.0)} y2={(funded * row + 2.0)} class="funding-line" {}
                }
            }
            figcaption { "Votes per project. Above the dashed line: funded." }
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
    layout_for(
        viewer,
        Page {
            title: "How to verify a count",
        },
        html! {
            h1 { "How to verify a count" }
            p { "You do not have to trust this server. Every counted round has an audit package: its rules, every change made to them, every ballot on the public bulletin board, and the stored result, signed by this installation." }
            h2 { "This installation's signing key" }
            p { "Audit packages are signed with the Ed25519 key whose public half is:" }
            p { code.hash { (public_key) } }
            h2 { "Steps" }
            ol {
                li { "On a round's page, after its results are published, download the audit package (a tar archive)." }
                li { "Check it and recount it with the budgetbox program, which needs no database:"
                    pre { code { "budgetbox verify round-N-audit.tar --public-key " (public_key) } }
                    "It prints " code { "OK" } " and the funded projects, or every ballot and project that does not match." }
                li { "Or check it with other tools: " code { "sha256sum -c MANIFEST" } " checks each file, the " code { "pots" } " folder holds the ballots as Pabulib files that other counting programs (such as pabutools) read." }
                li { "Look up your own tracking code on the round's bulletin board to see your ballot is in the package, unchanged." }
            }
        },
    )
}
