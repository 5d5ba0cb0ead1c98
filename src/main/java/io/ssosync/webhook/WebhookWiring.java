package io.ssosync.webhook;

import io.quarkus.runtime.Startup;
import io.ssosync.config.SsoSyncConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reads the webhook secrets once, at start-up, so that a malformed one stops the service naming the variable. */
public class WebhookWiring {

    @Produces
    @Singleton
    @Startup
    WebhookSecrets secrets(SsoSyncConfig config) {
        return WebhookSecrets.parse(config.webhook().secrets().orElse(""));
    }

    @Produces
    @Singleton
    WebhookSignature signature(WebhookSecrets secrets) {
        return new WebhookSignature(secrets);
    }
}
