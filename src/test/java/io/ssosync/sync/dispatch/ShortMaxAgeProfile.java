package io.ssosync.sync.dispatch;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Commands that keep failing are parked after 3 s instead of a day. */
public class ShortMaxAgeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sso-sync.dispatch.max-age", "PT3S");
    }
}
