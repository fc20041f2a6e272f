-- National steps retain the exact request they send: an encrypted blob, referenced here by its
-- name, the key that sealed it and its size (never its content). Purged once the step succeeded
-- and the retention passed. After an outage, urgent studies' steps are released first, then oldest first.
alter table step add column payload_ref varchar(80);
alter table step add column payload_key varchar(64);
alter table step add column payload_size integer;
alter table step add column payload_purged_at timestamptz;
alter table step add column urgent boolean not null default false;
drop index step_suspended;
create index step_suspended on step (service, urgent desc, created_at, id) where status = 'SUSPENDED';
create index step_payload_retained on step (completed_at)
    where payload_ref is not null and payload_purged_at is null;
-- How many suspended steps a release started with, for its drain progress.
alter table service_status add column release_total integer;
