-- Retention (SSO_SYNC_AUDIT_RETENTION) deletes the oldest audit rows: the one deletion the append-only rule allows,
-- and only of rows up to the checkpoint, which keeps the id and hash of the last row deleted so that the chain is
-- verified from there (io.ssosync.audit.AuditRetention, AuditChain).
create table audit_checkpoint (
    id        integer primary key check (id = 1),
    last_id   bigint  not null default 0,
    last_hash text
);
insert into audit_checkpoint (id) values (1);

create or replace function sync_history_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.hash is null and new.hash is not null
            and to_jsonb(new) - 'hash' = to_jsonb(old) - 'hash' then
        return new;
    end if;
    if tg_op = 'DELETE' and old.audit_id <= (select last_id from audit_checkpoint where id = 1) then
        return old;
    end if;
    raise exception 'sync_history is append-only';
end $$;

create or replace function operator_action_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.hash is null and new.hash is not null
            and to_jsonb(new) - 'hash' = to_jsonb(old) - 'hash' then
        return new;
    end if;
    if tg_op = 'DELETE' and old.audit_id <= (select last_id from audit_checkpoint where id = 1) then
        return old;
    end if;
    raise exception 'operator_action is append-only';
end $$;
