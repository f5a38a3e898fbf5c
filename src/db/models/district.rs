use diesel::prelude::*;

use crate::db::schema::{districts, round_districts};
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = districts)]
pub struct DistrictRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

pub fn insert(conn: &mut DbConnection, slug: &str, name: &str) -> QueryResult<i64> {
    diesel::insert_into(districts::table)
        .values((districts::slug.eq(slug), districts::name.eq(name)))
        .returning(districts::id)
        .get_result(conn)
}

pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<DistrictRow>> {
    districts::table
        .order(districts::name)
        .select(DistrictRow::as_select())
        .load(conn)
}

pub fn id_of_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<i64>> {
    districts::table
        .filter(districts::slug.eq(slug))
        .select(districts::id)
        .first(conn)
        .optional()
}

/// Each district that has a boundary: (id, its GeoJSON).
pub fn boundaries(conn: &mut DbConnection) -> QueryResult<Vec<(i64, String)>> {
    districts::table
        .filter(districts::boundary.is_not_null())
        .order(districts::id)
        .select((districts::id, districts::boundary.assume_not_null()))
        .load(conn)
}

pub fn set_boundary(conn: &mut DbConnection, id: i64, geojson: Option<&str>) -> QueryResult<()> {
    diesel::update(districts::table.find(id))
        .set(districts::boundary.eq(geojson))
        .execute(conn)
        .map(|_| ())
}

/// A district taking part in a round, with its own budget.
#[derive(Queryable, Clone, Debug)]
pub struct RoundDistrictRow {
    pub district_id: i64,
    pub slug: String,
    pub name: String,
    pub budget: i64,
}

pub fn add_to_round(
    conn: &mut DbConnection,
    round_id: i64,
    district_id: i64,
    budget: i64,
) -> QueryResult<()> {
    diesel::insert_into(round_districts::table)
        .values((
            round_districts::round_id.eq(round_id),
            round_districts::district_id.eq(district_id),
            round_districts::budget.eq(budget),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn of_round(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<RoundDistrictRow>> {
    round_districts::table
        .inner_join(districts::table)
        .filter(round_districts::round_id.eq(round_id))
        .order(districts::name)
        .select((
            districts::id,
            districts::slug,
            districts::name,
            round_districts::budget,
        ))
        .load(conn)
}

pub fn remove_from_round(conn: &mut DbConnection, round_id: i64) -> QueryResult<()> {
    diesel::delete(round_districts::table.filter(round_districts::round_id.eq(round_id)))
        .execute(conn)
        .map(|_| ())
}
