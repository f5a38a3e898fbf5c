//! A round's proposals, filtered, sorted and paged.

use serde::{Deserialize, Serialize};

use super::round_of;
use crate::db::models::district;
use crate::db::models::proposal::{self};
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::domain::money::parse_amount;
use crate::domain::status::ProposalStatus;
use crate::error::{AppResult, FieldErrors};
use crate::i18n::Message;

/// Proposals shown per page.
pub const PAGE_SIZE: i64 = 20;

/// The filters of a proposal list, as typed in the URL (all optional).
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Words to find in titles, descriptions and locations
    pub q: Option<String>,
    /// District slug, or `citywide`
    pub district: Option<String>,
    /// submitted, feasible, infeasible or withdrawn
    pub status: Option<String>,
    pub category: Option<String>,
    /// Cost at least this (currency units)
    pub min_cost: Option<String>,
    /// Cost at most this (currency units)
    pub max_cost: Option<String>,
    /// newest (default), oldest, cost-low, cost-high or title
    pub sort: Option<String>,
    /// 1-based page number
    pub page: Option<String>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ListItem {
    pub id: i64,
    pub title: String,
    pub district_id: Option<i64>,
    pub category: Option<String>,
    /// The cost on the ballot: validated if reviewed, else the estimate (cents).
    pub cost: i64,
    pub status: ProposalStatus,
    /// It has a picture, at `/proposals/{id}/image`.
    pub has_image: bool,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ListPage {
    pub items: Vec<ListItem>,
    /// Proposals matching the filters, on all pages.
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

/// A page of a round's proposals. A filter that cannot be read is a field error, so a person
/// sees which one to fix; nothing here fails on odd input.
pub fn list(conn: &mut DbConnection, round_id: RoundId, query: &ListQuery) -> AppResult<ListPage> {
    let round_id = round_id.0;
    use proposal::{DistrictFilter, Search, SearchSort};
    round_of(conn, round_id)?;
    let mut e = FieldErrors::default();
    let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_string();
    let district = match text(&query.district).as_str() {
        "" => DistrictFilter::Any,
        "citywide" => DistrictFilter::CityWide,
        slug => match district::of_round(conn, round_id)?
            .into_iter()
            .find(|d| d.slug == slug)
        {
            Some(d) => DistrictFilter::District(d.district_id),
            None => {
                e.add(
                    "district",
                    Message::new("messages-proposal-choose-round-s-districts"),
                );
                DistrictFilter::Any
            }
        },
    };
    let status = text(&query.status);
    if !status.is_empty() && ProposalStatus::parse(&status).is_none() {
        e.add(
            "status",
            Message::new("messages-proposal-choose-statuses-list"),
        );
    }
    let mut cost = |field: &str, v: &Option<String>| match text(v).as_str() {
        "" => None,
        raw => match parse_amount(raw) {
            Ok(c) => Some(c),
            Err(m) => {
                e.add(field, m);
                None
            }
        },
    };
    let min_cost = cost("min_cost", &query.min_cost);
    let max_cost = cost("max_cost", &query.max_cost);
    let sort = match text(&query.sort).as_str() {
        "" | "newest" => SearchSort::Newest,
        "oldest" => SearchSort::Oldest,
        "cost-low" => SearchSort::CostLow,
        "cost-high" => SearchSort::CostHigh,
        "title" => SearchSort::Title,
        _ => {
            e.add("sort", Message::new("messages-proposal-choose-orders-list"));
            SearchSort::Newest
        }
    };
    let page = match text(&query.page).as_str() {
        "" => 1,
        raw => match raw.parse::<i64>() {
            Ok(n) if (1..=100_000).contains(&n) => n,
            _ => {
                e.add(
                    "page",
                    Message::new("messages-proposal-pages-are-numbered-1"),
                );
                1
            }
        },
    };
    e.into_result()?;
    let category = Some(text(&query.category)).filter(|c| !c.is_empty());
    let (rows, total) = proposal::search(
        conn,
        &Search {
            round_id,
            words: proposal::search_words(&text(&query.q)),
            district,
            status: Some(status).filter(|s| !s.is_empty()),
            category,
            min_cost,
            max_cost,
            sort,
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
        },
    )?;
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let pictured = crate::db::models::proposal_image::with_picture(conn, &ids)?;
    Ok(ListPage {
        items: rows
            .into_iter()
            .map(|p| ListItem {
                has_image: pictured.contains(&p.id),
                id: p.id,
                title: p.title,
                district_id: p.district_id,
                category: p.category,
                cost: p.validated_cost.unwrap_or(p.estimated_cost),
                status: ProposalStatus::of(&p.status),
            })
            .collect(),
        total,
        page,
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
    })
}
