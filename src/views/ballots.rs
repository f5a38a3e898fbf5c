//! The voting pages: ballot form, review, receipt, bulletin board, receipt check.

use std::collections::HashMap;

use maud::{html, Markup};

use super::components::{
    button, csrf_field, error_summary, money, pagination, radios, table, textarea,
};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::ballots::BallotPaper;
use crate::domain::rounds::BallotType;
use crate::error::FieldErrors;
use crate::i18n::{t, t_count, t_with, Lang};

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

fn instructions(lang: Lang, paper: &BallotPaper) -> String {
    match paper.ballot_type {
        BallotType::Approval => match paper.max_choices {
            Some(max) => t_count(
                lang,
                "ballots-instructions-approval-range",
                i64::from(max),
                &[("min", &paper.min_choices.max(1).to_string())],
            ),
            None => t_count(
                lang,
                "ballots-instructions-approval-min",
                i64::from(paper.min_choices.max(1)),
                &[],
            ),
        },
        BallotType::Knapsack => t(lang, "ballots-instructions-knapsack"),
        BallotType::Ranked => {
            let how = t_count(
                lang,
                "ballots-instructions-ranked",
                i64::from(paper.max_choices.unwrap_or(paper.projects.len() as i32)),
                &[],
            );
            // Two pots on one ranking: say how it is counted.
            match paper.district_id {
                Some(_) => format!("{how} {}", t(lang, "rounds-ranked-per-pot")),
                None => how,
            }
        }
        BallotType::Cumulative => {
            let total = i64::from(paper.points_total.unwrap_or(0));
            match paper.points_per_project {
                Some(max) => t_count(
                    lang,
                    "ballots-instructions-cumulative-max",
                    total,
                    &[("max", &max.to_string())],
                ),
                None => t_count(lang, "ballots-instructions-cumulative", total, &[]),
            }
        }
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
    let submit = t(viewer.lang, "ballots-review-button");
    ballot_form_at(viewer, title, paper, sel, errors, &action, &[], &submit)
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
    let lang = viewer.lang;
    let heading = t_with(lang, "ballots-vote-title", &[("title", title)]);
    let page_title = if errors.is_empty() {
        heading.clone()
    } else {
        format!("{} {heading}", t(lang, "form-error-prefix"))
    };
    layout_for(
        viewer,
        Page { title: &page_title },
        html! {
            h1 { (heading) }
            (error_summary(lang, errors))
            // One sentence: "Your ballot for <district> (and city-wide projects)."
            @if let Some(name) = &paper.district_name {
                p { (t(lang, "ballots-district-before")) " " strong { (name) } @if paper.citywide { " " (t(lang, "ballots-district-after")) } @else { "." } }
            }
            @if paper.ballot_type == BallotType::Knapsack { p { (t(lang, "ballots-budget")) " " (money(lang, paper.budget, &paper.currency)) } }
            @if paper.last_counts { p { (t(lang, "ballots-last-counts")) } }
            form method="post" action=(action) novalidate {
                (csrf_field(&viewer.csrf))
                @for (name, value) in hidden { input type="hidden" name=(name) value=(value); }
                @if let Some(code) = &sel.voting_code { input type="hidden" name="voting_code" value=(code); }
                @if let Some(d) = paper.district_id { input type="hidden" name="district" value=(d); }
                @if paper.ballot_type == BallotType::Knapsack {
                    // Filled in by /assets/ballot.js; hidden (and not needed) without it.
                    div #budget-meter .budget-meter hidden data-budget=(paper.budget) data-currency=(paper.currency)
                        data-left=(t(lang, "ballots-meter-left")) data-over=(t(lang, "ballots-meter-over")) {
                        p aria-live="polite" {
                            (t(lang, "ballots-meter-spent")) " " strong.spent { (money(lang, 0, &paper.currency)) }
                            " · " span.left-label { (t(lang, "ballots-meter-left")) } " " strong.left { (money(lang, paper.budget, &paper.currency)) }
                        }
                        meter min="0" max=(paper.budget) value="0" aria-hidden="true" {}
                    }
                    script src="/assets/ballot.js" defer {}
                }
                fieldset #ballot aria-describedby="ballot-help" {
                    legend { (t(lang, "ballots-projects")) }
                    p #ballot-help { (instructions(lang, paper)) }
                    @if let Some(message) = errors.get("ballot") { p.error id="ballot-error" role="alert" { span.visually-hidden { (t(lang, "form-error-prefix")) " " } (message.text(lang)) } }
                    ul.ballot {
                        @for p in &paper.projects {
                            li.card {
                                @if p.has_image { img.card-image src={"/proposals/" (p.id) "/image"} alt="" loading="lazy"; }
                                @match paper.ballot_type {
                                    BallotType::Approval | BallotType::Knapsack => {
                                        div.checkbox {
                                            input type="checkbox" id={"p" (p.id)} name="project" data-cost=(p.cost) value=(p.id) checked[sel.projects.contains(&p.id)];
                                            label for={"p" (p.id)} { strong { (p.title) } " — " (money(lang, p.cost, &paper.currency)) }
                                        }
                                    }
                                    BallotType::Ranked => {
                                        label for={"rank_" (p.id)} { strong { (p.title) } " — " (money(lang, p.cost, &paper.currency)) }
                                        select id={"rank_" (p.id)} name={"rank_" (p.id)} {
                                            option value="" { (t(lang, "ballots-not-ranked")) }
                                            @for r in &rank_options {
                                                @let value = r.to_string();
                                                option value=(value) selected[sel.ranks.get(&p.id) == Some(&value)] { (t_with(lang, "ballots-rank", &[("rank", &value)])) }
                                            }
                                        }
                                    }
                                    BallotType::Cumulative => {
                                        label for={"points_" (p.id)} { strong { (p.title) } " — " (money(lang, p.cost, &paper.currency)) }
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
    let lang = viewer.lang;
    let page_title = t_with(lang, "ballots-review-title", &[("title", title)]);
    layout_for(
        viewer,
        Page { title: &page_title },
        html! {
            h1 { (t(lang, "ballots-review-heading")) }
            p { (t(lang, if paper.last_counts { "ballots-review-lead-last-counts" } else { "ballots-review-lead" })) }
            @match paper.ballot_type {
                BallotType::Approval | BallotType::Knapsack => {
                    ul { @for p in &chosen { li { (p.title) " — " (money(lang, p.cost, &paper.currency)) } } }
                    @if paper.ballot_type == BallotType::Knapsack {
                        // One sentence: "Total: <amount> of <budget>".
                        p { (t(lang, "ballots-review-total")) " " strong { (money(lang, total, &paper.currency)) } " " (t(lang, "ballots-review-total-of")) " " (money(lang, paper.budget, &paper.currency)) }
                    }
                }
                BallotType::Ranked => { ol { @for (_, title) in &ranked { li { (title) } } } }
                BallotType::Cumulative => {
                    ul { @for p in &paper.projects { @if let Some(n) = sel.points.get(&p.id).filter(|n| !n.is_empty() && *n != "0") { li { (t_count(lang, "ballots-review-points", n.trim().parse::<i64>().unwrap_or(0), &[("title", &p.title), ("points", n)])) } } } }
                }
            }
            form method="post" action={"/rounds/" (paper.round_id) "/vote/cast"} {
                (csrf_field(&viewer.csrf))
                (hidden_choice(paper, sel))
                (button(&t(lang, "ballots-cast-button")))
            }
            form method="post" action={"/rounds/" (paper.round_id) "/vote/edit"} {
                (csrf_field(&viewer.csrf))
                (hidden_choice(paper, sel))
                button.button.secondary type="submit" { (t(lang, "ballots-change-button")) }
            }
        },
    )
}

/// `survey_token` is offered with a voter's first ballot only, so a revote does not bring a
/// second answer.
pub fn receipt(viewer: &Viewer, round_id: i64, code: &str, survey_token: Option<&str>) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "ballots-receipt-title");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (t(lang, "ballots-receipt-heading")) }
            p { (t(lang, "ballots-receipt-code-intro")) }
            p.tracking-code { strong { code { (code) } } }
            p { (t(lang, "ballots-receipt-keep")) }
            form method="post" action="/receipts/download" {
                (csrf_field(&viewer.csrf))
                input type="hidden" name="code" value=(code);
                button.button.secondary type="submit" { (t(lang, "ballots-receipt-download")) }
            }
            p { a href={"/rounds/" (round_id) "/bulletin"} { (t(lang, "ballots-receipt-see-board")) } }
            @if let Some(token) = survey_token {
                (survey_form(lang, round_id, &viewer.csrf, token, &Default::default(), &FieldErrors::default()))
            }
        },
    )
}

/// The optional, anonymous survey shown under the receipt.
pub fn survey_form(
    lang: Lang,
    round_id: i64,
    csrf: &str,
    token: &str,
    answers: &crate::domain::feedback::Answers,
    errors: &FieldErrors,
) -> Markup {
    use crate::domain::feedback::{EASE, FOUND, MAX_COMMENT};
    // The stored values stay; only their labels are translated.
    let ease_labels: Vec<(&str, String)> = EASE
        .iter()
        .map(|(v, _)| (*v, t(lang, &format!("ballots-ease-{v}"))))
        .collect();
    let ease: Vec<(&str, &str)> = ease_labels.iter().map(|(v, l)| (*v, l.as_str())).collect();
    let found_labels: Vec<(&str, String)> = FOUND
        .iter()
        .map(|(v, _)| (*v, t(lang, &format!("ballots-found-{v}"))))
        .collect();
    let found: Vec<(&str, &str)> = found_labels.iter().map(|(v, l)| (*v, l.as_str())).collect();
    let ease_legend = t(lang, "ballots-survey-ease");
    let found_legend = t(lang, "ballots-survey-found");
    let comment_label = t(lang, "ballots-survey-comment");
    let comment_hint = t_with(
        lang,
        "ballots-survey-comment-hint",
        &[("max", &lang.number(MAX_COMMENT as i64))],
    );
    html! {
        section.survey aria-labelledby="survey-heading" {
            h2 #survey-heading { (t(lang, "ballots-survey-heading-optional")) }
            p { (t(lang, "ballots-survey-anonymous")) }
            (error_summary(lang, errors))
            form method="post" action={"/rounds/" (round_id) "/feedback"} novalidate {
                (csrf_field(csrf))
                input type="hidden" name="token" value=(token);
                (radios(lang, "ease", &ease_legend, &ease, answers.ease.as_deref().unwrap_or(""), errors))
                (radios(lang, "found", &found_legend, &found, answers.found.as_deref().unwrap_or(""), errors))
                (textarea(lang, "comment", &comment_label, Some(&comment_hint), answers.comment.as_deref().unwrap_or(""), 4, errors))
                button.button type="submit" { (t(lang, "ballots-survey-send")) }
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
    let lang = viewer.lang;
    let title = t(lang, "ballots-survey-title");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            (survey_form(lang, round_id, &viewer.csrf, token, answers, errors))
        },
    )
}

pub fn survey_thanks(viewer: &Viewer, round_id: i64, message: &str) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "ballots-survey-thanks-title");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (t(lang, "ballots-survey-thanks-heading")) }
            p { (message) }
            p { a href={"/rounds/" (round_id)} { (t(lang, "ballots-back-to-round")) } }
        },
    )
}

pub fn survey_results(
    viewer: &Viewer,
    round_id: i64,
    title: &str,
    s: &crate::domain::feedback::Summary,
) -> Markup {
    use crate::domain::feedback::{EASE, FOUND};
    let lang = viewer.lang;
    let heading = t_with(lang, "ballots-feedback-title", &[("title", title)]);
    // The summary lists the answers in the order of EASE and FOUND, labelled in English:
    // label them again from the stored values.
    let ease_rows: Vec<(String, usize)> = EASE
        .iter()
        .zip(&s.ease)
        .map(|((v, _), (_, n))| (t(lang, &format!("ballots-ease-{v}")), *n))
        .collect();
    let found_rows: Vec<(String, usize)> = FOUND
        .iter()
        .zip(&s.found)
        .map(|((v, _), (_, n))| (t(lang, &format!("ballots-found-{v}")), *n))
        .collect();
    layout_for(
        viewer,
        Page { title: &heading },
        html! {
            h1 { (heading) }
            p { (t_with(lang, "ballots-feedback-responses", &[("count", &lang.number(s.responses as i64))]))
                @if let Some(avg) = s.average_ease { " " (t_with(lang, "ballots-feedback-average", &[("average", &lang.decimal(avg))])) } }
            (table(html! { (t(lang, "ballots-survey-ease")) }, html! { th scope="col" { (t(lang, "ballots-feedback-answer")) } th scope="col" { (t(lang, "ballots-feedback-people")) } }, html! { @for (label, n) in &ease_rows { tr { th scope="row" { (label) } td { (lang.number(*n as i64)) } } } }))
            (table(html! { (t(lang, "ballots-survey-found")) }, html! { th scope="col" { (t(lang, "ballots-feedback-answer")) } th scope="col" { (t(lang, "ballots-feedback-people")) } }, html! { @for (label, n) in &found_rows { tr { th scope="row" { (label) } td { (lang.number(*n as i64)) } } } }))
            h2 { (t(lang, "ballots-feedback-comments")) }
            @if s.comments.is_empty() { p { (t(lang, "ballots-feedback-no-comments")) } }
            ul { @for c in &s.comments { li { (c) } } }
            p { a href={"/rounds/" (round_id)} { (t(lang, "ballots-back-to-round")) } }
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
    let lang = viewer.lang;
    let heading = t_with(lang, "ballots-vote-title", &[("title", title)]);
    let code_label = t(lang, "ballots-code-label");
    let code_hint = t(lang, "ballots-code-hint");
    layout_for(
        viewer,
        Page { title: &heading },
        html! {
            h1 { (heading) }
            (error_summary(lang, errors))
            p { a.button href={"/login?next=/rounds/" (round_id) "/vote"} { (t(lang, "ballots-log-in-to-vote")) } }
            @if codes_allowed {
                h2 { (t(lang, "ballots-code-heading")) }
                p { (t(lang, "ballots-code-text")) }
                form method="post" action={"/rounds/" (round_id) "/vote/code"} novalidate {
                    (csrf_field(&viewer.csrf))
                    (super::components::input(lang, super::components::Field::new("voting_code", &code_label).hint(&code_hint).autocomplete("off").required(), errors))
                    (button(&t(lang, "ballots-code-continue")))
                }
            }
        },
    )
}

pub fn already_voted(viewer: &Viewer, title: &str, round_id: i64) -> Markup {
    let lang = viewer.lang;
    let heading = t(lang, "ballots-already-voted-title");
    layout_for(
        viewer,
        Page { title: &heading },
        html! {
            h1 { (heading) }
            p { (t_with(lang, "ballots-already-voted-text", &[("title", title)])) }
            // One sentence: "To check that it is counted, use your tracking code on the <bulletin board>."
            p { (t(lang, "ballots-already-voted-check-before")) " " a href={"/rounds/" (round_id) "/bulletin"} { (t(lang, "ballots-already-voted-check-link")) } (t(lang, "ballots-already-voted-check-after")) }
        },
    )
}

pub fn bulletin(
    viewer: &Viewer,
    title: &str,
    round_id: i64,
    head: &str,
    rows: &[(
        crate::domain::bulletin::BoardEntry,
        Option<Vec<crate::domain::ballot_words::ChoiceInWords>>,
    )],
    page: usize,
    pages: usize,
) -> Markup {
    let lang = viewer.lang;
    let heading = t_with(lang, "ballots-board-title", &[("title", title)]);
    let code_label = t(lang, "ballots-tracking-code");
    layout_for(
        viewer,
        Page { title: &heading },
        html! {
            h1 { (heading) }
            // One sentence: "… The chain head is <hash>."
            p { (t(lang, "ballots-board-lead")) " " code.hash { (head) } (t(lang, "ballots-board-lead-after")) }
            @if rows.iter().any(|(r, _)| r.content.is_none()) {
                p { (t(lang, "ballots-board-sealed-note")) }
            }
            h2 { (t(lang, "ballots-check-heading")) }
            form method="post" action="/receipts/check" novalidate {
                (csrf_field(&viewer.csrf))
                (super::components::input(lang, super::components::Field::new("code", &code_label).autocomplete("off").required(), &FieldErrors::default()))
                (button(&t(lang, "ballots-check-button")))
            }
            h2 { (t(lang, "ballots-board-entries")) }
            (table(html! { (t_with(lang, "ballots-board-page", &[("page", &lang.number(page as i64)), ("pages", &lang.number(pages.max(1) as i64))])) }, html! { th scope="col" { "#" } th scope="col" { (t(lang, "ballots-board-ballot")) } th scope="col" { (t(lang, "ballots-board-day")) } th scope="col" { (t(lang, "ballots-board-entry-hash")) } }, html! {
                    @for (r, words) in rows {
                        tr {
                            td { (r.seq) }
                            td { @match (words, &r.content) {
                                (Some(words), _) => { (choices_in_words(lang, words)) }
                                (None, Some(content)) => { code { (content) } }
                                (None, None) => { (t(lang, "ballots-board-sealed")) }
                            } }
                            td { (r.cast_day) }
                            td { code.hash { (r.entry_hash) } }
                        }
                    }
                }))
            (pagination(lang, &t(lang, "ballots-board-pages"), page as i64, pages as i64, |n| format!("/rounds/{round_id}/bulletin?page={n}")))
            // One sentence: "Machine-readable: <the whole chain as JSON>."
            p { (t(lang, "ballots-board-json-before")) " " a href={"/api/v1/rounds/" (round_id) "/bulletin"} { (t(lang, "ballots-board-json-link")) } (t(lang, "ballots-board-json-after")) }
        },
    )
}

/// A published ballot in words: titles, with ranks or points where the ballot has them.
fn choices_in_words(lang: Lang, words: &[crate::domain::ballot_words::ChoiceInWords]) -> Markup {
    html! {
        @if words.is_empty() {
            (t(lang, "ballots-words-empty"))
        } @else {
            ul.choices {
                @for c in words {
                    li {
                        @if let Some(rank) = c.rank { (lang.number(rank as i64)) ". " }
                        @match c.points {
                            Some(points) => { (t_count(lang, "ballots-review-points", points as i64, &[("title", &c.title), ("points", &lang.number(points as i64))])) }
                            None => { (c.title) }
                        }
                    }
                }
            }
        }
    }
}

pub fn inclusion(
    viewer: &Viewer,
    proof: Option<&crate::domain::bulletin::InclusionProof>,
    words: Option<&[crate::domain::ballot_words::ChoiceInWords]>,
) -> Markup {
    let lang = viewer.lang;
    let heading = t(lang, "ballots-check-heading");
    layout_for(
        viewer,
        Page { title: &heading },
        html! {
            h1 { (heading) }
            @match proof {
                Some(p) => {
                    // One sentence: "<Your ballot is on the bulletin board> as entry N of round M."
                    p.flash { strong { (t(lang, "ballots-inclusion-found")) } " " (t_with(lang, "ballots-inclusion-entry", &[("entry", &p.entry.seq.to_string()), ("round", &p.round_id.to_string())])) }
                    @match (words, &p.entry.content) {
                        (Some(words), _) => { p { (t(lang, "ballots-inclusion-reads")) } (choices_in_words(lang, words)) }
                        (None, Some(content)) => { p { (t(lang, "ballots-inclusion-reads")) " " code { (content) } } }
                        (None, None) => { p { (t(lang, "ballots-inclusion-sealed")) } }
                    }
                    @if let Some(later) = p.superseded_by {
                        p { strong { (t(lang, "ballots-inclusion-voted-again")) " " } (t_with(lang, "ballots-inclusion-replaced", &[("entry", &later.to_string())])) }
                    }
                    // One sentence: "Entry hash <hash>; chain intact." (or broken)
                    p { (t(lang, "ballots-inclusion-hash")) " " code.hash { (p.entry.entry_hash) } "; " (t(lang, if p.chain_valid { "ballots-chain-intact" } else { "ballots-chain-broken" })) "." }
                    @match &p.tree {
                        Some(tree) => {
                            p { (t_with(lang, "ballots-tree-included", &[("size", &tree.head.tree_size.to_string()), ("date", &tree.head.signed_on)])) " " code.hash { (tree.head.root_hash) } "." }
                            div #tree-check data-leaf-index=(tree.leaf_index) data-tree-size=(tree.head.tree_size) data-root=(tree.head.root_hash) data-entry-hash=(p.entry.entry_hash) data-path=(tree.path.join(",")) data-ok=(t(lang, "ballots-tree-check-ok")) data-failed=(t(lang, "ballots-tree-check-failed")) {
                                button.button.secondary #tree-check-run type="button" hidden { (t(lang, "ballots-tree-check")) }
                                p #tree-check-result role="status" {}
                            }
                            p.hint { (t(lang, "ballots-tree-offline")) }
                            script src="/assets/receipt.js" defer {}
                        }
                        None => { p { (t(lang, "ballots-tree-pending")) } }
                    }
                }
                None => { p { (t(lang, "ballots-not-found")) } }
            }
        },
    )
}

/// The district a voter votes in, asked before the ballot when their record does not say it.
/// Accounts come back to the ballot by a plain link-like GET; a code holder's code travels on.
pub fn choose_district(
    viewer: &Viewer,
    title: &str,
    round_id: i64,
    districts: &[(i64, String)],
    voting_code: Option<&str>,
    errors: &FieldErrors,
) -> Markup {
    let lang = viewer.lang;
    let heading = t_with(lang, "ballots-vote-title", &[("title", title)]);
    let values: Vec<(String, &str)> = districts
        .iter()
        .map(|(id, name)| (id.to_string(), name.as_str()))
        .collect();
    let options: Vec<(&str, &str)> = values.iter().map(|(v, n)| (v.as_str(), *n)).collect();
    let choices = radios(
        lang,
        "district",
        &t(lang, "ballots-choose-district-legend"),
        &options,
        "",
        errors,
    );
    layout_for(
        viewer,
        Page { title: &heading },
        html! {
            h1 { (heading) }
            p { (t(lang, "ballots-choose-district-text")) }
            @if let Some(code) = voting_code {
                form method="post" action={"/rounds/" (round_id) "/vote/code"} novalidate {
                    (csrf_field(&viewer.csrf))
                    input type="hidden" name="voting_code" value=(code);
                    (choices)
                    (button(&t(lang, "ballots-code-continue")))
                }
            } @else {
                form method="get" action={"/rounds/" (round_id) "/vote"} novalidate {
                    (choices)
                    (button(&t(lang, "ballots-code-continue")))
                }
            }
        },
    )
}

/// For a resident who cannot vote yet: what is missing, what to do about each, and where to
/// do it, instead of a bare refusal.
pub fn not_yet(
    viewer: &Viewer,
    title: &str,
    round_id: i64,
    eligibility: &crate::domain::eligibility::Eligibility,
) -> Markup {
    let lang = viewer.lang;
    let heading = t_with(lang, "ballots-vote-title", &[("title", title)]);
    layout_for(
        viewer,
        Page { title: &heading },
        html! {
            h1 { (heading) }
            p { strong { (t(lang, "rounds-cannot-vote")) } " " (t(lang, "rounds-missing")) }
            ul.requirements {
                @for r in eligibility.requirements.iter().filter(|r| !r.met) {
                    li {
                        (r.explanation.text(lang))
                        @if let Some(step) = &r.next_step { " " strong { (step.text(lang)) } }
                    }
                }
            }
            @if eligibility.requirements.iter().any(|r| r.name == "census" && !r.met) {
                (super::rounds::census_form(viewer, round_id, &FieldErrors::default()))
            }
            h2 { (t(lang, "ballots-not-yet-where")) }
            ul {
                li { a href={"/rounds/" (round_id) "#eligibility-heading"} { (t(lang, "ballots-not-yet-round")) } }
                li { a href="/account" { (t(lang, "ballots-not-yet-account")) } }
            }
        },
    )
}
