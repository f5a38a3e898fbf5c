-- Full-text search over proposals: an expression index that the search query repeats word for
-- word. The 'simple' configuration does not stem, as proposals come in several languages;
-- unaccent is not used because it is an extension a managed database may not offer.
CREATE INDEX proposals_search ON proposals USING GIN (
    to_tsvector('simple', title || ' ' || description || ' ' || coalesce(location, ''))
);
