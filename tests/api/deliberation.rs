//! Deliberation and place in a real headless Chromium, in every language, in one browser
//! session per run: a resident comments on a proposal and follows it; its author answers
//! (marked as the author's), reports the comment, and proposes with a point clicked on the map
//! (typed without JavaScript); anyone finds that proposal on the round's map and opens it from
//! its marker by keyboard (from the list without JavaScript); a moderator hides the comment
//! with a public reason from the queue; the resident finds the reason on the proposal and the
//! answer on their account page. At phone width with axe-core on every page, and without
//! JavaScript at desktop width.

use serde_json::json;

use budgetbox::i18n::{t, Lang};

use crate::browser::{languages, start_browser, tools, Journey, ONE_BROWSER};
use crate::helpers::TestApp;

const PASSWORD: &str = "violet tram umbrella";
/// What people type in this journey, in English whatever the page's language.
pub(crate) const TYPED: [&str; 6] = [
    "Where exactly would the benches go?",
    "Between the bridge and the mill.",
    "Advertising, not about this proposal.",
    "Advertising is not allowed (rule 2).",
    "A drinking fountain",
    "A fountain with cold water near the playground.",
];

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// A round collecting proposals with one proposal by `author`; returns the round's and the
/// proposal's ids.
async fn proposal_by(app: &TestApp, council: &str, author: i64, code: &str) -> (i64, i64) {
    let config = json!({
        "title": format!("Riverside {code}"), "total_budget": "50000", "ballot_type": "approval", "rule": "greedy",
        "max_choices": "3", "residence": "none",
        "proposals_open_at": "2026-03-01T09:00", "review_at": "2026-04-01T09:00",
        "voting_open_at": "2026-05-01T09:00", "voting_close_at": "2026-05-15T18:00"
    });
    let res = app
        .send_bearer(reqwest::Method::POST, "/api/v1/rounds", council, &config)
        .await;
    assert_eq!(res.status(), 201);
    let round = res.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    use budgetbox::db::models::proposal;
    let now = at("2026-03-02T10:00");
    let p = proposal::insert(
        &mut app.conn(),
        &proposal::NewProposal {
            round_id: round,
            district_id: None,
            author_id: Some(author),
            title: "Benches by the river",
            description: "Proposed at a neighbourhood meeting.",
            category: None,
            location: None,
            estimated_cost: 900_000,
            validated_cost: None,
            status: "submitted",
            created_at: now,
            updated_at: now,
        },
    )
    .unwrap();
    (round, p)
}

async fn deliberation(
    app: &TestApp,
    js: bool,
    width: u32,
    langs: &[Lang],
    label: &str,
) -> Vec<String> {
    let Some((shots, axe)) = tools() else {
        return Vec::new();
    };
    let _turn = ONE_BROWSER.lock().await;
    app.clock.set(at("2026-03-10T12:00"));
    {
        use budgetbox::domain::place::{self, Point};
        place::set_bounding_box(
            &mut app.conn(),
            Point::new(52.0, 21.0).unwrap(),
            Point::new(52.4, 21.4).unwrap(),
        )
        .unwrap();
    }
    let (_driver, client) = start_browser(js, width).await;
    let mut j = Journey {
        app,
        client,
        shots,
        label: label.into(),
        axe: js.then_some(axe),
        width,
        lang: langs[0],
        findings: Vec::new(),
        step: 0,
    };
    for &lang in langs {
        let code = lang.code();
        j.lang = lang;
        let council_email = format!("moderator-{code}-{label}@example.org");
        app.create_user(&council_email, PASSWORD, "council");
        let council = app.api_login(&council_email, PASSWORD).await;
        let (ana, ben) = (
            format!("ana-{code}-{label}@example.org"),
            format!("ben-{code}-{label}@example.org"),
        );
        let ana_id = app.create_user(&ana, PASSWORD, "citizen");
        app.create_user(&ben, PASSWORD, "citizen");
        let (round, p) = proposal_by(app, &council, ana_id, code).await;
        j.open(&format!("/language/{code}")).await;

        // Ben comments and follows.
        j.log_in(&ben, ben.split('@').next().unwrap()).await;
        j.open(&format!("/proposals/{p}")).await;
        j.fill("body", TYPED[0]).await;
        j.click("form[action$='/comments'] button[type=submit]")
            .await;
        j.wait_for(&t(lang, "comments-done-commented")).await;
        j.look("commented").await;
        j.click(&format!("form[action='/proposals/{p}/follow'] button"))
            .await;
        j.wait_for(&t(lang, "mail-unfollow")).await;
        j.log_out().await;

        // Ana, the proposal's author, answers and reports the comment.
        j.log_in(&ana, ana.split('@').next().unwrap()).await;
        j.open(&format!("/proposals/{p}")).await;
        j.click("ol.comments a[href$='/reply']").await;
        j.wait_for(&format!("<h1>{}</h1>", t(lang, "comments-reply-title")))
            .await;
        j.look("reply-form").await;
        j.fill("body", TYPED[1]).await;
        j.click("main form button[type=submit]").await;
        j.wait_for(&t(lang, "comments-done-commented")).await;
        let page = j.wait_for(TYPED[1]).await;
        assert!(
            page.contains(&t(lang, "comments-official-author")),
            "the author's answer is marked"
        );
        j.look("answered").await;
        j.click("ol.comments a[href$='/flag']").await;
        j.wait_for(&format!("<h1>{}</h1>", t(lang, "comments-report-title")))
            .await;
        j.fill("reason", TYPED[2]).await;
        j.click("main form button[type=submit]").await;
        j.wait_for(&t(lang, "comments-done-reported")).await;

        // Ana proposes with a point: clicked on the map, or typed without JavaScript.
        j.open(&format!("/rounds/{round}/proposals/new")).await;
        j.fill("title", TYPED[4]).await;
        j.fill("description", TYPED[5]).await;
        j.fill("estimated_cost", "1200").await;
        if js {
            j.click("#point-map").await;
            let filled = j.wait_for_value("point").await;
            assert!(
                filled.contains(", "),
                "clicking the map fills the coordinates: {filled}"
            );
        } else {
            j.fill("point", "52.2, 21.2").await;
        }
        j.look("propose-with-point").await;
        j.click("#proposal-form button[type=submit]").await;
        j.wait_for(&t(lang, "proposals-done-submitted")).await;
        let page = j.wait_for(&t(lang, "map-see-on-map")).await;
        let id: i64 = page
            .split("#marker-")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();

        // Anyone finds it on the round's map and opens it from its marker, by keyboard too;
        // without JavaScript, from the list that says the same.
        j.open(&format!("/rounds/{round}/map")).await;
        j.wait_for(&format!("id=\"marker-{id}\"")).await;
        if js {
            j.wait_for(&format!("id=\"pin-marker-{id}\"")).await;
            j.look("map").await;
            j.press_enter_on(&format!("#pin-marker-{id}")).await;
            j.wait_for("leaflet-popup-content").await;
            // Leaflet fades the card in; axe, run during the fade, measures faded text (it did
            // in CI, under load).
            j.wait_until(
                "const p = document.querySelector('.leaflet-popup');
                 return !!p && getComputedStyle(p).opacity === '1';",
                "the map's card finished fading in",
            )
            .await;
            j.look("map-card").await;
            j.click(&format!(".leaflet-popup-content a[href='/proposals/{id}']"))
                .await;
        } else {
            j.look("map-list").await;
            j.click(&format!("#marker-{id} a[href='/proposals/{id}']"))
                .await;
        }
        j.wait_for(&format!("<h1>{}</h1>", TYPED[4])).await;
        j.log_out().await;

        // The moderator hides it from the queue, with a public reason.
        j.log_in(&council_email, council_email.split('@').next().unwrap())
            .await;
        j.open("/moderation/comments").await;
        j.wait_for(TYPED[0]).await;
        j.look("queue").await;
        j.click("ol.comments a[href$='/hide']").await;
        j.wait_for(&format!("<h1>{}</h1>", t(lang, "comments-hide-title")))
            .await;
        j.fill("reason", TYPED[3]).await;
        j.look("hide-form").await;
        j.click("main form button[type=submit]").await;
        j.wait_for(&t(lang, "comments-done-hidden")).await;
        j.log_out().await;

        // Ben sees why, and finds the answer among the news of what he follows.
        j.log_in(&ben, ben.split('@').next().unwrap()).await;
        j.open(&format!("/proposals/{p}")).await;
        let page = j.wait_for(TYPED[3]).await;
        assert!(
            !page.contains(TYPED[0]),
            "the hidden text is gone from the page"
        );
        j.look("hidden").await;
        j.open("/account").await;
        j.wait_for(TYPED[1]).await;
        j.look("account-followed").await;
        // Keyboard: a comment's action link takes focus and shows it.
        if js {
            j.open(&format!("/proposals/{p}")).await;
            let outline = j.client.execute(
                "const a = document.querySelector('ol.comments a'); a.focus();
                 return document.activeElement === a ? getComputedStyle(a).outlineStyle : 'not focused';", vec![]).await.unwrap();
            assert!(
                outline
                    .as_str()
                    .is_some_and(|o| o != "none" && o != "not focused"),
                "focus is visible on comment actions: {outline}"
            );
        }
        j.log_out().await;
    }
    j.client.close().await.unwrap();
    j.findings
}

both_backends_with_clock! {
    async fn residents_deliberate_and_moderators_hide_in_every_language(app) {
        let langs = languages(&app);
        let mut findings = deliberation(&app, true, 360, &langs, &format!("talk-phone-{}", app.backend_name())).await;
        // Without JavaScript: the same journey in every language, the map's list standing in
        // for the map (on SQLite; the pages do not depend on the database).
        if app.backend_name() == "sqlite" {
            findings.extend(deliberation(&app, false, 1280, &langs, "talk-desktop-nojs").await);
        }
        assert!(findings.is_empty(), "{findings:#?}");
    }
}
