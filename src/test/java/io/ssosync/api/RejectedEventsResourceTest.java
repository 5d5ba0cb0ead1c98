package io.ssosync.api;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.TestKeys;
import io.ssosync.testing.ConnectionSpecs;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** The operator's view of rejected events: list them (secrets hidden), replay them as stored or corrected. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class RejectedEventsResourceTest extends PipelineTest {

    private static final String CERTIFICATE = "MIIC-TOP-SECRET-CERTIFICATE";
    private static final String CLIENT_SECRET = ConnectionSpecs.OIDC_CLIENT_SECRET;

    @Test
    void listsARejectionWithItsReasonOriginAndRedactedPayload() {
        // Structured SAML with an upper-case domain; binary OIDC that also carries a saml block.
        ObjectNode saml = ConnectionSpecs.saml(tenant, key("okta")).domains("Acme.COM").certificate(CERTIFICATE).build();
        RegistryEvents.Event samlEvent = RegistryEvents.upserted(saml);
        RecordMetadata samlAt = publisher.structured(samlEvent);
        ObjectNode oidc = RegistryEvents.oidcSpec(tenant, key("entra"), 1, domain("entra"));
        oidc.putObject("saml").put("idpCertificate", CERTIFICATE);
        RegistryEvents.Event oidcEvent = RegistryEvents.upserted(oidc);
        RecordMetadata oidcAt = publisher.binary(oidcEvent);
        awaitRejections(2);

        String list = given().get("/api/rejected-events").then().statusCode(200).extract().asString();
        assertSecretsHidden(list);
        JsonPath all = JsonPath.from(list);
        assertEquals(2, all.getInt("size()"));
        // Newest first.
        assertEquals(oidcEvent.id(), all.getString("[0].eventId"));
        assertEquals(samlEvent.id(), all.getString("[1].eventId"));

        long samlId = all.getLong("[1].id");
        String one = given().get("/api/rejected-events/" + samlId).then().statusCode(200)
                .body("id", equalTo((int) samlId))
                .body("eventId", equalTo(samlEvent.id()))
                .body("eventType", equalTo("idp.connection.upserted"))
                .body("reason", equalTo("data.domains[0] \"Acme.COM\" is not a lower-case domain name"))
                .body("topic", equalTo(SyncStack.TOPIC))
                .body("partition", equalTo(samlAt.partition()))
                .body("offset", equalTo((int) samlAt.offset()))
                .body("rejectedAt", notNullValue())
                .body("replayedAt", nullValue())
                .body("replayOutcome", nullValue())
                .body("payloadText", nullValue())
                .body("payload.id", equalTo(samlEvent.id()))
                .body("payload.data.connectionKey", equalTo(key("okta")))
                .body("payload.data.saml.idpCertificate", equalTo("[redacted]"))
                .body("payload.data.saml.idpEntityId", equalTo("http://www.okta.com/exk1"))
                .extract().asString();
        assertSecretsHidden(one);

        long oidcId = all.getLong("[0].id");
        String binary = given().get("/api/rejected-events/" + oidcId).then().statusCode(200)
                .body("eventId", equalTo(oidcEvent.id()))
                .body("reason", equalTo("data.saml must be null when protocol is oidc"))
                .body("topic", equalTo(SyncStack.TOPIC))
                .body("partition", equalTo(oidcAt.partition()))
                .body("offset", equalTo((int) oidcAt.offset()))
                // Binary mode: the value is the data object alone.
                .body("payload.connectionKey", equalTo(key("entra")))
                .body("payload.oidc.clientSecret", equalTo("[redacted]"))
                .body("payload.oidc.clientId", equalTo("client-123"))
                .body("payload.saml.idpCertificate", equalTo("[redacted]"))
                .extract().asString();
        assertSecretsHidden(binary);
        // The database keeps the raw bytes, secrets included, for replay: sealed, so only the key opens them.
        Object stored = TestDatabase.value("select raw_value from rejected_event where id = ?", oidcId);
        assertFalse(new String((byte[]) stored, UTF_8).contains(CLIENT_SECRET));
        assertTrue(new String(TestKeys.openRawValue(stored), UTF_8).contains(CLIENT_SECRET));
    }

    @Test
    void secretsStayHiddenWhenThePayloadIsNotJson() {
        // Binary-mode data cut short right after the client secret, and SAML data cut inside the certificate:
        // the view shows such values as text, and the secrets must not be in it.
        ObjectNode oidc = RegistryEvents.oidcSpec(tenant, key("entra"), 1, domain("entra"));
        byte[] oidcBytes = json(oidc);
        byte[] cutAfterSecret = cutAfter(oidcBytes, CLIENT_SECRET + "\"");
        publisher.raw(tenant, cutAfterSecret, binaryHeaders("ev-cut-1-" + tenant));
        ObjectNode saml = ConnectionSpecs.saml(tenant, key("okta")).domains(domain("okta")).certificate(CERTIFICATE)
                .build();
        byte[] cutInsideCertificate = cutAfter(json(saml), CERTIFICATE.substring(0, 12));
        publisher.raw(tenant, cutInsideCertificate, binaryHeaders("ev-cut-2-" + tenant));
        awaitRejections(2);

        String list = given().get("/api/rejected-events").then().statusCode(200).extract().asString();
        assertSecretsHidden(list);
        assertFalse(list.contains(CERTIFICATE.substring(0, 12)), list);
        JsonPath all = JsonPath.from(list);
        for (int i = 0; i < 2; i++) {
            assertTrue(all.getString("[" + i + "].reason").startsWith("value is not JSON"), list);
            assertTrue(all.get("[" + i + "].payload") == null, list);
            String text = all.getString("[" + i + "].payloadText");
            assertTrue(text.contains("\"tenantId\":\"" + tenant + "\""), text);
            assertTrue(text.contains("[redacted]"), text);
        }
    }

    @Test
    void replayWithoutBodyOfAStillInvalidEventIs422WithTheReason() {
        ObjectNode noTenant = samlSpec(key("okta"), 1, domain("acme"));
        noTenant.remove("tenantId");
        publisher.structured(new RegistryEvents.Event(RegistryEvents.newId(), "idp.connection.upserted", tenant,
                key("okta"), noTenant));
        long id = awaitRejections(1).get(0);

        given().post("/api/rejected-events/" + id + "/replay").then().statusCode(422)
                .body("id", equalTo((int) id))
                .body("reason", equalTo("data.tenantId is missing"));

        given().get("/api/rejected-events/" + id).then().statusCode(200)
                .body("replayedAt", notNullValue())
                .body("replayOutcome", equalTo("REJECTED: data.tenantId is missing"));
        assertEquals(0, TestDatabase.count("select count(*) from inbox_event"));
        assertEquals(0, TestDatabase.count("select count(*) from connection_state"));
        assertTrue(clerk.requests().isEmpty());
    }

    @Test
    void replayWithACorrectedEnvelopeSyncsTheConnection() {
        String key = key("okta");
        ObjectNode broken = samlSpec(key, 1, "Acme.COM");
        RegistryEvents.Event event = RegistryEvents.upserted(broken);
        RecordMetadata at = publisher.binary(event);
        long id = awaitRejections(1).get(0);
        assertTrue(clerk.connections().isEmpty());

        ObjectNode fixed = broken.deepCopy();
        fixed.putArray("domains").add(domain("acme"));
        RegistryEvents.Event corrected = new RegistryEvents.Event(event.id(), event.type(), tenant, key, fixed);
        given().contentType(CloudEvents.STRUCTURED_CONTENT_TYPE).body(corrected.cloudEvent().structuredValue())
                .post("/api/rejected-events/" + id + "/replay").then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("eventId", equalTo(event.id()))
                .body("outcome", equalTo("CHANGED"));

        awaitStatus(key, "SYNCED");
        assertEquals(1, clerk.connections().size());
        assertEquals(List.of(domain("acme")), clerk.connections().get(0).domains());
        given().get("/api/rejected-events/" + id).then().statusCode(200)
                .body("replayedAt", notNullValue())
                .body("replayOutcome", equalTo("CHANGED"))
                .body("reason", startsWith("data.domains[0]"));
        // The accepted event keeps the Kafka position it first arrived at.
        Map<String, Object> inbox = TestDatabase.rows("select kafka_partition, kafka_offset from inbox_event"
                + " where event_id = ?", event.id()).get(0);
        assertEquals(at.partition(), inbox.get("kafka_partition"));
        assertEquals(at.offset(), inbox.get("kafka_offset"));

        // The same correction again is a redelivery: it changes nothing.
        given().contentType(CloudEvents.STRUCTURED_CONTENT_TYPE).body(corrected.cloudEvent().structuredValue())
                .post("/api/rejected-events/" + id + "/replay").then().statusCode(200)
                .body("outcome", equalTo("DUPLICATE"));
        assertEquals(1, clerk.connections().size());
    }

    @Test
    void unknownIdIs404() {
        given().get("/api/rejected-events/987654321").then().statusCode(404);
        given().post("/api/rejected-events/987654321/replay").then().statusCode(404);
        given().contentType("application/cloudevents+json").body("{}")
                .post("/api/rejected-events/987654321/replay").then().statusCode(404);
        given().get("/api/rejected-events").then().statusCode(200).body("size()", equalTo(0));
    }

    /** Waits for exactly this many rejections; their ids, oldest first. */
    @Test
    void noSecretShowsInDataGivenAsAJsonStringAsBase64OrInAParseError() throws Exception {
        ObjectNode oidc = RegistryEvents.oidcSpec(tenant, key("entra"), 1, domain("entra"));
        ((ObjectNode) oidc.get("oidc")).put("clientSecret", CLIENT_SECRET);
        oidc.putObject("saml").put("idpMetadata", "<EntityDescriptor>" + CERTIFICATE + "</EntityDescriptor>");
        String nested = RegistryEvents.JSON.writeValueAsString(oidc);
        CloudEvents event = RegistryEvents.upserted(oidc).cloudEvent();
        byte[] stringData = event.rawData(RegistryEvents.JSON.writeValueAsString(nested)).structuredValue();
        byte[] base64Data = event.data(null)
                .attribute("data_base64", java.util.Base64.getEncoder().encodeToString(nested.getBytes(UTF_8)))
                .structuredValue();
        byte[] unparseable = ("{\"data\":{\"clientSecret\": " + CLIENT_SECRET + "}}").getBytes(UTF_8);
        publisher.raw(tenant, stringData);
        publisher.raw(tenant, base64Data);
        publisher.raw(tenant, unparseable);
        List<Long> ids = awaitRejections(3);

        assertSecretsHidden(given().get("/api/rejected-events").then().statusCode(200).extract().asString());
        for (long id : ids) {
            assertSecretsHidden(given().get("/api/rejected-events/" + id).then().statusCode(200).extract().asString());
        }
        assertSecretsHidden(TestDatabase.rows("select reason from rejected_event").toString());
    }

    private static List<Long> awaitRejections(int count) {
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from rejected_event") >= count);
        List<Long> ids = TestDatabase.rows("select id from rejected_event order by id").stream()
                .map(row -> (Long) row.get("id")).toList();
        assertEquals(count, ids.size());
        return ids;
    }

    private static void assertSecretsHidden(String answer) {
        assertFalse(answer.contains(CERTIFICATE), answer);
        assertFalse(answer.contains(CLIENT_SECRET), answer);
        org.hamcrest.MatcherAssert.assertThat(answer, not(containsString("TOP-SECRET")));
    }

    private Map<String, String> binaryHeaders(String eventId) {
        return CloudEvents.event("idp.connection.upserted").id(eventId).binary().headers();
    }

    /** The bytes up to and including the first occurrence of {@code marker}. */
    private static byte[] cutAfter(byte[] value, String marker) {
        int at = new String(value, UTF_8).indexOf(marker);
        assertTrue(at >= 0, marker);
        return Arrays.copyOf(value, at + marker.getBytes(UTF_8).length);
    }

    private static byte[] json(Object node) {
        try {
            return RegistryEvents.JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
