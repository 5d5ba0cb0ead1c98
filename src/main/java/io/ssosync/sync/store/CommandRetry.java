package io.ssosync.sync.store;

import io.ssosync.sync.domain.CommandStatus;

/** What came of an operator's retry of one command. */
public sealed interface CommandRetry {

    /** The command is back in line; its connection is PENDING again. */
    record Requeued(String connectionKey) implements CommandRetry {
    }

    /** No command has this id. */
    record Unknown() implements CommandRetry {
    }

    /** Only FAILED and DEAD commands are retried; this one is {@code status}. */
    record NotRetryable(String connectionKey, CommandStatus status) implements CommandRetry {
    }

    /**
     * A later command of the connection has been written since this one failed: sending the older target now
     * would undo it, so the connection is resynced instead.
     */
    record Overtaken(String connectionKey, long laterCommandId) implements CommandRetry {
    }
}
