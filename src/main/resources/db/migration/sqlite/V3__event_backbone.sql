-- SQLite twin of the PostgreSQL event-backbone schema (instants as epoch microseconds).
alter table outbox add column relay_partition integer not null default 0;
alter table outbox add column attempts integer not null default 0;
alter table outbox add column last_error text;
alter table outbox add column parked_at integer;
create index outbox_pending on outbox (relay_partition, id)
    where published_at is null and parked_at is null;
create index outbox_parked on outbox (study_id) where parked_at is not null;
create index outbox_published on outbox (published_at) where published_at is not null;

create table relay_lease (
    partition_no  integer  primary key,
    owner         text,
    lease_until   integer,
    fence         integer  not null default 0
);

-- Every relay alive, so each takes a fair share of the slices (one with none is alive too).
create table relay_member (
    owner        text  primary key,
    alive_until  integer  not null
);

create table webhook_subscription (
    id           text     primary key,
    url          text     not null,
    secret       text     not null,
    event_types  text     not null,
    active       integer  not null,
    created_at   integer  not null,
    created_by   text     not null
);

create table webhook_delivery (
    id               integer  primary key autoincrement,
    subscription_id  text     not null references webhook_subscription (id),
    event_id         text     not null,
    study_id         text     not null,
    study_seq        integer  not null,
    event_type       text     not null,
    payload          text     not null,
    replay           integer  not null,
    status           text     not null,
    attempts         integer  not null default 0,
    next_attempt_at  integer  not null,
    last_error       text,
    last_status      integer,
    created_at       integer  not null,
    delivered_at     integer
);
create index webhook_delivery_pending on webhook_delivery (subscription_id, id)
    where status = 'PENDING';
create index webhook_delivery_dead on webhook_delivery (subscription_id, id) where status = 'DEAD';
