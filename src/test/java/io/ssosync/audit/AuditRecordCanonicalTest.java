package io.ssosync.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The trace id joined the trail in V14: rows chained before it, which have none, must hash as they did, while a row
 * that has one is sealed with it.
 */
class AuditRecordCanonicalTest {

    @Test
    void rowWithoutTraceIdHashesAsBeforeTheTraceIdExisted() throws Exception {
        AuditRecord row = attempt(null);
        // The canonical form up to V13: the 22 fields before the trace id.
        String before = new ObjectMapper().writeValueAsString(Arrays.asList(7L, "attempt", "2026-11-25T10:00:00Z",
                "t_acme", "idp_7f3a", "CREATE", "SUCCEEDED", "sso-sync", 41L, "POST", "/enterprise_connections",
                "{}", 200, 12L, null, null, "clerk-trace", "evt_1", null, null, null, null));
        assertEquals(before, new ObjectMapper().writeValueAsString(row.canonical()));
    }

    @Test
    void traceIdIsSealedWhereItIsSet() {
        assertNotEquals(AuditChain.hash("prev", attempt(null)), AuditChain.hash("prev", attempt("4bf92f35")));
        assertNotEquals(AuditChain.hash("prev", attempt("4bf92f35")), AuditChain.hash("prev", attempt("00f067aa")));
    }

    private static AuditRecord attempt(String traceId) {
        return new AuditRecord(7L, "attempt", Instant.parse("2026-11-25T10:00:00Z"), "t_acme", "idp_7f3a", "CREATE",
                "SUCCEEDED", "sso-sync", 41L, "POST", "/enterprise_connections", "{}", 200, 12L, null, null,
                "clerk-trace", "evt_1", null, null, null, null, traceId);
    }
}
