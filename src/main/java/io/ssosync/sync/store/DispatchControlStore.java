package io.ssosync.sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.ssosync.support.jdbc.Rows;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether dispatch is paused, kept in the database so that one operator's pause holds for every replica and
 * across restarts. Every method runs on the caller's transaction.
 */
@ApplicationScoped
public class DispatchControlStore {

    /** The pause switch and who last set it. */
    public record State(boolean paused, String changedBy, String reason, Instant changedAt) {
    }

    public State read(Connection c) throws SQLException {
        return one(c, "");
    }

    public boolean isPaused(Connection c) throws SQLException {
        return read(c).paused();
    }

    /** Reads the switch under the row's lock, so that two operators' changes go one after the other. */
    public State lock(Connection c) throws SQLException {
        return one(c, " for update");
    }

    public void write(Connection c, boolean paused, String actor, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update dispatch_control set paused = ?, changed_by = ?,"
                + " reason = ?, changed_at = now() where id = 1")) {
            ps.setBoolean(1, paused);
            ps.setString(2, actor);
            ps.setString(3, reason);
            ps.executeUpdate();
        }
    }

    private static State one(Connection c, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select paused, changed_by, reason, changed_at"
                + " from dispatch_control where id = 1" + lock);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new State(rs.getBoolean(1), rs.getString(2), rs.getString(3), Rows.instant(rs, "changed_at"));
        }
    }
}
