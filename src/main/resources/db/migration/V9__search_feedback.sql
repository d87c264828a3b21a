-- Searches by examples ("more like these") and by words are logged like the others.
alter table search_log drop constraint search_log_source_ck;
alter table search_log add constraint search_log_source_ck check (source in ('image', 'product', 'examples', 'text'));
create index search_log_query_id_idx on search_log (query_id);

-- A shopper's verdict on one result of one search (the latest verdict counts). A verdict goes with its product: one
-- on a product that no longer exists teaches nothing.
create table search_feedback (
    query_id   uuid        not null,
    product_id bigint      not null references product (id) on delete cascade,
    verdict    varchar(4)  not null,
    created_at timestamptz not null default now(),
    primary key (query_id, product_id),
    constraint search_feedback_verdict_ck check (verdict in ('good', 'bad'))
);
create index search_feedback_created_at_idx on search_feedback (created_at);
