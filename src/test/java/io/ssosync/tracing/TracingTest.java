package io.ssosync.tracing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.WebhookSender;
import jakarta.inject.Inject;

/**
 * One trace from the registry's record (or webhook) to each call to Clerk: the consumer's span continues the
 * record's traceparent, the dispatch (later, on another thread) continues the context kept with the command, and the
 * REST client's span of each Clerk call is a child of the dispatch span; each history row names that trace.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class TracingTest extends PipelineTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void kafkaRecordsTraceparentReachesEveryClerkCallAndTheHistory() {
        String traceId = hex(32);
        String parentSpanId = hex(16);
        String connection = key("traced");
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(connection, 1, domain("traced")));
        CloudEvents.Encoded encoded = event.cloudEvent().structured();
        Map<String, String> headers = new LinkedHashMap<>(encoded.headers());
        headers.put("traceparent", "00-" + traceId + "-" + parentSpanId + "-01");
        publisher.publish(tenant, new CloudEvents.Encoded(headers, encoded.value()));
        awaitStatus(connection, "SYNCED");

        SpanData consumed = awaitSpan(traceId, s -> s.getKind() == SpanKind.CONSUMER);
        assertEquals(parentSpanId, consumed.getParentSpanId(), "the consumer's span is the record's child");
        SpanData dispatch = awaitSpan(traceId, s -> s.getName().startsWith("sso-sync dispatch"));
        assertEquals(consumed.getSpanId(), dispatch.getParentSpanId(), "the dispatch continues the event's span");
        assertEquals(connection, dispatch.getAttributes().get(AttributeKey.stringKey("sso_sync.connection_key")));
        SpanData call = awaitSpan(traceId, s -> s.getKind() == SpanKind.CLIENT);
        assertEquals(dispatch.getSpanId(), call.getParentSpanId(), "the Clerk call is the dispatch span's child");
        assertEquals("POST", call.getAttributes().get(AttributeKey.stringKey("http.request.method")));
        assertTrue(String.valueOf(call.getAttributes().get(AttributeKey.stringKey("url.full")))
                .endsWith("/enterprise_connections"), call.toString());

        List<Map<String, Object>> history = TestDatabase.rows(
                "select trace_id from sync_history where connection_key = ?", connection);
        assertFalse(history.isEmpty());
        history.forEach(row -> assertEquals(traceId, row.get("trace_id"), "the history row names the span's trace"));
        assertEquals(traceId, given().get("/api/connections/{key}/history", connection).then().statusCode(200)
                .extract().path("[0].traceId"));
        JsonPath audit = given().queryParam("connectionKey", connection).get("/api/audit").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(traceId, audit.getString("items[0].traceId"));
        assertEquals(true, given().get("/api/audit/verify").then().statusCode(200).extract().path("intact"),
                "a row hashed with its trace id verifies");
    }

    @Test
    void structuredEventsTraceparentExtensionIsContinuedFromAWebhook() throws Exception {
        String traceId = hex(32);
        String connection = key("hooked");
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(connection, 1, domain("hooked")));
        ObjectNode envelope = (ObjectNode) RegistryEvents.JSON.readTree(WebhookSender.bytes(event));
        envelope.put("traceparent", "00-" + traceId + "-" + hex(16) + "-01");
        WebhookSender.Delivery.signed(RegistryEvents.JSON.writeValueAsBytes(envelope)).send().then().statusCode(200);
        awaitStatus(connection, "SYNCED");

        awaitSpan(traceId, s -> s.getKind() == SpanKind.CLIENT);
        TestDatabase.rows("select trace_id from sync_history where connection_key = ?", connection)
                .forEach(row -> assertEquals(traceId, row.get("trace_id")));
    }

    @Test
    void eventWithoutTraceStartsOneOfItsOwn() {
        String connection = key("untraced");
        publisher.structured(RegistryEvents.upserted(samlSpec(connection, 1, domain("untraced"))));
        awaitStatus(connection, "SYNCED");

        Object traceId = TestDatabase.value("select trace_id from sync_history where connection_key = ?", connection);
        assertTrue(traceId instanceof String id && id.matches("[0-9a-f]{32}"), String.valueOf(traceId));
        awaitSpan((String) traceId, s -> s.getKind() == SpanKind.CONSUMER);
        awaitSpan((String) traceId, s -> s.getKind() == SpanKind.CLIENT);
    }

    private SpanData awaitSpan(String traceId, java.util.function.Predicate<SpanData> which) {
        return await().atMost(TIMEOUT).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId)).filter(which).findFirst(), java.util.Optional::isPresent)
                .get();
    }

    private static String hex(int digits) {
        String hex = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        return hex.substring(0, digits);
    }
}
