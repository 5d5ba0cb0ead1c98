package io.ssosync.testing;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;

/** The fixed API tokens of the test profile ({@code %test.sso-sync.api.tokens} in application.properties). */
public final class ApiTokens {

    public static final String VIEWER = "test-viewer-token";
    public static final String AUDITOR = "test-auditor-token";
    public static final String OPERATOR = "test-operator-token";
    /** Listed under both auditor and operator: can do everything. */
    public static final String AUDITOR_OPERATOR = "test-auditor-operator-token";
    /** A viewer token configured only by its SHA-256 ({@code viewer:sha256:<hex>}). */
    public static final String HASHED_VIEWER = "test-hashed-viewer-token";

    private ApiTokens() {
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The actor the audit trail records for a static token: its SHA-256, first 12 hex digits. */
    public static String actor(String token) {
        try {
            return "token:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Requests with a token that can make every call, for the tests whose subject is not authorization. */
    public static RequestSpecification everything() {
        return new RequestSpecBuilder().addHeader("Authorization", bearer(AUDITOR_OPERATOR)).build();
    }
}
