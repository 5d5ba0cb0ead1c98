-- Who changed what through the API, and why: one row per state-changing call, never updated nor deleted, so
-- that the audit trail of each connection can list these beside its attempts (sync_history).
create table operator_action (
    id             bigserial primary key,
    at             timestamptz not null default now(),
    -- The caller as authenticated: token:<digest prefix>, oidc:<principal> or anonymous; never a credential.
    actor          text        not null,
    -- What was done, e.g. connection.retry, rejected-event.replay.
    action         text        not null,
    -- What it was done to: target_type names the kind (connection, rejected_event), target its key or id.
    target_type    text        not null,
    target         text        not null,
    -- Set whenever the action concerns one connection, to list it with that connection's history.
    connection_key text,
    reason         text,
    -- The action's outcome and parameters, e.g. how many commands were requeued.
    details        jsonb       not null default '{}'
);
create index operator_action_at on operator_action (at, id);
create index operator_action_target on operator_action (target_type, target, id desc);
create index operator_action_connection on operator_action (connection_key, id desc) where connection_key is not null;

create function operator_action_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'operator_action is append-only';
end $$;
create trigger operator_action_append_only before update or delete on operator_action
    for each row execute function operator_action_is_append_only();
