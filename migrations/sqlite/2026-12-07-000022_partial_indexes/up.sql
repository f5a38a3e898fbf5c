-- Most entries carry no revote tag and replace no earlier entry: these indexes now leave such
-- rows out, so a ballot writes two index entries fewer. Every query on them asks for a value,
-- never for NULL. (Participations keep their table constraint here: changing it would mean
-- rebuilding the table, and SQLite's ballots are already within their target.)
DROP INDEX ballots_voter_tag;
CREATE INDEX ballots_voter_tag ON ballots (round_id, voter_tag) WHERE voter_tag IS NOT NULL;
DROP INDEX ballots_supersedes;
CREATE INDEX ballots_supersedes ON ballots (round_id, supersedes) WHERE supersedes IS NOT NULL;
