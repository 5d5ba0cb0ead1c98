package io.ssosync.security;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The test profile with OIDC on, against {@link JwksServer}; the static test tokens stay configured. */
public class OidcProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(JwksServer.class));
    }
}
