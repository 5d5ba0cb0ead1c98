package io.ssosync.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
}
