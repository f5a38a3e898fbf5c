-- The proposal list's default order (newest first) read from an index instead of a sort.
CREATE INDEX proposals_round_created ON proposals (round_id, created_at, id);
