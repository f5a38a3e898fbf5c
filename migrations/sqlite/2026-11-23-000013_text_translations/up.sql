-- The council's translation of a round's text (proposal_id NULL) or of a proposal's into one
-- of the interface's languages. Readers in that language see it in place of the original,
-- with a note saying it is a translation.
CREATE TABLE text_translations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    proposal_id BIGINT REFERENCES proposals (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    translated_at TIMESTAMP NOT NULL,
    translator_id BIGINT REFERENCES users (id) ON DELETE SET NULL
);
-- One translation per text and language; a round's own text has no proposal.
CREATE UNIQUE INDEX text_translations_one_per_language
    ON text_translations (round_id, COALESCE(proposal_id, 0), lang);
