package io.ssosync.audit;

import java.util.Map;

/**
 * A state-changing call made through the API, as recorded in the audit trail. {@code connectionKey} is set
 * when the action concerns one connection; {@code reason} is what the caller gave, if anything.
 */
public record OperatorAction(String actor, String action, String targetType, String target, String connectionKey,
        String reason, Map<String, Object> details) {

    public static OperatorAction retry(String actor, String connectionKey, String reason, int requeued) {
        return new OperatorAction(actor, "connection.retry", "connection", connectionKey, connectionKey, reason,
                Map.of("requeued", requeued));
    }

    /** {@code outcome} is the intake outcome, or REJECTED; the rejection's reason is left out, it may quote input. */
    public static OperatorAction replay(String actor, long rejectedEventId, String reason, boolean corrected,
            String outcome) {
        return new OperatorAction(actor, "rejected-event.replay", "rejected_event", String.valueOf(rejectedEventId),
                null, reason, Map.of("corrected", corrected, "outcome", outcome));
    }

    public static OperatorAction commandRetry(String actor, long commandId, String connectionKey, String reason,
            String outcome) {
        return new OperatorAction(actor, "command.retry", "command", String.valueOf(commandId), connectionKey,
                reason, Map.of("outcome", outcome));
    }

    public static OperatorAction resync(String actor, String connectionKey, String reason, int queued) {
        return new OperatorAction(actor, "connection.resync", "connection", connectionKey, connectionKey, reason,
                Map.of("queued", queued));
    }

    /** A tenant's resync: one row for the tenant, listing how many of its connections were queued. */
    public static OperatorAction tenantResync(String actor, String tenantId, String reason, int queued) {
        return new OperatorAction(actor, "tenant.resync", "tenant", tenantId, null, reason, Map.of("queued", queued));
    }

    public static OperatorAction dispatchPaused(String actor, boolean paused, String reason, boolean changed) {
        return new OperatorAction(actor, paused ? "dispatch.pause" : "dispatch.resume", "dispatch", "all", null,
                reason, Map.of("changed", changed));
    }

    /** A reconcile run: its mode and what the plan found, counted; the plan itself is kept in reconcile_run. */
    public static OperatorAction reconcile(String actor, String mode, String reason, Map<String, Object> found) {
        return new OperatorAction(actor, "reconcile." + mode, "reconcile", mode, null, reason, found);
    }
}
