package io.ssosync.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.ssosync.config.InvalidSettingException;

class WebhookSecretsTest {

    @Test
    void noSecretTurnsTheEndpointOff() {
        assertFalse(WebhookSecrets.parse("").configured());
        assertFalse(WebhookSecrets.parse(null).configured());
    }

    @Test
    void severalSecretsAreSeparatedBySpaces() {
        WebhookSecrets secrets = WebhookSecrets.parse(
                "  whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw   whsec_c2Vjb25kLXNlY3JldC1mb3ItdGVzdHMtb25seQ== ");
        assertTrue(secrets.configured());
        assertTrue(secrets.keys().size() == 2);
    }

    @Test
    void aMalformedSecretIsRefusedNamingTheVariableAndPositionButNotTheValue() {
        assertRefused("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "entry 2 of",
                "MfKQ9r8G");
        assertRefused("whsec_%%%notbase64%%%", "base64", "notbase64");
        assertRefused("whsec_c2hvcnQ=", "at least 24", "c2hvcnQ");
    }

    private static void assertRefused(String value, String says, String secretPart) {
        String message = assertThrows(InvalidSettingException.class, () -> WebhookSecrets.parse(value)).getMessage();
        assertTrue(message.contains("IDP_WEBHOOK_SECRETS") && message.contains(says), message);
        assertFalse(message.contains(secretPart), message);
    }
}
