package io.ssosync.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.ssosync.testing.CloudEvents;

class RedactionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void masksSecretsAtAnyDepthAndLeavesTheInputAlone() throws Exception {
        JsonNode body = JSON.readTree("""
                {"name":"n","idp_certificate":"CERT","saml":{"idp_certificate":"CERT2"},
                 "oidc":{"client_id":"cid","client_secret":"SECRET"},"list":[{"clientSecret":"S3"}]}""");

        JsonNode redacted = Redaction.redact(body);

        assertEquals(JSON.readTree("""
                {"name":"n","idp_certificate":"[redacted]","saml":{"idp_certificate":"[redacted]"},
                 "oidc":{"client_id":"cid","client_secret":"[redacted]"},"list":[{"clientSecret":"[redacted]"}]}"""),
                redacted);
        assertEquals("SECRET", body.get("oidc").get("client_secret").asText());
        assertFalse(redacted.toString().contains("CERT"));
    }

    @Test
    void textThatIsNotJsonIsCutWhereASecretIsNotAPlainString() {
        assertEquals("{\"a\":1,\"clientSecret\":\"[redacted]\",\"b\":2}",
                Redaction.redactText("{\"a\":1,\"clientSecret\":\"S1\",\"b\":2}"));
        String unquoted = Redaction.redactText("{\"a\":1,\"clientSecret\": S2-UNQUOTED, \"b\":2}");
        String escaped = Redaction.redactText("{\"data\":\"{\\\"clientSecret\\\":\\\"S3-ESCAPED");

        assertTrue(unquoted.startsWith("{\"a\":1,\"clientSecret[redacted]"), unquoted);
        assertFalse(unquoted.contains("S2") || escaped.contains("S3"), unquoted + escaped);
    }

    @Test
    void masksIdpMetadataEverywhere() throws Exception {
        JsonNode redacted = Redaction.redact(JSON.readTree("""
                {"saml":{"idpMetadata":"<EntityDescriptor>META</EntityDescriptor>","idp_metadata":"META2"}}"""));

        assertFalse(redacted.toString().contains("META"), redacted.toString());
        assertFalse(Redaction.redactText("{\"idpMetadata\":\"<Entity>META").contains("META"));
    }

    @Test
    void anEnvelopeHidesNoSecretInDataGivenAsAJsonStringOrAsBase64() throws Exception {
        String nested = JSON.writeValueAsString(JSON.readTree("""
                {"oidc":{"clientSecret":"NESTED-SECRET"},"saml":{"idpCertificate":"NESTED-CERT"}}"""));
        CloudEvents event = CloudEvents.event("idp.connection.upserted");
        JsonNode stringData = event.data(TextNode.valueOf(nested)).envelope();
        JsonNode brokenStringData = event.data(TextNode.valueOf("{\"clientSecret\":\"CUT-SECRET")).envelope();
        String base64 = java.util.Base64.getEncoder().encodeToString(nested.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode base64Data = event.attribute("data_base64", base64).envelope();

        String shown = Redaction.redactEnvelope(stringData).toString() + Redaction.redactEnvelope(brokenStringData)
                + Redaction.redactEnvelope(base64Data);

        assertFalse(shown.contains("NESTED-SECRET") || shown.contains("NESTED-CERT") || shown.contains("CUT-SECRET")
                || shown.contains(base64), shown);
        assertEquals("1.0", Redaction.redactEnvelope(base64Data).get("specversion").asText());
    }
}
