package io.ssosync.sync.dispatch;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.ssosync.audit.HistoryEntry.Outcome;
import io.ssosync.clerk.ClerkGateway;
import io.ssosync.clerk.ClerkOutcome;
import io.ssosync.clerk.ClerkRequest;
import io.ssosync.clerk.ClerkRequests;
import io.ssosync.clerk.ConnectionMatcher;
import io.ssosync.clerk.ServiceProviderAnswer;
import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ClerkHolding;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.store.SyncCommand;

/**
 * Settles a create that may have reached Clerk (its answer was lost or garbled) before anything else
 * is sent for the connection: looks in Clerk's list, narrowed to the organization where the create
 * named one, for a connection with what the create sent, and adopts it if found. If the lookup itself
 * fails the command stops there and is retried later; nothing is ever created blind.
 */
public final class CreateInDoubtRecovery {

    private static final Logger LOG = Logger.getLogger(CreateInDoubtRecovery.class);
    private static final int PAGE = 100;

    /** How the doubt ended. */
    public sealed interface Settlement {
        /** Clerk holds the connection: it is adopted. */
        record Adopted() implements Settlement {
        }

        /** Clerk holds no such connection: the create did not happen. */
        record Absent() implements Settlement {
        }

        /** The lookup did not get an answer; the command has been rescheduled or failed. */
        record Stopped() implements Settlement {
        }
    }

    private final ClerkGateway clerk;
    private final AttemptRecorder recorder;
    private final Setbacks setbacks;
    private final ClaimLeases leases;

    public CreateInDoubtRecovery(ClerkGateway clerk, AttemptRecorder recorder, Setbacks setbacks,
            ClaimLeases leases) {
        this.clerk = clerk;
        this.recorder = recorder;
        this.setbacks = setbacks;
        this.leases = leases;
    }

    public Settlement settle(SyncCommand claim, ClerkApi api, ConnectionSpec sent) {
        for (int offset = 0; ; offset += PAGE) {
            ClerkRequest request = ClerkRequest.list(ClerkRequests.collection(api), PAGE, offset,
                    sent.organizationId());
            leases.confirm(claim);
            ClerkOutcome outcome = clerk.send(request);
            if (!(outcome instanceof ClerkOutcome.Accepted page)) {
                setbacks.handle(claim, request, outcome, false);
                return new Settlement.Stopped();
            }
            Optional<String> found = ConnectionMatcher.find(page.body(), sent);
            if (found.isPresent()) {
                // What the adopted connection holds is unknown but its provider: the next step sends every field.
                recorder.applied(claim, request, page.exchange(), Outcome.ADOPTED,
                        ClerkHolding.adopted(api, found.get(), sent.provider()),
                        ServiceProviderAnswer.inList(api, page.body(), found.get()), true);
                LOG.infof("adopted Clerk connection %s for %s after a create in doubt", found.get(),
                        claim.connectionKey());
                return new Settlement.Adopted();
            }
            boolean lastPage = offset + PAGE >= ConnectionMatcher.totalCount(page.body());
            recorder.notFound(claim, request, page.exchange(), lastPage);
            if (lastPage) {
                return new Settlement.Absent();
            }
        }
    }
}
