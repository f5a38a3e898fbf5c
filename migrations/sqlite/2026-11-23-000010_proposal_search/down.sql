DROP TRIGGER proposals_fts_update;
DROP TRIGGER proposals_fts_delete;
DROP TRIGGER proposals_fts_insert;
DROP TABLE proposals_fts;
