package io.ssosync.sync.dispatch;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ssosync.config.SsoSyncConfig;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.support.logging.LogContext;
import io.ssosync.support.tracing.Traces;
import io.ssosync.sync.store.ClaimLostException;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.DispatchControlStore;
import io.ssosync.sync.store.SyncCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Relays outbox commands to Clerk. Each worker claims the longest-waiting command whose turn it is,
 * takes it to its target and claims the next; idle workers sleep until a NOTIFY or a retry falls due.
 * Each worker claims under a name of its own ({@link WorkerClaims}): what a broken turn left claimed (the
 * database went away mid-command or mid-claim) is given back as soon as the database answers again, rather
 * than held until its lease runs out. While an operator has paused dispatch, no worker claims anything; what
 * is in flight finishes.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** When work is due but nothing could be claimed, e.g. its row was locked for a moment. */
    private static final Duration BUSY_WAIT = Duration.ofMillis(250);

    private final Transactions transactions;
    private final CommandStore commands;
    private final DispatchControlStore control;
    private final StepLoop steps;
    private final ClaimLeases leases;
    private final ClerkAvailability availability;
    private final DispatchSignal signal;
    private final SsoSyncConfig.Dispatch settings;
    private final DataSource dataSource;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Traces traces;
    private final List<Thread> threads = new ArrayList<>();
    private Thread renewal;
    private CommandListener listener;
    private volatile boolean running;

    public Dispatcher(Transactions transactions, CommandStore commands, DispatchControlStore control, StepLoop steps,
            ClaimLeases leases, ClerkAvailability availability, DispatchSignal signal,
            SsoSyncConfig config, DataSource dataSource, Traces traces) {
        this.traces = traces;
        this.transactions = transactions;
        this.commands = commands;
        this.control = control;
        this.steps = steps;
        this.leases = leases;
        this.availability = availability;
        this.signal = signal;
        this.settings = config.dispatch();
        this.dataSource = dataSource;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        listener = new CommandListener(dataSource, signal);
        threads.add(daemon("sso-sync-listener", listener));
        for (int i = 0; i < settings.workers(); i++) {
            WorkerClaims claims = new WorkerClaims(transactions, commands, leases, owner + "#" + i);
            threads.add(daemon("sso-sync-dispatcher-" + i, () -> work(claims)));
        }
        renewal = daemon("sso-sync-lease-renewal", this::renewLeases);
        LOG.infof("dispatcher %s started with %d workers, each claiming as %s#<worker>", owner, settings.workers(),
                owner);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        listener.stop();
        signal.wakeUp();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(15).toMillis());
        }
        // Renewal goes on while the workers finish what they hold.
        renewal.interrupt();
        renewal.join(Duration.ofSeconds(5).toMillis());
    }

    private void work(WorkerClaims claims) {
        while (running) {
            long seen = signal.generation();
            try {
                Duration hold = availability.holdFor();
                if (!hold.isZero()) {
                    signal.await(seen, min(hold, settings.idlePoll()));
                    continue;
                }
                // Paused by an operator: claim nothing; a resume NOTIFYs every replica's workers.
                if (transactions.inTransaction(control::isPaused)) {
                    signal.await(seen, settings.idlePoll());
                    continue;
                }
                Optional<SyncCommand> claimed = claims.claimNext();
                if (claimed.isEmpty()) {
                    signal.await(seen, idleWait());
                    continue;
                }
                run(claimed.get(), claims);
                // Finishing a command may have made the next command of its connection due.
                signal.wakeUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("dispatcher worker failed (%s); it carries on after a pause", e.getMessage());
                LOG.debug("dispatcher worker failure", e);
                pauseAfterError();
            }
        }
    }

    /**
     * Runs one claim in a span continuing the trace it was queued in (kept with the command), so that its calls to
     * Clerk belong to the event's trace, and with the command and its connection named on every log line.
     */
    private void run(SyncCommand claim, WorkerClaims claims) {
        leases.hold(claim);
        try (Traces.Scope span = traces.start(Traces.Kind.INTERNAL, "sso-sync dispatch " + claim.operation(),
                claim.traceparent(), Map.of("sso_sync.command_id", claim.id(),
                        "sso_sync.connection_key", claim.connectionKey(),
                        "sso_sync.operation", claim.operation().name()));
                LogContext log = LogContext.of("commandId", claim.id(), "connectionKey", claim.connectionKey(),
                        "eventId", claim.sourceEventId(), "traceId", traces.currentTraceId())) {
            process(claim, claims);
        } finally {
            leases.drop(claim);
        }
    }

    private void process(SyncCommand claim, WorkerClaims claims) {
        try {
            steps.process(claim);
        } catch (ClaimLostException e) {
            LOG.warnf("command %d for %s was taken over by another worker while this one was on it; it stops here",
                    claim.id(), claim.connectionKey());
        } catch (RuntimeException e) {
            claims.broke();
            throw e;
        }
    }

    private void renewLeases() {
        while (running) {
            try {
                Thread.sleep(leases.renewalInterval().toMillis());
                leases.renewAll();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Duration idleWait() {
        Duration untilDue = transactions.inTransaction(commands::untilNextDue);
        if (untilDue == null) {
            return settings.idlePoll();
        }
        return untilDue.isZero() ? BUSY_WAIT : min(untilDue, settings.idlePoll());
    }

    private void pauseAfterError() {
        try {
            signal.await(signal.generation(), Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
