-- Orchestration: steps (external calls, undos and durable timers), service health, operator audit.

-- One row per step. A step is created in the transaction of the change whose policy started it,
-- claimed with a lease (fence counts claims, so an expired lease can write nothing), and completed
-- in the transaction that applies its result to the study.
create table step (
    id               uuid          primary key,
    study_id         uuid          not null references study (id),
    kind             varchar(40)   not null,
    service          varchar(32),
    status           varchar(16)   not null,
    idempotency_key  varchar(200)  not null unique,
    key_generation   integer       not null default 0,
    trigger_seq      bigint        not null,
    compensates      uuid,
    target_ref       varchar(200),
    chain_position   integer,
    attempts         integer       not null default 0,
    max_attempts     integer       not null,
    due_at           timestamptz   not null,
    lease_owner      varchar(100),
    lease_until      timestamptz,
    fence            bigint        not null default 0,
    taken_over_from  varchar(100),
    last_outcome     varchar(16),
    last_error       text,
    external_ref     varchar(200),
    suspended_at     timestamptz,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    completed_at     timestamptz,
    completed_by     varchar(100),
    redrives         integer       not null default 0
);
create index step_study on step (study_id, created_at);
create index step_pending on step (due_at) where status = 'PENDING';
create index step_leased on step (lease_until) where status = 'RUNNING';
create index step_suspended on step (service, suspended_at) where status = 'SUSPENDED';
create index step_waiting on step (study_id, chain_position) where status = 'WAITING';

-- Per external service: its health as the nodes agree on it, and how suspended work is released.
create table service_status (
    service              varchar(32)       primary key,
    state                varchar(16)       not null,
    reason               text,
    changed_at           timestamptz       not null,
    release_mode         varchar(16)       not null,
    release_per_second   double precision  not null,
    release_next_at      timestamptz
);

-- Every operator action: who, when, what, on what, why, and what came of it.
create table operator_action (
    id           bigserial     primary key,
    at           timestamptz   not null,
    actor        varchar(128)  not null,
    action       varchar(32)   not null,
    target       varchar(200)  not null,
    study_id     uuid,
    reason       text          not null,
    outcome      text          not null
);
create index operator_action_study on operator_action (study_id, id);
