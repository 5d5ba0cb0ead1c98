package io.ssosync.packaged;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CLERK_SECRET_KEY|        |CLERK_SECRET_KEY is not set",
            "CLERK_API       |ldap    |CLERK_API must be \"enterprise\" or \"saml\"",
            "CLERK_API_URL   |not a url|CLERK_API_URL must be an http(s) URL",
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
}
