package io.ssosync.sync.dispatch;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service at Clerk's development-instance limit: 100 requests per 10 s. */
public class ClerkQuotaProfile implements QuarkusTestProfile {

    static final int LIMIT = 100;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sso-sync.clerk.rate-limit", String.valueOf(LIMIT), "sso-sync.dispatch.workers", "4");
    }
}
