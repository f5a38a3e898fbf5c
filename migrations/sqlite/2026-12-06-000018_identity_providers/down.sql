DROP TABLE round_voter_rules;
DROP TABLE oidc_logins;
DROP TABLE account_identities;
