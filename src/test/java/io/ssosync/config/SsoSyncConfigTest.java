package io.ssosync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.config.ConfigMapping;
import io.ssosync.testing.SyncStack;
import jakarta.inject.Inject;

/**
 * The one mapping reads its keys, and leaves alone keys under {@code sso-sync.} that other mappings or
 * components own. Quarkus rejects by default a key under a mapping's prefix that no mapping declares
 * (SRCFG00050), which application.properties turns off ({@code quarkus.config.mapping.validate-unknown}).
 */
@QuarkusTest
@TestProfile(SsoSyncConfigTest.ForeignKeys.class)
@WithTestResource(SyncStack.class)
class SsoSyncConfigTest {

    /**
     * A mapping of its own under the same prefix, as another component may add (such as one for
     * {@code sso-sync.encryption}). Optional, since every Quarkus test of this module sees it.
     */
    @ConfigMapping(prefix = "sso-sync.test-foreign")
    public interface ForeignMapping {
        Optional<String> keyRing();
    }

    /** Keys the mapping does not know: one of another mapping, one read without a mapping. */
    public static class ForeignKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sso-sync.test-foreign.key-ring", "owned-by-another-mapping",
                    "sso-sync.http.max-body", "owned-by-another-component",
                    "sso-sync.dispatch.workers", "3");
        }
    }

    @Inject
    SsoSyncConfig config;

    @Inject
    ForeignMapping foreign;

    @Test
    void readsItsKeysAndStartsBesideKeysItDoesNotKnow() {
        assertEquals(3, config.dispatch().workers());
        assertEquals(Duration.ofSeconds(60), config.dispatch().lease());
        assertEquals("1000", config.clerk().rateLimit(), "the %test override of CLERK_RATE_LIMIT's key");
        assertEquals(262_144, config.ingest().maxEventBytes());
        assertEquals(Optional.of("owned-by-another-mapping"), foreign.keyRing());
        assertEquals("owned-by-another-component",
                ConfigProvider.getConfig().getValue("sso-sync.http.max-body", String.class));
    }
}
