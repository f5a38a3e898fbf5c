-- Round rules: categories, eligibility, the public change log, census lists, voting codes and
-- verifications of voters.

ALTER TABLE rounds ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
-- Eligibility: every configured requirement must hold for an account; a voting code alone
-- is enough without one.
ALTER TABLE rounds ADD COLUMN min_age INTEGER;
ALTER TABLE rounds ADD COLUMN age_reference_date TEXT;
ALTER TABLE rounds ADD COLUMN residence TEXT NOT NULL DEFAULT 'none' CHECK (residence IN ('none', 'self-declared', 'verified'));
ALTER TABLE rounds ADD COLUMN requires_census INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN requires_manual_check INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN voting_codes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN census_salt TEXT NOT NULL DEFAULT '';

-- Public, append-only: every change to a round, with who (staff id) and why.
CREATE TABLE round_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    what TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX round_changes_round ON round_changes (round_id, id);

-- Census rows as salted hashes of (document number, year of birth); the district in clear.
CREATE TABLE census_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    entry_hash TEXT NOT NULL,
    district_id BIGINT REFERENCES districts (id),
    UNIQUE (round_id, entry_hash)
);

-- One-time voting codes, stored as hashes only.
CREATE TABLE voting_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL UNIQUE,
    district_id BIGINT REFERENCES districts (id),
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX voting_codes_round ON voting_codes (round_id);

-- A voter confirmed for a round: by census match, by a reviewer in person, or residence.
CREATE TABLE voter_checks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('census', 'manual', 'residence')),
    district_id BIGINT REFERENCES districts (id),
    checked_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- One census entry vouches for one account only.
    census_hash TEXT,
    at TIMESTAMP NOT NULL,
    UNIQUE (round_id, user_id, kind),
    UNIQUE (round_id, census_hash)
);
