-- Where a search's time went before the forward pass: waiting for an inference slot (queue_ms), and whether the query
-- vector came from the query-vector cache (embed_cache 'hit') or a forward pass ('miss'). Null for searches by
-- product, which run no inference.
alter table search_log add column queue_ms real;
alter table search_log add column embed_cache varchar(8);
alter table search_log add constraint search_log_embed_cache_ck check (embed_cache in ('hit', 'miss'));
