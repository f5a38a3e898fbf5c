-- Deliberation: comments on proposals with one level of replies, reports of abusive comments,
-- and when each round takes comments and from whom.

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    -- A reply names the comment it answers, which is never itself a reply.
    parent_id BIGINT REFERENCES comments (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- Emptied when its author deletes it or moderators hide it: the text is then gone.
    body TEXT NOT NULL,
    -- 'author' (the proposal's author) or 'council' (city staff) when the answer is official.
    official TEXT CHECK (official IN ('author', 'council')),
    created_at TIMESTAMP NOT NULL,
    edited_at TIMESTAMP,
    deleted_at TIMESTAMP,
    hidden_at TIMESTAMP,
    -- Public: shown where the comment was.
    hidden_reason TEXT
);
CREATE INDEX comments_of_proposal ON comments (proposal_id, parent_id, created_at);
CREATE INDEX comments_by_author ON comments (author_id, created_at);

-- Reports of abusive comments, one per person per comment; cleared when moderators decide.
CREATE TABLE comment_flags (
    id INTEGER PRIMARY KEY,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    -- Set when moderators kept or hid the comment: the report leaves the queue.
    settled INTEGER NOT NULL DEFAULT 0,
    UNIQUE (comment_id, user_id)
);
CREATE INDEX comment_flags_open ON comment_flags (settled, at);

-- When comments are open: 'proposals-review' (the default), 'proposals', 'until-results'
-- (every phase but voting), 'always' or 'never'.
ALTER TABLE round_proposal_rules ADD COLUMN comments TEXT NOT NULL DEFAULT 'proposals-review';
-- Days an account must exist before it may comment.
ALTER TABLE round_proposal_rules ADD COLUMN comment_min_account_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE round_proposal_rules ADD COLUMN comment_requires_verified_email INTEGER NOT NULL DEFAULT 0;
