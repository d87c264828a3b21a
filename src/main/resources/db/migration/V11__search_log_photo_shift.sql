-- The photo shift a query image went through (its id, as SearchResponse.photoShift names it), so that traffic
-- analytics can tell shifted photo queries from catalogue-like ones. Null when no shift applied.
alter table search_log add column photo_shift varchar(80);
