package io.ssosync.crypto;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.ssosync.testing.TestKeys;

/** A new key put first, the tests' usual key (which sealed what is stored) still there to open old values. */
public class RotatedKeysProfile implements QuarkusTestProfile {

    static final String NEW_KEY = "test-k2:bmV3LWtleS1wdXQtZmlyc3QtZm9yLXJvdGF0aW9uISE=";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sso-sync.encryption.keys", NEW_KEY + "," + TestKeys.SETTING);
    }
}
