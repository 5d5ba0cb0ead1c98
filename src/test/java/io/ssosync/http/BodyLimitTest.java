package io.ssosync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.ssosync.config.InvalidSettingException;

class BodyLimitTest {

    @Test
    void aBodyLimitAtOrAboveTheEventLimitStands() {
        assertEquals(262144, BodyLimit.of(262144, 262144));
        assertEquals(1048576, BodyLimit.of(1048576, 262144));
    }

    @Test
    void aBodyLimitBelowTheEventLimitFailsNamingBothVariables() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> BodyLimit.of(1000, 262144));

        assertTrue(e.getMessage().contains("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE"), e.getMessage());
        assertTrue(e.getMessage().contains("SSO_SYNC_INGEST_MAX_EVENT_BYTES"), e.getMessage());
    }
}
