package io.ssosync.reconcile;

import java.time.Instant;
import java.util.List;

/**
 * A reconcile run as the API answers it: the plan's three lists, and for {@code apply} what was repaired:
 * {@code adopted} orphans and the number of repair commands {@code queued} through the outbox.
 */
public record ReconcileResult(long runId, Instant at, String mode, List<ReconcilePlan.Missing> missing,
        List<ReconcilePlan.Drifted> drifted, List<ReconcilePlan.Orphan> orphans, List<Adopted> adopted, int queued) {

    /** An orphan taken over by one of our connections. */
    public record Adopted(String clerkConnectionId, String connectionKey) {
    }
}
