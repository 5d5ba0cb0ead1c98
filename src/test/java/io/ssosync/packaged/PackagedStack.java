package io.ssosync.packaged;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

import io.ssosync.testing.PackagedApp;
import io.ssosync.testing.RegistryPublisher;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.kafka.EmbeddedKafka;

/**
 * What a test of the packaged jar runs against, and the replicas it starts: the shared embedded Kafka
 * with a topic of its own, one Clerk simulator, the test database, and any number of
 * {@link PackagedApp} processes configured by the documented environment. Closing it stops the replicas
 * still running and the simulator.
 */
final class PackagedStack implements AutoCloseable {

    private static final Pattern DISPATCHER_OWNER = Pattern.compile("dispatcher (\\S+) started with");

    private final EmbeddedKafka kafka;
    private final ClerkSimulator clerk;
    private final String topic;
    private final String group;
    private final List<PackagedApp> replicas = new ArrayList<>();

    private PackagedStack(EmbeddedKafka kafka, ClerkSimulator clerk, String topic, String group) {
        this.kafka = kafka;
        this.clerk = clerk;
        this.topic = topic;
        this.group = group;
    }

    /**
     * @param name           names the topic ({@code it-NAME-UUID}) and the consumer group ({@code sso-sync-NAME-UUID})
     * @param clerkRateLimit the simulator's requests per 10 s (Clerk's development limit is 100)
     */
    static PackagedStack start(String name, int partitions, int clerkRateLimit) {
        TestDatabase.createIfMissing();
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        String topic = "it-" + name + "-" + UUID.randomUUID();
        kafka.createTopic(topic, partitions);
        ClerkSimulator clerk = ClerkSimulator.builder().rateLimit(clerkRateLimit).start();
        return new PackagedStack(kafka, clerk, topic, "sso-sync-" + name + "-" + UUID.randomUUID());
    }

    ClerkSimulator clerk() {
        return clerk;
    }

    /** The documented environment pointed at these parts, in this stack's consumer group; a fresh, mutable map. */
    Map<String, String> environment() {
        Map<String, String> env = PackagedAppEnvironment.of(kafka, topic, clerk);
        env.put("KAFKA_CONSUMER_GROUP", group);
        return env;
    }

    RegistryPublisher publisher() {
        return new RegistryPublisher(kafka.bootstrapServers(), topic);
    }

    /** Empties the tables; a database the service never migrated has none yet, and nothing to empty. */
    static void cleanDatabase() {
        if (TestDatabase.value("select to_regclass('public.sync_command')::text") != null) {
            TestDatabase.clean();
        }
    }

    /** Starts a replica; its output goes to {@code target/packaged-app/NAME.log}. */
    PackagedApp start(String name, Map<String, String> env) {
        PackagedApp replica = PackagedApp.start(name, env);
        replicas.add(replica);
        return replica;
    }

    static void awaitReady(Duration within, PackagedApp... apps) {
        for (PackagedApp app : apps) {
            await().atMost(within).until(() -> {
                assertAlive(app);
                return app.isReady();
            });
        }
    }

    /**
     * Waits until the consumer group has exactly these replicas' consumers and each holds partitions:
     * published before that, events may all go to the one that joined first.
     */
    void awaitConsumersAssigned(Duration within, PackagedApp... apps) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (PackagedApp app : apps) {
                    assertAlive(app);
                }
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                        .describedGroups().get(group).get(10, TimeUnit.SECONDS);
                return description.members().size() == apps.length && description.members().stream()
                        .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    static void assertAlive(PackagedApp app) {
        if (!app.isAlive()) {
            throw new AssertionError("the service stopped by itself:\n" + app.output());
        }
    }

    /** The replica's lease owner, from its dispatcher's start line; the last one, as a log file is appended to. */
    static String dispatcherOwner(PackagedApp app) {
        Matcher matcher = DISPATCHER_OWNER.matcher(app.output());
        String owner = null;
        while (matcher.find()) {
            owner = matcher.group(1);
        }
        if (owner == null) {
            throw new AssertionError("no dispatcher start line in the output:\n" + app.output());
        }
        return owner;
    }

    /** SIGKILL to every replica still running. */
    void killReplicas() {
        for (PackagedApp replica : replicas) {
            if (replica.isAlive()) {
                replica.kill();
            }
        }
    }

    /** SIGTERM to every replica still running (resumed first if paused). */
    void stopReplicas() {
        for (PackagedApp replica : replicas) {
            if (replica.isAlive()) {
                replica.close();
            }
        }
    }

    @Override
    public void close() {
        stopReplicas();
        clerk.close();
    }
}
