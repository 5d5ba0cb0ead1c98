package io.ssosync.sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** Remembers tenant deletions, so that older events of a deleted tenant stay stale. */
@ApplicationScoped
public class TenantStore {

    /** @return the version of each deleted tenant's deletion; a tenant never deleted is absent */
    public Map<String, Long> deletedVersions(Connection c, Collection<String> tenantIds) throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select tenant_id, deleted_version from tenant_state"
                + " where tenant_id = any(?::text[])")) {
            ps.setObject(1, tenantIds.toArray(String[]::new));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return versions;
    }

    /** Records each tenant's deletion at its version, never lowering one already recorded. */
    public void recordDeletions(Connection c, Map<String, Long> versions) throws SQLException {
        if (versions.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into tenant_state (tenant_id, deleted_version)"
                + " values (?, ?) on conflict (tenant_id) do update set deleted_version ="
                + " greatest(tenant_state.deleted_version, excluded.deleted_version), updated_at = now()")) {
            for (Map.Entry<String, Long> version : versions.entrySet()) {
                ps.setString(1, version.getKey());
                ps.setLong(2, version.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
