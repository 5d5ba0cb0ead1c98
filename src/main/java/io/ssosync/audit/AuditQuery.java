package io.ssosync.audit;

import java.time.Instant;

/**
 * Which audit rows a caller wants: {@code null} means any. {@code from} is inclusive, {@code to} exclusive;
 * {@code beforeId} is where the previous page (newest first) ended.
 */
public record AuditQuery(String tenantId, String connectionKey, String operation, String outcome, Instant from,
        Instant to, Long beforeId) {
}
