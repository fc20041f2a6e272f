-- API tokens: each stored by the SHA-256 of its secret, never the secret. A name is unique among
-- the tokens not revoked, so a revoked token's name can be given to its replacement.
create table api_token (
    id           uuid         primary key,
    name         varchar(64)  not null,
    roles        varchar(200) not null,
    secret_hash  bytea        not null unique,
    created_at   timestamptz  not null,
    created_by   varchar(200) not null,
    expires_at   timestamptz,
    revoked_at   timestamptz
);
create unique index api_token_active_name on api_token (name) where revoked_at is null;

-- People who sign in with a password: its encoder's hash only, and the failures that lock it.
create table console_user (
    username         varchar(64)  primary key,
    password_hash    varchar(200) not null,
    roles            varchar(200) not null,
    failed_attempts  integer      not null default 0,
    locked_until     timestamptz,
    created_at       timestamptz  not null,
    created_by       varchar(200) not null,
    disabled_at      timestamptz
);

-- The audit is append-only: the database itself refuses to change or remove an entry.
create function operator_action_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit (operator_action) is append-only';
end $$;
create trigger operator_action_append_only before update or delete on operator_action
    for each row execute function operator_action_append_only();
