-- Clerk's side of a connection, as its last accepted answer gave it: what the IdP admin enters (SAML only).
alter table connection_state
    add column clerk_acs_url         text,
    add column clerk_sp_entity_id    text,
    add column clerk_sp_metadata_url text;

-- The outbox of status events for the registry: written in the transaction that changes a connection's
-- sync state, published to Kafka by a relay once committed. body is the whole structured CloudEvent, kept
-- as text so that a row published again is the same bytes under the same id.
create table status_event (
    id             bigserial   primary key,
    event_id       text        not null unique,
    tenant_id      text        not null,
    connection_key text        not null,
    type           text        not null,
    body           text        not null,
    created_at     timestamptz not null default now(),
    published_at   timestamptz
);
create index status_event_unpublished on status_event (id) where published_at is null;
create index status_event_published on status_event (published_at) where published_at is not null;
