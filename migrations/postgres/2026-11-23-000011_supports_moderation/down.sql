DROP TABLE proposal_moderation;
DROP TABLE proposal_flags;
DROP TABLE proposal_supports;
DROP TABLE round_proposal_rules;
