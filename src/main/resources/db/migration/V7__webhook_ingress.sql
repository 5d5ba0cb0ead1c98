-- Events also arrive as signed webhooks (Standard Webhooks). The inbox and the rejections name the webhook
-- that carried an event, and each accepted webhook id is kept so that a repeated delivery has no effect.
alter table inbox_event add column webhook_id text;

alter table rejected_event add column received_via text not null default 'kafka';
alter table rejected_event add column webhook_id text;
create unique index rejected_event_webhook on rejected_event (webhook_id) where webhook_id is not null;

-- Written after the event's own transaction committed: a crash in between leaves the id unknown, the
-- sender retries, and the inbox's dedup on the event's source and id makes the retry change nothing.
create table webhook_delivery (
    webhook_id   text primary key,
    event_id     text,
    event_source text,
    outcome      text        not null,
    received_at  timestamptz not null default now()
);
