package io.ssosync.sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Transaction-scoped PostgreSQL advisory locks that order the recording of events. A row lock cannot do
 * it for a connection key never seen before (there is no row yet), nor for a tenant's connections that
 * other transactions are inserting. Always taken tenant first, then connection keys in sorted order, so
 * that two transactions cannot wait on each other. Released at commit or rollback.
 */
@ApplicationScoped
public class EventLocks {

    // The two-int form keeps these apart from any other advisory lock; a hash collision only makes two
    // unrelated keys wait for each other.
    private static final int CONNECTION = 0x55_53_43_01;
    private static final int TENANT = 0x55_53_43_02;

    /** Held by every event that changes one of the tenant's connections: they exclude a deletion of the tenant, not each other. */
    public void lockTenantShared(Connection c, String tenantId) throws SQLException {
        lock(c, "select pg_advisory_xact_lock_shared(?, hashtext(?))", TENANT, tenantId);
    }

    /** Held by a tenant's deletion, so that it sees every connection of the tenant, even one just created. */
    public void lockTenantExclusive(Connection c, String tenantId) throws SQLException {
        lock(c, "select pg_advisory_xact_lock(?, hashtext(?))", TENANT, tenantId);
    }

    /** Held while one connection's event is planned, whether or not its row exists yet. */
    public void lockConnection(Connection c, String connectionKey) throws SQLException {
        lock(c, "select pg_advisory_xact_lock(?, hashtext(?))", CONNECTION, connectionKey);
    }

    private static void lock(Connection c, String sql, int space, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, space);
            ps.setString(2, key);
            ps.execute();
        }
    }
}
