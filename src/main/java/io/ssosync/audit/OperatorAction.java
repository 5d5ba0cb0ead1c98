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
}
