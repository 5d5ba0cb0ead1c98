package io.ssosync.http;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "sso-sync.http")
public interface HttpSettings {

    /**
     * {@code SSO_SYNC_HTTP_HSTS}: the {@code Strict-Transport-Security} value to send, e.g.
     * {@code max-age=31536000}; unset, none is sent (the service itself speaks plain HTTP behind a TLS proxy).
     */
    Optional<String> hsts();
}
