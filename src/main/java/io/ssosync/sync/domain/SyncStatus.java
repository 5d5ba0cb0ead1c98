package io.ssosync.sync.domain;

/** Where a connection stands between the registry and Clerk. */
public enum SyncStatus {
    /** Commands are waiting to be sent or are being retried. */
    PENDING,
    /** Clerk holds the newest desired state. */
    SYNCED,
    /** Clerk refused the newest change for good; {@code last_error} says why. */
    FAILED,
    /** Clerk no longer holds the connection, as desired. */
    DELETED
}
