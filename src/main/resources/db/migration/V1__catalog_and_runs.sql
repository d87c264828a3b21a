-- Catalogue: product metadata. Image bytes live on disk, content-addressed by image_hash (SHA-256 of the upload).
create table product (
    id           bigserial    primary key,
    sku          varchar(64)  not null,
    title        varchar(300) not null,
    category     varchar(100) not null,
    price        numeric(12, 2),
    image_hash   char(64)     not null,
    image_path   varchar(300) not null,
    image_format varchar(16)  not null,
    image_width  integer      not null,
    image_height integer      not null,
    cluster_id   integer,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now(),
    constraint product_sku_uk unique (sku),
    constraint product_image_hash_uk unique (image_hash),
    constraint product_price_ck check (price is null or price >= 0)
);
create index product_category_idx on product (category);
create index product_created_at_idx on product (created_at desc);

-- Background runs (imports, seeding, and later the pipeline jobs), with progress for polling clients.
create table pipeline_run (
    id          uuid         primary key,
    job         varchar(32)  not null,
    status      varchar(16)  not null,
    progress    real         not null default 0,
    message     text,
    error       text,
    created_at  timestamptz  not null default now(),
    started_at  timestamptz,
    finished_at timestamptz,
    constraint pipeline_run_status_ck check (status in ('queued', 'running', 'succeeded', 'failed')),
    constraint pipeline_run_progress_ck check (progress >= 0 and progress <= 1)
);
create index pipeline_run_created_at_idx on pipeline_run (created_at desc);
create index pipeline_run_job_status_idx on pipeline_run (job, status);
