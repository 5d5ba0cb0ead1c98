-- Secrets are sealed with AES-256-GCM before they are stored (README "Encryption at rest"): inside specs only the
-- secret fields, each value naming its key; a rejected record's raw bytes and headers whole, under the key named
-- here. Rows from before this version keep their values in clear (sealed_with null) until re-encryption.
alter table rejected_event add column sealed_with text;
