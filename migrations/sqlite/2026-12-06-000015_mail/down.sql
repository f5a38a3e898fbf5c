ALTER TABLE rounds DROP COLUMN requires_verified_email;
DROP TABLE round_announcements;
DROP TABLE proposal_follows;
DROP TABLE notification_settings;
ALTER TABLE users DROP COLUMN language;
ALTER TABLE users DROP COLUMN email_verified;
DROP TABLE email_tokens;
DROP TABLE outbox;
