package io.ssosync.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.ssosync.security.ConsoleOidcSettings;

/**
 * Every range the start-up checks enforce, read as the packaged service reads it: the environment variable
 * over application.properties, through the one mapping. StartupSettingsIT tries a few of these on the
 * packaged jar from outside.
 */
class StartupChecksTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CLERK_SECRET_KEY|        |CLERK_SECRET_KEY is not set",
            "CLERK_API       |ldap    |CLERK_API must be \"enterprise\" or \"saml\"",
            "CLERK_API_URL   |not a url|CLERK_API_URL must be an http(s) URL",
            "CLERK_RATE_LIMIT|0       |CLERK_RATE_LIMIT must be a whole number from 1 to 100000",
            "CLERK_RATE_LIMIT|many    |CLERK_RATE_LIMIT must be a whole number from 1 to 100000",
            "CLERK_RATE_LIMIT|1000000 |CLERK_RATE_LIMIT must be a whole number from 1 to 100000",
            "CLERK_TIMEOUT_MS|0       |CLERK_TIMEOUT_MS must be a whole number from 1",
            "CLERK_TIMEOUT_MS|soon    |CLERK_TIMEOUT_MS must be a whole number from 1",
            "SSO_SYNC_INGEST_MAX_EVENT_BYTES|0|SSO_SYNC_INGEST_MAX_EVENT_BYTES must be a whole number from 1024",
            "SSO_SYNC_INGEST_MAX_OUTBOX|0|SSO_SYNC_INGEST_MAX_OUTBOX must be a whole number from 1",
            "SSO_SYNC_INGEST_CONSUMERS|0|SSO_SYNC_INGEST_CONSUMERS must be a whole number from 1 to 64",
            "SSO_SYNC_INGEST_CONSUMERS|65|SSO_SYNC_INGEST_CONSUMERS must be a whole number from 1 to 64",
            "SSO_SYNC_DISPATCH_WORKERS|0|SSO_SYNC_DISPATCH_WORKERS must be a whole number from 1 to 64",
            "SSO_SYNC_DISPATCH_LEASE|PT0S|SSO_SYNC_DISPATCH_LEASE must be a duration above zero",
            "SSO_SYNC_DISPATCH_RETRY_MAX_DELAY|PT0.1S|SSO_SYNC_DISPATCH_RETRY_MAX_DELAY (PT0.1S) must not be shorter",
            "SSO_SYNC_DISPATCH_MAX_AGE|P400D|SSO_SYNC_DISPATCH_MAX_AGE must be a duration above zero and at most",
            "SSO_SYNC_AUDIT_RETENTION|PT0S|SSO_SYNC_AUDIT_RETENTION must be a duration above zero",
            "SSO_SYNC_AUDIT_RETENTION_INTERVAL|P2D|SSO_SYNC_AUDIT_RETENTION_INTERVAL must be a duration above zero",
            "SSO_SYNC_METRICS_REFRESH_INTERVAL|PT0S|SSO_SYNC_METRICS_REFRESH_INTERVAL must be a duration above zero",
            "SSO_SYNC_RECONCILE_INTERVAL|PT10S|SSO_SYNC_RECONCILE_INTERVAL must be a duration from PT1M to PT8760H",
            "SSO_SYNC_RECONCILE_INTERVAL|P2000D|SSO_SYNC_RECONCILE_INTERVAL must be a duration from PT1M to PT8760H",
            "SSO_SYNC_CONSOLE_SESSION_LIFETIME|PT30S|SSO_SYNC_CONSOLE_SESSION_LIFETIME must be a duration from PT1M to PT720H",
            "SSO_SYNC_CONSOLE_SESSION_LIFETIME|P31D|SSO_SYNC_CONSOLE_SESSION_LIFETIME must be a duration from PT1M to PT720H",
            "SSO_SYNC_CONSOLE_OIDC_CLIENT_ID|sso-sync-console|SSO_SYNC_CONSOLE_OIDC_SERVER_URL and SSO_SYNC_CONSOLE_OIDC_CLIENT_SECRET are not set",
            "SSO_SYNC_CONSOLE_OIDC_SERVER_URL|idp.example.com|SSO_SYNC_CONSOLE_OIDC_SERVER_URL must be an http(s) URL",
    })
    void aBadSettingIsRefusedNamingItsVariable(String name, String value, String message) {
        Map<String, String> env = validEnvironment();
        env.put(name, value == null ? "" : value);

        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> check(env));

        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }

    @Test
    void aConsoleOidcClientWithoutItsServerNamesTheMissingVariableButNeverTheSecret() {
        Map<String, String> env = validEnvironment();
        env.put("SSO_SYNC_CONSOLE_OIDC_CLIENT_ID", "sso-sync-console");
        env.put("SSO_SYNC_CONSOLE_OIDC_CLIENT_SECRET", "the-console-client-secret");

        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> check(env));

        assertTrue(refused.getMessage().contains("SSO_SYNC_CONSOLE_OIDC_SERVER_URL is not set"), refused.getMessage());
        assertFalse(refused.getMessage().contains("the-console-client-secret"), refused.getMessage());
    }

    @Test
    void theDefaultsAndTheExtremesOfEachRangePass() {
        assertDoesNotThrow(() -> check(validEnvironment()));
        Map<String, String> extremes = validEnvironment();
        extremes.put("CLERK_RATE_LIMIT", "1");
        extremes.put("SSO_SYNC_DISPATCH_WORKERS", "64");
        extremes.put("SSO_SYNC_RECONCILE_INTERVAL", "PT1M");
        extremes.put("SSO_SYNC_AUDIT_RETENTION", "P400D");
        extremes.put("SSO_SYNC_CONSOLE_SESSION_LIFETIME", "P30D");
        extremes.put("SSO_SYNC_CONSOLE_OIDC_SERVER_URL", "https://idp.example.com/realms/corp");
        extremes.put("SSO_SYNC_CONSOLE_OIDC_CLIENT_ID", "sso-sync-console");
        extremes.put("SSO_SYNC_CONSOLE_OIDC_CLIENT_SECRET", "the-console-client-secret");
        assertDoesNotThrow(() -> check(extremes));
    }

    private static Map<String, String> validEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("CLERK_SECRET_KEY", "sk_test_checks");
        return env;
    }

    private static void check(Map<String, String> env) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(StartupChecksTest.class.getResource("/application.properties"),
                        250))
                .withMapping(SsoSyncConfig.class)
                .withValidateUnknown(false)
                .build();
        SsoSyncConfig settings = config.getConfigMapping(SsoSyncConfig.class);
        new ClerkSettings(settings);
        new ConsoleOidcSettings(settings.console().oidc(), false);
        StartupChecks.checkRanges(settings);
    }
}
