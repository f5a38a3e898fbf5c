-- The earlier code reads every level from the table. The tree is derived from the board, so
-- its nodes and heads are dropped and the checkpointer builds them again from the entries.
DELETE FROM board_nodes;
DELETE FROM board_heads;
