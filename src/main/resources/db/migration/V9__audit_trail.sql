-- One audit trail over the attempts (sync_history) and the operator actions (operator_action): both take their
-- audit id from one sequence, so that the trail has one order and one id space.
create sequence audit_seq;

alter table sync_history disable trigger sync_history_append_only;
alter table operator_action disable trigger operator_action_append_only;
alter table sync_history add column audit_id bigint;
alter table operator_action add column audit_id bigint;
-- An action names its connection's tenant, so that "what changed for tenant X" finds it too.
alter table operator_action add column tenant_id text;
update operator_action a set tenant_id = s.tenant_id from connection_state s where s.connection_key = a.connection_key;
-- Rows written before the chain existed are numbered in the order they were written; they carry no hash.
update sync_history h set audit_id = n.seq from (
    select source, id, row_number() over (order by at, source, id) as seq from (
        select 'attempt' as source, id, at from sync_history
        union all select 'action', id, at from operator_action) rows) n
    where n.source = 'attempt' and n.id = h.id;
update operator_action a set audit_id = n.seq from (
    select source, id, row_number() over (order by at, source, id) as seq from (
        select 'attempt' as source, id, at from sync_history
        union all select 'action', id, at from operator_action) rows) n
    where n.source = 'action' and n.id = a.id;
select setval('audit_seq', greatest(1, (select count(*) from sync_history) + (select count(*) from operator_action)),
    (select count(*) from sync_history) + (select count(*) from operator_action) > 0);
alter table sync_history enable trigger sync_history_append_only;
alter table operator_action enable trigger operator_action_append_only;

alter table sync_history alter column audit_id set default nextval('audit_seq');
alter table sync_history alter column audit_id set not null;
alter table operator_action alter column audit_id set default nextval('audit_seq');
alter table operator_action alter column audit_id set not null;
create unique index sync_history_audit_id on sync_history (audit_id);
create unique index operator_action_audit_id on operator_action (audit_id);
create index sync_history_tenant_audit on sync_history (tenant_id, audit_id);
create index sync_history_connection_audit on sync_history (connection_key, audit_id);
create index sync_history_at on sync_history (at);
create index operator_action_tenant_audit on operator_action (tenant_id, audit_id) where tenant_id is not null;
create index operator_action_connection_audit on operator_action (connection_key, audit_id)
    where connection_key is not null;

-- The trail as the audit API reads it. Attempts are made by the service itself.
create view audit_trail as
    select audit_id as id, 'attempt' as source, at, tenant_id, connection_key, operation, outcome,
           'sso-sync' as actor, command_id, method, path, request_body::text as request_body, http_status,
           duration_ms, clerk_error_code, clerk_error_message, clerk_trace_id, source_event_id,
           null::text as target_type, null::text as target, null::text as reason, null::text as details
      from sync_history
    union all
    select audit_id, 'action', at, tenant_id, connection_key, action, coalesce(details ->> 'outcome', 'DONE'),
           actor, null, null, null, null, null, null, null, null, null, null,
           target_type, target, reason, details::text
      from operator_action;
