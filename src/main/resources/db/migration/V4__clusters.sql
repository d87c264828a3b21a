-- Clustering runs with their provenance; one run per model is active and is what product.cluster_id refers to.
-- A new run becomes active in the same transaction that rewrites product.cluster_id, so the previous clustering
-- keeps serving until a new one has fully succeeded.
create table cluster_run (
    id                     bigserial    primary key,
    model_id               varchar(300) not null,
    k                      integer      not null,
    seed                   bigint       not null,
    criterion              text         not null,
    silhouette             real,
    -- the embeddings the run read: used by the schedule to skip when nothing changed
    input_count            integer      not null,
    input_max_created_at   timestamptz,
    provenance             jsonb        not null,
    started_at             timestamptz  not null,
    finished_at            timestamptz  not null,
    active                 boolean      not null default false,
    constraint cluster_run_k_ck check (k > 0)
);
create unique index cluster_run_active_uk on cluster_run (model_id) where active;

-- The clusters of a run: centroid (little-endian float32, like embedding.vector), label and representatives.
create table cluster (
    run_id             bigint        not null references cluster_run (id) on delete cascade,
    cluster_id         integer       not null,
    size               integer       not null,
    label              varchar(300),
    centroid           bytea         not null,
    representative_ids bigint[]      not null,
    primary key (run_id, cluster_id)
);
create index product_cluster_idx on product (cluster_id);
