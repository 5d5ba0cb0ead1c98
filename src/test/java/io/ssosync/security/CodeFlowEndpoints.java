package io.ssosync.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * The authorization-code side of the test OIDC provider, beside {@link JwksServer}'s JWKS: discovery, an
 * {@code /authorize} that signs in whoever the test chose without asking (after checking that the request carries a
 * state, a nonce and an S256 PKCE challenge), and a {@code /token} that checks the client's credentials, the code,
 * the redirect URI and the PKCE verifier before answering a signed ID token and access token. A test may also have
 * it misbehave once: answer another state, sign another nonce, or tamper with the ID token.
 */
public final class CodeFlowEndpoints {

    public static final String CLIENT_ID = "sso-sync-console";
    public static final String CLIENT_SECRET = "console-client-secret-for-tests-0123456789";

    /** What the next sign-in does wrong, if anything. */
    public enum Fault {
        NONE, OTHER_STATE, OTHER_NONCE, TAMPERED_ID_TOKEN
    }

    private record Grant(String redirectUri, String challenge, String nonce, String user, List<String> roles,
            Fault fault) {
    }

    private static volatile String nextUser = "alice";
    private static volatile List<String> nextRoles = List.of(Roles.VIEWER);
    private static volatile Fault nextFault = Fault.NONE;
    private static final Map<String, Grant> GRANTS = new ConcurrentHashMap<>();
    private static final List<String> ISSUED = new CopyOnWriteArrayList<>();
    private static final List<String> TOKEN_REQUESTS = new CopyOnWriteArrayList<>();

    private CodeFlowEndpoints() {
    }

    /** Whom the provider signs in next, with which values of the role claim. */
    public static void nextSignIn(String user, List<String> roles) {
        nextUser = user;
        nextRoles = List.copyOf(roles);
        nextFault = Fault.NONE;
    }

    /** Makes the next sign-in go wrong this way. */
    public static void nextFault(Fault fault) {
        nextFault = fault;
    }

    /** Every token this provider has handed out, for tests that look for them where they must not be. */
    public static List<String> issuedTokens() {
        return List.copyOf(ISSUED);
    }

    /** How many token requests came with the right client credentials, code, redirect URI and verifier. */
    public static int acceptedTokenRequests() {
        return TOKEN_REQUESTS.size();
    }

    static void register(HttpServer server, String base) {
        server.createContext("/.well-known/openid-configuration", exchange -> send(exchange, 200, "{\"issuer\":\""
                + JwksServer.ISSUER + "\",\"authorization_endpoint\":\"" + base + "/authorize\",\"token_endpoint\":\""
                + base + "/token\",\"jwks_uri\":\"" + base + "/jwks\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"code_challenge_methods_supported\":[\"S256\"]}"));
        server.createContext("/authorize", CodeFlowEndpoints::authorize);
        server.createContext("/token", CodeFlowEndpoints::token);
    }

    private static void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String redirectUri = query.get("redirect_uri");
        if (!"code".equals(query.get("response_type")) || !CLIENT_ID.equals(query.get("client_id"))
                || redirectUri == null || !query.get("scope").contains("openid") || blank(query.get("state"))
                || blank(query.get("nonce")) || blank(query.get("code_challenge"))
                || !"S256".equals(query.get("code_challenge_method"))) {
            send(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        Fault fault = nextFault;
        nextFault = Fault.NONE;
        String code = UUID.randomUUID().toString();
        GRANTS.put(code, new Grant(redirectUri, query.get("code_challenge"), query.get("nonce"), nextUser, nextRoles,
                fault));
        String state = fault == Fault.OTHER_STATE ? UUID.randomUUID().toString() : query.get("state");
        exchange.getResponseHeaders().set("Location", redirectUri + "?code=" + code + "&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!clientAuthenticated(exchange, form)) {
            send(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = GRANTS.remove(String.valueOf(form.get("code")));
        if (!"authorization_code".equals(form.get("grant_type")) || grant == null
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || !grant.challenge().equals(s256(String.valueOf(form.get("code_verifier"))))) {
            send(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        TOKEN_REQUESTS.add(grant.user());
        String idToken = idToken(grant);
        String accessToken = sign(claims(grant.user(), grant.roles()).audience(JwksServer.AUDIENCE));
        ISSUED.add(idToken);
        ISSUED.add(accessToken);
        send(exchange, 200, "{\"access_token\":\"" + accessToken + "\",\"id_token\":\"" + idToken
                + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    private static String idToken(Grant grant) {
        String nonce = grant.fault() == Fault.OTHER_NONCE ? UUID.randomUUID().toString() : grant.nonce();
        String signed = sign(claims(grant.user(), grant.roles()).audience(CLIENT_ID).claim("nonce", nonce));
        if (grant.fault() != Fault.TAMPERED_ID_TOKEN) {
            return signed;
        }
        // The claims of a token that makes the person an operator, under the signature of the one the provider gave.
        String forged = sign(claims(grant.user(), List.of(Roles.OPERATOR)).audience(CLIENT_ID).claim("nonce", nonce));
        String[] real = signed.split("\\.");
        String[] wanted = forged.split("\\.");
        return real[0] + "." + wanted[1] + "." + real[2];
    }

    private static JwtClaimsBuilder claims(String user, List<String> roles) {
        return Jwt.issuer(JwksServer.ISSUER).subject("sub-" + user).preferredUserName(user)
                .claim(JwksServer.ROLE_CLAIM, roles).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(JwksServer.KEY_ID).sign(JwksServer.KEYS.getPrivate());
    }

    /** client_secret_basic, as quarkus-oidc sends a secret by default, or client_secret_post. */
    private static boolean clientAuthenticated(HttpExchange exchange, Map<String, String> form) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
                    .split(":", 2);
            return pair.length == 2 && CLIENT_ID.equals(decode(pair[0])) && CLIENT_SECRET.equals(decode(pair[1]));
        }
        return CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
                }
            }
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
