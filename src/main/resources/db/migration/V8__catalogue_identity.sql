-- One row naming this catalogue (this database). Index files record it, so that a saved index is never loaded
-- against another catalogue whose products are numbered from 1 as well.
create table catalogue_identity (
    id         uuid primary key,
    created_at timestamptz not null default now()
);
insert into catalogue_identity (id) values (gen_random_uuid());
