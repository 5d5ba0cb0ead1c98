package io.ssosync.packaged;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.PackagedApp;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.RegistryPublisher;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.clerksim.SampleCertificates;

/**
 * The packaged jar with {@code QUARKUS_LOG_CONSOLE_JSON=true}: every console line is a JSON object, and the lines
 * about an event name it ({@code mdc.eventId}), those about a command name the command and its connection
 * ({@code mdc.commandId}, {@code mdc.connectionKey}) and the trace. With tracing left at its defaults, nothing tries
 * to export spans, and the trace of a record that brought a traceparent still reaches its history rows.
 */
class JsonLogsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static PackagedStack stack;

    @BeforeAll
    static void startParts() {
        stack = PackagedStack.start("json-logs", 1, ClerkSimulator.DEFAULT_RATE_LIMIT);
    }

    @AfterAll
    static void stopParts() {
        stack.close();
    }

    @Test
    void linesAreJsonWithTheEventTheCommandAndTheConnection() {
        PackagedStack.cleanDatabase();
        Map<String, String> env = stack.environment();
        env.put("QUARKUS_LOG_CONSOLE_JSON", "true");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        try (RegistryPublisher publisher = stack.publisher(); PackagedApp app = stack.start("json-logs-" + UUID.randomUUID(), env)) {
            PackagedStack.awaitReady(TIMEOUT, app);
            // Clerk holds each domain once: the second connection is refused, and the dispatcher says so.
            publisher.structured(RegistryEvents.upserted(spec("idp_first", "logs.example.com")));
            await().atMost(TIMEOUT).until(() -> "SYNCED".equals(TestDatabase.value(
                    "select status from connection_state where connection_key = ?", "idp_first")));
            RegistryEvents.Event refused = RegistryEvents.upserted(spec("idp_clash", "logs.example.com"));
            CloudEvents.Encoded encoded = refused.cloudEvent().structured();
            Map<String, String> headers = new LinkedHashMap<>(encoded.headers());
            headers.put("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
            publisher.publish("t_logs", new CloudEvents.Encoded(headers, encoded.value()));
            RegistryEvents.Event unknown = RegistryEvents.ofType("test.unknown", "t_logs",
                    RegistryEvents.JSON.createObjectNode().put("tenantId", "t_logs"));
            publisher.structured(unknown);

            JsonNode skipped = awaitLine(app, line -> line.path("message").asText().contains("skipped event "
                    + unknown.id()));
            assertEquals(unknown.id(), skipped.path("mdc").path("eventId").asText(), skipped.toString());

            JsonNode refusal = awaitLine(app, line -> line.path("message").asText().startsWith("Clerk refused command")
                    && line.path("mdc").path("connectionKey").asText().equals("idp_clash"));
            long commandId = ((Number) TestDatabase.value("select id from sync_command where connection_key = ?",
                    "idp_clash")).longValue();
            JsonNode mdc = refusal.path("mdc");
            assertEquals(String.valueOf(commandId), mdc.path("commandId").asText(), refusal.toString());
            assertEquals(refused.id(), mdc.path("eventId").asText(), refusal.toString());
            assertEquals(traceId, mdc.path("traceId").asText(), refusal.toString());
            assertEquals(traceId, TestDatabase.value("select trace_id from sync_history where connection_key = ?",
                    "idp_clash"));

            List<String> plain = new ArrayList<>();
            for (String line : app.output().split("\n")) {
                if (!line.isBlank() && !line.startsWith("{")) {
                    plain.add(line);
                }
            }
            assertTrue(plain.isEmpty(), "lines that are not JSON: " + plain);
            // Only the exporter's own words: a bare "4317" also turns up in timestamps and ids (it failed a CI run so).
            String output = app.output();
            assertFalse(output.contains("localhost:4317") || output.contains("127.0.0.1:4317")
                    || output.contains("Failed to export"), "something tried the default OTLP endpoint");
        }
    }

    private static ObjectNode spec(String connectionKey, String domain) {
        ObjectNode spec = RegistryEvents.samlSpec("t_logs", connectionKey, 1, domain);
        ((ObjectNode) spec.get("saml")).put("idpCertificate", SampleCertificates.IDP_1);
        return spec;
    }

    private static JsonNode awaitLine(PackagedApp app, Predicate<JsonNode> which) {
        return await().atMost(TIMEOUT).until(() -> jsonLines(app).stream().filter(which).findFirst(),
                Optional::isPresent).get();
    }

    private static List<JsonNode> jsonLines(PackagedApp app) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : app.output().split("\n")) {
            if (line.startsWith("{")) {
                try {
                    lines.add(RegistryEvents.JSON.readTree(line));
                } catch (java.io.IOException e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        return lines;
    }
}
