-- The Clerk request quota, shared by every replica that uses one secret key: a token bucket and the
-- pause Clerk asked for with Retry-After. The key itself is never stored, only a digest of it.
create table clerk_quota (
    key_id       text primary key,
    tokens       double precision not null,
    refilled_at  timestamptz      not null,
    paused_until timestamptz      not null default 'epoch'
);

-- A command folded into a later one of its connection before it was sent ("bring Clerk to version N").
alter table sync_command add column superseded_by bigint;

-- What happened to a rejected event when an operator replayed it.
alter table rejected_event add column replay_outcome text;

-- Start of the window in which a command may keep retrying before it is parked as DEAD; an operator's
-- replay starts a new window.
alter table sync_command add column retrying_since timestamptz not null default now();
