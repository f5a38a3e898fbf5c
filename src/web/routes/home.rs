use actix_web::web;
use maud::Markup;

use crate::domain::{rounds, translations};
use crate::error::AppResult;
use crate::views;
use crate::web::extractors::PageViewer;
use crate::web::AppState;

pub async fn show(state: web::Data<AppState>, PageViewer(viewer): PageViewer) -> AppResult<Markup> {
    let now = state.clock.now();
    let lang = viewer.lang;
    let list = state
        .db(move |conn| {
            let mut list = rounds::list(conn, now)?;
            let ids: Vec<i64> = list.iter().map(|r| r.id.0).collect();
            let titles = translations::round_titles(conn, &ids, lang)?;
            for r in &mut list {
                if let Some(title) = titles.get(&r.id.0) {
                    r.title.clone_from(title);
                }
            }
            Ok(list)
        })
        .await?;
    Ok(views::home::home(&viewer, &list))
}

/// What the platform publishes and where: the API, and each counted round's files.
pub async fn open_data(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
) -> AppResult<Markup> {
    let now = state.clock.now();
    let published = state
        .db(move |conn| {
            let mut published = Vec::new();
            for round in rounds::list(conn, now)? {
                if round.phase == rounds::Phase::Results {
                    let pots = crate::domain::export::pots_of(conn, round.id)?;
                    published.push((round, pots));
                }
            }
            Ok(published)
        })
        .await?;
    Ok(views::home::open_data(&viewer, &published))
}

/// How anyone can check a count without trusting this server, with the signing key.
pub async fn verify(state: web::Data<AppState>, PageViewer(viewer): PageViewer) -> Markup {
    let key = crate::audit::public_key_hex(&state.settings.secret_key);
    views::rounds::how_to_verify(&viewer, &key)
}

#[derive(serde::Deserialize)]
pub struct Back {
    back: Option<String>,
}

/// The language switcher: remembers the choice in a cookie for a year and goes back to the
/// page the visitor came from (a path on this site only, never another site).
pub async fn language(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    user: crate::web::extractors::MaybeUser,
    path: web::Path<String>,
    query: web::Query<Back>,
) -> crate::error::AppResult<actix_web::HttpResponse> {
    use actix_web::cookie::{time::Duration, Cookie, SameSite};
    let lang = crate::i18n::Lang::parse(&path)
        .filter(|l| l.code() == path.as_str())
        .ok_or_else(|| {
            let reader = crate::web::extractors::reader_language(&req);
            crate::error::AppError::NotFound(
                crate::i18n::t_with(reader, "errors-no-language", &[("code", path.as_str())])
                    .into(),
            )
        })?;
    let referer_path = req
        .headers()
        .get(actix_web::http::header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.parse::<actix_web::http::Uri>().ok())
        .filter(|u| u.host() == req.connection_info().host().split(':').next())
        .map(|u| {
            u.path_and_query()
                .map_or("/".to_string(), |p| p.to_string())
        });
    // A GET that changes the account is only taken from this site's own pages (or an
    // address typed in): a link or image elsewhere must not change what a signed-in person's
    // mail is written in. Browsers say where a request comes from; an older one, by a
    // referrer on this site.
    let from_this_site = match req.headers().get("sec-fetch-site") {
        Some(site) => matches!(site.as_bytes(), b"same-origin" | b"none"),
        None => referer_path.is_some(),
    };
    let back = query
        .into_inner()
        .back
        .or(referer_path)
        .filter(|b| super::local_path(b).is_some())
        .unwrap_or_else(|| "/".into());
    // Messages to this person follow the language they read the site in.
    let switching = user
        .0
        .filter(|u| from_this_site && u.user.language != lang.code());
    if let Some(user) = switching {
        let id = user.id();
        state
            .db(move |conn| crate::domain::people::set_language(conn, id, lang))
            .await?;
    }
    let cookie = Cookie::build(crate::i18n::COOKIE, lang.code())
        .path("/")
        .max_age(Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(crate::web::extractors::is_https(&req))
        .finish();
    Ok(actix_web::HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, back))
        .cookie(cookie)
        .finish())
}
