-- One vector per product and model, so that an index can be rebuilt without recomputing and a model change can
-- re-embed in the background while the previous model's vectors still exist.
create table embedding (
    product_id bigint       not null references product (id) on delete cascade,
    model_id   varchar(300) not null,
    dim        integer      not null,
    vector     bytea        not null,
    created_at timestamptz  not null default now(),
    primary key (product_id, model_id),
    constraint embedding_size_ck check (dim > 0 and octet_length(vector) = dim * 4)
);
create index embedding_model_idx on embedding (model_id);
