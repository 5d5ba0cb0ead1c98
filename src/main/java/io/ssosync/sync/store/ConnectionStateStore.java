package io.ssosync.sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ssosync.support.jdbc.Rows;
import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ClerkHolding;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.ServiceProvider;
import io.ssosync.sync.domain.SyncStatus;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads and writes {@code connection_state}. Every method runs on the caller's transaction. */
@ApplicationScoped
public class ConnectionStateStore {

    private static final String COLUMNS = "connection_key, tenant_id, clerk_api, clerk_connection_id, desired_version,"
            + " desired_spec::text as desired_spec, desired_deleted, applied_version, applied_spec::text as applied_spec,"
            + " status, last_error, updated_at, clerk_provider,"
            + " create_in_doubt_spec::text as create_in_doubt_spec, clerk_acs_url, clerk_sp_entity_id,"
            + " clerk_sp_metadata_url";

    private final SpecJson specs;

    public ConnectionStateStore(SpecJson specs) {
        this.specs = specs;
    }

    /** Locks the row so that two events about one connection are planned one after the other. */
    public Optional<StoredConnection> lock(Connection c, String connectionKey) throws SQLException {
        return one(c, "select " + COLUMNS + " from connection_state where connection_key = ? for update", connectionKey);
    }

    public Optional<StoredConnection> find(Connection c, String connectionKey) throws SQLException {
        return one(c, "select " + COLUMNS + " from connection_state where connection_key = ?", connectionKey);
    }

    /**
     * Up to {@code limit} connections in key order after {@code query.afterKey()}, narrowed by tenant and
     * status where given. Each filter has an index that starts with it and ends with the key, so a page
     * costs the same at any depth.
     */
    public List<StoredConnection> page(Connection c, ConnectionQuery query, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from connection_state where true");
        List<String> params = new ArrayList<>();
        if (query.tenantId() != null) {
            sql.append(" and tenant_id = ?");
            params.add(query.tenantId());
        }
        if (query.status() != null) {
            sql.append(" and status = ?");
            params.add(query.status().name());
        }
        if (query.afterKey() != null) {
            sql.append(" and connection_key > ?");
            params.add(query.afterKey());
        }
        sql.append(" order by connection_key limit ").append(limit);
        List<StoredConnection> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(map(rs));
                }
            }
        }
        return rows;
    }

    /** Locks the rows of these connections, in key order, so that their events are planned one batch after another. */
    public Map<String, StoredConnection> lockAll(Connection c, Collection<String> connectionKeys) throws SQLException {
        Map<String, StoredConnection> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from connection_state"
                + " where connection_key = any(?::text[]) order by connection_key for update")) {
            ps.setObject(1, connectionKeys.toArray(String[]::new));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredConnection row = map(rs);
                    rows.put(row.connectionKey(), row);
                }
            }
        }
        return rows;
    }

    /** Locks and lists the tenants' connections that are still desired, in key order. */
    public List<StoredConnection> lockLiveOfTenants(Connection c, Collection<String> tenantIds) throws SQLException {
        List<StoredConnection> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from connection_state"
                + " where tenant_id = any(?::text[]) and not desired_deleted order by connection_key for update")) {
            ps.setObject(1, tenantIds.toArray(String[]::new));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(map(rs));
                }
            }
        }
        return rows;
    }

    /** Locks and lists the tenant's connections that are desired, or no longer desired but still held in Clerk. */
    public List<String> lockResyncableKeysOfTenant(Connection c, String tenantId) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select connection_key from connection_state"
                + " where tenant_id = ? and (not desired_deleted or clerk_connection_id is not null)"
                + " order by connection_key for update")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    /**
     * Writes what events planned: the desired state, the sync status and the applied version of each row, in
     * one statement (each connection once). The caller holds the rows' locks (or, for a row not there yet, its key's); the desired
     * version only ever goes up, so a row whose newer version got in anyway is left as it is. The specs go through
     * the batch's memo, which the batch's commands share.
     *
     * @return whether every row was written
     */
    public boolean writePlanned(Connection c, Collection<StoredConnection> rows, SpecJson.Batch json)
            throws SQLException {
        if (rows.isEmpty()) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into connection_state (connection_key, tenant_id,"
                + " desired_version, desired_spec, desired_deleted, status, last_error, applied_version)"
                + " select k, t, v, convert_from(s, 'UTF8')::jsonb, d, st, e, a from rows from (unnest(?::text[]),"
                + " unnest(?::text[]), unnest(?::bigint[]), unnest(?::bytea[]), unnest(?::boolean[]),"
                + " unnest(?::text[]), unnest(?::text[]), unnest(?::bigint[])) as r(k, t, v, s, d, st, e, a)"
                + " on conflict (connection_key) do update set desired_version = excluded.desired_version,"
                + " desired_spec = excluded.desired_spec, desired_deleted = excluded.desired_deleted,"
                + " status = excluded.status, last_error = excluded.last_error,"
                + " applied_version = excluded.applied_version, updated_at = now()"
                + " where connection_state.desired_version < excluded.desired_version")) {
            ps.setObject(1, rows.stream().map(StoredConnection::connectionKey).toArray(String[]::new));
            ps.setObject(2, rows.stream().map(StoredConnection::tenantId).toArray(String[]::new));
            ps.setArray(3, c.createArrayOf("bigint", rows.stream().map(StoredConnection::desiredVersion).toArray()));
            ps.setObject(4, json.utf8(rows.stream().map(StoredConnection::desiredSpec).toList()));
            ps.setArray(5, c.createArrayOf("boolean", rows.stream().map(StoredConnection::desiredDeleted).toArray()));
            ps.setObject(6, rows.stream().map(row -> row.status().name()).toArray(String[]::new));
            ps.setObject(7, rows.stream().map(StoredConnection::lastError).toArray(String[]::new));
            ps.setArray(8, c.createArrayOf("bigint", rows.stream().map(StoredConnection::appliedVersion).toArray()));
            return ps.executeUpdate() == rows.size();
        }
    }

    /**
     * Records what Clerk holds after a call it accepted, and the version that call brought it to. Clerk's
     * side of the connection is kept from the last answer that gave it ({@code serviceProvider} null: this
     * answer did not) while the Clerk connection stays the same, and forgotten once Clerk holds no connection.
     */
    public void saveHolding(Connection c, String connectionKey, ClerkHolding holding, long appliedVersion,
            ServiceProvider serviceProvider) throws SQLException {
        boolean holds = holding.holdsConnection();
        boolean given = holds && serviceProvider != null;
        try (PreparedStatement ps = c.prepareStatement("update connection_state set clerk_api = ?,"
                + " clerk_connection_id = ?, clerk_provider = ?, applied_spec = ?::jsonb, applied_version = ?,"
                + " clerk_acs_url = case when ? then ? when clerk_connection_id = ? then clerk_acs_url end,"
                + " clerk_sp_entity_id = case when ? then ? when clerk_connection_id = ? then clerk_sp_entity_id end,"
                + " clerk_sp_metadata_url = case when ? then ? when clerk_connection_id = ? then clerk_sp_metadata_url"
                + " end,"
                + " updated_at = now() where connection_key = ?")) {
            ps.setString(1, holds ? holding.api().name() : null);
            ps.setString(2, holding.clerkId());
            ps.setString(3, holds ? holding.provider() : null);
            ps.setString(4, specs.write(holding.applied()));
            ps.setLong(5, appliedVersion);
            String[] values = given ? new String[] { serviceProvider.acsUrl(), serviceProvider.spEntityId(),
                    serviceProvider.spMetadataUrl() } : new String[3];
            for (int i = 0; i < 3; i++) {
                ps.setBoolean(6 + 3 * i, given);
                ps.setString(7 + 3 * i, values[i]);
                ps.setString(8 + 3 * i, holding.clerkId());
            }
            ps.setString(15, connectionKey);
            ps.executeUpdate();
        }
    }

    /**
     * Remembers, before a create goes out, what it sends: Clerk has no idempotency key, so until the
     * create is settled every later command of the connection looks it up before creating again.
     */
    public void markCreateInDoubt(Connection c, String connectionKey, ConnectionSpec sent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update connection_state set create_in_doubt_spec = ?::jsonb,"
                + " updated_at = now() where connection_key = ?")) {
            ps.setString(1, specs.write(sent));
            ps.setString(2, connectionKey);
            ps.executeUpdate();
        }
    }

    /** The create is settled: Clerk answered it, refused it, or a lookup found or ruled out its connection. */
    public void clearCreateInDoubt(Connection c, String connectionKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update connection_state set create_in_doubt_spec = null,"
                + " updated_at = now() where connection_key = ? and create_in_doubt_spec is not null")) {
            ps.setString(1, connectionKey);
            ps.executeUpdate();
        }
    }

    /**
     * Marks the connection as caught up once its last open command is done. Events after that command
     * changed nothing Clerk holds, so Clerk is at the newest desired version. The caller holds the
     * row's lock and has checked that no command is open, so no event can slip in between.
     */
    public void settle(Connection c, String connectionKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update connection_state set status = case when desired_deleted"
                + " then ? else ? end, last_error = null, applied_version = desired_version,"
                + " updated_at = now() where connection_key = ?")) {
            ps.setString(1, SyncStatus.DELETED.name());
            ps.setString(2, SyncStatus.SYNCED.name());
            ps.setString(3, connectionKey);
            ps.executeUpdate();
        }
    }

    public void saveStatus(Connection c, String connectionKey, SyncStatus status, String lastError)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update connection_state set status = ?, last_error = ?,"
                + " updated_at = now() where connection_key = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, lastError);
            ps.setString(3, connectionKey);
            ps.executeUpdate();
        }
    }

    private Optional<StoredConnection> one(Connection c, String sql, String param) throws SQLException {
        List<StoredConnection> rows = many(c, sql, param);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<StoredConnection> many(Connection c, String sql, String param) throws SQLException {
        List<StoredConnection> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(map(rs));
                }
            }
        }
        return rows;
    }

    private StoredConnection map(ResultSet rs) throws SQLException {
        String api = rs.getString("clerk_api");
        return new StoredConnection(
                rs.getString("connection_key"),
                rs.getString("tenant_id"),
                api == null ? null : ClerkApi.valueOf(api),
                rs.getString("clerk_connection_id"),
                rs.getLong("desired_version"),
                specs.read(rs.getString("desired_spec")),
                rs.getBoolean("desired_deleted"),
                Rows.nullableLong(rs, "applied_version"),
                specs.read(rs.getString("applied_spec")),
                SyncStatus.valueOf(rs.getString("status")),
                rs.getString("last_error"),
                Rows.instant(rs, "updated_at"),
                rs.getString("clerk_provider"),
                specs.read(rs.getString("create_in_doubt_spec")),
                ServiceProvider.of(rs.getString("clerk_acs_url"), rs.getString("clerk_sp_entity_id"),
                        rs.getString("clerk_sp_metadata_url")));
    }
}
