DROP TABLE proposal_reviews;
