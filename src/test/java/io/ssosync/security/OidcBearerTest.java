package io.ssosync.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.ssosync.testing.ApiTokens;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** Bearer JWTs the test signs itself, checked by quarkus-oidc against the JWKS {@link JwksServer} serves. */
@QuarkusTest
@TestProfile(OidcProfile.class)
@WithTestResource(SyncStack.class)
class OidcBearerTest {

    private static final String KEY = "idp_oidc";

    @BeforeEach
    void seed() {
        TestDatabase.clean();
        TestDatabase.execute("insert into connection_state (connection_key, tenant_id, desired_version, status)"
                + " values ('" + KEY + "', 't_oidc', 1, 'SYNCED')");
    }

    @Test
    void aValidTokenGrantsTheRolesOfTheConfiguredClaim() {
        String viewer = sign(claims(List.of(Roles.VIEWER)));
        assertEquals(200, status("GET", "/api/connections", viewer));
        assertEquals(200, status("GET", "/api/rejected-events", viewer));
        assertEquals(403, status("GET", "/api/connections/" + KEY + "/history", viewer));
        assertEquals(403, status("POST", "/api/connections/" + KEY + "/retry", viewer));

        String auditorOperator = sign(claims(List.of(Roles.AUDITOR, Roles.OPERATOR)));
        assertEquals(200, status("GET", "/api/connections/" + KEY + "/history", auditorOperator));
        assertEquals(200, status("POST", "/api/connections/" + KEY + "/retry", auditorOperator));
    }

    @Test
    void theRetryIsRecordedUnderTheTokensUser() {
        assertEquals(200, status("POST", "/api/connections/" + KEY + "/retry", sign(claims(List.of(Roles.OPERATOR)))));

        assertEquals("oidc:alice", TestDatabase.value("select actor from operator_action"));
    }

    @Test
    void aTokenWithoutARoleIs403() {
        assertEquals(403, status("GET", "/api/connections", sign(claims(List.of()))));
        assertEquals(403, status("GET", "/api/connections", sign(claims(List.of("admin")))));
    }

    @Test
    void aTokenOfAnotherAudienceOrIssuerExpiredOrSignedByAnotherKeyIs401() {
        List<String> viewer = List.of(Roles.VIEWER);
        assertEquals(401, status("GET", "/api/connections", sign(claims(viewer).audience("another-service"))));
        assertEquals(401, status("GET", "/api/connections", sign(claims(viewer).issuer("https://evil.example.test"))));
        assertEquals(401, status("GET", "/api/connections", sign(claims(viewer)
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(600)))));
        assertEquals(401, status("GET", "/api/connections", claims(viewer).jws().keyId(JwksServer.KEY_ID)
                .sign(JwksServer.rsaKeyPair().getPrivate())));
        assertEquals(401, status("GET", "/api/connections", "not.a.jwt"));
    }

    @Test
    void aRefusedJwtGetsAProblemAnswerWithItsChallenge() {
        var answer = given().header("Authorization", ApiTokens.bearer(sign(claims(List.of(Roles.VIEWER))
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(600)))))
                .get("/api/connections");

        assertEquals(401, answer.statusCode());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals(401, answer.jsonPath().getInt("status"), answer.asString());
        assertTrue(answer.header("WWW-Authenticate").startsWith("Bearer"), answer.headers().toString());
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
    }

    @Test
    void staticTokensStillWorkBesideOidc() {
        assertEquals(200, status("GET", "/api/connections", ApiTokens.VIEWER));
        assertEquals(403, status("GET", "/api/connections/" + KEY + "/history", ApiTokens.HASHED_VIEWER));
        assertEquals(401, status("GET", "/api/connections", "not-a-configured-token"));
        assertEquals(401, given().get("/api/connections").statusCode());
    }

    private static JwtClaimsBuilder claims(List<String> roles) {
        return Jwt.issuer(JwksServer.ISSUER).audience(JwksServer.AUDIENCE).subject("u-1234")
                .preferredUserName("alice").claim(JwksServer.ROLE_CLAIM, roles)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
    }

    private static String sign(JwtClaimsBuilder claims) {
        PrivateKey key = JwksServer.KEYS.getPrivate();
        return claims.jws().keyId(JwksServer.KEY_ID).sign(key);
    }

    private static int status(String method, String path, String token) {
        var request = given().header("Authorization", ApiTokens.bearer(token));
        return ("GET".equals(method) ? request.get(path) : request.post(path)).statusCode();
    }
}
