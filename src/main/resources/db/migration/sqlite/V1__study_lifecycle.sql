-- SQLite twin of the PostgreSQL schema. Instants are microseconds since the epoch (INTEGER),
-- ids are UUID text.
create table study (
    id                    text     primary key,
    assigning_authority   text     not null,
    accession_number      text     not null,
    patient_authority     text     not null,
    patient_id            text     not null,
    entry_kind            text     not null,
    clinical_state        text     not null,
    imaging_state         text     not null,
    administrative_state  text     not null,
    distribution_state    text     not null,
    -- a search index only: rewritten from the model by every change; reads derive it afresh
    status_index          text     not null,
    next_hold_deadline    integer,
    creation_fingerprint  text     not null,
    detail                text     not null,
    version               integer  not null,
    created_at            integer  not null,
    updated_at            integer  not null,
    constraint study_business_key unique (assigning_authority, accession_number)
);
create index study_patient on study (patient_authority, patient_id);
create index study_accession on study (accession_number);
create index study_status on study (status_index, created_at desc);
create index study_created on study (created_at desc, id);
create index study_hold_deadline on study (next_hold_deadline) where next_hold_deadline is not null;

create table study_history (
    study_id         text     not null references study (id),
    seq              integer  not null,
    change_type      text     not null,
    transition_type  text,
    idempotency_key  text,
    business_time    integer,
    record_time      integer  not null,
    source_system    text,
    source_ref       text,
    actor            text,
    body             text     not null,
    primary key (study_id, seq)
);

create table idempotency_key (
    study_id         text     not null references study (id),
    idempotency_key  text     not null,
    fingerprint      text     not null,
    outcome          text     not null,
    history_seq      integer  not null,
    primary key (study_id, idempotency_key)
);

create table idempotency_conflict (
    id                       integer  primary key autoincrement,
    study_id                 text     not null references study (id),
    idempotency_key          text     not null,
    original_fingerprint     text     not null,
    conflicting_fingerprint  text     not null,
    conflicting_command      text     not null,
    recorded_at              integer  not null
);
create index idempotency_conflict_study on idempotency_conflict (study_id, id);

create table outbox (
    id            integer  primary key autoincrement,
    event_id      text     not null unique,
    study_id      text     not null,
    study_seq     integer  not null,
    event_type    text     not null,
    payload       text     not null,
    created_at    integer  not null,
    published_at  integer,
    constraint outbox_study_seq unique (study_id, study_seq)
);
create index outbox_unpublished on outbox (id) where published_at is null;
