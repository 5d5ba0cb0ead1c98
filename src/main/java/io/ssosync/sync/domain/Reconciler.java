package io.ssosync.sync.domain;

import java.util.Set;

/**
 * Decides the next call for a command from what Clerk last accepted, not from what was planned:
 * a retried or half-finished command therefore resumes where Clerk actually is.
 */
public final class Reconciler {

    private Reconciler() {
    }

    /**
     * @param api     the API new connections are created on (an existing one stays on its own)
     * @param holding what Clerk holds of the connection
     * @param target  the command's target spec, or null for a delete
     */
    public static SyncStep nextStep(ClerkApi api, ClerkHolding holding, ConnectionSpec target) {
        if (target == null) {
            return holding.holdsConnection() ? new SyncStep.Delete() : new SyncStep.Done();
        }
        ClerkApi on = holding.holdsConnection() ? holding.api() : api;
        if (!on.supports(target.protocol())) {
            return new SyncStep.Unsupported("the " + on.name().toLowerCase()
                    + " API cannot hold " + target.protocol() + " connections; set CLERK_API=enterprise");
        }
        Set<ConnectionField> unsupported = on.unsupportedFields();
        unsupported.retainAll(ConnectionField.present(target));
        if (!unsupported.isEmpty()) {
            return new SyncStep.Unsupported("the " + on.name().toLowerCase() + " API has no "
                    + unsupported.stream().map(field -> field.name().toLowerCase()).toList()
                    + "; set CLERK_API=enterprise or leave them out");
        }
        if (!holding.holdsConnection()) {
            return new SyncStep.Create(target);
        }
        // Clerk cannot change a provider in place; this holds for an adopted connection too.
        if (holding.provider() != null && !holding.provider().equals(target.provider())) {
            return new SyncStep.Delete();
        }
        ConnectionSpec applied = holding.applied();
        if (applied == null) {
            return new SyncStep.Update(target, ConnectionField.present(target));
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
        Set<ConnectionField> notSent = api.updateOnlyFields();
        notSent.retainAll(ConnectionField.present(spec));
        notSent.removeAll(confirmed);
        return spec.without(notSent);
    }
}
