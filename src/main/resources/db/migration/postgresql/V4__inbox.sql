-- Transport messages radflow has processed (source system + message id), written in the
-- transaction of the command they carried, so a redelivered message is recognised and answered
-- with the original outcome.
create table inbox (
    source        varchar(128)  not null,
    message_id    varchar(256)  not null,
    study_id      uuid          not null,
    outcome       varchar(16)   not null,
    history_seq   bigint        not null,
    received_at   timestamptz   not null,
    primary key (source, message_id)
);
