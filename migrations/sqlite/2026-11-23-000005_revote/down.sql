DROP INDEX ballots_voter_tag;
ALTER TABLE ballots DROP COLUMN supersedes;
ALTER TABLE ballots DROP COLUMN voter_tag;
ALTER TABLE rounds DROP COLUMN revote_policy;
