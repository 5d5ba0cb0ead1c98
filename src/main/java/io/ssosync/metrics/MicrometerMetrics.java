package io.ssosync.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Micrometer side of what intake and the Clerk gateway report. Meters are looked up per call: Micrometer
 * caches them by name and tags, and every tag value is one of a few fixed names. Made at start-up, so that the
 * quota's counters show zero before the first call.
 */
@Startup
@ApplicationScoped
public class MicrometerMetrics implements IngestMetrics, ClerkMetrics {

    /** Buckets of the Clerk latency histogram: Clerk answers in tens of ms, the time-out is seconds. */
    private static final Duration[] LATENCY_BUCKETS = { Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

    private final MeterRegistry registry;
    private final Counter tokens;
    private final Counter paused;

    public MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.tokens = Counter.builder("sso.sync.quota.tokens")
                .description("Tokens of the shared Clerk quota taken by this replica").register(registry);
        this.paused = Counter.builder("sso.sync.quota.paused").baseUnit("seconds")
                .description("Pauses Clerk asked for with Retry-After on a 429 answered to this replica")
                .register(registry);
    }

    @Override
    public void recorded(String type, String outcome) {
        Counter.builder("sso.sync.events").description("Events recorded, by contract type and outcome")
                .tag("type", type).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void rejected(String reason) {
        Counter.builder("sso.sync.rejected.events").description("Events rejected, by class of reason")
                .tag("reason", reason).register(registry).increment();
    }

    @Override
    public void webhookDelivery(String result) {
        Counter.builder("sso.sync.webhook.deliveries").description("Webhook deliveries answered, by result")
                .tag("result", result).register(registry).increment();
    }

    @Override
    public void call(String operation, String outcome, Duration latency) {
        Counter.builder("sso.sync.clerk.calls").description("Tries of calls to Clerk, by operation and outcome")
                .tag("operation", operation).tag("outcome", outcome).register(registry).increment();
        if (latency != null) {
            Timer.builder("sso.sync.clerk.call").description("How long Clerk took to answer, by operation")
                    .tag("operation", operation).serviceLevelObjectives(LATENCY_BUCKETS).register(registry)
                    .record(latency);
        }
    }

    @Override
    public void tokenTaken() {
        tokens.increment();
    }

    @Override
    public void paused(Duration retryAfter) {
        paused.increment(retryAfter.toMillis() / 1000.0);
    }
}
