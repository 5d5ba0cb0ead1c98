package io.ssosync.api;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.audit.AuditRecord;

/** One audit row as the API shows it: the common fields, then the attempt's (as in a connection's history), then the action's. */
public record AuditItem(
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
        JsonNode requestBody,
        Integer httpStatus,
        Long durationMs,
        String clerkErrorCode,
        String clerkErrorMessage,
        String clerkTraceId,
        String sourceEventId,
        String targetType,
        String target,
        String reason,
        JsonNode details,
        String traceId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static AuditItem of(AuditRecord r) {
        return new AuditItem(r.id(), r.source(), r.at(), r.tenantId(), r.connectionKey(), r.operation(), r.outcome(),
                r.actor(), r.commandId(), r.method(), r.path(), parse(r.requestBody()), r.httpStatus(), r.durationMs(),
                r.clerkErrorCode(), r.clerkErrorMessage(), r.clerkTraceId(), r.sourceEventId(), r.targetType(),
                r.target(), r.reason(), parse(r.details()), r.traceId());
    }

    private static JsonNode parse(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("the database holds JSON it cannot read back", e);
        }
    }
}
