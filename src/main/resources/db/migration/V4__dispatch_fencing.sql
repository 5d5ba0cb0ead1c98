-- Fencing: each claim of a command takes a fresh token, and every write the claim makes names it, so a
-- worker whose lease ran out and whose command another worker took over cannot write any more.
create sequence sync_command_claim_token;
alter table sync_command add column claim_token bigint;

-- A create that may have reached Clerk belongs to the connection, not to one command: until it is
-- settled, every later command of the connection looks it up (by what it sent) before creating.
alter table connection_state add column create_in_doubt_spec jsonb;
update connection_state s set create_in_doubt_spec = c.target_spec
  from (select distinct on (connection_key) connection_key, target_spec from sync_command
         where create_sent and status in ('PENDING', 'IN_FLIGHT', 'DEAD') order by connection_key, id desc) c
 where c.connection_key = s.connection_key and s.clerk_connection_id is null;
alter table sync_command drop column create_sent;

-- The provider Clerk holds, known even for an adopted connection whose settings are not: a provider
-- change is a delete and a create, never an update.
alter table connection_state add column clerk_provider text;
update connection_state set clerk_provider = coalesce(applied_spec ->> 'provider', desired_spec ->> 'provider')
 where clerk_connection_id is not null;

-- Claiming looks only at open commands: finished ones stay out of the hot index.
drop index sync_command_connection;
create index sync_command_open_by_connection on sync_command (connection_key, id)
    where status in ('PENDING', 'IN_FLIGHT', 'DEAD');
