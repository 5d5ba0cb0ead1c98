package io.ssosync.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads rows for assertions over a plain JDBC connection. */
final class Queries {

    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    private Queries() {
    }

    /** Rows as column-name maps, in query order. */
    static List<Map<String, Object>> rows(Connections connections, String sql, Object... params) {
        try (Connection c = connections.open(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object value(Connections connections, String sql, Object... params) {
        List<Map<String, Object>> rows = rows(connections, sql, params);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }
}
