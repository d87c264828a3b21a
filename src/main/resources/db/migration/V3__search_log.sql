-- Every search, written asynchronously in batches (SearchLog); the source of the search analytics.
create table search_log (
    id             bigserial    primary key,
    query_id       uuid         not null,
    created_at     timestamptz  not null,
    source         varchar(16)  not null,
    source_product_id bigint,
    requested_mode varchar(16)  not null,
    mode           varchar(16)  not null,
    index_backend  varchar(64)  not null,
    k              integer      not null,
    category       varchar(100),
    model_id       varchar(300) not null,
    result_count   integer      not null,
    result_ids     bigint[]     not null,
    result_scores  real[]       not null,
    took_ms        real         not null,
    embed_ms       real,
    search_ms      real         not null,
    constraint search_log_source_ck check (source in ('image', 'product'))
);
create index search_log_created_at_idx on search_log (created_at);
