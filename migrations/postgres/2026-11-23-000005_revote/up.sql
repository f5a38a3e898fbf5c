-- Revoting: a round may let the last ballot before close count. A later ballot names the entry
-- it supersedes (public, on the board); the voter is found again through a keyed tag that
-- means nothing without the installation's secret key.
ALTER TABLE rounds ADD COLUMN revote_policy TEXT NOT NULL DEFAULT 'final' CHECK (revote_policy IN ('final', 'last-counts'));
ALTER TABLE ballots ADD COLUMN voter_tag TEXT;
ALTER TABLE ballots ADD COLUMN supersedes BIGINT;
CREATE INDEX ballots_voter_tag ON ballots (round_id, voter_tag);
