DROP TABLE comment_flags;
DROP TABLE comments;
ALTER TABLE round_proposal_rules DROP COLUMN comment_requires_verified_email;
ALTER TABLE round_proposal_rules DROP COLUMN comment_min_account_days;
ALTER TABLE round_proposal_rules DROP COLUMN comments;
