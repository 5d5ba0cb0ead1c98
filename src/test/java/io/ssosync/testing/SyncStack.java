package io.ssosync.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.kafka.EmbeddedKafka;

/**
 * The real parts every Quarkus test runs against: an embedded KRaft Kafka broker, the machine's
 * PostgreSQL and the Clerk simulator over HTTP. Started once per JVM and shared by all test classes.
 */
public class SyncStack implements QuarkusTestResourceLifecycleManager {

    public static final String TOPIC = "idp-registry.events";
    public static final int PARTITIONS = 3;
    /** Where status events go (SYNC_STATUS_TOPIC's default). */
    public static final String STATUS_TOPIC = "idp-registry.sync-status";
    /** Generous: the shared quota limiter is tested on its own; here the simulator's limit must not interfere. */
    private static final int SIMULATOR_RATE_LIMIT = 100_000;

    private static ClerkSimulator simulator;

    public static synchronized ClerkSimulator simulator() {
        if (simulator == null) {
            simulator = ClerkSimulator.builder().rateLimit(SIMULATOR_RATE_LIMIT).start();
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        }
        return simulator;
    }

    public static EmbeddedKafka kafka() {
        return EmbeddedKafka.shared();
    }

    public static RegistryPublisher publisher() {
        return new RegistryPublisher(kafka().bootstrapServers(), TOPIC);
    }

    @Override
    public Map<String, String> start() {
        TestDatabase.createIfMissing();
        kafka().createTopic(TOPIC, PARTITIONS);
        kafka().createTopic(STATUS_TOPIC, PARTITIONS);
        return Map.of(
                "kafka.bootstrap.servers", kafka().bootstrapServers(),
                "sso-sync.clerk.api-url", simulator().baseUrl(),
                "sso-sync.clerk.secret-key", simulator().secretKey(),
                "quarkus.datasource.jdbc.url", TestDatabase.URL,
                "quarkus.datasource.username", TestDatabase.USER,
                "quarkus.datasource.password", TestDatabase.PASSWORD);
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; closed by shutdown hooks.
    }
}
