package io.ssosync.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;

import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.kafka.EmbeddedKafka;

/**
 * The real parts every figure runs on: the embedded Kafka broker, the machine's PostgreSQL (database
 * {@code ssosync_bench} unless {@code -Dtest.db.name} says otherwise), a Clerk simulator per figure, and the
 * packaged service started as a user would, with the documented environment variables only.
 */
final class BenchStack {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final EmbeddedKafka kafka = EmbeddedKafka.shared();

    /** Migrated (as the service would) and emptied, so that a figure may write to it before the service starts. */
    static void freshDatabase() {
        TestDatabase.createIfMissing();
        Flyway.configure().dataSource(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD)
                .locations("classpath:db/migration").load().migrate();
        TestDatabase.clean();
    }

    /** Calls to Clerk wait, as an operator's pause makes them, so that a figure measures intake alone. */
    static void pauseDispatch() {
        TestDatabase.execute("update dispatch_control set paused = true, changed_by = 'bench',"
                + " reason = 'intake measured alone', changed_at = now()");
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A topic of its own for one run: nothing left over from another. */
    String freshTopic(String figure, int partitions) {
        String topic = "bench-" + figure + "-" + UUID.randomUUID();
        kafka.createTopic(topic, partitions);
        return topic;
    }

    /** README "Configuration", pointed at these parts; a fresh consumer group, so that the topic is read whole. */
    Map<String, String> environment(String topic, ClerkSimulator clerk, int clerkRateLimit) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("IDP_EVENTS_TOPIC", topic);
        env.put("KAFKA_CONSUMER_GROUP", "sso-sync-" + topic);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", TestDatabase.URL);
        env.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
        env.put("CLERK_API_URL", clerk.baseUrl());
        env.put("CLERK_SECRET_KEY", clerk.secretKey());
        env.put("CLERK_RATE_LIMIT", String.valueOf(clerkRateLimit));
        return env;
    }

    /** Waits until the group has these many members and each holds partitions: before that, one may take all. */
    void awaitConsumers(String topic, int members) {
        String group = "sso-sync-" + topic;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            await("the consumer group " + group + " to have " + members + " assigned members", READY_TIMEOUT, () -> {
                try {
                    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                            .describedGroups().get(group).get(10, TimeUnit.SECONDS);
                    return description.members().size() == members && description.members().stream()
                            .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    /** Polls every 50 ms; every stage of the bench is bounded, so that a stuck run ends by itself. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, Duration.ofMillis(50), condition);
    }

    /** The same at another pace, for a condition whose check costs what a figure measures. */
    static void await(String what, Duration timeout, Duration pollInterval, BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(pollInterval).until(condition::getAsBoolean);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
