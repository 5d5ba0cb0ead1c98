package io.ssosync.sync.store;

import java.time.Instant;

import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.SyncStatus;

/** A row of {@code connection_state}. */
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
        Instant updatedAt) {
}
