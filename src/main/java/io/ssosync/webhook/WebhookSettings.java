package io.ssosync.webhook;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "sso-sync.webhook")
public interface WebhookSettings {

    /** {@code IDP_WEBHOOK_SECRETS}: space-separated {@code whsec_<base64>}; none turns the endpoint off. */
    Optional<String> secrets();
}
