package io.ssosync.packaged;

import static io.ssosync.packaged.PackagedStack.assertAlive;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.testing.PackagedApp;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.RegistryPublisher;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.clerksim.RecordedRequest;
import io.ssosync.testing.clerksim.SampleCertificates;
import io.ssosync.testing.clerksim.StoredConnection;

/**
 * Two replicas of the packaged jar; the one that sends a create is frozen with SIGSTOP while Clerk holds
 * the create's answer, and stays frozen past its lease while the registry publishes version 2. The other
 * replica takes the command over, finds the create by lookup and brings Clerk to version 2. Resumed, the
 * frozen one finds its claim gone: it records nothing and sends nothing more, so Clerk keeps one
 * connection, created by one POST, at version 2.
 *
 * <p>Each replica names the simulator by another host (127.0.0.1, localhost), so the {@code Host} header
 * Clerk records tells which replica sent a request.
 */
class FencingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Short, so that the frozen replica's claim runs out soon; far above any one call or renewal. */
    private static final Duration LEASE = Duration.ofSeconds(4);
    /** Long enough to freeze the sender surely before the answer comes; shorter than the client's time-out. */
    private static final Duration ANSWER_HELD = Duration.ofSeconds(3);
    private static final String LOST_CLAIM = "was taken over by another worker while this one was on it";
    private static final String TENANT = "t_fencing";
    private static final String KEY = "idp_fencing";

    private static PackagedStack stack;
    private static ClerkSimulator clerk;

    @BeforeAll
    static void startParts() {
        stack = PackagedStack.start("fencing", 2, ClerkSimulator.DEFAULT_RATE_LIMIT);
        clerk = stack.clerk();
    }

    @AfterAll
    static void stopParts() {
        stack.close();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aReplicaFrozenMidCreatePastItsLeaseSendsNothingMoreOnceItResumes() {
        PackagedStack.cleanDatabase();
        ObjectNode v1 = spec();
        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("name", "Fencing v2");
        ((ObjectNode) v2.get("saml")).put("idpSsoUrl", "https://idp.fencing.example.com/sso/v2");

        Map<String, String> env = stack.environment();
        env.put("SSO_SYNC_DISPATCH_LEASE", LEASE.toString());
        // The frozen replica's consumer leaves the group after 6 s instead of 45 s, so version 2 is taken in
        // by the other one whichever partition it lands on.
        env.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
        env.put("KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
        Map<String, String> viaAddress = new HashMap<>(env);
        viaAddress.put("CLERK_API_URL", clerk.baseUrl());
        Map<String, String> viaName = new HashMap<>(env);
        viaName.put("CLERK_API_URL", clerk.baseUrl().replace("//127.0.0.1:", "//localhost:"));

        try (RegistryPublisher publisher = stack.publisher()) {
            PackagedApp one = stack.start("fencing-127.0.0.1", viaAddress);
            PackagedApp two = stack.start("fencing-localhost", viaName);
            PackagedStack.awaitReady(TIMEOUT, one, two);
            stack.awaitConsumersAssigned(TIMEOUT, one, two);
            Map<String, PackagedApp> byHost = Map.of("127.0.0.1:" + clerk.port(), one,
                    "localhost:" + clerk.port(), two);

            // Clerk stores the create at once and holds its answer: whichever replica sent it is mid-create.
            clerk.faults().hangAfterCommit("POST", ANSWER_HELD, 1);
            publisher.structured(RegistryEvents.upserted(v1));
            RecordedRequest post = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10))
                    .until(FencingIT::firstPost, Optional::isPresent).orElseThrow();
            String hostOfA = post.host();
            PackagedApp a = byHost.get(hostOfA);
            assertNotNull(a, "a POST from an unknown host: " + hostOfA);
            a.pause();
            Instant paused = Instant.now();
            // What A sent before it froze: its warm-up's list call at start, then the create.
            List<RecordedRequest> sentByA = requestsFrom(hostOfA);
            String hostOfB = byHost.keySet().stream().filter(host -> !host.equals(hostOfA)).findFirst().orElseThrow();
            PackagedApp b = byHost.get(hostOfB);

            // Frozen before Clerk's answer arrived: the create is marked as sent, its answer is not recorded, and
            // the command is still held by one of A's workers.
            assertEquals(List.of(Map.of("in_doubt", true, "answer_recorded", false, "status", "IN_FLIGHT",
                    "lease_owner", PackagedStack.dispatcherOwner(a))), TestDatabase.rows("select"
                    + " s.create_in_doubt_spec is not null as in_doubt, s.clerk_connection_id is not null as"
                    + " answer_recorded, c.status, split_part(c.lease_owner, '#', 1) as lease_owner from connection_state s join sync_command c"
                    + " on c.connection_key = s.connection_key where s.connection_key = ?", KEY));

            publisher.structured(RegistryEvents.upserted(v2));
            // Only B can work now; it may claim A's command once A's lease ran out.
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                assertAlive(b);
                return settledAtVersion2();
            });
            System.out.printf("FencingIT: %s sent the create and was frozen; the other replica brought Clerk to"
                    + " version 2 %d ms later (lease %d ms)%n", hostOfA,
                    Duration.between(paused, Instant.now()).toMillis(), LEASE.toMillis());
            assertAtVersion2();
            List<String> byB = requestsFrom(hostOfB).stream().filter(r -> r.time().isAfter(post.time()))
                    .map(r -> r.method() + " " + r.path()).toList();
            assertTrue(byB.contains("GET /v1/enterprise_connections") && byB.stream().anyMatch(r -> r.startsWith(
                    "PATCH ")) && byB.stream().noneMatch(r -> r.startsWith("POST ")),
                    "B looks the create up and updates what it found: " + byB);
            assertEquals(1, TestDatabase.count("select count(*) from sync_history where connection_key = ?"
                    + " and outcome = 'ADOPTED'", KEY));
            String recordedByB = recorded();

            // Its log file is appended to across runs: only what it prints from here on counts.
            int printedBefore = a.output().length();
            a.resume();
            // A's worker finds out at its next write or call; whatever it does instead must show.
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    assertAlive(a);
                    return a.output().substring(printedBefore).contains(LOST_CLAIM)
                            || requestsFrom(hostOfA).size() > sentByA.size() || !recorded().equals(recordedByB);
                });
            } catch (ConditionTimeoutException silent) {
                throw new AssertionError("the resumed replica never reported that it lost its claim:\n"
                        + a.output(), silent);
            }
            PackagedStack.awaitReady(TIMEOUT, a);

            assertEquals(sentByA, requestsFrom(hostOfA), "the resumed replica sent more to Clerk");
            assertEquals(post, sentByA.get(sentByA.size() - 1));
            assertEquals(1, clerk.requestCount("POST", "/enterprise_connections"));
            assertEquals(List.of(), clerk.requests().stream()
                    .filter(r -> !r.host().equals(hostOfA) && !r.host().equals(hostOfB)).toList());
            assertAtVersion2();
            // Nor did it write: not the answer of its create, not its command's end, not what Clerk holds.
            assertEquals(recordedByB, recorded(), "the resumed replica wrote to the outbox, history or state");
            assertTrue(settledAtVersion2(), FencingIT::recorded);
        } finally {
            stack.stopReplicas();
        }
    }

    private static ObjectNode spec() {
        ObjectNode spec = RegistryEvents.samlSpec(TENANT, KEY, 1, "fencing.example.com");
        spec.put("name", "Fencing v1");
        ObjectNode saml = (ObjectNode) spec.get("saml");
        saml.put("idpCertificate", SampleCertificates.IDP_1);
        saml.put("idpSsoUrl", "https://idp.fencing.example.com/sso/v1");
        return spec;
    }

    private static Optional<RecordedRequest> firstPost() {
        return clerk.requests().stream().filter(r -> r.method().equals("POST")).findFirst();
    }

    private static List<RecordedRequest> requestsFrom(String host) {
        return clerk.requests().stream().filter(r -> host.equals(r.host())).toList();
    }

    /**
     * The service's view: Clerk's connection (by id) holds version 2 as the service recorded it applied, the
     * connection is SYNCED, and no command is left to send.
     */
    private static boolean settledAtVersion2() {
        List<Map<String, Object>> rows = TestDatabase.rows("select status, desired_version, applied_version,"
                + " clerk_connection_id, create_in_doubt_spec is null as settled, applied_spec->>'name' as name,"
                + " applied_spec->'saml'->>'idpSsoUrl' as sso_url from connection_state where connection_key = ?", KEY);
        List<StoredConnection> held = clerk.connections();
        if (rows.size() != 1 || held.size() != 1) {
            return false;
        }
        Map<String, Object> row = rows.get(0);
        return "SYNCED".equals(row.get("status")) && Long.valueOf(2).equals(asLong(row.get("desired_version")))
                && Long.valueOf(2).equals(asLong(row.get("applied_version")))
                && held.get(0).id().equals(row.get("clerk_connection_id")) && Boolean.TRUE.equals(row.get("settled"))
                && "Fencing v2".equals(row.get("name"))
                && "https://idp.fencing.example.com/sso/v2".equals(row.get("sso_url"))
                && TestDatabase.count("select count(*) from sync_command where status not in ('DONE', 'SUPERSEDED')"
                        + " and connection_key = ?", KEY) == 0;
    }

    /** What the outbox, the history and the state of the connection hold, as one text to compare. */
    private static String recorded() {
        return (String) TestDatabase.value("select json_build_object("
                + "'commands', (select json_agg(c order by c.id) from (select id, version, status, attempts,"
                + " claim_token, lease_owner, lease_until, last_error, updated_at from sync_command"
                + " where connection_key = ?) c),"
                + "'history', (select json_agg(h order by h.id) from (select id, command_id, method, http_status,"
                + " outcome from sync_history where connection_key = ?) h),"
                // The applied spec by its name, URL and digest: a failure message need not print a certificate.
                + "'state', (select row_to_json(s) from (select status, clerk_connection_id, clerk_provider,"
                + " applied_version, applied_spec->>'name' as applied_name, applied_spec->'saml'->>'idpSsoUrl' as"
                + " applied_sso_url, md5(applied_spec::text) as applied_spec_md5, create_in_doubt_spec is not null"
                + " as create_in_doubt, last_error from connection_state where connection_key = ?) s))::text",
                KEY, KEY, KEY);
    }

    /** Clerk holds one connection, with version 2's settings. */
    private static void assertAtVersion2() {
        List<StoredConnection> held = clerk.connections();
        assertEquals(1, held.size(), String.valueOf(held));
        ObjectNode stored = held.get(0).stored();
        assertEquals("Fencing v2", held.get(0).name());
        assertEquals("https://idp.fencing.example.com/sso/v2", stored.path("saml").path("idp_sso_url").asText());
        assertEquals(List.of("fencing.example.com"), held.get(0).domains());
        assertTrue(stored.path("sync_user_attributes").asBoolean(), String.valueOf(stored));
    }

    private static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
