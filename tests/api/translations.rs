//! The council translates round and proposal texts; each reader sees their language's
//! translation when there is one, the original otherwise, and a hidden proposal stays hidden.

use budgetbox::domain::ProposalId;
use budgetbox::i18n::{t, Lang, Message};
use reqwest::Method;
use serde_json::{json, Value};

use crate::ballots::{at, fixture, PASSWORD};
use crate::helpers::TestApp;

async fn page_in(app: &TestApp, lang: Lang, path: &str) -> String {
    let res = app
        .client
        .get(app.url(path))
        .header("Accept", "text/html")
        .header("Cookie", format!("bb_lang={}", lang.code()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

both_backends_with_clock! {
    async fn readers_see_the_councils_translation_in_their_language(app) {
        let f = fixture(&app, "approval", json!({"title": "Green Streets"})).await;
        let project = f.north_projects[0];
        let council = app.api_login("council@example.org", PASSWORD).await;
        let put = |path: String, body: Value| {
            let app = &app;
            let token = council.clone();
            async move { app.send_bearer(Method::PUT, &path, &token, &body).await }
        };
        let res = put(
            format!("/api/v1/rounds/{}/translations/es", f.round),
            json!({"title": "Calles Verdes", "description": "Ideas para calles más verdes."}),
        )
        .await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        let res = put(
            format!("/api/v1/proposals/{project}/translations/es"),
            json!({"title": "Árboles en la calle Mayor"}),
        )
        .await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.json::<Value>().await.unwrap()["translated"], true);

        // Spanish readers see the translation, marked as one; others the original.
        let round_es = page_in(&app, Lang::Es, &format!("/rounds/{}", f.round)).await;
        assert!(round_es.contains("Calles Verdes") && round_es.contains("Ideas para calles más verdes."), "{round_es}");
        assert!(round_es.contains(&t(Lang::Es, "translation-note")), "{round_es}");
        let home_es = page_in(&app, Lang::Es, "/").await;
        assert!(home_es.contains("Calles Verdes"));
        let ballot_es = page_in(&app, Lang::Es, &format!("/proposals/{project}")).await;
        assert!(ballot_es.contains("Árboles en la calle Mayor"), "{ballot_es}");
        for lang in [Lang::En, Lang::Pl] {
            let page = page_in(&app, lang, &format!("/rounds/{}", f.round)).await;
            assert!(page.contains("Green Streets") && !page.contains("Calles Verdes"), "{}", lang.code());
            assert!(!page.contains(&t(lang, "translation-note")));
        }

        // Only the council translates, only into shipped languages, within limits.
        let citizen = app
            .send_bearer(Method::PUT, &format!("/api/v1/rounds/{}/translations/pl", f.round), &f.citizen, &json!({"title": "Zielone ulice"}))
            .await;
        assert_eq!(citizen.status(), 403);
        let french = put(format!("/api/v1/rounds/{}/translations/fr", f.round), json!({"title": "Rues vertes"})).await;
        assert_eq!(french.status(), 404);
        let long = put(format!("/api/v1/rounds/{}/translations/pl", f.round), json!({"title": "x".repeat(201)})).await;
        assert_eq!(long.status(), 422);
        let no_title = put(format!("/api/v1/rounds/{}/translations/pl", f.round), json!({"title": " ", "description": "Opis"})).await;
        assert_eq!(no_title.status(), 422);
        let missing = put("/api/v1/proposals/999999/translations/pl".into(), json!({"title": "Nic"})).await;
        assert_eq!(missing.status(), 404);

        // Every change is in the audit log, with who and what.
        let mut conn = app.conn();
        let log = budgetbox::db::models::audit::latest(&mut conn, 50).unwrap();
        assert_eq!(log.iter().filter(|e| e.action == "translation saved").count(), 2);
        drop(conn);

        // A hidden proposal's translation is hidden too.
        let moderator = app.create_user("mod@example.org", PASSWORD, "council");
        let mut conn = app.conn();
        budgetbox::domain::proposals::moderate(&mut conn, &budgetbox::domain::notifications::Mailing { public_url: app.url(""), secret: app.secret.expose().to_vec() }, moderator, ProposalId(project), true, "Names a private person.", at("2026-06-05T12:00")).unwrap();
        drop(conn);
        let hidden = page_in(&app, Lang::Es, &format!("/proposals/{project}")).await;
        assert!(!hidden.contains("Árboles en la calle Mayor"), "{hidden}");

        // Both fields empty removes the translation.
        let res = put(format!("/api/v1/rounds/{}/translations/es", f.round), json!({"title": "", "description": ""})).await;
        assert_eq!(res.json::<Value>().await.unwrap()["translated"], false);
        let round_es = page_in(&app, Lang::Es, &format!("/rounds/{}", f.round)).await;
        assert!(!round_es.contains("Calles Verdes") && round_es.contains("Green Streets"));
    }
}

both_backends! {
    async fn form_errors_are_written_in_the_readers_language(app) {
        let browser = app.new_browser();
        let res = browser.get(app.url("/language/pl?back=/register")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let res = app
            .submit_with(&browser, "/register", "/register", &[("display_name", ""), ("email", "nope"), ("password", "short")])
            .await;
        assert!(res.status().is_client_error(), "{}", res.status());
        let page = res.text().await.unwrap();
        assert!(page.contains("<html lang=\"pl\""), "{page}");
        let expected = [
            Message::new("messages-account-enter-name-other-people"),
            Message::new("messages-account-enter-email-address-name"),
            Message::new("messages-password-too-short").with("min", 10),
        ];
        for message in expected {
            let polish = message.text(Lang::Pl);
            assert_ne!(polish, message.text(Lang::En), "translated");
            assert!(page.contains(&polish), "{polish}: {page}");
        }

        // The API speaks English, whatever the cookie says.
        let res = app
            .client
            .post(app.url("/api/v1/auth/register"))
            .header("Cookie", "bb_lang=pl")
            .json(&json!({"display_name": "", "email": "nope", "password": "short"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["fields"]["email"], "Enter an email address like name@example.org.");
    }
}

both_backends_with_clock! {
    async fn a_translation_goes_when_the_words_it_translates_change(app) {
        app.create_user("council@example.org", PASSWORD, "council");
        app.create_user("ana@example.org", PASSWORD, "citizen");
        let council = app.api_login("council@example.org", PASSWORD).await;
        let ana = app.api_login("ana@example.org", PASSWORD).await;
        let mut config = json!({
            "title": "Green Streets", "total_budget": "50000", "ballot_type": "approval", "rule": "greedy",
            "proposals_open_at": "2026-03-01T09:00", "review_at": "2026-04-01T09:00",
            "voting_open_at": "2026-05-01T09:00", "voting_close_at": "2026-05-15T18:00"
        });
        let res = app.send_bearer(Method::POST, "/api/v1/rounds", &council, &config).await;
        assert_eq!(res.status(), 201);
        let round = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let mut proposal_text = json!({
            "title": "Trees on Mill Street",
            "description": "Twelve trees between the school and the library.",
            "estimated_cost": "12000"
        });
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{round}/proposals"), &ana, &proposal_text).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        let proposal = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let translate = |path: String, title: &'static str| {
            let app = &app;
            let council = council.clone();
            async move {
                let res = app.send_bearer(Method::PUT, &path, &council, &json!({"title": title})).await;
                assert_eq!(res.status(), 200);
            }
        };
        translate(format!("/api/v1/rounds/{round}/translations/es"), "Calles Verdes").await;
        translate(format!("/api/v1/proposals/{proposal}/translations/es"), "Árboles en Mill Street").await;

        // A new cost leaves the words, and their translation, as they were.
        proposal_text["estimated_cost"] = "13000".into();
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/proposals/{proposal}"), &ana, &proposal_text).await;
        assert!(res.status().is_success(), "{}", res.status());
        assert!(page_in(&app, Lang::Es, &format!("/proposals/{proposal}")).await.contains("Árboles en Mill Street"));
        // New words: Spanish readers see the author's, until the council translates them.
        proposal_text["title"] = "Trees and benches on Mill Street".into();
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/proposals/{proposal}"), &ana, &proposal_text).await;
        assert!(res.status().is_success());
        let page = page_in(&app, Lang::Es, &format!("/proposals/{proposal}")).await;
        assert!(!page.contains("Árboles en Mill Street") && page.contains("Trees and benches on Mill Street"));
        assert!(!page.contains(&t(Lang::Es, "translation-note")));

        // The same for the round's own title.
        assert!(page_in(&app, Lang::Es, &format!("/rounds/{round}")).await.contains("Calles Verdes"));
        config["title"] = "Green and Quiet Streets".into();
        config["reason"] = "a clearer name".into();
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/rounds/{round}"), &council, &config).await;
        assert!(res.status().is_success(), "{}", res.text().await.unwrap());
        let page = page_in(&app, Lang::Es, &format!("/rounds/{round}")).await;
        assert!(!page.contains("Calles Verdes") && page.contains("Green and Quiet Streets"));
    }
}

both_backends_with_clock! {
    async fn the_council_translates_on_its_own_page_and_keeps_what_it_typed_on_an_error(app) {
        let f = fixture(&app, "approval", json!({"title": "Green Streets"})).await;
        let browser = app.new_browser();
        app.submit_with(&browser, "/login", "/login", &[("email", "council@example.org"), ("password", PASSWORD)]).await;
        let page = format!("/proposals/{}/translations", f.north_projects[0]);
        let shown = browser.get(app.url(&page)).header("Accept", "text/html").send().await.unwrap();
        assert_eq!(shown.status(), 200);
        assert!(shown.text().await.unwrap().contains("N1"), "the original text is on the page");

        // No language chosen, and a title far too long: both said, nothing typed lost.
        let long = "Árboles ".repeat(40);
        let res = app
            .submit_with(&browser, &page, &page, &[("translation_lang", ""), ("translated_title", "Árboles"), ("translated_description", "Doce árboles.")])
            .await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"translation_lang-error\"") && body.contains("Doce árboles."), "{body}");
        let res = app
            .submit_with(&browser, &page, &page, &[("translation_lang", "es"), ("translated_title", long.trim()), ("translated_description", "")])
            .await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("id=\"translated_title-error\"") && body.contains("value=\"Árboles Árboles"), "{body}");

        let res = app
            .submit_with(&browser, &page, &page, &[("translation_lang", "es"), ("translated_title", "Árboles en el norte"), ("translated_description", "")])
            .await;
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_string();
        let after = browser.get(app.url(&location)).header("Accept", "text/html").send().await.unwrap().text().await.unwrap();
        assert!(after.contains("Árboles en el norte") && after.contains("role=\"status\""), "{after}");

        // Residents may not open it.
        let resident = app.new_browser();
        app.submit_with(&resident, "/login", "/login", &[("email", "voter@example.org"), ("password", PASSWORD)]).await;
        let res = resident.get(app.url(&page)).header("Accept", "text/html").send().await.unwrap();
        assert_eq!(res.status(), 403);
    }
}
