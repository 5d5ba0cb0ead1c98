package io.ssosync.sync.domain;

import java.util.List;

/**
 * What one event does to one connection.
 *
 * @param desired the spec to record as desired, or null when the connection is to be gone
 */
public record Plan(Decision decision, long version, ConnectionSpec desired, List<PlannedCommand> commands) {

    public enum Decision {
        /** Commands were planned. */
        CHANGED,
        /** The desired state equals what is already desired: no command, no call. */
        UNCHANGED,
        /** The version is not above the newest one accepted: recorded, nothing else. */
        STALE
    }

    static Plan stale(long version) {
        return new Plan(Decision.STALE, version, null, List.of());
    }
}
