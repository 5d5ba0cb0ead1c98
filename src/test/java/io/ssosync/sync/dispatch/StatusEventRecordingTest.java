package io.ssosync.sync.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssosync.clerk.ClerkOutcome;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.ServiceProvider;
import io.ssosync.sync.domain.Specs;
import io.ssosync.sync.store.ClaimLostException;
import io.ssosync.sync.store.SyncCommand;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.UnitDatabase;

/** Which writes of dispatch leave a status event, against a real database and a fake Clerk. */
class StatusEventRecordingTest {

    private static final String SAML_ANSWER = "{\"id\":\"entconn_1\",\"object\":\"enterprise_connection\","
            + "\"saml_connection\":{\"id\":\"samlc_1\",\"acs_url\":\"https://clerk.example.test/v1/saml/acs/samlc_1\","
            + "\"sp_entity_id\":\"https://clerk.example.test/saml/samlc_1\","
            + "\"sp_metadata_url\":\"https://clerk.example.test/v1/saml/metadata/samlc_1\"}}";
    private static final ServiceProvider SP = new ServiceProvider("https://clerk.example.test/v1/saml/acs/samlc_1",
            "https://clerk.example.test/saml/samlc_1", "https://clerk.example.test/v1/saml/metadata/samlc_1");

    private final DispatchCore core = new DispatchCore();
    private final ConnectionSpec v1 = Specs.saml("t_acme", "idp_1", 1, "acme.com");

    @Test
    void aClaimTakenOverWhileClerkRefusedItAnnouncesNothingAndTheWorkerThatTookOverAnnouncesOnce() {
        core.desire(v1, Operation.CREATE);
        SyncCommand slow = core.claimOrFail();
        AtomicReference<SyncCommand> takenOver = new AtomicReference<>();
        core.clerk.whileSending(() -> {
            core.expireLease(slow.id());
            takenOver.set(core.claim("worker-b").orElseThrow());
        }).then(FakeClerk.refused(422, "form_identifier_exists"));

        assertThrows(ClaimLostException.class, () -> core.steps.process(slow));

        assertEquals(0, UnitDatabase.count("select count(*) from status_event"), "the refusal was never recorded");
        core.clerk.whileSending(() -> { });
        core.clerk.then(FakeClerk.page("[]", 0)).then(FakeClerk.refused(422, "form_identifier_exists"));
        core.steps.process(takenOver.get());
        List<JsonNode> events = events();
        assertEquals(1, events.size(), events.toString());
        assertEquals("sso-sync.connection.failed", events.get(0).path("type").asText());
        assertEquals(core.state("idp_1").lastError(), events.get(0).at("/data/reason").asText());
    }

    @Test
    void clerksSideIsKeptFromTheCreateAnswerAnnouncedAndForgottenWithTheConnection() {
        core.desire(v1, Operation.CREATE);
        core.clerk.then(new ClerkOutcome.Accepted(FakeClerk.ok(201), FakeClerk.json(SAML_ANSWER)));
        core.steps.process(core.claimOrFail());

        assertEquals(SP, core.state("idp_1").serviceProvider());
        JsonNode synced = events().get(0);
        assertEquals("sso-sync.connection.synced", synced.path("type").asText());
        assertEquals(SP.acsUrl(), synced.at("/data/clerk/acsUrl").asText());
        assertEquals("entconn_1", synced.at("/data/clerkConnectionId").asText());

        // An update Clerk answered without the values (as an OIDC connection's would) keeps them.
        core.desire(Specs.renamed(v1, "Renamed", 2), Operation.UPDATE);
        core.steps.process(core.claimOrFail());
        assertEquals(SP, core.state("idp_1").serviceProvider());

        core.desire(Specs.renamed(v1, "Renamed", 3), Operation.DELETE);
        core.steps.process(core.claimOrFail());

        assertNull(core.state("idp_1").serviceProvider());
        List<JsonNode> events = events();
        assertEquals(List.of("synced:1", "synced:2", "deleted:3"), events.stream()
                .map(e -> e.at("/data/status").asText().toLowerCase() + ":" + e.at("/data/version").asLong()).toList());
        assertEquals(true, events.get(2).at("/data/clerk").isNull());
    }

    @Test
    void anAdoptedConnectionTakesClerksSideFromTheListItWasFoundIn() {
        core.desire(v1, Operation.CREATE);
        core.clerk.then(FakeClerk.inDoubt());
        core.steps.process(core.claimOrFail());
        UnitDatabase.execute("update sync_command set next_attempt_at = now()");
        String listed = "[{\"id\":\"entconn_7\",\"name\":\"" + v1.name() + "\",\"provider\":\"" + v1.provider()
                + "\",\"domains\":[\"acme.com\"],\"saml_connection\":{\"acs_url\":\"" + SP.acsUrl()
                + "\",\"sp_entity_id\":\"" + SP.spEntityId() + "\",\"sp_metadata_url\":\"" + SP.spMetadataUrl()
                + "\"}}]";
        core.clerk.then(FakeClerk.page(listed, 1));

        core.steps.process(core.claimOrFail());

        assertEquals("entconn_7", core.state("idp_1").clerkConnectionId());
        assertEquals(SP, core.state("idp_1").serviceProvider());
    }

    private static List<JsonNode> events() {
        return UnitDatabase.rows("select body from status_event order by id").stream()
                .map(r -> json((String) r.get("body"))).toList();
    }

    private static JsonNode json(String text) {
        try {
            return RegistryEvents.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
