-- Proposal rules of a round, beside `rounds` (which is at diesel's 32-column limit).
CREATE TABLE round_proposal_rules (
    round_id BIGINT PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    max_per_author INTEGER NOT NULL CHECK (max_per_author BETWEEN 1 AND 100),
    supports_enabled INTEGER NOT NULL CHECK (supports_enabled IN (0, 1)),
    support_threshold INTEGER CHECK (support_threshold BETWEEN 1 AND 100000)
);

-- One support (endorsement) per citizen per proposal, during the proposal phase.
CREATE TABLE proposal_supports (
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);

-- Reports of abusive content, one per person per proposal.
CREATE TABLE proposal_flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    UNIQUE (proposal_id, user_id)
);

-- Whether moderators hide a proposal's text, and why (public). The hidden text itself is kept
-- in the audit log.
CREATE TABLE proposal_moderation (
    proposal_id BIGINT PRIMARY KEY REFERENCES proposals (id) ON DELETE CASCADE,
    hidden INTEGER NOT NULL CHECK (hidden IN (0, 1)),
    reason TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    moderator_id BIGINT REFERENCES users (id) ON DELETE SET NULL
);
