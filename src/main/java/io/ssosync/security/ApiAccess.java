package io.ssosync.security;

import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.ssosync.config.InvalidSettingException;
import io.ssosync.config.SsoSyncConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may call {@code /api}: holders of a static token, bearers of a JWT from the OIDC provider, or, only when
 * {@code SSO_SYNC_API_AUTH=none} says so, anyone. Checked once at start-up, so that a service nobody can call, or
 * one left open by mistake, does not start.
 */
@ApplicationScoped
public class ApiAccess {

    private static final Logger LOG = Logger.getLogger(ApiAccess.class);

    private final StaticTokens tokens;
    private final boolean open;

    public ApiAccess(SsoSyncConfig config,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean oidcEnabled,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> oidcServer) {
        this.tokens = StaticTokens.parse(config.api().tokens());
        this.open = isOpen(config.api().auth());
        boolean oidc = oidcEnabled && oidcServer.isPresent();
        if (oidcServer.isPresent() && !oidcEnabled) {
            // quarkus-oidc would silently ignore the server: callers would get 401s with no hint why.
            throw new InvalidSettingException("QUARKUS_OIDC_AUTH_SERVER_URL is set but OIDC is off: set"
                    + " QUARKUS_OIDC_TENANT_ENABLED=true as well to accept its tokens on /api");
        }
        if (open && (oidc || !tokens.isEmpty())) {
            throw new InvalidSettingException("SSO_SYNC_API_AUTH=none opens /api to anyone, yet "
                    + (oidc ? "QUARKUS_OIDC_AUTH_SERVER_URL" : "SSO_SYNC_API_TOKENS")
                    + " is set: unset one of them");
        }
        if (!open && !oidc && tokens.isEmpty()) {
            throw new InvalidSettingException("Nobody could call /api: set SSO_SYNC_API_TOKENS (role:token entries),"
                    + " or QUARKUS_OIDC_AUTH_SERVER_URL (with QUARKUS_OIDC_TENANT_ENABLED=true) for JWTs from an"
                    + " OIDC provider, or SSO_SYNC_API_AUTH=none to leave /api open to anyone who reaches the port");
        }
        if (open) {
            LOG.warn("SSO_SYNC_API_AUTH=none: /api is open to anyone who reaches the port, retry and replay"
                    + " included; calls are recorded as made by \"anonymous\"");
        }
    }

    /** True when {@code SSO_SYNC_API_AUTH=none}: every caller may do everything. */
    public boolean open() {
        return open;
    }

    public StaticTokens tokens() {
        return tokens;
    }

    private static boolean isOpen(Optional<String> auth) {
        if (auth.isEmpty() || auth.get().isBlank()) {
            return false;
        }
        if ("none".equals(auth.get().trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        throw new InvalidSettingException("SSO_SYNC_API_AUTH must be \"none\" (no authentication on /api) or unset,"
                + " was \"" + auth.get() + "\"");
    }
}
