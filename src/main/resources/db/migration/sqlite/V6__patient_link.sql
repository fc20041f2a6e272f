-- Patients retired by a merge (ADT^A40) and who survived them, so a message that still names the
-- retired identity reaches the survivor. One row per retired identity; chains are followed.
create table patient_link (
    retired_authority    text  not null,
    retired_id           text  not null,
    surviving_authority  text  not null,
    surviving_id         text  not null,
    merged_at            integer not null,
    primary key (retired_authority, retired_id)
);
