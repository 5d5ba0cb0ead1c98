package io.ssosync.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.audit.AuditChain;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.ssosync.http.Problem;

/** The audit trail for auditors: every attempt and every operator action, newest first, a page at a time. */
@Tag(name = "audit")
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
public class AuditResource {

    private static final int MAX_LIMIT = 1000;
    private static final int VERIFY_BATCH = 1000;
    private static final String NDJSON = "application/x-ndjson";

    private final Transactions transactions;
    private final AuditTrailStore trail;
    private final ObjectMapper json;
    private final AuditChain chain;

    public AuditResource(Transactions transactions, AuditTrailStore trail, ObjectMapper json, AuditChain chain) {
        this.transactions = transactions;
        this.trail = trail;
        this.json = json;
        this.chain = chain;
    }

    /** Walks the hash chain oldest first and names the first row that does not follow from the one before it. */
    @Operation(summary = "Verify the audit hash chain", description = "Walks the chain oldest first (role auditor).")
    @APIResponse(responseCode = "200", description = "the result of the walk", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "example", value = "{\"intact\": true, \"checked\": 1532, \"firstBrokenId\": null}")))
    @GET
    @Path("/verify")
    public AuditChain.Verification verify() {
        return transactions.inTransaction(c -> chain.verify(c, VERIFY_BATCH));
    }

    /**
     * A page of JSON by default; the whole selection, streamed, as CSV or JSON Lines when {@code format} says
     * {@code csv} or {@code jsonl} or the {@code Accept} header asks for {@code text/csv} or
     * {@code application/jsonl} ({@code application/x-ndjson}). An export ignores {@code limit} and starts at
     * {@code cursor} if one is given.
     */
    @Operation(summary = "Read or export the audit trail", description = "Attempts and operator actions, newest first, a page at a time as JSON, or every matching row streamed as CSV or JSON Lines (format or Accept); role auditor.")
    @APIResponse(responseCode = "200", description = "a page of rows, or the export")
    @GET
    @Produces({ MediaType.APPLICATION_JSON, AuditExport.CSV, AuditExport.JSON_LINES, NDJSON })
    public Response list(@QueryParam("tenantId") String tenantId,
            @QueryParam("connectionKey") String connectionKey, @QueryParam("operation") String operation,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("cursor") String cursor,
            @QueryParam("format") String format, @Context HttpHeaders headers) {
        String type = mediaType(format, headers);
        AuditQuery query = new AuditQuery(QueryValues.optional(tenantId), QueryValues.optional(connectionKey), QueryValues.optional(operation),
                QueryValues.optional(outcome), instant("from", from), instant("to", to), position(cursor));
        if (type.equals(MediaType.APPLICATION_JSON)) {
            int size = BadQuery.limit(limit, MAX_LIMIT);
            List<AuditRecord> rows = transactions.inTransaction(c -> trail.page(c, query, size + 1));
            return Response.ok(Page.of(rows, size, row -> String.valueOf(row.id()), AuditItem::of), type).build();
        }
        StreamingOutput body = out -> {
            AuditExport.Writer writer = type.equals(AuditExport.CSV) ? AuditExport.csv(out)
                    : AuditExport.jsonLines(out, json);
            transactions.run(c -> trail.stream(c, query, writer.sink()));
            writer.close();
        };
        return Response.ok(body, type).build();
    }

    private static String mediaType(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            switch (format.trim()) {
                case "csv":
                    return AuditExport.CSV;
                case "jsonl":
                    return AuditExport.JSON_LINES;
                case "json":
                    return MediaType.APPLICATION_JSON;
                default:
                    throw BadQuery.of("format", "must be json, csv or jsonl");
            }
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            String type = accepted.getType() + "/" + accepted.getSubtype();
            if (type.equals(AuditExport.CSV)) {
                return AuditExport.CSV;
            }
            if (type.equals(AuditExport.JSON_LINES) || type.equals(NDJSON)) {
                return AuditExport.JSON_LINES;
            }
            if (type.equals(MediaType.APPLICATION_JSON) || accepted.isWildcardType()) {
                return MediaType.APPLICATION_JSON;
            }
        }
        return MediaType.APPLICATION_JSON;
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
}
