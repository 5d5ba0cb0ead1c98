package io.ssosync.sync;

import io.ssosync.status.StatusEventStore;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ConnectionStateStore;
import io.ssosync.sync.store.EventLocks;
import io.ssosync.sync.store.SpecJson;
import io.ssosync.sync.store.TenantStore;

/** The stores that recording events reads and writes, all on the caller's transaction. */
record RecordingStores(EventLocks locks, ConnectionStateStore connections, TenantStore tenants,
        CommandStore commands, StatusEventStore statusEvents, SpecJson specs) {
}
