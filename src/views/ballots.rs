//! The voting pages: ballot form, review, receipt, bulletin board, receipt check.

use std::collections::HashMap;

use maud::{html, Markup};

use super::components::{button, csrf_field, error_summary, money, radios, textarea};
use super::layout::{layout_for, Page, Viewer};
use crate::db::models::ballot::BallotRow;
use crate::domain::ballots::BallotPaper;
use crate::domain::rounds::BallotType;
use crate::error::FieldErrors;

/// What the voter has chosen so far, to show back (kept across errors and "change").
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub projects: Vec<i64>,
    pub ranks: HashMap<i64, String>,
    pub points: HashMap<i64, String>,
    pub voting_code: Option<String>,
}

fn hidden_choice(paper: &BallotPaper, sel: &Selection) -> Markup {
    html! {
        @if let Some(code) = &sel.voting_code { input type="hidden" name="voting_code" value=(code); }
        @if let Some(d) = paper.district_id { input type="hidden" name="district" value=(d); }
        @match paper.ballot_type {
            BallotType::Approval | BallotType::Knapsack => { @for id in &sel.projects { input type="hidden" name="project" value=(id); } }
            BallotType::Ranked => { @for (id, rank) in &sel.ranks { input type="hidden" name={"rank_" (id)} value=(rank); } }
            BallotType::Cumulative => { @for (id, n) in &sel.points { input type="hidden" name={"points_" (id)} value=(n); } }
        }
    }
}

fn instructions(paper: &BallotPaper) -> String {
    match paper.ballot_type {
        BallotType::Approval => match paper.max_choices {
            Some(max) => format!(
                "Tick between {} and {max} projects you want funded.",
                paper.min_choices.max(1)
            ),
            None => format!(
                "Tick at least {} project(s) you want funded.",
                paper.min_choices.max(1)
            ),
        },
        BallotType::Knapsack => {
            "Tick the projects you want funded. Their total cost must fit in the budget shown."
                .to_string()
        }
        BallotType::Ranked => format!(
            "Give your favourite project rank 1, the next rank 2, and so on (up to {} projects).",
            paper.max_choices.unwrap_or(paper.projects.len() as i32)
        ),
        BallotType::Cumulative => format!(
            "Spread up to {} points over the projects you like{}.",
            paper.points_total.unwrap_or(0),
            paper
                .points_per_project
                .map(|p| format!(", at most {p} on one project"))
                .unwrap_or_default()
        ),
    }
}

pub fn ballot_form(
    viewer: &Viewer,
    title: &str,
    paper: &BallotPaper,
    sel: &Selection,
    errors: &FieldErrors,
) -> Markup {
    let action = format!("/rounds/{}/vote/review", paper.round_id);
    ballot_form_at(
        viewer,
        title,
        paper,
        sel,
        errors,
        &action,
        &[],
        "Review my ballot",
    )
}

/// The ballot form posting to `action` with extra hidden fields (e.g. a poll officer's entry).
#[allow(clippy::too_many_arguments)]
pub fn ballot_form_at(
    viewer: &Viewer,
    title: &str,
    paper: &BallotPaper,
    sel: &Selection,
    errors: &FieldErrors,
    action: &str,
    hidden: &[(&str, &str)],
    submit: &str,
) -> Markup {
    let rank_options: Vec<i32> = (1..=paper
        .max_choices
        .unwrap_or(paper.projects.len() as i32)
        .min(paper.projects.len() as i32))
        .collect();
    layout_for(
        viewer,
        Page {
            title: &format!(
                "{}Vote: {title}",
                if errors.is_empty() { "" } else { "Error: " }
            ),
        },
        html! {
            h1 { "Vote: " (title) }
            (error_summary(errors))
            @if let Some(name) = &paper.district_name { p { "Your ballot for " strong { (name) } " (and city-wide projects)." } }
            @if paper.ballot_type == BallotType::Knapsack { p { "Budget: " (money(paper.budget, &paper.currency)) } }
            form method="post" action=(action) novalidate {
                (csrf_field(&viewer.csrf))
                @for (name, value) in hidden { input type="hidden" name=(name) value=(value); }
                @if let Some(code) = &sel.voting_code { input type="hidden" name="voting_code" value=(code); }
                @if let Some(d) = paper.district_id { input type="hidden" name="district" value=(d); }
                fieldset #ballot aria-describedby="ballot-help" {
                    legend { "Projects" }
                    p #ballot-help { (instructions(paper)) }
                    @if let Some(message) = errors.get("ballot") { p.error id="ballot-error" role="alert" { span.visually-hidden { "Error: " } (message) } }
                    ul.ballot {
                        @for p in &paper.projects {
                            li.card {
                                @match paper.ballot_type {
                                    BallotType::Approval | BallotType::Knapsack => {
                                        div.checkbox {
                                            input type="checkbox" id={"p" (p.id)} name="project" value=(p.id) checked[sel.projects.contains(&p.id)];
                                            label for={"p" (p.id)} { strong { (p.title) } " — " (money(p.cost, &paper.currency)) }
                                        }
                                    }
                                    BallotType::Ranked => {
                                        label for={"rank_" (p.id)} { strong { (p.title) } " — " (money(p.cost, &paper.currency)) }
                                        select id={"rank_" (p.id)} name={"rank_" (p.id)} {
                                            option value="" { "Not ranked" }
                                            @for r in &rank_options {
                                                @let value = r.to_string();
                                                option value=(value) selected[sel.ranks.get(&p.id) == Some(&value)] { "Rank " (r) }
                                            }
                                        }
                                    }
                                    BallotType::Cumulative => {
                                        label for={"points_" (p.id)} { strong { (p.title) } " — " (money(p.cost, &paper.currency)) }
                                        input type="number" inputmode="numeric" min="0" step="1" id={"points_" (p.id)} name={"points_" (p.id)} value=(sel.points.get(&p.id).map_or("", String::as_str));
                                    }
                                }
                                p { (p.description) }
                            }
                        }
                    }
                }
                (button(submit))
            }
        },
    )
}

pub fn review(viewer: &Viewer, title: &str, paper: &BallotPaper, sel: &Selection) -> Markup {
    let chosen: Vec<_> = paper
        .projects
        .iter()
        .filter(|p| sel.projects.contains(&p.id))
        .collect();
    let total: i64 = chosen.iter().map(|p| p.cost).sum();
    let mut ranked: Vec<(i64, &str)> = sel
        .ranks
        .iter()
        .filter_map(|(id, r)| {
            r.parse().ok().map(|r: i64| {
                (
                    r,
                    paper
                        .projects
                        .iter()
                        .find(|p| p.id == *id)
                        .map_or("", |p| p.title.as_str()),
                )
            })
        })
        .collect();
    ranked.sort();
    layout_for(
        viewer,
        Page {
            title: &format!("Check your ballot: {title}"),
        },
        html! {
            h1 { "Check your ballot" }
            p { "Nothing is recorded yet. Check your choices, then cast your ballot. You cannot change it afterwards." }
            @match paper.ballot_type {
                BallotType::Approval | BallotType::Knapsack => {
                    ul { @for p in &chosen { li { (p.title) " — " (money(p.cost, &paper.currency)) } } }
                    @if paper.ballot_type == BallotType::Knapsack {
                        p { "Total: " strong { (money(total, &paper.currency)) } " of " (money(paper.budget, &paper.currency)) }
                    }
                }
                BallotType::Ranked => { ol { @for (_, title) in &ranked { li { (title) } } } }
                BallotType::Cumulative => {
                    ul { @for p in &paper.projects { @if let Some(n) = sel.points.get(&p.id).filter(|n| !n.is_empty() && *n != "0") { li { (p.title) ": " (n) " points" } } } }
                }
            }
            form method="post" action={"/rounds/" (paper.round_id) "/vote/cast"} {
                (csrf_field(&viewer.csrf))
                (hidden_choice(paper, sel))
                (button("Cast my ballot"))
            }
            form method="post" action={"/rounds/" (paper.round_id) "/vote/edit"} {
                (csrf_field(&viewer.csrf))
                (hidden_choice(paper, sel))
                button.button.secondary type="submit" { "Change my choices" }
            }
        },
    )
}

/// `survey_token` is offered with a voter's first ballot only, so a revote does not bring a
/// second answer.
pub fn receipt(viewer: &Viewer, round_id: i64, code: &str, survey_token: Option<&str>) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "Your ballot is cast",
        },
        html! {
            h1 { "Thank you, your ballot is cast" }
            p { "Your tracking code, shown only now:" }
            p.tracking-code { strong { code { (code) } } }
            p { "Write it down or download it. With it you can check on the public bulletin board that your ballot is counted, unchanged. It does not say who you are." }
            form method="post" action="/receipts/download" {
                (csrf_field(&viewer.csrf))
                input type="hidden" name="code" value=(code);
                button.button.secondary type="submit" { "Download the receipt" }
            }
            p { a href={"/rounds/" (round_id) "/bulletin"} { "See the bulletin board" } }
            @if let Some(token) = survey_token {
                (survey_form(round_id, &viewer.csrf, token, &Default::default(), &FieldErrors::default()))
            }
        },
    )
}

/// The optional, anonymous survey shown under the receipt.
pub fn survey_form(
    round_id: i64,
    csrf: &str,
    token: &str,
    answers: &crate::domain::feedback::Answers,
    errors: &FieldErrors,
) -> Markup {
    use crate::domain::feedback::{EASE, FOUND, MAX_COMMENT};
    html! {
        section.survey aria-labelledby="survey-heading" {
            h2 #survey-heading { "Tell us how it went (optional)" }
            p { "Your answers are anonymous: they are stored without your name, your account or your ballot, and only the day is kept." }
            (error_summary(errors))
            form method="post" action={"/rounds/" (round_id) "/feedback"} novalidate {
                (csrf_field(csrf))
                input type="hidden" name="token" value=(token);
                (radios("ease", "How easy was it to vote?", &EASE, answers.ease.as_deref().unwrap_or(""), errors))
                (radios("found", "Did you find the information you needed?", &FOUND, answers.found.as_deref().unwrap_or(""), errors))
                (textarea("comment", "Anything else you want to tell the council?", Some(&format!("Up to {MAX_COMMENT} characters. Please do not include your name or contact details.")), answers.comment.as_deref().unwrap_or(""), 4, errors))
                button.button type="submit" { "Send anonymously" }
            }
        }
    }
}

pub fn survey_page(
    viewer: &Viewer,
    round_id: i64,
    token: &str,
    answers: &crate::domain::feedback::Answers,
    errors: &FieldErrors,
) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "Tell us how it went",
        },
        html! {
            h1 { "Tell us how it went" }
            (survey_form(round_id, &viewer.csrf, token, answers, errors))
        },
    )
}

pub fn survey_thanks(viewer: &Viewer, round_id: i64, message: &str) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "Thank you for your feedback",
        },
        html! {
            h1 { "Thank you" }
            p { (message) }
            p { a href={"/rounds/" (round_id)} { "Back to the round" } }
        },
    )
}

pub fn survey_results(
    viewer: &Viewer,
    round_id: i64,
    title: &str,
    s: &crate::domain::feedback::Summary,
) -> Markup {
    layout_for(
        viewer,
        Page {
            title: &format!("Voter feedback: {title}"),
        },
        html! {
            h1 { "Voter feedback: " (title) }
            p { "Anonymous answers: " (s.responses) "."
                @if let Some(avg) = s.average_ease { " Average ease: " (format!("{avg:.1}")) " out of 5." } }
            table {
                caption { "How easy was it to vote?" }
                thead { tr { th scope="col" { "Answer" } th scope="col" { "People" } } }
                tbody { @for (label, n) in &s.ease { tr { th scope="row" { (label) } td { (n) } } } }
            }
            table {
                caption { "Did you find the information you needed?" }
                thead { tr { th scope="col" { "Answer" } th scope="col" { "People" } } }
                tbody { @for (label, n) in &s.found { tr { th scope="row" { (label) } td { (n) } } } }
            }
            h2 { "Comments" }
            @if s.comments.is_empty() { p { "No comments." } }
            ul { @for c in &s.comments { li { (c) } } }
            p { a href={"/rounds/" (round_id)} { "Back to the round" } }
        },
    )
}

pub fn start(
    viewer: &Viewer,
    title: &str,
    round_id: i64,
    codes_allowed: bool,
    errors: &FieldErrors,
) -> Markup {
    layout_for(
        viewer,
        Page {
            title: &format!("Vote: {title}"),
        },
        html! {
            h1 { "Vote: " (title) }
            (error_summary(errors))
            p { a.button href={"/login?next=/rounds/" (round_id) "/vote"} { "Log in to vote" } }
            @if codes_allowed {
                h2 { "Vote with a voting code" }
                p { "If the city sent you a voting code, you can vote with it without an account." }
                form method="post" action={"/rounds/" (round_id) "/vote/code"} novalidate {
                    (csrf_field(&viewer.csrf))
                    (super::components::input(super::components::Field::new("voting_code", "Voting code").hint("For example ABCD-EFGH-JKLM-NPQR.").autocomplete("off").required(), errors))
                    (button("Continue"))
                }
            }
        },
    )
}

pub fn already_voted(viewer: &Viewer, title: &str, round_id: i64) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "You have already voted",
        },
        html! {
            h1 { "You have already voted" }
            p { "Your ballot in " (title) " is recorded, and each person votes once. Thank you for taking part." }
            p { "To check that it is counted, use your tracking code on the " a href={"/rounds/" (round_id) "/bulletin"} { "bulletin board" } "." }
        },
    )
}

pub fn bulletin(
    viewer: &Viewer,
    title: &str,
    round_id: i64,
    head: &str,
    rows: &[BallotRow],
    page: usize,
    pages: usize,
) -> Markup {
    layout_for(
        viewer,
        Page {
            title: &format!("Bulletin board: {title}"),
        },
        html! {
            h1 { "Bulletin board: " (title) }
            p { "Every ballot, in the order cast, each entry sealed with the hash of the one before. The chain head is " code.hash { (head) } "." }
            h2 { "Check your ballot" }
            form method="post" action="/receipts/check" novalidate {
                (csrf_field(&viewer.csrf))
                (super::components::input(super::components::Field::new("code", "Tracking code").autocomplete("off").required(), &FieldErrors::default()))
                (button("Check"))
            }
            h2 { "Entries" }
            table {
                caption { "Page " (page) " of " (pages.max(1)) }
                thead { tr { th scope="col" { "#" } th scope="col" { "Ballot" } th scope="col" { "Day" } th scope="col" { "Entry hash" } } }
                tbody {
                    @for r in rows {
                        tr { td { (r.seq) } td { code { (r.content) } } td { (r.cast_day) } td { code.hash { (r.entry_hash) } } }
                    }
                }
            }
            nav aria-label="Pages" {
                @if page > 1 { a href={"/rounds/" (round_id) "/bulletin?page=" (page - 1)} { "Previous page" } " " }
                @if page < pages { a href={"/rounds/" (round_id) "/bulletin?page=" (page + 1)} { "Next page" } }
            }
            p { "Machine-readable: " a href={"/api/v1/rounds/" (round_id) "/bulletin"} { "the whole chain as JSON" } "." }
        },
    )
}

pub fn inclusion(
    viewer: &Viewer,
    proof: Option<&crate::domain::bulletin::InclusionProof>,
) -> Markup {
    layout_for(
        viewer,
        Page {
            title: "Check your ballot",
        },
        html! {
            h1 { "Check your ballot" }
            @match proof {
                Some(p) => {
                    p.flash { strong { "Your ballot is on the bulletin board" } " as entry " (p.entry.seq) " of round " (p.round_id) "." }
                    p { "It reads: " code { (p.entry.content) } }
                    @if let Some(later) = p.superseded_by {
                        p { strong { "You voted again: " } "this ballot was replaced by entry " (later) " and is not counted; the later one is." }
                    }
                    p { "Entry hash " code.hash { (p.entry.entry_hash) } "; chain " (if p.chain_valid { "intact" } else { "BROKEN — report this to the city" }) "." }
                }
                None => { p { "No ballot has this tracking code. Check it letter by letter; codes use no 0, O, 1, I or L." } }
            }
        },
    )
}
