-- API tokens: each stored by the SHA-256 of its secret, never the secret. A name is unique among
-- the tokens not revoked, so a revoked token's name can be given to its replacement.
create table api_token (
    id           text    primary key,
    name         text    not null,
    roles        text    not null,
    secret_hash  blob    not null unique,
    created_at   integer not null,
    created_by   text    not null,
    expires_at   integer,
    revoked_at   integer
);
create unique index api_token_active_name on api_token (name) where revoked_at is null;

-- People who sign in with a password: its encoder's hash only, and the failures that lock it.
create table console_user (
    username         text    primary key,
    password_hash    text    not null,
    roles            text    not null,
    failed_attempts  integer not null default 0,
    locked_until     integer,
    created_at       integer not null,
    created_by       text    not null,
    disabled_at      integer
);

-- The audit is append-only: the database itself refuses to change or remove an entry.
create trigger operator_action_no_update before update on operator_action
begin
    select raise(abort, 'the audit (operator_action) is append-only');
end;
create trigger operator_action_no_delete before delete on operator_action
begin
    select raise(abort, 'the audit (operator_action) is append-only');
end;
