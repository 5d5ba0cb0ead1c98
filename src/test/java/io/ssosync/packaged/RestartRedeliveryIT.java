package io.ssosync.packaged;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ssosync.testing.PackagedApp;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.RegistryPublisher;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.clerksim.SampleCertificates;

/**
 * The packaged jar, configured only by environment: an event delivered twice, and again to a restarted
 * service that reads the whole topic anew, still has exactly one effect in Clerk.
 */
class RestartRedeliveryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static PackagedStack stack;
    private static ClerkSimulator clerk;

    @BeforeAll
    static void startParts() {
        stack = PackagedStack.start("restart", 3, ClerkSimulator.DEFAULT_RATE_LIMIT);
        clerk = stack.clerk();
    }

    @AfterAll
    static void stopParts() {
        stack.close();
    }

    @Test
    void redeliveryBeforeAndAfterARestartHasOneEffect() {
        PackagedStack.cleanDatabase();
        var spec = RegistryEvents.samlSpec("t_restart", "idp_restart", 1, "restart.example.com");
        ((com.fasterxml.jackson.databind.node.ObjectNode) spec.get("saml"))
                .put("idpCertificate", SampleCertificates.IDP_1);
        RegistryEvents.Event created = RegistryEvents.upserted(spec);
        Map<String, String> env = stack.environment();

        try (RegistryPublisher publisher = stack.publisher()) {
            try (PackagedApp first = stack.start("restart-first", env)) {
                PackagedStack.awaitReady(TIMEOUT, first);
                publisher.structured(created);
                publisher.structured(created);
                awaitSettled(publisher, "t_restart");
                assertEquals("SYNCED", status("idp_restart"), first.output());
            }

            env.put("KAFKA_CONSUMER_GROUP", "sso-sync-replay-" + UUID.randomUUID());
            try (PackagedApp second = stack.start("restart-second", env)) {
                PackagedStack.awaitReady(TIMEOUT, second);
                publisher.binary(created);
                awaitSettled(publisher, "t_restart");
                String api = second.get("/api/connections/idp_restart");
                assertEquals(true, api.contains("\"status\":\"SYNCED\""), api);
            }
        }

        assertEquals(1, clerk.connections().size());
        assertEquals(1, clerk.requestCount("POST", "/enterprise_connections"));
        assertEquals(1, TestDatabase.count("select count(*) from sync_command where source_event_id = ?", created.id()));
    }

    /** Publishes an event of unknown type behind the others and waits until it is recorded. */
    private static void awaitSettled(RegistryPublisher publisher, String tenantId) {
        RegistryEvents.Event marker = RegistryEvents.ofType("test.marker", tenantId,
                RegistryEvents.JSON.createObjectNode().put("tenantId", tenantId));
        publisher.structured(marker);
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from inbox_event where event_id = ?",
                marker.id()) == 1 && TestDatabase.count(
                "select count(*) from sync_command where status in ('PENDING','IN_FLIGHT')") == 0);
    }

    private static String status(String connectionKey) {
        return (String) TestDatabase.value("select status from connection_state where connection_key = ?",
                connectionKey);
    }
}
