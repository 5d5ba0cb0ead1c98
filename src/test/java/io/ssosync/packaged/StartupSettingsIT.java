package io.ssosync.packaged;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ssosync.testing.PackagedApp;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.kafka.EmbeddedKafka;

/** A missing or wrong setting stops the packaged service at start-up with a message naming it. */
class StartupSettingsIT {

    private static ClerkSimulator clerk;

    @BeforeAll
    static void startParts() {
        TestDatabase.createIfMissing();
        clerk = ClerkSimulator.start();
    }

    @AfterAll
    static void stopParts() {
        clerk.close();
    }

    /** One case of each kind from outside; StartupChecksTest and EncryptionKeysTest try every range. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CLERK_SECRET_KEY|        |CLERK_SECRET_KEY is not set",
            "CLERK_API       |ldap    |CLERK_API must be \"enterprise\" or \"saml\"",
            "CLERK_RATE_LIMIT|many    |CLERK_RATE_LIMIT must be a whole number from 1 to 100000",
            "SSO_SYNC_DISPATCH_RETRY_MAX_DELAY|PT0.1S|SSO_SYNC_DISPATCH_RETRY_MAX_DELAY (PT0.1S) must not be shorter",
            "SSO_SYNC_RECONCILE_INTERVAL|PT10S|SSO_SYNC_RECONCILE_INTERVAL must be a duration from PT1M to PT8760H",
            "SSO_SYNC_ENCRYPTION_KEYS|k1:c2hvcnQta2V5|SSO_SYNC_ENCRYPTION_KEYS entry 1 (key k1) is 9 bytes",
    })
    void badSettingStopsStartUpNamingIt(String name, String value, String message) {
        Map<String, String> env = PackagedAppEnvironment.of(EmbeddedKafka.shared(), "it-settings", clerk);
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }

        try (PackagedApp app = PackagedApp.start("settings-" + name.toLowerCase(), env)) {
            int exit = app.awaitExit(Duration.ofSeconds(90));

            assertNotEquals(0, exit);
            assertTrue(app.output().contains(message), app.output());
        }
    }

    @Test
    void withoutAnEncryptionKeyTheServiceDoesNotStart() {
        Map<String, String> env = PackagedAppEnvironment.of(EmbeddedKafka.shared(), "it-settings", clerk);
        env.put("SSO_SYNC_ENCRYPTION_KEYS", "");

        try (PackagedApp app = PackagedApp.start("settings-no-encryption-key", env)) {
            int exit = app.awaitExit(Duration.ofSeconds(90));

            assertNotEquals(0, exit);
            assertTrue(app.output().contains("SSO_SYNC_ENCRYPTION_KEYS is not set"), app.output());
        }
    }

    @Test
    void theSmallestRateLimitStarts() {
        Map<String, String> env = PackagedAppEnvironment.of(EmbeddedKafka.shared(), "it-settings", clerk);
        env.put("CLERK_RATE_LIMIT", "1");

        try (PackagedApp app = PackagedApp.start("settings-rate-limit-1", env)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> app.isReady() || !app.isAlive());

            assertTrue(app.isReady(), app.output());
        }
    }
}
