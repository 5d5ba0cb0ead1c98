package io.ssosync.ingest;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ssosync.config.SsoSyncConfig;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.store.CommandStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Pauses the Kafka consumer while the outbox holds more unsent commands than its bound (Clerk is down
 * or throttling), and resumes it once the outbox has drained to half of that: the backlog waits in
 * Kafka, which is built for it, rather than growing the database without limit. The bound is checked after every
 * batch the consumer records, so the outbox overshoots it by a batch and what the connector had already fetched,
 * however fast intake is; a watcher checks it twice a second too, to resume once dispatch has drained the outbox.
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
    /** Whether this paused the consumers; guarded by {@link #check}'s lock. */
    private boolean holding;
    private Thread thread;

    public OutboxBackPressure(IntakeChannels consumers, Transactions transactions, CommandStore commands,
            SsoSyncConfig config) {
        this.consumers = consumers;
        this.transactions = transactions;
        this.commands = commands;
        this.maxOpenCommands = config.ingest().maxOutbox();
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

    private synchronized void check() {
        long open = transactions.inTransaction(c -> commands.openCount(c, maxOpenCommands + 1));
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
