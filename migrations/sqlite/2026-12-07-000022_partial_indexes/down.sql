DROP INDEX ballots_supersedes;
CREATE INDEX ballots_supersedes ON ballots (round_id, supersedes);
DROP INDEX ballots_voter_tag;
CREATE INDEX ballots_voter_tag ON ballots (round_id, voter_tag);
