//! Where a proposal would be. The installation knows its city's area — a bounding box, a
//! boundary per district, or both — and the named places its council keeps per district. A
//! point is picked on a map, typed as coordinates, or chosen from the named places; a point
//! outside the city, or outside the district a proposal is for, is refused.

use geo::{BoundingRect, Contains, MultiPolygon, Point as GeoPoint, Polygon, Rect};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::models::{district, installation, place};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;

const CITY_BOX: &str = "city_bounding_box";

/// A point on the earth, in degrees (WGS 84, as GeoJSON and OpenStreetMap use).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
}

impl Point {
    /// "52.2297, 21.0122" or "52.2297 21.0122": latitude first, as maps show it.
    pub fn parse(text: &str) -> Option<Point> {
        let parts: Vec<&str> = text
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        let [lat, lon] = parts.as_slice() else {
            return None;
        };
        Point::new(lat.parse().ok()?, lon.parse().ok()?)
    }

    pub fn new(latitude: f64, longitude: f64) -> Option<Point> {
        ((-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude)).then_some(
            Point {
                latitude,
                longitude,
            },
        )
    }

    fn geo(self) -> GeoPoint<f64> {
        GeoPoint::new(self.longitude, self.latitude)
    }

    /// Great-circle distance in metres (haversine; plenty for "how far from my street").
    pub fn metres_to(self, other: Point) -> f64 {
        use geo::{Distance, Haversine};
        Haversine.distance(self.geo(), other.geo())
    }
}

impl std::fmt::Display for Point {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.6}, {:.6}", self.latitude, self.longitude)
    }
}

/// The city's area as the installation knows it.
#[derive(Clone, Debug, Default)]
pub struct CityArea {
    /// South-west and north-east corners.
    pub bounding_box: Option<(Point, Point)>,
    /// District id and its boundary.
    pub districts: Vec<(i64, MultiPolygon<f64>)>,
}

/// What the map needs to show the city: its extent, as south-west and north-east corners.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, ToSchema)]
pub struct Extent {
    pub south_west: Point,
    pub north_east: Point,
}

impl CityArea {
    pub fn load(conn: &mut DbConnection) -> AppResult<CityArea> {
        let bounding_box = match installation::get(conn, CITY_BOX)? {
            Some(json) => serde_json::from_str::<(Point, Point)>(&json).ok(),
            None => None,
        };
        let mut districts = Vec::new();
        for (id, geojson) in district::boundaries(conn)? {
            if let Ok(shape) = parse_boundary(&geojson) {
                districts.push((id, shape));
            }
        }
        Ok(CityArea {
            bounding_box,
            districts,
        })
    }

    /// Whether the installation knows where its city is; without it no point is taken.
    pub fn is_known(&self) -> bool {
        self.bounding_box.is_some() || !self.districts.is_empty()
    }

    /// The box the map opens on: the configured one, else the one around every district.
    pub fn extent(&self) -> Option<Extent> {
        if let Some((sw, ne)) = self.bounding_box {
            return Some(Extent {
                south_west: sw,
                north_east: ne,
            });
        }
        let all: MultiPolygon<f64> = self
            .districts
            .iter()
            .flat_map(|(_, shape)| shape.0.iter().cloned())
            .collect();
        let rect: Rect<f64> = all.bounding_rect()?;
        Some(Extent {
            south_west: Point {
                latitude: rect.min().y,
                longitude: rect.min().x,
            },
            north_east: Point {
                latitude: rect.max().y,
                longitude: rect.max().x,
            },
        })
    }

    fn in_city(&self, p: Point) -> bool {
        let in_box = self.bounding_box.is_some_and(|(sw, ne)| {
            (sw.latitude..=ne.latitude).contains(&p.latitude)
                && (sw.longitude..=ne.longitude).contains(&p.longitude)
        });
        in_box
            || self
                .districts
                .iter()
                .any(|(_, shape)| shape.contains(&p.geo()))
    }

    /// Why `p` cannot be a proposal's point for `district` (named `district_name`), if it
    /// cannot: outside the district's boundary when it has one, else outside the city.
    pub fn refusal(&self, p: Point, district: Option<(i64, &str)>) -> Option<Message> {
        if !self.is_known() {
            return Some(Message::new("messages-place-city-unknown"));
        }
        if let Some((id, name)) = district {
            if let Some((_, shape)) = self.districts.iter().find(|(d, _)| *d == id) {
                return (!shape.contains(&p.geo())).then(|| {
                    Message::new("messages-place-outside-district").with("district", name)
                });
            }
        }
        (!self.in_city(p)).then(|| Message::new("messages-place-outside-city"))
    }
}

/// A district boundary from GeoJSON: a Polygon or MultiPolygon geometry, or a Feature or
/// FeatureCollection holding them (longitude first, as GeoJSON has it).
pub fn parse_boundary(text: &str) -> Result<MultiPolygon<f64>, String> {
    let geojson: geojson::GeoJson = text.parse().map_err(|e| format!("not GeoJSON: {e}"))?;
    let collection = geo::GeometryCollection::<f64>::try_from(&geojson)
        .map_err(|e| format!("not a shape: {e}"))?;
    let mut polygons: Vec<Polygon<f64>> = Vec::new();
    for geometry in collection {
        match geometry {
            geo::Geometry::Polygon(p) => polygons.push(p),
            geo::Geometry::MultiPolygon(m) => polygons.extend(m.0),
            _ => return Err("only Polygon and MultiPolygon shapes can bound a district".into()),
        }
    }
    if polygons.is_empty() {
        return Err("the file holds no Polygon or MultiPolygon".into());
    }
    let shape = MultiPolygon(polygons);
    let inside_the_world = shape.bounding_rect().is_some_and(|r| {
        Point::new(r.min().y, r.min().x).is_some() && Point::new(r.max().y, r.max().x).is_some()
    });
    if !inside_the_world {
        return Err(
            "coordinates must be longitude (−180 to 180), then latitude (−90 to 90)".into(),
        );
    }
    Ok(shape)
}

/// Sets the city's bounding box (south-west and north-east corners).
pub fn set_bounding_box(conn: &mut DbConnection, sw: Point, ne: Point) -> AppResult<()> {
    if sw.latitude >= ne.latitude || sw.longitude >= ne.longitude {
        return Err(AppError::Unprocessable(Message::new(
            "messages-place-box-corners",
        )));
    }
    let json = serde_json::to_string(&(sw, ne)).map_err(AppError::internal)?;
    installation::put(conn, CITY_BOX, &json)?;
    Ok(())
}

/// Sets (or with `None` removes) a district's boundary, given as GeoJSON.
pub fn set_boundary(
    conn: &mut DbConnection,
    district_slug: &str,
    geojson: Option<&str>,
) -> AppResult<()> {
    let id = district::id_of_slug(conn, district_slug)?.ok_or_else(|| {
        AppError::NotFound(
            Message::new("messages-place-no-district").with("district", district_slug),
        )
    })?;
    if let Some(text) = geojson {
        parse_boundary(text).map_err(|why| {
            AppError::Unprocessable(Message::new("messages-place-bad-boundary").with("why", why))
        })?;
    }
    district::set_boundary(conn, id, geojson)?;
    Ok(())
}

/// A place the council named, for residents who choose from a list rather than a map.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct NamedPlace {
    pub id: i64,
    pub district_id: Option<i64>,
    pub name: String,
    pub point: Point,
}

pub fn named_places(conn: &mut DbConnection) -> AppResult<Vec<NamedPlace>> {
    Ok(place::all(conn)?
        .into_iter()
        .map(|row| NamedPlace {
            id: row.id,
            district_id: row.district_id,
            name: row.name,
            point: Point {
                latitude: row.latitude,
                longitude: row.longitude,
            },
        })
        .collect())
}

/// The named places as the CSV `import_named_places` reads, for the council to edit.
pub fn named_places_csv(conn: &mut DbConnection) -> AppResult<String> {
    let slugs: std::collections::HashMap<i64, String> = district::all(conn)?
        .into_iter()
        .map(|d| (d.id, d.slug))
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| AppError::internal(e.to_string());
    writer
        .write_record(["district", "name", "latitude", "longitude"])
        .map_err(io)?;
    for p in named_places(conn)? {
        let slug = p
            .district_id
            .and_then(|d| slugs.get(&d).cloned())
            .unwrap_or_default();
        writer
            .write_record([
                slug,
                p.name,
                p.point.latitude.to_string(),
                p.point.longitude.to_string(),
            ])
            .map_err(io)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(AppError::internal)
}

/// Replaces the named places with a CSV of `district,name,latitude,longitude` (district by
/// slug, empty for the whole city). All or nothing: the first wrong line is reported and
/// nothing changes. Returns how many places there are.
pub fn import_named_places(conn: &mut DbConnection, csv_text: &str) -> AppResult<usize> {
    let area = CityArea::load(conn)?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(csv_text.as_bytes());
    let wrong = |line: usize, why: String| {
        // Every reason reads as a sentence of its own.
        let why = if why.ends_with('.') {
            why
        } else {
            format!("{why}.")
        };
        AppError::Unprocessable(
            Message::new("messages-place-bad-line")
                .with("line", line)
                .with("why", why),
        )
    };
    let districts = district::all(conn)?;
    let headers = reader
        .headers()
        .map_err(|e| wrong(1, e.to_string()))?
        .clone();
    let expected = ["district", "name", "latitude", "longitude"];
    if headers.iter().collect::<Vec<_>>() != expected {
        return Err(wrong(
            1,
            format!("the header must be {}", expected.join(",")),
        ));
    }
    let mut places = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| wrong(line, e.to_string()))?;
        let (slug, name) = (&record[0], &record[1]);
        let district = if slug.is_empty() {
            None
        } else {
            let d = districts
                .iter()
                .find(|d| d.slug == slug)
                .ok_or_else(|| wrong(line, format!("there is no district `{slug}`")))?;
            Some((d.id, d.name.clone()))
        };
        if name.is_empty() || name.chars().count() > 120 {
            return Err(wrong(
                line,
                "a place needs a name of 1 to 120 characters".into(),
            ));
        }
        let point = match (record[2].parse::<f64>(), record[3].parse::<f64>()) {
            (Ok(lat), Ok(lon)) => Point::new(lat, lon),
            _ => None,
        }
        .ok_or_else(|| {
            wrong(
                line,
                "give latitude (−90 to 90) and longitude (−180 to 180) in degrees".into(),
            )
        })?;
        if let Some(why) = area.refusal(point, district.as_ref().map(|(id, s)| (*id, s.as_str()))) {
            return Err(wrong(line, why.text(crate::i18n::Lang::En)));
        }
        places.push((district.map(|(id, _)| id), name.to_string(), point));
    }
    let count = places.len();
    crate::db::write_transaction(conn, |conn| {
        place::delete_all(conn)?;
        for (district_id, name, p) in &places {
            place::insert(conn, *district_id, name, p.latitude, p.longitude)?;
        }
        Ok::<_, AppError>(())
    })?;
    Ok(count)
}

/// A point a form gave, with the named place's name when it was one.
pub type FormPoint = (Point, Option<String>);
/// A refusal, with the field it belongs to.
pub type FieldRefusal = (&'static str, Message);

/// Where a proposal's form says it would be: a named place, or typed coordinates (a map
/// fills the same field), checked against the city and the district. `None` when neither
/// was given.
pub fn point_of_form(
    conn: &mut DbConnection,
    typed: &str,
    named: &str,
    district: Option<(i64, &str)>,
) -> Result<Option<FormPoint>, FieldRefusal> {
    let typed = typed.trim();
    let named = named.trim();
    let (point, name) = match (typed.is_empty(), named.is_empty()) {
        (true, true) => return Ok(None),
        (false, false) => {
            return Err(("point", Message::new("messages-place-one-or-other")));
        }
        (false, true) => (
            Point::parse(typed).ok_or(("point", Message::new("messages-place-bad-coordinates")))?,
            None,
        ),
        (true, false) => {
            let found = named
                .parse::<i64>()
                .ok()
                .and_then(|id| named_places(conn).ok()?.into_iter().find(|p| p.id == id));
            let place = found.ok_or(("place", Message::new("messages-place-no-such-place")))?;
            (place.point, Some(place.name))
        }
    };
    let area =
        CityArea::load(conn).map_err(|_| ("point", Message::new("messages-place-city-unknown")))?;
    let field = if name.is_some() { "place" } else { "point" };
    match area.refusal(point, district) {
        Some(why) => Err((field, why)),
        None => Ok(Some((point, name))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_read_as_people_type_them() {
        let p = Point::parse("52.2297, 21.0122").unwrap();
        assert_eq!((p.latitude, p.longitude), (52.2297, 21.0122));
        assert_eq!(Point::parse(" 52.2297 21.0122 "), Some(p));
        assert_eq!(
            Point::parse("-33.86;151.21").map(|p| p.longitude),
            Some(151.21)
        );
        for bad in [
            "", "52.2", "abc, def", "91, 0", "0, 181", "1, 2, 3", "NaN, 1", "inf, 1",
        ] {
            assert_eq!(Point::parse(bad), None, "{bad}");
        }
        assert_eq!(p.to_string(), "52.229700, 21.012200");
    }

    #[test]
    fn boundaries_are_polygons_in_the_world() {
        let square = r#"{"type":"Polygon","coordinates":[[[21.0,52.0],[21.2,52.0],[21.2,52.2],[21.0,52.2],[21.0,52.0]]]}"#;
        let shape = parse_boundary(square).unwrap();
        assert!(shape.contains(&Point::new(52.1, 21.1).unwrap().geo()));
        assert!(!shape.contains(&Point::new(52.1, 21.3).unwrap().geo()));
        let feature = format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},"geometry":{square}}}]}}"#
        );
        assert!(parse_boundary(&feature).is_ok());
        assert!(
            parse_boundary(r#"{"type":"Point","coordinates":[21.0,52.0]}"#)
                .unwrap_err()
                .contains("Polygon")
        );
        assert!(parse_boundary("not json")
            .unwrap_err()
            .contains("not GeoJSON"));
        let beyond = r#"{"type":"Polygon","coordinates":[[[210.0,52.0],[212.0,52.0],[212.0,52.2],[210.0,52.0]]]}"#;
        assert!(parse_boundary(beyond).unwrap_err().contains("longitude"));
    }

    #[test]
    fn a_point_must_lie_in_its_district_else_in_the_city() {
        let none = CityArea::default();
        let p = Point::new(52.1, 21.1).unwrap();
        let why = none.refusal(p, None).map(|m| m.text(crate::i18n::Lang::En));
        assert!(why.unwrap_or_default().contains("not set its area"));
        let square = r#"{"type":"Polygon","coordinates":[[[21.0,52.0],[21.2,52.0],[21.2,52.2],[21.0,52.2],[21.0,52.0]]]}"#;
        let area = CityArea {
            bounding_box: Some((
                Point::new(52.0, 21.0).unwrap(),
                Point::new(52.2, 21.4).unwrap(),
            )),
            districts: vec![(1, parse_boundary(square).unwrap())],
        };
        assert!(area.refusal(p, Some((1, "North"))).is_none());
        let east = Point::new(52.1, 21.3).unwrap();
        assert!(
            area.refusal(east, Some((1, "North"))).is_some(),
            "in the city, not in North"
        );
        assert!(
            area.refusal(east, Some((2, "South"))).is_none(),
            "South has no boundary: the city's box decides"
        );
        assert!(area.refusal(east, None).is_none());
        assert!(area
            .refusal(Point::new(48.85, 2.35).unwrap(), None)
            .is_some());
        assert_eq!(area.extent().unwrap().north_east.longitude, 21.4);
        let only_districts = CityArea {
            bounding_box: None,
            ..area
        };
        assert_eq!(only_districts.extent().unwrap().north_east.longitude, 21.2);
    }
}
