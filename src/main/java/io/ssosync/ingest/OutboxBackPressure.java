package io.ssosync.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ssosync.config.SsoSyncConfig;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.OpenCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Pauses the Kafka consumer while the outbox holds more unsent commands than its bound (Clerk is down
 * or throttling), and resumes it once the outbox has drained to half of that: the backlog waits in
 * Kafka, which is built for it, rather than growing the database without limit.
 * <p>
 * The bound is looked at after every batch the consumer records, so that the outbox overshoots it by a batch and what
 * the connector had already fetched, however fast intake is, and twice a second by a watcher, which resumes once
 * dispatch has drained the outbox. Counting a large backlog each time would cost more than the batch (13 ms a batch
 * in the bench, with tens of thousands of commands waiting): commands take ever higher ids, so the last count plus the
 * ids added since, by any replica, bounds the outbox, and it is counted again only when that could be over the bound,
 * while paused, or when the count is older than {@link #RECOUNT_AFTER} (a command an operator retried is open again
 * without a new id).
 */
@ApplicationScoped
public class OutboxBackPressure {

    private static final Logger LOG = Logger.getLogger(OutboxBackPressure.class);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    static final Duration RECOUNT_AFTER = Duration.ofSeconds(10);

    private final IntakeChannels consumers;
    private final Transactions transactions;
    private final CommandStore commands;
    private final long maxOpenCommands;
    private final Clock clock;
    private volatile boolean running;
    /** Whether this paused the consumers; guarded by this. */
    private boolean holding;
    /** The last count and when it was taken; null before the first. Guarded by this. */
    private OpenCommands lastCount;
    private Instant countedAt;
    private Thread thread;

    @Inject
    public OutboxBackPressure(IntakeChannels consumers, Transactions transactions, CommandStore commands,
            SsoSyncConfig config, Clock clock) {
        this(consumers, transactions, commands, config.ingest().maxOutbox(), clock);
    }

    OutboxBackPressure(IntakeChannels consumers, Transactions transactions, CommandStore commands,
            long maxOpenCommands, Clock clock) {
        this.consumers = consumers;
        this.transactions = transactions;
        this.commands = commands;
        this.maxOpenCommands = maxOpenCommands;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::watch, "sso-sync-back-pressure");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        thread.interrupt();
    }

    private void watch() {
        while (running) {
            try {
                check();
                Thread.sleep(CHECK_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debugf("back-pressure check failed: %s", e.getMessage());
            }
        }
    }

    /** Called by the consumer once a batch is stored: a fast intake pauses before its next batch, not seconds later. */
    void afterBatch() {
        try {
            check();
        } catch (RuntimeException e) {
            // The batch is stored; the watcher checks again within half a second.
            LOG.debugf("back-pressure check after a batch failed: %s", e.getMessage());
        }
    }

    synchronized void check() {
        if (!mustCount()) {
            return;
        }
        lastCount = transactions.inTransaction(c -> commands.openCommands(c, maxOpenCommands + 1));
        countedAt = clock.instant();
        long open = lastCount.count();
        if (!holding && open > maxOpenCommands && consumers.pause()) {
            holding = true;
            LOG.warnf("outbox holds more than %d unsent commands: Kafka consumer paused", maxOpenCommands);
        } else if (holding && open <= maxOpenCommands / 2) {
            // Only what this paused: a consumer paused for another reason stays paused.
            consumers.resume();
            holding = false;
            LOG.infof("outbox drained to %d commands: Kafka consumer resumed", open);
        }
    }

    private boolean mustCount() {
        return holding || lastCount == null || !countedAt.plus(RECOUNT_AFTER).isAfter(clock.instant())
                || lastCount.mayExceed(transactions.inTransaction(commands::highestId), maxOpenCommands);
    }
}
