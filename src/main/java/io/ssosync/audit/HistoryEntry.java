package io.ssosync.audit;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One attempt to bring Clerk to a command's target: a call and its answer, or a decision not to call.
 * {@code requestBody} is always redacted. {@code traceId} is our own trace the attempt was made in (README
 * "Tracing"), {@code clerkTraceId} Clerk's for its answer.
 */
public record HistoryEntry(
        Long id,
        Instant at,
        Long commandId,
        String connectionKey,
        String tenantId,
        String operation,
        String method,
        String path,
        JsonNode requestBody,
        Integer httpStatus,
        Outcome outcome,
        Long durationMs,
        String clerkErrorCode,
        String clerkErrorMessage,
        String clerkTraceId,
        String sourceEventId,
        String traceId) {

    public enum Outcome {
        /** Clerk accepted the call. */
        SUCCEEDED,
        /** Clerk already held the connection that a lost create had made; it was adopted. */
        ADOPTED,
        /** A lookup for the connection a lost create may have made found nothing (on this page). */
        NOT_FOUND,
        /** The call failed for now (429, 5xx, time-out, connection); the command is retried. */
        RETRYING,
        /** The call failed for now, but the command has retried past its maximum age: parked as DEAD. */
        PARKED,
        /** Clerk no longer holds the connection (PATCH 404); it is created again. */
        GONE,
        /** Clerk refused the call for good; the connection is FAILED. */
        FAILED,
        /** Not sent: the configured API cannot carry the change. */
        REJECTED,
        /** Clerk's copy was read for a resync; the message names the fields that differed from the desired state. */
        READ,
        /** A reconcile found Clerk's copy different from the desired state; the message names the fields. */
        DRIFTED,
        /** A reconcile found that Clerk no longer holds a connection we created. */
        MISSING
    }
}
