package io.ssosync.sync.domain;

import java.util.List;
import java.util.Set;

/**
 * Turns a desired state into outbox commands. Plans are made against the newest desired state the
 * service already holds (what Clerk will have once the commands before it are sent), so an unchanged
 * spec costs no command at all.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan upsert(ConnectionSnapshot current, ConnectionSpec spec) {
        if (current.isStale(spec.version())) {
            return Plan.stale(spec.version());
        }
        ConnectionSpec before = current.desiredSpec();
        long version = spec.version();
        if (before == null) {
            return changed(spec, new PlannedCommand(Operation.CREATE, version, spec, ConnectionField.present(spec)));
        }
        if (!before.provider().equals(spec.provider())) {
            return changed(spec,
                    new PlannedCommand(Operation.DELETE, version, null, Set.of()),
                    new PlannedCommand(Operation.CREATE, version, spec, ConnectionField.present(spec)));
        }
        Set<ConnectionField> changed = ConnectionField.changed(before, spec);
        if (changed.isEmpty()) {
            return new Plan(Plan.Decision.UNCHANGED, version, spec, List.of());
        }
        return changed(spec, new PlannedCommand(Operation.UPDATE, version, spec, changed));
    }

    public static Plan delete(ConnectionSnapshot current, long version) {
        if (current.isStale(version)) {
            return Plan.stale(version);
        }
        if (current.desiredSpec() == null) {
            return new Plan(Plan.Decision.UNCHANGED, version, null, List.of());
        }
        return new Plan(Plan.Decision.CHANGED, version, null,
                List.of(new PlannedCommand(Operation.DELETE, version, null, Set.of())));
    }

    private static Plan changed(ConnectionSpec spec, PlannedCommand... commands) {
        return new Plan(Plan.Decision.CHANGED, spec.version(), spec, List.of(commands));
    }
}
