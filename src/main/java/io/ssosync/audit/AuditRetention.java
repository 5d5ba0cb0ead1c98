package io.ssosync.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.ssosync.support.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes the oldest audit rows, those written before a cut-off, a batch per transaction: it moves the checkpoint
 * to the last row of the batch (which the append-only rule then lets go) and deletes up to it, so that the rows
 * left still verify from the checkpoint. Only a prefix of the trail goes: the first row at or after the cut-off
 * ends the deletion, even if a later row is older.
 */
@ApplicationScoped
public class AuditRetention {

    static final int BATCH = 1000;

    private final Transactions transactions;
    private final AuditChain chain;

    public AuditRetention(Transactions transactions, AuditChain chain) {
        this.transactions = transactions;
        this.chain = chain;
    }

    /** Deletes every row of the trail's prefix written before {@code cutoff}; answers how many went. */
    public long deleteBefore(Instant cutoff) {
        long deleted = 0;
        while (true) {
            long batch = transactions.inTransaction(c -> deleteBatch(c, cutoff));
            deleted += batch;
            if (batch < BATCH) {
                return deleted;
            }
        }
    }

    private long deleteBatch(Connection c, Instant cutoff) throws SQLException {
        // Writers link each new row to the last one there is: none may read it while the prefix moves.
        chain.lock(c);
        long lastId = -1;
        String lastHash = null;
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("select id, at, hash from audit_trail where id > ? order by id"
                + " limit ?")) {
            ps.setLong(1, chain.checkpoint(c).lastId());
            ps.setInt(2, BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && rs.getTimestamp("at").toInstant().isBefore(cutoff)) {
                    lastId = rs.getLong("id");
                    lastHash = rs.getString("hash");
                    rows++;
                }
            }
        }
        if (rows == 0) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("update audit_checkpoint set last_id = ?, last_hash = ?"
                + " where id = 1")) {
            ps.setLong(1, lastId);
            ps.setString(2, lastHash);
            ps.executeUpdate();
        }
        for (String table : new String[] { "sync_history", "operator_action" }) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where audit_id <= ?")) {
                ps.setLong(1, lastId);
                ps.executeUpdate();
            }
        }
        return rows;
    }
}
