-- One person, one ballot, and nothing at rest that ties a ballot to its voter.

-- What this database was set up with: a fingerprint of the installation's secret key, so an
-- instance started with another key refuses to serve instead of sealing, tagging or hashing
-- under a key the others do not share.
CREATE TABLE installation (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Each participation spends one eligibility token: the census entry, the identity document a
-- reviewer saw, the voting code, or the account's address. A person holds one token per
-- round, whatever happens to accounts, so the token (not the account) is unique.
ALTER TABLE participations ADD COLUMN token TEXT;
UPDATE participations SET token = 'legacy:' || id;
ALTER TABLE participations ALTER COLUMN token SET NOT NULL;
ALTER TABLE participations ADD CONSTRAINT participations_round_id_token_key UNIQUE (round_id, token);
ALTER TABLE participations DROP CONSTRAINT participations_channel_check;
ALTER TABLE participations ADD CONSTRAINT participations_channel_check
    CHECK (channel IN ('online', 'paper', 'code'));
-- Codes used before this version become participations of their own.
INSERT INTO participations (id, round_id, user_id, channel, token)
    SELECT (floor(random() * 9007199254740990) + 1)::bigint, round_id, NULL, 'code', 'code:' || code_hash
    FROM voting_codes WHERE used_at IS NOT NULL;

-- A code no longer records when (or whether) it was used: the participation does.
ALTER TABLE voting_codes DROP COLUMN used_at;
-- A code issued from the census list is bound to that person's entry.
ALTER TABLE voting_codes ADD COLUMN census_hash TEXT;

-- Ballot contents are sealed until the count; the board commits to a salted hash of them.
ALTER TABLE ballots ADD COLUMN salt TEXT;
ALTER TABLE ballots ADD COLUMN commitment TEXT;
ALTER TABLE ballots ADD COLUMN sealed BYTEA;

-- The keyed hash of the identity document a reviewer saw at an in-person check.
ALTER TABLE voter_checks ADD COLUMN document_hash TEXT;
CREATE UNIQUE INDEX voter_checks_one_document ON voter_checks (round_id, document_hash);

-- Sessions ended by logging out, until their last token would have expired anyway.
CREATE TABLE revoked_sessions (
    sid TEXT PRIMARY KEY,
    expires_at TIMESTAMP NOT NULL
);

-- Whether residents may vote with an account (0: voting codes only).
ALTER TABLE rounds ADD COLUMN account_voting INTEGER NOT NULL DEFAULT 1;
