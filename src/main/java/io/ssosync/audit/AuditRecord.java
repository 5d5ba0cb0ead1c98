package io.ssosync.audit;

import java.time.Instant;

/**
 * One row of the audit trail: an attempt ({@code source} "attempt", made by the service) or an operator action
 * ("action"). The attempt's fields are null for an action and the action's for an attempt. JSON columns are kept
 * as the database's text; request bodies were redacted when they were written.
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
        String details) {
}
