package io.ssosync.sync.domain;

import java.util.Set;

/** The next call that brings Clerk one step closer to a command's target. */
public sealed interface SyncStep {

    record Create(ConnectionSpec spec) implements SyncStep {
    }

    record Update(ConnectionSpec spec, Set<ConnectionField> fields) implements SyncStep {
    }

    record Delete() implements SyncStep {
    }

    /** Clerk already holds the target; no call. */
    record Done() implements SyncStep {
    }

    /** The target cannot be expressed on the configured API; a permanent failure without a call. */
    record Unsupported(String reason) implements SyncStep {
    }
}
