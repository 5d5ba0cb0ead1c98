package io.ssosync.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ssosync.config.InvalidSettingException;

class StaticTokensTest {

    @Test
    void aTokenListedUnderSeveralRolesHasAllOfThemClearOrByDigest() {
        String digest = HexFormat.of().formatHex(StaticTokens.sha256("s3cret-two"));
        StaticTokens tokens = StaticTokens.parse(Optional.of(" viewer:s3cret-one , auditor:s3cret-two,"
                + "operator:sha256:" + digest.toUpperCase()));

        assertEquals(Set.of(Roles.VIEWER), tokens.match("s3cret-one").orElseThrow().roles());
        assertEquals(Set.of(Roles.AUDITOR, Roles.OPERATOR), tokens.match("s3cret-two").orElseThrow().roles());
        assertTrue(tokens.match("s3cret-three").isEmpty());
        assertTrue(tokens.match(digest).isEmpty(), "a digest is not a token");
    }

    @Test
    void aTokenIsNamedByADigestPrefixNeverByItself() {
        StaticTokens tokens = StaticTokens.parse(Optional.of("viewer:s3cret-one"));
        String name = tokens.match("s3cret-one").orElseThrow().name();

        assertEquals("token:" + HexFormat.of().formatHex(StaticTokens.sha256("s3cret-one")).substring(0, 12), name);
    }

    @Test
    void noSettingMeansNoTokens() {
        assertTrue(StaticTokens.parse(Optional.empty()).isEmpty());
        assertTrue(StaticTokens.parse(Optional.of("  ")).isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "viewer:ok-token,admin:s3cret-x                |entry 2 of 2 must start with a role",
            "s3cret-x                                      |entry 1 of 1 must start with a role",
            "viewer:ok-token,operator:                     |entry 2 of 2 has an empty token",
            "viewer:ok-token,,auditor:ok-token             |entry 2 of 3 must start with a role",
            "operator:sha256:s3cret-x                      |entry 1 of 1 must give the SHA-256",
            "operator:sha256:abcd                          |entry 1 of 1 must give the SHA-256",
    })
    void aMalformedEntryIsNamedByPositionWithoutItsText(String setting, String message) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> StaticTokens.parse(Optional.of(setting.trim())));

        assertTrue(e.getMessage().startsWith("SSO_SYNC_API_TOKENS: " + message), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertFalse(e.getMessage().contains("admin"), e.getMessage());
    }
}
