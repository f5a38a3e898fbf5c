-- Foundation: the city's districts, people, budget rounds, proposals, ballots and results.
-- Money is BIGINT minor units (cents); times are UTC; enums are TEXT with CHECKs.

CREATE TABLE districts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('citizen', 'reviewer', 'council', 'auditor')),
    token_version INTEGER NOT NULL DEFAULT 0,
    gender TEXT,
    birth_year INTEGER,
    district_id BIGINT REFERENCES districts (id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    currency TEXT NOT NULL,
    total_budget BIGINT NOT NULL CHECK (total_budget >= 0),
    citywide_budget BIGINT CHECK (citywide_budget >= 0),
    ballot_type TEXT NOT NULL CHECK (ballot_type IN ('approval', 'knapsack', 'ranked', 'cumulative')),
    min_choices INTEGER NOT NULL DEFAULT 1,
    max_choices INTEGER,
    points_total INTEGER,
    points_per_project INTEGER,
    rule TEXT NOT NULL,
    tie_break TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    proposals_open_at TIMESTAMP NOT NULL,
    review_at TIMESTAMP NOT NULL,
    voting_open_at TIMESTAMP NOT NULL,
    voting_close_at TIMESTAMP NOT NULL,
    results_published_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE round_districts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    district_id BIGINT NOT NULL REFERENCES districts (id),
    budget BIGINT NOT NULL CHECK (budget >= 0),
    UNIQUE (round_id, district_id)
);

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    district_id BIGINT REFERENCES districts (id),
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT,
    location TEXT,
    estimated_cost BIGINT NOT NULL CHECK (estimated_cost > 0),
    validated_cost BIGINT CHECK (validated_cost > 0),
    status TEXT NOT NULL CHECK (status IN ('submitted', 'feasible', 'infeasible', 'withdrawn')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX proposals_round ON proposals (round_id, status);

-- Who voted, never what: no link to the ballot table.
CREATE TABLE participations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'paper')),
    UNIQUE (round_id, user_id)
);

-- What was voted, never by whom: no voter id, only the day it was cast.
CREATE TABLE ballots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    district_id BIGINT REFERENCES districts (id),
    seq BIGINT NOT NULL,
    content TEXT NOT NULL,
    cast_day TEXT NOT NULL,
    tracking_hash TEXT NOT NULL UNIQUE,
    prev_hash TEXT NOT NULL,
    entry_hash TEXT NOT NULL,
    UNIQUE (round_id, seq)
);

CREATE TABLE round_results (
    round_id BIGINT PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    tie_break TEXT NOT NULL,
    outcome TEXT NOT NULL,
    chain_head TEXT NOT NULL,
    ballot_count BIGINT NOT NULL,
    computed_at TIMESTAMP NOT NULL
);
