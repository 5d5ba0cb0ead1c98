package io.ssosync.ingest;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** A dead-letter topic that cannot be written must not slow intake; each rejection says its copy failed. */
@QuarkusTest
@TestProfile(UnwritableDeadLetterProfile.class)
@WithTestResource(SyncStack.class)
class UnwritableDeadLetterTest extends PipelineTest {

    private static final int MALFORMED = 10;
    /** The producer's bounded wait (max.block.ms, delivery.timeout.ms) for each copy, one after the other. */
    private static final Duration ALL_COPIES_GIVEN_UP = Duration.ofSeconds(90);

    @Test
    void rejectionsAndTheEventsBehindThemAreRecordedPromptlyAndEachShowsItsCopyFailed() {
        for (int i = 0; i < MALFORMED; i++) {
            publisher.raw(tenant, ("{not json " + i).getBytes(UTF_8));
        }
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            valid.add(key("okta" + i));
            publisher.structured(RegistryEvents.upserted(samlSpec(key("okta" + i), 1, domain("okta" + i))));
        }

        // The usual wait: before the copy was asynchronous, each rejected record held intake up to 10 s.
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from rejected_event") == MALFORMED
                && TestDatabase.count("select count(*) from inbox_event") == valid.size());
        for (String key : valid) {
            awaitStatus(key, "SYNCED");
        }

        await().atMost(ALL_COPIES_GIVEN_UP).until(() -> TestDatabase.count("select count(*) from rejected_event"
                + " where dead_letter_status = 'FAILED' and dead_letter_error is not null") == MALFORMED);
        String error = (String) TestDatabase.value("select dead_letter_error from rejected_event limit 1");
        assertTrue(error.startsWith("TimeoutException"), error);

        JsonPath listed = JsonPath.from(given().get("/api/rejected-events").then().statusCode(200).extract().asString());
        assertEquals(MALFORMED, listed.getInt("size()"));
        for (int i = 0; i < MALFORMED; i++) {
            assertEquals("FAILED", listed.getString("[" + i + "].deadLetterStatus"));
            assertTrue(listed.getString("[" + i + "].deadLetterError").startsWith("TimeoutException"));
            assertNotNull(listed.getString("[" + i + "].deadLetterAt"));
        }
    }
}
