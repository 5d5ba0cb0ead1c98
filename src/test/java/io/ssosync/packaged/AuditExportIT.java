package io.ssosync.packaged;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ssosync.testing.PackagedApp;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.kafka.EmbeddedKafka;

/**
 * The packaged service, given a heap far smaller than the export, sends an audit trail of 100,000 rows as CSV:
 * had it held the answer in memory, it could not have.
 */
class AuditExportIT {

    private static final int ROWS = 100_000;
    private static final String HEAP = "96m";
    private static final long HEAP_BYTES = 96L * 1024 * 1024;

    private static ClerkSimulator clerk;

    @BeforeAll
    static void startParts() {
        TestDatabase.createIfMissing();
        clerk = ClerkSimulator.start();
    }

    @AfterAll
    static void stopParts() {
        clerk.close();
        TestDatabase.clean();
    }

    @Test
    void aHundredThousandRowsGoOutAsCsvInAHeapSmallerThanTheExport() throws Exception {
        Map<String, String> env = PackagedAppEnvironment.of(EmbeddedKafka.shared(), "it-audit-export", clerk);
        try (PackagedApp app = PackagedApp.start("audit-export", env, HEAP)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> app.isReady() || !app.isAlive());
            assertTrue(app.isReady(), app.output());
            TestDatabase.clean();
            // About 2 KB per row once exported; the database stores the repeated text compressed.
            TestDatabase.execute("insert into sync_history (at, command_id, connection_key, tenant_id, operation,"
                    + " method, path, request_body, http_status, outcome, duration_ms)"
                    + " select timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second', i, 'idp_' || (i % 100),"
                    + "   't_' || (i % 10), 'UPDATE', 'PATCH', '/v1/enterprise_connections/ent_' || i,"
                    + "   jsonb_build_object('name', repeat('n', 2000)), 200, 'SUCCEEDED', 12"
                    + " from generate_series(1, " + ROWS + ") i");

            HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(app.baseUrl() + "/api/audit?format=csv"))
                    .header("Authorization", "Bearer " + PackagedApp.API_TOKEN).timeout(Duration.ofMinutes(3)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, answer.statusCode());
            long bytes = 0;
            long lines = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream body = answer.body()) {
                for (int n; (n = body.read(buffer)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }

            assertEquals(ROWS + 1, lines, "a header row and one line per row");
            assertTrue(bytes > 2 * HEAP_BYTES, "the export (" + bytes + " bytes) is larger than twice the heap");
            assertTrue(app.isAlive() && app.isReady(), app.output());
        }
    }
}
