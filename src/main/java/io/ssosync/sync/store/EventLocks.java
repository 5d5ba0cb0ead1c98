package io.ssosync.sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Transaction-scoped PostgreSQL advisory locks that order the recording of events. A row lock cannot do
 * it for a connection key never seen before (there is no row yet), nor for a tenant's connections that
 * other transactions are inserting. Always taken tenants first, then connection keys, each in sorted
 * order, so that two transactions cannot wait on each other. Released at commit or rollback.
 */
@ApplicationScoped
public class EventLocks {

    // The two-int form keeps these apart from any other advisory lock; a hash collision only makes two
    // unrelated keys wait for each other.
    private static final int CONNECTION = 0x55_53_43_01;
    private static final int TENANT = 0x55_53_43_02;

    /** How a transaction holds a tenant. */
    public enum TenantHold {
        /** Held by every event that changes one of the tenant's connections: they exclude a deletion of the tenant, not each other. */
        SHARED,
        /** Held by a tenant's deletion, so that it sees every connection of the tenant, even one just created. */
        EXCLUSIVE
    }

    /** Locks the tenants in key order, one statement for each run of tenants held the same way. */
    public void lockTenants(Connection c, SortedMap<String, TenantHold> tenants) throws SQLException {
        List<String> run = new ArrayList<>();
        TenantHold runHold = null;
        for (Map.Entry<String, TenantHold> tenant : tenants.entrySet()) {
            if (tenant.getValue() != runHold) {
                lockTenantRun(c, runHold, run);
                run.clear();
                runHold = tenant.getValue();
            }
            run.add(tenant.getKey());
        }
        lockTenantRun(c, runHold, run);
    }

    private static void lockTenantRun(Connection c, TenantHold hold, List<String> tenants) throws SQLException {
        if (!tenants.isEmpty()) {
            lockAll(c, hold == TenantHold.EXCLUSIVE ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared",
                    TENANT, tenants);
        }
    }

    /** Held while connections' events are planned, whether or not their rows exist yet. */
    public void lockConnections(Connection c, SortedSet<String> connectionKeys) throws SQLException {
        if (!connectionKeys.isEmpty()) {
            lockAll(c, "pg_advisory_xact_lock", CONNECTION, new ArrayList<>(connectionKeys));
        }
    }

    // unnest yields the array in its order, so the locks are taken in the caller's order.
    private static void lockAll(Connection c, String function, int space, List<String> keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + function + "(?, hashtext(k))"
                + " from unnest(?::text[]) as k")) {
            ps.setInt(1, space);
            ps.setObject(2, keys.toArray(String[]::new));
            ps.execute();
        }
    }
}
