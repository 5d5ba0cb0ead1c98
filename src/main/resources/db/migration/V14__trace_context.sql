-- Tracing (README "Tracing"): a command keeps the trace context of what queued it (a W3C traceparent), so that its
-- dispatch, later and on another thread, continues the event's trace; every history row keeps the trace id it was
-- written under. Rows from before this version have neither.
alter table sync_command add column traceparent text;
alter table sync_history add column trace_id text;

-- The trail shows the trace id as its last column. io.ssosync.audit.AuditRecord hashes it only where it is set, so
-- that the canonical form of every row written before it, and so the chain, stay as they were.
create or replace view audit_trail as
    select audit_id as id, 'attempt' as source, at, tenant_id, connection_key, operation, outcome,
           'sso-sync' as actor, command_id, method, path, request_body::text as request_body, http_status,
           duration_ms, clerk_error_code, clerk_error_message, clerk_trace_id, source_event_id,
           null::text as target_type, null::text as target, null::text as reason, null::text as details, hash,
           trace_id
      from sync_history
    union all
    select audit_id, 'action', at, tenant_id, connection_key, action, coalesce(details ->> 'outcome', 'DONE'),
           actor, null, null, null, null, null, null, null, null, null, null,
           target_type, target, reason, details::text, hash, null::text
      from operator_action;
