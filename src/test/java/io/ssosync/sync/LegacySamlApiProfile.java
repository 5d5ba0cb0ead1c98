package io.ssosync.sync;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service configured for Clerk's legacy /v1/saml_connections API (CLERK_API=saml). */
public class LegacySamlApiProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sso-sync.clerk.api", "saml");
    }
}
