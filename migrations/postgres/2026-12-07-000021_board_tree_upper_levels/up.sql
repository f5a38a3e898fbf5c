-- Tree nodes below level 4 (subtrees of fewer than 16 entries) are no longer stored: they are
-- computed from the entries' own hashes when a proof needs them.
DELETE FROM board_nodes WHERE level < 4;
