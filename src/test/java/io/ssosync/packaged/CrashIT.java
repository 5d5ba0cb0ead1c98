package io.ssosync.packaged;

import static io.ssosync.packaged.PackagedStack.assertAlive;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

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
import io.ssosync.testing.clerksim.FaultSpec;
import io.ssosync.testing.clerksim.RecordedRequest;
import io.ssosync.testing.clerksim.SampleCertificates;
import io.ssosync.testing.clerksim.StoredConnection;

/**
 * The packaged jar killed with SIGKILL at random moments while about 200 changes drain, and started
 * again each time. Some kills land while a create hangs in Clerk after Clerk stored it (its answer is
 * lost with the process), some creates time out in the client; updates and deletes of the same
 * connections keep arriving, some of them aimed at connections whose create is in doubt. Afterwards
 * Clerk holds exactly the desired connections, once each, and every change is accounted for.
 *
 * <p>Random choices come from a fixed seed, printed at the start; {@code -Dcrash.seed=N} tries another.
 */
class CrashIT {

    private static final long SEED = Long.getLong("crash.seed", 20261125L);
    private static final int KILLS = 10;
    private static final int TENANTS = 12;
    private static final int CONNECTIONS_PER_TENANT = 10;
    private static final int FIRST_CREATES = 40;
    private static final int LATER_CHANGES = 85;
    private static final Duration CREATE_TIMEOUT = Duration.ofMillis(2000);
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private static PackagedStack stack;
    private static ClerkSimulator clerk;

    private Duration latency;

    @BeforeAll
    static void startParts() {
        // Clerk's development limit: paced by the shared quota, the drain lasts long enough for ten kills.
        stack = PackagedStack.start("crash", 4, 100);
        clerk = stack.clerk();
    }

    @AfterAll
    static void stopParts() {
        stack.close();
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void killedAtRandomMomentsTheServiceConvergesWithoutDuplicates() throws Exception {
        System.out.println("CrashIT: seed " + SEED + " (rerun with -Dcrash.seed=" + SEED + ")");
        Random random = new Random(SEED);
        Instant testStarted = Instant.now();
        PackagedStack.cleanDatabase();
        latency = Duration.ofMillis(30 + random.nextInt(51));
        clerk.faults().latency(latency);

        Map<String, String> env = stack.environment();
        env.put("CLERK_RATE_LIMIT", "100");
        env.put("SSO_SYNC_DISPATCH_WORKERS", "3");
        // Short, so that the commands a killed instance held are taken over soon; still far above any one call.
        env.put("SSO_SYNC_DISPATCH_LEASE", "PT5S");
        env.put("SSO_SYNC_DISPATCH_RETRY_INITIAL_DELAY", "PT0.2S");
        env.put("SSO_SYNC_DISPATCH_RETRY_MAX_DELAY", "PT2S");
        env.put("CLERK_TIMEOUT_MS", String.valueOf(CREATE_TIMEOUT.toMillis()));
        // A killed consumer leaves the group after 6 s instead of 45 s, so a restarted one gets its partitions.
        env.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
        env.put("KAFKA_HEARTBEAT_INTERVAL_MS", "1000");

        Registry registry = new Registry(random);
        List<String> killLog = new ArrayList<>();
        List<Mode> modes = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            modes.add(i < 4 ? Mode.DURING_HANGING_CREATE : i < 7 ? Mode.AFTER_CREATE_TIMED_OUT : Mode.AFTER_PROGRESS);
        }
        Collections.shuffle(modes, random);
        try (RegistryPublisher publisher = stack.publisher()) {
            PackagedApp app = stack.start("crash-0", env);
            PackagedStack.awaitReady(STARTUP, app);
            Instant drainStarted = Instant.now();
            // Changes arrive in waves, so that every instance finds work: a first wave of creates now, and
            // more creates and changes after each restart.
            registry.planCreates();
            for (int i = 0; i < FIRST_CREATES; i++) {
                registry.publish(publisher, registry.nextCreate());
            }
            // A create stored by Clerk but answered only after the client gave up, with no change behind it: the
            // retry finds it by lookup and adopts it.
            String timedOut = timeOutACreate(app, registry, publisher, false);
            System.out.println("CrashIT: before the first kill: " + timedOut);

            int createsPerCycle = (TENANTS * CONNECTIONS_PER_TENANT - FIRST_CREATES) / KILLS;
            int laterPerCycle = LATER_CHANGES / (KILLS + 1);
            for (int kill = 1; kill <= KILLS; kill++) {
                Mode mode = modes.get(kill - 1);
                String how = switch (mode) {
                    case DURING_HANGING_CREATE -> killDuringHangingCreate(app, registry, publisher, random);
                    case AFTER_CREATE_TIMED_OUT -> timeOutACreate(app, registry, publisher, true) + "; then "
                            + killAfterProgress(app, registry, random);
                    case AFTER_PROGRESS -> killAfterProgress(app, registry, random);
                };
                long open = openCommands();
                app.kill();
                // Registry changes keep coming while the service is down, some for connections whose create is
                // in doubt right now (sent, answer not recorded).
                List<String> inDoubt = inDoubtConnections();
                Collections.shuffle(inDoubt, random);
                int aimed = 0;
                for (String key : inDoubt.subList(0, Math.min(2, inDoubt.size()))) {
                    registry.publish(publisher, registry.change(key));
                    aimed++;
                }
                killLog.add(String.format("kill %d: %s; %d open commands, %d creates in doubt, %d changes aimed at"
                        + " them while down", kill, how, open, inDoubt.size(), aimed));
                System.out.println("CrashIT: " + killLog.get(killLog.size() - 1));
                app = stack.start("crash-" + kill, env);
                for (int i = 0; i < createsPerCycle; i++) {
                    registry.publish(publisher, registry.nextCreate());
                }
                for (int i = aimed; i < laterPerCycle; i++) {
                    registry.publish(publisher, registry.change(null));
                }
            }
            while (registry.hasCreatesLeft()) {
                registry.publish(publisher, registry.nextCreate());
            }
            while (registry.laterChanges < LATER_CHANGES) {
                registry.publish(publisher, registry.change(null));
            }

            // The last instance is left running until everything is recorded and nothing is left to send.
            PackagedApp last = app;
            await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertAlive(last);
                return TestDatabase.count("select count(*) from inbox_event") == registry.published.size()
                        && openCommands() == 0;
            });
            System.out.printf("CrashIT: %d changes drained through %d kills in %d ms (latency %d ms, %d requests to"
                    + " Clerk)%n", registry.published.size(), KILLS,
                    Duration.between(drainStarted, Instant.now()).toMillis(), latency.toMillis(),
                    clerk.requests().size());

            assertConverged(registry, killLog);
            System.out.printf("CrashIT: seed %d passed in %d ms%n", SEED,
                    Duration.between(testStarted, Instant.now()).toMillis());
        } finally {
            stack.killReplicas();
        }
    }

    private enum Mode {
        DURING_HANGING_CREATE, AFTER_CREATE_TIMED_OUT, AFTER_PROGRESS
    }

    private void assertConverged(Registry registry, List<String> killLog) {
        String context = "seed " + SEED + "\n" + String.join("\n", killLog);

        // No connection failed, and Clerk never refused a create because its domain was taken by an earlier one.
        List<Map<String, Object>> unsettled = TestDatabase.rows("select connection_key, status, last_error"
                + " from connection_state where status not in ('SYNCED', 'DELETED') order by connection_key");
        assertEquals(List.of(), unsettled, context);
        List<RecordedRequest> requests = clerk.requests();
        List<String> refused = requests.stream()
                .filter(r -> r.status() >= 400 && r.status() != 429
                        && !(r.status() == 404 && r.method().equals("DELETE")))
                .map(r -> r.method() + " " + r.path() + " -> " + r.status() + " " + r.responseBody())
                .toList();
        assertEquals(List.of(), refused, context);

        // Every command was carried out or folded into a later one.
        assertEquals(List.of(), TestDatabase.rows("select id, connection_key, operation, version, status, last_error"
                + " from sync_command where status not in ('DONE', 'SUPERSEDED') order by id"), context);

        // Clerk holds exactly the desired connections: one per live registry connection, nothing else.
        Map<String, List<StoredConnection>> heldByDomains = clerk.connections().stream()
                .collect(Collectors.groupingBy(c -> String.join(",", c.domains().stream().sorted().toList()),
                        TreeMap::new, Collectors.toList()));
        Map<String, ObjectNode> expectedByDomains = new TreeMap<>();
        registry.connections.values().stream().filter(c -> !c.deleted)
                .forEach(c -> expectedByDomains.put(String.join(",", domains(c.spec)), c.spec));
        List<String> duplicates = heldByDomains.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " x" + e.getValue().size()).toList();
        assertEquals(List.of(), duplicates, "connections held twice in Clerk; " + context);
        Set<String> missing = new TreeSet<>(expectedByDomains.keySet());
        missing.removeAll(heldByDomains.keySet());
        List<String> undesired = heldByDomains.entrySet().stream()
                .filter(e -> !expectedByDomains.containsKey(e.getKey()))
                .map(e -> e.getValue().get(0).name() + " (" + e.getKey() + ", " + e.getValue().get(0).id() + ")")
                .toList();
        assertEquals("missing in Clerk: [], held by Clerk but not desired: []",
                "missing in Clerk: " + missing + ", held by Clerk but not desired: " + undesired, context);
        for (Map.Entry<String, ObjectNode> expected : expectedByDomains.entrySet()) {
            StoredConnection held = heldByDomains.get(expected.getKey()).get(0);
            ObjectNode spec = expected.getValue();
            assertEquals(spec.get("name").asText(), held.name(), expected.getKey());
            assertEquals(spec.get("saml").get("idpSsoUrl").asText(),
                    held.stored().path("saml").path("idp_sso_url").asText(), expected.getKey());
            assertTrue(held.stored().path("sync_user_attributes").asBoolean(), expected.getKey());
        }

        // The service's view agrees: live connections SYNCED with Clerk's id, deleted ones DELETED without one.
        for (Registry.Connection connection : registry.connections.values()) {
            Map<String, Object> row = TestDatabase.rows("select status, clerk_connection_id, desired_version,"
                    + " applied_version from connection_state where connection_key = ?", connection.key).get(0);
            assertEquals(connection.version, ((Number) row.get("desired_version")).longValue(), connection.key);
            assertEquals(connection.version, ((Number) row.get("applied_version")).longValue(), connection.key);
            if (connection.deleted) {
                assertEquals("DELETED", row.get("status"), connection.key);
                assertEquals(null, row.get("clerk_connection_id"), connection.key);
            } else {
                assertEquals("SYNCED", row.get("status"), connection.key);
                assertEquals(heldByDomains.get(String.join(",", domains(connection.spec))).get(0).id(),
                        row.get("clerk_connection_id"), connection.key);
            }
        }

        // A create whose answer was lost was found again by lookup, not sent twice.
        long adopted = TestDatabase.count("select count(*) from sync_history where outcome = 'ADOPTED'");
        long adoptedAfterTimeout = TestDatabase.count("select count(*) from sync_history a where a.outcome = 'ADOPTED'"
                + " and exists (select 1 from sync_history t where t.connection_key = a.connection_key and t.id < a.id"
                + " and t.method = 'POST' and t.outcome = 'RETRYING')");
        long posts = requests.stream().filter(r -> r.method().equals("POST")).count();
        System.out.printf("CrashIT: %d ADOPTED (%d after a client time-out, %d after a kill), %d POSTs for %d creates"
                + " planned, %d connections held, %d answers 429%n", adopted, adoptedAfterTimeout,
                adopted - adoptedAfterTimeout, posts,
                TestDatabase.count("select count(*) from sync_command where operation = 'CREATE'"),
                heldByDomains.size(), clerk.count429());
        assertTrue(adopted >= 1, "no ADOPTED history row; " + context);
        // At least one of them after the client itself gave up on the create (the time-out set by environment).
        assertTrue(adoptedAfterTimeout >= 1, "no create timed out in the client and was adopted; " + context);
    }

    /**
     * Arms a hang of the next create (Clerk stores it at once and answers late), waits until it hangs, and
     * most times publishes a change of that very connection while its create is in doubt; then kills the
     * service inside the hang, so the answer is lost with the process.
     */
    private String killDuringHangingCreate(PackagedApp app, Registry registry, RegistryPublisher publisher,
            Random random) throws InterruptedException {
        Duration hang = Duration.ofMillis(1500 + random.nextInt(2000));
        Optional<String> hanging = hangNextCreate(app, registry, hang);
        if (hanging.isEmpty()) {
            return killAfterProgress(app, registry, random) + " (no create came to hang)";
        }
        String change = "";
        if (random.nextInt(5) > 0) {
            change = ", " + describe(registry.publish(publisher, registry.change(hanging.get()))) + " meanwhile";
        }
        long pause = random.nextInt((int) Math.min(hang.toMillis() - 700, CREATE_TIMEOUT.toMillis() - 300));
        // Spacing the kill inside the hang is the point of this pause.
        Thread.sleep(pause);
        return "during the create of " + hanging.get() + " hanging " + hang.toMillis() + " ms" + change + ", killed "
                + pause + " ms after it was seen";
    }

    /**
     * Arms a hang of the next create that outlasts the client's time-out, waits until the client gave up on
     * it, and (if {@code withChange}) publishes a change of that connection while it hangs.
     */
    private String timeOutACreate(PackagedApp app, Registry registry, RegistryPublisher publisher,
            boolean withChange) {
        Duration hang = CREATE_TIMEOUT.plusMillis(1000);
        Optional<String> hanging = hangNextCreate(app, registry, hang);
        if (hanging.isEmpty()) {
            return "no create came to time out";
        }
        String change = "";
        if (withChange) {
            change = ", " + describe(registry.publish(publisher, registry.change(hanging.get()))) + " meanwhile";
        }
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                assertAlive(app);
                return TestDatabase.count("select count(*) from sync_history where connection_key = ?"
                        + " and method = 'POST' and outcome = 'RETRYING'", hanging.get()) > 0;
            });
        } catch (ConditionTimeoutException notTimedOut) {
            return "the create of " + hanging.get() + " hanging " + hang.toMillis() + " ms did not time out" + change;
        }
        return "the create of " + hanging.get() + " timed out in the client" + change;
    }

    /**
     * Makes the next create hang after Clerk stored it and returns the connection key it was for, once Clerk
     * holds a connection that the service has not recorded for at least 300 ms; empty if none came.
     */
    private Optional<String> hangNextCreate(PackagedApp app, Registry registry, Duration hang) {
        Set<String> before = clerk.connections().stream().map(StoredConnection::id).collect(Collectors.toSet());
        clerk.faults().hangAfterCommit("POST", hang, 1);
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
                assertAlive(app);
                return clerk.faults().active().stream().noneMatch(f -> f.type() == FaultSpec.Type.HANG_AFTER_COMMIT);
            });
            // The hanging create is new in Clerk and stays unrecorded by the service; others are recorded at once.
            Set<String> seen = new HashSet<>();
            AtomicReference<String> found = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        Set<String> now = unrecordedInClerk();
                        now.removeAll(before);
                        now.stream().filter(seen::contains).findFirst().ifPresent(found::set);
                        seen.addAll(now);
                        return found.get() != null;
                    });
            String domain = clerk.connection(found.get()).orElseThrow().domains().get(0);
            return Optional.of(Optional.ofNullable(registry.keyByDomain.get(domain))
                    .orElseThrow(() -> new AssertionError("Clerk holds an unknown domain " + domain)));
        } catch (ConditionTimeoutException noneCame) {
            clerk.faults().clear();
            clerk.faults().latency(latency);
            return Optional.empty();
        }
    }

    /** Ids of connections Clerk holds that the service has not recorded (yet). */
    private static Set<String> unrecordedInClerk() {
        Set<String> ids = clerk.connections().stream().map(StoredConnection::id)
                .collect(Collectors.toCollection(HashSet::new));
        TestDatabase.rows("select clerk_connection_id from connection_state where clerk_connection_id is not null")
                .forEach(row -> ids.remove((String) row.get("clerk_connection_id")));
        return ids;
    }

    private static String describe(RegistryEvents.Event event) {
        return event.type().equals("idp.connection.deleted") ? "a delete"
                : "an update to v" + event.data().get("version").asLong();
    }

    /** Lets a few more commands finish, then kills the service at a random moment shortly after. */
    private String killAfterProgress(PackagedApp app, Registry registry, Random random) throws InterruptedException {
        int more = 3 + random.nextInt(10);
        long settled = settledCommands();
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
                assertAlive(app);
                // Or nothing is left to do at all: then the kill hits an idle instance.
                return settledCommands() >= settled + more || openCommands() == 0 && TestDatabase.count(
                        "select count(*) from inbox_event") == registry.published.size();
            });
        } catch (ConditionTimeoutException slow) {
            return "after 15 s without " + more + " more commands done";
        }
        long done = settledCommands() - settled;
        long pause = random.nextInt(400);
        Thread.sleep(pause);
        return done >= more ? "after " + done + " more commands done, +" + pause + " ms"
                : "idle after " + done + " more commands done, +" + pause + " ms";
    }

    private static long settledCommands() {
        return TestDatabase.count("select count(*) from sync_command where status in ('DONE', 'SUPERSEDED',"
                + " 'FAILED', 'DEAD')");
    }

    private static long openCommands() {
        return TestDatabase.count("select count(*) from sync_command where status in ('PENDING', 'IN_FLIGHT')");
    }

    /** Connections with a create sent whose answer is not recorded: Clerk may or may not hold them. */
    private static List<String> inDoubtConnections() {
        return TestDatabase.rows("select connection_key from connection_state"
                + " where create_in_doubt_spec is not null and clerk_connection_id is null"
                + " order by connection_key").stream()
                .map(row -> (String) row.get("connection_key")).collect(Collectors.toCollection(ArrayList::new));
    }

    private static List<String> domains(ObjectNode spec) {
        List<String> domains = new ArrayList<>();
        spec.get("domains").forEach(d -> domains.add(d.asText()));
        Collections.sort(domains);
        return domains;
    }

    /** The registry's side: every connection's newest version and spec, and every event published. */
    private static final class Registry {

        private final Random random;
        private final Map<String, Connection> connections = new TreeMap<>();
        private final List<RegistryEvents.Event> published = new ArrayList<>();
        private final Map<String, String> keyByDomain = new TreeMap<>();
        private final List<Connection> planned = new ArrayList<>();
        private int laterChanges;

        Registry(Random random) {
            this.random = random;
        }

        static final class Connection {
            final String tenant;
            final String key;
            final int tenantNo;
            final int no;
            long version = 1;
            ObjectNode spec;
            boolean deleted;

            Connection(String tenant, String key, int tenantNo, int no, ObjectNode spec) {
                this.tenant = tenant;
                this.key = key;
                this.tenantNo = tenantNo;
                this.no = no;
                this.spec = spec;
            }
        }

        /** Plans every connection's create, tenants interleaved as a registry would send them. */
        void planCreates() {
            for (int t = 0; t < TENANTS; t++) {
                for (int i = 0; i < CONNECTIONS_PER_TENANT; i++) {
                    String tenant = "t_crash_" + t;
                    String key = "idp_crash_" + t + "_" + i;
                    ObjectNode spec = RegistryEvents.samlSpec(tenant, key, 1, "c" + i + ".t" + t + ".crash.example.com");
                    spec.put("name", "Crash " + key);
                    ObjectNode saml = (ObjectNode) spec.get("saml");
                    saml.put("idpCertificate", SampleCertificates.IDP_1);
                    saml.put("idpSsoUrl", "https://idp.t" + t + ".crash.example.com/sso/" + i + "/v1");
                    planned.add(new Connection(tenant, key, t, i, spec));
                }
            }
            Collections.shuffle(planned, random);
        }

        boolean hasCreatesLeft() {
            return !planned.isEmpty();
        }

        RegistryEvents.Event nextCreate() {
            Connection c = planned.remove(planned.size() - 1);
            connections.put(c.key, c);
            keyByDomain.put(c.spec.get("domains").get(0).asText(), c.key);
            return RegistryEvents.upserted(c.spec);
        }

        /** The next change of that connection (null: of a random one): an update, a delete or a re-create. */
        RegistryEvents.Event change(String connectionKey) {
            List<String> keys = new ArrayList<>(connections.keySet());
            Connection c = connections.get(connectionKey != null ? connectionKey : keys.get(random.nextInt(keys.size())));
            laterChanges++;
            c.version++;
            if (c.deleted) {
                // Back again with the same domains: Clerk refuses it (422) if the delete did not happen.
                c.deleted = false;
                c.spec = RegistryEvents.at(c.spec, c.version);
                return RegistryEvents.upserted(c.spec);
            }
            double draw = random.nextDouble();
            if (draw < 0.25) {
                c.deleted = true;
                return RegistryEvents.deleted(c.tenant, c.key, c.version);
            }
            ObjectNode spec = RegistryEvents.at(c.spec, c.version);
            if (draw < 0.55) {
                spec.put("name", "Crash " + c.key + " v" + c.version);
            } else if (draw < 0.8) {
                ((ObjectNode) spec.get("saml")).put("idpSsoUrl",
                        "https://idp.t" + c.tenantNo + ".crash.example.com/sso/" + c.no + "/v" + c.version);
            } else {
                String domain = "c" + c.no + "-v" + c.version + ".t" + c.tenantNo + ".crash.example.com";
                spec.putArray("domains").add(domain);
                keyByDomain.put(domain, c.key);
            }
            c.spec = spec;
            return RegistryEvents.upserted(spec);
        }

        RegistryEvents.Event publish(RegistryPublisher publisher, RegistryEvents.Event event) {
            if (random.nextBoolean()) {
                publisher.structured(event);
            } else {
                publisher.binary(event);
            }
            published.add(event);
            return event;
        }
    }
}
