package io.ssosync.ingest;

import java.time.Duration;

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
 * Kafka, which is built for it, rather than growing the database without limit. A watcher counts the outbox twice a
 * second, to resume once dispatch has drained it and to see other replicas' commands. After every batch the consumer
 * records, the ids added since the last count tell whether it could have crossed the bound, and only then is it
 * counted again: the outbox overshoots the bound by a batch and what the connector had already fetched, however fast
 * intake is, without counting a large backlog after every batch (13 ms a batch in the bench, with tens of thousands
 * of commands waiting).
 */
@ApplicationScoped
public class OutboxBackPressure {

    private static final Logger LOG = Logger.getLogger(OutboxBackPressure.class);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

    private final IntakeChannels consumers;
    private final Transactions transactions;
    private final CommandStore commands;
    private final long maxOpenCommands;
    private volatile boolean running;
    /** Whether this paused the consumers; guarded by this. */
    private boolean holding;
    /** The last count; null before the first. Guarded by this. */
    private OpenCommands lastCount;
    private Thread thread;

    @Inject
    public OutboxBackPressure(IntakeChannels consumers, Transactions transactions, CommandStore commands,
            SsoSyncConfig config) {
        this(consumers, transactions, commands, config.ingest().maxOutbox());
    }

    OutboxBackPressure(IntakeChannels consumers, Transactions transactions, CommandStore commands,
            long maxOpenCommands) {
        this.consumers = consumers;
        this.transactions = transactions;
        this.commands = commands;
        this.maxOpenCommands = maxOpenCommands;
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
    synchronized void afterBatch() {
        try {
            if (holding || lastCount == null
                    || lastCount.mayExceed(transactions.inTransaction(commands::highestId), maxOpenCommands)) {
                check();
            }
        } catch (RuntimeException e) {
            // The batch is stored; the watcher checks again within half a second.
            LOG.debugf("back-pressure check after a batch failed: %s", e.getMessage());
        }
    }

    private synchronized void check() {
        lastCount = transactions.inTransaction(c -> commands.openCommands(c, maxOpenCommands + 1));
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
}
