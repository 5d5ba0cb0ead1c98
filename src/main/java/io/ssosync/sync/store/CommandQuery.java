package io.ssosync.sync.store;

import io.ssosync.sync.domain.CommandStatus;

/** Which commands a listing wants, in id order after {@code afterId}; {@code null} means any. */
public record CommandQuery(CommandStatus status, String tenantId, String connectionKey, Long afterId) {
}
