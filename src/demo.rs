//! The demo city of Riverton: three districts, a round in its voting phase, a past round with
//! published results, proposals in several states, a few hundred voters and their ballots.
//! Generated from a fixed seed, so every demo looks the same; only the staff passwords are
//! random, and they are printed once.

use crate::domain::RoundId;
use std::fmt;

use chrono::{Duration, NaiveDateTime};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::auth::password;
use crate::db::models::proposal::NewProposal;
use crate::db::models::round::NewRound;
use crate::db::models::user::NewUser;
use crate::db::models::{district, proposal, round, user};
use crate::db::{write_transaction, DbConnection};
use crate::domain::ballots::{self, Channel, Choice, Voter};
use crate::domain::board_writes;
use crate::error::{AppError, AppResult};

const DISTRICTS: [(&str, &str); 3] = [
    ("northbank", "Northbank"),
    ("old-town", "Old Town"),
    ("riverside", "Riverside"),
];
/// The demo city's area: a box, cut into three districts from west to east.
const SOUTH: f64 = 52.380;
const NORTH: f64 = 52.440;
const WEST: f64 = 16.860;
const SLICE: f64 = 0.040;
const NAMED_PLACES: &str = "district,name,latitude,longitude
northbank,Northbank library,52.4210,16.8790
northbank,Northbank market square,52.3950,16.8850
old-town,Town hall square,52.4080,16.9200
old-town,Old Town station,52.3900,16.9310
riverside,Riverside park,52.4150,16.9600
riverside,Riverside school,52.3880,16.9700
,City stadium,52.4300,16.9400
";
const CITIZENS: usize = 300;
/// Demo citizens exist to have voted; they cannot log in (not a PHC string).
const NO_LOGIN: &str = "!demo-voter";

pub struct Credentials(Vec<(String, String, String)>);

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Demo accounts (shown once; change or remove them before real use):"
        )?;
        for (role, email, password) in &self.0 {
            writeln!(f, "  {role:<8} {email:<28} password: {password}")?;
        }
        Ok(())
    }
}

pub fn is_empty(conn: &mut DbConnection) -> AppResult<bool> {
    Ok(round::count(conn)? == 0)
}

/// Loads the demo city. Refuses to run twice on the same database.
pub fn load(conn: &mut DbConnection, secret: &[u8], now: NaiveDateTime) -> AppResult<Credentials> {
    if !is_empty(conn)? {
        return Err(AppError::Conflict(
            "the database already has budget rounds; the demo only loads into an empty one".into(),
        ));
    }
    let credentials = write_transaction(conn, |conn| seed(conn, secret, now))?;
    let past = round::all(conn)?
        .into_iter()
        .find(|r| r.slug == "riverton-2025")
        .ok_or_else(|| AppError::internal("demo round riverton-2025 is missing"))?;
    crate::domain::closing::count_round(conn, secret, RoundId(past.id), now)?;
    Ok(credentials)
}

/// The demo city's bounding box, its three districts' boundaries and its named places.
fn set_area(conn: &mut DbConnection) -> AppResult<()> {
    use crate::domain::place::{self, Point};
    let corner = |lat, lon| Point::new(lat, lon).ok_or_else(|| AppError::internal("demo corner"));
    place::set_bounding_box(
        conn,
        corner(SOUTH, WEST)?,
        corner(NORTH, WEST + 3.0 * SLICE)?,
    )?;
    for (i, (slug, _)) in DISTRICTS.iter().enumerate() {
        let (w, e) = (WEST + SLICE * i as f64, WEST + SLICE * (i + 1) as f64);
        let ring = serde_json::json!([[w, SOUTH], [e, SOUTH], [e, NORTH], [w, NORTH], [w, SOUTH]]);
        let shape = serde_json::json!({"type": "Polygon", "coordinates": [ring]}).to_string();
        place::set_boundary(conn, slug, Some(&shape))?;
    }
    place::import_named_places(conn, NAMED_PLACES)?;
    Ok(())
}

pub fn random_password(rng: &mut impl Rng) -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..16)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

fn seed(conn: &mut DbConnection, secret: &[u8], now: NaiveDateTime) -> AppResult<Credentials> {
    let mut rng = StdRng::seed_from_u64(2026);
    let mut districts = Vec::new();
    for (slug, name) in DISTRICTS {
        districts.push(district::insert(conn, slug, name)?);
    }

    let staff = create_staff(conn, districts[0], now)?;
    set_area(conn)?;

    let emails: Vec<String> = (1..=CITIZENS)
        .map(|i| format!("voter{i:03}@riverton.example"))
        .collect();
    let names: Vec<String> = (1..=CITIZENS).map(|i| format!("Demo Voter {i}")).collect();
    let citizens: Vec<NewUser<'_>> = (0..CITIZENS)
        .map(|i| NewUser {
            email: &emails[i],
            display_name: &names[i],
            password_hash: NO_LOGIN,
            role: "citizen",
            gender: Some(
                ["female", "male", "non-binary", "prefer-not-to-say"][rng.random_range(0..4usize)],
            ),
            birth_year: Some(rng.random_range(1940..=2008)),
            district_id: Some(districts[i % districts.len()]),
            created_at: now,
        })
        .collect();
    for citizen in &citizens {
        user::insert(conn, citizen)?;
    }
    let voters = user::ids_by_role(conn, "citizen")?;

    let day = Duration::days(1);
    let past = round::insert(conn, &NewRound {
        slug: "riverton-2025",
        title: "Riverton Neighbourhood Budget 2025",
        description: "Last year's round: residents chose how to spend 1.2 million euros across the three districts.",
        currency: "EUR",
        total_budget: 1_200_000 * 100,
        citywide_budget: None,
        ballot_type: "approval",
        min_choices: 1,
        max_choices: Some(5),
        points_total: None,
        points_per_project: None,
        rule: "greedy",
        tie_break: "cost,id",
        time_zone: "Europe/Amsterdam",
        proposals_open_at: now - day * 400,
        review_at: now - day * 340,
        voting_open_at: now - day * 300,
        voting_close_at: now - day * 280,
        results_published_at: Some(now - day * 270),
        created_at: now - day * 410,
    })?;
    let current = round::insert(conn, &NewRound {
        slug: "riverton-2026",
        title: "Riverton Neighbourhood Budget 2026",
        description: "Vote for up to five projects in your district. Each district has 450,000 euros; the projects with the most votes are funded until the money runs out.",
        currency: "EUR",
        total_budget: 1_350_000 * 100,
        citywide_budget: None,
        ballot_type: "approval",
        min_choices: 1,
        max_choices: Some(5),
        points_total: None,
        points_per_project: None,
        rule: "greedy",
        tie_break: "cost,id",
        time_zone: "Europe/Amsterdam",
        proposals_open_at: now - day * 60,
        review_at: now - day * 30,
        voting_open_at: now - day * 3,
        voting_close_at: now + day * 11,
        results_published_at: None,
        created_at: now - day * 70,
    })?;

    for (round_id, budget) in [(past, 400_000 * 100), (current, 450_000 * 100)] {
        for &d in &districts {
            district::add_to_round(conn, round_id, d, budget)?;
        }
        let mut feasible_by_district = vec![Vec::new(); districts.len()];
        for (i, (title, description, cost, category)) in PROJECTS.iter().enumerate() {
            let d = i % districts.len();
            let status = match i {
                5 | 13 => "infeasible",
                17 => "withdrawn",
                19 => "submitted",
                _ => "feasible",
            };
            let cost = cost * 100 + if round_id == current { 5_000 * 100 } else { 0 };
            let id = proposal::insert(
                conn,
                &NewProposal {
                    round_id,
                    district_id: Some(districts[d]),
                    author_id: Some(voters[(i * 7) % voters.len()].0),
                    title,
                    description,
                    category: Some(category),
                    location: Some(DISTRICTS[d].1),
                    estimated_cost: cost,
                    validated_cost: (status == "feasible").then_some(cost),
                    status,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            // Somewhere inside its district's slice of the city.
            let latitude = SOUTH + 0.005 + ((i * 5) % 11) as f64 * 0.005;
            let longitude = WEST + SLICE * d as f64 + 0.004 + ((i * 7) % 9) as f64 * 0.004;
            proposal::set_point(conn, id, Some((latitude, longitude)))?;
            if status == "feasible" {
                feasible_by_district[d].push(id);
            }
        }
        let (turnout, cast_at) = if round_id == past {
            (0.8, now - day * 290)
        } else {
            (0.4, now - day)
        };
        cast_demo_ballots(
            conn,
            secret,
            round_id,
            &voters,
            &districts,
            &feasible_by_district,
            turnout,
            cast_at,
            &mut rng,
        )?;
    }
    Ok(Credentials(staff))
}

/// The staff accounts (and one resident), each with a fresh password printed once.
fn create_staff(
    conn: &mut DbConnection,
    district: i64,
    now: NaiveDateTime,
) -> AppResult<Vec<(String, String, String)>> {
    let mut staff = Vec::new();
    let mut secret_rng = rand::rng();
    for (role, email, name) in [
        ("council", "council@riverton.example", "Riverton Council"),
        ("auditor", "auditor@riverton.example", "Independent Auditor"),
        ("reviewer", "reviewer@riverton.example", "Project Reviewer"),
        ("citizen", "resident@riverton.example", "Robin Resident"),
    ] {
        let secret = random_password(&mut secret_rng);
        let hash = password::hash(&secret);
        user::insert(
            conn,
            &NewUser {
                email,
                display_name: name,
                password_hash: &hash,
                role,
                gender: None,
                birth_year: Some(1980),
                district_id: Some(district),
                created_at: now,
            },
        )?;
        staff.push((role.to_string(), email.to_string(), secret));
    }
    Ok(staff)
}

/// Ballots of the demo voters in one round, cast through the same path as every ballot.
#[allow(clippy::too_many_arguments)]
fn cast_demo_ballots(
    conn: &mut DbConnection,
    secret: &[u8],
    round_id: i64,
    voters: &[(i64, Option<i64>)],
    districts: &[i64],
    feasible_by_district: &[Vec<i64>],
    turnout: f64,
    cast_at: NaiveDateTime,
    rng: &mut StdRng,
) -> AppResult<()> {
    for (voter, home) in voters {
        if !rng.random_bool(turnout) {
            continue;
        }
        let d = districts
            .iter()
            .position(|x| Some(*x) == *home)
            .unwrap_or(0);
        let options = &feasible_by_district[d];
        // Earlier projects are more popular, so the demo has clear winners and close calls.
        let mut chosen: Vec<i64> = options
            .iter()
            .enumerate()
            .filter(|(rank, _)| rng.random_bool(0.65 - 0.08 * *rank as f64))
            .map(|(_, id)| *id)
            .take(5)
            .collect();
        if chosen.is_empty() {
            chosen.push(options[rng.random_range(0..options.len())]);
        }
        chosen.sort_unstable();
        // Through the same path as every ballot: checked, sealed, one per person.
        let account = crate::domain::people::find(conn, *voter)?
            .ok_or_else(|| AppError::internal("a demo voter is missing"))?;
        let choice = Choice::Projects(chosen);
        let ballot = ballots::prepare(
            conn,
            secret,
            ballots::Cast {
                round_id,
                voter: Voter::Account(&account),
                requested_district: Some(districts[d]),
                choice: &choice,
                channel: Channel::Online,
            },
            cast_at,
        )?;
        board_writes::commit(conn, &ballot, cast_at)?;
    }
    Ok(())
}

/// Twenty project ideas: (title, description, cost in euros, category).
const PROJECTS: [(&str, &str, i64, &str); 20] = [
    (
        "Shade trees on Mill Street",
        "Plant 40 native trees along Mill Street to cool the pavement in summer.",
        85_000,
        "green",
    ),
    (
        "Safe crossing at the primary school",
        "A raised zebra crossing and flashing signs at the school gate.",
        60_000,
        "mobility",
    ),
    (
        "Riverside outdoor gym",
        "Six weather-proof exercise stations along the river path.",
        45_000,
        "sport",
    ),
    (
        "Library late opening",
        "Open the district library until 21:00 on weekdays for a year.",
        120_000,
        "culture",
    ),
    (
        "Community fridge",
        "A shared fridge and pantry where neighbours leave surplus food.",
        15_000,
        "social",
    ),
    (
        "Heated bus shelters",
        "Heated shelters at the ten busiest stops.",
        210_000,
        "mobility",
    ),
    (
        "Pocket park on Elm Corner",
        "Turn the empty lot on Elm Corner into a small park with benches.",
        150_000,
        "green",
    ),
    (
        "Bike repair stations",
        "Five public stations with tools and a pump.",
        25_000,
        "mobility",
    ),
    (
        "Youth music studio",
        "Equip a room in the community centre as a rehearsal studio.",
        70_000,
        "culture",
    ),
    (
        "Accessible playground",
        "Replace the old playground with equipment usable by children in wheelchairs.",
        180_000,
        "social",
    ),
    (
        "Drinking fountains",
        "Eight drinking fountains in parks and squares.",
        40_000,
        "health",
    ),
    (
        "Street lighting on the canal path",
        "LED lights along the dark stretch of the canal path.",
        95_000,
        "safety",
    ),
    (
        "Senior computer classes",
        "Weekly free classes for residents over 65.",
        30_000,
        "education",
    ),
    (
        "Skate park extension",
        "Double the size of the skate park with a bowl.",
        260_000,
        "sport",
    ),
    (
        "Wildflower meadows",
        "Sow wildflowers on 2 hectares of mown verges for pollinators.",
        20_000,
        "green",
    ),
    (
        "Open-air cinema nights",
        "Twelve free film screenings in the park in summer.",
        35_000,
        "culture",
    ),
    (
        "Repair café",
        "A monthly repair café with tools and volunteer fixers.",
        18_000,
        "social",
    ),
    (
        "Cargo bike library",
        "Five cargo bikes residents can borrow for free.",
        55_000,
        "mobility",
    ),
    (
        "Public toilets in the market square",
        "Accessible public toilets open from 7:00 to 22:00.",
        140_000,
        "health",
    ),
    (
        "Neighbourhood noticeboards",
        "Weather-proof noticeboards in every neighbourhood.",
        12_000,
        "social",
    ),
];
