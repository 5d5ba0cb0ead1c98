package io.ssosync.sync.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.ssosync.audit.HistoryEntry;
import io.ssosync.audit.HistoryEntry.Outcome;
import io.ssosync.audit.HistoryStore;
import io.ssosync.clerk.ClerkCallFailedException;
import io.ssosync.clerk.ClerkClient;
import io.ssosync.clerk.ClerkRequest;
import io.ssosync.clerk.ClerkRequests;
import io.ssosync.clerk.ClerkResponse;
import io.ssosync.clerk.ConnectionMatcher;
import io.ssosync.clerk.quota.ClerkQuota;
import io.ssosync.config.ClerkSettings;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.Backoff;
import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.CommandStatus;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.Reconciler;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.domain.SyncStep;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ConnectionStateStore;
import io.ssosync.sync.store.StoredConnection;
import io.ssosync.sync.store.SyncCommand;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes one claimed command to its target, one Clerk call at a time. Before each call it works out
 * the next step from what Clerk last accepted; after each call it records the answer, the history row
 * and the new applied state in one transaction, so a crash between calls resumes where Clerk is.
 */
@ApplicationScoped
public class CommandProcessor {

    private static final Logger LOG = Logger.getLogger(CommandProcessor.class);

    /** A command needs at most: delete (provider change), create, follow-up update. */
    private static final int MAX_STEPS = 4;
    private static final int LOOKUP_PAGE = 100;
    private static final Duration BREAKER_OPEN_DELAY = Duration.ofSeconds(5);
    /** Well inside the lease, so that no other replica takes the command over while it waits. */
    private static final Duration MAX_TOKEN_WAIT = Duration.ofSeconds(10);

    private final Transactions transactions;
    private final ConnectionStateStore connections;
    private final CommandStore commands;
    private final HistoryStore history;
    private final ClerkClient clerk;
    private final ClerkSettings clerkSettings;
    private final Backoff backoff;
    private final Duration maxAge;
    private final ClerkQuota quota;
    private final DispatchGate gate;

    public CommandProcessor(Transactions transactions, ConnectionStateStore connections, CommandStore commands,
            HistoryStore history, ClerkClient clerk, ClerkSettings clerkSettings, DispatchSettings settings,
            ClerkQuota quota, DispatchGate gate) {
        this.transactions = transactions;
        this.connections = connections;
        this.commands = commands;
        this.history = history;
        this.clerk = clerk;
        this.clerkSettings = clerkSettings;
        this.backoff = new Backoff(settings.retryInitialDelay(), settings.retryMaxDelay());
        this.maxAge = settings.maxAge();
        this.quota = quota;
        this.gate = gate;
    }

    public void process(SyncCommand command) {
        boolean mayHaveCreated = command.createSent();
        for (int step = 0; step < MAX_STEPS; step++) {
            StoredConnection state = transactions.inTransaction(c -> connections.find(c, command.connectionKey()))
                    .orElseThrow(() -> new IllegalStateException("no state for " + command.connectionKey()));
            ClerkApi api = state.clerkApi() != null ? state.clerkApi() : clerkSettings.api();
            ConnectionSpec target = command.operation() == Operation.DELETE ? null : command.target();
            SyncStep next = Reconciler.nextStep(api, state.clerkConnectionId(), state.appliedSpec(), target);
            try {
                if (next instanceof SyncStep.Done) {
                    finish(command);
                    return;
                } else if (next instanceof SyncStep.Unsupported unsupported) {
                    reject(command, unsupported.reason());
                    return;
                } else if (next instanceof SyncStep.Create create) {
                    if (mayHaveCreated) {
                        Lookup lookup = adopt(command, api, create.spec());
                        if (lookup == Lookup.STOPPED) {
                            return;
                        }
                        mayHaveCreated = false;
                        if (lookup == Lookup.ADOPTED) {
                            continue;
                        }
                    }
                    if (!create(command, api, create.spec())) {
                        return;
                    }
                } else if (next instanceof SyncStep.Update update) {
                    if (!update(command, api, state.clerkConnectionId(), update)) {
                        return;
                    }
                } else if (next instanceof SyncStep.Delete) {
                    if (!delete(command, api, state.clerkConnectionId())) {
                        return;
                    }
                }
            } catch (CircuitBreakerOpenException e) {
                gate.closeFor(BREAKER_OPEN_DELAY);
                retryLater(command, BREAKER_OPEN_DELAY, "Clerk circuit breaker is open: Clerk failed repeatedly");
                return;
            }
        }
        retryLater(command, backoff.delayAfter(command.attempts()), "did not converge in " + MAX_STEPS + " steps");
    }

    private boolean create(SyncCommand command, ClerkApi api, ConnectionSpec spec) {
        ClerkRequest request = ClerkRequests.create(api, spec);
        // Committed before the POST leaves: if its answer is lost, the next attempt looks before creating.
        transactions.run(c -> {
            commands.markCreateSent(c, command.id());
        });
        Optional<Answer> response = send(command, request);
        if (response.isEmpty()) {
            return false;
        }
        if (!response.get().isSuccess()) {
            return refuse(command, request, response.get());
        }
        String clerkId = response.get().response().connectionId();
        ConnectionSpec applied = Reconciler.appliedAfterCreate(api, spec,
                ClerkRequests.confirmedByCreate(api, spec, response.get().response().body()));
        transactions.run(c -> {
            history.append(c, entry(command, request, response.get(), Outcome.SUCCEEDED));
            connections.saveApplied(c, command.connectionKey(), api, clerkId, applied, command.version());
        });
        return true;
    }

    private enum Lookup {
        ADOPTED, NOT_FOUND, STOPPED
    }

    /**
     * Looks for a connection that a create with a lost answer made, and adopts it if found. When the
     * lookup itself fails the command stops here: it is retried later, never created blind.
     */
    private Lookup adopt(SyncCommand command, ClerkApi api, ConnectionSpec spec) {
        for (int offset = 0; ; offset += LOOKUP_PAGE) {
            ClerkRequest request = ClerkRequest.list(ClerkRequests.collection(api), LOOKUP_PAGE, offset);
            Optional<Answer> response = send(command, request);
            if (response.isEmpty()) {
                return Lookup.STOPPED;
            }
            if (!response.get().isSuccess()) {
                refuse(command, request, response.get());
                return Lookup.STOPPED;
            }
            Optional<String> found = ConnectionMatcher.find(response.get().response().body(), spec);
            if (found.isPresent()) {
                transactions.run(c -> {
                    history.append(c, entry(command, request, response.get(), Outcome.ADOPTED));
                    // What the adopted connection holds is unknown: the next step sends every field.
                    connections.saveApplied(c, command.connectionKey(), api, found.get(), null, command.version());
                });
                LOG.infof("adopted Clerk connection %s for %s after a create with a lost answer", found.get(),
                        command.connectionKey());
                return Lookup.ADOPTED;
            }
            transactions.run(c -> {
                history.append(c, entry(command, request, response.get(), Outcome.NOT_FOUND));
            });
            if (offset + LOOKUP_PAGE >= ConnectionMatcher.totalCount(response.get().response().body())) {
                return Lookup.NOT_FOUND;
            }
        }
    }

    private boolean update(SyncCommand command, ClerkApi api, String clerkId, SyncStep.Update update) {
        ClerkRequest request = ClerkRequests.update(api, clerkId, update.spec(), update.fields());
        if (request == null) {
            // Only settings Clerk cannot take back (an unset value, an unlinked organization) changed.
            transactions.run(c -> {
                connections.saveApplied(c, command.connectionKey(), api, clerkId, update.spec(), command.version());
            });
            return true;
        }
        Optional<Answer> response = send(command, request);
        if (response.isEmpty()) {
            return false;
        }
        if (response.get().status() == 404) {
            // The connection vanished in Clerk: forget its id so that the next step creates it again.
            transactions.run(c -> {
                history.append(c, entry(command, request, response.get(), Outcome.GONE));
                connections.saveApplied(c, command.connectionKey(), api, null, null, command.version());
            });
            return true;
        }
        if (!response.get().isSuccess()) {
            return refuse(command, request, response.get());
        }
        transactions.run(c -> {
            history.append(c, entry(command, request, response.get(), Outcome.SUCCEEDED));
            connections.saveApplied(c, command.connectionKey(), api, clerkId, update.spec(), command.version());
        });
        return true;
    }

    private boolean delete(SyncCommand command, ClerkApi api, String clerkId) {
        ClerkRequest request = ClerkRequests.delete(api, clerkId);
        Optional<Answer> response = send(command, request);
        if (response.isEmpty()) {
            return false;
        }
        // 404: already gone, which is what a delete wants.
        if (!response.get().isSuccess() && response.get().status() != 404) {
            return refuse(command, request, response.get());
        }
        transactions.run(c -> {
            history.append(c, entry(command, request, response.get(), Outcome.SUCCEEDED));
            connections.saveApplied(c, command.connectionKey(), api, null, null, command.version());
        });
        return true;
    }

    /**
     * Sends the request. A transient failure is recorded and the command rescheduled; the result is
     * then empty. An open breaker propagates: nothing was sent, so there is nothing to record.
     */
    private Optional<Answer> send(SyncCommand command, ClerkRequest request) {
        if (!awaitQuota()) {
            Duration paused = quota.pausedFor();
            retryLater(command, paused.isZero() ? Duration.ofSeconds(1) : paused, "waiting for Clerk's request quota");
            return Optional.empty();
        }
        long started = System.nanoTime();
        try {
            ClerkResponse response = call(request);
            return Optional.of(new Answer(response, elapsed(started)));
        } catch (CircuitBreakerOpenException e) {
            throw e;
        } catch (ClerkCallFailedException e) {
            ClerkResponse response = e.response();
            Duration delay = backoff.delayAfter(command.attempts());
            if (response.status() == 429) {
                // Clerk blocks the key until Retry-After: every replica holds its calls until then.
                delay = Duration.ofSeconds(response.retryAfterSeconds() == null ? 1 : response.retryAfterSeconds());
                quota.pause(delay);
            }
            recordTransient(command, request, response, elapsed(started), delay, describe(response));
        } catch (RuntimeException e) {
            // A time-out, a broken connection or anything unforeseen: the outcome is unknown, so retry.
            recordTransient(command, request, null, elapsed(started), backoff.delayAfter(command.attempts()),
                    "no answer from Clerk: " + e);
        }
        return Optional.empty();
    }

    private void recordTransient(SyncCommand command, ClerkRequest request, ClerkResponse response, long durationMs,
            Duration delay, String error) {
        boolean expired = command.retryingSince().plus(maxAge).isBefore(Instant.now());
        transactions.run(c -> {
            history.append(c, new HistoryEntry(null, null, command.id(), command.connectionKey(), command.tenantId(),
                    command.operation().name(), request.method().name(), request.path(), request.body(),
                    response == null ? null : response.status(), expired ? Outcome.PARKED : Outcome.RETRYING,
                    durationMs, response == null ? null : response.errorCode(),
                    response == null ? error : response.errorMessage(),
                    response == null ? null : response.traceId(), command.sourceEventId()));
            if (expired) {
                String reason = "parked after retrying for more than " + maxAge + ": " + error;
                commands.park(c, command.id(), reason);
                connections.saveStatus(c, command.connectionKey(), SyncStatus.FAILED, reason);
            } else {
                commands.retryLater(c, command.id(), delay, error);
                connections.saveStatus(c, command.connectionKey(), SyncStatus.PENDING, "retrying: " + error);
            }
        });
        if (expired) {
            LOG.errorf("command %d for %s parked as DEAD: %s", command.id(), command.connectionKey(), error);
        } else {
            LOG.warnf("command %d for %s will be retried in %s: %s", command.id(), command.connectionKey(), delay,
                    error);
        }
    }

    private boolean awaitQuota() {
        try {
            return quota.acquire(MAX_TOKEN_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks Clerk whether it accepts the secret key again, with the cheapest call there is. */
    public void probeKey() {
        if (!awaitQuota()) {
            return;
        }
        try {
            ClerkResponse response = call(ClerkRequest.list(ClerkRequests.collection(clerkSettings.api()), 1, 0));
            if (response.isSuccess()) {
                gate.keyAccepted();
                LOG.info("Clerk accepts the secret key again; dispatch resumes");
            }
        } catch (RuntimeException e) {
            LOG.debugf("key probe failed: %s", e.getMessage());
        }
    }

    /** A 4xx: Clerk refused the change. 401 is the service's own key and is retried; the rest fail for good. */
    private boolean refuse(SyncCommand command, ClerkRequest request, Answer response) {
        String error = describe(response.response());
        if (response.status() == 401) {
            gate.keyRejected(error);
            recordTransientAnswer(command, request, response, error);
            return false;
        }
        transactions.run(c -> {
            history.append(c, entry(command, request, response, Outcome.FAILED));
            commands.complete(c, command.id(), CommandStatus.FAILED, error);
            connections.saveStatus(c, command.connectionKey(), SyncStatus.FAILED, error);
        });
        LOG.warnf("Clerk refused command %d for %s: %s", command.id(), command.connectionKey(), error);
        return false;
    }

    private void recordTransientAnswer(SyncCommand command, ClerkRequest request, Answer response, String error) {
        transactions.run(c -> {
            history.append(c, entry(command, request, response, Outcome.RETRYING));
            commands.retryLater(c, command.id(), backoff.delayAfter(command.attempts()), error);
        });
        LOG.errorf("Clerk rejected the secret key (%s); dispatch stops and command %d waits for a valid"
                + " CLERK_SECRET_KEY", error, command.id());
    }

    private void reject(SyncCommand command, String reason) {
        transactions.run(c -> {
            history.append(c, new HistoryEntry(null, null, command.id(), command.connectionKey(), command.tenantId(),
                    command.operation().name(), null, null, null, null, Outcome.REJECTED, null, null, reason, null,
                    command.sourceEventId()));
            commands.complete(c, command.id(), CommandStatus.FAILED, reason);
            connections.saveStatus(c, command.connectionKey(), SyncStatus.FAILED, reason);
        });
    }

    private void finish(SyncCommand command) {
        transactions.run(c -> {
            commands.complete(c, command.id(), CommandStatus.DONE, null);
            if (!commands.hasOpenCommands(c, command.connectionKey())) {
                connections.settle(c, command.connectionKey());
            }
        });
    }

    private void retryLater(SyncCommand command, Duration delay, String reason) {
        transactions.run(c -> {
            commands.retryLater(c, command.id(), delay, reason);
        });
    }

    /** Each method goes through its own fault-tolerant entry point of the client bean. */
    private ClerkResponse call(ClerkRequest request) {
        return switch (request.method()) {
            case POST -> clerk.create(request);
            case PATCH -> clerk.update(request);
            case DELETE -> clerk.delete(request);
            case GET -> clerk.list(request);
        };
    }

    private static HistoryEntry entry(SyncCommand command, ClerkRequest request, Answer answer, Outcome outcome) {
        ClerkResponse response = answer.response();
        return new HistoryEntry(null, null, command.id(), command.connectionKey(), command.tenantId(),
                command.operation().name(), request.method().name(), request.path(), request.body(),
                response.status(), outcome, answer.durationMs(), response.errorCode(), response.errorMessage(),
                response.traceId(), command.sourceEventId());
    }

    private static String describe(ClerkResponse response) {
        StringBuilder text = new StringBuilder("Clerk answered ").append(response.status());
        if (response.errorCode() != null) {
            text.append(' ').append(response.errorCode());
        }
        if (response.errorMessage() != null) {
            text.append(": ").append(response.errorMessage());
        }
        return text.toString();
    }

    private static long elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** Clerk's answer and how long it took. */
    private record Answer(ClerkResponse response, long durationMs) {
        boolean isSuccess() {
            return response.isSuccess();
        }

        int status() {
            return response.status();
        }
    }
}
