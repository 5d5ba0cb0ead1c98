package io.ssosync.support.jdbc;

import java.sql.SQLException;

/** A failed database call; unchecked so that services need not thread SQLException through. */
public class DatabaseException extends RuntimeException {

    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
