package io.ssosync.ingest;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.ssosync.sync.store.InboxStore;
import jakarta.annotation.PreDestroy;
import io.ssosync.support.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records on a rejection's row whether its dead-letter copy arrived. Kafka answers on its own threads,
 * which must not wait for the database, so the rows are written by a thread of this class, in order.
 */
@ApplicationScoped
public class DeadLetterOutcomes {

    private static final Logger LOG = Logger.getLogger(DeadLetterOutcomes.class);

    private final RejectedEventStore rejections;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sso-sync-dead-letter-outcomes");
        thread.setDaemon(true);
        return thread;
    });

    private final Transactions transactions;

    public DeadLetterOutcomes(RejectedEventStore rejections, Transactions transactions) {
        this.rejections = rejections;
        this.transactions = transactions;
    }

    void copied(InboxStore.Origin origin) {
        record(origin, RejectedEvent.DeadLetter.COPIED, null);
    }

    void failed(InboxStore.Origin origin, Throwable failure) {
        String reason = describe(failure);
        LOG.warnf("could not copy rejected record %s-%d@%d to the dead-letter topic: %s", origin.topic(),
                origin.partition(), origin.offset(), reason);
        record(origin, RejectedEvent.DeadLetter.FAILED, reason);
    }

    /**
     * Kafka's own reason: the connector's retry wraps it (as a cause, or as suppressed attempts under
     * "retries exhausted"), which says nothing an operator can act on.
     */
    static String describe(Throwable failure) {
        Throwable reason = failure;
        while (true) {
            if (reason.getCause() != null && reason.getCause() != reason) {
                reason = reason.getCause();
            } else if (reason.getSuppressed().length > 0) {
                reason = reason.getSuppressed()[reason.getSuppressed().length - 1];
            } else {
                break;
            }
        }
        return reason.getMessage() == null ? reason.getClass().getName()
                : reason.getClass().getSimpleName() + ": " + reason.getMessage();
    }

    private void record(InboxStore.Origin origin, RejectedEvent.DeadLetter status, String error) {
        try {
            writer.execute(() -> {
                try {
                    transactions.run(c -> rejections.markDeadLetter(c, origin, status, error));
                } catch (RuntimeException e) {
                    // The row keeps PENDING: the copy's fate is unknown, the rejection itself is safe.
                    LOG.warnf("could not record the dead-letter copy of %s-%d@%d as %s: %s", origin.topic(),
                            origin.partition(), origin.offset(), status, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debugf("shutting down: dead-letter copy of %s-%d@%d not recorded as %s", origin.topic(),
                    origin.partition(), origin.offset(), status);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
