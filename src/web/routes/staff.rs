//! Council: people and roles. Council and auditors: the audit log.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::auth::Role;
use crate::domain::{accounts, security_log};
use crate::error::{AppError, AppResult};
use crate::views;
use crate::web::extractors::{
    AuditReaders, Authorized, CouncilOnly, CsrfForm, FormFields, PageViewer,
};
use crate::web::AppState;

#[derive(Deserialize)]
pub struct NoticeQuery {
    saved: Option<String>,
    /// Words to find in an address or a name.
    q: Option<String>,
    page: Option<i64>,
}

pub async fn users(
    state: web::Data<AppState>,
    _council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    query: web::Query<NoticeQuery>,
) -> AppResult<HttpResponse> {
    let words = query.q.clone().unwrap_or_default();
    let page = query.page.unwrap_or(1).max(1);
    let searched = words.clone();
    let (list, pages) = state
        .db(move |conn| crate::domain::people::search(conn, &searched, page))
        .await?;
    let notice = query
        .saved
        .as_ref()
        .map(|_| crate::i18n::t(viewer.lang, "staff-done-role"));
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(
            views::staff::users(
                &viewer,
                &list,
                notice.as_deref(),
                &views::staff::Paging {
                    words: &words,
                    page,
                    pages,
                },
            )
            .into_string(),
        ))
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}
impl FormFields for RoleForm {}

pub fn parse_role(raw: &str) -> AppResult<Role> {
    Role::parse(raw).ok_or_else(|| {
        AppError::Unprocessable(
            format!("`{raw}` is not a role (citizen, reviewer, council, auditor)").into(),
        )
    })
}

pub fn parse_user_id(raw: &str) -> AppResult<i64> {
    raw.parse()
        .map_err(|_| AppError::NotFound(format!("there is no account `{raw}`").into()))
}

pub async fn set_role(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> AppResult<HttpResponse> {
    let target = parse_user_id(&path)?;
    let role = parse_role(&form.role)?;
    let now = state.clock.now();
    let actor = council.0.user.clone();
    state
        .db(move |conn| accounts::set_role(conn, &actor, target, role, now))
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/council/users?saved=1"))
        .finish())
}

pub async fn audit_log(
    state: web::Data<AppState>,
    _reader: Authorized<AuditReaders>,
    PageViewer(viewer): PageViewer,
) -> AppResult<HttpResponse> {
    let (entries, counters) = state
        .db(|conn| Ok((security_log::latest(conn)?, security_log::counters(conn)?)))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(views::staff::audit_log(&viewer, &entries, &counters).into_string()))
}
