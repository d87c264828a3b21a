-- 2-D maps of the catalogue embeddings (t-SNE, PCA), one per model and method; a new computation replaces the
-- previous one in one transaction, so the old map keeps serving until the new one is complete.
create table projection (
    id                   bigserial    primary key,
    model_id             varchar(300) not null,
    method               varchar(16)  not null,
    parameters           jsonb        not null,
    input_count          integer      not null,
    input_max_created_at timestamptz,
    computed_at          timestamptz  not null,
    took_ms              bigint       not null,
    constraint projection_method_ck check (method in ('tsne', 'pca')),
    constraint projection_model_method_uk unique (model_id, method)
);

create table projection_point (
    projection_id bigint not null references projection (id) on delete cascade,
    product_id    bigint not null references product (id) on delete cascade,
    x             real   not null,
    y             real   not null,
    primary key (projection_id, product_id)
);
