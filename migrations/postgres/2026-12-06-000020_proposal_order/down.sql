DROP INDEX proposals_round_created;
