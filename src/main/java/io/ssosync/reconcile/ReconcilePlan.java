package io.ssosync.reconcile;

import java.util.List;

/**
 * The differences between what we want and what Clerk holds. {@code missing}: connections we want that
 * Clerk does not hold; {@code drifted}: connections Clerk holds otherwise than we want, by Clerk field name;
 * {@code orphans}: Clerk connections on our tenants' domains or organizations that we do not know.
 */
public record ReconcilePlan(List<Missing> missing, List<Drifted> drifted, List<Orphan> orphans) {

    public record Missing(String connectionKey) {
    }

    public record Drifted(String connectionKey, String clerkConnectionId, List<String> fields) {
    }

    public record Orphan(String clerkConnectionId, List<String> domains) {
    }

    public boolean isEmpty() {
        return missing.isEmpty() && drifted.isEmpty() && orphans.isEmpty();
    }
}
