package io.ssosync.support.jdbc;

import java.sql.SQLException;

/** A failed database call; unchecked so that services need not thread SQLException through. */
public class DatabaseException extends RuntimeException {

    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }

    /**
     * Whether waiting may help: the database is unreachable, overloaded, restarting, or a transaction
     * lost a race. Anything else (bad data, a broken constraint) fails the same way every time.
     */
    public boolean isTransient() {
        String state = ((SQLException) getCause()).getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57");
    }
}
