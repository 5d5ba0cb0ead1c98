package io.ssosync.sync.domain;

public enum CommandStatus {
    /** Waiting for its turn or for its next attempt. */
    PENDING,
    /** Claimed by a dispatcher under a lease. */
    IN_FLIGHT,
    /** Clerk reached the command's target. */
    DONE,
    /** Clerk refused it for good; later commands of the connection still run. */
    FAILED,
    /** Retried past the maximum age; it holds back the later commands of its connection until replayed. */
    DEAD,
    /** Folded, before it was sent, into a later command of its connection. */
    SUPERSEDED
}
