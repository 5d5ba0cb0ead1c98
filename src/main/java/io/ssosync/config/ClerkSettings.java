package io.ssosync.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ssosync.sync.domain.ClerkApi;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Clerk settings, checked once at start-up so that a wrong setting stops the service with a
 * message naming the environment variable, instead of failing every call later.
 */
@ApplicationScoped
public class ClerkSettings {

    private final ClerkApi api;

    public ClerkSettings(
            @ConfigProperty(name = "clerk.secret-key") Optional<String> secretKey,
            @ConfigProperty(name = "clerk.api") String api,
            @ConfigProperty(name = "clerk.api-url") String apiUrl) {
        if (secretKey.isEmpty() || secretKey.get().isBlank()) {
            throw new InvalidSettingException("CLERK_SECRET_KEY is not set: give the secret key of the Clerk"
                    + " instance (sk_test_... or sk_live_...)");
        }
        this.api = parseApi(api);
        checkUrl(apiUrl);
    }

    /** The API new connections are created on. */
    public ClerkApi api() {
        return api;
    }

    private static ClerkApi parseApi(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "enterprise" -> ClerkApi.ENTERPRISE;
            case "saml" -> ClerkApi.SAML;
            default -> throw new InvalidSettingException("CLERK_API must be \"enterprise\" or \"saml\", was \""
                    + value + "\"");
        };
    }

    private static void checkUrl(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw new InvalidSettingException("CLERK_API_URL must be an http(s) URL such as https://api.clerk.com/v1,"
                    + " was \"" + value + "\"");
        }
    }
}
