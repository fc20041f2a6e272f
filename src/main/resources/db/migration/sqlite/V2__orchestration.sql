-- SQLite twin of the PostgreSQL orchestration schema (instants as epoch microseconds).
create table step (
    id               text     primary key,
    study_id         text     not null references study (id),
    kind             text     not null,
    service          text,
    status           text     not null,
    idempotency_key  text     not null unique,
    key_generation   integer  not null default 0,
    trigger_seq      integer  not null,
    compensates      text,
    target_ref       text,
    chain_position   integer,
    attempts         integer  not null default 0,
    max_attempts     integer  not null,
    due_at           integer  not null,
    lease_owner      text,
    lease_until      integer,
    fence            integer  not null default 0,
    taken_over_from  text,
    last_outcome     text,
    last_error       text,
    external_ref     text,
    suspended_at     integer,
    created_at       integer  not null,
    updated_at       integer  not null,
    completed_at     integer,
    completed_by     text,
    redrives         integer  not null default 0
);
create index step_study on step (study_id, created_at);
create index step_pending on step (due_at) where status = 'PENDING';
create index step_leased on step (lease_until) where status = 'RUNNING';
create index step_suspended on step (service, suspended_at) where status = 'SUSPENDED';
create index step_waiting on step (study_id, chain_position) where status = 'WAITING';

create table service_status (
    service              text     primary key,
    state                text     not null,
    reason               text,
    changed_at           integer  not null,
    release_mode         text     not null,
    release_per_second   real     not null,
    release_next_at      integer
);

create table operator_action (
    id           integer  primary key autoincrement,
    at           integer  not null,
    actor        text     not null,
    action       text     not null,
    target       text     not null,
    study_id     text,
    reason       text     not null,
    outcome      text     not null
);
create index operator_action_study on operator_action (study_id, id);
