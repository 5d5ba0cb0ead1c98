package io.ssosync.status;

import java.util.Locale;

import io.ssosync.sync.domain.ServiceProvider;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.StoredConnection;

/**
 * A connection's sync state as the registry is told it: the version the state is about, Clerk's connection
 * id, why it failed, and Clerk's side of the connection (null where Clerk gave none).
 */
public record StatusChange(String tenantId, String connectionKey, long version, String clerkConnectionId,
        SyncStatus status, String reason, ServiceProvider clerk) {

    public StatusChange {
        if (status == SyncStatus.PENDING) {
            throw new IllegalArgumentException("PENDING is not announced");
        }
    }

    /** The connection as it now stands, at {@code version}. */
    public static StatusChange of(StoredConnection now, long version, String reason) {
        return new StatusChange(now.tenantId(), now.connectionKey(), version, now.clerkConnectionId(), now.status(),
                reason, now.serviceProvider());
    }

    /** {@code sso-sync.connection.synced}, {@code .failed} or {@code .deleted}. */
    public String type() {
        return "sso-sync.connection." + status.name().toLowerCase(Locale.ROOT);
    }
}
