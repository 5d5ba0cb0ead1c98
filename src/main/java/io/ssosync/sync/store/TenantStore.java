package io.ssosync.sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

/** Remembers tenant deletions, so that older events of a deleted tenant stay stale. */
@ApplicationScoped
public class TenantStore {

    /** @return the version of the tenant's deletion, or 0 if it was never deleted */
    public long deletedVersion(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select deleted_version from tenant_state where tenant_id = ?")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    public void recordDeletion(Connection c, String tenantId, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into tenant_state (tenant_id, deleted_version)"
                + " values (?, ?) on conflict (tenant_id) do update set deleted_version ="
                + " greatest(tenant_state.deleted_version, excluded.deleted_version), updated_at = now()")) {
            ps.setString(1, tenantId);
            ps.setLong(2, version);
            ps.executeUpdate();
        }
    }
}
