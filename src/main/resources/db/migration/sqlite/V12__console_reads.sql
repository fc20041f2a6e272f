-- What the operator console reads, each served by an index so a page stays fast with 100,000
-- studies (and their ~1.4 million history rows and ~600,000 steps) in the store.

-- Search by order number: an operator types the number alone, which the unique indexes of V7
-- (authority first) cannot serve.
create index study_placer_order_number on study (placer_order_number);
create index study_filler_order_number on study (filler_order_number);

-- Search by service: studies with unfinished work there. Unfinished steps are few beside the
-- finished ones, so a partial index keeps the search off the step table. The list of statuses
-- must equal StudyQueries.UNFINISHED_STEP.
create index step_unfinished_by_service on step (service, study_id)
    where status in ('WAITING', 'PENDING', 'RUNNING', 'SUSPENDED', 'FAILED');

-- The overview's counts. Studies per status and per track state are read in one pass over this
-- covering index instead of over the study rows and their detail; it costs one more index entry
-- written per study change, which already rewrites these columns.
create index study_states on study (status_index, clinical_state, imaging_state,
    administrative_state, distribution_state);
-- Studies completed since a moment: complete now and changed since (see StudyCounts).
create index study_status_updated on study (status_index, updated_at);

-- Studies per status, sampled once a minute by whichever node comes first, for the console's chart
-- of the last hours; samples older than the retention (radflow.console.sample-retention) are
-- deleted by the sampler. The key makes a second node's sample of the same minute write nothing.
create table study_status_sample (
    sampled_at  integer  not null,
    status      text     not null,
    studies     integer  not null,
    primary key (sampled_at, status)
);

-- Step latency: the latest steps that succeeded at a service, newest first. V11's index on
-- completed_at covers only steps whose retained request is not purged yet, so it cannot serve this.
create index step_succeeded on step (completed_at)
    where status = 'SUCCEEDED' and service is not null;

-- Each service's health history: one row per change of service_status.state, written in the
-- transaction of the change. Read newest first per service.
create table service_health_change (
    id       integer  primary key autoincrement,
    service  text     not null,
    state    text     not null,
    reason   text,
    actor    text,
    at       integer  not null
);
create index service_health_change_service on service_health_change (service, id);

-- The audit page's filters: by actor and by action, newest first (id), and by time. The action
-- index also lists the distinct action names, one index probe per name (AuditTrail.actionNames).
create index operator_action_actor on operator_action (actor, id);
create index operator_action_action on operator_action (action, id);
create index operator_action_at on operator_action (at);
