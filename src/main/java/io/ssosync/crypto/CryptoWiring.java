package io.ssosync.crypto;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reads the encryption keys once, at start-up: without a valid key the service does not start. */
public class CryptoWiring {

    @Produces
    @Singleton
    @Startup
    SecretBox secretBox(@ConfigProperty(name = "sso-sync.encryption.keys") Optional<String> keys) {
        return new SecretBox(EncryptionKeys.parse(keys.orElse("")));
    }
}
