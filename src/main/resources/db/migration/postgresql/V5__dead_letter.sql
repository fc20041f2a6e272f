-- Inbound messages radflow received but could not process, kept with the reason and a reference
-- to the raw bytes in the blob store (never the bytes), until an operator reprocesses or discards
-- them. Rows are never deleted. A reprocessing attempt claims its letter until
-- reprocessing_until, so only one runs at a time.
create table dead_letter (
    id                  bigserial     primary key,
    channel             varchar(64)   not null,
    received_at         timestamptz   not null,
    peer                varchar(256),
    message_type        varchar(64),
    control_id          varchar(256),
    sending_system      varchar(256),
    accession           varchar(128),
    error_code          varchar(32)   not null,
    reason              text          not null,
    raw_sha256          varchar(64)   not null,
    raw_size            bigint        not null,
    status              varchar(16)   not null,
    attempts            integer       not null default 0,
    last_attempt_at     timestamptz,
    last_outcome        text,
    reprocessing_until  timestamptz
);
-- Pages run newest first by id, so the status index ends in id; the others serve the filters an
-- operator starts from: a time window, an accession, a sender's control id.
create index dead_letter_status on dead_letter (status, id);
create index dead_letter_received on dead_letter (received_at);
create index dead_letter_accession on dead_letter (accession);
create index dead_letter_control_id on dead_letter (control_id);
