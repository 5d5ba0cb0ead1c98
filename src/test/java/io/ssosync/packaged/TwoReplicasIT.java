package io.ssosync.packaged;

import static io.ssosync.packaged.PackagedStack.assertAlive;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.testing.PackagedApp;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.RegistryPublisher;
import io.ssosync.testing.StatusEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.clerksim.RecordedRequest;
import io.ssosync.testing.clerksim.SampleCertificates;
import io.ssosync.testing.clerksim.StoredConnection;
import io.ssosync.testing.kafka.EmbeddedKafka;

/**
 * Two replicas of the packaged jar on one database, one topic and one consumer group, against a Clerk
 * at its development limit (100 requests per 10 s): every change reaches Clerk exactly once, both
 * replicas take part, and together they stay within the quota without a single 429.
 */
class TwoReplicasIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int CLERK_LIMIT = 100;
    private static final Duration CLERK_WINDOW = Duration.ofSeconds(10);
    private static final int TENANTS = 10;
    private static final int CONNECTIONS_PER_TENANT = 15;
    private static final int CONNECTIONS = TENANTS * CONNECTIONS_PER_TENANT;

    private static PackagedStack stack;
    private static ClerkSimulator clerk;

    @BeforeAll
    static void startParts() {
        stack = PackagedStack.start("two-replicas", 6, CLERK_LIMIT);
        clerk = stack.clerk();
    }

    @AfterAll
    static void stopParts() {
        stack.close();
        ClaimLog.remove();
    }

    @Test
    void twoReplicasSendEveryChangeOnceAndStayWithinClerksQuota() throws Exception {
        PackagedStack.cleanDatabase();
        ClaimLog.remove();
        Map<String, String> env = stack.environment();
        env.put("CLERK_RATE_LIMIT", String.valueOf(CLERK_LIMIT));

        Map<String, String> domainsByKey = new TreeMap<>();
        List<RegistryEvents.Event> events = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            String tenant = "t_replicas_" + t;
            for (int i = 0; i < CONNECTIONS_PER_TENANT; i++) {
                String key = "idp_replicas_" + t + "_" + i;
                String domain = "c" + i + ".t" + t + ".replicas.example.com";
                domainsByKey.put(key, domain);
                events.add(RegistryEvents.upserted(spec(tenant, key, domain)));
            }
        }

        try (RegistryPublisher publisher = stack.publisher()) {
            PackagedApp first = stack.start("two-replicas-a", env);
            PackagedApp second = stack.start("two-replicas-b", env);
            PackagedStack.awaitReady(TIMEOUT, first, second);
            // Both consumers must hold partitions before anything is published, or one replica ingests all.
            stack.awaitConsumersAssigned(TIMEOUT, first, second);
            // The schema exists now (Flyway ran at start): log every claim with its owner.
            ClaimLog.install();

            Instant started = Instant.now();
            for (RegistryEvents.Event event : events) {
                publisher.structured(event);
            }
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                assertAlive(first);
                assertAlive(second);
                return TestDatabase.count("select count(*) from connection_state where status = 'SYNCED'")
                        == CONNECTIONS;
            });
            Duration drain = Duration.between(started, Instant.now());
            System.out.printf("TwoReplicasIT: %d creates drained by two replicas in %d ms (%d requests to Clerk)%n",
                    CONNECTIONS, drain.toMillis(), clerk.requests().size());

            // Every command was done, none is left or failed.
            assertEquals(CONNECTIONS, TestDatabase.count("select count(*) from sync_command"));
            assertEquals(CONNECTIONS, TestDatabase.count("select count(*) from sync_command where status = 'DONE'"),
                    () -> String.valueOf(TestDatabase.rows("select id, connection_key, status, last_error"
                            + " from sync_command where status <> 'DONE'")));

            // Clerk received exactly one POST per connection, and holds exactly those connections. Before the
            // changes came, each replica's warm-up made its one list call.
            assertEquals(List.of("GET /v1/enterprise_connections", "GET /v1/enterprise_connections"),
                    clerk.requests().stream().filter(r -> r.time().isBefore(started))
                            .map(r -> r.method() + " " + r.path()).toList());
            List<RecordedRequest> requests = clerk.requests().stream().filter(r -> !r.time().isBefore(started))
                    .toList();
            List<RecordedRequest> posts = requests.stream()
                    .filter(r -> r.method().equals("POST") && r.path().endsWith("/enterprise_connections"))
                    .toList();
            Map<String, Long> postsByDomain = posts.stream()
                    .collect(Collectors.groupingBy(TwoReplicasIT::firstDomain, TreeMap::new, Collectors.counting()));
            assertEquals(new TreeSet<>(domainsByKey.values()), postsByDomain.keySet());
            assertEquals(Map.of(), postsByDomain.entrySet().stream().filter(e -> e.getValue() != 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "domains POSTed more than once");
            assertEquals(CONNECTIONS, posts.size());
            assertEquals(CONNECTIONS, requests.size(), "a create without syncUserAttributes is exactly one POST");
            assertTrue(posts.stream().allMatch(r -> r.status() == 200 || r.status() == 201),
                    () -> "a POST was refused: " + posts.stream().filter(r -> r.status() >= 300).toList());

            List<StoredConnection> held = clerk.connections();
            assertEquals(CONNECTIONS, held.size());
            assertEquals(new TreeSet<>(domainsByKey.values()), held.stream().flatMap(c -> c.domains().stream())
                    .collect(Collectors.toCollection(TreeSet::new)));
            Map<String, String> clerkIdByDomain = held.stream()
                    .collect(Collectors.toMap(c -> c.domains().get(0), StoredConnection::id));
            for (Map<String, Object> row : TestDatabase.rows(
                    "select connection_key, clerk_connection_id from connection_state")) {
                String key = (String) row.get("connection_key");
                assertEquals(clerkIdByDomain.get(domainsByKey.get(key)), row.get("clerk_connection_id"), key);
            }

            // Within Clerk's quota: no 429, and no rolling 10 s window holds more than the limit.
            assertEquals(0, clerk.count429());
            WindowPeak peak = peakInWindow(requests, CLERK_WINDOW);
            System.out.printf("TwoReplicasIT: busiest 10 s window held %d requests (from %s)%n", peak.count(),
                    peak.from());
            assertTrue(peak.count() <= CLERK_LIMIT, "a 10 s window held " + peak.count() + " requests from "
                    + peak.from());

            // Both replicas dispatched: each one's dispatcher claimed commands.
            String ownerA = PackagedStack.dispatcherOwner(first);
            String ownerB = PackagedStack.dispatcherOwner(second);
            Map<String, Long> claims = ClaimLog.claimsByOwner();
            System.out.printf("TwoReplicasIT: claims per replica: a=%d, b=%d (%d commands)%n",
                    claims.getOrDefault(ownerA, 0L), claims.getOrDefault(ownerB, 0L), CONNECTIONS);
            assertEquals(Set.of(ownerA, ownerB), claims.keySet(), "claims by owner: " + claims);
            assertTrue(claims.get(ownerA) > 0 && claims.get(ownerB) > 0, "claims by owner: " + claims);
            // Every command went through a claim (a quota wait past its limit may claim one again: not a resend).
            assertEquals(CONNECTIONS, TestDatabase.count("select count(distinct command_id) from it_claim_log"));
            // Both wrote history at once: the audit rows still form one unbroken chain.
            String verification = first.get("/api/audit/verify");
            assertTrue(verification.contains("\"intact\":true"), verification);
            assertFalse(verification.contains("\"checked\":0"), verification);
            // Both replicas relay status events, one at a time: each connection's synced event reaches Kafka once.
            Set<String> eventIds = new TreeSet<>();
            int received = 0;
            for (int t = 0; t < TENANTS; t++) {
                try (StatusEvents status = new StatusEvents(EmbeddedKafka.shared().bootstrapServers(),
                        SyncStack.STATUS_TOPIC, "t_replicas_" + t)) {
                    for (StatusEvents.Received event : status.awaitAllPublished()) {
                        received++;
                        eventIds.add(event.event().path("id").asText());
                        assertEquals("sso-sync.connection.synced", event.type());
                    }
                }
            }
            assertEquals(CONNECTIONS, received);
            assertEquals(CONNECTIONS, eventIds.size(), "no event published twice");

            pauseThroughOneHoldsBoth(publisher, first, second);
        } finally {
            stack.stopReplicas();
        }
    }

    /** A pause asked of one replica holds the other too, and shows in its readiness, until resumed through it. */
    private static void pauseThroughOneHoldsBoth(RegistryPublisher publisher, PackagedApp first, PackagedApp second) {
        String paused = first.post("/api/dispatch/pause?reason=two-replica-check");
        assertTrue(paused.contains("\"paused\":true"), paused);
        String readiness = second.get("/q/health/ready").replaceAll("\\s", "");
        assertTrue(readiness.contains("\"paused\":true") && readiness.contains("two-replica-check"), readiness);
        long before = clerk.requests().size();
        String key = "idp_replicas_paused";
        publisher.structured(RegistryEvents.upserted(spec("t_replicas_paused", key, "paused.replicas.example.com")));
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from sync_command"
                + " where connection_key = ?", key) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> clerk.requests().size() == before);

        String resumed = second.post("/api/dispatch/resume");
        assertTrue(resumed.contains("\"paused\":false"), resumed);
        await().atMost(TIMEOUT).until(() -> "SYNCED".equals(
                TestDatabase.value("select status from connection_state where connection_key = ?", key)));
    }

    private static ObjectNode spec(String tenant, String key, String domain) {
        ObjectNode spec = RegistryEvents.samlSpec(tenant, key, 1, domain);
        spec.put("name", "Replicas " + key);
        // Without it a create is one POST: the enterprise API takes sync_user_attributes only in an update.
        spec.remove("syncUserAttributes");
        ((ObjectNode) spec.get("saml")).put("idpCertificate", SampleCertificates.IDP_1);
        return spec;
    }

    private static String firstDomain(RecordedRequest request) {
        try {
            JsonNode body = RegistryEvents.JSON.readTree(request.requestBody());
            return body.path("domains").path(0).asText();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable POST body " + request.requestBody(), e);
        }
    }

    record WindowPeak(int count, Instant from) {
    }

    /** The largest number of requests that arrived within any window of the given length. */
    static WindowPeak peakInWindow(List<RecordedRequest> requests, Duration window) {
        List<Instant> times = requests.stream().map(RecordedRequest::time).sorted().toList();
        int best = 0;
        Instant from = null;
        int end = 0;
        for (int start = 0; start < times.size(); start++) {
            Instant limit = times.get(start).plus(window);
            while (end < times.size() && times.get(end).isBefore(limit)) {
                end++;
            }
            if (end - start > best) {
                best = end - start;
                from = times.get(start);
            }
        }
        return new WindowPeak(best, from);
    }

    /**
     * Test-only instrumentation of the service's database: a trigger writes who claimed which command
     * (the lease owner is cleared once a command is done, so the table alone cannot tell afterwards).
     */
    static final class ClaimLog {

        private ClaimLog() {
        }

        static void install() {
            TestDatabase.execute("create table if not exists it_claim_log (command_id bigint not null,"
                    + " owner text not null, at timestamptz not null default clock_timestamp())");
            TestDatabase.execute("truncate it_claim_log");
            TestDatabase.execute("create or replace function it_log_claim() returns trigger language plpgsql as $$"
                    + " begin"
                    + "   if new.attempts > old.attempts and new.lease_owner is not null then"
                    + "     insert into it_claim_log (command_id, owner) values (new.id, new.lease_owner);"
                    + "   end if;"
                    + "   return new;"
                    + " end $$");
            TestDatabase.execute("drop trigger if exists it_claim_log_trigger on sync_command");
            TestDatabase.execute("create trigger it_claim_log_trigger after update on sync_command"
                    + " for each row execute function it_log_claim()");
        }

        static Map<String, Long> claimsByOwner() {
            Map<String, Long> claims = new HashMap<>();
            for (Map<String, Object> row : TestDatabase.rows(
                    "select split_part(owner, '#', 1) as owner, count(*) as claims from it_claim_log group by 1")) {
                claims.put((String) row.get("owner"), ((Number) row.get("claims")).longValue());
            }
            return claims;
        }

        static void remove() {
            try {
                TestDatabase.execute("drop trigger if exists it_claim_log_trigger on sync_command");
            } catch (IllegalStateException noSchemaYet) {
                // sync_command does not exist before the service first migrated this database
            }
            TestDatabase.execute("drop function if exists it_log_claim()");
            TestDatabase.execute("drop table if exists it_claim_log");
        }
    }
}
