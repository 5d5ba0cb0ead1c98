package io.ssosync.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Prepares the machine's PostgreSQL for the tests and the local run: the role and the database are
 * created if missing, as the superuser where the machine trusts local connections.
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void ensureDatabase(String hostUrl, String user, String password, String database) {
        try {
            ensureRole(hostUrl, user, password);
            try (Connection c = DriverManager.getConnection(hostUrl + "postgres", user, password);
                 PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        try (Statement st = c.createStatement()) {
                            st.execute("create database " + database);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + hostUrl + " is needed. Create the role once with: "
                    + "sudo -u postgres psql -c \"create role " + user + " login createdb password '" + password
                    + "'\"", e);
        }
    }

    private static void ensureRole(String hostUrl, String user, String password) throws SQLException {
        try (Connection ignored = DriverManager.getConnection(hostUrl + "postgres", user, password)) {
            return;
        } catch (SQLException roleMissingOrRefused) {
            try (Connection admin = DriverManager.getConnection(hostUrl + "postgres", "postgres", "");
                 Statement st = admin.createStatement()) {
                st.execute("create role " + user + " login createdb password '" + password + "'");
            } catch (SQLException adminRefused) {
                roleMissingOrRefused.addSuppressed(adminRefused);
                throw roleMissingOrRefused;
            }
        }
    }
}
