-- SQLite twin of the PostgreSQL inbox.
create table inbox (
    source        text     not null,
    message_id    text     not null,
    study_id      text     not null,
    outcome       text     not null,
    history_seq   integer  not null,
    received_at   integer  not null,
    primary key (source, message_id)
);
