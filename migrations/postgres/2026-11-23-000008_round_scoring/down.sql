DROP TABLE round_scoring;
