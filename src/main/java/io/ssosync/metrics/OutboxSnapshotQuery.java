package io.ssosync.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ssosync.support.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads one {@link OutboxSnapshot} on one connection. The counts use the (status, id) index and touch only the
 * open and parked commands, which back-pressure keeps few, and the unpublished status events their partial index
 * holds; the other two reads are one row each.
 */
@ApplicationScoped
public class OutboxSnapshotQuery {

    private final Transactions transactions;

    public OutboxSnapshotQuery(Transactions transactions) {
        this.transactions = transactions;
    }

    public OutboxSnapshot read() {
        return transactions.inTransaction(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            OutboxSnapshot.COUNTED_STATUSES.forEach(status -> counts.put(status, 0L));
            double oldest = 0;
            try (PreparedStatement ps = c.prepareStatement("select status, count(*), coalesce(extract(epoch from"
                    + " clock_timestamp() - min(created_at)), 0) from sync_command where status = any(?) group by status")) {
                ps.setArray(1, c.createArrayOf("text", OutboxSnapshot.COUNTED_STATUSES.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                        if ("PENDING".equals(rs.getString(1)) || "IN_FLIGHT".equals(rs.getString(1))) {
                            oldest = Math.max(oldest, rs.getDouble(3));
                        }
                    }
                }
            }
            return new OutboxSnapshot(counts, oldest, unpublished(c), paused(c), drift(c));
        });
    }

    /** On the partial index of unpublished rows: as few as the relay is behind. */
    private static long unpublished(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from status_event where published_at is null");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean paused(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select paused from dispatch_control where id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static OutboxSnapshot.Drift drift(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select missing, drifted, orphans from reconcile_run"
                + " order by id desc limit 1"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new OutboxSnapshot.Drift(rs.getInt(1), rs.getInt(2), rs.getInt(3)) : null;
        }
    }
}
