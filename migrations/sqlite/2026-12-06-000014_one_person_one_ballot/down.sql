ALTER TABLE rounds DROP COLUMN account_voting;
DROP TABLE revoked_sessions;
DROP INDEX voter_checks_one_document;
ALTER TABLE voter_checks DROP COLUMN document_hash;
ALTER TABLE ballots DROP COLUMN sealed;
ALTER TABLE ballots DROP COLUMN commitment;
ALTER TABLE ballots DROP COLUMN salt;
ALTER TABLE voting_codes DROP COLUMN census_hash;
ALTER TABLE voting_codes ADD COLUMN used_at TIMESTAMP;
CREATE TABLE participations_old (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'paper')),
    UNIQUE (round_id, user_id)
);
INSERT INTO participations_old (id, round_id, user_id, channel)
    SELECT id, round_id, user_id, channel FROM participations WHERE channel <> 'code';
DROP TABLE participations;
ALTER TABLE participations_old RENAME TO participations;
DROP TABLE installation;
