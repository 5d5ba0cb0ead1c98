package io.ssosync.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.RegistryEvents.Event;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.StoredConnection;

/**
 * Over a thousand malformed records, generated from a table of mutations, mixed with about a hundred valid
 * events of several tenants (so several partitions) and published to the real broker in one run. Each
 * malformed record must be set aside exactly once, at its own Kafka position, with a reason naming the field
 * its mutation broke, and copied once to the dead-letter topic; every valid event must land in Clerk; and the
 * consumer must still be consuming at the end. Deterministic for a seed ({@code -Dmalformed.seed=...}).
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class MalformedEventsTest extends PipelineTest {

    private static final long SEED = Long.getLong("malformed.seed", 20261125L);
    private static final int MALFORMED = 1_100;
    private static final int TENANTS = 8;
    private static final int VALID_PER_TENANT = 12;
    private static final int MAX_EVENT_BYTES = 262_144;
    private static final String DEAD_LETTER_TOPIC = "idp-registry.events.dlq";
    private static final Duration BULK_TIMEOUT = Duration.ofSeconds(90);

    enum Binding { STRUCTURED, BINARY }

    /** The valid event a mutation starts from. */
    enum Base { SAML, OIDC, DELETED, TENANT_CREATED, TENANT_DELETED, ANY }

    /** One way of breaking an event, in one binding, and what its rejection reason must start with. */
    record Mutation(String name, Binding binding, Base base, String field, Pattern expected, int limit,
            BiFunction<Event, java.util.Random, Draft> make) {

        String label() {
            return name + " [" + binding.name().toLowerCase() + "]";
        }
    }

    /** A Kafka record to publish. */
    record Draft(String key, byte[] value, Map<String, String> headers) {
    }

    /** A record of the run: what it is (a mutation, or null when valid) and where it landed. */
    record Planned(Draft draft, Mutation mutation, String eventId, String connectionKey, String domain) {
    }

    record Position(int partition, long offset) {
    }

    private final List<Mutation> table = new ArrayList<>();

    @Test
    void malformedRecordsAreSetAsideOneByOneAndValidOnesAroundThemLand() {
        long start = System.nanoTime();
        java.util.Random random = new java.util.Random(SEED);
        buildTable();
        List<String> tenants = tenantsOverAllPartitions();
        SyncStack.kafka().createTopic(DEAD_LETTER_TOPIC, SyncStack.PARTITIONS);

        // --- generate: every mutation of the table at least once, then interleave with the valid events
        List<Planned> plan = new ArrayList<>();
        Map<Mutation, Integer> uses = new HashMap<>();
        int n = 0;
        for (int i = 0; plan.size() < MALFORMED; i++) {
            Mutation mutation = table.get(i % table.size());
            if (uses.merge(mutation, 1, Integer::sum) > mutation.limit()) {
                continue;
            }
            String tenantId = tenants.get(random.nextInt(tenants.size()));
            Base base = mutation.base() == Base.ANY ? Base.values()[random.nextInt(Base.values().length - 1)]
                    : mutation.base();
            Event sample = malformedBase(base, tenantId, n++, random);
            plan.add(new Planned(mutation.make().apply(sample, random), mutation, null, null, null));
        }
        assertTrue(uses.keySet().containsAll(table), "every mutation is used");
        for (String tenantId : tenants) {
            for (int j = 0; j < VALID_PER_TENANT; j++) {
                plan.add(valid(tenantId, "ok" + j, j, random));
            }
        }
        Collections.shuffle(plan, random);

        // --- publish, remembering where each record landed
        Map<Position, Planned> published = new LinkedHashMap<>();
        for (Planned planned : plan) {
            RecordMetadata landed = publisher.raw(planned.draft().key(), planned.draft().value(),
                    planned.draft().headers());
            published.put(new Position(landed.partition(), landed.offset()), planned);
        }
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        Map<Position, Planned> malformed = new TreeMap<>(POSITION_ORDER);
        published.forEach((position, planned) -> {
            if (planned.mutation() != null) {
                malformed.put(position, planned);
            }
        });
        List<Planned> valid = published.values().stream().filter(p -> p.mutation() == null).toList();
        Set<Integer> partitions = published.keySet().stream().map(Position::partition)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(SyncStack.PARTITIONS, partitions.size(), "records spread over every partition");
        assertEquals(plan.size(), published.size(), "one position per record");

        // One valid event per tenant behind all of them: once these are recorded, every partition was consumed
        // past the rest (rejections are stored before the consumer moves on).
        List<Planned> finals = new ArrayList<>();
        for (String tenantId : tenants) {
            Planned last = valid(tenantId, "final", 0, random);
            publisher.raw(last.draft().key(), last.draft().value(), last.draft().headers());
            finals.add(last);
        }
        await("the consumer reaches the events published behind all the others").atMost(BULK_TIMEOUT)
                .until(() -> finals.stream().allMatch(last -> TestDatabase.count(
                "select count(*) from inbox_event where event_id = ?", last.eventId()) == 1));
        double consumedSeconds = (System.nanoTime() - start) / 1e9;

        // --- rejected_event: exactly one row per malformed record, at its position, naming its field
        List<Map<String, Object>> rows = TestDatabase.rows("select kafka_topic, kafka_partition, kafka_offset,"
                + " reason, raw_value from rejected_event");
        Map<Position, Map<String, Object>> rejected = new HashMap<>();
        for (Map<String, Object> row : rows) {
            rejected.put(new Position((Integer) row.get("kafka_partition"), (Long) row.get("kafka_offset")), row);
        }
        List<String> problems = new ArrayList<>();
        malformed.forEach((position, planned) -> {
            Map<String, Object> row = rejected.get(position);
            Mutation mutation = planned.mutation();
            if (row == null) {
                problems.add(mutation.label() + " at " + position + ": not rejected");
                return;
            }
            String reason = (String) row.get("reason");
            if (!mutation.expected().matcher(reason).lookingAt()) {
                problems.add(mutation.label() + " at " + position + ": reason \"" + abbreviate(reason)
                        + "\" does not start with /" + mutation.expected() + "/");
            }
            if (!SyncStack.TOPIC.equals(row.get("kafka_topic"))) {
                problems.add(mutation.label() + " at " + position + ": topic " + row.get("kafka_topic"));
            }
            if (!Arrays.equals(planned.draft().value(), (byte[]) row.get("raw_value"))) {
                problems.add(mutation.label() + " at " + position + ": raw value differs from what was published");
            }
        });
        rejected.keySet().stream().filter(position -> !malformed.containsKey(position))
                .forEach(position -> problems.add("rejected but valid: " + position + " "
                        + rejected.get(position).get("reason")));
        assertNoProblems("rejected_event", problems);
        assertEquals(malformed.size(), rows.size(), "one rejected_event row per malformed record");

        // --- every valid event landed, and nothing else
        List<Planned> allValid = new ArrayList<>(valid);
        allValid.addAll(finals);
        await().atMost(TIMEOUT).until(() -> TestDatabase.count(
                "select count(*) from connection_state where status = 'SYNCED'") >= allValid.size());
        Map<String, String> statusByKey = new HashMap<>();
        TestDatabase.rows("select connection_key, status from connection_state")
                .forEach(row -> statusByKey.put((String) row.get("connection_key"), (String) row.get("status")));
        Map<String, String> expectedStatus = allValid.stream()
                .collect(Collectors.toMap(Planned::connectionKey, p -> "SYNCED"));
        assertEquals(expectedStatus, statusByKey, "exactly the valid connections are known, all SYNCED");
        assertEquals(allValid.size(), TestDatabase.count("select count(*) from inbox_event"),
                "exactly the valid events are in the inbox");
        assertEquals(allValid.size(), TestDatabase.count("select count(*) from inbox_event where outcome = 'CHANGED'"));
        List<StoredConnection> inClerk = clerk.connections();
        assertEquals(allValid.size(), inClerk.size(), "Clerk holds one connection per valid event");
        assertEquals(allValid.stream().map(Planned::domain).collect(Collectors.toSet()),
                inClerk.stream().flatMap(c -> c.domains().stream()).collect(Collectors.toSet()),
                "Clerk holds exactly the valid connections");

        // --- the dead-letter topic: one copy per malformed record, with its reason and bytes
        List<ConsumerRecord<String, byte[]>> deadLetters = readDeadLetters();
        Map<Position, Integer> copies = new HashMap<>();
        List<String> dlqProblems = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> copy : deadLetters) {
            Position origin = new Position(Integer.parseInt(header(copy, "dead-letter-partition")),
                    Long.parseLong(header(copy, "dead-letter-offset")));
            if (!published.containsKey(origin)) {
                continue; // a dead letter of another test in this JVM
            }
            copies.merge(origin, 1, Integer::sum);
            Planned planned = malformed.get(origin);
            if (planned == null) {
                dlqProblems.add("dead letter for a record that was not malformed: " + origin);
                continue;
            }
            byte[] expectedValue = planned.draft().value() == null ? new byte[0] : planned.draft().value();
            if (!Arrays.equals(expectedValue, copy.value())) {
                dlqProblems.add(planned.mutation().label() + " at " + origin + ": dead letter value differs");
            }
            // The same reason as stored, where U+0000 (which PostgreSQL text cannot hold) is stored as U+FFFD.
            String reason = header(copy, "dead-letter-reason");
            if (!rejected.get(origin).get("reason").equals(reason == null ? null : reason.replace('\u0000', '\uFFFD'))) {
                dlqProblems.add(planned.mutation().label() + " at " + origin + ": dead-letter-reason "
                        + abbreviate(header(copy, "dead-letter-reason")));
            }
        }
        malformed.forEach((position, planned) -> {
            int count = copies.getOrDefault(position, 0);
            if (count != 1) {
                dlqProblems.add(planned.mutation().label() + " at " + position + ": " + count + " dead letters");
            }
        });
        assertNoProblems("dead-letter topic", dlqProblems);
        assertEquals(malformed.size(), copies.values().stream().mapToInt(Integer::intValue).sum(),
                "one dead letter per malformed record");

        // The consumer never stopped: an event published after all of this was checked still lands.
        Planned afterAll = valid(tenants.get(0), "afterall", 1, random);
        publisher.raw(afterAll.draft().key(), afterAll.draft().value(), afterAll.draft().headers());
        awaitStatus(afterAll.connectionKey(), "SYNCED");
        assertEquals(allValid.size() + 1, clerk.connections().size());
        assertEquals(malformed.size(), TestDatabase.count("select count(*) from rejected_event"));

        long structured = malformed.values().stream().filter(p -> p.mutation().binding() == Binding.STRUCTURED).count();
        System.out.printf("MalformedEventsTest: seed=%d mutations=%d malformed=%d (structured=%d binary=%d)"
                + " valid=%d tenants=%d partitions=%s rejected=%d dead-letters=%d; published in %.1fs, consumed in %.1fs,"
                + " all checked in %.1fs%n", SEED, table.size(), malformed.size(), structured,
                malformed.size() - structured, allValid.size() + 1, tenants.size(), partitions, rows.size(),
                copies.size(), publishSeconds, consumedSeconds, (System.nanoTime() - start) / 1e9);
    }

    // ------------------------------------------------------------------------------------------------
    // The table of mutations
    // ------------------------------------------------------------------------------------------------

    private void buildTable() {
        // The value as a whole.
        value("not JSON", "value", "is not JSON", (v, r) -> ("{not json " + r.nextInt(1000)).getBytes(UTF_8));
        value("truncated JSON", "value", "is not JSON", (v, r) -> Arrays.copyOf(v, 1 + r.nextInt(v.length - 1)));
        value("JSON followed by garbage", "value", "is not JSON", (v, r) -> concat(v, " trailing".getBytes(UTF_8)));
        value("two JSON objects in one value", "value", "is not JSON", (v, r) -> concat(v, v));
        value("not UTF-8 (Latin-1 byte in a string)", "value", "is not JSON", (v, r) -> latin1Name(v));
        value("empty value", "value", "is empty", (v, r) -> new byte[0]);
        value("tombstone (null value)", "value", "is empty", (v, r) -> null);
        valueIn(Binding.STRUCTURED, "JSON array instead of object", "value", "must be a JSON object",
                (v, r) -> concat("[".getBytes(UTF_8), v, "]".getBytes(UTF_8)));
        valueIn(Binding.BINARY, "JSON array instead of object", "data", "must be a JSON object",
                (v, r) -> concat("[".getBytes(UTF_8), v, "]".getBytes(UTF_8)));
        valueIn(Binding.STRUCTURED, "JSON string instead of object", "value", "must be a JSON object",
                (v, r) -> "\"idp.connection.upserted\"".getBytes(UTF_8));
        valueIn(Binding.BINARY, "JSON string instead of object", "data", "must be a JSON object",
                (v, r) -> "\"idp.connection.upserted\"".getBytes(UTF_8));
        valueIn(Binding.STRUCTURED, "JSON number instead of object", "value", "must be a JSON object",
                (v, r) -> String.valueOf(r.nextInt(100)).getBytes(UTF_8));
        valueIn(Binding.BINARY, "JSON number instead of object", "data", "must be a JSON object",
                (v, r) -> String.valueOf(r.nextInt(100)).getBytes(UTF_8));
        valueIn(Binding.STRUCTURED, "JSON null", "value", "is missing", (v, r) -> "null".getBytes(UTF_8));
        valueIn(Binding.BINARY, "JSON null", "data", "is missing", (v, r) -> "null".getBytes(UTF_8));
        data("over the size limit", "value", Pattern.compile(Pattern.quote("value is ") + "\\d+ bytes, more than the "
                + MAX_EVENT_BYTES + " allowed"), Base.SAML, 2,
                (d, r) -> saml(d).put("idpMetadata", "<m>" + "x".repeat(MAX_EVENT_BYTES + r.nextInt(4096)) + "</m>"));

        // The CloudEvents envelope, structured mode.
        envelope("missing id", "id", "is missing", e -> e.remove("id"));
        envelope("empty id", "id", "is missing", e -> e.put("id", ""));
        envelope("blank id", "id", "is missing", e -> e.put("id", "   "));
        envelope("numeric id", "id", "must be a string", e -> e.put("id", 42));
        envelope("object id", "id", "must be a string", e -> e.putObject("id").put("uuid", "x"));
        envelope("missing type", "type", "is missing", e -> e.remove("type"));
        envelope("empty type", "type", "is missing", e -> e.put("type", ""));
        envelope("array type", "type", "must be a string", e -> e.putArray("type").add("idp.connection.upserted"));
        envelope("missing specversion", "specversion", "is missing", e -> e.remove("specversion"));
        envelope("specversion 0.3", "specversion", "must be \"1.0\"", e -> e.put("specversion", "0.3"));
        envelope("numeric specversion", "specversion", "must be a string", e -> e.put("specversion", 1.0));
        envelope("missing source", "source", "is missing", e -> e.remove("source"));
        envelope("empty source", "source", "is missing", e -> e.put("source", ""));
        envelope("boolean source", "source", "must be a string", e -> e.put("source", true));
        envelope("numeric subject", "subject", "must be a string", e -> e.put("subject", 7));
        envelope("numeric time", "time", "must be a string", e -> e.put("time", 1764064800));
        envelope("missing data", "data", "is missing", e -> e.remove("data"));
        envelope("null data", "data", "is missing", e -> e.putNull("data"));
        envelope("data as a JSON string", "data", "must be a JSON object", e -> e.put("data", e.get("data").toString()));
        envelope("data as an array", "data", "must be a JSON object", e -> e.putArray("data").add(e.get("id")));

        // The CloudEvents attributes, binary mode.
        headers("no ce_type header", "ce_type", "is missing", h -> h.remove("ce_type"));
        headers("null ce_type header", "ce_type", "is missing", h -> h.put("ce_type", null));
        headers("no ce_id header", "ce_id", "is missing", h -> h.remove("ce_id"));
        headers("empty ce_id header", "ce_id", "is missing", h -> h.put("ce_id", ""));
        headers("no ce_source header", "ce_source", "is missing", h -> h.remove("ce_source"));
        headers("ce_specversion 0.3", "ce_specversion", "must be \"1.0\"", h -> h.put("ce_specversion", "0.3"));
        headers("empty ce_specversion", "ce_specversion", "is missing", h -> h.put("ce_specversion", ""));
        headers("no ce_specversion: the data is read as an envelope", "specversion", "is missing",
                h -> h.remove("ce_specversion"));
        headers("no ce_type, NUL character in another header", "ce_type", "is missing", h -> {
            h.remove("ce_type");
            h.put("x-trace", "abc\u0000def");
        });
        headers("no ce_type, NUL character in ce_id", "ce_id", "contains a NUL character", h -> {
            h.remove("ce_type");
            h.put("ce_id", h.get("ce_id") + "\u0000");
        });

        // The data, in both bindings.
        for (Base base : List.of(Base.SAML, Base.OIDC, Base.DELETED, Base.TENANT_CREATED, Base.TENANT_DELETED)) {
            data("missing tenantId", "data.tenantId", "is missing", base, (d, r) -> d.remove("tenantId"));
            data("over-long tenantId", "data.tenantId", "is longer than 128 characters", base,
                    (d, r) -> d.put("tenantId", "t_" + "x".repeat(127 + r.nextInt(200))));
        }
        data("empty tenantId", "data.tenantId", "is missing", Base.SAML, (d, r) -> d.put("tenantId", ""));
        data("numeric tenantId", "data.tenantId", "must be a string", Base.OIDC, (d, r) -> d.put("tenantId", 17));
        for (Base base : List.of(Base.SAML, Base.OIDC, Base.DELETED)) {
            data("missing connectionKey", "data.connectionKey", "is missing", base, (d, r) -> d.remove("connectionKey"));
        }
        data("empty connectionKey", "data.connectionKey", "is missing", Base.SAML, (d, r) -> d.put("connectionKey", ""));
        data("blank connectionKey", "data.connectionKey", "is missing", Base.DELETED,
                (d, r) -> d.put("connectionKey", "  "));
        data("over-long connectionKey", "data.connectionKey", "is longer than 128 characters", Base.OIDC,
                (d, r) -> d.put("connectionKey", "k".repeat(129 + r.nextInt(100))));
        data("array connectionKey", "data.connectionKey", "must be a string", Base.SAML,
                (d, r) -> d.putArray("connectionKey").add("idp_1"));
        for (Base base : List.of(Base.SAML, Base.OIDC, Base.DELETED, Base.TENANT_DELETED)) {
            data("missing version", "data.version", "is missing", base, (d, r) -> d.remove("version"));
            data("negative version", "data.version", "must not be negative", base,
                    (d, r) -> d.put("version", -1 - r.nextInt(1000)));
            data("fractional version", "data.version", "must be an integer", base,
                    (d, r) -> d.put("version", 1.5 + r.nextInt(10)));
            data("version as a string", "data.version", "must be an integer", base,
                    (d, r) -> d.put("version", String.valueOf(1 + r.nextInt(10))));
        }
        data("null version", "data.version", "is missing", Base.SAML, (d, r) -> d.putNull("version"));
        data("boolean version", "data.version", "must be an integer", Base.OIDC, (d, r) -> d.put("version", true));
        data("version beyond a long", "data.version", "must be an integer", Base.SAML,
                (d, r) -> d.put("version", BigInteger.TWO.pow(64 + r.nextInt(10))));
        data("missing name", "data.name", "is missing", Base.SAML, (d, r) -> d.remove("name"));
        data("empty name", "data.name", "is missing", Base.OIDC, (d, r) -> d.put("name", ""));
        data("numeric name", "data.name", "must be a string", Base.SAML, (d, r) -> d.put("name", 3));
        data("missing protocol", "data.protocol", "is missing", Base.SAML, (d, r) -> d.remove("protocol"));
        data("protocol ldap", "data.protocol", "must be \"saml\" or \"oidc\"", Base.SAML,
                (d, r) -> d.put("protocol", "ldap"));
        data("protocol in upper case", "data.protocol", "must be \"saml\" or \"oidc\"", Base.OIDC,
                (d, r) -> d.put("protocol", "OIDC"));
        data("protocol oauth2", "data.protocol", "must be \"saml\" or \"oidc\"", Base.OIDC,
                (d, r) -> d.put("protocol", "oauth2"));
        data("NUL character in protocol", "data.protocol", "contains a NUL character", Base.SAML,
                (d, r) -> d.put("protocol", "sa\u0000ml"));
        data("NUL character in name", "data.name", "contains a NUL character", Base.SAML,
                (d, r) -> d.put("name", "Acme\u0000"));
        data("oidc provider for protocol saml", "data.provider", "\"oidc_custom\" is not a saml provider", Base.SAML,
                (d, r) -> d.put("provider", "oidc_custom"));
        data("saml provider for protocol oidc", "data.provider", "\"saml_okta\" is not a oidc provider", Base.OIDC,
                (d, r) -> d.put("provider", "saml_okta"));
        data("unknown provider", "data.provider", "\"okta\" is not a saml provider", Base.SAML,
                (d, r) -> d.put("provider", "okta"));
        data("missing provider", "data.provider", "is missing", Base.OIDC, (d, r) -> d.remove("provider"));
        for (Base base : List.of(Base.SAML, Base.OIDC)) {
            data("empty domains", "data.domains", "must list at least one domain", base,
                    (d, r) -> d.putArray("domains"));
            data("upper-case domain", "data.domains[0]", "\"", base,
                    (d, r) -> domains(d).set(0, d.textNode(domains(d).get(0).asText().toUpperCase())));
            data("domain without a dot", "data.domains[0]", "\"", base,
                    (d, r) -> domains(d).set(0, d.textNode("intranet" + r.nextInt(100))));
        }
        data("missing domains", "data.domains", "must list at least one domain", Base.SAML, (d, r) -> d.remove("domains"));
        data("domains as a string", "data.domains", "must be an array", Base.OIDC,
                (d, r) -> d.put("domains", "acme.com"));
        data("numeric domain", "data.domains[0]", "must be a string", Base.SAML, (d, r) -> domains(d).set(0, 42));
        data("null domain", "data.domains[0]", "must be a string", Base.OIDC, (d, r) -> domains(d).set(0, d.nullNode()));
        data("object domain", "data.domains[0]", "must be a string", Base.SAML,
                (d, r) -> domains(d).set(0, d.objectNode().put("name", "acme.com")));
        String[] notDomains = {"acme.com.", "-acme.com", "acme..com", "http://acme.com", "acme.com/sso", "acme_co.com",
            " acme.com", "acme.c", "localhost", "xn--.com", "acme.123", "*.acme.com", "acme.com:443", "ac me.com"};
        data("not a domain name", "data.domains[0]", "\"", Base.SAML,
                (d, r) -> domains(d).set(0, d.textNode(notDomains[r.nextInt(notDomains.length)])));
        data("second domain bad", "data.domains[1]", "\"", Base.OIDC,
                (d, r) -> domains(d).add("Second.Example.com"));
        data("same domain twice", "data.domains", "lists a domain twice", Base.SAML,
                (d, r) -> domains(d).add(domains(d).get(0).asText()));
        data("saml block missing for protocol saml", "data.saml", "is missing", Base.SAML, (d, r) -> d.remove("saml"));
        data("saml block null for protocol saml", "data.saml", "is missing", Base.SAML, (d, r) -> d.putNull("saml"));
        data("saml block a string", "data.saml", "must be a JSON object", Base.SAML, (d, r) -> d.put("saml", "okta"));
        data("oidc block present for protocol saml", "data.oidc", "must be null when protocol is saml", Base.SAML,
                (d, r) -> d.putObject("oidc").put("clientId", "client-1"));
        data("saml block present for protocol oidc", "data.saml", "must be null when protocol is oidc", Base.OIDC,
                (d, r) -> d.putObject("saml").put("idpEntityId", "http://idp"));
        data("oidc block missing for protocol oidc", "data.oidc", "is missing", Base.OIDC, (d, r) -> d.remove("oidc"));
        data("active as a string", "data.active", "must be true or false", Base.SAML,
                (d, r) -> d.put("active", String.valueOf(r.nextBoolean())));
        data("active as a number", "data.active", "must be true or false", Base.OIDC, (d, r) -> d.put("active", 1));
        data("syncUserAttributes as a string", "data.syncUserAttributes", "must be true or false", Base.OIDC,
                (d, r) -> d.put("syncUserAttributes", "yes"));
        data("saml.forceAuthn as a string", "data.saml.forceAuthn", "must be true or false", Base.SAML,
                (d, r) -> saml(d).put("forceAuthn", "false"));
        data("saml.allowIdpInitiated as a string", "data.saml.allowIdpInitiated", "must be true or false", Base.SAML,
                (d, r) -> saml(d).put("allowIdpInitiated", "true"));
        data("saml.allowSubdomains as a number", "data.saml.allowSubdomains", "must be true or false", Base.SAML,
                (d, r) -> saml(d).put("allowSubdomains", 0));
        data("numeric saml.idpCertificate", "data.saml.idpCertificate", "must be a string", Base.SAML,
                (d, r) -> saml(d).put("idpCertificate", 12345));
        data("boolean saml.idpSsoUrl", "data.saml.idpSsoUrl", "must be a string", Base.SAML,
                (d, r) -> saml(d).put("idpSsoUrl", false));
        data("saml.attributeMapping a string", "data.saml.attributeMapping", "must be a JSON object", Base.SAML,
                (d, r) -> saml(d).put("attributeMapping", "email"));
        data("numeric saml.attributeMapping.emailAddress", "data.saml.attributeMapping.emailAddress",
                "must be a string", Base.SAML,
                (d, r) -> ((ObjectNode) saml(d).get("attributeMapping")).put("emailAddress", 5));
        data("oidc.requiresPkce as a string", "data.oidc.requiresPkce", "must be true or false", Base.OIDC,
                (d, r) -> oidc(d).put("requiresPkce", "true"));
        data("numeric oidc.clientSecret", "data.oidc.clientSecret", "must be a string", Base.OIDC,
                (d, r) -> oidc(d).put("clientSecret", 123456));
        data("oidc.clientId an array", "data.oidc.clientId", "must be a string", Base.OIDC,
                (d, r) -> oidc(d).putArray("clientId").add("client-123"));
        data("numeric organizationId", "data.organizationId", "must be a string", Base.SAML,
                (d, r) -> d.put("organizationId", 99));

        // tenant.created
        data("tenant.created with a connection of another tenant", "data.connections[0].tenantId",
                "must equal data.tenantId", Base.TENANT_CREATED,
                (d, r) -> connection(d, 0).put("tenantId", "t_other_" + r.nextInt(1000)));
        data("tenant.created whose second connection is of another tenant", "data.connections[1].tenantId",
                "must equal data.tenantId", Base.TENANT_CREATED, (d, r) -> {
                    ObjectNode second = connection(d, 0).deepCopy();
                    second.put("tenantId", "t_other_" + r.nextInt(1000));
                    second.put("connectionKey", second.get("connectionKey").asText() + "_2");
                    ((ArrayNode) d.get("connections")).add(second);
                });
        data("tenant.created with a connection that is not an object", "data.connections[0]", "must be a JSON object",
                Base.TENANT_CREATED, (d, r) -> ((ArrayNode) d.get("connections")).set(0, d.textNode("idp_1")));
        data("tenant.created with a connection without domains", "data.connections[0].domains",
                "must list at least one domain", Base.TENANT_CREATED, (d, r) -> connection(d, 0).remove("domains"));
        data("tenant.created with a saml connection without its block", "data.connections[0].saml", "is missing",
                Base.TENANT_CREATED, (d, r) -> connection(d, 0).remove("saml"));
        data("tenant.created with a bad version", "data.connections[0].version", "must be an integer",
                Base.TENANT_CREATED, (d, r) -> connection(d, 0).put("version", "2"));
        data("tenant.created with connections not a list", "data.connections", "must be an array",
                Base.TENANT_CREATED, (d, r) -> d.put("connections", "none"));
        data("tenant.created with a numeric name", "data.name", "must be a string", Base.TENANT_CREATED,
                (d, r) -> d.put("name", 5));
        data("tenant.created with a numeric organizationId", "data.organizationId", "must be a string",
                Base.TENANT_CREATED, (d, r) -> d.put("organizationId", 5));
    }

    /** A mutation of the data, applied in both bindings. */
    private void data(String name, String field, String detail, Base base, BiConsumer<ObjectNode, java.util.Random> mutate) {
        data(name, field, expected(field, detail), base, Integer.MAX_VALUE, mutate);
    }

    private void data(String name, String field, Pattern expected, Base base, int limit,
            BiConsumer<ObjectNode, java.util.Random> mutate) {
        for (Binding binding : Binding.values()) {
            table.add(new Mutation(name, binding, base, field, expected, limit, (event, random) -> {
                ObjectNode data = event.data().deepCopy();
                mutate.accept(data, random);
                return encode(binding, new Event(event.id(), event.type(), event.tenantId(), event.subject(), data),
                        random);
            }));
        }
    }

    /** A mutation of the structured-mode envelope. */
    private void envelope(String name, String field, String detail, Consumer<ObjectNode> mutate) {
        table.add(new Mutation(name, Binding.STRUCTURED, Base.ANY, field, expected(field, detail), Integer.MAX_VALUE,
                (event, random) -> {
                    ObjectNode envelope = event.envelope();
                    mutate.accept(envelope);
                    return new Draft(event.tenantId(), json(envelope), structuredHeaders(random));
                }));
    }

    /** A mutation of the binary-mode headers. */
    private void headers(String name, String field, String detail, Consumer<Map<String, String>> mutate) {
        table.add(new Mutation(name, Binding.BINARY, Base.ANY, field, expected(field, detail), Integer.MAX_VALUE,
                (event, random) -> {
                    Draft draft = encode(Binding.BINARY, event, random);
                    mutate.accept(draft.headers());
                    return draft;
                }));
    }

    /** A mutation of the value's bytes, in both bindings with the same expected reason. */
    private void value(String name, String field, String detail, BiFunction<byte[], java.util.Random, byte[]> mutate) {
        for (Binding binding : Binding.values()) {
            valueIn(binding, name, field, detail, mutate);
        }
    }

    private void valueIn(Binding binding, String name, String field, String detail,
            BiFunction<byte[], java.util.Random, byte[]> mutate) {
        Base base = name.startsWith("not UTF-8") ? Base.SAML : Base.ANY;
        table.add(new Mutation(name, binding, base, field, expected(field, detail), Integer.MAX_VALUE,
                (event, random) -> {
                    Draft draft = encode(binding, event, random);
                    return new Draft(draft.key(), mutate.apply(draft.value(), random), draft.headers());
                }));
    }

    private static Pattern expected(String field, String detail) {
        return Pattern.compile(Pattern.quote(field + " " + detail));
    }

    // ------------------------------------------------------------------------------------------------
    // Events and records
    // ------------------------------------------------------------------------------------------------

    /** Tenants whose keys cover every partition, so that all of the consumer's partitions get work. */
    private List<String> tenantsOverAllPartitions() {
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < TENANTS; i++) {
            String candidate = tenant + "_" + i;
            int partition = Utils.toPositive(Utils.murmur2(candidate.getBytes(UTF_8))) % SyncStack.PARTITIONS;
            List<String> of = byPartition.computeIfAbsent(partition, p -> new ArrayList<>());
            if (of.size() < (TENANTS + SyncStack.PARTITIONS - 1) / SyncStack.PARTITIONS) {
                of.add(candidate);
            }
        }
        return byPartition.values().stream().flatMap(List::stream).toList();
    }

    /** The valid event a mutation breaks; its connection key and domain are never used by a valid event. */
    private static Event malformedBase(Base base, String tenantId, int n, java.util.Random random) {
        String key = tenantId + "_bad" + n;
        String domain = "bad" + n + "-" + tenantId.replace('_', '-') + ".example.com";
        long version = 1 + random.nextInt(50);
        Event event = switch (base) {
            case SAML -> RegistryEvents.upserted(upsertType(random),
                    RegistryEvents.samlSpec(tenantId, key, version, domain));
            case OIDC -> RegistryEvents.upserted(upsertType(random),
                    RegistryEvents.oidcSpec(tenantId, key, version, domain));
            case DELETED -> RegistryEvents.deleted(tenantId, key, version);
            case TENANT_CREATED -> RegistryEvents.tenantCreated(tenantId, "org_" + n,
                    List.of(RegistryEvents.samlSpec(tenantId, key, version, domain)));
            case TENANT_DELETED -> RegistryEvents.tenantDeleted(tenantId, version);
            case ANY -> throw new IllegalArgumentException();
        };
        return new Event("ev-bad-" + n + "-" + tenantId, event.type(), tenantId, event.subject(), event.data());
    }

    /** A valid event of a new connection: upserts of either protocol in either binding, or a tenant.created. */
    private static Planned valid(String tenantId, String name, int j, java.util.Random random) {
        String key = tenantId + "_" + name;
        String domain = name + "-" + tenantId.replace('_', '-') + ".example.com";
        ObjectNode saml = RegistryEvents.samlSpec(tenantId, key, 1 + random.nextInt(5), domain);
        ObjectNode oidc = RegistryEvents.oidcSpec(tenantId, key, 1 + random.nextInt(5), domain);
        Event event = switch (j % 5) {
            case 0 -> RegistryEvents.upserted(saml);
            case 1 -> RegistryEvents.upserted("idp.connection.created", oidc);
            case 2 -> RegistryEvents.upserted("idp.connection.updated", saml);
            case 3 -> RegistryEvents.upserted(oidc);
            default -> RegistryEvents.tenantCreated(tenantId, null, List.of(saml));
        };
        event = new Event("ev-" + name + "-" + tenantId, event.type(), tenantId, event.subject(), event.data());
        Binding binding = j % 2 == 0 ? Binding.STRUCTURED : Binding.BINARY;
        return new Planned(encode(binding, event, random), null, event.id(), key, domain);
    }

    private static String upsertType(java.util.Random random) {
        return List.of("idp.connection.upserted", "idp.connection.created", "idp.connection.updated")
                .get(random.nextInt(3));
    }

    /** The record the registry would publish: structured with or without its content-type, or binary. */
    private static Draft encode(Binding binding, Event event, java.util.Random random) {
        CloudEvents.Encoded encoded = binding == Binding.BINARY ? event.cloudEvent().binary()
                : random.nextBoolean() ? event.cloudEvent().structured() : event.cloudEvent().structuredWithoutHeaders();
        return new Draft(event.tenantId(), encoded.value(), new LinkedHashMap<>(encoded.headers()));
    }

    /** The contract allows structured mode with or without the content-type header. */
    private static Map<String, String> structuredHeaders(java.util.Random random) {
        return new LinkedHashMap<>(random.nextBoolean() ? CloudEvents.event("t").structured().headers() : Map.of());
    }

    private static ObjectNode saml(ObjectNode data) {
        return (ObjectNode) data.get("saml");
    }

    private static ObjectNode oidc(ObjectNode data) {
        return (ObjectNode) data.get("oidc");
    }

    private static ArrayNode domains(ObjectNode data) {
        return (ArrayNode) data.get("domains");
    }

    private static ObjectNode connection(ObjectNode data, int index) {
        return (ObjectNode) data.get("connections").get(index);
    }

    /** The value with a Latin-1 "ü" (0xFC, invalid in UTF-8) at the start of the name. */
    private static byte[] latin1Name(byte[] value) {
        String text = new String(value, UTF_8);
        int at = text.indexOf("\"name\":\"") + "\"name\":\"".length();
        return concat(text.substring(0, at).getBytes(UTF_8), new byte[] {(byte) 0xFC},
                text.substring(at).getBytes(UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] json(Object node) {
        try {
            return RegistryEvents.JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Checking
    // ------------------------------------------------------------------------------------------------

    private static final java.util.Comparator<Position> POSITION_ORDER = java.util.Comparator
            .comparingInt(Position::partition).thenComparingLong(Position::offset);

    /** Everything on the dead-letter topic up to its current end. */
    private static List<ConsumerRecord<String, byte[]>> readDeadLetters() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SyncStack.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
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

    private static void assertNoProblems(String where, List<String> problems) {
        if (!problems.isEmpty()) {
            Map<String, Long> byKind = problems.stream().collect(Collectors.groupingBy(
                    p -> p.replaceAll(" at Position\\[.*", ""), TreeMap::new, Collectors.counting()));
            fail(where + ": " + problems.size() + " problems; by mutation " + byKind + "; first ones:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(25, problems.size()))));
        }
    }

    private static String abbreviate(String text) {
        String shown = text == null ? "null" : text.replace("\u0000", "\\u0000");
        return shown.length() > 160 ? shown.substring(0, 160) + "..." : shown;
    }
}
