-- CloudEvents makes an event unique by source and id together: two producers may well use the same id.
-- The same source and id seen again with other content is not a redelivery but a conflict: it is counted
-- here for an operator and never applied. The digest covers type, subject and data (canonical JSON), so
-- the same event in the other Kafka binding stays a plain duplicate.
update inbox_event set source = '' where source is null;
alter table inbox_event alter column source set not null;
alter table inbox_event drop constraint inbox_event_pkey;
-- event_id first: operators and tests look events up by id alone.
alter table inbox_event add primary key (event_id, source);
alter table inbox_event add column content_digest text;
alter table inbox_event add column conflicts integer not null default 0;
alter table inbox_event add column last_conflict_at timestamptz;
alter table inbox_event add column last_conflict_digest text;

-- Whether a rejected record's copy to the dead-letter topic arrived: PENDING until Kafka answers, then
-- COPIED or FAILED (with the reason). The copy is sent in the background, so a dead-letter topic that
-- cannot be written does not hold up intake; this row stays the record of truth either way.
alter table rejected_event add column dead_letter_status text;
alter table rejected_event add column dead_letter_error text;
alter table rejected_event add column dead_letter_at timestamptz;
