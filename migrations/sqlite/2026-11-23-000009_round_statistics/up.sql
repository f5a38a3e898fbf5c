-- Who took part, frozen when the round is counted: recomputing from live profiles would let a
-- reader compare the tables before and after someone edits or deletes their account.
CREATE TABLE round_statistics (
    round_id BIGINT PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    breakdowns TEXT NOT NULL
);
