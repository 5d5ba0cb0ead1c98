package io.ssosync.status;

import java.util.ArrayList;
import java.util.List;

import io.ssosync.support.jdbc.Transactions;

/**
 * Publishes committed status events in the order they were written. One relay works at a time across replicas
 * (a transaction-scoped advisory lock), events are sent one after the other and each is marked published only
 * once Kafka acknowledged it; the first one Kafka does not take ends the batch, so that nothing after it goes
 * out before it does. A relay that dies between Kafka's acknowledgement and its commit leaves the events to be
 * published again, under the same CloudEvent id: delivery is at least once.
 */
public final class StatusEventRelay {

    /** What one turn did. {@code failure} is why Kafka did not take the next event, or null. */
    public record Turn(boolean relayed, int published, Exception failure) {
    }

    private final Transactions transactions;
    private final StatusEventStore store;
    private final StatusEventSender sender;
    private final int batchSize;

    public StatusEventRelay(Transactions transactions, StatusEventStore store, StatusEventSender sender,
            int batchSize) {
        this.transactions = transactions;
        this.store = store;
        this.sender = sender;
        this.batchSize = batchSize;
    }

    /** Publishes up to one batch; {@code relayed} is false when another replica's relay had the turn. */
    public Turn relayOnce() {
        return transactions.inTransaction(c -> {
            if (!store.tryLockRelay(c)) {
                return new Turn(false, 0, null);
            }
            List<Long> published = new ArrayList<>();
            Exception failure = null;
            for (StatusEventStore.Pending event : store.unpublished(c, batchSize)) {
                try {
                    sender.send(event.tenantId(), event.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = e;
                    break;
                } catch (Exception e) {
                    failure = e;
                    break;
                }
                published.add(event.id());
            }
            store.markPublished(c, published);
            return new Turn(true, published.size(), failure);
        });
    }

    public int batchSize() {
        return batchSize;
    }
}
