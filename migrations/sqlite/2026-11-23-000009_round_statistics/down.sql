DROP TABLE round_statistics;
