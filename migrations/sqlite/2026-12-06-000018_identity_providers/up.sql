-- Sign-in with the city's identity provider (OpenID Connect).

-- A person at a provider is its (issuer, subject) pair, linked to one account at most. The
-- claims themselves are not kept: only what the last sign-in proved for eligibility (a birth
-- year, a district from the council's mapping, whether the assurance level was accepted).
CREATE TABLE account_identities (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    linked_at TIMESTAMP NOT NULL,
    birth_year INTEGER,
    district_id BIGINT REFERENCES districts (id) ON DELETE SET NULL,
    assured INTEGER NOT NULL DEFAULT 0,
    verified_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX account_identities_person ON account_identities (issuer, subject);
CREATE UNIQUE INDEX account_identities_account ON account_identities (user_id, provider);

-- Sign-ins on their way through a provider: one row per visit to the provider, used once by
-- its callback (or forgotten after ten minutes). The state is kept hashed, and the browser
-- that started the sign-in is named by the hash of a cookie only it has.
CREATE TABLE oidc_logins (
    state_hash TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    browser_hash TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    link_user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    next_path TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Who may vote beyond the rounds table's own settings: a round may require that voters are
-- verified by the city's identity provider.
CREATE TABLE round_voter_rules (
    round_id BIGINT PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    requires_identity_provider INTEGER NOT NULL
);
