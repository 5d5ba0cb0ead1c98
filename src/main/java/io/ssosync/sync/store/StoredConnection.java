package io.ssosync.sync.store;

import java.time.Instant;

import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ClerkHolding;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.ServiceProvider;
import io.ssosync.sync.domain.SyncStatus;

/**
 * A row of {@code connection_state}. {@code createInDoubt} is what a create that may have reached Clerk sent;
 * {@code serviceProvider} is Clerk's side of the connection as its answers last gave it, or null.
 */
public record StoredConnection(
        String connectionKey,
        String tenantId,
        ClerkApi clerkApi,
        String clerkConnectionId,
        long desiredVersion,
        ConnectionSpec desiredSpec,
        boolean desiredDeleted,
        Long appliedVersion,
        ConnectionSpec appliedSpec,
        SyncStatus status,
        String lastError,
        Instant updatedAt,
        String clerkProvider,
        ConnectionSpec createInDoubt,
        ServiceProvider serviceProvider) {

    /** The row that a connection never seen before starts from: nothing desired, nothing applied, nothing in Clerk. */
    public static StoredConnection firstSight(String connectionKey, String tenantId) {
        return new StoredConnection(connectionKey, tenantId, null, null, 0, null, true, null, null, SyncStatus.PENDING,
                null, null, null, null, null);
    }

    /** The same row with the desired state, status and applied version that an event planned (spec null: to be gone). */
    public StoredConnection withPlanned(long version, ConnectionSpec spec, SyncStatus newStatus, String newLastError,
            Long newAppliedVersion) {
        return new StoredConnection(connectionKey, tenantId, clerkApi, clerkConnectionId, version, spec, spec == null,
                newAppliedVersion, appliedSpec, newStatus, newLastError, updatedAt, clerkProvider, createInDoubt,
                serviceProvider);
    }

    /** What Clerk holds of the connection, as far as we know. */
    public ClerkHolding holding() {
        return clerkConnectionId == null ? ClerkHolding.nothing()
                : new ClerkHolding(clerkApi, clerkConnectionId, clerkProvider, appliedSpec);
    }
}
