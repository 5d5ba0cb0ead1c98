-- Sessions of the operator console. The cookie holds a random session id; only its SHA-256 is kept here, so a
-- copy of this table signs nobody in. Each row carries the actor and roles of the token that signed in (never
-- the token), the session's CSRF token for its forms, and when it ends.
create table console_session (
    id_hash    bytea primary key,
    actor      text        not null,
    roles      text        not null,
    csrf_token text        not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
);

create index console_session_expires_at on console_session (expires_at);
