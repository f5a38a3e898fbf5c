DROP INDEX ballots_supersedes;
DROP TABLE board_heads;
DROP TABLE board_nodes;
