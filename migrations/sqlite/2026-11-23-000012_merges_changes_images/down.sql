DROP TABLE proposal_images;
DROP TABLE proposal_change_requests;
DROP TABLE proposal_merges;
