//! Named places the council keeps, for residents who pick a place from a list.

use diesel::prelude::*;

use crate::db::schema::named_places;
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = named_places)]
pub struct NamedPlaceRow {
    pub id: i64,
    pub district_id: Option<i64>,
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
}

pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<NamedPlaceRow>> {
    named_places::table
        .order((named_places::district_id, named_places::name))
        .select(NamedPlaceRow::as_select())
        .load(conn)
}

pub fn insert(
    conn: &mut DbConnection,
    district_id: Option<i64>,
    name: &str,
    latitude: f64,
    longitude: f64,
) -> QueryResult<()> {
    diesel::insert_into(named_places::table)
        .values((
            named_places::district_id.eq(district_id),
            named_places::name.eq(name),
            named_places::latitude.eq(latitude),
            named_places::longitude.eq(longitude),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn delete_all(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::delete(named_places::table)
        .execute(conn)
        .map(|_| ())
}
