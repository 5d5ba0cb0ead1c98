package io.ssosync.api;

import java.time.Instant;
import java.util.List;

import io.ssosync.sync.store.ListedCommand;

/** An outbox command as the API shows it: where it stands and why, never its target's settings. */
public record CommandView(
        long id,
        String connectionKey,
        String tenantId,
        long version,
        String operation,
        String status,
        List<String> changedFields,
        boolean resync,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        String sourceEventId,
        Instant createdAt,
        Instant updatedAt) {

    public static CommandView of(ListedCommand command) {
        return new CommandView(command.id(), command.connectionKey(), command.tenantId(), command.version(),
                command.operation().name(), command.status().name(),
                command.changedFields().stream().map(Enum::name).sorted().toList(), command.reread(),
                command.attempts(), command.nextAttemptAt(), command.lastError(), command.sourceEventId(),
                command.createdAt(), command.updatedAt());
    }
}
