package io.ssosync.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import io.ssosync.sync.domain.ClerkApi;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Clerk settings, checked once at start-up so that a wrong setting stops the service with a
 * message naming the environment variable, instead of failing every call later.
 */
@ApplicationScoped
public class ClerkSettings {

    /** Far above any Clerk plan: a larger number is a typo, not a quota. */
    static final int MAX_RATE_LIMIT = 100_000;
    /** A call that may take longer than this would outlive the command's lease renewals by far. */
    static final int MAX_TIMEOUT_MS = 300_000;

    private final ClerkApi api;
    private final int rateLimit;
    private final String keyId;

    public ClerkSettings(SsoSyncConfig config) {
        SsoSyncConfig.Clerk clerk = config.clerk();
        Optional<String> secretKey = clerk.secretKey();
        if (secretKey.isEmpty() || secretKey.get().isBlank()) {
            throw new InvalidSettingException("CLERK_SECRET_KEY is not set: give the secret key of the Clerk"
                    + " instance (sk_test_... or sk_live_...)");
        }
        this.api = parseApi(clerk.api());
        checkUrl(clerk.apiUrl());
        this.rateLimit = parseRateLimit(clerk.rateLimit());
        // Read by SmallRye Fault Tolerance (the time-out of ClerkHttp/exchange); checked here to name the variable.
        SettingRanges.whole("CLERK_TIMEOUT_MS", clerk.timeoutMs(), 1, MAX_TIMEOUT_MS, "milliseconds per call to Clerk");
        this.keyId = digest(secretKey.get());
    }

    /** The API new connections are created on. */
    public ClerkApi api() {
        return api;
    }

    /** Requests per 10 s that Clerk allows this key: 100 on development instances, 1000 on production. */
    public int rateLimit() {
        return rateLimit;
    }

    /** Names the secret key without revealing it: the first 16 hex digits of its SHA-256. */
    public String keyId() {
        return keyId;
    }

    private static int parseRateLimit(String value) {
        return (int) SettingRanges.whole("CLERK_RATE_LIMIT", value, 1, MAX_RATE_LIMIT,
                "requests per 10 s: 100 on development instances, 1000 on production");
    }

    private static String digest(String secretKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secretKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
