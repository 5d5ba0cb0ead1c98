package io.ssosync.sync.store;

import io.ssosync.sync.domain.SyncStatus;

/** Which connections a listing wants: a tenant's, those in one status, after a key; {@code null} means any. */
public record ConnectionQuery(String tenantId, SyncStatus status, String afterKey) {
}
