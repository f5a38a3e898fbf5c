-- Every review decision on a proposal, public (decision and reason; the reviewer is kept for
-- the audit trail but not shown).
CREATE TABLE proposal_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    reviewer_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decision TEXT NOT NULL CHECK (decision IN ('feasible', 'infeasible')),
    validated_cost BIGINT,
    reason TEXT NOT NULL
);
CREATE INDEX proposal_reviews_proposal ON proposal_reviews (proposal_id, id);
