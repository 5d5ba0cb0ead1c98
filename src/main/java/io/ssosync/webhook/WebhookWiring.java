package io.ssosync.webhook;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reads the webhook secrets once, at start-up, so that a malformed one stops the service naming the variable. */
public class WebhookWiring {

    @Produces
    @Singleton
    @Startup
    WebhookSecrets secrets(WebhookSettings settings) {
        return WebhookSecrets.parse(settings.secrets().orElse(""));
    }

    @Produces
    @Singleton
    WebhookSignature signature(WebhookSecrets secrets) {
        return new WebhookSignature(secrets);
    }
}
