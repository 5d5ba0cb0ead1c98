package io.ssosync.sync.store;

import java.time.Instant;
import java.util.Set;

import io.ssosync.sync.domain.CommandStatus;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.Operation;

/** An outbox command as an operator lists it: where it stands, never its target's settings (they hold secrets). */
public record ListedCommand(
        long id,
        String connectionKey,
        String tenantId,
        long version,
        Operation operation,
        CommandStatus status,
        Set<ConnectionField> changedFields,
        boolean reread,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        String sourceEventId,
        Instant createdAt,
        Instant updatedAt) {
}
