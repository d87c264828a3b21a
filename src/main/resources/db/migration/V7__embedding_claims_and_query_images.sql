-- Several service instances against one database split the embedding backlog: an instance claims a batch of
-- products for a model (the product rows are locked with SKIP LOCKED while claiming, so two instances never claim
-- the same product), and a claim expires, so the batch of an instance that crashed returns to the backlog.
create table embedding_claim (
    product_id  bigint       not null references product (id) on delete cascade,
    model_id    varchar(300) not null,
    instance_id varchar(100) not null,
    lease_until timestamptz  not null,
    primary key (product_id, model_id)
);
create index embedding_claim_instance_idx on embedding_claim (instance_id);

-- The images and vectors of recent searches when app.search.query-store=database, so that any instance can
-- explain a search that another instance answered. Bounded by count and age like the folder they replace.
create table query_image (
    id         uuid         primary key,
    model_id   varchar(300) not null,
    format     varchar(16)  not null,
    image      bytea        not null,
    vector     bytea        not null,
    created_at timestamptz  not null default now()
);
create index query_image_created_at_idx on query_image (created_at);
