DROP TABLE round_results;
DROP TABLE ballots;
DROP TABLE participations;
DROP TABLE proposals;
DROP TABLE round_districts;
DROP TABLE rounds;
DROP TABLE users;
DROP TABLE districts;
