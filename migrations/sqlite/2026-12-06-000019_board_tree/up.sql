-- The bulletin board's Merkle tree (RFC 9162): the complete subtrees of each round's tree, so
-- that a proof reads O(log n) rows, and the signed heads the tree has had.
CREATE TABLE board_nodes (
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    level INTEGER NOT NULL,
    idx BIGINT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (round_id, level, idx)
);

CREATE TABLE board_heads (
    round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    tree_size BIGINT NOT NULL,
    root_hash TEXT NOT NULL,
    signed_at TIMESTAMP NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (round_id, tree_size)
);

-- Finding the entry that replaced a ballot without reading the board.
CREATE INDEX ballots_supersedes ON ballots (round_id, supersedes);
