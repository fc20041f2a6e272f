-- The last patient update (ADT^A04/A08) acted on, per patient as the sender named them: a digest
-- of the patient's details, never the details, so a re-sent update is answered "already noted"
-- instead of asking identity checks again.
create table patient_update (
    authority       text    not null,
    patient_id      text    not null,
    content_digest  text    not null,
    noted_at        integer not null,
    primary key (authority, patient_id)
);
