-- Every event id the service has accepted. Inserted in the same transaction as the commands the
-- event produced, so a redelivered event finds its id here and changes nothing.
create table inbox_event (
    event_id        text primary key,
    event_type      text        not null,
    source          text,
    subject         text,
    tenant_id       text,
    outcome         text        not null,
    detail          text,
    kafka_topic     text,
    kafka_partition integer,
    kafka_offset    bigint,
    received_at     timestamptz not null default now()
);

-- Highest tenant.deleted version per tenant, so that a late upsert older than the tenant's
-- deletion cannot bring one of its connections back.
create table tenant_state (
    tenant_id       text primary key,
    deleted_version bigint      not null,
    updated_at      timestamptz not null default now()
);

-- One row per registry connection: what the registry wants (desired) and what Clerk last
-- accepted (applied). The dispatcher computes each request as the difference between the two.
create table connection_state (
    connection_key      text primary key,
    tenant_id           text        not null,
    clerk_api           text,
    clerk_connection_id text,
    desired_version     bigint      not null,
    desired_spec        jsonb,
    desired_deleted     boolean     not null default false,
    applied_version     bigint,
    applied_spec        jsonb,
    status              text        not null,
    last_error          text,
    updated_at          timestamptz not null default now()
);
create index connection_state_tenant on connection_state (tenant_id);

-- The transactional outbox: one row per planned create, update or delete.
create table sync_command (
    id              bigserial primary key,
    connection_key  text        not null,
    tenant_id       text        not null,
    version         bigint      not null,
    operation       text        not null,
    target_spec     jsonb,
    changed_fields  text[]      not null default '{}',
    source_event_id text        not null,
    status          text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    create_sent     boolean     not null default false,
    lease_owner     text,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index sync_command_due on sync_command (next_attempt_at, id) where status in ('PENDING', 'IN_FLIGHT');
create index sync_command_connection on sync_command (connection_key, id);

-- Append-only audit of every request sent to Clerk (and every decision not to send one).
-- Request bodies are stored with secrets redacted.
create table sync_history (
    id                  bigserial primary key,
    at                  timestamptz not null default now(),
    command_id          bigint,
    connection_key      text        not null,
    tenant_id           text        not null,
    operation           text        not null,
    method              text,
    path                text,
    request_body        jsonb,
    http_status         integer,
    outcome             text        not null,
    duration_ms         bigint,
    clerk_error_code    text,
    clerk_error_message text,
    clerk_trace_id      text,
    source_event_id     text
);
create index sync_history_connection on sync_history (connection_key, id desc);

create function sync_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'sync_history is append-only';
end $$;
create trigger sync_history_append_only before update or delete on sync_history
    for each row execute function sync_history_is_append_only();

-- Events that broke the contract, kept with their raw bytes for an operator to inspect and replay.
create table rejected_event (
    id              bigserial primary key,
    event_id        text,
    event_type      text,
    reason          text        not null,
    raw_value       bytea,
    raw_headers     jsonb,
    kafka_topic     text,
    kafka_partition integer,
    kafka_offset    bigint,
    rejected_at     timestamptz not null default now(),
    replayed_at     timestamptz
);
create unique index rejected_event_position on rejected_event (kafka_topic, kafka_partition, kafka_offset);
