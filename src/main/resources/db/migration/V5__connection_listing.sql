-- GET /api/connections pages in key order, narrowed by tenant or status: each filter gets an index that
-- ends with the key, so a page is an index range scan at any depth.
drop index connection_state_tenant;
create index connection_state_tenant_key on connection_state (tenant_id, connection_key);
create index connection_state_status_key on connection_state (status, connection_key);
