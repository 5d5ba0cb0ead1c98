package io.ssosync.status;

import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ssosync.support.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs the status event relay on a thread of its own: at once again after a full batch, every 200 ms when
 * idle, with a growing pause (up to 30 s) while Kafka or the database is away. Once an hour it prunes events
 * published more than a day ago, 1,000 per transaction.
 */
@ApplicationScoped
public class StatusEventPublishing {

    private static final Logger LOG = Logger.getLogger(StatusEventPublishing.class);
    private static final int BATCH = 100;
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final Duration KEEP_PUBLISHED = Duration.ofDays(1);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final int PRUNE_BATCH = 1000;

    private final Transactions transactions;
    private final StatusEventStore store;
    private final StatusEventRelay relay;
    private volatile boolean running;
    private Thread thread;

    public StatusEventPublishing(Transactions transactions, StatusEventStore store, KafkaStatusEventSender sender) {
        this.transactions = transactions;
        this.store = store;
        this.relay = new StatusEventRelay(transactions, store, sender, BATCH);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "sso-sync-status-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        Duration pause = IDLE_POLL;
        Instant nextPrune = Instant.now().plus(PRUNE_EVERY);
        while (running) {
            try {
                StatusEventRelay.Turn turn = relay.relayOnce();
                if (turn.failure() != null) {
                    pause = longer(pause);
                    LOG.warnf("status events not published, tried again in %s: %s", pause, turn.failure().toString());
                } else {
                    pause = IDLE_POLL;
                }
                if (Instant.now().isAfter(nextPrune)) {
                    prune();
                    nextPrune = Instant.now().plus(PRUNE_EVERY);
                }
                if (turn.failure() == null && turn.published() == relay.batchSize()) {
                    continue;
                }
            } catch (RuntimeException e) {
                pause = longer(pause);
                if (running) {
                    LOG.warnf("status event relay: %s; tried again in %s", e.getMessage(), pause);
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : doubled;
    }

    private void prune() {
        Instant before = Instant.now().minus(KEEP_PUBLISHED);
        int deleted;
        do {
            deleted = transactions.inTransaction(c -> store.prunePublished(c, before, PRUNE_BATCH));
        } while (deleted == PRUNE_BATCH && running);
    }
}
