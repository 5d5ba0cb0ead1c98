package io.ssosync.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How callers of {@code /api} authenticate; the environment variables are mapped in application.properties. */
@ConfigMapping(prefix = "sso-sync.api")
public interface ApiAuthSettings {

    /** {@code SSO_SYNC_API_TOKENS}: comma-separated {@code role:token} or {@code role:sha256:<hex>} entries. */
    Optional<String> tokens();

    /** {@code SSO_SYNC_API_AUTH}: {@code none} opens the API to anyone; unset, credentials are required. */
    Optional<String> auth();
}
