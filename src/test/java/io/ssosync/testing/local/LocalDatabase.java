package io.ssosync.testing.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.ssosync.testing.LocalPostgres;

/** The service's default database on the machine's PostgreSQL: the settings it has when nothing is configured. */
final class LocalDatabase {

    static final String HOST_URL = "jdbc:postgresql://127.0.0.1:5432/";
    static final String NAME = "ssosync";
    static final String URL = HOST_URL + NAME;
    static final String USER = "ssosync";
    static final String PASSWORD = "ssosync";

    private LocalDatabase() {
    }

    static void ensure() {
        LocalPostgres.ensureDatabase(HOST_URL, USER, PASSWORD, NAME);
    }

    /**
     * Starts it empty. The simulator keeps its connections in memory only, so a database left from an earlier run
     * would name connections that no longer exist, and the sample event would be ignored as already applied.
     */
    static void recreate() {
        ensure();
        try (Connection c = DriverManager.getConnection(HOST_URL + "postgres", USER, PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("drop database " + NAME);
            st.execute("create database " + NAME);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not empty the database " + NAME + " (" + e.getMessage().trim()
                    + "). Is an sso-sync still running against it?", e);
        }
    }
}
