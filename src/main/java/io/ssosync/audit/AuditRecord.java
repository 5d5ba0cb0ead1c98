package io.ssosync.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the audit trail: an attempt ({@code source} "attempt", made by the service) or an operator action
 * ("action"). The attempt's fields are null for an action and the action's for an attempt. JSON columns are kept
 * as the database's text; request bodies were redacted when they were written. {@code traceId} is the trace the
 * attempt was made in (null for actions and for attempts written before V14).
 */
public record AuditRecord(
        long id,
        String source,
        Instant at,
        String tenantId,
        String connectionKey,
        String operation,
        String outcome,
        String actor,
        Long commandId,
        String method,
        String path,
        String requestBody,
        Integer httpStatus,
        Long durationMs,
        String clerkErrorCode,
        String clerkErrorMessage,
        String clerkTraceId,
        String sourceEventId,
        String targetType,
        String target,
        String reason,
        String details,
        String traceId) {

    /** The fields' names, in the order of {@link #values()}: the common ones, the attempt's, the action's. */
    public static final List<String> COLUMNS = List.of("id", "source", "at", "tenantId", "connectionKey",
            "operation", "outcome", "actor", "commandId", "method", "path", "requestBody", "httpStatus", "durationMs",
            "clerkErrorCode", "clerkErrorMessage", "clerkTraceId", "sourceEventId", "targetType", "target", "reason",
            "details", "traceId");

    /** The fields in column order, the time as ISO-8601 text: what the CSV export writes and the hash chain hashes. */
    public List<Object> values() {
        return Arrays.asList(id, source, at == null ? null : at.toString(), tenantId, connectionKey, operation,
                outcome, actor, commandId, method, path, requestBody, httpStatus, durationMs, clerkErrorCode,
                clerkErrorMessage, clerkTraceId, sourceEventId, targetType, target, reason, details, traceId);
    }

    /**
     * What the hash chain hashes: the fields in column order, the trace id only where there is one. Rows chained
     * before the trace id existed hashed the fields before it, and a null trace id leaves that form as it was.
     */
    public List<Object> canonical() {
        List<Object> values = values();
        return traceId == null ? values.subList(0, values.size() - 1) : values;
    }
}
