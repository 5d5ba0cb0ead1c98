package io.ssosync.sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Walks every stored spec, in key order and in batches on the caller's connection, to count the keys its secrets
 * are sealed under or to seal them again under the current key.
 */
@ApplicationScoped
public class SealedSpecs {

    /** Each column that holds specs, with its table's key. */
    public enum Column {
        DESIRED("connection_state", "connection_key", "text", "desired_spec"),
        APPLIED("connection_state", "connection_key", "text", "applied_spec"),
        CREATE_IN_DOUBT("connection_state", "connection_key", "text", "create_in_doubt_spec"),
        COMMAND_TARGET("sync_command", "id", "bigint", "target_spec");

        final String table;
        final String key;
        final String keyType;
        final String column;

        Column(String table, String key, String keyType, String column) {
            this.table = table;
            this.key = key;
            this.keyType = keyType;
            this.column = column;
        }
    }

    /** Where a batch ended (null after the last one) and how many specs it sealed again. */
    public record Batch(String nextCursor, int resealed) {
    }

    private final SpecJson specs;

    public SealedSpecs(SpecJson specs) {
        this.specs = specs;
    }

    /**
     * Seals again, under the current key, the specs of up to {@code limit} rows after {@code cursor} that hold a
     * secret under another key or in clear. The rows are locked for the batch so that a spec the pipeline writes
     * meanwhile is not overwritten with an older one; rows the pipeline holds are skipped and left for the next
     * pass.
     */
    public Batch reseal(Connection c, Column column, String cursor, int limit, String currentKeyId)
            throws SQLException {
        String last = null;
        int rows = 0;
        int resealed = 0;
        try (PreparedStatement select = c.prepareStatement(select(column) + " for update skip locked");
                PreparedStatement update = c.prepareStatement("update " + column.table + " set " + column.column
                        + " = ?::jsonb where " + column.key + " = ?::" + column.keyType)) {
            bind(select, cursor, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    last = rs.getString(1);
                    String json = rs.getString(2);
                    if (!specs.keyIds(json).stream().allMatch(currentKeyId::equals)) {
                        update.setString(1, specs.write(specs.read(json)));
                        update.setString(2, last);
                        update.addBatch();
                        resealed++;
                    }
                }
            }
            if (resealed > 0) {
                update.executeBatch();
            }
        }
        return new Batch(rows < limit ? null : last, resealed);
    }

    /**
     * Adds to {@code counts}, per key id, the secrets of up to {@code limit} rows after {@code cursor}; answers
     * where to go on, null after the last batch.
     */
    public String count(Connection c, Column column, String cursor, int limit, Map<String, Long> counts)
            throws SQLException {
        String last = null;
        int rows = 0;
        try (PreparedStatement select = c.prepareStatement(select(column))) {
            bind(select, cursor, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    last = rs.getString(1);
                    specs.keyIds(rs.getString(2)).forEach(id -> counts.merge(id, 1L, Long::sum));
                }
            }
        }
        return rows < limit ? null : last;
    }

    private static String select(Column column) {
        return "select " + column.key + "::text, " + column.column + "::text from " + column.table + " where "
                + column.column + " is not null and (?::" + column.keyType + " is null or " + column.key + " > ?::"
                + column.keyType + ") order by " + column.key + " limit ?";
    }

    private static void bind(PreparedStatement ps, String cursor, int limit) throws SQLException {
        ps.setString(1, cursor);
        ps.setString(2, cursor);
        ps.setInt(3, limit);
    }
}
