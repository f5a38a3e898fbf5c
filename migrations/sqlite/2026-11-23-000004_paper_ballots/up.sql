-- Paper ballots wait here between the first officer's entry and the second officer's
-- confirmation; the row is deleted when the ballot is cast or the entries disagree.
CREATE TABLE paper_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    voter_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    content TEXT NOT NULL,
    entered_by BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    UNIQUE (round_id, voter_id)
);
