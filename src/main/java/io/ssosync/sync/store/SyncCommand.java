package io.ssosync.sync.store;

import java.time.Instant;
import java.util.Set;

import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Operation;

/**
 * A row of the {@code sync_command} outbox, as claimed by a dispatcher. {@code claimToken} fences the
 * claim: every write the claim makes names it, and none goes through once another claim took over.
 * {@code reread} marks a resync or reconcile repair: it reads what Clerk holds before it acts. {@code traceparent}
 * is the trace context of what queued it (an event, an operator's call), which its dispatch continues; null for
 * commands queued outside any trace or before V14.
 */
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
        Instant retryingSince,
        long claimToken,
        boolean reread,
        String traceparent) {
}
