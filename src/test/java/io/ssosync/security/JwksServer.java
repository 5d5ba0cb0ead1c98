package io.ssosync.security;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in OIDC provider: serves the JWKS of a key pair made for the run, whose private key the JWT tests sign
 * with, and points the API's quarkus-oidc tenant at it (discovery off, so only the JWKS URL is needed). The same
 * server is the console's provider for the authorization-code flow ({@link CodeFlowEndpoints}, with discovery).
 */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://idp.example.test";
    static final String AUDIENCE = "sso-sync";
    static final String ROLE_CLAIM = "sso_roles";
    static final String KEY_ID = "test-key-1";
    static final KeyPair KEYS = rsaKeyPair();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] jwks = jwks((RSAPublicKey) KEYS.getPublic()).getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        CodeFlowEndpoints.register(server, base);
        server.start();
        return Map.of(
                "sso-sync.console.oidc.server-url", base,
                "sso-sync.console.oidc.client-id", CodeFlowEndpoints.CLIENT_ID,
                "sso-sync.console.oidc.client-secret", CodeFlowEndpoints.CLIENT_SECRET,
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", base,
                "quarkus.oidc.discovery-enabled", "false",
                "quarkus.oidc.jwks-path", "jwks",
                "quarkus.oidc.token.issuer", ISSUER,
                "quarkus.oidc.token.audience", AUDIENCE,
                "quarkus.oidc.roles.role-claim-path", ROLE_CLAIM);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(RSAPublicKey key) {
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
    }

    /** Unsigned big-endian bytes, as JWK wants them (BigInteger adds a sign byte when the top bit is set). */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
