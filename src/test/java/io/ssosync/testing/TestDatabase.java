package io.ssosync.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Direct access to the test database: creates it if missing, empties it between tests, and reads
 * rows for assertions over a plain JDBC connection.
 */
public final class TestDatabase {

    public static final String HOST_URL = System.getProperty("test.db.host-url", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String NAME = System.getProperty("test.db.name", "ssosync_test");
    public static final String USER = System.getProperty("test.db.user", "ssosync");
    public static final String PASSWORD = System.getProperty("test.db.password", "ssosync");
    public static final String URL = HOST_URL + NAME;

    private TestDatabase() {
    }

    public static void createIfMissing() {
        LocalPostgres.ensureDatabase(HOST_URL, USER, PASSWORD, NAME);
    }

    /** Empties every table; TRUNCATE also passes the append-only guard of the history. */
    public static void clean() {
        // The service under test keeps writing in the background (relay, dispatchers): TRUNCATE's locks on every
        // table can deadlock with one of its transactions, which PostgreSQL then aborts; the clean is tried again.
        for (int attempt = 1; ; attempt++) {
            try {
                truncateAll();
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3 || !(e.getCause() instanceof SQLException sql) || !"40P01".equals(sql.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    private static void truncateAll() {
        execute("truncate inbox_event, tenant_state, connection_state, sync_command, sync_history, rejected_event,"
                + " clerk_quota, webhook_delivery, operator_action, reconcile_run, status_event, console_session"
                + " restart identity;"
                + " alter sequence audit_seq restart;"
                + " update audit_checkpoint set last_id = 0, last_hash = null;"
                + " update dispatch_control set paused = false, changed_by = null, reason = null");
    }

    public static void execute(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows as column-name maps, in query order. */
    public static List<Map<String, Object>> rows(String sql, Object... params) {
        return Queries.rows(TestDatabase::connect, sql, params);
    }

    public static Object value(String sql, Object... params) {
        return Queries.value(TestDatabase::connect, sql, params);
    }

    public static long count(String sql, Object... params) {
        return ((Number) value(sql, params)).longValue();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }
}
