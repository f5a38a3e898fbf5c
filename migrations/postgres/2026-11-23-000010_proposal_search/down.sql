DROP INDEX proposals_search;
