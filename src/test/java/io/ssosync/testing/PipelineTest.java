package io.ssosync.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.clerksim.RecordedRequest;
import io.ssosync.warmup.WarmUp;

/**
 * Base of the end-to-end tests: each test starts from an empty database and an empty simulator,
 * publishes contract events to the real broker and waits on what Postgres and the simulator hold.
 */
public abstract class PipelineTest {

    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    protected RegistryPublisher publisher;
    protected ClerkSimulator clerk;
    protected String tenant;

    @BeforeEach
    void startClean() {
        // The warm-up's call to Clerk belongs to the application's start, not to the first test after it.
        WarmUp warmUp = Arc.container().instance(WarmUp.class).get();
        await().atMost(TIMEOUT).until(() -> warmUp.progress().done());
        TestDatabase.clean();
        clerk = SyncStack.simulator();
        clerk.reset();
        publisher = SyncStack.publisher();
        tenant = "t_" + UUID.randomUUID().toString().substring(0, 8);
        // The API needs a token; these tests look at what the calls do, not at who may make them.
        RestAssured.requestSpecification = ApiTokens.everything();
    }

    @AfterEach
    void quiesce() {
        RestAssured.requestSpecification = null;
        publisher.close();
        // Let this test's commands finish so that none reaches the simulator during the next test.
        await().atMost(TIMEOUT).until(() -> TestDatabase.count(
                "select count(*) from sync_command where status in ('PENDING','IN_FLIGHT')") == 0);
        clerk.clearFaults();
    }

    protected String key(String name) {
        return tenant + "_" + name;
    }

    /** A valid SAML spec whose certificate parses, as Clerk requires. */
    protected ObjectNode samlSpec(String connectionKey, long version, String domain) {
        return RegistryEvents.samlSpec(tenant, connectionKey, version, domain);
    }

    protected ObjectNode oidcSpec(String connectionKey, long version, String domain) {
        return RegistryEvents.oidcSpec(tenant, connectionKey, version, domain);
    }

    protected String domain(String label) {
        return label + "-" + tenant.replace('_', '-') + ".example.com";
    }

    protected Map<String, Object> awaitStatus(String connectionKey, String status) {
        await().atMost(TIMEOUT).until(() -> status.equals(
                TestDatabase.value("select status from connection_state where connection_key = ?", connectionKey)));
        return state(connectionKey);
    }

    protected Map<String, Object> state(String connectionKey) {
        return TestDatabase.rows("select * from connection_state where connection_key = ?", connectionKey).get(0);
    }

    /** Waits until the event is recorded and all its commands are finished; returns its inbox outcome. */
    protected String awaitSettled(RegistryEvents.Event event) {
        await().atMost(TIMEOUT).until(() -> {
            Object outcome = TestDatabase.value("select outcome from inbox_event where event_id = ?", event.id());
            return outcome != null && !"RECEIVED".equals(outcome) && TestDatabase.count("select count(*) from"
                    + " sync_command where source_event_id = ? and status in ('PENDING','IN_FLIGHT')", event.id()) == 0;
        });
        return (String) TestDatabase.value("select outcome from inbox_event where event_id = ?", event.id());
    }

    /** Requests the simulator received (after auth), oldest first. */
    protected List<RecordedRequest> clerkRequests(String method) {
        return clerk.requests().stream().filter(r -> method == null || r.method().equals(method)).toList();
    }

    protected static JsonNode json(String text) {
        try {
            return RegistryEvents.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
