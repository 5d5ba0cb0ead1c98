package io.ssosync.sync.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Decides the next call for a command from what Clerk last accepted, not from what was planned:
 * a retried or half-finished command therefore resumes where Clerk actually is.
 */
public final class Reconciler {

    private Reconciler() {
    }

    /**
     * @param clerkId the Clerk connection id, or null if Clerk does not hold the connection
     * @param applied the spec Clerk last accepted, or null
     * @param target  the command's target spec, or null for a delete
     */
    public static SyncStep nextStep(ClerkApi api, String clerkId, ConnectionSpec applied, ConnectionSpec target) {
        if (target == null) {
            return clerkId == null ? new SyncStep.Done() : new SyncStep.Delete();
        }
        if (!api.supports(target.protocol())) {
            return new SyncStep.Unsupported("the " + api.name().toLowerCase()
                    + " API cannot hold " + target.protocol() + " connections; set CLERK_API=enterprise");
        }
        if (clerkId == null) {
            return new SyncStep.Create(target);
        }
        if (applied == null) {
            return new SyncStep.Update(target, ConnectionField.present(target));
        }
        if (!applied.provider().equals(target.provider())) {
            return new SyncStep.Delete();
        }
        Set<ConnectionField> changed = ConnectionField.changed(applied, target);
        return changed.isEmpty() ? new SyncStep.Done() : new SyncStep.Update(target, changed);
    }

    /**
     * What Clerk holds after a create of {@code spec}: all of it but the fields its create call cannot
     * carry, except those Clerk's answer shows already at the desired value (its defaults), which need
     * no update.
     */
    public static ConnectionSpec appliedAfterCreate(ClerkApi api, ConnectionSpec spec, Set<ConnectionField> confirmed) {
        Set<ConnectionField> notSent = EnumSet.copyOf(api.updateOnlyFields());
        notSent.retainAll(ConnectionField.present(spec));
        notSent.removeAll(confirmed);
        return spec.without(notSent);
    }
}
