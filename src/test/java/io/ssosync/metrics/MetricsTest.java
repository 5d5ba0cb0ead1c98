package io.ssosync.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.ingest.IntakeChannels;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.WebhookSender;
import jakarta.inject.Inject;

/** The metrics move when what they count happens, as a Prometheus scrape of /q/metrics shows them. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class MetricsTest extends PipelineTest {

    private static final String EVENTS = "sso_sync_events_total";
    private static final String CALLS = "sso_sync_clerk_calls_total";
    private static final String OUTBOX = "sso_sync_outbox_commands";
    private static final String LAG = "sso_sync_consumer_lag";

    @Inject
    IntakeChannels consumers;

    @Test
    void aClerk429IsCountedAsThrottledWithItsPauseAndEveryCallIsTimed() {
        // The consumer is up and dispatching before the window opens, so that the window cannot pass unseen.
        String first = key("first");
        publisher.structured(RegistryEvents.upserted(samlSpec(first, 1, domain("first"))));
        awaitStatus(first, "SYNCED");
        PrometheusScrape before = PrometheusScrape.now();
        clerk.faults().statusWindow(429, Duration.ofSeconds(3), 1);
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        awaitStatus(key, "SYNCED");

        PrometheusScrape after = PrometheusScrape.now();
        assertTrue(increase(before, after, CALLS, Map.of("outcome", "throttled")) >= 1);
        assertEquals(1, increase(before, after, CALLS, Map.of("operation", "create", "outcome", "accepted")));
        assertTrue(increase(before, after, "sso_sync_quota_paused_seconds_total", Map.of()) >= 1);
        assertTrue(increase(before, after, "sso_sync_quota_tokens_total", Map.of()) >= 2);
        // The histogram: every sent call in the +Inf bucket, and the finite buckets Prometheus needs for quantiles.
        assertTrue(increase(before, after, "sso_sync_clerk_call_seconds_count", Map.of("operation", "create")) >= 1);
        assertEquals(after.value("sso_sync_clerk_call_seconds_count", Map.of("operation", "create")),
                after.value("sso_sync_clerk_call_seconds_bucket", Map.of("operation", "create", "le", "+Inf")));
        assertTrue(after.find("sso_sync_clerk_call_seconds_bucket", Map.of("operation", "create")).size() >= 9);
    }

    @Test
    void theOutboxDepthRisesWhileDispatchIsPausedAndFallsAfterItResumes() {
        given().queryParam("reason", "metrics test").post("/api/dispatch/pause").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            publisher.structured(RegistryEvents.upserted(samlSpec(key("c" + i), 1, domain("c" + i))));
        }
        await().atMost(TIMEOUT).until(() -> PrometheusScrape.now().value(OUTBOX, Map.of("status", "PENDING")) == 3);
        PrometheusScrape paused = PrometheusScrape.now();
        assertEquals(1, paused.value("sso_sync_dispatch_paused", Map.of()));
        assertTrue(paused.value("sso_sync_outbox_oldest_pending_seconds", Map.of()) > 0);
        assertEquals(0, paused.value(OUTBOX, Map.of("status", "DEAD")));

        given().post("/api/dispatch/resume").then().statusCode(200);
        await().atMost(TIMEOUT).until(() -> {
            PrometheusScrape scrape = PrometheusScrape.now();
            return scrape.value(OUTBOX, Map.of("status", "PENDING")) == 0
                    && scrape.value(OUTBOX, Map.of("status", "IN_FLIGHT")) == 0;
        });
        PrometheusScrape resumed = PrometheusScrape.now();
        assertEquals(0, resumed.value("sso_sync_dispatch_paused", Map.of()));
        assertEquals(0, resumed.value("sso_sync_outbox_oldest_pending_seconds", Map.of()));
        assertEquals(3, clerk.connections().size());
        // Each synced connection's status event is relayed: none is left unpublished.
        await().atMost(TIMEOUT).until(() ->
                PrometheusScrape.now().value("sso_sync_status_events_unpublished", Map.of()) == 0);
    }

    @Test
    void eventsAreCountedByTypeAndOutcomeAndRejectionsByReason() {
        PrometheusScrape before = PrometheusScrape.now();
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(key("okta"), 1, domain("acme")));
        publisher.structured(event);
        awaitSettled(event);
        publisher.structured(event);
        RegistryEvents.Event unknown = RegistryEvents.ofType("idp.connection.renamed", tenant,
                RegistryEvents.JSON.createObjectNode());
        publisher.structured(unknown);
        publisher.raw(key("broken"), "not an envelope".getBytes(StandardCharsets.UTF_8));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            PrometheusScrape after = PrometheusScrape.now();
            String type = "idp.connection.upserted";
            assertEquals(1, increase(before, after, EVENTS, Map.of("type", type, "outcome", "changed")));
            assertEquals(1, increase(before, after, EVENTS, Map.of("type", type, "outcome", "duplicate")));
            assertEquals(1, increase(before, after, EVENTS, Map.of("type", "unknown", "outcome", "skipped")));
            assertEquals(1, increase(before, after, "sso_sync_rejected_events_total", Map.of("reason", "envelope")));
        });
        // No tag names a tenant or a connection.
        assertFalse(PrometheusScrape.now().samples().stream().anyMatch(s -> s.name().startsWith("sso_sync_")
                && s.labels().values().stream().anyMatch(v -> v.contains(tenant))));
    }

    @Test
    void webhookDeliveriesAreCountedByResult() {
        PrometheusScrape before = PrometheusScrape.now();
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(key("okta"), 1, domain("acme")));
        WebhookSender.Delivery delivery = WebhookSender.signed(event);
        delivery.send().then().statusCode(200);
        delivery.send().then().statusCode(200);
        delivery.withSignature("v1,c2lnbmF0dXJl").send().then().statusCode(401);

        PrometheusScrape after = PrometheusScrape.now();
        String name = "sso_sync_webhook_deliveries_total";
        assertEquals(1, increase(before, after, name, Map.of("result", "accepted")));
        assertEquals(1, increase(before, after, name, Map.of("result", "repeated")));
        assertEquals(1, increase(before, after, name, Map.of("result", "unsigned")));
        awaitSettled(event);
    }

    @Test
    void theConsumerLagGrowsWhileTheConsumerIsPausedAndFallsBackAfterwards() {
        await().atMost(TIMEOUT).until(() -> PrometheusScrape.now().value(LAG, Map.of()) == 0);
        consumers.pause();
        try {
            for (int i = 0; i < 5; i++) {
                publisher.structured(RegistryEvents.upserted(samlSpec(key("c" + i), 1, domain("c" + i))));
            }
            await().atMost(TIMEOUT).until(() -> PrometheusScrape.now().value(LAG, Map.of()) >= 5);
        } finally {
            consumers.resume();
        }
        await().atMost(TIMEOUT).until(() -> PrometheusScrape.now().value(LAG, Map.of()) == 0);
    }

    @Test
    void readinessNamesEachCheckWithItsData() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'clerk-breaker' }.data.state", equalTo("closed"))
                .body("checks.find { it.name == 'dispatch' }.data.paused", equalTo(false))
                .body("checks.name", hasItems("clerk-breaker", "clerk-secret-key", "dispatch"));
        PrometheusScrape scrape = PrometheusScrape.now();
        assertEquals(0, scrape.value("sso_sync_clerk_breaker_open", Map.of()));
    }

    /**
     * deploy/monitoring queries only what the service exports, checked against a real scrape. Counters with tags (and
     * the Clerk latency histogram) appear at their first use, so the scrape is taken after this test has made each
     * happen: an event synced through Clerk, a record rejected, a webhook delivery; the gauges and the quota's
     * counters are made at start-up.
     */
    @Test
    void theDashboardAndTheAlertRulesQueryOnlyExportedMetrics() throws IOException {
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(key("okta"), 1, domain("acme")));
        publisher.structured(event);
        awaitStatus(key("okta"), "SYNCED");
        publisher.raw(key("broken"), "not an envelope".getBytes(StandardCharsets.UTF_8));
        WebhookSender.signed(RegistryEvents.upserted(samlSpec(key("hook"), 1, domain("hook")))).send().then()
                .statusCode(200);
        await().atMost(TIMEOUT).until(() -> PrometheusScrape.now().sum("sso_sync_rejected_events_total", Map.of()) > 0);
        awaitStatus(key("hook"), "SYNCED");
        PrometheusScrape scrape = PrometheusScrape.now();

        List<String> dashboard = new ArrayList<>();
        collectExpressions(new ObjectMapper().readTree(Path.of("deploy/monitoring/grafana-dashboard.json").toFile()),
                dashboard);
        assertTrue(dashboard.size() >= 10, "the dashboard's queries: " + dashboard);
        JsonNode rules = new YAMLMapper().readTree(Path.of("deploy/monitoring/prometheus-rules.yaml").toFile());
        List<String> alerts = new ArrayList<>();
        Set<String> alertNames = new TreeSet<>();
        for (JsonNode group : rules.required("groups")) {
            for (JsonNode rule : group.required("rules")) {
                alerts.add(rule.required("expr").asText());
                alertNames.add(rule.required("alert").asText());
                assertFalse(rule.required("labels").required("severity").asText().isBlank());
            }
        }
        assertTrue(alertNames.containsAll(Set.of("SsoSyncDeadCommands", "SsoSyncOldestPendingTooOld",
                "SsoSyncClerkKeyRejected", "SsoSyncConsumerStalled", "SsoSyncClerkBreakerOpen")), alertNames.toString());

        List<String> missing = new ArrayList<>();
        List<String> queries = new ArrayList<>(dashboard);
        queries.addAll(alerts);
        for (String query : queries) {
            PromQlNames.of(query).forEach((name, labels) -> {
                List<PrometheusScrape.Sample> samples = scrape.find(name, Map.of());
                if (samples.isEmpty()) {
                    missing.add(name + " (in " + query + ")");
                }
                for (String label : labels) {
                    if (samples.stream().noneMatch(s -> s.labels().containsKey(label))) {
                        missing.add(name + " label " + label + " (in " + query + ")");
                    }
                }
            });
        }
        assertEquals(List.of(), missing, "queried but not exported");
    }

    private static void collectExpressions(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("expr")) {
                    into.add(field.getValue().asText());
                } else {
                    collectExpressions(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectExpressions(child, into));
        }
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String name,
            Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
