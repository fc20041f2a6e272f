-- The last patient update (ADT^A04/A08) acted on, per patient as the sender named them: a digest
-- of the patient's details, never the details, so a re-sent update is answered "already noted"
-- instead of asking identity checks again.
create table patient_update (
    authority       varchar(64) not null,
    patient_id      varchar(64) not null,
    content_digest  varchar(64) not null,
    noted_at        timestamptz not null,
    primary key (authority, patient_id)
);
