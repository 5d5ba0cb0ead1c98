package io.ssosync.sync.store;

import java.time.Instant;
import java.util.Set;

import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Operation;

/** A row of the {@code sync_command} outbox, as claimed by a dispatcher. */
public record SyncCommand(
        long id,
        String connectionKey,
        String tenantId,
        long version,
        Operation operation,
        ConnectionSpec target,
        Set<ConnectionField> changedFields,
        String sourceEventId,
        int attempts,
        boolean createSent,
        Instant retryingSince) {
}
