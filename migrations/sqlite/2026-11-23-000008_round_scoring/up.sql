-- How rankings turn into points, for rounds whose scoring differs from the default (m − i
-- for position i): rounds imported from Pabulib files that declare their own. JSON.
CREATE TABLE round_scoring (
    round_id BIGINT PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    positional TEXT NOT NULL
);
