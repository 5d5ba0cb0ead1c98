package io.ssosync.sync.domain;

import java.util.Set;

/** A command for the outbox. {@code target} is null for a delete. */
public record PlannedCommand(Operation operation, long version, ConnectionSpec target, Set<ConnectionField> changedFields) {
}
