package io.ssosync.webhook;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sso-sync.webhook")
public interface WebhookSettings {

    /** {@code IDP_WEBHOOK_SECRETS}: space-separated {@code whsec_<base64>}; none turns the endpoint off. */
    Optional<String> secrets();

    /** How far a delivery's timestamp may be from our clock, either way (Standard Webhooks suggests 5 minutes). */
    @WithDefault("PT5M")
    Duration tolerance();
}
