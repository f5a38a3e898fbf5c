-- A row for each round whose board takes ballots, from the round's creation until its count
-- (which deletes it in its transaction). A group of fresh ballots is written on PostgreSQL in
-- one statement that locks the round's row and this one FOR SHARE: a statement that waited
-- for the count's lock finds this row gone even though its snapshot is older than the count,
-- and writes nothing.
CREATE TABLE open_boards (
    round_id BIGINT PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE
);
INSERT INTO open_boards (round_id)
    SELECT id FROM rounds WHERE id NOT IN (SELECT round_id FROM round_results);
