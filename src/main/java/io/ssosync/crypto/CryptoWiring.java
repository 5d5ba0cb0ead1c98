package io.ssosync.crypto;

import io.quarkus.runtime.Startup;
import io.ssosync.config.SsoSyncConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reads the encryption keys once, at start-up: without a valid key the service does not start. */
public class CryptoWiring {

    @Produces
    @Singleton
    @Startup
    SecretBox secretBox(SsoSyncConfig config) {
        return new SecretBox(EncryptionKeys.parse(config.encryption().keys().orElse("")));
    }
}
