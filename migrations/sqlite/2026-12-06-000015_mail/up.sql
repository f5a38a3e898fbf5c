-- Mail: a durable outbox written in the same transaction as the event that causes each
-- message, single-use links for address verification and password reset, what each resident
-- wants to be told, proposals they follow, and the round news already announced.

-- Messages waiting to be sent (a sent message is deleted). Ids are random.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    lang TEXT NOT NULL,
    subject TEXT NOT NULL,
    -- The message's parts as JSON (paragraphs, a link, why it was sent, how to stop it).
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    -- Set while an instance sends it; another instance takes it only once this has passed.
    claimed_until TIMESTAMP,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at);

-- Links sent by mail; only their SHA-256 is kept.
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
    expires_at TIMESTAMP NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);

-- A flag, no time: when a person verified their address could tell when they voted.
ALTER TABLE users ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0;
-- The language their messages are written in.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

CREATE TABLE notification_settings (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    own_proposals INTEGER NOT NULL DEFAULT 1,
    followed INTEGER NOT NULL DEFAULT 1,
    round_news INTEGER NOT NULL DEFAULT 0,
    receipt_copy INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE proposal_follows (
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (proposal_id, user_id)
);

-- Round news sent once: proposals open, voting opens, results published.
CREATE TABLE round_announcements (
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    PRIMARY KEY (round_id, event)
);

ALTER TABLE rounds ADD COLUMN requires_verified_email INTEGER NOT NULL DEFAULT 0;
