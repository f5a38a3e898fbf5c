DROP TABLE open_boards;
