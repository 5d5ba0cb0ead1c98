package io.ssosync.sync.dispatch;

import java.util.EnumSet;
import java.util.Set;

import io.ssosync.audit.HistoryEntry.Outcome;
import io.ssosync.clerk.ClerkGateway;
import io.ssosync.clerk.ClerkOutcome;
import io.ssosync.clerk.ClerkReadback;
import io.ssosync.clerk.ClerkRequest;
import io.ssosync.clerk.ClerkRequests;
import io.ssosync.clerk.ServiceProviderAnswer;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ClerkHolding;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.Reconciler;
import io.ssosync.sync.domain.ServiceProvider;
import io.ssosync.sync.domain.SyncStep;
import io.ssosync.sync.store.ConnectionStateStore;
import io.ssosync.sync.store.StoredConnection;
import io.ssosync.sync.store.SyncCommand;

/**
 * Takes one claimed command to its target, one Clerk call at a time. Before each call it works out
 * the next step from what Clerk holds (so a retried or half-finished command resumes where Clerk is),
 * settling first a create that may have reached Clerk; after each call the answer is recorded before
 * the next step is worked out.
 */
public final class StepLoop {

    /**
     * A command needs at most: a read of Clerk's copy (a resync) or a lookup (a create in doubt), a delete
     * (provider change), a create and a follow-up update, and the step that finds it done.
     */
    static final int MAX_STEPS = 5;

    /** Whether the loop goes on after a step. */
    private enum Next {
        CONTINUE, STOP
    }

    private final Transactions transactions;
    private final ConnectionStateStore connections;
    private final ClerkGateway clerk;
    private final ClerkApi defaultApi;
    private final AttemptRecorder recorder;
    private final Setbacks setbacks;
    private final CreateInDoubtRecovery recovery;
    private final ClaimLeases leases;

    public StepLoop(Transactions transactions, ConnectionStateStore connections, ClerkGateway clerk,
            ClerkApi defaultApi, AttemptRecorder recorder, Setbacks setbacks, CreateInDoubtRecovery recovery,
            ClaimLeases leases) {
        this.transactions = transactions;
        this.connections = connections;
        this.clerk = clerk;
        this.defaultApi = defaultApi;
        this.recorder = recorder;
        this.setbacks = setbacks;
        this.recovery = recovery;
        this.leases = leases;
    }

    public void process(SyncCommand claim) {
        for (int step = 0; step < MAX_STEPS; step++) {
            StoredConnection state = transactions.inTransaction(c -> connections.find(c, claim.connectionKey()))
                    .orElseThrow(() -> new IllegalStateException("no state for " + claim.connectionKey()));
            Next next = step == 0 && rereads(claim, state) ? reread(claim, state.holding()) : step(claim, state);
            if (next == Next.STOP) {
                return;
            }
        }
        setbacks.notConverged(claim, MAX_STEPS);
    }

    /** A resync reads Clerk's copy first, where there is one to read and no create is in doubt. */
    private static boolean rereads(SyncCommand claim, StoredConnection state) {
        return claim.reread() && claim.operation() != Operation.DELETE && state.holding().holdsConnection()
                && state.createInDoubt() == null;
    }

    /**
     * Reads what Clerk holds and sends what differs from the target, with every field Clerk never shows
     * (secrets, metadata), since those cannot be compared. A connection Clerk lost is created again by the
     * next step; one whose provider changed behind our back is replaced, as any provider change is.
     */
    private Next reread(SyncCommand claim, ClerkHolding holding) {
        ClerkRequest request = ClerkRequest.get(ClerkRequests.collection(holding.api()), holding.clerkId());
        ClerkOutcome outcome = send(claim, request);
        if (outcome instanceof ClerkOutcome.NotFound gone) {
            recorder.applied(claim, request, gone.exchange(), Outcome.GONE, ClerkHolding.nothing(), null, false);
            return Next.CONTINUE;
        }
        if (!(outcome instanceof ClerkOutcome.Accepted read)) {
            setbacks.handle(claim, request, outcome, false);
            return Next.STOP;
        }
        ConnectionSpec target = claim.target();
        ServiceProvider serviceProvider = ServiceProviderAnswer.of(holding.api(), read.body());
        String provider = read.body().path("provider").asText(target.provider());
        if (!provider.equals(target.provider())) {
            recorder.read(claim, request, read.exchange(), "provider is " + provider,
                    ClerkHolding.adopted(holding.api(), holding.clerkId(), provider), serviceProvider);
            return Next.CONTINUE;
        }
        Set<ConnectionField> differing = ClerkReadback.differing(holding.api(), read.body(), target);
        Set<ConnectionField> resend = EnumSet.copyOf(differing);
        resend.addAll(ClerkReadback.unreadable(holding.api(), target));
        String note = differing.isEmpty() ? "matches the desired state"
                : "differs in " + ClerkReadback.clerkNames(holding.api(), differing);
        if (resend.isEmpty()) {
            recorder.read(claim, request, read.exchange(), note,
                    ClerkHolding.known(holding.api(), holding.clerkId(), target), serviceProvider);
            return Next.CONTINUE;
        }
        recorder.read(claim, request, read.exchange(), note, null, null);
        return update(claim, holding, new SyncStep.Update(target, resend));
    }

    private Next step(SyncCommand claim, StoredConnection state) {
        ClerkHolding holding = state.holding();
        ClerkApi api = holding.holdsConnection() ? holding.api() : defaultApi;
        if (state.createInDoubt() != null && !holding.holdsConnection()) {
            CreateInDoubtRecovery.Settlement settled = recovery.settle(claim, api, state.createInDoubt());
            return settled instanceof CreateInDoubtRecovery.Settlement.Stopped ? Next.STOP : Next.CONTINUE;
        }
        ConnectionSpec target = claim.operation() == Operation.DELETE ? null : claim.target();
        SyncStep next = Reconciler.nextStep(defaultApi, holding, target);
        if (next instanceof SyncStep.Done) {
            recorder.done(claim);
            return Next.STOP;
        }
        if (next instanceof SyncStep.Unsupported unsupported) {
            recorder.unsupported(claim, unsupported.reason());
            return Next.STOP;
        }
        if (next instanceof SyncStep.Create create) {
            return create(claim, api, create.spec());
        }
        if (next instanceof SyncStep.Update update) {
            return update(claim, holding, update);
        }
        return delete(claim, holding);
    }

    private Next create(SyncCommand claim, ClerkApi api, ConnectionSpec spec) {
        ClerkRequest request = ClerkRequests.create(api, spec);
        recorder.createInDoubt(claim, spec);
        ClerkOutcome outcome = send(claim, request);
        if (!(outcome instanceof ClerkOutcome.Accepted accepted)) {
            setbacks.handle(claim, request, outcome, true);
            return Next.STOP;
        }
        ConnectionSpec applied = Reconciler.appliedAfterCreate(api, spec,
                ClerkRequests.confirmedByCreate(api, spec, accepted.body()));
        recorder.applied(claim, request, accepted.exchange(), Outcome.SUCCEEDED,
                ClerkHolding.known(api, accepted.connectionId(), applied),
                ServiceProviderAnswer.of(api, accepted.body()), true);
        return Next.CONTINUE;
    }

    private Next update(SyncCommand claim, ClerkHolding holding, SyncStep.Update update) {
        ClerkHolding after = ClerkHolding.known(holding.api(), holding.clerkId(), update.spec());
        ClerkRequest request = ClerkRequests.update(holding.api(), holding.clerkId(), update.spec(), update.fields());
        if (request == null) {
            // Only settings Clerk cannot take back (an unset value, an unlinked organization) changed.
            recorder.appliedWithoutCall(claim, after);
            return Next.CONTINUE;
        }
        ClerkOutcome outcome = send(claim, request);
        if (outcome instanceof ClerkOutcome.NotFound gone) {
            // The connection vanished in Clerk: forget it, so that the next step creates it again.
            recorder.applied(claim, request, gone.exchange(), Outcome.GONE, ClerkHolding.nothing(), null, false);
            return Next.CONTINUE;
        }
        if (!(outcome instanceof ClerkOutcome.Accepted accepted)) {
            setbacks.handle(claim, request, outcome, false);
            return Next.STOP;
        }
        recorder.applied(claim, request, accepted.exchange(), Outcome.SUCCEEDED, after,
                ServiceProviderAnswer.of(holding.api(), accepted.body()), false);
        return Next.CONTINUE;
    }

    private Next delete(SyncCommand claim, ClerkHolding holding) {
        ClerkRequest request = ClerkRequests.delete(holding.api(), holding.clerkId());
        ClerkOutcome outcome = send(claim, request);
        // Not found is what a delete wants.
        if (outcome instanceof ClerkOutcome.Accepted || outcome instanceof ClerkOutcome.NotFound) {
            recorder.applied(claim, request, outcome.exchange(), Outcome.SUCCEEDED, ClerkHolding.nothing(), null,
                    false);
            return Next.CONTINUE;
        }
        setbacks.handle(claim, request, outcome, false);
        return Next.STOP;
    }

    private ClerkOutcome send(SyncCommand claim, ClerkRequest request) {
        leases.confirm(claim);
        return clerk.send(request);
    }
}
