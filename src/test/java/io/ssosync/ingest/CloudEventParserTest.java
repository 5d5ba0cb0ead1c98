package io.ssosync.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CloudEventParserTest {

    private static final String DATA = "{\"tenantId\":\"t_acme\",\"version\":40}";

    @Test
    void readsStructuredModeWithoutContentTypeHeader() {
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/idp-registry\",\"type\":\"tenant.deleted\","
                + "\"subject\":\"idp_1\",\"time\":\"2026-11-25T10:00:00Z\",\"data\":" + DATA + "}";

        CloudEvent event = CloudEventParser.parse(Map.of(), envelope.getBytes(UTF_8));

        assertEquals("e-1", event.id());
        assertEquals("tenant.deleted", event.type());
        assertEquals("idp_1", event.subject());
        assertEquals(40, event.data().get("version").asInt());
    }

    @Test
    void readsBinaryModeFromHeaders() {
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", "e-2", "ce_source", "/idp-registry",
                "ce_type", "tenant.deleted", "content-type", "application/json");

        CloudEvent event = CloudEventParser.parse(headers, DATA.getBytes(UTF_8));

        assertEquals("e-2", event.id());
        assertEquals("t_acme", event.data().get("tenantId").asText());
    }

    @Test
    void namesWhatIsWrong() {
        assertEquals("value", reject(Map.of(), "not json").field());
        assertEquals("id", reject(Map.of(), "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}").field());
        assertEquals("specversion",
                reject(Map.of(), "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}").field());
        assertEquals("data", reject(Map.of(), "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}").field());
        assertEquals("ce_type", reject(Map.of("ce_specversion", "1.0", "ce_id", "1", "ce_source", "s"), DATA).field());
        assertEquals("data", reject(Map.of("ce_specversion", "1.0", "ce_id", "1", "ce_source", "s", "ce_type", "t"),
                "[1]").field());
    }

    @Test
    void aParseErrorTellsWhereButNeverQuotesTheInput() {
        InvalidEventException e = reject(Map.of(), "{\"data\":{\"clientSecret\": sk-very-secret-value}}");

        assertEquals("value is not JSON (line 1, column 26)", e.getMessage());
    }

    @Test
    void refusesNulCharactersThatNoDatabaseColumnCouldHold() {
        String nulInData = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\","
                + "\"data\":{\"saml\":{\"idpSsoUrl\":\"https://x\\u0000\"}}}";
        assertEquals("data.saml.idpSsoUrl", reject(Map.of(), nulInData).field());
        assertEquals("ce_subject", reject(Map.of("ce_specversion", "1.0", "ce_id", "1", "ce_source", "s", "ce_type", "t",
                "ce_subject", "a\u0000b"), DATA).field());
    }

    private static InvalidEventException reject(Map<String, String> headers, String value) {
        return assertThrows(InvalidEventException.class, () -> CloudEventParser.parse(headers, value.getBytes(UTF_8)));
    }
}
