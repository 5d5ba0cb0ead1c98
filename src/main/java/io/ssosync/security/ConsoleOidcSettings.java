package io.ssosync.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ssosync.config.InvalidSettingException;
import io.ssosync.config.SsoSyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether people may sign in to the console through the OIDC provider, and as which client. The server, client id
 * and client secret come together or not at all: one without the others is a mistake that would otherwise show only
 * when someone first tries to sign in, so it stops start-up naming what is missing. The secret is never put in a
 * message.
 */
@ApplicationScoped
public class ConsoleOidcSettings {

    static final String SERVER_URL = "SSO_SYNC_CONSOLE_OIDC_SERVER_URL";
    static final String CLIENT_ID = "SSO_SYNC_CONSOLE_OIDC_CLIENT_ID";
    static final String CLIENT_SECRET = "SSO_SYNC_CONSOLE_OIDC_CLIENT_SECRET";

    /** The client's settings, present only when all three are set. */
    public record Client(String serverUrl, String clientId, String clientSecret, String roleClaimPath,
            List<String> scopes) {

        @Override
        public String toString() {
            // Never the secret: records end up in messages.
            return "Client[" + serverUrl + ", " + clientId + "]";
        }
    }

    private final Optional<Client> client;

    @Inject
    public ConsoleOidcSettings(SsoSyncConfig config, ApiAccess access) {
        this(config.console().oidc(), access.open());
    }

    /** For the start-up checks' test, which reads the settings as the service does. */
    public ConsoleOidcSettings(SsoSyncConfig.ConsoleOidc settings, boolean apiOpen) {
        this.client = client(settings);
        if (client.isPresent() && apiOpen) {
            throw new InvalidSettingException("SSO_SYNC_API_AUTH=none opens /console to anyone, yet " + SERVER_URL
                    + " is set for signing in to it: unset one of them");
        }
    }

    public boolean enabled() {
        return client.isPresent();
    }

    public Optional<Client> client() {
        return client;
    }

    private static Optional<Client> client(SsoSyncConfig.ConsoleOidc settings) {
        Optional<String> server = present(settings.serverUrl());
        Optional<String> id = present(settings.clientId());
        Optional<String> secret = present(settings.clientSecret());
        if (server.isEmpty() && id.isEmpty() && secret.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        server.ifPresentOrElse(url -> checkUrl(url), () -> missing.add(SERVER_URL));
        id.ifPresentOrElse(value -> { }, () -> missing.add(CLIENT_ID));
        secret.ifPresentOrElse(value -> { }, () -> missing.add(CLIENT_SECRET));
        if (!missing.isEmpty()) {
            throw new InvalidSettingException("Console sign-in through OIDC is half-configured: " + String.join(" and ",
                    missing) + (missing.size() == 1 ? " is" : " are") + " not set; set " + SERVER_URL + ", "
                    + CLIENT_ID + " and " + CLIENT_SECRET + " together, or none of them to turn it off");
        }
        return Optional.of(new Client(server.get(), id.get(), secret.get(), settings.roleClaimPath().trim(),
                settings.scopes().orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList()));
    }

    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new InvalidSettingException(SERVER_URL + " must be an http(s) URL, the provider's issuer, e.g."
                    + " https://idp.example.com/realms/corp");
        }
    }

    private static Optional<String> present(Optional<String> value) {
        return value.map(String::trim).filter(text -> !text.isEmpty());
    }
}
