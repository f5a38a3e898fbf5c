-- A duplicate merged into another proposal: it leaves the list and the review, and the
-- proposal it joined credits its author too.
CREATE TABLE proposal_merges (
    from_id BIGINT PRIMARY KEY REFERENCES proposals (id) ON DELETE CASCADE,
    into_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    reviewer_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL
);
CREATE INDEX proposal_merges_into ON proposal_merges (into_id);

-- A reviewer asks the author for changes during review; the author's next edit answers it.
CREATE TABLE proposal_change_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    reviewer_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    answered_at TIMESTAMP
);
CREATE INDEX proposal_change_requests_proposal ON proposal_change_requests (proposal_id, id);

-- One picture per proposal, kept only after its bytes proved to be JPEG, PNG or WebP.
CREATE TABLE proposal_images (
    proposal_id BIGINT PRIMARY KEY REFERENCES proposals (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    at TIMESTAMP NOT NULL
);
