-- Event backbone: the relay's partitions of the study space and its leases, rows it could not
-- publish (parked), and webhook subscriptions and their deliveries.

-- Which slice of the study space a row belongs to (a hash of its study id): one relay holds a
-- slice at a time, so one study's events are published by one relay, in order.
alter table outbox add column relay_partition integer not null default 0;
alter table outbox add column attempts integer not null default 0;
alter table outbox add column last_error text;
alter table outbox add column parked_at timestamptz;
create index outbox_pending on outbox (relay_partition, id)
    where published_at is null and parked_at is null;
create index outbox_parked on outbox (study_id) where parked_at is not null;
create index outbox_published on outbox (published_at) where published_at is not null;

create table relay_lease (
    partition_no  integer       primary key,
    owner         varchar(100),
    lease_until   timestamptz,
    fence         bigint        not null default 0
);

-- Every relay alive, so each takes a fair share of the slices (one with none is alive too).
create table relay_member (
    owner        varchar(100)  primary key,
    alive_until  timestamptz  not null
);

create table webhook_subscription (
    id           uuid          primary key,
    url          text          not null,
    secret       text          not null,
    event_types  text          not null,
    active       boolean       not null,
    created_at   timestamptz   not null,
    created_by   varchar(128)  not null
);

-- One row per event per matching subscription, written by the relay in the transaction that
-- marks the event published; delivered oldest first per subscription.
create table webhook_delivery (
    id               bigserial     primary key,
    subscription_id  uuid          not null references webhook_subscription (id),
    event_id         uuid          not null,
    study_id         uuid          not null,
    study_seq        bigint        not null,
    event_type       varchar(64)   not null,
    payload          text          not null,
    replay           boolean       not null,
    status           varchar(16)   not null,
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    last_error       text,
    last_status      integer,
    created_at       timestamptz   not null,
    delivered_at     timestamptz
);
create index webhook_delivery_pending on webhook_delivery (subscription_id, id)
    where status = 'PENDING';
create index webhook_delivery_dead on webhook_delivery (subscription_id, id) where status = 'DEAD';
