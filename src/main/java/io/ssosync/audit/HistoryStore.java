package io.ssosync.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.support.jdbc.Rows;
import jakarta.enterprise.context.ApplicationScoped;

/** The append-only audit trail of sync attempts. Bodies are redacted on the way in. */
@ApplicationScoped
public class HistoryStore {

    private final ObjectMapper json;
    private final AuditChain chain;

    public HistoryStore(ObjectMapper json, AuditChain chain) {
        this.json = json;
        this.chain = chain;
    }

    public void append(Connection c, HistoryEntry entry) throws SQLException {
        chain.lock(c);
        long auditId;
        try (PreparedStatement ps = c.prepareStatement("insert into sync_history (command_id, connection_key,"
                + " tenant_id, operation, method, path, request_body, http_status, outcome, duration_ms,"
                + " clerk_error_code, clerk_error_message, clerk_trace_id, source_event_id, trace_id)"
                + " values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?) returning audit_id")) {
            ps.setObject(1, entry.commandId(), Types.BIGINT);
            ps.setString(2, entry.connectionKey());
            ps.setString(3, entry.tenantId());
            ps.setString(4, entry.operation());
            ps.setString(5, entry.method());
            ps.setString(6, entry.path());
            ps.setString(7, write(Redaction.redact(entry.requestBody())));
            ps.setObject(8, entry.httpStatus(), Types.INTEGER);
            ps.setString(9, entry.outcome().name());
            ps.setObject(10, entry.durationMs(), Types.BIGINT);
            ps.setString(11, entry.clerkErrorCode());
            ps.setString(12, entry.clerkErrorMessage());
            ps.setString(13, entry.clerkTraceId());
            ps.setString(14, entry.sourceEventId());
            ps.setString(15, entry.traceId());
            auditId = returnedId(ps);
        }
        chain.seal(c, "sync_history", auditId);
    }

    static long returnedId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The connection's attempts, newest first. */
    public List<HistoryEntry> forConnection(Connection c, String connectionKey, int limit) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, at, command_id, connection_key, tenant_id,"
                + " operation, method, path, request_body::text as request_body, http_status, outcome, duration_ms,"
                + " clerk_error_code, clerk_error_message, clerk_trace_id, source_event_id, trace_id from sync_history"
                + " where connection_key = ? order by id desc limit ?")) {
            ps.setString(1, connectionKey);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(rs.getLong("id"), Rows.instant(rs, "at"),
                            Rows.nullableLong(rs, "command_id"), rs.getString("connection_key"),
                            rs.getString("tenant_id"), rs.getString("operation"), rs.getString("method"),
                            rs.getString("path"), read(rs.getString("request_body")),
                            Rows.nullableInt(rs, "http_status"), HistoryEntry.Outcome.valueOf(rs.getString("outcome")),
                            Rows.nullableLong(rs, "duration_ms"), rs.getString("clerk_error_code"),
                            rs.getString("clerk_error_message"), rs.getString("clerk_trace_id"),
                            rs.getString("source_event_id"), rs.getString("trace_id")));
                }
            }
        }
        return entries;
    }

    private String write(JsonNode node) {
        try {
            return node == null ? null : json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
