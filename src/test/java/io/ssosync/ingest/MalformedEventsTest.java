package io.ssosync.ingest;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.TestKeys;
import io.ssosync.testing.ConnectionSpecs;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.SampleCertificates;
import io.ssosync.testing.clerksim.StoredConnection;

/**
 * Bad records among good ones, on every partition of the real broker: each bad record is set aside once, at its
 * own Kafka position, with its reason, its raw bytes kept (secrets and all, for replay) while what the operator's
 * API shows hides the secrets, and copied once to the dead-letter topic; the good events before, between and
 * behind them land in Clerk, and the consumer keeps consuming. Which reason each kind of breakage gets is
 * {@link MalformedEventParsingTest}'s business; this test proves the pipeline around it.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class MalformedEventsTest extends PipelineTest {

    private static final String DEAD_LETTER_TOPIC = "idp-registry.events.dlq";
    private static final int MAX_EVENT_BYTES = 262_144;
    private static final String CERTIFICATE_LINE = SampleCertificates.IDP_1.split("\n")[1];

    /** A record to publish; a bad one with the start of its reason, a good one with the connection it makes. */
    record Planned(String name, String key, CloudEvents.Encoded record, Pattern reason, String eventId,
            String connectionKey, String domain) {

        boolean bad() {
            return reason != null;
        }
    }

    record Position(int partition, long offset) {
    }

    /** The kinds of bad record, each for a tenant: a few of each layer (value, envelope, headers, data, size). */
    private final Map<String, Function<String, Planned>> badKinds = new LinkedHashMap<>();

    @Test
    void badRecordsAreSetAsideKeptAndDeadLetteredWhileTheGoodOnesAroundThemLand() {
        SyncStack.kafka().createTopic(DEAD_LETTER_TOPIC, SyncStack.PARTITIONS);
        defineBadKinds();
        List<String> tenants = oneTenantPerPartition();

        // Per tenant, in order: a good event, every bad kind with a good event between two of them, a good event.
        List<Planned> plan = new ArrayList<>();
        for (String tenantId : tenants) {
            plan.add(good(tenantId, "before", true));
            int n = 0;
            for (Function<String, Planned> kind : badKinds.values()) {
                plan.add(kind.apply(tenantId));
                if (n++ == badKinds.size() / 2) {
                    plan.add(good(tenantId, "between", false));
                }
            }
            plan.add(good(tenantId, "behind", true));
        }
        Map<Position, Planned> published = new LinkedHashMap<>();
        for (Planned planned : plan) {
            RecordMetadata landed = publisher.publish(planned.key(), planned.record());
            published.put(new Position(landed.partition(), landed.offset()), planned);
        }
        assertEquals(plan.size(), published.size(), "one position per record");
        assertEquals(SyncStack.PARTITIONS, published.keySet().stream().map(Position::partition).distinct().count(),
                "records spread over every partition");
        Map<Position, Planned> bad = new TreeMap<>(POSITION_ORDER);
        published.forEach((position, planned) -> {
            if (planned.bad()) {
                bad.put(position, planned);
            }
        });
        List<Planned> good = plan.stream().filter(p -> !p.bad()).toList();

        // Rejections are stored before the consumer moves on: once the last good events are in, all bad ones are.
        await("the events behind the bad ones are taken in").atMost(TIMEOUT).until(() -> good.stream()
                .allMatch(p -> TestDatabase.count("select count(*) from inbox_event where event_id = ?",
                        p.eventId()) == 1));

        // --- rejected_event: one row per bad record, at its position, with its reason and raw bytes
        Map<Position, Map<String, Object>> rejected = new HashMap<>();
        TestDatabase.rows("select id, kafka_topic, kafka_partition, kafka_offset, reason, raw_value,"
                + " dead_letter_status from rejected_event").forEach(row -> rejected.put(
                        new Position((Integer) row.get("kafka_partition"), (Long) row.get("kafka_offset")), row));
        assertEquals(bad.keySet(), rejected.keySet(), "exactly the bad records are rejected, each at its position");
        bad.forEach((position, planned) -> {
            Map<String, Object> row = rejected.get(position);
            String reason = (String) row.get("reason");
            String label = planned.name() + " at " + position;
            assertTrue(planned.reason().matcher(reason).lookingAt(), label + ": reason " + reason);
            assertEquals(SyncStack.TOPIC, row.get("kafka_topic"), label);
            assertArrayEquals(planned.record().value(), TestKeys.openRawValue(row.get("raw_value")),
                    label + ": raw value kept");
            // What an operator sees of it hides the secrets the raw bytes hold.
            String shown = given().get("/api/rejected-events/" + row.get("id")).then().statusCode(200)
                    .extract().asString();
            for (String secret : List.of(ConnectionSpecs.OIDC_CLIENT_SECRET, CERTIFICATE_LINE)) {
                assertFalse(reason.contains(secret), label + ": the reason quotes a secret");
                assertFalse(shown.contains(secret), label + ": the API shows a secret: " + shown);
            }
        });
        assertTrue(bad.values().stream().anyMatch(p -> new String(p.record().value() == null ? new byte[0]
                : p.record().value(), UTF_8).contains(ConnectionSpecs.OIDC_CLIENT_SECRET)),
                "some bad records carry a secret, so hiding it is tested");

        // --- every good event landed, and nothing else
        await().atMost(TIMEOUT).until(() -> TestDatabase.count(
                "select count(*) from connection_state where status = 'SYNCED'") >= good.size());
        Map<String, String> statusByKey = new HashMap<>();
        TestDatabase.rows("select connection_key, status from connection_state")
                .forEach(row -> statusByKey.put((String) row.get("connection_key"), (String) row.get("status")));
        assertEquals(good.stream().collect(Collectors.toMap(Planned::connectionKey, p -> "SYNCED")), statusByKey,
                "exactly the good connections are known, all SYNCED");
        assertEquals(good.size(), TestDatabase.count("select count(*) from inbox_event where outcome = 'CHANGED'"));
        assertEquals(good.size(), TestDatabase.count("select count(*) from inbox_event"),
                "exactly the good events are in the inbox");
        List<StoredConnection> inClerk = clerk.connections();
        assertEquals(good.size(), inClerk.size(), "Clerk holds one connection per good event");
        assertEquals(good.stream().map(Planned::domain).collect(Collectors.toSet()),
                inClerk.stream().flatMap(c -> c.domains().stream()).collect(Collectors.toSet()));

        // --- the dead-letter topic: one copy per bad record, with its bytes and the reason as stored
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from rejected_event"
                + " where dead_letter_status = 'COPIED'") == bad.size());
        Map<Position, Integer> copies = new HashMap<>();
        for (ConsumerRecord<String, byte[]> copy : readDeadLetters()) {
            Position origin = new Position(Integer.parseInt(header(copy, "dead-letter-partition")),
                    Long.parseLong(header(copy, "dead-letter-offset")));
            if (!published.containsKey(origin)) {
                continue; // a dead letter of another test in this JVM
            }
            copies.merge(origin, 1, Integer::sum);
            Planned planned = bad.get(origin);
            assertNotNull(planned, "a dead letter for a good record at " + origin);
            byte[] value = planned.record().value() == null ? new byte[0] : planned.record().value();
            assertArrayEquals(value, copy.value(), planned.name() + ": dead letter value");
            // The same reason as stored, where U+0000 (which PostgreSQL text cannot hold) is stored as U+FFFD.
            String reason = header(copy, "dead-letter-reason");
            assertEquals(rejected.get(origin).get("reason"), reason == null ? null : reason.replace('\u0000', '\uFFFD'),
                    planned.name() + ": dead-letter-reason");
        }
        assertEquals(bad.keySet().stream().collect(Collectors.toMap(p -> p, p -> 1)), copies,
                "one dead letter per bad record");

        // The consumer never stopped: an event published after all this was checked still lands.
        Planned afterAll = good(tenants.get(0), "afterall", true);
        publisher.publish(afterAll.key(), afterAll.record());
        awaitStatus(afterAll.connectionKey(), "SYNCED");
        assertEquals(good.size() + 1, clerk.connections().size());
        assertEquals(bad.size(), TestDatabase.count("select count(*) from rejected_event"));
    }

    private void defineBadKinds() {
        badKinds.put("not JSON: cut short after the client secret", tenantId -> {
            byte[] whole = oidc(tenantId, "cut").cloudEvent().structuredValue();
            String text = new String(whole, UTF_8);
            int end = text.indexOf(ConnectionSpecs.OIDC_CLIENT_SECRET) + ConnectionSpecs.OIDC_CLIENT_SECRET.length();
            return bad("cut", tenantId, new CloudEvents.Encoded(Map.of(), Arrays.copyOf(whole, end)),
                    "value is not JSON");
        });
        badKinds.put("binary OIDC without ce_type", tenantId -> {
            CloudEvents.Encoded record = oidc(tenantId, "notype").cloudEvent().binary();
            Map<String, String> headers = new LinkedHashMap<>(record.headers());
            headers.remove("ce_type");
            return bad("no ce_type", tenantId, new CloudEvents.Encoded(headers, record.value()), "ce_type is missing");
        });
        badKinds.put("structured SAML with an upper-case domain", tenantId -> bad("upper-case domain", tenantId,
                RegistryEvents.upserted(ConnectionSpecs.saml(tenantId, tenantId + "_upper").domains("Acme.COM")
                        .build()).cloudEvent().structured(), "data.domains[0] \"Acme.COM\""));
        badKinds.put("binary OIDC carrying a saml block", tenantId -> {
            ObjectNode spec = ConnectionSpecs.oidc(tenantId, tenantId + "_both").build();
            spec.putObject("saml").put("idpCertificate", SampleCertificates.IDP_1);
            return bad("both blocks", tenantId, RegistryEvents.upserted(spec).cloudEvent().binary(),
                    "data.saml must be null when protocol is oidc");
        });
        badKinds.put("tombstone", tenantId -> bad("tombstone", tenantId, new CloudEvents.Encoded(Map.of(), null),
                "value is empty"));
        badKinds.put("over the size limit", tenantId -> {
            ObjectNode spec = ConnectionSpecs.saml(tenantId, tenantId + "_huge").build();
            ((ObjectNode) spec.get("saml")).put("idpMetadata", "<m>" + "x".repeat(MAX_EVENT_BYTES) + "</m>");
            return bad("over the size limit", tenantId, RegistryEvents.upserted(spec).cloudEvent().binary(),
                    Pattern.compile("value is \\d+ bytes, more than the " + MAX_EVENT_BYTES + " allowed"));
        });
        badKinds.put("no ce_type, NUL character in another header", tenantId -> {
            CloudEvents.Encoded record = RegistryEvents.deleted(tenantId, tenantId + "_nul", 3).cloudEvent().binary();
            Map<String, String> headers = new LinkedHashMap<>(record.headers());
            headers.remove("ce_type");
            headers.put("x-trace", "abc\u0000def");
            return bad("NUL in a header", tenantId, new CloudEvents.Encoded(headers, record.value()),
                    "ce_type is missing");
        });
    }

    private static RegistryEvents.Event oidc(String tenantId, String name) {
        return RegistryEvents.upserted(ConnectionSpecs.oidc(tenantId, tenantId + "_" + name).build());
    }

    /** A bad record whose reason starts with that text. */
    private static Planned bad(String name, String tenantId, CloudEvents.Encoded record, String reason) {
        return bad(name, tenantId, record, Pattern.compile(Pattern.quote(reason)));
    }

    private static Planned bad(String name, String tenantId, CloudEvents.Encoded record, Pattern reason) {
        return new Planned(name, tenantId, record, reason, null, null, null);
    }

    /** A good event of a new connection: a SAML upsert in structured mode, or a tenant.created with OIDC, binary. */
    private static Planned good(String tenantId, String name, boolean saml) {
        String key = tenantId + "_" + name;
        String domain = name + "-" + tenantId.replace('_', '-') + ".example.com";
        RegistryEvents.Event event = saml
                ? RegistryEvents.upserted(ConnectionSpecs.saml(tenantId, key).domains(domain).build())
                : RegistryEvents.tenantCreated(tenantId, null,
                        List.of(ConnectionSpecs.oidc(tenantId, key).domains(domain).build()));
        CloudEvents.Encoded record = saml ? event.cloudEvent().structured() : event.cloudEvent().binary();
        return new Planned(name, tenantId, record, null, event.id(), key, domain);
    }

    /** Tenants whose keys land on different partitions, so that every partition has bad and good records. */
    private List<String> oneTenantPerPartition() {
        Map<Integer, String> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.size() < SyncStack.PARTITIONS; i++) {
            String candidate = tenant + "_" + i;
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(candidate.getBytes(UTF_8))) % SyncStack.PARTITIONS,
                    candidate);
        }
        return List.copyOf(byPartition.values());
    }

    private static final java.util.Comparator<Position> POSITION_ORDER = java.util.Comparator
            .comparingInt(Position::partition).thenComparingLong(Position::offset);

    /** Everything on the dead-letter topic up to its current end that came from the registry topic. */
    private static List<ConsumerRecord<String, byte[]>> readDeadLetters() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SyncStack.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTER_TOPIC).stream()
                    .map(info -> new TopicPartition(DEAD_LETTER_TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().pollInSameThread().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (SyncStack.TOPIC.equals(header(record, "dead-letter-topic"))) {
                        records.add(record);
                    }
                });
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }
}
