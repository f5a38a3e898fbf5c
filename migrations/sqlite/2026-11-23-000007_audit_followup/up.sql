-- The Pabulib project id of each project of an imported round, so an export gives back the
-- ids of the original file.
CREATE TABLE imported_projects (
    proposal_id BIGINT PRIMARY KEY REFERENCES proposals (id) ON DELETE CASCADE,
    external_id TEXT NOT NULL
);

-- The anonymous survey after voting: no voter, no ballot, no time of day.
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    ease INTEGER CHECK (ease BETWEEN 1 AND 5),
    found TEXT CHECK (found IN ('yes', 'partly', 'no')),
    comment TEXT NOT NULL,
    day TEXT NOT NULL
);
CREATE INDEX feedback_round ON feedback (round_id);

-- Hashes of the one-time survey tokens already used (each receipt carries one).
CREATE TABLE feedback_tokens (
    token_hash TEXT PRIMARY KEY,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE
);

-- What happened to a funded project after the vote, step by step.
CREATE TABLE project_progress (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    note TEXT NOT NULL,
    on_date TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX project_progress_proposal ON project_progress (proposal_id, id);
