package io.ssosync.metrics;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ssosync.config.SsoSyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gauges of the shared state: the outbox, the dispatch pause, the last reconcile's drift, the consumer group's lag
 * and the Clerk breaker.
 * A scrape reads what the last refresh found ({@code SSO_SYNC_METRICS_REFRESH_INTERVAL}), never the database or Kafka:
 * many scrapers and many gauges cost one small read per interval. Every replica reports the same shared outbox;
 * while the database cannot be read the gauges show NaN rather than stale numbers.
 */
@ApplicationScoped
public class StateGauges {

    private static final Logger LOG = Logger.getLogger(StateGauges.class);

    private final MeterRegistry registry;
    private final OutboxSnapshotQuery query;
    private final BreakerState breaker;
    private final ConsumerLagQuery lag;
    private final SsoSyncConfig.Metrics settings;
    private final AtomicReference<OutboxSnapshot> last = new AtomicReference<>();
    private final AtomicReference<Double> lastLag = new AtomicReference<>(Double.NaN);
    private ScheduledExecutorService timer;

    public StateGauges(MeterRegistry registry, OutboxSnapshotQuery query, BreakerState breaker, ConsumerLagQuery lag,
            SsoSyncConfig config) {
        this.registry = registry;
        this.query = query;
        this.breaker = breaker;
        this.lag = lag;
        this.settings = config.metrics();
    }

    void start(@Observes StartupEvent event) {
        for (String status : OutboxSnapshot.COUNTED_STATUSES) {
            gauge("sso.sync.outbox.commands", "Commands in the shared outbox by status (DONE and SUPERSEDED"
                    + " are not counted)", s -> s.commandsByStatus().get(status)).tag("status", status).register(registry);
        }
        gauge("sso.sync.outbox.oldest.pending", "Age of the oldest PENDING or IN_FLIGHT command; 0 when none",
                OutboxSnapshot::oldestPendingSeconds).baseUnit("seconds").register(registry);
        gauge("sso.sync.status.events.unpublished", "Status events written but not yet relayed to Kafka",
                OutboxSnapshot::unpublishedStatusEvents).register(registry);
        gauge("sso.sync.dispatch.paused", "1 while an operator has paused dispatch",
                s -> s.dispatchPaused() ? 1 : 0).register(registry);
        drift("missing", OutboxSnapshot.Drift::missing);
        drift("drifted", OutboxSnapshot.Drift::drifted);
        drift("orphans", OutboxSnapshot.Drift::orphans);
        Gauge.builder("sso.sync.clerk.breaker.open", breaker, b -> b.open() ? 1 : 0)
                .description("1 while the circuit breaker in front of Clerk is open").register(registry);
        Gauge.builder("sso.sync.consumer.lag", lastLag, AtomicReference::get).tag("topic", lag.topic())
                .description("Records of the registry topic the consumer group has not committed").register(registry);
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sso-sync-metrics");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::refresh, 0, settings.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void refresh() {
        try {
            last.set(query.read());
        } catch (RuntimeException e) {
            if (last.getAndSet(null) != null) {
                LOG.warnf("metrics of the shared state are NaN until the database can be read: %s", e.getMessage());
            }
        }
        try {
            lastLag.set((double) lag.read());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!lastLag.getAndSet(Double.NaN).isNaN()) {
                LOG.warnf("the consumer lag is NaN until Kafka answers: %s", e.getMessage());
            }
        }
    }

    private void drift(String kind, ToDoubleFunction<OutboxSnapshot.Drift> value) {
        gauge("sso.sync.reconcile.drift", "What the newest reconcile run found; NaN before the first",
                s -> s.drift() == null ? Double.NaN : value.applyAsDouble(s.drift())).tag("kind", kind)
                .register(registry);
    }

    private Gauge.Builder<AtomicReference<OutboxSnapshot>> gauge(String name, String description,
            ToDoubleFunction<OutboxSnapshot> value) {
        return Gauge.builder(name, last, ref -> {
            OutboxSnapshot snapshot = ref.get();
            return snapshot == null ? Double.NaN : value.applyAsDouble(snapshot);
        }).description(description);
    }
}
