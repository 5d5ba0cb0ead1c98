-- Tamper evidence: each audit row carries the SHA-256 of its canonical form chained to the previous row's hash
-- (io.ssosync.audit.AuditChain). The writer inserts the row, reads it back through the audit_trail view and sets
-- its hash in the same transaction; that one change, from no hash to a hash with every other column unchanged,
-- is the only update the append-only rule lets through. Rows written before this version carry no hash.
alter table sync_history add column hash text;
alter table operator_action add column hash text;

create or replace function sync_history_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.hash is null and new.hash is not null
            and to_jsonb(new) - 'hash' = to_jsonb(old) - 'hash' then
        return new;
    end if;
    raise exception 'sync_history is append-only';
end $$;

create or replace function operator_action_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.hash is null and new.hash is not null
            and to_jsonb(new) - 'hash' = to_jsonb(old) - 'hash' then
        return new;
    end if;
    raise exception 'operator_action is append-only';
end $$;

create or replace view audit_trail as
    select audit_id as id, 'attempt' as source, at, tenant_id, connection_key, operation, outcome,
           'sso-sync' as actor, command_id, method, path, request_body::text as request_body, http_status,
           duration_ms, clerk_error_code, clerk_error_message, clerk_trace_id, source_event_id,
           null::text as target_type, null::text as target, null::text as reason, null::text as details, hash
      from sync_history
    union all
    select audit_id, 'action', at, tenant_id, connection_key, action, coalesce(details ->> 'outcome', 'DONE'),
           actor, null, null, null, null, null, null, null, null, null, null,
           target_type, target, reason, details::text, hash
      from operator_action;
