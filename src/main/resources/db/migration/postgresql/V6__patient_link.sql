-- Patients retired by a merge (ADT^A40) and who survived them, so a message that still names the
-- retired identity reaches the survivor. One row per retired identity; chains are followed.
create table patient_link (
    retired_authority    varchar(64)  not null,
    retired_id           varchar(64)  not null,
    surviving_authority  varchar(64)  not null,
    surviving_id         varchar(64)  not null,
    merged_at            timestamptz not null,
    primary key (retired_authority, retired_id)
);
