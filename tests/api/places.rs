//! Where proposals would be, on both backends: points typed, picked from the council's named
//! places or refused outside the city or the district; the round's map page and its list;
//! the GeoJSON and Pabulib exports; the tile host in the CSP and Leaflet served from assets.

use reqwest::Method;
use serde_json::{json, Value};

use crate::ballots::{at, fixture, Fixture, PASSWORD};
use crate::helpers::TestApp;
use budgetbox::domain::place::{self, Point};

/// The fixture's two districts side by side: north is the western half of the box, south the
/// eastern half; the box is the city. Three named places.
fn set_area(app: &TestApp) {
    let mut conn = app.conn();
    place::set_bounding_box(
        &mut conn,
        Point::new(52.0, 21.0).unwrap(),
        Point::new(52.2, 21.4).unwrap(),
    )
    .unwrap();
    let half = |w: f64, e: f64| {
        json!({"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
        "coordinates": [[[w, 52.0], [e, 52.0], [e, 52.2], [w, 52.2], [w, 52.0]]]}})
        .to_string()
    };
    place::set_boundary(&mut conn, "north", Some(&half(21.0, 21.2))).unwrap();
    place::set_boundary(&mut conn, "south", Some(&half(21.2, 21.4))).unwrap();
    let count = place::import_named_places(&mut conn, "district,name,latitude,longitude\nnorth,North library,52.10,21.05\nsouth,South pool,52.10,21.30\n,Central station,52.15,21.20\n").unwrap();
    assert_eq!(count, 3);
}

async fn propose(app: &TestApp, f: &Fixture, token: &str, extra: Value) -> reqwest::Response {
    let mut body = json!({"title": "Benches by the pond", "description": "Six benches around the pond in the park.", "estimated_cost": "500", "district": "north"});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    app.send_bearer(
        Method::POST,
        &format!("/api/v1/rounds/{}/proposals", f.round),
        token,
        &body,
    )
    .await
}

async fn field_error(res: reqwest::Response, field: &str) -> String {
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    body["fields"][field]
        .as_str()
        .unwrap_or_else(|| panic!("no error on {field}: {body}"))
        .to_string()
}

both_backends_with_clock! {
    async fn points_are_checked_against_the_city_and_the_district(app) {
        let f = fixture(&app, "approval", json!({})).await;
        app.clock.set(at("2026-04-10T12:00"));
        let voter = f.citizen.clone();

        // Before the city says where it is, no point is taken.
        let why = field_error(propose(&app, &f, &voter, json!({"point": "52.1, 21.1"})).await, "point").await;
        assert!(why.contains("has not set its area"), "{why}");
        set_area(&app);

        let res = propose(&app, &f, &voter, json!({"point": "52.1, 21.1"})).await;
        assert_eq!(res.status(), 201);
        let made: Value = res.json().await.unwrap();
        assert_eq!(made["point"], json!({"latitude": 52.1, "longitude": 21.1}));
        for (point, expected) in [
            ("52.1, 21.3", "outside North"),
            ("48.85, 2.35", "outside North"),
            ("abc", "latitude and longitude"),
            ("52.1", "latitude and longitude"),
            ("95, 21.1", "latitude and longitude"),
            ("52.1, 21.1, 3", "latitude and longitude"),
        ] {
            let why = field_error(propose(&app, &f, &voter, json!({"point": point})).await, "point").await;
            assert!(why.contains(expected), "{point}: {why}");
        }
        // A city-wide proposal needs only to be in the city; this round has no city-wide pot,
        // so the district is asked for first.
        let why = field_error(propose(&app, &f, &voter, json!({"point": "51.0, 21.1", "district": "south"})).await, "point").await;
        assert!(why.contains("outside South"), "{why}");

        // A named place, by id; it names the location too.
        let places = {
            let mut conn = app.conn();
            place::named_places(&mut conn).unwrap()
        };
        let library = places.iter().find(|p| p.name == "North library").unwrap();
        let pool = places.iter().find(|p| p.name == "South pool").unwrap();
        let res = propose(&app, &f, &voter, json!({"place": library.id.to_string()})).await;
        assert_eq!(res.status(), 201);
        let made_at_library: Value = res.json().await.unwrap();
        assert_eq!(made_at_library["location"], "North library");
        assert_eq!(made_at_library["point"]["latitude"], 52.1);
        let why = field_error(propose(&app, &f, &voter, json!({"place": pool.id.to_string()})).await, "place").await;
        assert!(why.contains("outside North"), "a South place for a North proposal: {why}");
        let why = field_error(propose(&app, &f, &voter, json!({"place": "999999"})).await, "place").await;
        assert!(why.contains("Choose one of the places"), "{why}");
        let why = field_error(propose(&app, &f, &voter, json!({"place": library.id.to_string(), "point": "52.1, 21.1"})).await, "point").await;
        assert!(why.contains("not both"), "{why}");

        // Editing moves or removes the point.
        let id = made["id"].as_i64().unwrap();
        let edit = |point: &str| json!({"title": "Benches by the pond", "description": "Six benches around the pond in the park.", "estimated_cost": "500", "district": "north", "point": point});
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/proposals/{id}"), &voter, &edit("52.15, 21.15")).await;
        assert_eq!(res.json::<Value>().await.unwrap()["point"]["longitude"], 21.15);
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/proposals/{id}"), &voter, &edit("52.15, 21.35")).await;
        assert_eq!(res.status(), 422, "moved outside its district");
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/proposals/{id}"), &voter, &edit("")).await;
        assert_eq!(res.json::<Value>().await.unwrap()["point"], Value::Null);

        // The form, without JavaScript: the place fields, errors tied to them, what was typed kept.
        let browser = app.new_browser();
        app.submit_with(&browser, "/login", "/login", &[("email", "voter@example.org"), ("password", PASSWORD)]).await;
        let form = format!("/rounds/{}/proposals/new", f.round);
        let page = browser.get(app.url(&form)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("<select id=\"place\" name=\"place\"") && page.contains("<optgroup label=\"North\"><option value=\"") && page.contains(">North library</option>"), "{page}");
        assert!(page.contains("id=\"point\""));
        let fields = [("title", "Lights on the bridge"), ("description", "Twelve lamps along the old bridge."), ("estimated_cost", "800"), ("district", "north"), ("point", "52.1, 21.3"), ("place", "")];
        let res = app.submit_with(&browser, &form, &form, &fields).await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("id=\"point-error\"") && page.contains("aria-describedby=\"point-hint point-error\"") && page.contains("value=\"52.1, 21.3\""), "{page}");
        let fields = [("title", "Lights on the bridge"), ("description", "Twelve lamps along the old bridge."), ("estimated_cost", "800"), ("district", "north"), ("point", ""), ("place", &library.id.to_string())];
        let res = app.submit_with(&browser, &form, &form, &fields).await;
        assert_eq!(res.status(), 303);
        let shown = browser.get(app.url(res.headers()["location"].to_str().unwrap())).send().await.unwrap().text().await.unwrap();
        assert!(shown.contains("North library (52.100000, 21.050000)") && shown.contains(&format!("/rounds/{}/map#marker-", f.round)), "{shown}");
    }
}

both_backends_with_clock! {
    async fn the_map_lists_every_marker_and_the_exports_carry_the_points(app) {
        let f = fixture(&app, "approval", json!({})).await;
        set_area(&app);
        {
            use budgetbox::db::models::proposal;
            let mut conn = app.conn();
            proposal::set_point(&mut conn, f.north_projects[0], Some((52.05, 21.05))).unwrap();
            proposal::set_point(&mut conn, f.north_projects[1], Some((52.18, 21.18))).unwrap();
            proposal::set_point(&mut conn, f.south_project, Some((52.1, 21.3))).unwrap();
            proposal::set_point(&mut conn, f.infeasible, Some((52.1, 21.1))).unwrap();
        }
        let map = format!("/rounds/{}/map", f.round);
        let page = app.get_html(&map).await.text().await.unwrap();
        for id in [f.north_projects[0], f.north_projects[1], f.south_project, f.infeasible] {
            assert!(page.contains(&format!("id=\"marker-{id}\"")), "marker {id}: {page}");
        }
        assert!(page.contains("data-lat=\"52.05\" data-lon=\"21.05\""));
        assert!(page.contains("<h3>North</h3>") && page.contains("<h3>South</h3>"), "the list by district");
        assert!(page.contains("id=\"round-map\" hidden"), "the map box stays hidden without JavaScript");
        assert!(page.contains("src=\"/assets/vendor/leaflet/leaflet.js\"") && page.contains("data-tiles=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\""));
        assert!(page.contains("One more proposal matches but has no place."), "N3 has none");
        // Filters and distances, all through the query string.
        let feasible = app.get_html(&format!("{map}?status=feasible&district=north")).await.text().await.unwrap();
        assert!(feasible.contains(&format!("marker-{}", f.north_projects[0])) && !feasible.contains(&format!("marker-{}\"", f.infeasible)) && !feasible.contains(&format!("marker-{}\"", f.south_project)));
        let library = {
            let mut conn = app.conn();
            place::named_places(&mut conn).unwrap().into_iter().find(|p| p.name == "North library").unwrap()
        };
        let near = app.get_html(&format!("{map}?district=north&from={}", library.id)).await.text().await.unwrap();
        // From the library (52.10, 21.05): NX is 3.4 km east, N1 5.6 km south, N2 farther.
        let first = near.find(&format!("marker-{}\"", f.infeasible)).unwrap();
        let second = near.find(&format!("marker-{}\"", f.north_projects[0])).unwrap();
        let third = near.find(&format!("marker-{}\"", f.north_projects[1])).unwrap();
        assert!(first < second && second < third, "nearest first");
        assert!(near.contains("km from North library"), "{near}");

        // The CSP lets images come from the tile host and nowhere else; Leaflet is ours.
        let res = app.get_html(&map).await;
        let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
        assert!(csp.contains("img-src 'self' data: https://tile.openstreetmap.org;") && csp.contains("script-src 'self';"), "{csp}");
        let sums = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/vendor/leaflet/SHA256SUMS")).unwrap();
        for (file, kind) in [("leaflet.js", "text/javascript"), ("leaflet.css", "text/css"), ("images/marker-icon.png", "image/png")] {
            let res = app.get(&format!("/assets/vendor/leaflet/{file}")).await;
            assert_eq!(res.status(), 200, "{file}");
            assert!(res.headers()["content-type"].to_str().unwrap().starts_with(kind));
            use sha2::Digest;
            let digest = hex::encode(sha2::Sha256::digest(res.bytes().await.unwrap()));
            assert!(sums.contains(&format!("{digest}  ./{file}")), "{file} is the pinned Leaflet");
        }
        assert!(app.get("/assets/map.js").await.text().await.unwrap().contains("marker-item"));

        // GeoJSON: longitude first; hidden proposals left out.
        let hidden_one = f.north_projects[1];
        {
            let mailing = budgetbox::domain::notifications::Mailing { public_url: app.url(""), secret: app.secret.expose().to_vec() };
            let staff = budgetbox::db::models::user::find_by_email(&mut app.conn(), "council@example.org").unwrap().unwrap().id;
            budgetbox::domain::proposals::moderate(&mut app.conn(), &mailing, staff, budgetbox::domain::ProposalId(hidden_one), true, "Names a private person.", at("2026-06-05T12:00")).unwrap();
        }
        let res = app.get(&format!("/api/v1/rounds/{}/export.geojson", f.round)).await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/geo+json"));
        let geo: Value = res.json().await.unwrap();
        assert_eq!(geo["type"], "FeatureCollection");
        let features = geo["features"].as_array().unwrap();
        assert_eq!(features.len(), 3, "{geo}");
        let n1 = features.iter().find(|x| x["id"] == f.north_projects[0]).unwrap();
        assert_eq!(n1["geometry"], json!({"type": "Point", "coordinates": [21.05, 52.05]}));
        assert_eq!(n1["properties"]["title"], "N1");
        assert_eq!(n1["properties"]["district"], "north");
        assert!(features.iter().all(|x| x["id"] != hidden_one));
        let page = app.get_html(&map).await.text().await.unwrap();
        assert!(!page.contains(&format!("marker-{hidden_one}\"")), "a hidden proposal has no marker");

        // After the results: funded projects marked on the map and in the files.
        let council = app.api_login("council@example.org", PASSWORD).await;
        let (status, _) = crate::ballots::cast(&app, &f, json!({"district": f.north, "projects": [f.north_projects[0]]})).await;
        assert_eq!(status, 201);
        app.clock.set(at("2026-06-16T10:00"));
        assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/count", f.round), &council, &json!({})).await.status(), 201);
        assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/advance", f.round), &council, &json!({"reason": "approved"})).await.status(), 200);
        let page = app.get_html(&map).await.text().await.unwrap();
        let item = page.split(&format!("id=\"marker-{}\"", f.north_projects[0])).nth(1).unwrap().split("</li>").next().unwrap().to_string();
        assert!(item.contains("data-funded=\"true\"") && item.contains(">Funded</strong>"), "{item}");
        let geo: Value = app.get(&format!("/api/v1/rounds/{}/export.geojson", f.round)).await.json().await.unwrap();
        let n1 = geo["features"].as_array().unwrap().iter().find(|x| x["id"] == f.north_projects[0]).unwrap().clone();
        assert_eq!(n1["properties"]["funded"], true);
        let pb = app.get(&format!("/api/v1/rounds/{}/export.pb?pot=north", f.round)).await.text().await.unwrap();
        let header = pb.lines().skip_while(|l| *l != "PROJECTS").nth(1).unwrap().to_string();
        assert!(header.ends_with(";latitude;longitude") || header.contains(";latitude;longitude;"), "{header}");
        let n1_line = pb.lines().find(|l| l.starts_with(&format!("{};", f.north_projects[0]))).unwrap();
        assert!(n1_line.contains("52.050000;21.050000"), "{n1_line}");
        let hidden_line = pb.lines().find(|l| l.starts_with(&format!("{hidden_one};"))).unwrap();
        assert!(hidden_line.contains("Hidden by the moderators") && !hidden_line.contains("52.180000") && !hidden_line.contains(";N2;"), "a hidden proposal's title and point stay hidden: {hidden_line}");
        let parsed = budgetbox::pabulib::parse(&pb).expect("still a valid Pabulib file");
        assert!(parsed.project_columns.iter().any(|c| c == "latitude"));
    }
}

both_backends_with_clock! {
    async fn the_council_keeps_the_named_places_on_its_page(app) {
        let _f = fixture(&app, "approval", json!({})).await;
        set_area(&app);
        let council = app.new_browser();
        app.submit_with(&council, "/login", "/login", &[("email", "council@example.org"), ("password", PASSWORD)]).await;
        let page = council.get(app.url("/council/places")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("North library") && page.contains("north,North library,52.1,21.05"), "the list and its CSV: {page}");
        // One wrong line: its number and why, next to the field; nothing changes.
        let bad = "district,name,latitude,longitude\nnorth,North park,52.15,21.1\nnorth,Far away,48.85,2.35\n";
        let res = app.submit_with(&council, "/council/places", "/council/places", &[("places", bad)]).await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("id=\"places-error\"") && page.contains("Line 3: This point is outside North") && page.contains("Nothing was changed."), "{page}");
        assert!(page.contains("Far away"), "what was typed is kept");
        assert_eq!(place::named_places(&mut app.conn()).unwrap().len(), 3, "nothing changed");
        let good = "district,name,latitude,longitude\nnorth,North park,52.15,21.1\n";
        let res = app.submit_with(&council, "/council/places", "/council/places", &[("places", good)]).await;
        assert_eq!(res.status(), 303);
        let names: Vec<String> = place::named_places(&mut app.conn()).unwrap().into_iter().map(|p| p.name).collect();
        assert_eq!(names, vec!["North park"]);
        let voter = app.new_browser();
        app.submit_with(&voter, "/login", "/login", &[("email", "voter@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(voter.get(app.url("/council/places")).send().await.unwrap().status(), 403);
    }
}
