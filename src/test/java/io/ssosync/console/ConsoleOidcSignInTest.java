package io.ssosync.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ssosync.security.CodeFlowEndpoints;
import io.ssosync.security.OidcProfile;
import io.ssosync.security.Roles;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/**
 * Signing in to the console through the OIDC provider's authorization-code flow, against the test provider
 * ({@link CodeFlowEndpoints}), one redirect at a time over real HTTP and once in headless Chromium: the roles of the
 * ID token's claim, refusals (no role, another state, another nonce, a tampered ID token), sign-out, and a log free
 * of tokens, claims and the client secret.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
@WithTestResource(SyncStack.class)
class ConsoleOidcSignInTest {

    private static final String SESSION = "sso_sync_console";
    private static final Path LOG = Path.of("target", "quarkus-test.log");

    @TestHTTPResource("/")
    URL base;

    private CookieKeepingClient client;
    /** The provider's /authorize request of the last sign-in. */
    private String authorizeRequest;

    @BeforeEach
    void start() throws URISyntaxException {
        TestDatabase.clean();
        TestDatabase.execute("insert into connection_state (connection_key, tenant_id, desired_version, status)"
                + " values ('idp_sso', 't_sso', 1, 'SYNCED')");
        client = new CookieKeepingClient(base.toURI());
        authorizeRequest = null;
    }

    @Test
    void anOperatorSignsInThroughTheProviderWithTheRoleOfTheIdToken() {
        assertTrue(client.get("/console/sign-in").body().contains("<a href=\"/console/oidc/sign-in\" id=\"sso\""));
        CodeFlowEndpoints.nextSignIn("olivia", List.of(Roles.OPERATOR, "unrelated-group"));

        HttpResponse<String> landing = signInThroughTheProvider();

        assertEquals(200, landing.statusCode(), landing.body());
        assertTrue(authorizeRequest.contains("code_challenge_method=S256") && authorizeRequest.contains("nonce="),
                authorizeRequest);
        assertTrue(client.cookies().containsKey(SESSION), client.cookies().toString());
        assertTrue(client.cookies().keySet().stream().noneMatch(name -> name.startsWith("q_")),
                "quarkus-oidc's cookies are ended: " + client.cookies().keySet());
        assertEquals(Map.of("actor", "oidc:olivia", "roles", Roles.OPERATOR),
                TestDatabase.rows("select actor, roles from console_session").get(0));
        assertTrue(landing.body().contains("content=\"0; url=/console/connections\""), landing.body());
        String page = client.get("/console/connections").body();
        assertTrue(page.contains("oidc:olivia") && page.contains("id=\"pause\""), page);

        HttpResponse<String> paused = client.postForm("/console/dispatch/pause", "reason=sso&csrf="
                + ConsoleAccessTest.csrfOf(page));
        assertEquals(200, paused.statusCode(), paused.body());
        assertEquals("oidc:olivia", TestDatabase.value("select actor from operator_action"));
    }

    @Test
    void aViewerSeesNoActionsAndIsRefusedThem() {
        CodeFlowEndpoints.nextSignIn("victor", List.of(Roles.VIEWER));
        assertEquals(200, signInThroughTheProvider().statusCode());

        String page = client.get("/console/connections").body();
        assertTrue(page.contains("idp_sso") && page.contains("oidc:victor"), page);
        assertFalse(page.contains("id=\"pause\""), page);
        assertEquals(403, client.postForm("/console/dispatch/pause", "csrf=" + ConsoleAccessTest.csrfOf(page))
                .statusCode());
        assertEquals(Boolean.FALSE, TestDatabase.value("select paused from dispatch_control"));
    }

    @Test
    void someoneWithNoneOfOurRolesIsRefusedAndGetsNoSession() {
        CodeFlowEndpoints.nextSignIn("nora", List.of("admin", "developers"));

        HttpResponse<String> landing = signInThroughTheProvider();

        assertEquals(403, landing.statusCode());
        assertTrue(landing.body().contains("none of the roles viewer, auditor or operator"), landing.body());
        assertFalse(client.cookies().containsKey(SESSION));
        assertEquals(0, TestDatabase.count("select count(*) from console_session"));
        assertEquals(303, client.get("/console/connections").statusCode());
    }

    @ParameterizedTest
    @EnumSource(value = CodeFlowEndpoints.Fault.class, names = { "OTHER_STATE", "OTHER_NONCE", "TAMPERED_ID_TOKEN" })
    void aSignInTheProviderGotWrongIsRefused(CodeFlowEndpoints.Fault fault) {
        CodeFlowEndpoints.nextSignIn("mallory", List.of(Roles.VIEWER));
        CodeFlowEndpoints.nextFault(fault);

        HttpResponse<String> outcome = signInThroughTheProvider();

        assertNotEquals(200, outcome.statusCode(), outcome.body());
        assertFalse(client.cookies().containsKey(SESSION));
        assertEquals(0, TestDatabase.count("select count(*) from console_session"));
    }

    @Test
    void signOutEndsTheSessionAndTheNextSignInGoesThroughTheProviderAgain() {
        CodeFlowEndpoints.nextSignIn("audrey", List.of(Roles.AUDITOR));
        assertEquals(200, signInThroughTheProvider().statusCode());
        String csrf = ConsoleAccessTest.csrfOf(client.get("/console/connections").body());

        HttpResponse<String> out = client.postForm("/console/sign-out", "csrf=" + csrf);

        assertEquals(303, out.statusCode());
        assertEquals(0, TestDatabase.count("select count(*) from console_session"));
        assertEquals("/console/sign-in", URI.create(CookieKeepingClient.location(client.get("/console/connections")))
                .getPath());
        HttpResponse<String> again = client.get("/console/oidc/sign-in");
        assertEquals(302, again.statusCode());
        assertTrue(CookieKeepingClient.location(again).contains("/authorize?"), "not sent to the provider: "
                + CookieKeepingClient.location(again));
        assertEquals(0, TestDatabase.count("select count(*) from console_session"));
    }

    @Test
    void quarkusOidcsOwnSessionCookieSignsNobodyInAnywhereElse() {
        CodeFlowEndpoints.nextSignIn("eve", List.of(Roles.OPERATOR));
        HttpResponse<String> back = client.get(CookieKeepingClient.location(client.get("/console/oidc/sign-in")));
        // The code exchanged, quarkus-oidc's session cookie set; the landing page that ends it not reached yet.
        client.get(CookieKeepingClient.location(back));
        assertTrue(client.cookies().keySet().stream().anyMatch(name -> name.startsWith("q_session")),
                client.cookies().toString());

        assertEquals(303, client.get("/console/connections").statusCode());
        assertEquals(401, client.get("/api/connections").statusCode());
    }

    @Test
    void noTokenClaimSetOrClientSecretReachesTheLog() throws IOException {
        CodeFlowEndpoints.nextSignIn("trudy", List.of(Roles.VIEWER));
        CodeFlowEndpoints.nextFault(CodeFlowEndpoints.Fault.TAMPERED_ID_TOKEN);
        assertNotEquals(200, signInThroughTheProvider().statusCode());
        client = new CookieKeepingClient(client.service());
        CodeFlowEndpoints.nextSignIn("trudy", List.of(Roles.VIEWER));
        assertEquals(200, signInThroughTheProvider().statusCode());

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(LOG)
                .contains("A sign-in to the console through the OIDC provider was refused"));
        String log = Files.readString(LOG);
        assertFalse(log.contains(CodeFlowEndpoints.CLIENT_SECRET), "the client secret is in the log");
        assertFalse(log.contains("claims->"), "a claim set is in the log");
        for (String token : CodeFlowEndpoints.issuedTokens()) {
            for (String part : token.split("\\.")) {
                assertFalse(log.contains(part), "a token (or part of one) is in the log");
            }
        }
    }

    @Test
    void aPersonClicksSignInWithSsoInChromiumAndLandsSignedIn() {
        CodeFlowEndpoints.nextSignIn("bianca", List.of(Roles.OPERATOR));
        ChromeDriver browser = Chromium.start();
        try {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
            browser.get(base.toString().replaceAll("/$", "") + "/console/connections");
            browser.findElement(By.id("sso")).click();
            assertTrue(browser.findElement(By.cssSelector("header .who")).getText().contains("oidc:bianca"),
                    browser.getCurrentUrl());
            assertTrue(browser.getCurrentUrl().endsWith("/console/connections"), browser.getCurrentUrl());
            browser.findElement(By.id("pause"));
        } finally {
            browser.quit();
        }
    }

    /**
     * From the console's link to the provider and back, one redirect at a time; stops at the first answer that is
     * not a redirect, or at a second trip to the provider (quarkus-oidc starting over).
     */
    private HttpResponse<String> signInThroughTheProvider() {
        HttpResponse<String> toProvider = client.get("/console/oidc/sign-in");
        assertEquals(302, toProvider.statusCode(), toProvider.body());
        authorizeRequest = CookieKeepingClient.location(toProvider);
        assertTrue(authorizeRequest.contains("/authorize?"), authorizeRequest);
        HttpResponse<String> response = client.get(authorizeRequest);
        assertEquals(302, response.statusCode(), "the provider refused the authorization request: "
                + response.body());
        for (int hop = 0; hop < 5; hop++) {
            response = client.get(CookieKeepingClient.location(response));
            if (response.statusCode() != 302 && response.statusCode() != 303
                    || CookieKeepingClient.location(response).contains("/authorize?")) {
                return response;
            }
        }
        throw new AssertionError("too many redirects");
    }
}
