package io.ssosync.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import io.ssosync.support.jdbc.Transactions;

/**
 * A database of its own for tests that build the service's classes by hand, without Quarkus: the
 * dispatchers of a Quarkus app running in the same JVM work on the main test database and would
 * otherwise claim these tests' commands. Migrated with the service's own Flyway scripts.
 */
public final class UnitDatabase {

    public static final String NAME = TestDatabase.NAME + "_unit";

    private static DataSource dataSource;

    private UnitDatabase() {
    }

    /** The database, migrated and emptied. */
    public static synchronized DataSource clean() {
        if (dataSource == null) {
            LocalPostgres.ensureDatabase(TestDatabase.HOST_URL, TestDatabase.USER, TestDatabase.PASSWORD, NAME);
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl(TestDatabase.HOST_URL + NAME);
            pg.setUser(TestDatabase.USER);
            pg.setPassword(TestDatabase.PASSWORD);
            // Throwaway: built anew from the scripts once per JVM, whatever an earlier run left.
            Flyway flyway = Flyway.configure().dataSource(pg).locations("classpath:db/migration").cleanDisabled(false)
                    .load();
            flyway.clean();
            flyway.migrate();
            dataSource = pg;
        }
        execute("truncate inbox_event, tenant_state, connection_state, sync_command, sync_history, rejected_event,"
                + " clerk_quota, webhook_delivery, operator_action, reconcile_run, status_event restart identity;"
                + " alter sequence audit_seq restart;"
                + " update audit_checkpoint set last_id = 0, last_hash = null;"
                + " update dispatch_control set paused = false, changed_by = null, reason = null");
        return dataSource;
    }

    /** The database as it is, for a second connection beside the code under test. */
    public static synchronized DataSource dataSource() {
        return dataSource != null ? dataSource : clean();
    }

    public static Transactions transactions() {
        return new Transactions(clean());
    }

    public static List<Map<String, Object>> rows(String sql, Object... params) {
        return Queries.rows(dataSource::getConnection, sql, params);
    }

    public static Object value(String sql, Object... params) {
        return Queries.value(dataSource::getConnection, sql, params);
    }

    public static long count(String sql, Object... params) {
        return ((Number) value(sql, params)).longValue();
    }

    public static void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
