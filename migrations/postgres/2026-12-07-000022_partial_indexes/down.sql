DROP INDEX participations_round_id_user_id_key;
ALTER TABLE participations ADD CONSTRAINT participations_round_id_user_id_key UNIQUE (round_id, user_id);
DROP INDEX ballots_supersedes;
CREATE INDEX ballots_supersedes ON ballots (round_id, supersedes);
DROP INDEX ballots_voter_tag;
CREATE INDEX ballots_voter_tag ON ballots (round_id, voter_tag);
