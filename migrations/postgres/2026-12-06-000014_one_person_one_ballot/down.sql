ALTER TABLE rounds DROP COLUMN account_voting;
DROP TABLE revoked_sessions;
DROP INDEX voter_checks_one_document;
ALTER TABLE voter_checks DROP COLUMN document_hash;
ALTER TABLE ballots DROP COLUMN sealed;
ALTER TABLE ballots DROP COLUMN commitment;
ALTER TABLE ballots DROP COLUMN salt;
ALTER TABLE voting_codes DROP COLUMN census_hash;
ALTER TABLE voting_codes ADD COLUMN used_at TIMESTAMP;
DELETE FROM participations WHERE channel = 'code';
ALTER TABLE participations DROP CONSTRAINT participations_channel_check;
ALTER TABLE participations ADD CONSTRAINT participations_channel_check
    CHECK (channel IN ('online', 'paper'));
ALTER TABLE participations DROP CONSTRAINT participations_round_id_token_key;
ALTER TABLE participations DROP COLUMN token;
DROP TABLE installation;
