package io.ssosync.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The hash chain over the audit trail: every row's hash is the SHA-256 of the previous row's hash and the row's
 * canonical form, as the {@code audit_trail} view shows it. Writers take one lock for the length of their
 * transaction, so that rows, on every replica, are numbered and chained in one order.
 */
@ApplicationScoped
public class AuditChain {

    /** Any fixed pair of ints, apart from those of io.ssosync.sync.store.EventLocks. */
    private static final int LOCK_CLASS = 7100;
    private static final int LOCK_ID = 1;
    private static final ObjectMapper CANONICAL = new ObjectMapper();

    /** What a walk of the chain found: the rows checked, and the first that does not follow from the one before. */
    public record Verification(boolean intact, long checked, Long firstBrokenId) {
    }

    /** Call before inserting an audit row: the row's id, taken after this, follows every id already chained. */
    public void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, LOCK_ID);
            ps.execute();
        }
    }

    /** Where retention last cut the trail: the id and hash of the last row it deleted (0 and null: none yet). */
    public record Checkpoint(long lastId, String lastHash) {
    }

    public Checkpoint checkpoint(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select last_id, last_hash from audit_checkpoint where id = 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Checkpoint(rs.getLong(1), rs.getString(2));
        }
    }

    /**
     * Sets the hash of the row just inserted, read back as the trail shows it, linked to the row before it (or,
     * when retention has removed every row before it, to the checkpoint).
     */
    public void seal(Connection c, String table, long auditId) throws SQLException {
        String previous;
        try (PreparedStatement ps = c.prepareStatement("select hash from audit_trail where id < ? order by id desc"
                + " limit 1")) {
            ps.setLong(1, auditId);
            try (ResultSet rs = ps.executeQuery()) {
                previous = rs.next() ? rs.getString(1) : checkpoint(c).lastHash();
            }
        }
        AuditRecord row;
        try (PreparedStatement ps = c.prepareStatement("select * from audit_trail where id = ?")) {
            ps.setLong(1, auditId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                row = AuditTrailStore.map(rs);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("update " + table + " set hash = ? where audit_id = ?")) {
            ps.setString(1, hash(previous, row));
            ps.setLong(2, auditId);
            ps.executeUpdate();
        }
    }

    /**
     * Walks the trail oldest first from the checkpoint, in batches: rows from before the chain (no hash) are
     * skipped; after the first hashed row, a row without a hash or whose hash does not follow is the first broken
     * link.
     */
    public Verification verify(Connection c, int batch) throws SQLException {
        Checkpoint checkpoint = checkpoint(c);
        long checked = 0;
        long after = checkpoint.lastId();
        String previous = checkpoint.lastHash();
        boolean started = previous != null;
        while (true) {
            int rows = 0;
            try (PreparedStatement ps = c.prepareStatement("select * from audit_trail where id > ? order by id"
                    + " limit ?")) {
                ps.setLong(1, after);
                ps.setInt(2, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        AuditRecord row = AuditTrailStore.map(rs);
                        String stored = rs.getString("hash");
                        after = row.id();
                        if (stored == null && !started) {
                            continue;
                        }
                        started = true;
                        if (stored == null || !stored.equals(hash(previous, row))) {
                            return new Verification(false, checked, row.id());
                        }
                        checked++;
                        previous = stored;
                    }
                }
            }
            if (rows < batch) {
                return new Verification(true, checked, null);
            }
        }
    }

    static String hash(String previous, AuditRecord row) {
        String canonical;
        try {
            canonical = CANONICAL.writeValueAsString(row.canonical());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((previous == null ? "" : previous).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) '\n');
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
