package io.ssosync.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.RegistryEvents;

class CloudEventParserTest {

    private static final ObjectNode DATA = RegistryEvents.JSON.createObjectNode().put("tenantId", "t_acme")
            .put("version", 40);
    private static final CloudEvents EVENT = CloudEvents.event("tenant.deleted").data(DATA);

    @Test
    void readsStructuredModeWithoutContentTypeHeader() {
        CloudEvents.Encoded record = EVENT.id("e-1").subject("idp_1").structuredWithoutHeaders();

        CloudEvent event = CloudEventParser.parse(record.headers(), record.value());

        assertEquals("e-1", event.id());
        assertEquals("tenant.deleted", event.type());
        assertEquals("idp_1", event.subject());
        assertEquals(40, event.data().get("version").asInt());
    }

    @Test
    void readsBinaryModeFromHeaders() {
        CloudEvents.Encoded record = EVENT.id("e-2").binary();

        CloudEvent event = CloudEventParser.parse(record.headers(), record.value());

        assertEquals("e-2", event.id());
        assertEquals("t_acme", event.data().get("tenantId").asText());
    }

    @Test
    void namesWhatIsWrong() {
        assertEquals("value", reject(Map.of(), "not json".getBytes(UTF_8)).field());
        assertEquals("id", reject(EVENT.id(null).structuredWithoutHeaders()).field());
        assertEquals("specversion", reject(EVENT.specversion("0.3").structuredWithoutHeaders()).field());
        assertEquals("data", reject(EVENT.data(null).structuredWithoutHeaders()).field());
        assertEquals("ce_type", reject(EVENT.type(null).binary()).field());
        assertEquals("data", reject(EVENT.rawData("[1]").binary()).field());
    }

    @Test
    void aParseErrorTellsWhereButNeverQuotesTheInput() {
        InvalidEventException e = reject(Map.of(), "{\"data\":{\"clientSecret\": sk-very-secret-value}}".getBytes(UTF_8));

        assertEquals("value is not JSON (line 1, column 26)", e.getMessage());
    }

    @Test
    void refusesNulCharactersThatNoDatabaseColumnCouldHold() {
        ObjectNode nulInData = RegistryEvents.JSON.createObjectNode();
        nulInData.putObject("saml").put("idpSsoUrl", "https://x\u0000");
        assertEquals("data.saml.idpSsoUrl", reject(EVENT.data(nulInData).structuredWithoutHeaders()).field());
        assertEquals("ce_subject", reject(EVENT.subject("a\u0000b").binary()).field());
        ObjectNode nulInKey = RegistryEvents.JSON.createObjectNode();
        nulInKey.putObject("saml").put("x\u0000", "y");
        assertEquals("data.saml.x\u0000", reject(EVENT.data(nulInKey).binary()).field());
    }

    @Test
    void aBackslashFollowedByTheLettersOfTheEscapeIsNoNul() {
        ObjectNode data = RegistryEvents.JSON.createObjectNode();
        data.put("name", "\\u0000");

        CloudEvent event = CloudEventParser.parse(Map.of(), EVENT.data(data).structuredWithoutHeaders().value());

        assertEquals("\\u0000", event.data().get("name").asText());
    }

    private static InvalidEventException reject(CloudEvents.Encoded record) {
        return reject(record.headers(), record.value());
    }

    private static InvalidEventException reject(Map<String, String> headers, byte[] value) {
        return assertThrows(InvalidEventException.class, () -> CloudEventParser.parse(headers, value));
    }
}
