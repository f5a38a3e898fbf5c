-- Place: where a proposal would be, the districts' boundaries and the named places a council
-- keeps for residents who pick a place from a list instead of a map.

ALTER TABLE proposals ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE proposals ADD COLUMN longitude DOUBLE PRECISION;

-- A GeoJSON Polygon or MultiPolygon geometry (longitude, latitude), or none.
ALTER TABLE districts ADD COLUMN boundary TEXT;

CREATE TABLE named_places (
    id INTEGER PRIMARY KEY,
    -- None: a place of the whole city.
    district_id BIGINT REFERENCES districts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL
);
CREATE UNIQUE INDEX named_places_name ON named_places (district_id, name);
