-- Dispatch can be paused by an operator for every replica at once: each worker reads this row before it
-- claims a command, so the pause holds across replicas and restarts until someone resumes.
create table dispatch_control (
    id         smallint primary key check (id = 1),
    paused     boolean     not null default false,
    changed_by text,
    reason     text,
    changed_at timestamptz not null default now()
);
insert into dispatch_control (id, paused) values (1, false);

-- A resync or a reconcile repair: before acting, the command reads what Clerk holds of the connection rather
-- than trusting what we last recorded, and re-applies the desired state where Clerk differs from it.
alter table sync_command add column reread boolean not null default false;

-- Listing commands by status for operators, oldest first within a status.
create index sync_command_status_id on sync_command (status, id);

-- Each reconcile run's plan, newest last: what the console and the metrics show as "the last plan".
create table reconcile_run (
    id        bigserial primary key,
    at        timestamptz not null default now(),
    actor     text        not null,
    mode      text        not null,
    missing   integer     not null,
    drifted   integer     not null,
    orphans   integer     not null,
    queued    integer     not null,
    plan      jsonb       not null
);
