package io.ssosync.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.ssosync.support.jdbc.Rows;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the audit trail (view {@code audit_trail}: attempts and operator actions under one id sequence), newest
 * first. The where clause names only the filters given, so that each is served by its index.
 */
@ApplicationScoped
public class AuditTrailStore {

    private static final int STREAM_FETCH_SIZE = 500;

    public List<AuditRecord> page(Connection c, AuditQuery query, int limit) throws SQLException {
        List<AuditRecord> rows = new ArrayList<>();
        read(c, query, " limit " + limit, 0, rows::add);
        return rows;
    }

    /**
     * Hands every row matching the query, newest first, to {@code sink} as it is read: the driver fetches them in
     * batches through a cursor (the caller's connection must not be in auto-commit), so that an export of any size
     * holds one batch in memory.
     */
    public void stream(Connection c, AuditQuery query, Consumer<AuditRecord> sink) throws SQLException {
        read(c, query, "", STREAM_FETCH_SIZE, sink);
    }

    private static void read(Connection c, AuditQuery query, String limit, int fetchSize, Consumer<AuditRecord> sink)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select * from audit_trail where true");
        add(sql, params, "tenant_id = ?", query.tenantId());
        add(sql, params, "connection_key = ?", query.connectionKey());
        add(sql, params, "operation = ?", query.operation());
        add(sql, params, "outcome = ?", query.outcome());
        add(sql, params, "at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
        add(sql, params, "at < ?", query.to() == null ? null : Timestamp.from(query.to()));
        add(sql, params, "id < ?", query.beforeId());
        sql.append(" order by id desc").append(limit);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setFetchSize(fetchSize);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(map(rs));
                }
            }
        }
    }

    private static void add(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            params.add(value);
        }
    }

    static AuditRecord map(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong("id"), rs.getString("source"), Rows.instant(rs, "at"),
                rs.getString("tenant_id"), rs.getString("connection_key"), rs.getString("operation"),
                rs.getString("outcome"), rs.getString("actor"), Rows.nullableLong(rs, "command_id"),
                rs.getString("method"), rs.getString("path"), rs.getString("request_body"),
                Rows.nullableInt(rs, "http_status"), Rows.nullableLong(rs, "duration_ms"),
                rs.getString("clerk_error_code"), rs.getString("clerk_error_message"), rs.getString("clerk_trace_id"),
                rs.getString("source_event_id"), rs.getString("target_type"), rs.getString("target"),
                rs.getString("reason"), rs.getString("details"), rs.getString("trace_id"));
    }
}
