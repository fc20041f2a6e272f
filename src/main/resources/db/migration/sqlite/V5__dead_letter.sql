-- SQLite twin of the PostgreSQL dead_letter table.
create table dead_letter (
    id                  integer  primary key autoincrement,
    channel             text     not null,
    received_at         integer  not null,
    peer                text,
    message_type        text,
    control_id          text,
    sending_system      text,
    accession           text,
    error_code          text     not null,
    reason              text     not null,
    raw_sha256          text     not null,
    raw_size            integer  not null,
    status              text     not null,
    attempts            integer  not null default 0,
    last_attempt_at     integer,
    last_outcome        text,
    reprocessing_until  integer
);
create index dead_letter_status on dead_letter (status, id);
create index dead_letter_received on dead_letter (received_at);
create index dead_letter_accession on dead_letter (accession);
create index dead_letter_control_id on dead_letter (control_id);
