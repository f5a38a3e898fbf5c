DROP TABLE named_places;
ALTER TABLE districts DROP COLUMN boundary;
ALTER TABLE proposals DROP COLUMN longitude;
ALTER TABLE proposals DROP COLUMN latitude;
