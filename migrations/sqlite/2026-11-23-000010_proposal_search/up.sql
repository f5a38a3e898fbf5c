-- Full-text search over proposals (FTS5, kept in step by triggers). Accents are folded so
-- "plaza" finds "plaça"; PostgreSQL uses an expression index instead (same migration there).
CREATE VIRTUAL TABLE proposals_fts USING fts5(
    title, description, location,
    content = 'proposals', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN
    INSERT INTO proposals_fts (rowid, title, description, location)
    VALUES (new.id, new.title, new.description, coalesce(new.location, ''));
END;
CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, title, description, location)
    VALUES ('delete', old.id, old.title, old.description, coalesce(old.location, ''));
END;
CREATE TRIGGER proposals_fts_update AFTER UPDATE OF title, description, location ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, title, description, location)
    VALUES ('delete', old.id, old.title, old.description, coalesce(old.location, ''));
    INSERT INTO proposals_fts (rowid, title, description, location)
    VALUES (new.id, new.title, new.description, coalesce(new.location, ''));
END;
INSERT INTO proposals_fts (rowid, title, description, location)
SELECT id, title, description, coalesce(location, '') FROM proposals;
