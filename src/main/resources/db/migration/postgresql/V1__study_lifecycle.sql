-- The study aggregate: track columns for queries, the rest in detail (JSON written by radflow).
create table study (
    id                    uuid primary key,
    assigning_authority   varchar(64)  not null,
    accession_number      varchar(64)  not null,
    patient_authority     varchar(64)  not null,
    patient_id            varchar(64)  not null,
    entry_kind            varchar(32)  not null,
    clinical_state        varchar(32)  not null,
    imaging_state         varchar(32)  not null,
    administrative_state  varchar(32)  not null,
    distribution_state    varchar(32)  not null,
    -- a search index only: rewritten from the model by every change; reads derive it afresh
    status_index          varchar(32)  not null,
    next_hold_deadline    timestamptz,
    creation_fingerprint  char(64)     not null,
    detail                text         not null,
    version               bigint       not null,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    constraint study_business_key unique (assigning_authority, accession_number)
);
create index study_patient on study (patient_authority, patient_id);
create index study_accession on study (accession_number);
create index study_status on study (status_index, created_at desc);
create index study_created on study (created_at desc, id);
create index study_hold_deadline on study (next_hold_deadline) where next_hold_deadline is not null;

-- Append-only audit trail: one row per change, body is the change as JSON.
create table study_history (
    study_id         uuid         not null references study (id),
    seq              bigint       not null,
    change_type      varchar(32)  not null,
    transition_type  varchar(40),
    idempotency_key  varchar(200),
    business_time    timestamptz,
    record_time      timestamptz  not null,
    source_system    varchar(128),
    source_ref       varchar(256),
    actor            varchar(128),
    body             text         not null,
    primary key (study_id, seq)
);

-- Which business transitions a study has accepted, and what they did.
create table idempotency_key (
    study_id         uuid          not null references study (id),
    idempotency_key  varchar(200)  not null,
    fingerprint      char(64)      not null,
    outcome          varchar(16)   not null,
    history_seq      bigint        not null,
    primary key (study_id, idempotency_key)
);

create table idempotency_conflict (
    id                       bigserial     primary key,
    study_id                 uuid          not null references study (id),
    idempotency_key          varchar(256)  not null,
    original_fingerprint     char(64)      not null,
    conflicting_fingerprint  char(64)      not null,
    conflicting_command      text          not null,
    recorded_at              timestamptz   not null
);
create index idempotency_conflict_study on idempotency_conflict (study_id, id);

-- Transactional outbox: written with the change; the relay publishes and marks rows.
create table outbox (
    id            bigserial     primary key,
    event_id      uuid          not null unique,
    study_id      uuid          not null,
    study_seq     bigint        not null,
    event_type    varchar(64)   not null,
    payload       text          not null,
    created_at    timestamptz   not null,
    published_at  timestamptz,
    constraint outbox_study_seq unique (study_id, study_seq)
);
create index outbox_unpublished on outbox (id) where published_at is null;
