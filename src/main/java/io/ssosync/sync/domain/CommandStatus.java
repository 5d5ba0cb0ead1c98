package io.ssosync.sync.domain;

import java.util.Set;

public enum CommandStatus {
    /** Waiting for its turn or for its next attempt. */
    PENDING,
    /** Claimed by a dispatcher under a lease. */
    IN_FLIGHT,
    /** Clerk reached the command's target. */
    DONE,
    /** Clerk refused it for good; later commands of the connection still run. */
    FAILED;

    public static final Set<CommandStatus> OPEN = Set.of(PENDING, IN_FLIGHT);
}
