-- Text vectors of product titles and categories, one per product and text model, kept like the image vectors (V2):
-- a new text model gets vectors of its own while the old ones still answer, and the pipeline's text job fills them.
create table text_embedding (
    product_id bigint       not null references product (id) on delete cascade,
    model_id   varchar(300) not null,
    dim        integer      not null,
    vector     bytea        not null,
    created_at timestamptz  not null default now(),
    primary key (product_id, model_id),
    constraint text_embedding_size_ck check (dim > 0 and octet_length(vector) = dim * 4)
);
create index text_embedding_model_idx on text_embedding (model_id);
