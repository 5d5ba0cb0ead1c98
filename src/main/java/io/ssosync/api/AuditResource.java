package io.ssosync.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.ssosync.audit.AuditQuery;
import io.ssosync.audit.AuditRecord;
import io.ssosync.audit.AuditTrailStore;
import io.ssosync.security.Roles;
import io.ssosync.support.jdbc.Transactions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The audit trail for auditors: every attempt and every operator action, newest first, a page at a time. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
public class AuditResource {

    private static final int MAX_LIMIT = 1000;

    private final Transactions transactions;
    private final AuditTrailStore trail;

    public AuditResource(Transactions transactions, AuditTrailStore trail) {
        this.transactions = transactions;
        this.trail = trail;
    }

    @GET
    public Page<AuditItem> list(@QueryParam("tenantId") String tenantId,
            @QueryParam("connectionKey") String connectionKey, @QueryParam("operation") String operation,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("cursor") String cursor) {
        int size = BadQuery.limit(limit, MAX_LIMIT);
        AuditQuery query = new AuditQuery(blankToNull(tenantId), blankToNull(connectionKey), blankToNull(operation),
                blankToNull(outcome), instant("from", from), instant("to", to), position(cursor));
        List<AuditRecord> rows = transactions.inTransaction(c -> trail.page(c, query, size + 1));
        return Page.of(rows, size, row -> String.valueOf(row.id()), AuditItem::of);
    }

    private static Long position(String cursor) {
        String position = PageCursor.decode(cursor);
        try {
            return position == null ? null : Long.valueOf(position);
        } catch (NumberFormatException e) {
            throw BadQuery.of("cursor", "is not a cursor this API gave out");
        }
    }

    private static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw BadQuery.of(parameter, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
